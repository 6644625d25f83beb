/**
 * Every model against enumeration: seeded random instances small enough to try every choice of
 * new sites (test/brute-force.ts), with and without fixed sites, with and without capacities,
 * with sparse costs (some pairs missing). The exact answer must reach the enumerated optimum
 * with one of the optimal choices; the heuristic must give a feasible answer whose bound holds.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../demo/random';
import { selectSites } from './select-sites';
import { bruteForce } from './test/brute-force';
import { testSolver } from './test/solver';
import {
  SiteSelectionError,
  type SiteSelectionInput,
  type SiteSelectionModel,
  type SiteSelectionOptions,
} from './types';

interface Variant {
  model: SiteSelectionModel;
  fixed: boolean;
  capacities: boolean;
  unserved?: boolean;
}

function instance(seed: number, variant: Variant): SiteSelectionInput {
  const r = new Random(seed);
  const n = r.int(5, 9);
  const m = r.int(4, 7);
  const demand = Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    weight: r.chance(0.1) ? 0 : r.int(1, 9),
  }));
  const fixedCount = variant.fixed ? r.int(1, 2) : 0;
  const sites = Array.from({ length: m }, (_, j) => ({
    id: `s${j}`,
    fixed: j < fixedCount,
    capacity: variant.capacities && !r.chance(0.15) ? r.int(4, 16) : null,
  }));
  const rows: number[][] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < m; j++) if (r.chance(0.8)) rows.push([i, j, r.int(0, 20)]);
  return {
    demand,
    sites,
    costs: {
      demand: rows.map((x) => x[0]),
      site: rows.map((x) => x[1]),
      cost: rows.map((x) => x[2]),
    },
  };
}

function options(seed: number, variant: Variant, input: SiteSelectionInput): SiteSelectionOptions {
  const r = new Random(seed * 7 + 1);
  const candidates = input.sites.filter((s) => !s.fixed).length;
  const p = r.int(1, Math.min(3, candidates));
  if (variant.model === 'mclp') return { model: 'mclp', p, maxCost: r.int(6, 14) };
  if (variant.model === 'lscp') return { model: 'lscp', maxCost: r.int(10, 18) };
  return {
    model: 'pmedian',
    p,
    maxCost: r.chance(0.3) ? r.int(12, 18) : undefined,
    unservedCost: variant.unserved ? r.int(8, 25) : undefined,
  };
}

const VARIANTS: Variant[] = [];
for (const model of ['mclp', 'pmedian', 'lscp'] as const)
  for (const fixed of [false, true])
    for (const capacities of [false, true]) {
      VARIANTS.push({ model, fixed, capacities });
      if (model === 'pmedian') VARIANTS.push({ model, fixed, capacities, unserved: true });
    }

const SEEDS = Array.from({ length: 12 }, (_, k) => 1000 + k);
const label = (v: Variant) =>
  `${v.model}${v.fixed ? ' with fixed sites' : ''}${v.capacities ? ' with capacities' : ''}${v.unserved ? ' and an unserved cost' : ''}`;

describe('the optimum found equals the enumeration’s', () => {
  for (const variant of VARIANTS) {
    it(`${label(variant)}: exact answers on ${SEEDS.length} random instances`, async () => {
      let feasible = 0;
      for (const seed of SEEDS) {
        const input = instance(seed, variant);
        const opts = options(seed, variant, input);
        const truth = bruteForce(input, opts);
        const run = selectSites(input, { ...opts, method: 'exact' }, testSolver);
        if (truth.objective === null) {
          await expect(run, `seed ${seed}`).rejects.toBeInstanceOf(SiteSelectionError);
          continue;
        }
        feasible++;
        const result = await run;
        expect(result.objective, `seed ${seed}`).toBeCloseTo(truth.objective, 6);
        expect(result.optimal, `seed ${seed}`).toBe(true);
        // The MIP's answer, or the heuristic's when a bound already proves it optimal.
        if (result.method === 'heuristic') expect(result.gap).toBeLessThanOrEqual(1e-6);
        const chosen = result.sites
          .filter((s) => !s.fixed)
          .map((s) => s.id)
          .sort();
        expect(truth.optimalChoices, `seed ${seed}`).toContainEqual(chosen);
        const weight = input.demand.reduce((a, d) => a + d.weight, 0);
        const assigned = result.assignments.reduce((a, x) => a + x.weight, 0);
        expect(assigned, `seed ${seed}: every child appears once`).toBeCloseTo(weight, 6);
      }
      expect(feasible).toBeGreaterThan(SEEDS.length / 2);
    });
  }
});

describe('the heuristic gives a feasible answer and a valid bound', () => {
  for (const variant of VARIANTS.filter((v) => !v.capacities)) {
    it(`${label(variant)}`, async () => {
      for (const seed of SEEDS) {
        const input = instance(seed, variant);
        const opts = options(seed, variant, input);
        const truth = bruteForce(input, opts);
        if (truth.objective === null) continue;
        const result = await selectSites(input, { ...opts, method: 'heuristic' }, testSolver);
        expect(result.method).toBe('heuristic');
        const sense = opts.model === 'mclp' ? 1 : -1;
        // Never better than the optimum, and the bound is on the far side of it.
        expect(sense * (result.objective - truth.objective), `seed ${seed}`).toBeLessThanOrEqual(
          1e-6,
        );
        expect(sense * (result.bound - truth.objective), `seed ${seed}`).toBeGreaterThanOrEqual(
          -1e-6,
        );
        if (result.optimal) expect(result.objective).toBeCloseTo(truth.objective, 6);
      }
    });
  }
});
