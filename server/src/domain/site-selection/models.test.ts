/**
 * Each piece on its own, against enumeration: every MIP formulation solved as built (no
 * heuristic start, no bound, no fixing) reaches the enumerated optimum; every Lagrangian bound
 * lies on the far side of it; the swaps find what the greedy misses.
 */
import { describe, expect, it } from 'vitest';
import { coverageGroups, groupsBySite } from './coverage';
import { lscpLagrangian, mclpLagrangian } from './coverage-bounds';
import { mclpGreedySwap } from './coverage-heuristic';
import { capacitatedCoverageMip, lscpMip, mclpMip } from './coverage-models';
import { buildInstance, candidatesOf } from './instance';
import { medianRows } from './median';
import { medianLagrangian } from './median-bounds';
import { medianGreedySwap } from './median-heuristic';
import { capacitatedMedianMip, radiusMip } from './median-models';
import type { MipModel } from './mip';
import { syntheticInstance } from '../../../../bench/locate-instance';
import { bruteForce } from './test/brute-force';
import { VARIANTS, instance, label, options } from './test/instances';
import { testSolver } from './test/solver';
import type { SiteSelectionInput, SiteSelectionOptions } from './types';

const SEEDS = Array.from({ length: 12 }, (_, k) => 2000 + k);

/** The model as selectSites would build it for this question, before any fixing. */
function formulation(input: SiteSelectionInput, opts: SiteSelectionOptions): MipModel | null {
  const inst = buildInstance(input);
  if (opts.model === 'pmedian') {
    const rows = medianRows(inst, opts.maxCost, opts.unservedCost);
    if (rows.unreachable.length > 0) return null;
    return inst.capacitated
      ? capacitatedMedianMip(inst, rows, opts.p as number).mip
      : radiusMip(inst, rows, opts.p as number).mip;
  }
  const groups = coverageGroups(inst, opts.maxCost as number);
  if (opts.model === 'lscp' && groups.unreachable.length > 0) return null;
  const p = opts.model === 'mclp' ? (opts.p as number) : null;
  if (inst.capacitated) return capacitatedCoverageMip(inst, groups, p).mip;
  return p === null ? lscpMip(inst, groups).mip : mclpMip(inst, groups, p).mip;
}

describe('each formulation, solved as built, reaches the enumerated optimum', () => {
  for (const variant of VARIANTS) {
    it(label(variant), async () => {
      for (const seed of SEEDS) {
        const input = instance(seed, variant);
        const opts = options(seed, variant, input);
        const truth = bruteForce(input, opts);
        const model = formulation(input, opts);
        if (model === null) {
          expect(truth.objective, `seed ${seed}: no model, no answer`).toBeNull();
          continue;
        }
        const solution = await testSolver.solve(model, { timeLimitSec: 30, relativeGap: 0 });
        if (truth.objective === null) {
          expect(solution.status, `seed ${seed}`).toBe('infeasible');
          continue;
        }
        expect(solution.status, `seed ${seed}`).toBe('optimal');
        expect(solution.objective, `seed ${seed}`).toBeCloseTo(truth.objective, 6);
      }
    });
  }
});

describe('each Lagrangian bound is on the far side of the optimum', () => {
  for (const variant of VARIANTS.filter((v) => !v.capacities)) {
    it(label(variant), () => {
      let tight = 0;
      for (const seed of SEEDS) {
        const input = instance(seed, variant);
        const opts = options(seed, variant, input);
        const truth = bruteForce(input, opts);
        if (truth.objective === null) continue;
        const inst = buildInstance(input);
        const candidates = candidatesOf(inst);
        const m = inst.siteIds.length;
        let bound: number;
        if (opts.model === 'pmedian') {
          const rows = medianRows(inst, opts.maxCost, opts.unservedCost);
          const start = rows.tail.map(() => Infinity);
          bound = medianLagrangian(
            inst.weight,
            rows,
            m,
            candidates,
            opts.p as number,
            truth.objective,
            start,
          ).bound;
          expect(bound, `seed ${seed}`).toBeLessThanOrEqual(truth.objective + 1e-6);
        } else {
          const groups = coverageGroups(inst, opts.maxCost as number);
          const bySite = groupsBySite(groups, m);
          if (opts.model === 'mclp') {
            const lag = mclpLagrangian(groups, bySite, candidates, opts.p as number, 0);
            bound = groups.fixedCoveredWeight + lag.bound;
            expect(bound, `seed ${seed}`).toBeGreaterThanOrEqual(truth.objective - 1e-6);
          } else {
            bound = Math.ceil(
              lscpLagrangian(groups, bySite, candidates, truth.objective).bound - 1e-6,
            );
            expect(bound, `seed ${seed}`).toBeLessThanOrEqual(truth.objective);
          }
        }
        if (Math.abs(bound - truth.objective) <= 1e-6 * Math.max(1, truth.objective)) tight++;
      }
      // Not a loose bound that holds by being far away: it meets the optimum on most instances.
      expect(tight).toBeGreaterThanOrEqual(SEEDS.length / 2);
    });
  }
});

