/**
 * Heuristics for the covering models without capacities, on reduced groups (coverage.ts).
 *
 * mclp: greedy (open, p times, the site adding the most uncovered weight) then swaps in the
 * manner of Teitz and Bart: the best exchange of one open site for one closed candidate, as long
 * as one adds weight. Each round evaluates every exchange at once, in one pass over the groups
 * covered exactly once: closing r loses loss(r) = Σ W_g over groups only r covers; opening c
 * gains gain(c) = Σ W_g over uncovered groups it reaches, plus extra(c, r) = Σ W_g over groups
 * covered only by r that c also reaches (they stay covered). Swap value: gain(c) + extra(c, r) −
 * loss(r). The result is a local optimum for single exchanges; its distance to the optimum is
 * measured by the Lagrangian bound (coverage-bounds.ts), not assumed.
 *
 * lscp: greedy (Chvátal: the site reaching the most uncovered groups) until all are covered,
 * then redundant sites (all of whose groups another open site also covers) are closed, latest
 * first.
 */
import type { CoverageGroups } from './coverage';

export interface SiteView {
  start: Int32Array;
  group: Int32Array;
}

export interface CoverageSolution {
  open: Uint8Array;
  /** Weight of the groups covered (fixed sites' constant not included). */
  covered: number;
}

function cover(groups: CoverageGroups, bySite: SiteView, cnt: Int32Array, gain: Float64Array) {
  return {
    open(c: number) {
      for (let k = bySite.start[c]; k < bySite.start[c + 1]; k++) {
        const g = bySite.group[k];
        if (cnt[g]++ === 0)
          for (let t = groups.siteStart[g]; t < groups.siteStart[g + 1]; t++)
            gain[groups.site[t]] -= groups.weight[g];
      }
    },
    close(c: number) {
      for (let k = bySite.start[c]; k < bySite.start[c + 1]; k++) {
        const g = bySite.group[k];
        if (--cnt[g] === 0)
          for (let t = groups.siteStart[g]; t < groups.siteStart[g + 1]; t++)
            gain[groups.site[t]] += groups.weight[g];
      }
    },
  };
}

export function mclpGreedySwap(
  groups: CoverageGroups,
  bySite: SiteView,
  candidates: Int32Array,
  p: number,
  keepGoing: () => boolean = () => true,
  /** p sites to start the swaps from, instead of the greedy's. */
  start?: readonly number[],
): CoverageSolution {
  const siteCount = bySite.start.length - 1;
  const G = groups.weight.length;
  const open = new Uint8Array(siteCount);
  const cnt = new Int32Array(G);
  const gain = new Float64Array(siteCount);
  let total = 0;
  for (let g = 0; g < G; g++) {
    total += groups.weight[g];
    for (let t = groups.siteStart[g]; t < groups.siteStart[g + 1]; t++)
      gain[groups.site[t]] += groups.weight[g];
  }
  const { open: add, close } = cover(groups, bySite, cnt, gain);
  const chosen: number[] = [];
  for (let step = 0; step < p; step++) {
    let best = start ? start[step] : -1;
    if (!start)
      for (const c of candidates) if (!open[c] && (best < 0 || gain[c] > gain[best])) best = c;
    open[best] = 1;
    chosen.push(best);
    add(best);
  }
  const eps = 1e-12 * Math.max(1, total);
  const slot = new Int32Array(siteCount).fill(-1);
  chosen.forEach((c, s) => (slot[c] = s));
  const loss = new Float64Array(p);
  const extra = new Float64Array(siteCount * p);
  while (p > 0 && keepGoing()) {
    loss.fill(0);
    extra.fill(0);
    for (let g = 0; g < G; g++) {
      if (cnt[g] !== 1) continue;
      const from = groups.siteStart[g];
      const to = groups.siteStart[g + 1];
      let r = -1;
      for (let t = from; t < to && r < 0; t++) if (open[groups.site[t]]) r = groups.site[t];
      const s = slot[r];
      const W = groups.weight[g];
      loss[s] += W;
      for (let t = from; t < to; t++) {
        const j = groups.site[t];
        if (!open[j]) extra[j * p + s] += W;
      }
    }
    let bestDelta = eps;
    let inSite = -1;
    let outSlot = -1;
    for (const c of candidates) {
      if (open[c]) continue;
      for (let s = 0; s < p; s++) {
        const delta = gain[c] + extra[c * p + s] - loss[s];
        if (delta > bestDelta) {
          bestDelta = delta;
          inSite = c;
          outSlot = s;
        }
      }
    }
    if (inSite < 0) break;
    const out = chosen[outSlot];
    open[out] = 0;
    slot[out] = -1;
    close(out);
    open[inSite] = 1;
    slot[inSite] = outSlot;
    chosen[outSlot] = inSite;
    add(inSite);
  }
  let covered = 0;
  for (let g = 0; g < G; g++) if (cnt[g] > 0) covered += groups.weight[g];
  return { open, covered };
}

export function lscpGreedy(
  groups: CoverageGroups,
  bySite: SiteView,
  candidates: Int32Array,
): CoverageSolution {
  const siteCount = bySite.start.length - 1;
  const G = groups.weight.length;
  const open = new Uint8Array(siteCount);
  const cnt = new Int32Array(G);
  const reach = new Float64Array(siteCount);
  for (const c of candidates) reach[c] = bySite.start[c + 1] - bySite.start[c];
  const chosen: number[] = [];
  let uncovered = G;
  while (uncovered > 0) {
    let best = -1;
    for (const c of candidates) if (!open[c] && (best < 0 || reach[c] > reach[best])) best = c;
    open[best] = 1;
    chosen.push(best);
    for (let k = bySite.start[best]; k < bySite.start[best + 1]; k++) {
      const g = bySite.group[k];
      if (cnt[g]++ === 0) {
        uncovered--;
        for (let t = groups.siteStart[g]; t < groups.siteStart[g + 1]; t++) reach[groups.site[t]]--;
      }
    }
  }
  for (let s = chosen.length - 1; s >= 0; s--) {
    const c = chosen[s];
    let redundant = true;
    for (let k = bySite.start[c]; k < bySite.start[c + 1] && redundant; k++)
      redundant = cnt[bySite.group[k]] >= 2;
    if (!redundant) continue;
    open[c] = 0;
    for (let k = bySite.start[c]; k < bySite.start[c + 1]; k++) cnt[bySite.group[k]]--;
  }
  let covered = 0;
  for (let g = 0; g < G; g++) covered += groups.weight[g];
  return { open, covered };
}
