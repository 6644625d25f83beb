import {
  encodeSharedState,
  encodeUrlState,
  type CoverageMapState,
  type SharedState,
} from './url-state';

/**
 * The dashboard's screens, one per task, each at a URL a user can share and bookmark. The
 * coverage map's link carries the whole map state (lib/url-state.ts: the links made before
 * there were several screens open the same view); the other screens' links carry the shared
 * part (département, year, reference, selection), so that they open on the same territory.
 */
export type ScreenName = 'couverture' | 'zones' | 'projet-mam' | 'rapport' | 'administration';

/** Which state a screen's link carries: all of the map's, or only the shared part. */
export type LinkState = 'map' | 'shared';

export interface Screen {
  name: ScreenName;
  path: string;
  /** Its entry in the navigation bar. */
  label: string;
  /** The window's title (what a bookmark is named after). */
  title: string;
  linkState: LinkState;
  /** Query parameters of the screen's own, kept when the shared state rewrites the link. */
  ownQuery?: readonly string[];
}

export const SCREENS: readonly Screen[] = [
  {
    name: 'couverture',
    path: '/',
    label: 'Carte de couverture',
    title: 'Berceau — couverture de l’accueil du jeune enfant',
    linkState: 'map',
  },
  {
    name: 'zones',
    path: '/zones',
    label: 'Zones à examiner',
    title: 'Zones à examiner — Berceau',
    linkState: 'shared',
  },
  {
    name: 'projet-mam',
    path: '/projet-mam',
    label: 'Projet de MAM',
    title: 'Projet de MAM — Berceau',
    linkState: 'shared',
    // A saved scenario, and the one it is compared with (views/mam-project).
    ownQuery: ['scenario', 'comparer'],
  },
  {
    name: 'rapport',
    path: '/rapport',
    label: 'Rapport de territoire',
    title: 'Rapport de territoire — Berceau',
    linkState: 'shared',
  },
  {
    name: 'administration',
    path: '/administration',
    label: 'Administration',
    title: 'Administration — Berceau',
    linkState: 'shared',
  },
];

/** The query string (without "?") of a link to a screen, for the state of the moment. */
export function linkQuery(linkState: LinkState, state: SharedState & CoverageMapState): string {
  return linkState === 'map' ? encodeUrlState(state) : encodeSharedState(state);
}

/** The query string of a path as vue-router spells it ("/a?b=1#c" → "b=1"). */
export function queryOfPath(fullPath: string): string {
  const q = fullPath.indexOf('?');
  if (q < 0) return '';
  const hash = fullPath.indexOf('#', q);
  return fullPath.slice(q + 1, hash < 0 ? undefined : hash);
}
