/**
 * A Lagrangian lower bound for the p-median without capacities (Beasley 1993), so that the
 * heuristic's answer carries a proven gap. Relaxing "each point is served once" with free
 * multipliers λ_i:
 *   L(λ) = Σ_i λ_i + Σ_i min(0, w_i T_i − λ_i) + (sum of the p most negative ρ_j),
 *   ρ_j = Σ_i min(0, w_i c_ij − λ_i)
 * is below the optimum for every λ. Raising λ_i up to w_i × (its cheapest pair) only raises L,
 * and beyond w_i T_i only lowers it, so λ_i is kept in that range (a projection that never
 * loses bound). The multipliers move by the volume algorithm (Barahona & Anbil 2000): steps
 * from the best multipliers so far along an average of the subgradients, Polyak-sized toward
 * the best known cost; the factor grows after improving steps and shrinks after 20 without.
 * Plain subgradient steps zigzag and stall short of the bound on grid instances. Rows are
 * sorted by cost, so each round only reads the pairs with w_i c_ij < λ_i.
 */
import type { BoundOptions, Lagrangian } from './coverage-bounds';
import { medianColumns, type MedianRows } from './median';

export function medianLagrangian(
  weight: Float64Array,
  rows: MedianRows,
  siteCount: number,
  candidates: Int32Array,
  p: number,
  upper: number,
  pointCost: Float64Array,
  { iterations = 1000, keepGoing = () => true, relativeGap = 1e-9 }: BoundOptions = {},
): Lagrangian {
  const n = weight.length;
  let maxCost = 0;
  for (const c of rows.cost) maxCost = Math.max(maxCost, c);
  // The range where a multiplier can matter: [w × cheapest pair, w × tail].
  const low = new Float64Array(n);
  const high = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = weight[i];
    const T = rows.tail[i];
    high[i] = Number.isFinite(T) ? w * T : Infinity;
    low[i] = rows.start[i] < rows.start[i + 1] ? w * rows.cost[rows.start[i]] : high[i];
    // Nothing can serve it: the problem is infeasible, any finite multiplier will do.
    if (!Number.isFinite(low[i])) low[i] = high[i] = 0;
  }
  const clip = (x: Float64Array) => {
    for (let i = 0; i < n; i++) x[i] = Math.min(high[i], Math.max(low[i], x[i]));
  };
  const center = new Float64Array(n);
  for (let i = 0; i < n; i++)
    center[i] = weight[i] * (Number.isFinite(pointCost[i]) ? pointCost[i] : maxCost);
  clip(center);
  const lambda = Float64Array.from(center);
  const rho = new Float64Array(siteCount);
  const bestRho = new Float64Array(siteCount);
  const g = new Float64Array(n);
  const direction = new Float64Array(n);
  const cols = medianColumns(rows, siteCount);
  const nearest = new Float64Array(n);
  const order = Array.from(candidates);
  let bestPick: { sites: number[]; value: number } | null = null;
  let best = -Infinity;
  let factor = 0.1;
  let stall = 0;
  for (let it = 0; it < iterations && keepGoing(); it++) {
    for (const c of candidates) rho[c] = 0;
    let L = 0;
    for (let i = 0; i < n; i++) {
      const w = weight[i];
      if (w === 0) continue;
      L += lambda[i];
      const T = rows.tail[i];
      if (Number.isFinite(T) && w * T < lambda[i]) L += w * T - lambda[i];
      for (let k = rows.start[i]; k < rows.start[i + 1]; k++) {
        const reduced = w * rows.cost[k] - lambda[i];
        if (reduced >= 0) break;
        rho[rows.site[k]] += reduced;
      }
    }
    order.sort((a, b) => rho[a] - rho[b] || a - b);
    for (let t = 0; t < Math.min(p, order.length); t++) L += rho[order[t]];
    const picked = order.slice(0, Math.min(p, order.length));
    const value = pickedCost(weight, rows, cols, picked, nearest, bestPick?.value ?? Infinity);
    if (value < (bestPick?.value ?? Infinity)) bestPick = { sites: picked, value };
    // g_i = 1 − (picked sites and tail with a negative reduced cost): read down the p picked
    // columns rather than along every row.
    for (let i = 0; i < n; i++) {
      const w = weight[i];
      g[i] = w > 0 && !(Number.isFinite(rows.tail[i]) && w * rows.tail[i] < lambda[i]) ? 1 : 0;
    }
    for (const j of picked)
      for (let k = cols.start[j]; k < cols.start[j + 1]; k++) {
        const i = cols.demand[k];
        if (weight[i] * cols.cost[k] < lambda[i]) g[i]--;
      }
    if (it === 0) direction.set(g);
    else {
      // The weight of the new subgradient that shortens the averaged direction most, in
      // [0.01, 0.1] (the volume algorithm's rule).
      let gg = 0;
      let gd = 0;
      let dd = 0;
      for (let i = 0; i < n; i++) {
        gg += g[i] * g[i];
        gd += g[i] * direction[i];
        dd += direction[i] * direction[i];
      }
      const denominator = gg - 2 * gd + dd;
      const alpha = Math.min(0.1, Math.max(0.01, denominator > 0 ? (dd - gd) / denominator : 0.1));
      for (let i = 0; i < n; i++) direction[i] = alpha * g[i] + (1 - alpha) * direction[i];
    }
    if (L > best) {
      if (best !== -Infinity) {
        let dg = 0;
        for (let i = 0; i < n; i++) dg += g[i] * direction[i];
        if (dg >= 0) factor = Math.min(2, factor * 1.1);
      }
      best = L;
      center.set(lambda);
      for (const c of candidates) bestRho[c] = rho[c];
      stall = 0;
    } else if (++stall >= 20) {
      factor *= 0.66;
      stall = 0;
    }
    const known = Math.min(upper, bestPick?.value ?? Infinity);
    const target = Number.isFinite(known) ? known : Math.abs(best) * 1.1 + 1;
    if (target - best <= relativeGap * Math.max(1, Math.abs(target)) || factor < 1e-5) break;
    let norm = 0;
    for (let i = 0; i < n; i++) if (weight[i] > 0) norm += direction[i] * direction[i];
    if (norm === 0) break;
    const step = (factor * (target - best)) / norm;
    for (let i = 0; i < n; i++) lambda[i] = weight[i] > 0 ? center[i] + step * direction[i] : 0;
    clip(lambda);
  }
  return { bound: best, score: bestRho, pick: bestPick ?? undefined };
}

/** Σ w_i × cost_i with the picked sites open (by their columns); Infinity once above `cap`. */
function pickedCost(
  weight: Float64Array,
  rows: MedianRows,
  cols: ReturnType<typeof medianColumns>,
  picked: readonly number[],
  nearest: Float64Array,
  cap: number,
): number {
  nearest.set(rows.tail);
  for (const j of picked)
    for (let k = cols.start[j]; k < cols.start[j + 1]; k++) {
      const i = cols.demand[k];
      if (cols.cost[k] < nearest[i]) nearest[i] = cols.cost[k];
    }
  let total = 0;
  for (let i = 0; i < weight.length; i++) {
    if (weight[i] === 0) continue;
    total += weight[i] * nearest[i];
    if (total > cap) return Infinity;
  }
  return total;
}
