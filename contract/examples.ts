/**
 * Example answers of the OpenAPI document, taken from the fictional demo territory (seed 42) and
 * shortened (outlines cut to a few points, one feature per list). The contract test parses each
 * with its schema, so an example cannot drift from the contract.
 */

import type { z } from 'zod';
import type { dataset, errorAnswer } from './common';
import type { facilityCollection } from './facilities';
import type { health } from './health';
import type { areal } from './geojson';
import type {
  historyEntry,
  referenceInfo,
  territoryCollection,
  territoryDetail,
  territoryProperties,
} from './territories';
import type { isochroneCollection, nearestCollection } from './travel';

type Example<S extends z.ZodType> = z.input<S>;

const DEMO_SOURCE = 'Générateur de territoire fictif Berceau, graine 42';

const datasetExample = {
  id: 2,
  key: 'demo:population',
  kind: 'population',
  name: 'Population et enfants de moins de 3 ans (territoire fictif)',
  source: DEMO_SOURCE,
  sourceUrl: null,
  licence: 'CC0-1.0 (données générées)',
  vintage: '2019-2024',
  fictional: true,
  fileName: null,
  checksum: null,
  importedAt: '2026-01-05T09:30:00.000Z',
  rowCounts: { population: 1680 },
} satisfies Example<typeof dataset>;

const nationalReference = {
  kind: 'national',
  year: 2023,
  rate: 60.9,
  carriedForward: true,
  source:
    "CNAF / ONAPE, « L'accueil du jeune enfant », rapports de l'Observatoire national de la petite enfance",
} satisfies Example<typeof referenceInfo>;

const figures = {
  year: 2024,
  children_under3: 3076,
  places_eaje_psu: 466,
  places_eaje_hors_psu: 98,
  places_am: 1093.5,
  places_mam: 51.84,
  places_home_care: 53,
  places_preschool: 75,
  places_total: 1837.34,
  coverage_rate: 59.7,
  coverage_class: 'near',
  reference_rate: 60.9,
  childminders_secret: false,
  childminders_below: null,
  missing_modes: [],
  caf_rate: null,
  am_under3_share: 0.81,
} satisfies Example<typeof historyEntry>;

const epciProperties = {
  code: '000001001',
  name: 'Chauminay Agglomération',
  level: 'epci',
  epci_code: '000001001',
  departement_code: 'Z1',
  ...figures,
  small_population: false,
  fictional: true,
  sources: [1, 2, 3, 5, 6],
  label_point: [2.87068, 46.974],
} satisfies Example<typeof territoryProperties>;

const outline = {
  type: 'Polygon',
  coordinates: [
    [
      [2.69389, 46.98923],
      [2.70594, 46.97877],
      [2.68282, 46.9502],
      [2.65199, 46.93897],
      [2.69389, 46.98923],
    ],
  ],
} satisfies Example<typeof areal>;

/** An EAJE of the demo, as the detail and the facilities list both describe it. */
const tomPouce = {
  id: 16,
  type: 'eaje',
  name: 'Multi-accueil Tom Pouce',
  kind: 'multi_accueil',
  financing: 'psu',
  places: 36,
  commune_code: 'Z1052',
  location_approximate: false,
} as const;

type ErrorExample = Example<typeof errorAnswer>;
const errorExample = (
  code: ErrorExample['error']['code'],
  message: string,
  details?: ErrorExample['error']['details'],
): ErrorExample => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

