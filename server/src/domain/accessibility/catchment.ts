/**
 * The first step of a floating catchment, shared by every supply column: which sites each
 * demand location reaches, with what weight, and how many children compete for each site's
 * places. Pure.
 *
 * Inputs are dense indices (the caller keeps its ids beside them): demand location i in
 * [0, demand.length), site j in [0, siteCount), and one row per pair (i, j, cost) in any order.
 * The engine never invents a pair: a location's own supply counts only if the pair i→j is
 * given (cost 0 for a site at the location itself; the routing matrix writes these self-pairs).
 */
import { resolveAccessOptions, type AccessOptions, type ResolvedAccessOptions } from './methods';
import { pairWeights } from './weights';

/** Sparse travel costs, one entry per (demand location, site) pair, as parallel arrays. */
export interface CostPairs {
  /** Demand location index of each pair. */
  origin: ArrayLike<number>;
  /** Site index of each pair. */
  destination: ArrayLike<number>;
  /** Travel cost, ≥ 0, in the unit of the weights and of `maxCost` (minutes in Berceau). */
  cost: ArrayLike<number>;
}

export interface Catchment {
  readonly options: ResolvedAccessOptions;
  /** P_i: children at each demand location. */
  readonly demand: Float64Array;
  readonly siteCount: number;
  /** Pairs given, and pairs kept (weight > 0: within the maximum cost and the weights' reach). */
  readonly pairCount: number;
  readonly pairsInReach: number;
  /**
   * The kept pairs by demand location (CSR): those of location i are rowStart[i] ..
   * rowStart[i + 1] - 1, by increasing site index, whatever the order they were given in, so
   * that every sum is taken in one order and the same pairs give the same bits.
   */
  readonly rowStart: Int32Array;
  readonly site: Int32Array;
  /** w_ij: the weight W(d_ij), times the selection weight G_ij = W_ij / Σ_k W_ik for 3SFCA. */
  readonly weight: Float64Array;
  /** Index of each kept pair in the input arrays. */
  readonly pair: Int32Array;
  /** Σ_i P_i w_ij per site: the children competing for its places (0: no child within reach). */
  readonly weightedDemand: Float64Array;
}

/**
 * Check the inputs, weigh the pairs and sum the weighted demand of each site. Throws a
 * TypeError (not a number, not an integer index) or a RangeError (negative value, index out of
 * range, duplicate pair, bad options) naming the entry.
 */
