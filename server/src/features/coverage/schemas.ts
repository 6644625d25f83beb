import { z } from 'zod';

/** Query and path schemas of the coverage endpoints (also the source of the OpenAPI document). */
export const level = z.enum(['commune', 'epci', 'departement'], {
  error: 'must be one of commune, epci, departement',
});
export const year = z.coerce
  .number({ error: 'must be a year such as 2024' })
  .int('must be a year such as 2024')
  .min(1900, 'must be a year between 1900 and 2100')
  .max(2100, 'must be a year between 1900 and 2100');
export const reference = z
  .enum(['national', 'departement'], { error: 'must be national or departement' })
  .default('national');
export const departementCode = z
  .string()
  .regex(/^[0-9A-Z]{2,3}$/, 'must be a département code such as 18, 2A or 974');

export const territoryListQuery = z.strictObject(
  {
    level,
    year: year.optional(),
    departement: departementCode.optional(),
    reference,
    format: z.enum(['geojson', 'csv'], { error: 'must be geojson or csv' }).default('geojson'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter(s): ${issue.keys.join(', ')}`
        : undefined,
  },
);

export const territoryParams = z.object({
  level,
  code: z.string().regex(/^[0-9A-Z]{2,9}$/, 'must be an INSEE, SIREN or département code'),
});

export const territoryDetailQuery = z.strictObject(
  { year: year.optional(), reference },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter(s): ${issue.keys.join(', ')}`
        : undefined,
  },
);

const bbox = z
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
  });

export const facilitiesQuery = z.strictObject(
  {
    bbox,
    type: z.enum(['eaje', 'mam'], { error: 'must be eaje or mam' }).optional(),
    departement: departementCode.optional(),
    limit: z.coerce
      .number()
      .int('must be an integer')
      .min(1, 'must be between 1 and 10000')
      .max(10000, 'must be between 1 and 10000')
      .default(5000),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter(s): ${issue.keys.join(', ')}`
        : undefined,
  },
);
