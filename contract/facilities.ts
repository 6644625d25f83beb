import { z } from 'zod';
import { departementCode, queryYear, strictRequest } from './common';
import { point } from './geojson';

/** GET /api/facilities: EAJE and MAM in a bounding box (never childminders: personal data). */

const bboxParameter = z
  .string({ error: 'is required: minLon,minLat,maxLon,maxLat in degrees (WGS84)' })
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim());
    const nums = parts.map(Number);
    if (
      parts.length !== 4 ||
      parts.some((p) => p === '') ||
      nums.some((n) => !Number.isFinite(n))
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `must be four numbers minLon,minLat,maxLon,maxLat (got "${s}")`,
      });
      return z.NEVER;
    }
    const [minLon, minLat, maxLon, maxLat] = nums;
    if (
      [minLon, maxLon].some((x) => x < -180 || x > 180) ||
      [minLat, maxLat].some((y) => y < -90 || y > 90)
    ) {
      ctx.addIssue({
        code: 'custom',
        message:
          'longitudes must be within -180..180 and latitudes within -90..90 (is the order minLon,minLat,maxLon,maxLat?)',
      });
      return z.NEVER;
    }
    if (minLon >= maxLon || minLat >= maxLat) {
      ctx.addIssue({
        code: 'custom',
        message: 'minLon must be less than maxLon and minLat less than maxLat',
      });
      return z.NEVER;
    }
    return nums as [number, number, number, number];
  })
  .meta({ description: 'minLon,minLat,maxLon,maxLat in degrees (WGS84)' });

export const facilityType = z.enum(['eaje', 'mam'], { error: 'must be eaje or mam' });

export const facilitiesQuery = strictRequest({
  bbox: bboxParameter,
  type: facilityType.optional(),
  departement: departementCode.optional(),
  /** Facilities open that year; the figures' year (the latest with data) when absent. */
  year: queryYear.optional(),
  limit: z.coerce
    .number<string | number>()
    .int('must be an integer')
    .min(1, 'must be between 1 and 10000')
    .max(10000, 'must be between 1 and 10000')
    .default(5000),
});

export const facilityProperties = z.strictObject({
  id: z.number().int(),
  type: facilityType,
  name: z.string(),
  /** EAJE kind (multi_accueil, micro_creche…); null for a MAM or when unknown. */
  kind: z.string().nullable(),
  /** EAJE financing (psu, hors_psu); null for a MAM or when unknown. */
  financing: z.string().nullable(),
  places: z.number(),
  /** MAM only (null for an EAJE or when unknown). */
  childminder_count: z.number().int().nullable(),
  commune_code: z.string(),
  location_approximate: z.boolean(),
});

export const facilityCollection = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    metadata: z.strictObject({
      count: z.number().int(),
      /** More facilities than `limit` are in the box: only the first `limit` are listed. */
      truncated: z.boolean(),
      limit: z.number().int(),
      /** The facilities listed are those open that year (null: nothing loaded, none closed). */
      year: z.number().int().nullable(),
    }),
    features: z.array(
      z.strictObject({
        type: z.literal('Feature'),
        /** `eaje-<id>` or `mam-<id>`, as travel times name them. */
        id: z.string(),
        geometry: point,
        properties: facilityProperties,
      }),
    ),
  })
  .meta({ id: 'FacilityCollection' });
