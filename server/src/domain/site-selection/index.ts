/**
 * Site selection: where to open new sites (MAM, micro-crèches…) given demand, candidates,
 * existing sites and travel costs. Maximal covering (mclp), p-median and set covering (lscp),
 * with fixed sites and capacities, solved exactly by a MIP solver when the size allows and by a
 * greedy + swap heuristic with a Lagrangian bound otherwise. Pure: no I/O, no environment, no
 * clock unless given one. The models, reductions and how to read an answer: README.md.
 */
export { selectSites } from './select-sites';
export { gridCandidates, type GridCell } from './grid-candidates';
export { highsMipSolver } from './highs-solver';
export type { MipModel, MipSolution, MipSolveOptions, MipSolver } from './mip';
export {
  SITE_SELECTION_MODELS,
  SOLVE_METHODS,
  SOLVE_PHASES,
  SiteSelectionError,
  type Assignment,
  type CostPairs,
  type DemandPoint,
  type OpenSite,
  type SiteInput,
  type SiteSelectionErrorCode,
  type SiteSelectionInput,
  type SiteSelectionModel,
  type SiteSelectionOptions,
  type SiteSelectionProgress,
  type SiteSelectionResult,
  type SolveMethod,
  type SolvePhase,
} from './types';

import type { CostPairs, DemandPoint, SiteInput } from './types';

/** Cost pairs from rows keyed by ids (small inputs, tests); unknown ids throw. */
export function costPairsFromRows(
  rows: readonly { demand: string; site: string; cost: number }[],
  demand: readonly DemandPoint[],
  sites: readonly SiteInput[],
): CostPairs {
  const d = new Map(demand.map((x, i) => [x.id, i]));
  const s = new Map(sites.map((x, j) => [x.id, j]));
  const out = {
    demand: new Int32Array(rows.length),
    site: new Int32Array(rows.length),
    cost: new Float64Array(rows.length),
  };
  rows.forEach((r, k) => {
    const i = d.get(r.demand);
    const j = s.get(r.site);
    if (i === undefined) throw new Error(`unknown demand point "${r.demand}"`);
    if (j === undefined) throw new Error(`unknown site "${r.site}"`);
    out.demand[k] = i;
    out.site[k] = j;
    out.cost[k] = r.cost;
  });
  return out;
}
