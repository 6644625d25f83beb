import { z } from 'zod';
import {
  bodyYear,
  dataset,
  departementCode,
  queryYear,
  sources,
  strictRequest,
  travelMode,
} from './common';
import { areal, multiPolygon, polygon, position } from './geojson';

/**
 * POST /api/isochrones, GET /api/travel/nearest: travel times over the stored road network.
 * What the figures mean (speeds, the off-network rule, estimates): docs/travel-times.md.
 */

/** At most this many bands in one isochrone request. */
export const MAX_BANDS = 6;
/** Band limits are whole minutes from 1 to 60. */
export const MIN_BAND_MINUTES = 1;
export const MAX_BAND_MINUTES = 60;

const longitude = z
  .number({ error: 'must be a longitude in degrees (WGS84), a number' })
  .min(-180, 'must be a longitude between -180 and 180')
  .max(180, 'must be a longitude between -180 and 180');
const latitude = z
  .number({ error: 'must be a latitude in degrees (WGS84), a number' })
  .min(-90, 'must be a latitude between -90 and 90')
  .max(90, 'must be a latitude between -90 and 90');

const BAND_RANGE = `from ${MIN_BAND_MINUTES} to ${MAX_BAND_MINUTES}`;
const bandMinutes = z
  .number({ error: `must be a whole number of minutes ${BAND_RANGE}` })
  .int(`must be a whole number of minutes ${BAND_RANGE}`)
  .min(MIN_BAND_MINUTES, `must be ${BAND_RANGE} minutes`)
  .max(MAX_BAND_MINUTES, `must be ${BAND_RANGE} minutes`);

export const isochroneBody = strictRequest({
  /** Inside the bounding box of the loaded territories. */
  lon: longitude,
  lat: latitude,
  /** Band limits: cumulative bands [0, m], increasing, no repeats. */
  minutes: z
    .array(bandMinutes, { error: 'must be a list of band limits in minutes, e.g. [10, 20, 30]' })
    .min(1, 'must list at least one band limit, e.g. [10, 20, 30]')
    .max(MAX_BANDS, `must list at most ${MAX_BANDS} band limits`)
    .superRefine((list, ctx) => {
      for (let k = 1; k < list.length; k++) {
        if (list[k] <= list[k - 1]) {
          ctx.addIssue({
            code: 'custom',
            message: `must be in increasing order without repeats (${list[k]} after ${list[k - 1]})`,
          });
          return;
        }
      }
    }),
  mode: travelMode,
  year: bodyYear.optional(),
});

/**
 * How children under 3 inside a band are counted (see docs/travel-times.md): from the demand
 * grid's cells inside the band; by each commune's area share inside the band for communes
 * without grid cells; or both in one band.
 */
export const childrenMethod = z.enum(['demand_grid', 'commune_area_share', 'demand_grid_and_area']);

export const isochroneBandProperties = z.strictObject({
  minutes: z.number().int(),
  mode: travelMode,
  year: z.number().int(),
  /** Each commune's children × the share of them inside the band (children_method). */
  children_under3: z.number().nullable(),
  /** Some were counted by area share, or from grid cells placed by the estimate ("estimé"). */
  children_estimated: z.boolean(),
  children_method: childrenMethod,
  places_eaje_psu: z.number(),
  places_eaje_hors_psu: z.number(),
  /**
   * Childminders at home: each commune's agreement places (× the under-3 share) × the share of
   * its children inside the band (from its grid cells); by its area share for a commune with no
   * populated cell.
   */
  places_am: z.number(),
  places_mam: z.number(),
  places_total: z.number(),
  area_km2: z.number(),
  /** Communes the band meets. */
  communes: z.number().int(),
  /**
   * Communes met whose childminders at home are left out of `places_am` (and the total):
   * their figures are withheld by statistical secrecy, and a band's share of a commune would
   * give them back. The band's AM places are then a lower bound.
   */
  am_withheld_communes: z.number().int(),
  fictional: z.boolean(),
  sources,
});

