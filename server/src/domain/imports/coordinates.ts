/**
 * Positions of facilities in WGS84 (EPSG:4326, degrees, [lon, lat]). Pure.
 */

/** [minLon, minLat, maxLon, maxLat] in degrees (WGS84). */
export type Bbox = readonly [number, number, number, number];

/** Metropolitan France and the five overseas départements, in degrees (used when no territory is loaded). */
export const FRANCE_BBOXES: readonly Bbox[] = [
  [-5.6, 41.2, 9.8, 51.2], // métropole and Corse
  [-61.9, 15.8, -60.9, 16.6], // Guadeloupe
  [-61.3, 14.3, -60.7, 14.9], // Martinique
  [-54.7, 2.0, -51.5, 5.9], // Guyane
  [55.1, -21.5, 55.9, -20.8], // La Réunion
  [44.9, -13.1, 45.4, -12.5], // Mayotte
];

export function inBbox(lon: number, lat: number, b: Bbox): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

export type PositionCheck =
  | { status: 'ok'; lon: number; lat: number }
  | { status: 'swapped'; lon: number; lat: number }
  | { status: 'outside'; reason: string }
  | { status: 'invalid'; reason: string };

/**
 * Check a position against the expected area (`areas`, any of them): inside; inside once
 * latitude and longitude are swapped (a frequent mistake in French files, both being small
 * positive numbers in the métropole); or outside.
 */
export function checkPosition(lon: number, lat: number, areas: readonly Bbox[]): PositionCheck {
  if (!Number.isFinite(lon) || !Number.isFinite(lat))
    return { status: 'invalid', reason: 'not a number' };
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    if (Math.abs(lon) > 1000 || Math.abs(lat) > 1000)
      return {
        status: 'invalid',
        reason: 'projected coordinates (metres?): give WGS84 longitude/latitude in degrees',
      };
    if (Math.abs(lon) <= 90 && Math.abs(lat) <= 180 && areas.some((a) => inBbox(lat, lon, a)))
      return { status: 'swapped', lon: lat, lat: lon };
    return { status: 'invalid', reason: 'latitude must be within ±90 and longitude within ±180' };
  }
  if (areas.some((a) => inBbox(lon, lat, a))) return { status: 'ok', lon, lat };
  if (areas.some((a) => inBbox(lat, lon, a))) return { status: 'swapped', lon: lat, lat: lon };
  return { status: 'outside', reason: 'outside the territory of the commune’s département' };
}

/** "48.91, 2.45" (Opendatasoft geo_point_2d: latitude first) → [lon, lat]; null when unreadable. */
export function parseLatLonPair(raw: string): [number, number] | null {
  const parts = raw.split(/[,;\s]+/).filter((p) => p !== '');
  if (parts.length !== 2) return null;
  const lat = Number(parts[0]);
  const lon = Number(parts[1]);
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return [lon, lat];
}

/** Great-circle distance in metres between two WGS84 points (haversine, mean Earth radius). */
export function haversineM(a: readonly [number, number], b: readonly [number, number]): number {
  const R = 6371008.8;
  const toRad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * toRad;
  const dLon = (b[0] - a[0]) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a[1] * toRad) * Math.cos(b[1] * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
