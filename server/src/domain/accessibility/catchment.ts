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
  if (pairs === null || typeof pairs !== 'object')
    throw new TypeError('pairs must be { origin, destination, cost } arrays');
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

  // The pairs by location then site: as given when they already come so (a routing matrix
  // writes them so), else by two stable counting sorts that move the values along.
  const rows = sorted
    ? sortedRows(origin, destination, cost, nD)
    : sortRows(origin, destination, cost, nD, siteCount);
  const { rowStart, site, pair } = rows;
  for (let i = 0; i < nD; i++) {
    for (let p = rowStart[i] + 1; p < rowStart[i + 1]; p++)
      if (site[p] === site[p - 1])
        throw new RangeError(
          `pairs: pair ${pair[p]} (origin ${i} → destination ${site[p]}) is given twice (also pair ${pair[p - 1]})`,
        );
  }
  let weight = new Float64Array(n);
  pairWeights(resolved.weights, rows.cost, resolved.maxCost, weight);

  // Keep the pairs with a weight (within the maximum cost and the weights' reach), in place.
  let kept = 0;
  let q = 0;
  for (let i = 0; i < nD; i++) {
    const end = rowStart[i + 1];
    rowStart[i] = kept;
    for (; q < end; q++) {
      if (weight[q] > 0) {
        if (kept !== q) {
          site[kept] = site[q];
          weight[kept] = weight[q];
          pair[kept] = pair[q];
        }
        kept++;
      }
    }
  }
  rowStart[nD] = kept;
  const trimmed = kept < n;
  weight = trimmed ? weight.slice(0, kept) : weight;

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
    site: trimmed ? site.slice(0, kept) : site,
    weight,
    pair: trimmed ? pair.slice(0, kept) : pair,
    weightedDemand,
  };
}

interface Rows {
  /** Pairs of location i: rowStart[i] .. rowStart[i + 1] - 1. */
  rowStart: Int32Array;
  site: Int32Array;
  cost: ArrayLike<number>;
  /** Input index of each pair. */
  pair: Int32Array;
}

/** Pairs that already come by origin, then site: the row bounds, and copies of the indices. */
function sortedRows(
  origin: ArrayLike<number>,
  destination: ArrayLike<number>,
  cost: ArrayLike<number>,
  nD: number,
): Rows {
  const n = origin.length;
  const rowStart = new Int32Array(nD + 1);
  for (let k = 0; k < n; k++) rowStart[origin[k] + 1]++;
  for (let i = 0; i < nD; i++) rowStart[i + 1] += rowStart[i];
  const site = new Int32Array(n);
  const pair = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    site[k] = destination[k];
    pair[k] = k;
  }
  return { rowStart, site, cost, pair };
}

/**
 * Pairs by origin, then site, then input position: a stable counting sort by site, then one by
 * origin, each moving the values (reads in order, writes scattered), linear in the pairs.
 */
function sortRows(
  origin: ArrayLike<number>,
  destination: ArrayLike<number>,
  cost: ArrayLike<number>,
  nD: number,
  nS: number,
): Rows {
  const n = origin.length;
  const siteStart = new Int32Array(nS + 1);
  for (let k = 0; k < n; k++) siteStart[destination[k] + 1]++;
  for (let j = 0; j < nS; j++) siteStart[j + 1] += siteStart[j];
  const next = siteStart.slice(0, nS);
  const bySiteOrigin = new Int32Array(n);
  const bySiteCost = new Float64Array(n);
  const bySitePair = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const q = next[destination[k]]++;
    bySiteOrigin[q] = origin[k];
    bySiteCost[q] = cost[k];
    bySitePair[q] = k;
  }
  const rowStart = new Int32Array(nD + 1);
  for (let k = 0; k < n; k++) rowStart[origin[k] + 1]++;
  for (let i = 0; i < nD; i++) rowStart[i + 1] += rowStart[i];
  const at = rowStart.slice(0, nD);
  const site = new Int32Array(n);
  const sortedCost = new Float64Array(n);
  const pair = new Int32Array(n);
  for (let j = 0; j < nS; j++) {
    for (let q = siteStart[j]; q < siteStart[j + 1]; q++) {
      const r = at[bySiteOrigin[q]]++;
      site[r] = j;
      sortedCost[r] = bySiteCost[q];
      pair[r] = bySitePair[q];
    }
  }
  return { rowStart, site, cost: sortedCost, pair };
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
