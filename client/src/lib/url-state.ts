import { isOverlayId, OVERLAY_IDS, type OverlayId } from './layers';
import {
  MAX_BAND_MINUTES,
  MAX_BANDS,
  MIN_BAND_MINUTES,
  type IsochroneSpec,
  type NearestLevel,
  type NearestTarget,
  type TravelMode,
  validMinPlaces,
} from './travel';

/**
 * What a link reopens: the département shown (when several are loaded), the map view, the level shown, the year, the reference of the gap
 * classes, the selected territory and the active layers. Encoded in the query string with short,
 * stable keys; anything invalid is dropped (a hand-edited link still opens the map).
 *
 *   ?dep=18&level=commune&year=2024&ref=departement&sel=epci:200000001&layers=eaje,roads&view=2.1234,47.2345,9.50
 *
 * and for travel times the isochrone shown (origin, mode, bands) and the settings of the "time to
 * the nearest place" layer (target, level, mode and, when set, the minimum number of places of
 * the facility reached), each only when set or not the default:
 *
 *   &iso=2.12345,47.23456,car,10-20-30&acc=mam,commune,walk
 *   &acc=eaje,grid,car,10        (EAJE of at least 10 places; links without it: no minimum)
 */
/** The choropleth's level: EPT only where the Métropole du Grand Paris is loaded. */
export type MapLevel = 'epci' | 'ept' | 'commune';
export type ReferenceKind = 'national' | 'departement';
export type TerritoryLevel = 'commune' | 'epci' | 'ept' | 'departement';

export interface MapView {
  lon: number;
  lat: number;
  zoom: number;
}

export interface TerritoryRef {
  level: TerritoryLevel;
  code: string;
}

/**
 * What several screens share: the département shown, the year, the reference and the selected
 * territory. Every screen's link carries it (the coverage map's, and the others').
 */
export interface SharedState {
  /** The département shown when several are loaded; null: the default (lib/departements.ts). */
  departement: string | null;
  year: number | null;
  reference: ReferenceKind;
  selected: TerritoryRef | null;
}

/** The coverage map's own settings, carried by its link only. */
export interface CoverageMapState {
  level: MapLevel;
  layers: OverlayId[];
  view: MapView | null;
  /** The isochrone drawn, recomputed when the link is opened. */
  isochrone: IsochroneSpec | null;
  /** Settings of the "time to the nearest place" layer. */
  access: AccessSettings;
}

export interface MapUrlState extends SharedState, CoverageMapState {}

export interface AccessSettings {
  target: NearestTarget;
  level: NearestLevel;
  mode: TravelMode;
  /** Only facilities with at least this many places (2 to 200); null: every facility. */
  minPlaces: number | null;
}

export const DEFAULT_ACCESS: Readonly<AccessSettings> = Object.freeze({
  target: 'formal',
  level: 'grid',
  mode: 'car',
  minPlaces: null,
});

export const DEFAULT_STATE: Readonly<MapUrlState> = Object.freeze({
  departement: null,
  level: 'epci',
  year: null,
  reference: 'national',
  selected: null,
  layers: [],
  view: null,
  isochrone: null,
  access: DEFAULT_ACCESS,
});

