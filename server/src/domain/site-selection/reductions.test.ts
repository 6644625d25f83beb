/**
 * The reductions of the exact mclp (dominated candidates, the LP's duals as Lagrangian
 * multipliers, fixing on what is left), where they bite: instances with near-copies of
 * candidates, checked against enumeration.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../demo/random';
import { coverageGroups, dominatedCandidates, groupsBySite } from './coverage';
import { buildInstance, candidatesOf } from './instance';
import { selectSites } from './select-sites';
import { bruteForce } from './test/brute-force';
import { instance, options } from './test/instances';
import { testSolver } from './test/solver';
import type { SiteSelectionInput } from './types';

describe('dominated candidates', () => {
  // Groups: a (s0, s1, s2), b (s0, s2), c (s3). s1 reaches a only; s2 reaches what s0 reaches.
  const input = (): SiteSelectionInput => ({
    demand: ['a', 'b', 'c'].map((id) => ({ id, weight: 1 })),
    sites: ['s0', 's1', 's2', 's3'].map((id) => ({ id })),
    costs: { demand: [0, 0, 0, 1, 1, 2], site: [0, 1, 2, 0, 2, 3], cost: [1, 1, 1, 1, 1, 1] },
  });
  const dominated = (keep: number) => {
    const inst = buildInstance(input());
    const groups = coverageGroups(inst, 5);
    const fix = dominatedCandidates(groups, groupsBySite(groups, 4), candidatesOf(inst), keep);
    return Array.from(fix, (f, j) => (f < 0 ? inst.siteIds[j] : null)).filter(Boolean);
  };

  it('a site reaching a subset of another’s groups, or the same ones at a higher index, goes', () => {
    expect(dominated(1)).toEqual(['s1', 's2']);
  });

  it('never leaves fewer candidates than asked to keep', () => {
    expect(dominated(3)).toEqual(['s1']);
  });
});

/** An enumerable instance plus near-copies of some candidates (each missing a few pairs). */
function withCopies(seed: number, fixed: boolean): SiteSelectionInput {
  const base = instance(seed, { model: 'mclp', fixed, capacities: false });
  const r = new Random(seed * 13 + 5);
  const demand = Array.from(base.costs.demand);
  const site = Array.from(base.costs.site);
  const cost = Array.from(base.costs.cost);
  const sites = [...base.sites];
  for (let j = 0; j < base.sites.length && sites.length < 9; j++) {
    if (base.sites[j].fixed || !r.chance(0.6)) continue;
    const copy = sites.length;
    sites.push({ id: `copy${j}` });
    for (let k = 0; k < base.costs.cost.length; k++) {
      if (base.costs.site[k] !== j || r.chance(0.3)) continue;
      demand.push(base.costs.demand[k]);
      site.push(copy);
      cost.push(base.costs.cost[k] + r.int(0, 2));
    }
  }
  return { demand: base.demand, sites, costs: { demand, site, cost } };
}

describe('exact mclp with dominated candidates and fixing equals the enumeration', () => {
  for (const fixed of [false, true])
    it(fixed ? 'with fixed sites' : 'without fixed sites', async () => {
      let setAside = 0;
      for (let seed = 3000; seed < 3016; seed++) {
        const input = withCopies(seed, fixed);
        const opts = options(seed, { model: 'mclp', fixed, capacities: false }, input);
        const truth = bruteForce(input, opts);
        const result = await selectSites(input, { ...opts, method: 'exact' }, testSolver);
        expect(result.objective, `seed ${seed}`).toBeCloseTo(truth.objective as number, 6);
        expect(result.optimal, `seed ${seed}`).toBe(true);
        expect(result.gap, `seed ${seed}`).toBeLessThan(1e-9);
        const chosen = result.sites
          .filter((s) => !s.fixed)
          .map((s) => s.id)
          .sort();
        expect(truth.optimalChoices, `seed ${seed}`).toContainEqual(chosen);
        if (result.notes.some((n) => /candidates set aside: another reaches/.test(n))) setAside++;
      }
      // The reduction is exercised, not only allowed.
      expect(setAside).toBeGreaterThan(4);
    });
});