/** Where the isochrone starts: joined to the roads, or why it cannot be (not an error). */
export const isochroneOrigin = z.discriminatedUnion('reachable', [
  z.strictObject({
    reachable: z.literal(true),
    lon: z.number(),
    lat: z.number(),
    /** The nearest point of a road usable in the mode. */
    snapped: z.strictObject({ lon: z.number(), lat: z.number() }),
    /** The straight leg from the point to the road. */
    off_network_m: z.number(),
    off_network_minutes: z.number(),
    edge_id: z.number().int(),
  }),
  z.strictObject({
    reachable: z.literal(false),
    lon: z.number(),
    lat: z.number(),
    snapped: z.null(),
    reason: z.enum(['invalid-coordinates', 'no-usable-road', 'too-far-from-road']),
    message: z.string(),
    nearest_road_m: z.number().nullable(),
  }),
]);

export const isochroneCollection = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    origin: isochroneOrigin,
    metadata: z.strictObject({
      mode: travelMode,
      year: z.number().int(),
      years: z.array(z.number().int()),
      minutes: z.array(z.number().int()),
      /** Side of the grid cells the polygons were traced on (metres); null without bands. */
      cell_m: z.number().nullable(),
      /** How children are counted, in words. */
      children_method: z.string(),
      am_under3_share: z.number(),
      fictional: z.boolean(),
      datasets: z.array(dataset),
    }),
    /** One band per limit, by increasing minutes, nested; none when the origin is unreachable. */
    features: z.array(
      z.strictObject({
        type: z.literal('Feature'),
        geometry: multiPolygon,
        properties: isochroneBandProperties,
      }),
    ),
  })
  .meta({ id: 'IsochroneCollection' });

export const nearestTarget = z.enum(['eaje', 'mam', 'formal'], {
  error: 'must be eaje, mam or formal',
});
export const nearestLevel = z.enum(['commune', 'grid'], { error: 'must be commune or grid' });

export const nearestQuery = strictRequest({
  level: nearestLevel,
  /** formal: any EAJE or MAM (childminders at home never count: no location is public). */
  target: nearestTarget,
  min_places: z.coerce
    .number<string | number>({ error: 'must be a whole number of places from 1 to 200' })
    .int('must be a whole number of places from 1 to 200')
    .min(1, 'must be a whole number of places from 1 to 200')
    .max(200, 'must be a whole number of places from 1 to 200')
    .default(1),
  mode: travelMode.default('car'),
  year: queryYear.optional(),
  /** Only that département's communes or cells (targets of every loaded département count). */
  departement: departementCode.optional(),
});

/** Minutes to the nearest target; null beyond `max_minutes` or when off the roads. */
const minutes = z.number().nullable();
/** The nearest target's id (`eaje-12`, `mam-3`), null when none is within reach. */
const nearest = z.string().nullable();

export const nearestCommuneFeature = z.strictObject({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: areal,
  properties: z.strictObject({
    code: z.string(),
    name: z.string(),
    departement_code: z.string(),
    minutes,
    nearest,
    children_under3: z.number().nullable(),
    label_point: position,
    /** The label point is more than the off-network reach from any road. */
    off_network: z.boolean(),
  }),
});

export const nearestCellFeature = z.strictObject({
  type: z.literal('Feature'),
  /** `col-row`, 0-based from the grid's south-west corner. */
  id: z.string(),
  geometry: polygon,
  properties: z.strictObject({ id: z.string(), minutes, nearest, off_network: z.boolean() }),
});

export const nearestCollection = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    metadata: z.strictObject({
      level: nearestLevel,
      target: nearestTarget,
      /** The facility types the target stands for. */
      target_types: z.array(z.enum(['eaje', 'mam'])),
      min_places: z.number().int(),
      mode: travelMode,
      year: z.number().int(),
      years: z.array(z.number().int()),
      departement: z.string().nullable(),
      /** Times above this are not searched. */
      max_minutes: z.number(),
      /** Where a place's time starts, in words. */
      origin_rule: z.string(),
      /** Grid only: side of the cells (metres). */
      cell_m: z.number().optional(),
      targets: z.number().int(),
      targets_off_network: z.number().int(),
      fictional: z.boolean(),
      sources,
      datasets: z.array(dataset),
    }),
    /** Commune outlines (level=commune) or square cells (level=grid). */
    features: z.array(z.union([nearestCommuneFeature, nearestCellFeature])),
  })
  .meta({ id: 'NearestCollection' });
