import { booleanPointInPolygon, multiPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { BandStrips, PointSet } from './band-points';

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A star-shaped ring round (cx, cy): `n` vertices at random radii, closed. */
function starRing(rand: () => number, cx: number, cy: number, r: number, n: number): number[][] {
  const ring: number[][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const radius = r * (0.4 + 0.6 * rand());
    ring.push([cx + radius * Math.cos(a), cy + radius * Math.sin(a)]);
  }
  ring.push(ring[0]);
  return ring;
}

describe('BandStrips and PointSet', () => {
  it('find the same points inside as Turf, for star bands with holes and several parts', () => {
    const rand = random(42);
    for (let trial = 0; trial < 20; trial++) {
      const n = 20 + Math.floor(rand() * 2000);
      // Two parts apart, the first with a hole well inside its smallest radius.
      const coordinates = [
        [starRing(rand, 2, 45, 0.3, n), starRing(rand, 2, 45, 0.1, 50).reverse()],
        [starRing(rand, 3, 45.5, 0.2, 200)],
      ];
      const count = 5000;
      const xs = new Float64Array(count);
      const ys = new Float64Array(count);
      for (let i = 0; i < count; i++) {
        xs[i] = 1.5 + rand() * 2;
        ys[i] = 44.5 + rand() * 1.5;
      }
      const inside = new PointSet(xs, ys).inside(new BandStrips(coordinates));
      const band = multiPolygon(coordinates);
      const expected = [...xs.keys()].filter((i) =>
        booleanPointInPolygon(point([xs[i], ys[i]]), band),
      );
      expect(expected.length).toBeGreaterThan(100);
      expect([...inside].sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it('count a point in a hole as outside and a point in a second part as inside', () => {
    const square = (x: number, y: number, s: number) => [
      [x, y],
      [x + s, y],
      [x + s, y + s],
      [x, y + s],
      [x, y],
    ];
    const band = new BandStrips([[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 1)]]);
    expect(band.contains(1, 1)).toBe(true);
    expect(band.contains(5, 5)).toBe(false);
    expect(band.contains(20.5, 0.5)).toBe(true);
    expect(band.contains(15, 0.5)).toBe(false);
    expect(band.contains(-1, 5)).toBe(false);
    const points = new PointSet(
      new Float64Array([1, 5, 20.5, 15]),
      new Float64Array([1, 5, 0.5, 0.5]),
    );
    expect(points.inside(band).sort((a, b) => a - b)).toEqual([0, 2]);
  });

  it('find nothing in an empty band or an empty set', () => {
    const points = new PointSet(new Float64Array([1]), new Float64Array([1]));
    expect(points.inside(new BandStrips([]))).toEqual([]);
    expect(new PointSet(new Float64Array(), new Float64Array()).inside(new BandStrips([]))).toEqual(
      [],
    );
  });
});
