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
    sourceUrl: null,
    licence: 'test',
    vintage: '2024',
    fictional,
    fileName: null,
    checksum: null,
    importedAt: '2025-01-01T00:00:00Z',
    rowCounts: {},
  };
}

export function health(
  territories: { departementCode: string; name: string; fictional: boolean }[],
  datasets: Dataset[] = [],
  extra: Partial<Health> = {},
): Health {
  return {
    status: 'ok',
    database: { mode: 'embedded', postgresVersion: '17.5', postgisVersion: '3.5.2' },
    capabilities: {
      postgresVersion: '17.5',
      postgisVersion: '3.5.2',
      mvt: false,
      pgrouting: false,
      pgroutingVersion: null,
    },
    basemapStyleUrl: null,
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
      childminders_secret: false,
      childminders_below: null,
      missing_modes: [],
      caf_rate: null,
      am_under3_share: 0.81,
      small_population: false,
      fictional: false,
      sources: [1],
      label_point: [lon + 0.05, lat + 0.05],
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
      small_population_threshold: 20,
      secrecy_threshold: 3,
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
    territory: {
      ...t.properties,
      label_point: t.properties.label_point ?? [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2],
    },
    bbox,
    history: [],
    parents: {},
    reference: { kind: 'national', rate: 60.9, year: 2023, carriedForward: true, source: 'Cnaf' },
    am_under3_share: 0.9,
    secrecy_threshold: 3,
    national: { kind: 'national', rate: 60.9, year: 2023, carriedForward: true, source: 'Cnaf' },
    supply_points: { eaje: 0, mam: 0, childminders: 0 },
    facilities: [],
    datasets: [],
    caf: null,
  };
}

/** An isochrone band (no outline: the panels and legends read its figures only). */
export function isochroneBand(
  minutes: number,
  extra: Partial<IsochroneBandProperties> = {},
): IsochroneCollection['features'][number] {
  return {
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: [] },
    properties: {
      minutes,
      mode: 'car',
      year: 2024,
      children_under3: 1234.4,
      children_estimated: true,
      children_method: 'commune_area_share',
      places_eaje_psu: 60,
      places_eaje_hors_psu: 12,
      places_am: 412.02,
      places_mam: 19.44,
      places_total: 503.46,
      area_km2: 45.25,
      communes: 4,
      am_withheld_communes: 0,
      fictional: true,
      sources: [1],
      ...extra,
    },
  };
}
