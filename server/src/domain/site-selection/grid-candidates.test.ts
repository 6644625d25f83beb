import { describe, expect, it } from 'vitest';
import { gridCandidates } from './grid-candidates';

/** Cells about 200 m apart along a parallel at 47° N (1 km ≈ 0.01316° of longitude there). */
const cell = (id: string, lonOffset_m: number, children: number) => ({
  id,
  lon: 2 + lonOffset_m / (111_320 * Math.cos((47 * Math.PI) / 180)),
  lat: 47.0001,
  children,
});

describe('grid candidates', () => {
  const cells = [
    cell('a', 100, 3),
    cell('b', 300, 9),
    cell('c', 500, 0),
    cell('d', 1_300, 4),
    cell('e', 2_300, 1),
  ];

  it('keeps one candidate per block, at its most populated cell, never an empty cell', () => {
    const { candidates, block_m } = gridCandidates(cells, { block_m: 1_000, maxCandidates: 10 });
    expect(block_m).toBe(1_000);
    expect(candidates.map((c) => c.id)).toEqual(['b', 'd', 'e']);
  });

  it('doubles the blocks until the candidates fit the maximum', () => {
    const { candidates, block_m } = gridCandidates(cells, { block_m: 1_000, maxCandidates: 2 });
    expect(block_m).toBe(2_000);
    expect(candidates.map((c) => c.id)).toEqual(['b', 'e']);
  });
});