const CODE = /^[0-9A-Z]{2,9}$/;
const DEPARTEMENT_CODE = /^[0-9A-Z]{2,3}$/;

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The shared part of a state (the keys every screen's link carries). */
export function sharedState(s: SharedState): SharedState {
  return {
    departement: s.departement,
    year: s.year,
    reference: s.reference,
    selected: s.selected ? { ...s.selected } : null,
  };
}

/** The coverage map's own part of a state. */
export function coverageMapState(s: CoverageMapState): CoverageMapState {
  return {
    level: s.level,
    layers: [...s.layers],
    view: s.view ? { ...s.view } : null,
    isochrone: s.isochrone ? { ...s.isochrone, minutes: [...s.isochrone.minutes] } : null,
    access: { ...s.access },
  };
}

/**
 * The query string of another screen's link: the shared state only, so that a report or a list
 * of zones opens on the same territory, year and reference, without the map's own settings.
 */
export function encodeSharedState(s: SharedState): string {
  return encodeUrlState({ ...DEFAULT_STATE, layers: [], ...sharedState(s) });
}

/** The query string of a state (without "?"); defaults are left out so links stay short. */
export function encodeUrlState(state: MapUrlState): string {
  const p = new URLSearchParams();
  if (state.departement) p.set('dep', state.departement);
  if (state.level !== DEFAULT_STATE.level) p.set('level', state.level);
  if (state.year !== null) p.set('year', String(state.year));
  if (state.reference !== DEFAULT_STATE.reference) p.set('ref', state.reference);
  if (state.selected) p.set('sel', `${state.selected.level}:${state.selected.code}`);
  // Layers in their canonical order, so that the same state gives the same link.
  const layers = OVERLAY_IDS.filter((id) => state.layers.includes(id));
  if (layers.length > 0) p.set('layers', layers.join(','));
  if (state.view) {
    const { lon, lat, zoom } = state.view;
    p.set('view', `${round(lon, 5)},${round(lat, 5)},${round(zoom, 2)}`);
  }
  if (state.isochrone) {
    const { lon, lat, mode, minutes } = state.isochrone;
    p.set('iso', `${round(lon, 5)},${round(lat, 5)},${mode},${minutes.join('-')}`);
  }
  const a = state.access;
  const minPlaces = validMinPlaces(a.minPlaces);
  if (
    a.target !== DEFAULT_ACCESS.target ||
    a.level !== DEFAULT_ACCESS.level ||
    a.mode !== DEFAULT_ACCESS.mode ||
    minPlaces !== null
  ) {
    p.set('acc', `${a.target},${a.level},${a.mode}${minPlaces === null ? '' : `,${minPlaces}`}`);
  }
  // URLSearchParams escapes ',' and ':'; they are safe in a query and easier to read as is.
  return p.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}

/** The state of a query string ("?..." or "..."); invalid or unknown values fall back to defaults. */
export function decodeUrlState(search: string): MapUrlState {
  const p = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const state: MapUrlState = { ...DEFAULT_STATE, layers: [], access: { ...DEFAULT_ACCESS } };

  const dep = p.get('dep');
  if (dep && DEPARTEMENT_CODE.test(dep)) state.departement = dep;

  const level = p.get('level');
  if (level === 'epci' || level === 'ept' || level === 'commune') state.level = level;

  const year = Number(p.get('year'));
  if (p.has('year') && Number.isInteger(year) && year >= 1900 && year <= 2100) state.year = year;

  const ref = p.get('ref');
  if (ref === 'national' || ref === 'departement') state.reference = ref;

  const sel = p.get('sel');
  if (sel) {
    const [l, code] = sel.split(':');
    if (
      (l === 'commune' || l === 'epci' || l === 'ept' || l === 'departement') &&
      code &&
      CODE.test(code)
    ) {
      state.selected = { level: l, code };
    }
  }

  const layers = (p.get('layers') ?? '').split(',').filter(isOverlayId);
  state.layers = OVERLAY_IDS.filter((id) => layers.includes(id));

  const view = (p.get('view') ?? '').split(',').map(Number);
  if (view.length === 3 && view.every(Number.isFinite)) {
    const [lon, lat, zoom] = view;
    if (lon >= -180 && lon <= 180 && lat >= -85 && lat <= 85 && zoom >= 0 && zoom <= 22) {
      state.view = { lon, lat, zoom };
    }
  }

  state.isochrone = decodeIsochrone(p.get('iso'));
  const [accTarget, accLevel, accMode, accMin] = (p.get('acc') ?? '').split(',');
  if (accTarget === 'eaje' || accTarget === 'mam' || accTarget === 'formal')
    state.access.target = accTarget;
  if (accLevel === 'grid' || accLevel === 'commune') state.access.level = accLevel;
  if (accMode === 'car' || accMode === 'walk') state.access.mode = accMode;
  // Digits only: Number('') is 0 and Number('1e1') is 10.
  if (accMin && /^\d{1,3}$/.test(accMin)) state.access.minPlaces = validMinPlaces(Number(accMin));
  return state;
}

function decodeIsochrone(value: string | null): IsochroneSpec | null {
  if (!value) return null;
  const [lonText, latText, mode, bands] = value.split(',');
  const lon = Number(lonText);
  const lat = Number(latText);
  if (
    !lonText ||
    !latText ||
    !Number.isFinite(lon) ||
    !Number.isFinite(lat) ||
    Math.abs(lon) > 180 ||
    Math.abs(lat) > 85
  )
    return null;
  if (mode !== 'car' && mode !== 'walk') return null;
  const minutes = (bands ?? '').split('-').map(Number);
  const valid = minutes.every(
    (m, i) =>
      Number.isInteger(m) &&
      m >= MIN_BAND_MINUTES &&
      m <= MAX_BAND_MINUTES &&
      (i === 0 || m > minutes[i - 1]),
  );
  if (!valid || minutes.length === 0 || minutes.length > MAX_BANDS) return null;
  return { lon, lat, mode, minutes };
}
