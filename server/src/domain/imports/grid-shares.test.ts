import { describe, expect, it } from 'vitest';
import { communeShares, partFractions } from './grid-shares';

const CELL_M2 = 200 * 200;

describe('a cell on a commune line', () => {
  it('goes whole to the one commune INSEE gives for it, wherever the outline runs', () => {
    const f = partFractions({
      listed: ['18033'],
      cellAreaM2: CELL_M2,
      parts: [{ communeCode: '18033', areaM2: null }],
    });
    expect([...f]).toEqual([['18033', 1]]);
  });

  it('is split between the communes it lies in by the area inside each', () => {
    const f = partFractions({
      listed: ['18205', '18033'],
      cellAreaM2: CELL_M2,
      parts: [
        { communeCode: '18205', areaM2: 30000 },
        { communeCode: '18033', areaM2: 10000 },
      ],
    });
    expect([...f]).toEqual([
      ['18205', 0.75],
      ['18033', 0.25],
    ]);
  });

  it('leaves the part outside the loaded communes to a listed commune that is not loaded', () => {
    const f = partFractions({
      listed: ['18205', '36044'],
      cellAreaM2: CELL_M2,
      parts: [{ communeCode: '18205', areaM2: 10000 }],
    });
    expect([...f]).toEqual([['18205', 0.25]]);
  });

  it('is shared equally when an outline is missing', () => {
    const f = partFractions({
      listed: ['18205', '18033'],
      cellAreaM2: CELL_M2,
      parts: [
        { communeCode: '18205', areaM2: 30000 },
        { communeCode: '18033', areaM2: null },
      ],
    });
    expect([...f]).toEqual([
      ['18205', 0.5],
      ['18033', 0.5],
    ]);
  });
});

describe("a commune's cells", () => {
  it('hold shares of its children in proportion to ind_0_3, adding up to 1', () => {
    const r = communeShares([
      { cellId: 'a', communeCode: '18033', children: 6, people: 120, fraction: 1 },
      { cellId: 'b', communeCode: '18033', children: 3, people: 40, fraction: 1 },
      { cellId: 'c', communeCode: '18033', children: 4, people: 80, fraction: 0.25 },
      { cellId: 'c', communeCode: '18205', children: 4, people: 80, fraction: 0.75 },
    ]);
    expect(r.cells).toEqual([
      { cellId: 'a', communeCode: '18033', weight: 6, share: 0.6 },
      { cellId: 'b', communeCode: '18033', weight: 3, share: 0.3 },
      { cellId: 'c', communeCode: '18033', weight: 1, share: 0.1 },
      { cellId: 'c', communeCode: '18205', weight: 3, share: 1 },
    ]);
    expect([r.byPeople, r.even]).toEqual([[], []]);
  });

  it('are shaped by their inhabitants when none holds a child aged 0 to 3, and evenly when none holds anyone', () => {
    const r = communeShares([
      { cellId: 'a', communeCode: '18004', children: 0, people: 10, fraction: 1 },
      { cellId: 'b', communeCode: '18004', children: 0, people: 30, fraction: 1 },
      { cellId: 'c', communeCode: '18005', children: 0, people: null, fraction: 1 },
      { cellId: 'd', communeCode: '18005', children: 0, people: null, fraction: 1 },
      { cellId: 'e', communeCode: '18005', children: 5, people: 9, fraction: 0 },
    ]);
    expect(r.cells.map((c) => [c.cellId, c.share])).toEqual([
      ['a', 0.25],
      ['b', 0.75],
      ['c', 0.5],
      ['d', 0.5],
    ]);
    expect([r.byPeople, r.even]).toEqual([['18004'], ['18005']]);
  });
});
