/**
 * Lagrangian bounds for the covering models without capacities, so that a heuristic answer
 * carries a proven gap. Subgradient optimisation with Polyak steps toward the heuristic's value;
 * the step factor halves after 20 rounds without progress. Any multipliers give a valid bound:
 * stopping early only loosens it.
 *
 * mclp, relaxing z_g ≤ Σ_{j∈N_g} y_j with μ_g ≥ 0:
 *   L(μ) = Σ_g max(0, W_g − μ_g) + (sum of the p largest s_j),  s_j = Σ_{g ∋ j} μ_g  ≥ optimum.
 * lscp, relaxing Σ_{j∈N_g} y_j ≥ 1 with λ_g ≥ 0:
 *   L(λ) = Σ_g λ_g + Σ_j min(0, 1 − Σ_{g ∋ j} λ_g)  ≤ optimum; rounded up (the count is whole).
 */
import type { CoverageGroups } from './coverage';
import type { SiteView } from './coverage-heuristic';

export interface BoundOptions {
  iterations?: number;
  keepGoing?: () => boolean;
  /** Stop once the bound is this close (relative) to the best value found. */
  relativeGap?: number;
  /**
   * mclp: multipliers to start from (e.g. the LP relaxation's row duals, which reach the LP
   * bound at once); clipped to [0, W_g], where any value gives a valid bound.
   */
  initial?: Float64Array;
}

function topP(score: Float64Array, candidates: Int32Array, p: number, pick: Uint8Array): number {
  pick.fill(0);
  if (p <= 0) return 0;
  const order = Array.from(candidates).sort((a, b) => score[b] - score[a] || a - b);
  let sum = 0;
  for (let t = 0; t < Math.min(p, order.length); t++) {
    pick[order[t]] = 1;
    sum += score[order[t]];
  }
  return sum;
}

export interface Lagrangian {
  /** L at the best multipliers found: a valid bound. */
  bound: number;
  /** Each site's term at those multipliers (mclp: s_j; lscp: reduced cost 1 − Σ λ; pmedian: ρ_j). */
  score: Float64Array;
  /**
   * mclp, pmedian: the best of the relaxation's own choices of p sites, priced for real (the
   * Lagrangian heuristic): often better than the greedy's start for the swaps.
   */
  pick?: { sites: number[]; value: number };
}

/** Upper bound on the weight of groups covered by p new sites; `lower`: a value reached. */
export function mclpLagrangian(
  groups: CoverageGroups,
  bySite: SiteView,
  candidates: Int32Array,
  p: number,
  lower: number,
  { iterations = 1000, keepGoing = () => true, relativeGap = 1e-9, initial }: BoundOptions = {},
): Lagrangian {
  const G = groups.weight.length;
  const siteCount = bySite.start.length - 1;
  const mu = groups.weight.slice();
  if (initial) for (let g = 0; g < G; g++) mu[g] = Math.min(mu[g], Math.max(0, initial[g]));
  let bestMu = mu;
  const s = new Float64Array(siteCount);
  const pick = new Uint8Array(siteCount);
  const d = new Float64Array(G);
  const seen = new Int32Array(G);
  let bestPick: { sites: number[]; value: number } | null = null;
  let best = Infinity;
  // From near-optimal multipliers, large steps would only wander away.
  let theta = initial ? 0.25 : 2;
  let stall = 0;
  for (let it = 0; it < iterations && keepGoing(); it++) {
    for (const c of candidates) {
      let sum = 0;
      for (let k = bySite.start[c]; k < bySite.start[c + 1]; k++) sum += mu[bySite.group[k]];
      s[c] = sum;
    }
    let L = topP(s, candidates, p, pick);
    for (let g = 0; g < G; g++) if (groups.weight[g] > mu[g]) L += groups.weight[g] - mu[g];
    const value = coveredBy(groups, bySite, candidates, pick, seen, it + 1);
    if (!bestPick || value > bestPick.value)
      bestPick = { sites: Array.from(candidates).filter((c) => pick[c]), value };
    if (best === Infinity || L < best - 1e-12 * Math.max(1, best)) {
      best = L;
      bestMu = mu.slice();
      stall = 0;
    } else if (++stall >= 20) {
      theta /= 2;
      stall = 0;
    }
    const target = Math.max(lower, bestPick?.value ?? lower);
    if (best - target <= relativeGap * Math.max(1, target) || theta < 1e-4) break;
    let norm = 0;
    for (let g = 0; g < G; g++) {
      let sum = groups.weight[g] > mu[g] ? -1 : 0;
      for (let t = groups.siteStart[g]; t < groups.siteStart[g + 1]; t++)
        sum += pick[groups.site[t]];
      d[g] = sum;
      norm += sum * sum;
    }
    if (norm === 0) break;
    const step = (theta * (L - target)) / norm;
    for (let g = 0; g < G; g++) mu[g] = Math.max(0, mu[g] - step * d[g]);
  }
  const score = new Float64Array(siteCount);
  for (const c of candidates)
    for (let k = bySite.start[c]; k < bySite.start[c + 1]; k++) score[c] += bestMu[bySite.group[k]];
  return { bound: best, score, pick: bestPick ?? undefined };
}

