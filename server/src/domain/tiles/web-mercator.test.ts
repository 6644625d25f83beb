import { describe, expect, it } from 'vitest';
import {
  lonLatTo3857,
  MERCATOR_HALF_WIDTH_M,
  simplifyTolerance_m,
  tileBounds3857,
  tileSpan_m,
} from './web-mercator';

describe('Web Mercator tiles', () => {
  it('the world tile spans ±20,037,508.34 m on both axes, as ST_TileEnvelope(0, 0, 0)', () => {
    expect(MERCATOR_HALF_WIDTH_M).toBeCloseTo(20037508.342789244, 6);
    expect(tileBounds3857({ z: 0, x: 0, y: 0 })).toEqual({
      west_m: -MERCATOR_HALF_WIDTH_M,
      south_m: -MERCATOR_HALF_WIDTH_M,
      east_m: MERCATOR_HALF_WIDTH_M,
      north_m: MERCATOR_HALF_WIDTH_M,
    });
  });

  it('matches ST_TileEnvelope(8, 129, 90) as printed by PostGIS', () => {
    const b = tileBounds3857({ z: 8, x: 129, y: 90 });
    expect(b.west_m).toBeCloseTo(156543.03392804042, 6);
    expect(b.south_m).toBeCloseTo(5792092.255337516, 6);
    expect(b.east_m).toBeCloseTo(313086.06785608083, 6);
    expect(b.north_m).toBeCloseTo(5948635.289265556, 6);
  });

  it('projects WGS84 degrees to metres', () => {
    const [x0, y0] = lonLatTo3857([0, 0]);
    expect(x0).toBe(0);
    expect(y0).toBeCloseTo(0, 6);
    const [x, y] = lonLatTo3857([2.5, 47]);
    expect(x).toBeCloseTo(278298.73, 2);
    expect(y).toBeCloseTo(5942074.07, 2);
  });

  it('simplifies by one rendered pixel: 78 km at z0, 30 cm at z18', () => {
    expect(simplifyTolerance_m(0)).toBeCloseTo(78271.52, 2);
    expect(simplifyTolerance_m(18)).toBeCloseTo(0.2986, 4);
    expect(simplifyTolerance_m(8)).toBeCloseTo(tileSpan_m(8) / 512, 9);
  });
});
