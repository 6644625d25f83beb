/**
 * Distances on the WGS84 sphere for the routing core. Positions are [longitude, latitude] in
 * degrees (EPSG:4326); distances are in metres.
 *
 * Two tools, for two jobs:
 * - `haversine_m`: the great-circle distance, used for every distance that is reported or
 *   turned into a travel time (edge lengths computed from geometry, off-network legs).
 * - `localScale`: metres per degree around one latitude (an equirectangular projection), used
 *   where many short distances are compared near one place (projecting a point on a segment,
 *   laying a grid around an isochrone). Over a few kilometres its error is far below a metre.
 */

/** Mean Earth radius (IUGG), in metres, as used by turf and PostGIS' spherical functions. */
export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

/** Great-circle distance in metres between two WGS84 positions given in degrees. */
export function haversine_m(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const s =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(s)));
}

/** Metres per degree of longitude (`x_m`) and of latitude (`y_m`) around one latitude. */
export interface LocalScale {
  readonly x_m: number;
  readonly y_m: number;
}

/** The equirectangular scale at a latitude in degrees (spherical Earth, same radius as haversine). */
export function localScale(lat: number): LocalScale {
  const y_m = EARTH_RADIUS_M * RAD;
  return { x_m: y_m * Math.cos(lat * RAD), y_m };
}

/** Whether a position is a finite WGS84 longitude/latitude pair in degrees. */
export function isLonLat(lon: number, lat: number): boolean {
  return (
    Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90
  );
}
