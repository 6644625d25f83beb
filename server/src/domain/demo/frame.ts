/**
 * The local metric frame a fictional département is drawn in, and the few geodesic helpers the
 * generator needs. Geometry is built in kilometres on a plane tangent at the département's
 * centre (equirectangular: x east, y north), then mapped to WGS84. The map is affine, so
 * polygons valid and counter-clockwise in the plane stay valid and counter-clockwise in
 * longitude/latitude. Over a département (~100 km) the plane is accurate to well under 1%.
 */
import type { Position } from './types';

/** Mean Earth radius in metres, the value turf uses, so `lengthM` matches turf `length`. */
export const EARTH_RADIUS_M = 6_371_008.8;

const DEG = Math.PI / 180;
/** Kilometres per degree of latitude (mean meridian degree near 47°N). */
const KM_PER_DEG_LAT = 111.2;

/** A point in a local frame, kilometres. */
export interface PointKm {
  x: number;
  y: number;
}

export class LocalFrame {
  readonly kmPerDegLon: number;

  /** Centred on (`lon0`, `lat0`) degrees WGS84. */
  constructor(
    readonly lon0: number,
    readonly lat0: number,
  ) {
    this.kmPerDegLon = KM_PER_DEG_LAT * Math.cos(lat0 * DEG);
  }

  /** Local point (km) of a WGS84 position. */
  toKm(position: Position): PointKm {
    return {
      x: (position[0] - this.lon0) * this.kmPerDegLon,
      y: (position[1] - this.lat0) * KM_PER_DEG_LAT,
    };
  }

  /** WGS84 [lon, lat] of a local point (km), not rounded. */
  toLonLat(x: number, y: number): Position {
    return [this.lon0 + x / this.kmPerDegLon, this.lat0 + y / KM_PER_DEG_LAT];
  }

  /** WGS84 [lon, lat] rounded to 6 decimals of a local point (km). */
  toPosition(x: number, y: number): Position {
    return [round6(this.lon0 + x / this.kmPerDegLon), round6(this.lat0 + y / KM_PER_DEG_LAT)];
  }
}

/** Rounds to 6 decimals (about 0.1 m), the precision of every published coordinate. */
export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Great-circle distance in metres between two WGS84 positions (haversine). */
export function haversineM(a: Position, b: Position): number {
  const dLat = (b[1] - a[1]) * DEG;
  const dLon = (b[0] - a[0]) * DEG;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * DEG) * Math.cos(b[1] * DEG) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Geodesic length in metres of a polyline (sum of haversine legs). */
export function polylineLengthM(coordinates: readonly Position[]): number {
  let total = 0;
  for (let i = 1; i < coordinates.length; i++)
    total += haversineM(coordinates[i - 1], coordinates[i]);
  return total;
}