export const EXAMPLES = {
  health: {
    status: 'ok',
    database: { mode: 'embedded', postgresVersion: '18.3', postgisVersion: '3.6.2' },
    capabilities: {
      postgresVersion: '18.3',
      postgisVersion: '3.6.2',
      mvt: false,
      pgrouting: false,
      pgroutingVersion: null,
    },
    fictional: true,
    territories: [
      {
        departementCode: 'Z1',
        name: "Vallée-d'Escaude",
        fictional: true,
        communes: 280,
        epcis: 14,
      },
    ],
    datasets: [datasetExample],
    basemapStyleUrl: null,
  } satisfies Example<typeof health>,

  territoryCollection: {
    type: 'FeatureCollection',
    metadata: {
      level: 'epci',
      year: 2024,
      years: [2019, 2020, 2021, 2022, 2023, 2024],
      reference: nationalReference,
      am_under3_share: 0.81,
      small_population_threshold: 20,
      secrecy_threshold: 3,
      fictional: true,
      datasets: [datasetExample],
    },
    features: [{ type: 'Feature', id: '000001001', geometry: outline, properties: epciProperties }],
  } satisfies Example<typeof territoryCollection>,

  territoryDetail: {
    territory: epciProperties,
    bbox: [2.50088, 46.813587, 3.211987, 47.133867],
    history: [figures],
    parents: { departement: { code: 'Z1', name: "Vallée-d'Escaude", coverage_rate: 65.3 } },
    national: nationalReference,
    reference: nationalReference,
    supply_points: { eaje: 25, mam: 5, childminders: 507 },
    facilities: [
      { ...tomPouce, lon: 2.807901, lat: 46.980975 },
      {
        id: 22,
        type: 'mam',
        name: "MAM Les P'tits Bouchons",
        kind: 'mam',
        financing: null,
        places: 16,
        childminder_count: 4,
        commune_code: 'Z1162',
        location_approximate: false,
        lon: 2.872008,
        lat: 46.978957,
      },
    ],
    am_under3_share: 0.81,
    secrecy_threshold: 3,
    datasets: [datasetExample],
    caf: null,
  } satisfies Example<typeof territoryDetail>,

  facilityCollection: {
    type: 'FeatureCollection',
    metadata: { count: 1, truncated: false, limit: 5000, year: 2024 },
    features: [
      {
        type: 'Feature',
        id: 'eaje-16',
        geometry: { type: 'Point', coordinates: [2.807901, 46.980975] },
        properties: { ...tomPouce, childminder_count: null },
      },
    ],
  } satisfies Example<typeof facilityCollection>,

  isochroneCollection: {
    type: 'FeatureCollection',
    origin: {
      reachable: true,
      lon: 2.87068,
      lat: 46.974,
      snapped: { lon: 2.8696983, lat: 46.9732753 },
      off_network_m: 109.7,
      off_network_minutes: 0.33,
      edge_id: 16,
    },
    metadata: {
      mode: 'car',
      year: 2024,
      years: [2019, 2020, 2021, 2022, 2023, 2024],
      minutes: [10],
      children_method:
        'Children under 3 of each commune × the share of them living in the demand grid’s cells whose centroid is inside the band; for a commune without grid cells, × the share of its area inside the band (its children assumed spread evenly).',
      am_under3_share: 0.81,
      cell_m: 100,
      fictional: true,
      datasets: [datasetExample],
    },
    features: [
      {
        type: 'Feature',
        geometry: {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [2.8092023, 46.926474],
                [2.8111176, 46.926474],
                [2.8121381, 46.9271391],
                [2.8092023, 46.926474],
              ],
            ],
          ],
        },
        properties: {
          minutes: 10,
          mode: 'car',
          year: 2024,
          children_under3: 2198.27,
          children_estimated: false,
          children_method: 'demand_grid',
          places_eaje_psu: 415,
          places_eaje_hors_psu: 88,
          places_am: 697.69,
          places_mam: 33.21,
          places_total: 1233.9,
          area_km2: 129.94,
          communes: 19,
          am_withheld_communes: 4,
          fictional: true,
          sources: [1, 2, 3, 4, 5, 7],
        },
      },
    ],
  } satisfies Example<typeof isochroneCollection>,

  nearestCollection: {
    type: 'FeatureCollection',
    metadata: {
      level: 'grid',
      target: 'eaje',
      target_types: ['eaje'],
      min_places: 1,
      mode: 'car',
      year: 2024,
      years: [2019, 2020, 2021, 2022, 2023, 2024],
      departement: null,
      max_minutes: 60,
      origin_rule: 'the cell’s centre, joined to the nearest road by the off-network rule',
      cell_m: 1000,
      targets: 60,
      targets_off_network: 0,
      fictional: true,
      sources: [3, 7],
      datasets: [datasetExample],
    },
    features: [
      {
        type: 'Feature',
        id: '61-0',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [2.9778518, 46.620019],
              [2.9910431, 46.620019],
              [2.9910431, 46.6290122],
              [2.9778518, 46.6290122],
              [2.9778518, 46.620019],
            ],
          ],
        },
        properties: { id: '61-0', minutes: null, nearest: null, off_network: true },
      },
    ],
  } satisfies Example<typeof nearestCollection>,

  badRequest: errorExample(
    'bad_request',
    'Invalid request: query.level: must be one of commune, epci, ept, departement',
    [{ field: 'query.level', message: 'must be one of commune, epci, ept, departement' }],
  ),
  yearNotAvailable: errorExample(
    'year_not_available',
    'No data for year 1990; available years: 2019, 2020, 2021, 2022, 2023, 2024',
    { field: 'query.year', available: [2019, 2020, 2021, 2022, 2023, 2024] },
  ),
  unknownTerritory: errorExample('not_found', 'Unknown commune "Z1999"', {
    field: 'params.code',
  }),
  noRoads: errorExample(
    'no_roads',
    'No road network is loaded: load the demo or import roads (npm run berceau -- import roads <file.osm.pbf>)',
  ),
  databaseUnavailable: errorExample(
    'database_unavailable',
    'The database cannot be reached; retry in 5 seconds',
  ),
  rateLimited: errorExample(
    'rate_limited',
    'Too many isochrone requests: at most 60 a minute per client; retry in 42 seconds',
  ),
  csrfRefused: errorExample(
    'forbidden',
    'Missing or invalid CSRF token: send the x-csrf-token header given by GET /api/session',
  ),
  bodyTooLarge: errorExample('bad_request', 'Invalid request body: request entity too large'),
  pdfUnavailable: errorExample(
    'pdf_unavailable',
    'PDF indisponible : Chromium introuvable (/usr/bin/chromium). Imprimez la page /rapport depuis le navigateur, ou installez Chromium / définissez BERCEAU_CHROMIUM. PDF unavailable: no Chromium at /usr/bin/chromium; print /rapport from a browser, or install Chromium / set BERCEAU_CHROMIUM.',
  ),
  unknownLayer: errorExample('not_found', 'Unknown tile layer "nope"; known layers: communes', {
    layers: ['communes'],
  }),
};
