import type * as Api from '../api/types';
import type { ChildminderPositions } from '../lib/childminder-positions';
import type { OverlayId } from '../lib/layers';
import type { MapLevel, ReferenceKind } from '../lib/url-state';
import type { MapController } from './map-controller';

/**
 * Everything the coverage map shows, as one value: the screen computes it from its state and
 * `applyScene` tells the map what changed. The one place where state reaches the map's layers.
 */
export interface MapScene {
  /** The choropleth (the list of the level shown) and its level. */
  territories: Api.TerritoryCollection | null;
  level: MapLevel;
  /** EPCI outlines (drawn over the communes) and département outlines. */
  epciOutlines: Api.TerritoryCollection | null;
  departementOutlines: Api.TerritoryCollection | null;
  selected: Api.TerritoryFeature | null;
  overlays: OverlayId[];
  /** Parameters of the vector-tile layers: year, reference of the gap classes, département. */
  tiles: { year: number | null; reference: ReferenceKind; departement: string | null };
  facilities: Api.FacilityCollection | null;
  /** The time-to-nearest layer's cells or communes. */
  access: Api.NearestCollection | null;
  /** The isochrone's bands (null while a new one is computed) and its origin. */
  isochrone: Api.IsochroneCollection | null;
  isochroneOrigin: [number, number] | null;
  /** An online basemap under the layers (null: the offline style). */
  basemapStyleUrl: string | null;
  /** Childminders' homes, for a signed-in user who turned their layer on (absent: none). */
  childminderPositions?: ChildminderPositions | null;
}

/** What `applyScene` drives: the map controller, or a fake in tests. */
export type SceneTarget = Pick<
  MapController,
  | 'setTerritories'
  | 'setOutlines'
  | 'setSelected'
  | 'setOverlays'
  | 'setTileParams'
  | 'setFacilities'
  | 'setAccess'
  | 'setIsochrones'
  | 'setBasemap'
  | 'setChildminderPositions'
>;

/** Each part of the scene: the values it is drawn from, and how the map is told. */
const PARTS: {
  inputs: (s: MapScene) => unknown[];
  apply: (t: SceneTarget, s: MapScene) => void;
}[] = [
  {
    inputs: (s) => [s.territories, s.level],
    apply: (t, s) => t.setTerritories(s.territories, s.level),
  },
  {
    inputs: (s) => [s.epciOutlines, s.departementOutlines, s.level],
    apply: (t, s) => void t.setOutlines(s.epciOutlines, s.departementOutlines, s.level),
  },
  { inputs: (s) => [s.selected], apply: (t, s) => void t.setSelected(s.selected) },
  { inputs: (s) => [s.overlays.join(',')], apply: (t, s) => void t.setOverlays(s.overlays) },
  {
    inputs: (s) => [s.tiles.year, s.tiles.reference, s.tiles.departement],
    apply: (t, s) => void t.setTileParams(s.tiles.year, s.tiles.reference, s.tiles.departement),
  },
  { inputs: (s) => [s.facilities], apply: (t, s) => void t.setFacilities(s.facilities) },
  { inputs: (s) => [s.access], apply: (t, s) => void t.setAccess(s.access) },
  {
    inputs: (s) => [s.isochrone, s.isochroneOrigin?.[0], s.isochroneOrigin?.[1]],
    apply: (t, s) => void t.setIsochrones(s.isochrone, s.isochroneOrigin),
  },
  {
    inputs: (s) => [s.basemapStyleUrl],
    apply: (t, s) => {
      if (s.basemapStyleUrl) void t.setBasemap(s.basemapStyleUrl);
    },
  },
  {
    inputs: (s) => [s.childminderPositions ?? null],
    apply: (t, s) => void t.setChildminderPositions(s.childminderPositions ?? null),
  },
];

/**
 * Tell the map the parts of `next` that differ from `previous` (all of them when the map is
 * new: `previous` null). Data are compared by identity: a list reloaded is drawn again.
 */
export function applyScene(target: SceneTarget, next: MapScene, previous: MapScene | null) {
  for (const part of PARTS) {
    const now = part.inputs(next);
    const before = previous ? part.inputs(previous) : null;
    if (before && now.every((v, i) => Object.is(v, before[i]))) continue;
    part.apply(target, next);
  }
}
