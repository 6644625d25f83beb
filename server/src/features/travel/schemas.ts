import { z } from 'zod';
import { departementCode, year } from '../coverage/schemas';

/** Request schemas of the travel endpoints (also the source of the OpenAPI document). */

/** At most this many bands in one isochrone request. */
export const MAX_BANDS = 6;
/** Band limits are whole minutes from 1 to 60. */
export const MIN_BAND_MINUTES = 1;
export const MAX_BAND_MINUTES = 60;

const unknownKeys = {
  error: (issue: { code: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys'
      ? `unknown parameter(s): ${issue.keys?.join(', ')}`
      : undefined,
};

export const travelMode = z.enum(['car', 'walk'], { error: 'must be car or walk' });

const longitude = z
  .number({ error: 'must be a longitude in degrees (WGS84), a number' })
  .min(-180, 'must be a longitude between -180 and 180')
  .max(180, 'must be a longitude between -180 and 180');
const latitude = z
  .number({ error: 'must be a latitude in degrees (WGS84), a number' })
  .min(-90, 'must be a latitude between -90 and 90')
  .max(90, 'must be a latitude between -90 and 90');

const bandMinutes = z
  .number({
    error: `must be a whole number of minutes from ${MIN_BAND_MINUTES} to ${MAX_BAND_MINUTES}`,
  })
  .int(`must be a whole number of minutes from ${MIN_BAND_MINUTES} to ${MAX_BAND_MINUTES}`)
  .min(MIN_BAND_MINUTES, `must be from ${MIN_BAND_MINUTES} to ${MAX_BAND_MINUTES} minutes`)
  .max(MAX_BAND_MINUTES, `must be from ${MIN_BAND_MINUTES} to ${MAX_BAND_MINUTES} minutes`);

export const isochroneBody = z.strictObject(
  {
    lon: longitude,
    lat: latitude,
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
    year: z
      .number({ error: 'must be a year such as 2024' })
      .int('must be a year such as 2024')
      .min(1900, 'must be a year between 1900 and 2100')
      .max(2100, 'must be a year between 1900 and 2100')
      .optional(),
  },
  unknownKeys,
);
export type IsochroneBody = z.infer<typeof isochroneBody>;

export const nearestTarget = z.enum(['eaje', 'mam', 'formal'], {
  error: 'must be eaje, mam or formal',
});
export type NearestTarget = z.infer<typeof nearestTarget>;

export const nearestQuery = z.strictObject(
  {
    level: z.enum(['commune', 'grid'], { error: 'must be commune or grid' }),
    target: nearestTarget,
    min_places: z.coerce
      .number({ error: 'must be a whole number of places from 1 to 200' })
      .int('must be a whole number of places from 1 to 200')
      .min(1, 'must be a whole number of places from 1 to 200')
      .max(200, 'must be a whole number of places from 1 to 200')
      .default(1),
    mode: travelMode.default('car'),
    year: year.optional(),
    departement: departementCode.optional(),
  },
  unknownKeys,
);
export type NearestQuery = z.infer<typeof nearestQuery>;
