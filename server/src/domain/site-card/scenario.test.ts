import { describe, expect, it } from 'vitest';
import { DEFAULT_STEPS, accessibility, buildCatchment, floatingCatchment } from '../accessibility';
import { scenarioAccess, scenarioAccessDelta, siteColumns, type AddedSite } from './scenario';

/**
 * Four locations, two crèches (10 and 20 places); the scenario closes the first, sets the
 * second to 8 places and adds two sites. Its result must equal the floating catchment
 * computed from scratch on the changed supply with the new sites' pairs.
 */
const STEPS = { kind: 'steps' as const, steps: DEFAULT_STEPS };
const OPTIONS = { method: 'e2sfca' as const, weights: STEPS, maxCost: 30 };
const demand = [10, 20, 30, 5];
const pairs = { origin: [0, 1, 2, 3, 2], destination: [0, 0, 1, 1, 0], cost: [25, 8, 5, 12, 18] };

describe('scenario accessibility', () => {
  it('equals a full recomputation on the changed supply with the new sites', () => {
    const catchment = buildCatchment(demand, 2, pairs, OPTIONS);
    const after = scenarioAccess({
      catchment,
      supply: [10, 20],
      changedPlaces: new Map([
        [0, 0],
        [1, 8],
      ]),
      added: [
        { places: 12, toSite_min: [4, 12, null, 29] },
        { places: 16 * 0.8, toSite_min: [null, 2, 21, null] },
      ],
      weights: STEPS,
      maxMinutes: 30,
    });
    const full = floatingCatchment({
      demand,
      supply: [0, 8, 12, 12.8],
      pairs: {
        origin: [...pairs.origin, 0, 1, 3, 1, 2],
        destination: [...pairs.destination, 2, 2, 2, 3, 3],
        cost: [...pairs.cost, 4, 12, 29, 2, 21],
      },
      options: OPTIONS,
    });
    for (let i = 0; i < 4; i++) expect(after[i]).toBeCloseTo(full.access[i], 12);
    // Places are conserved: every place reaches some child.
    const total = demand.reduce((s, p, i) => s + p * after[i], 0);
    expect(total).toBeCloseTo(8 + 12 + 12.8, 10);
  });

  /**
   * A seeded territory of 400 cells and 30 sites: the incremental recomputation (baseline plus
   * the changed sites' shares) equals the recomputation from scratch for each kind of change and
   * for all at once, and touches only the cells within reach of the changed sites.
   */
  it('recomputes incrementally as from scratch, for each kind of change', () => {
    let state = 7;
    const rnd = () => (state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const cells = Array.from({ length: 400 }, () => ({ x: rnd() * 40, y: rnd() * 40 }));
    const sites = Array.from({ length: 30 }, () => ({ x: rnd() * 40, y: rnd() * 40 }));
    const minutes = (a: { x: number; y: number }, b: { x: number; y: number }) =>
      1.3 * Math.hypot(a.x - b.x, a.y - b.y);
    const P = cells.map(() => Math.round(rnd() * 50) / 10);
    const big = { origin: [] as number[], destination: [] as number[], cost: [] as number[] };
    cells.forEach((c, i) =>
      sites.forEach((s, j) => {
        const m = minutes(c, s);
        if (m > 30) return;
        big.origin.push(i);
        big.destination.push(j);
        big.cost.push(m);
      }),
    );
    const supply = sites.map(() => 5 + Math.floor(rnd() * 40));
    const catchment = buildCatchment(P, sites.length, big, OPTIONS);
    const columns = siteColumns(catchment);
    const baseline = accessibility(catchment, supply).access;
    const newSite = { x: 12, y: 30 };
    const added: AddedSite = {
      places: 16 * 0.8,
      toSite_min: cells.map((c) => (minutes(c, newSite) <= 30 ? minutes(c, newSite) : null)),
    };
    const kinds: { name: string; changed: [number, number][]; added: AddedSite[] }[] = [
      { name: 'close', changed: [[3, 0]], added: [] },
      { name: 'set places', changed: [[11, supply[11] + 17]], added: [] },
      { name: 'add', changed: [], added: [added] },
      {
        name: 'all at once',
        changed: [
          [3, 0],
          [11, 2],
          [20, 60],
        ],
        added: [added],
      },
    ];
    for (const kind of kinds) {
      const args = {
        catchment,
        supply,
        changedPlaces: new Map(kind.changed),
        added: kind.added,
        weights: STEPS,
        maxMinutes: 30,
      };
      const full = scenarioAccess(args);
      const { access, changed } = scenarioAccessDelta({ ...args, columns, access: baseline });
      for (let i = 0; i < cells.length; i++) expect(access[i], kind.name).toBeCloseTo(full[i], 12);
      // The cells left untouched are exactly those whose access did not move.
      const moved = new Set(changed);
      expect(moved.size, kind.name).toBeGreaterThan(0);
      expect(moved.size, kind.name).toBeLessThan(cells.length);
      for (let i = 0; i < cells.length; i++) {
        if (!moved.has(i)) expect(access[i], `${kind.name} ${i}`).toBe(baseline[i]);
        else expect(Math.abs(full[i] - baseline[i]), `${kind.name} ${i}`).toBeGreaterThan(0);
      }
    }
  });
});
