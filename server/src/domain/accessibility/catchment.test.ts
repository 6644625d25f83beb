import { describe, expect, it } from 'vitest';
import {
  accessibility,
  buildCatchment,
  floatingCatchment,
  zoneFlows,
  type CostPairs,
} from './index';

const pairs = (rows: [number, number, number][]): CostPairs => ({
  origin: rows.map((r) => r[0]),
  destination: rows.map((r) => r[1]),
  cost: rows.map((r) => r[2]),
});
const twoSfca = { method: '2sfca', maxCost: 30 } as const;

describe('buildCatchment', () => {
  it('keeps the pairs within reach by location then site, whatever their order', () => {
    const c = buildCatchment(
      [10, 20],
      3,
      pairs([
        [1, 2, 5],
        [0, 1, 40], // beyond 30: dropped
        [1, 0, 0],
        [0, 2, 12],
      ]),
      twoSfca,
    );
    expect(Array.from(c.rowStart)).toEqual([0, 1, 3]);
    expect(Array.from(c.site)).toEqual([2, 0, 2]);
    expect(Array.from(c.pair)).toEqual([3, 2, 0]);
    expect(Array.from(c.weightedDemand)).toEqual([20, 0, 30]);
    expect(c.pairCount).toBe(4);
    expect(c.pairsInReach).toBe(3);
  });

  it('takes typed arrays as well as plain ones', () => {
    const plain = floatingCatchment({
      demand: [10, 20],
      supply: [6, 3],
      pairs: pairs([
        [0, 0, 3],
        [1, 0, 9],
        [1, 1, 0],
      ]),
      options: { method: 'e2sfca' },
    });
    const typed = floatingCatchment({
      demand: new Float64Array([10, 20]),
      supply: new Float32Array([6, 3]),
      pairs: {
        origin: new Uint32Array([0, 1, 1]),
        destination: new Int32Array([0, 0, 1]),
        cost: new Float32Array([3, 9, 0]),
      },
      options: { method: 'e2sfca' },
    });
    expect(typed.access).toEqual(plain.access);
    // 6 places for 30 children, 3 for B's 20: A = 0.2, B = 0.2 + 0.15.
    expect(Array.from(plain.access)).toEqual([0.2, 0.2 + 0.15]);
  });

  it('a location without any pair gets no access; a location without children still gets one', () => {
    const r = floatingCatchment({
      demand: [10, 0, 5],
      supply: [3],
      pairs: pairs([
        [0, 0, 5],
        [1, 0, 5],
      ]),
      options: twoSfca,
    });
    expect(Array.from(r.access)).toEqual([0.3, 0.3, 0]);
  });

  it.each<[string, () => unknown, ErrorConstructor, RegExp]>([
    [
      'a negative cost',
      () => buildCatchment([1], 1, pairs([[0, 0, -2]]), twoSfca),
      RangeError,
      /cost of pair 0 must be a finite number ≥ 0 \(got -2\)/,
    ],
    [
      'an infinite cost',
      () => buildCatchment([1], 1, pairs([[0, 0, Infinity]]), twoSfca),
      RangeError,
      /cost of pair 0 must be a finite number ≥ 0/,
    ],
    [
      'a NaN cost',
      () =>
        buildCatchment(
          [1, 1],
          1,
          pairs([
            [0, 0, 1],
            [1, 0, NaN],
          ]),
          twoSfca,
        ),
      TypeError,
      /cost of pair 1 is not a number \(got NaN\)/,
    ],
    [
      'an unknown site',
      () => buildCatchment([1], 2, pairs([[0, 2, 1]]), twoSfca),
      RangeError,
      /destination of pair 0 is 2, outside the 2 sites \(0 to 1\)/,
    ],
    [
      'a negative location index',
      () => buildCatchment([1], 1, pairs([[-1, 0, 1]]), twoSfca),
      RangeError,
      /origin of pair 0 is -1, outside the 1 demand locations/,
    ],
    [
      'a fractional index',
      () => buildCatchment([1, 1], 1, pairs([[0.5, 0, 1]]), twoSfca),
      TypeError,
      /origin of pair 0 is not an integer index \(got 0.5\)/,
    ],
    [
      'a pair given twice',
      () =>
        buildCatchment(
          [1, 1],
          2,
          pairs([
            [1, 1, 3],
            [0, 0, 1],
            [1, 1, 4],
          ]),
          twoSfca,
        ),
      RangeError,
      /pair 2 \(origin 1 → destination 1\) is given twice \(also pair 0\)/,
    ],
    [
      'arrays of different lengths',
      () => buildCatchment([1], 1, { origin: [0], destination: [0, 0], cost: [1] }, twoSfca),
      TypeError,
      /same length \(got 1, 2, 1\)/,
    ],
    [
      'NaN children',
      () => buildCatchment([1, NaN], 1, pairs([]), twoSfca),
      TypeError,
      /demand\[1\] is not a number/,
    ],
    [
      'negative children',
      () => buildCatchment([-3], 1, pairs([]), twoSfca),
      RangeError,
      /demand\[0\] must be a finite number ≥ 0 \(got -3\)/,
    ],
    [
      'negative places',
      () => floatingCatchment({ demand: [1], supply: [-1], pairs: pairs([]), options: twoSfca }),
      RangeError,
      /supply\[0\] must be a finite number ≥ 0/,
    ],
    [
      'a supply of the wrong length',
      () => accessibility(buildCatchment([1], 2, pairs([]), twoSfca), [1]),
      RangeError,
      /supply has 1 values for 2 sites/,
    ],
  ])('refuses %s', (_, call, type, message) => {
    expect(call).toThrow(type);
    expect(call).toThrow(message);
  });
});

describe('zoneFlows', () => {
  const catchment = buildCatchment(
    [10, 10],
    2,
    pairs([
      [0, 0, 0],
      [1, 0, 10],
      [1, 1, 0],
    ]),
    twoSfca,
  );

  it('a location or site in none of the zones (-1) counts as outside every zone', () => {
    // Site 0: 4 places for 20 children (2 each); site 1: 6 places for location 1 alone.
    const f = zoneFlows(catchment, [4, 6], {
      demandZone: [0, -1],
      siteZone: [0, -1],
      zoneCount: 1,
    });
    expect(f.placesUsedByResidents[0]).toBe(2);
    expect(f.placesUsedByOutsiders[0]).toBe(2);
    expect(f.placesUsedOutside[0]).toBe(0);
    expect(f.children[0]).toBe(10);
    expect(f.places[0]).toBe(4);
  });

  it.each([
    [{ demandZone: [0], siteZone: [0, 0], zoneCount: 1 }, RangeError, /demandZone has 1 values/],
    [{ demandZone: [0, 1], siteZone: [0, 0], zoneCount: 1 }, RangeError, /demandZone\[1\] is 1/],
    [{ demandZone: [0, 0.5], siteZone: [0, 0], zoneCount: 1 }, TypeError, /not an integer zone/],
  ])('refuses bad zones %j', (zones, type, message) => {
    expect(() => zoneFlows(catchment, [1, 1], zones)).toThrow(type);
    expect(() => zoneFlows(catchment, [1, 1], zones)).toThrow(message);
  });
});
