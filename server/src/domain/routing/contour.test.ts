import { booleanValid, multiPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { regionAtOrBelow, regionsAtOrBelow, type GridPolygons } from './contour';

/** A grid from rows of values written north row first, as they would be drawn. */
function grid(picture: number[][]) {
  const rows = picture.length;
  const cols = picture[0].length;
  const values = new Float64Array(rows * cols);
  picture.forEach((line, r) => line.forEach((v, c) => (values[(rows - 1 - r) * cols + c] = v)));
  return { cols, rows, values };
}

const signedArea = (ring: [number, number][]) =>
  ring
    .slice(0, -1)
    .reduce((sum, [x0, y0], k) => sum + x0 * ring[k + 1][1] - ring[k + 1][0] * y0, 0) / 2;

function expectValid(polygons: GridPolygons) {
  expect(booleanValid(multiPolygon(polygons))).toBe(true);
  for (const [outer, ...holes] of polygons) {
    expect(signedArea(outer)).toBeGreaterThan(0);
    for (const hole of holes) expect(signedArea(hole)).toBeLessThan(0);
    for (const ring of [outer, ...holes]) expect(ring[0]).toEqual(ring.at(-1));
  }
}

describe('the region of a grid at or below a level', () => {
  it('a single vertex below the level gives a diamond around it, half-way to its neighbours', () => {
    const polygons = regionAtOrBelow(
      grid([
        [9, 9, 9],
        [9, 1, 9],
        [9, 9, 9],
      ]),
      5,
    );
    expectValid(polygons);
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(1);
    const ring = polygons[0][0];
    expect(ring).toHaveLength(5);
    expect(new Set(ring.slice(0, -1).map(([x, y]) => `${x},${y}`))).toEqual(
      new Set(['1.5,1', '1,1.5', '0.5,1', '1,0.5']),
    );
    expect(Math.abs(signedArea(ring))).toBeCloseTo(0.5, 9);
  });

  it('a ring of low values around a high one gives a polygon with a hole', () => {
    const polygons = regionAtOrBelow(
      grid([
        [9, 9, 9, 9, 9],
        [9, 1, 1, 1, 9],
        [9, 1, 9, 1, 9],
        [9, 1, 1, 1, 9],
        [9, 9, 9, 9, 9],
      ]),
      5,
    );
    expectValid(polygons);
    expect(polygons).toHaveLength(1);
    expect(polygons[0]).toHaveLength(2);
  });

  it('two separate low areas give two polygons', () => {
    const polygons = regionAtOrBelow(
      grid([
        [9, 9, 9, 9, 9],
        [9, 1, 9, 1, 9],
        [9, 9, 9, 9, 9],
      ]),
      5,
    );
    expectValid(polygons);
    expect(polygons).toHaveLength(2);
  });

  it('a saddle joins its low corners when the mean of the cell is below the level, and not otherwise', () => {
    const saddle = (centre: number) =>
      regionAtOrBelow(
        grid([
          [9, 9, 9, 9],
          [9, centre, 1, 9],
          [9, 1, centre, 9],
          [9, 9, 9, 9],
        ]),
        5,
      );
    const joined = saddle(8); // mean of the middle cell (8 + 1 + 1 + 8) / 4 = 4.5 ≤ 5
    const apart = saddle(9.5); // mean 5.25 > 5
    expectValid(joined);
    expectValid(apart);
    expect(joined).toHaveLength(1);
    expect(apart).toHaveLength(2);
  });

  it('a lower level gives a region inside that of a higher one', () => {
    const g = grid([
      [9, 9, 9, 9, 9],
      [9, 4, 3, 6, 9],
      [9, 2, 1, 4, 9],
      [9, 9, 9, 9, 9],
    ]);
    const area = (p: GridPolygons) =>
      p.reduce((sum, rings) => sum + rings.reduce((s, r) => s + signedArea(r), 0), 0);
    const levels = [1.5, 3, 5, 7].map((level) => area(regionAtOrBelow(g, level)));
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
  });

  it('gives the same rings placed in other coordinates, and the same answer call after call', () => {
    const small = grid([
      [9, 9, 9, 9, 9],
      [9, 1, 1, 1, 9],
      [9, 1, 9, 1, 9],
      [9, 1, 1, 1, 9],
      [9, 9, 9, 9, 9],
    ]);
    // A larger grid in between grows the buffers kept between calls.
    const picture = Array.from({ length: 60 }, (_, r) =>
      Array.from({ length: 80 }, (_, c) =>
        r === 0 || c === 0 || r === 59 || c === 79 ? 9 : (r * 7 + c * 13) % 5,
      ),
    );
    const first = regionAtOrBelow(small, 5);
    const large = regionAtOrBelow(grid(picture), 2.5);
    expectValid(large);
    // More points than the buffers start with (2,048 points, 1,024 exits).
    expect(large.flat(1).reduce((n, ring) => n + ring.length, 0)).toBeGreaterThan(3000);
    expect(regionAtOrBelow(small, 5)).toEqual(first);
    const placement = { x0: 2.35, dx: 0.002, y0: 48.85, dy: 0.001 };
    const placed = regionAtOrBelow(small, 5, placement);
    expect(placed).toEqual(
      first.map((rings) =>
        rings.map((ring) => ring.map(([x, y]) => [2.35 + x * 0.002, 48.85 + y * 0.001])),
      ),
    );
  });

  it('traces several levels in one call as it traces each alone', () => {
    const g = grid([
      [9, 9, 9, 9, 9, 9],
      [9, 4, 3, 6, 2, 9],
      [9, 2, 1, 4, 7, 9],
      [9, 5, 8, 1, 3, 9],
      [9, 9, 9, 9, 9, 9],
    ]);
    const levels = [7, 1.5, 3, 5];
    expect(regionsAtOrBelow(g, levels)).toEqual(levels.map((level) => regionAtOrBelow(g, level)));
  });
});