describe('the swaps find what the greedy misses', () => {
  it('mclp: greedy opens the site reaching most (10), swaps trade it for two that reach 18', () => {
    // Groups a, b (5 each), c, d (4 each); X reaches a+b, Y reaches a+c, Z reaches b+d.
    const reach: Record<string, string[]> = { X: ['a', 'b'], Y: ['a', 'c'], Z: ['b', 'd'] };
    const demand = [
      { id: 'a', weight: 5 },
      { id: 'b', weight: 5 },
      { id: 'c', weight: 4 },
      { id: 'd', weight: 4 },
    ];
    const sites = ['X', 'Y', 'Z'].map((id) => ({ id }));
    const pairs = Object.entries(reach).flatMap(([s, ds]) =>
      ds.map((d) => [demand.findIndex((x) => x.id === d), sites.findIndex((x) => x.id === s)]),
    );
    const inst = buildInstance({
      demand,
      sites,
      costs: {
        demand: pairs.map((x) => x[0]),
        site: pairs.map((x) => x[1]),
        cost: pairs.map(() => 1),
      },
    });
    const groups = coverageGroups(inst, 1);
    const bySite = groupsBySite(groups, 3);
    const candidates = candidatesOf(inst);
    expect(mclpGreedySwap(groups, bySite, candidates, 2, () => false).covered).toBe(14);
    const swapped = mclpGreedySwap(groups, bySite, candidates, 2);
    expect([swapped.covered, Array.from(swapped.open)]).toEqual([18, [0, 1, 1]]);
  });

  it('p-median: greedy opens the middle first (cost 100), one swap reaches the two ends (10)', () => {
    // Children at 0 (10), 10 (1) and 20 (10); candidates at 0, 10 and 20; cost = distance.
    const at = [0, 10, 20];
    const weights = [10, 1, 10];
    const rows = at.flatMap((x, i) => at.map((y, j) => [i, j, Math.abs(x - y)]));
    const inst = buildInstance({
      demand: weights.map((weight, i) => ({ id: `d${i}`, weight })),
      sites: at.map((_, j) => ({ id: `s${j}` })),
      costs: {
        demand: rows.map((r) => r[0]),
        site: rows.map((r) => r[1]),
        cost: rows.map((r) => r[2]),
      },
    });
    const median = medianRows(inst, undefined, undefined);
    const candidates = candidatesOf(inst);
    expect(medianGreedySwap(inst.weight, median, 3, candidates, 2, () => false).cost).toBe(100);
    const swapped = medianGreedySwap(inst.weight, median, 3, candidates, 2);
    expect([swapped.cost, Array.from(swapped.open)]).toEqual([10, [1, 0, 1]]);
  });
});

describe('the p-median Lagrangian bound on the demo-size grid', () => {
  // bench:locate's demo case (4,900 cells × 500 candidates, p = 10, unserved at 30): plain
  // subgradient steps stalled 0.03 % short of the optimum here, too far to prove it. The bound
  // must meet the best cost found (greedy + swaps, or the relaxation's own pick), which proves
  // that cost optimal (the bound is below every solution: the enumeration tests above).
  it('meets the best cost found, within 1e-6', () => {
    const inst = buildInstance(
      syntheticInstance({
        seed: 3,
        side_km: 70,
        demand: { grid: true },
        candidates: 500,
        maxMinutes: 30,
      }),
    );
    const rows = medianRows(inst, undefined, 30);
    const candidates = candidatesOf(inst);
    const m = inst.siteIds.length;
    const heuristic = medianGreedySwap(inst.weight, rows, m, candidates, 10, () => true);
    const lag = medianLagrangian(
      inst.weight,
      rows,
      m,
      candidates,
      10,
      heuristic.cost,
      heuristic.pointCost,
      { relativeGap: 1e-9 },
    );
    const best = Math.min(heuristic.cost, lag.pick?.value ?? Infinity);
    expect(best).toBeCloseTo(93204.768, 3);
    expect(lag.bound).toBeLessThanOrEqual(best);
    expect(lag.bound).toBeGreaterThanOrEqual(best * (1 - 1e-6));
  });
});
