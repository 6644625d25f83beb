import { z } from 'zod';
import { dataset, sources, strictRequest, territoryLevel } from './common';
import { multiPolygon, position } from './geojson';

/** GET /api/gap-zones: zones of the demand grid without a formal place within reach. */

const MINUTES_MESSAGE = 'must be a whole number of minutes from 5 to 60';

export const gapZoneCriterion = z.enum(['sans_offre', 'sous_dotee'], {
  error: 'must be sans_offre or sous_dotee',
});
export const gapZoneStatus = z.enum(['active', 'disappeared', 'merged', 'split']);

/** The review status of a zone (docs/gap-zones.md, "Review"). */
export const reviewStatus = z.enum(['a_examiner', 'confirmee', 'action_prevue', 'ecartee'], {
  error: 'must be one of a_examiner, confirmee, action_prevue, ecartee',
});

/** A user id in a query string (`?assignee=4`). */
export const queryUserId = z.coerce
  .number<string | number>({ error: 'must be a user id' })
  .int('must be a user id')
  .positive('must be a user id');

export const gapZoneQuery = strictRequest({
  /** With `code` (both or neither): only the zones touching that commune, EPCI or département. */
  level: territoryLevel.optional(),
  code: z
    .string()
    .regex(/^[0-9A-Z]{2,9}$/, 'must be an INSEE, SIREN or département code')
    .optional(),
  criterion: gapZoneCriterion.default('sans_offre'),
  /** "sans offre à N minutes": no formal place within N minutes by car. */
  minutes: z.coerce
    .number<string | number>({ error: MINUTES_MESSAGE })
    .int(MINUTES_MESSAGE)
    .min(5, MINUTES_MESSAGE)
    .max(60, MINUTES_MESSAGE)
    .default(15),
  /** `all`: also the zones of earlier computations that disappeared, merged or split. */
  status: z.enum(['active', 'all'], { error: 'must be active or all' }).default('active'),
  format: z.enum(['geojson', 'csv'], { error: 'must be geojson or csv' }).default('geojson'),
  /** Signed-in users only (401 otherwise): the zones whose review has this status. */
  review_status: reviewStatus.optional(),
  /** Signed-in users only (401 otherwise): the zones assigned to this user id. */
  assignee: queryUserId.optional(),
});

const territoryRef = z.strictObject({ code: z.string(), name: z.string() });

export const gapZoneProperties = z.strictObject({
  id: z.string(),
  status: gapZoneStatus,
  /** For a zone no longer active: the zones now holding its cells. */
  successors: z.array(z.string()),
  /** Children under 3 living in its cells (from the demand grid). */
  children_under3: z.number(),
  /** Some of its cells are placed by the estimate from roads and buildings ("estimé"). */
  children_estimated: z.boolean(),
  /** Places to create within reach to bring the zone to the reference rate. */
  places_missing: z.number().int(),
  /** The formal places nearest to its cells, with the shortest time by car from a cell. */
  nearest: z.array(
    z.strictObject({ id: z.string(), name: z.string().nullable(), minutes: z.number() }),
  ),
  cells: z.number().int(),
  /** Its cells from which no formal place is reached within 60 min by car. */
  cells_unreachable: z.number().int(),
  area_km2: z.number(),
  communes: z.array(territoryRef),
  epcis: z.array(territoryRef),
  departements: z.array(z.string()),
  label_point: position,
});

export const gapZoneFeature = z.strictObject({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: multiPolygon,
  properties: gapZoneProperties,
});

export const gapZoneCollection = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    metadata: z.strictObject({
      criterion: gapZoneCriterion,
      /** sans_offre: no formal place within these minutes by car (unused by sous_dotee). */
      minutes: z.number().int(),
      /**
       * sous_dotee: a cell counts when its accessibility rate (default E2SFCA, see
       * docs/accessibility.md) is under this share of the reference rate; null for sans_offre.
       */
      share: z.number().nullable(),
      /** Year of the population and places the zones are computed from (the latest). */
      year: z.number().int(),
      level: territoryLevel.nullable(),
      code: z.string().nullable(),
      /** Zones are connected groups of cells sharing a side. */
      adjacency: z.literal(4),
      cell_m: z.number(),
      /** Zones with fewer children are left out. */
      min_children: z.number(),
      /** Places per 100 children under 3 that places_missing is counted to (national rate). */
      reference_rate: z.number(),
      reference_year: z.number().int(),
      /** A zone keeps its id when it covers at least this share of its previous cells. */
      keep_share: z.number(),
      /** Populated cells examined over the whole loaded territory, and of them unreachable. */
      cells: z.number().int(),
      cells_unreachable: z.number().int(),
      fictional: z.boolean(),
      sources,
      datasets: z.array(dataset),
    }),
    features: z.array(gapZoneFeature),
  })
  .meta({ id: 'GapZoneCollection' });

export type GapZoneRequest = z.input<typeof gapZoneQuery>;
export type GapZoneProperties = z.output<typeof gapZoneProperties>;
export type GapZoneFeature = z.output<typeof gapZoneFeature>;
export type GapZoneCollection = z.output<typeof gapZoneCollection>;

/** An answer of the demo territory, for the OpenAPI document. */
export const GAP_ZONE_EXAMPLE: GapZoneCollection = {
  type: 'FeatureCollection',
  metadata: {
    criterion: 'sans_offre',
    minutes: 15,
    share: null,
    year: 2024,
    level: 'epci',
    code: '200000001',
    adjacency: 4,
    cell_m: 200,
    min_children: 5,
    reference_rate: 59.8,
    reference_year: 2022,
    keep_share: 0.5,
    cells: 3321,
    cells_unreachable: 0,
    fictional: true,
    sources: [1, 2],
    datasets: [],
  },
  features: [
    {
      type: 'Feature',
      id: 'gz-3f1c0a9b7d21',
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [2.401, 47.101],
              [2.404, 47.101],
              [2.404, 47.103],
              [2.401, 47.103],
              [2.401, 47.101],
            ],
          ],
        ],
      },
      properties: {
        id: 'gz-3f1c0a9b7d21',
        status: 'active',
        successors: [],
        children_under3: 7.4,
        children_estimated: false,
        places_missing: 5,
        nearest: [{ id: 'eaje-12', name: 'Multi-accueil Les Lutins', minutes: 16.2 }],
        cells: 6,
        cells_unreachable: 0,
        area_km2: 0.24,
        communes: [{ code: '99012', name: 'Vernay-le-Bas' }],
        epcis: [{ code: '200000001', name: 'CC du Val fictif' }],
        departements: ['99'],
        label_point: [2.4025, 47.102],
      },
    },
  ],
};
