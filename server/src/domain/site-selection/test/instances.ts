/** Seeded random instances small enough to enumerate, for the tests of every model. */
import { Random } from '../../demo/random';
import type { SiteSelectionInput, SiteSelectionModel, SiteSelectionOptions } from '../types';

export interface Variant {
  model: SiteSelectionModel;
  fixed: boolean;
  capacities: boolean;
  unserved?: boolean;
}

export function instance(seed: number, variant: Variant): SiteSelectionInput {
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

export function options(
  seed: number,
  variant: Variant,
  input: SiteSelectionInput,
): SiteSelectionOptions {
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

export const VARIANTS: Variant[] = [];
for (const model of ['mclp', 'pmedian', 'lscp'] as const)
  for (const fixed of [false, true])
    for (const capacities of [false, true]) {
      VARIANTS.push({ model, fixed, capacities });
      if (model === 'pmedian') VARIANTS.push({ model, fixed, capacities, unserved: true });
    }

export const label = (v: Variant) =>
  `${v.model}${v.fixed ? ' with fixed sites' : ''}${v.capacities ? ' with capacities' : ''}${v.unserved ? ' and an unserved cost' : ''}`;