/** Weight of the groups the picked sites cover (`seen` stamps groups with `stamp`). */
function coveredBy(
  groups: CoverageGroups,
  bySite: SiteView,
  candidates: Int32Array,
  pick: Uint8Array,
  seen: Int32Array,
  stamp: number,
): number {
  let value = 0;
  for (const c of candidates) {
    if (!pick[c]) continue;
    for (let k = bySite.start[c]; k < bySite.start[c + 1]; k++) {
      const g = bySite.group[k];
      if (seen[g] === stamp) continue;
      seen[g] = stamp;
      value += groups.weight[g];
    }
  }
  return value;
}

/** Lower bound (not rounded) on the new sites covering every group; `upper`: a count reached. */
export function lscpLagrangian(
  groups: CoverageGroups,
  bySite: SiteView,
  candidates: Int32Array,
  upper: number,
  { iterations = 1000, keepGoing = () => true }: BoundOptions = {},
): Lagrangian {
  const G = groups.weight.length;
  const siteCount = bySite.start.length - 1;
  if (G === 0) return { bound: 0, score: new Float64Array(siteCount).fill(1) };
  const lambda = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let l = Infinity;
    for (let t = groups.siteStart[g]; t < groups.siteStart[g + 1]; t++) {
      const j = groups.site[t];
      l = Math.min(l, 1 / (bySite.start[j + 1] - bySite.start[j]));
    }
    lambda[g] = l;
  }
  const rc = new Float64Array(siteCount);
  const bestRc = new Float64Array(siteCount).fill(1);
  const d = new Float64Array(G);
  let best = 0;
  let theta = 2;
  let stall = 0;
  for (let it = 0; it < iterations && keepGoing(); it++) {
    let L = 0;
    for (let g = 0; g < G; g++) L += lambda[g];
    for (const c of candidates) {
      let sum = 0;
      for (let k = bySite.start[c]; k < bySite.start[c + 1]; k++) sum += lambda[bySite.group[k]];
      rc[c] = 1 - sum;
      if (rc[c] < 0) L += rc[c];
    }
    if (L > best + 1e-12) {
      best = L;
      for (const c of candidates) bestRc[c] = rc[c];
      stall = 0;
    } else if (++stall >= 20) {
      theta /= 2;
      stall = 0;
    }
    if (Math.ceil(best - 1e-6) >= upper || theta < 1e-4) break;
    let norm = 0;
    for (let g = 0; g < G; g++) {
      let sum = 1;
      for (let t = groups.siteStart[g]; t < groups.siteStart[g + 1]; t++)
        if (rc[groups.site[t]] < 0) sum--;
      d[g] = sum;
      norm += sum * sum;
    }
    if (norm === 0) break;
    const step = (theta * (upper - L)) / norm;
    for (let g = 0; g < G; g++) lambda[g] = Math.max(0, lambda[g] + step * d[g]);
  }
  return { bound: best, score: bestRc };
}
