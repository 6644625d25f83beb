/**
 * Every model against enumeration: seeded random instances small enough to try every choice of
 * new sites (test/brute-force.ts), with and without fixed sites, with and without capacities,
 * with sparse costs (some pairs missing). The exact answer must reach the enumerated optimum
 * with one of the optimal choices; the heuristic must give a feasible answer whose bound holds.
 */
import { describe, expect, it } from 'vitest';
import { selectSites } from './select-sites';
import { bruteForce } from './test/brute-force';
import { VARIANTS, instance, label, options } from './test/instances';
import { testSolver } from './test/solver';
import { SiteSelectionError } from './types';

const SEEDS = Array.from({ length: 12 }, (_, k) => 1000 + k);

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
