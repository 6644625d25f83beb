/**
 * Greedy + swap for the p-median without capacities, on reduced rows (median.ts), where each
 * demand point's tail T_i (nearest uncapacitated fixed site, or unserved) is always available.
 *
 * Greedy (Kuehn & Hamburger): open, p times, the candidate saving the most weighted cost.
 * Swap (Teitz & Bart, with the fast evaluation of Whitaker as written by Resende & Werneck):
 * with d1 / d2 each point's nearest and second-nearest open cost (the tail counting as an open
 * site that never closes),
 *   gain(c)     = Σ_i w_i max(0, d1_i − c_ic)                       opening c alone
 *   loss(r)     = Σ_{i: nearest is r} w_i (d2_i − d1_i)               closing r alone
 *   extra(c, r) = Σ_{i: nearest is r, c_ic < d2_i} w_i (d2_i − max(c_ic, d1_i))
 * and the swap (r out, c in) saves gain(c) − loss(r) + extra(c, r) exactly. Each round applies
 * the best saving swap; rows are sorted by cost, so every sum stops at the first cost too high.
 * Points that must be served and have no tail get a large finite one, so that an answer leaving
 * one unserved is recognised (and refused) rather than computed with infinities.
 */
import type { MedianRows } from './median';
import { medianColumns } from './median';

export interface MedianSolution {
  open: Uint8Array;
  /** Σ w_i × cost_i under `open`, tails included; Infinity when a point must be served and is not. */
  cost: number;
  /** Each point's cost under `open` (its tail when no open site is cheaper). */
  pointCost: Float64Array;
}

export function medianGreedySwap(
  weight: Float64Array,
  rows: MedianRows,
  siteCount: number,
  candidates: Int32Array,
  p: number,
  keepGoing: () => boolean = () => true,
  /** p sites to start the swaps from, instead of the greedy's. */
  start?: readonly number[],
): MedianSolution {
  const n = weight.length;
  const cols = medianColumns(rows, siteCount);
  let maxCost = 0;
  for (const c of rows.cost) maxCost = Math.max(maxCost, c);
  for (const t of rows.tail) if (Number.isFinite(t)) maxCost = Math.max(maxCost, t);
  const BIG = (maxCost + 1) * 1e6;
  const tail = rows.tail.map((t) => (Number.isFinite(t) ? t : BIG));
  const open = new Uint8Array(siteCount);
  const d1 = tail.slice();
  const gain = new Float64Array(siteCount);
  const chosen: number[] = [];
  for (let step = 0; step < p && start; step++) {
    open[start[step]] = 1;
    chosen.push(start[step]);
    for (let k = cols.start[start[step]]; k < cols.start[start[step] + 1]; k++)
      d1[cols.demand[k]] = Math.min(d1[cols.demand[k]], cols.cost[k]);
  }
  for (let step = 0; step < p && !start; step++) {
    gain.fill(0);
    for (let i = 0; i < n; i++) {
      const w = weight[i];
      if (w === 0) continue;
      for (let k = rows.start[i]; k < rows.start[i + 1] && rows.cost[k] < d1[i]; k++)
        gain[rows.site[k]] += w * (d1[i] - rows.cost[k]);
    }
    let best = -1;
    for (const c of candidates) if (!open[c] && (best < 0 || gain[c] > gain[best])) best = c;
    open[best] = 1;
    chosen.push(best);
    for (let k = cols.start[best]; k < cols.start[best + 1]; k++)
      d1[cols.demand[k]] = Math.min(d1[cols.demand[k]], cols.cost[k]);
  }

  const slot = new Int32Array(siteCount).fill(-1);
  chosen.forEach((c, s) => (slot[c] = s));
  const near = new Int32Array(n);
  const d2 = new Float64Array(n);
  const loss = new Float64Array(p);
  const extra = new Float64Array(siteCount * p);
  let total = 0;
  for (let i = 0; i < n; i++) total += weight[i] * tail[i];
  const eps = 1e-12 * Math.max(1, total);
  while (p > 0 && keepGoing()) {
    nearestTwo(rows, open, tail, d1, d2, near);
    gain.fill(0);
    loss.fill(0);
    extra.fill(0);
    for (let i = 0; i < n; i++) {
      const w = weight[i];
      if (w === 0) continue;
      const from = rows.start[i];
      const to = rows.start[i + 1];
      for (let k = from; k < to && rows.cost[k] < d1[i]; k++)
        gain[rows.site[k]] += w * (d1[i] - rows.cost[k]);
      if (near[i] < 0) continue;
      const s = slot[near[i]];
      loss[s] += w * (d2[i] - d1[i]);
      for (let k = from; k < to && rows.cost[k] < d2[i]; k++) {
        const j = rows.site[k];
        if (!open[j]) extra[j * p + s] += w * (d2[i] - Math.max(rows.cost[k], d1[i]));
      }
    }
    let bestSaving = eps;
    let inSite = -1;
    let outSlot = -1;
    for (const c of candidates) {
      if (open[c]) continue;
      for (let s = 0; s < p; s++) {
        const saving = gain[c] - loss[s] + extra[c * p + s];
        if (saving > bestSaving) {
          bestSaving = saving;
          inSite = c;
          outSlot = s;
        }
      }
    }
    if (inSite < 0) break;
    const out = chosen[outSlot];
    open[out] = 0;
    slot[out] = -1;
    open[inSite] = 1;
    slot[inSite] = outSlot;
    chosen[outSlot] = inSite;
  }
  nearestTwo(rows, open, tail, d1, d2, near);
  const pointCost = d1.map((d) => (d === BIG ? Infinity : d));
  let cost = 0;
  for (let i = 0; i < n; i++) if (weight[i] > 0) cost += weight[i] * pointCost[i];
  return { open, cost, pointCost };
}

/** d1, d2: the two cheapest of (open kept pairs, tail); near: the site giving d1, −1 for the tail. */
function nearestTwo(
  rows: MedianRows,
  open: Uint8Array,
  tail: Float64Array,
  d1: Float64Array,
  d2: Float64Array,
  near: Int32Array,
): void {
  for (let i = 0; i < near.length; i++) {
    let first = -1;
    let second = -1;
    for (let k = rows.start[i]; k < rows.start[i + 1] && second < 0; k++) {
      if (!open[rows.site[k]]) continue;
      if (first < 0) first = k;
      else second = k;
    }
    if (first >= 0 && rows.cost[first] < tail[i]) {
      near[i] = rows.site[first];
      d1[i] = rows.cost[first];
      d2[i] = second >= 0 ? Math.min(rows.cost[second], tail[i]) : tail[i];
    } else {
      near[i] = -1;
      d1[i] = tail[i];
      d2[i] = tail[i];
    }
  }
}
