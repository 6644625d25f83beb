import { describe, expect, it } from 'vitest';
import { fromLambert93, toLambert93 } from './lambert93';

/**
 * Points transformed by PostGIS 3.3 / PROJ 9.1 (ST_Transform(…, 2154)), to 0.1 mm: Paris, the
 * false origin, the demo (Bay of Biscay), the benchmark territory (open Atlantic), Corsica and
 * Brittany.
 */
const POSTGIS: [[number, number], [number, number]][] = [
  [
    [2.3522, 48.8566],
    [652469.0227, 6862035.2594],
  ],
  [
    [3, 46.5],
    [700000, 6600000],
  ],
  [
    [-5.6, 45.9],
    [34528.6164, 6569643.7649],
  ],
  [
    [-16, 47],
    [-729851.9795, 6828391.6492],
  ],
  [
    [9.45, 42.2],
    [1233084.6811, 6143981.1956],
  ],
  [
    [-4.8, 48.4],
    [123608.9483, 6839569.9688],
  ],
];

describe('Lambert-93 (EPSG:2154)', () => {
  it.each(POSTGIS)('projects %j as PostGIS does, within a millimetre', (lonLat, [x, y]) => {
    const [e, n] = toLambert93(lonLat);
    expect(Math.abs(e - x)).toBeLessThan(0.001);
    expect(Math.abs(n - y)).toBeLessThan(0.001);
  });

  it.each(POSTGIS)('turns %j back from its metres, within 1e-9 degree', (lonLat, [x, y]) => {
    const [lon, lat] = fromLambert93(x, y);
    // 0.1 mm of the reference values is ~1.3e-9 degree.
    expect(Math.abs(lon - lonLat[0])).toBeLessThan(5e-9);
    expect(Math.abs(lat - lonLat[1])).toBeLessThan(5e-9);
  });
});
