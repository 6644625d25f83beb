/**
 * The second step: a supply column (places per site) shared out over a prepared catchment.
 * Pure. Each call is one pass over the kept pairs, so that one catchment serves many supply
 * columns (EAJE PSU, hors PSU, childminders, MAM, …): the results add up column by column
 * (A is linear in S), so the total is the sum of the modes.
 */
import { buildCatchment, checkedValues, type Catchment, type CostPairs } from './catchment';
import type { AccessOptions } from './methods';

export interface Accessibility {
  /**
   * R_j = S_j / Σ_i P_i w_ij: places per weighted child at each site; NaN when no child is
   * within reach (its places are in `placesUnreached` and count for nobody).
   */
  ratio: Float64Array;
  /**
   * A_i = Σ_j w_ij R_j: places within reach per child at each demand location (×100: places
   * per 100 children); 0 where no site with children competing for it is in reach.
   */
  access: Float64Array;
  /** Σ S_j over sites some child reaches: equal to Σ_i P_i A_i (up to rounding). */
  placesReached: number;
  /** Σ S_j over sites no child reaches (no pair within the catchment, or only empty locations). */
  placesUnreached: number;
}

/** Share `supply` (places at each site, finite ≥ 0) over the catchment. */
export function accessibility(catchment: Catchment, supply: ArrayLike<number>): Accessibility {
  const S = checkedValues(supply, 'supply');
  if (S.length !== catchment.siteCount)
    throw new RangeError(
      `supply has ${S.length} values for ${catchment.siteCount} sites: give one per site`,
    );
  const { rowStart, site, weight, weightedDemand } = catchment;
  const ratio = new Float64Array(S.length);
  // R_j, with 0 where no child competes for the site: it shares nothing.
  const share = new Float64Array(S.length);
  let placesReached = 0;
  let placesUnreached = 0;
  for (let j = 0; j < S.length; j++) {
    if (weightedDemand[j] > 0) {
      ratio[j] = share[j] = S[j] / weightedDemand[j];
      placesReached += S[j];
    } else {
      ratio[j] = NaN;
      placesUnreached += S[j];
    }
  }
  const nD = catchment.demand.length;
  const access = new Float64Array(nD);
  for (let i = 0; i < nD; i++) {
    let a = 0;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) a += weight[p] * share[site[p]];
    access[i] = a;
  }
  return { ratio, access, placesReached, placesUnreached };
}

/** Both steps at once, for one supply column. */
export function floatingCatchment(input: {
  demand: ArrayLike<number>;
  supply: ArrayLike<number>;
  pairs: CostPairs;
  options: AccessOptions;
}): Accessibility & { catchment: Catchment } {
  const supply = checkedValues(input.supply, 'supply');
  const catchment = buildCatchment(input.demand, supply.length, input.pairs, input.options);
  return { ...accessibility(catchment, supply), catchment };
}
