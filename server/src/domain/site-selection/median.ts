/**
 * The p-median's pairs, reduced before any model is built. For each demand point with weight:
 *
 * - the tail T_i is what it costs whatever is chosen: its nearest fixed site without capacity
 *   (always open), or `unservedCost` when it may stay unserved, whichever is less; Infinity
 *   when neither exists (it must then be served by a new site);
 * - only the candidate pairs cheaper than T_i (and within maxCost) are kept: a costlier one is
 *   never better than the tail. Exact for both formulations: with capacities too, demand at a
 *   costlier pair can move to the uncapacitated fixed site (or go unserved) at no greater cost.
 *
 * Fixed sites with a capacity stay as ordinary pairs (only the capacitated model has them).
 */
import type { Instance } from './instance';

export interface MedianRows {
  tail: Float64Array;
  /** The free fixed site that sets the tail, −1 when the tail is the unserved cost or none. */
  tailSite: Int32Array;
  start: Int32Array;
  site: Int32Array;
  cost: Float64Array;
  /** Demand points with weight that nothing can serve. */
  unreachable: number[];
}

export function medianRows(
  inst: Instance,
  maxCost: number | undefined,
  unservedCost: number | undefined,
): MedianRows {
  const n = inst.weight.length;
  const tail = new Float64Array(n).fill(Infinity);
  const tailSite = new Int32Array(n).fill(-1);
  const start = new Int32Array(n + 1);
  // At most every pair is kept: typed arrays of that size, trimmed at the end.
  const site = new Int32Array(inst.pairSite.length);
  const cost = new Float64Array(inst.pairSite.length);
  let kept = 0;
  const unreachable: number[] = [];
  const limit = maxCost ?? Infinity;
  for (let i = 0; i < n; i++) {
    if (inst.weight[i] > 0) {
      let T = unservedCost ?? Infinity;
      for (let k = inst.rowStart[i]; k < inst.rowStart[i + 1]; k++) {
        const c = inst.pairCost[k];
        if (c > limit || c >= T) break;
        const j = inst.pairSite[k];
        if (inst.fixed[j] && inst.capacity[j] === Infinity) {
          T = c;
          tailSite[i] = j;
          break;
        }
        site[kept] = j;
        cost[kept++] = c;
      }
      tail[i] = T;
      if (T === Infinity && kept === start[i]) unreachable.push(i);
    }
    start[i + 1] = kept;
  }
  return {
    tail,
    tailSite,
    start,
    site: site.slice(0, kept),
    cost: cost.slice(0, kept),
    unreachable,
  };
}

/** The site-major view of the kept pairs. */
export function medianColumns(rows: MedianRows, siteCount: number) {
  const start = new Int32Array(siteCount + 1);
  for (let k = 0; k < rows.site.length; k++) start[rows.site[k] + 1]++;
  for (let j = 0; j < siteCount; j++) start[j + 1] += start[j];
  const fill = start.slice(0, siteCount);
  const demand = new Int32Array(rows.site.length);
  const cost = new Float64Array(rows.site.length);
  for (let i = 0; i + 1 < rows.start.length; i++)
    for (let k = rows.start[i]; k < rows.start[i + 1]; k++) {
      const at = fill[rows.site[k]]++;
      demand[at] = i;
      cost[at] = rows.cost[k];
    }
  return { start, demand, cost };
}