export function buildCatchment(
  demand: ArrayLike<number>,
  siteCount: number,
  pairs: CostPairs,
  options: AccessOptions,
): Catchment {
  const resolved = resolveAccessOptions(options);
  const P = checkedValues(demand, 'demand');
  if (!Number.isInteger(siteCount) || siteCount < 0)
    throw new RangeError(`siteCount must be an integer ≥ 0 (got ${siteCount})`);
  const { origin, destination, cost } = pairs;
  const n = cost?.length;
  if (typeof n !== 'number' || origin?.length !== n || destination?.length !== n)
    throw new TypeError(
      `pairs: origin, destination and cost must be arrays of the same length (got ${origin?.length}, ${destination?.length}, ${n})`,
    );
  const nD = P.length;

  // One pass: check each pair, and see whether it already comes by origin then site.
  let sorted = true;
  let prevO = -1;
  let prevD = -1;
  for (let k = 0; k < n; k++) {
    const o = origin[k];
    const d = destination[k];
    const c = cost[k];
    if (!(o >>> 0 === o && o < nD)) throw badIndex('origin', k, o, nD, 'demand locations');
    if (!(d >>> 0 === d && d < siteCount)) throw badIndex('destination', k, d, siteCount, 'sites');
    if (!(c >= 0 && c < Infinity)) throw badCost(k, c);
    if (o < prevO || (o === prevO && d <= prevD)) sorted = false;
    prevO = o;
    prevD = d;
  }

  const w = new Float64Array(n);
  pairWeights(resolved.weights, cost, resolved.maxCost, w);

  const order = sorted ? null : sortByOriginThenSite(origin, destination, nD, siteCount);
  const rowStart = new Int32Array(nD + 1);
  let kept = 0;
  for (let t = 0; t < n; t++) if (w[t] > 0) kept++;
  const site = new Int32Array(kept);
  const weight = new Float64Array(kept);
  const pair = new Int32Array(kept);
  let out = 0;
  let t = 0;
  for (let i = 0; i < nD; i++) {
    rowStart[i] = out;
    let last = -1;
    let lastPair = -1;
    for (; t < n; t++) {
      const k = order ? order[t] : t;
      if (origin[k] !== i) break;
      const d = destination[k];
      if (d === last)
        throw new RangeError(
          `pairs: pair ${k} (origin ${i} → destination ${d}) is given twice (also pair ${lastPair})`,
        );
      last = d;
      lastPair = k;
      if (w[k] > 0) {
        site[out] = d;
        weight[out] = w[k];
        pair[out] = k;
        out++;
      }
    }
  }
  rowStart[nD] = out;

  if (resolved.selection) {
    // 3SFCA: G_ij = W_ij / Σ_k W_ik, and both steps use G_ij W_ij.
    for (let i = 0; i < nD; i++) {
      let sum = 0;
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) sum += weight[p];
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) weight[p] *= weight[p] / sum;
    }
  }

  const weightedDemand = new Float64Array(siteCount);
  for (let i = 0; i < nD; i++) {
    const children = P[i];
    if (children === 0) continue;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++)
      weightedDemand[site[p]] += children * weight[p];
  }

  return {
    options: resolved,
    demand: P,
    siteCount,
    pairCount: n,
    pairsInReach: kept,
    rowStart,
    site,
    weight,
    pair,
    weightedDemand,
  };
}

/**
 * Pair indices by origin, then site, then input position: two stable counting sorts (by site,
 * then by origin), linear in the pairs.
 */
function sortByOriginThenSite(
  origin: ArrayLike<number>,
  destination: ArrayLike<number>,
  nD: number,
  nS: number,
): Int32Array {
  const n = origin.length;
  const bySite = new Int32Array(n);
  const next = new Int32Array(Math.max(nD, nS) + 1);
  for (let k = 0; k < n; k++) next[destination[k] + 1]++;
  for (let j = 0; j < nS; j++) next[j + 1] += next[j];
  for (let k = 0; k < n; k++) bySite[next[destination[k]]++] = k;
  const order = new Int32Array(n);
  next.fill(0);
  for (let k = 0; k < n; k++) next[origin[k] + 1]++;
  for (let i = 0; i < nD; i++) next[i + 1] += next[i];
  for (let t = 0; t < n; t++) {
    const k = bySite[t];
    order[next[origin[k]]++] = k;
  }
  return order;
}

/** `values` as a Float64Array, each a finite number ≥ 0 (children, places). */
export function checkedValues(values: ArrayLike<number>, what: string): Float64Array {
  if (values === null || typeof values !== 'object' || typeof values.length !== 'number')
    throw new TypeError(`${what} must be an array of numbers`);
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new TypeError(`${what}[${k}] is not a number (got ${String(v)})`);
    if (!(v >= 0 && v < Infinity))
      throw new RangeError(`${what}[${k}] must be a finite number ≥ 0 (got ${v})`);
    out[k] = v;
  }
  return out;
}

function badIndex(field: string, k: number, value: unknown, count: number, what: string): Error {
  if (typeof value !== 'number' || !Number.isInteger(value))
    return new TypeError(`pairs: ${field} of pair ${k} is not an integer index (got ${value})`);
  return new RangeError(
    `pairs: ${field} of pair ${k} is ${value}, outside the ${count} ${what} (0 to ${count - 1})`,
  );
}

function badCost(k: number, c: unknown): Error {
  if (typeof c !== 'number' || Number.isNaN(c))
    return new TypeError(`pairs: cost of pair ${k} is not a number (got ${String(c)})`);
  return new RangeError(`pairs: cost of pair ${k} must be a finite number ≥ 0 (got ${c})`);
}
