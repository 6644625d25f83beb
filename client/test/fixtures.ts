import type {
  Dataset,
  Health,
  IsochroneBandProperties,
  IsochroneCollection,
  TerritoryCollection,
  TerritoryDetail,
  TerritoryFeature,
  TerritoryProperties,
} from '../src/api/types';
import type { TerritoryLevel } from '../src/lib/url-state';

/**
 * Small, readable API answers for the client's tests: only the fields the code under test reads
 * are meaningful; the others hold neutral values.
 */
export function dataset(id: number, kind: string, name: string, fictional = false): Dataset {
  return {
    id,
    key: `${kind}-${id}`,
    kind,
    name,
    source: 'test',
    licence: 'test',
    vintage: '2024',
    fictional,
    importedAt: '2025-01-01T00:00:00Z',
  };
}

export function health(
  territories: { departementCode: string; name: string; fictional: boolean }[],
  datasets: Dataset[] = [],
  extra: Partial<Health> = {},
): Health {
  return {
    status: 'ok',
    database: { mode: 'embedded' },
    fictional: territories.some((t) => t.fictional),
    territories: territories.map((t) => ({ ...t, communes: 1, epcis: 1 })),
    datasets,
    ...extra,
  };
}

/** The closed ring of a square of `side` degrees whose south-west corner is (lon, lat). */
function squareRing(lon: number, lat: number, side: number): [number, number][] {
  const corners: [number, number][] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];
  return corners.map(([x, y]) => [lon + x * side, lat + y * side]);
}

const PLACE_MODES = ['eaje_psu', 'eaje_hors_psu', 'am', 'mam', 'home_care', 'preschool'] as const;
/** Places by mode, none: a test sets the ones it reads. */
const NO_PLACES_BY_MODE = Object.fromEntries(PLACE_MODES.map((m) => [`places_${m}`, 0])) as Record<
  `places_${(typeof PLACE_MODES)[number]}`,
  number
>;

/** A square territory of 0.1° at (lon, lat). */
export function territory(
  level: TerritoryLevel,
  code: string,
  name: string,
  p: Partial<TerritoryProperties> & { lon?: number; lat?: number } = {},
): TerritoryFeature {
  const { lon = 2, lat = 47, ...props } = p;
  return {
    type: 'Feature',
    id: code,
    geometry: { type: 'Polygon', coordinates: [squareRing(lon, lat, 0.1)] },
    properties: {
      code,
      name,
      level,
      epci_code: null,
      departement_code: '18',
      year: 2024,
      children_under3: 100,
      ...NO_PLACES_BY_MODE,
      places_total: 60,
      coverage_rate: 60,
      coverage_class: 'near',
      reference_rate: 60,
      small_population: false,
      fictional: false,
      sources: [1],
      ...props,
    },
  };
}

export function collection(
  level: TerritoryLevel,
  features: TerritoryFeature[],
  metadata: Partial<TerritoryCollection['metadata']> = {},
): TerritoryCollection {
  return {
    type: 'FeatureCollection',
    features,
    metadata: {
      level,
      year: 2024,
      years: [2023, 2024],
      reference: { kind: 'national', rate: 60.9, year: 2023, carriedForward: true, source: 'Cnaf' },
      am_under3_share: 0.9,
      fictional: false,
      datasets: [],
      ...metadata,
    },
  };
}

export function detail(
  t: TerritoryFeature,
  bbox: [number, number, number, number],
): TerritoryDetail {
  return {
    territory: t.properties,
    bbox,
    history: [],
    parents: {},
    national: { rate: 60.9, year: 2023, carriedForward: true, source: 'Cnaf' },
    supply_points: { eaje: 0, mam: 0, childminders: 0 },
    facilities: [],
    datasets: [],
  };
}

/** An isochrone band (no outline: the panels and legends read its figures only). */
export function isochroneBand(
  minutes: number,
  extra: Partial<IsochroneBandProperties> = {},
): IsochroneCollection['features'][number] {
  return {
    type: 'Feature',
    geometry: { type: 'Polygon', coordinates: [] },
    properties: {
      minutes,
      mode: 'car',
      year: 2024,
      children_under3: 1234.4,
      children_estimated: true,
      places_eaje_psu: 60,
      places_eaje_hors_psu: 12,
      places_am: 412.02,
      places_mam: 19.44,
      places_total: 503.46,
      area_km2: 45.25,
      fictional: true,
      sources: [1],
      ...extra,
    },
  };
}
