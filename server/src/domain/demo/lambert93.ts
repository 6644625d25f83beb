/**
 * Lambert-93 (EPSG:2154), the metric CRS of metropolitan France, both ways: the Lambert
 * conformal conic projection with two standard parallels (44°N and 49°N) on the GRS80
 * ellipsoid, false origin 46.5°N 3°E at (700,000 m, 6,600,000 m). Formulas of EPSG Guidance
 * Note 7-2, "Lambert Conic Conformal (2SP)". Longitude and latitude are RGF93, taken equal to
 * WGS84 (the two agree within a metre, as PostGIS assumes without a grid).
 *
 * A conic projection's scale depends on latitude only: between 42°N and 51°N lengths are
 * within 0.3% of the true ones, whatever the longitude (which only turns the grid against the
 * meridians, by 0.73° per degree from 3°E).
 */
import type { Position } from './types';

const DEG = Math.PI / 180;
const A_M = 6_378_137;
const FLATTENING = 1 / 298.257222101;
const E = Math.sqrt(2 * FLATTENING - FLATTENING * FLATTENING);
const LAMBDA0 = 3 * DEG;
const FALSE_EASTING_M = 700_000;
const FALSE_NORTHING_M = 6_600_000;

const m = (phi: number) => Math.cos(phi) / Math.sqrt(1 - E * E * Math.sin(phi) ** 2);
const t = (phi: number) =>
  Math.tan(Math.PI / 4 - phi / 2) / ((1 - E * Math.sin(phi)) / (1 + E * Math.sin(phi))) ** (E / 2);

const PHI1 = 49 * DEG;
const PHI2 = 44 * DEG;
const N = (Math.log(m(PHI1)) - Math.log(m(PHI2))) / (Math.log(t(PHI1)) - Math.log(t(PHI2)));
const AF = (A_M * m(PHI1)) / (N * t(PHI1) ** N);
const RHO0 = AF * t(46.5 * DEG) ** N;

/** Lambert-93 [easting, northing] in metres of a WGS84 [lon, lat] in degrees. */
export function toLambert93(position: Position): [number, number] {
  const rho = AF * t(position[1] * DEG) ** N;
  const theta = N * (position[0] * DEG - LAMBDA0);
  return [FALSE_EASTING_M + rho * Math.sin(theta), FALSE_NORTHING_M + RHO0 - rho * Math.cos(theta)];
}

/** WGS84 [lon, lat] in degrees (not rounded) of a Lambert-93 [easting, northing] in metres. */
export function fromLambert93(easting: number, northing: number): [number, number] {
  const dx = easting - FALSE_EASTING_M;
  const dy = RHO0 - (northing - FALSE_NORTHING_M);
  const rho = Math.hypot(dx, dy);
  const tt = (rho / AF) ** (1 / N);
  let phi = Math.PI / 2 - 2 * Math.atan(tt);
  // Converges to 1e-12 rad (6 µm) in four or five steps in France's latitudes.
  for (let k = 0; k < 10; k++) {
    const s = E * Math.sin(phi);
    const next = Math.PI / 2 - 2 * Math.atan(tt * ((1 - s) / (1 + s)) ** (E / 2));
    const done = Math.abs(next - phi) < 1e-12;
    phi = next;
    if (done) break;
  }
  return [(Math.atan2(dx, dy) / N + LAMBDA0) / DEG, phi / DEG];
}
