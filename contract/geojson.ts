import { z } from 'zod';

/** The GeoJSON the API serves (RFC 7946): WGS84 longitude, latitude in degrees. */

export const position = z.tuple([z.number(), z.number()]);
const ring = z.array(position);

export const point = z.strictObject({ type: z.literal('Point'), coordinates: position });
export const polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(ring) });
export const multiPolygon = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(ring)),
});
/** An outline: a territory, a grid cell. */
export const areal = z.discriminatedUnion('type', [polygon, multiPolygon]);

/** minLon, minLat, maxLon, maxLat. */
export const bbox = z.tuple([z.number(), z.number(), z.number(), z.number()]);
