/**
 * MIP formulations of the p-median over reduced rows (median.ts).
 *
 * Without capacities: the radius formulation (Elloumi 2010; García, Labbé & Marín 2011), which
 * has the LP bound of the classic assignment formulation with one continuous column per distinct
 * cost level instead of one per pair and rows of three entries on average. For demand i with
 * cost levels D¹ < D² < … < Dᴸ among its kept pairs, and D^{L+1} = T_i its tail:
 *   cost_i = D¹ + Σ_k (D^{k+1} − D^k) z_i^k
 *   z_i^1 + Σ_{j: c_ij = D¹} y_j ≥ 1
 *   z_i^k − z_i^{k−1} + Σ_{j: c_ij = D^k} y_j ≥ 0     (k ≥ 2),   z ≥ 0
 * so z_i^k = 1 exactly when no site at cost ≤ D^k is open. When D^{L+1} is infinite (no tail:
 * the point must be served) z_i^L is held at 0.
 *
 * With capacities: assignment columns x_ij ∈ [0, 1] (share of i served by j) and u_i (share left
 * to the tail: the nearest uncapacitated fixed site, or unserved), with
 *   Σ_j x_ij + u_i = 1,  Σ_i w_i x_ij ≤ cap_j y_j,  x_ij ≤ y_j;  min Σ w_i c_ij x_ij + w_i T_i u_i.
 */
import type { Instance } from './instance';
import type { MedianRows } from './median';
import { MipBuilder, type MipModel } from './mip';

export interface MedianMip {
  mip: MipModel;
  yCol: Int32Array;
  /** Capacitated: x columns are xFirst + k for kept pair k; u column per demand (−1: none). */
  xFirst: number;
  uCol: Int32Array;
}

function siteColumns(b: MipBuilder, inst: Instance, p: number): Int32Array {
  const yCol = new Int32Array(inst.siteIds.length).fill(-1);
  for (let j = 0; j < yCol.length; j++)
    if (!inst.fixed[j] && !inst.excluded[j]) yCol[j] = b.addCol(0, 0, 1, true);
  const row = b.addRow(p, p);
  for (const col of yCol) if (col >= 0) b.set(row, col, 1);
  return yCol;
}

/**
 * Pigeonhole cut (exact): with p of the R candidates open, any R − p + 1 of them include an open
 * one, so a point's levels stop at the level reaching its (R − p + 1)-th candidate, whose z is 0.
 */
export function radiusMip(inst: Instance, rows: MedianRows, p: number): MedianMip {
  const b = new MipBuilder();
  const yCol = siteColumns(b, inst, p);
  const guaranteed = p > 0 ? inst.candidateCount - p + 1 : Infinity;
  let offset = 0;
  const n = inst.weight.length;
  for (let i = 0; i < n; i++) {
    const w = inst.weight[i];
    if (w === 0) continue;
    const from = rows.start[i];
    const to = rows.start[i + 1];
    if (from === to) {
      offset += w * rows.tail[i];
      continue;
    }
    offset += w * rows.cost[from];
    let prev = -1;
    let k = from;
    while (k < to) {
      const D = rows.cost[k];
      let end = k;
      while (end < to && rows.cost[end] === D) end++;
      const last = end - from >= guaranteed;
      const next = end < to ? rows.cost[end] : rows.tail[i];
      const open = !last && Number.isFinite(next);
      const z = b.addCol(open ? w * (next - D) : 0, 0, open ? 1 : 0, false);
      const row = b.addRow(prev < 0 ? 1 : 0, Infinity);
      b.set(row, z, 1);
      if (prev >= 0) b.set(row, prev, -1);
      for (let t = k; t < end; t++) b.set(row, yCol[rows.site[t]], 1);
      prev = z;
      k = end;
      if (last) break;
    }
  }
  return { mip: b.build('min', offset), yCol, xFirst: 0, uCol: new Int32Array(0) };
}

export function capacitatedMedianMip(inst: Instance, rows: MedianRows, p: number): MedianMip {
  const b = new MipBuilder();
  const yCol = siteColumns(b, inst, p);
  const capRow = new Int32Array(inst.siteIds.length).fill(-1);
  for (let j = 0; j < capRow.length; j++) {
    const cap = inst.capacity[j];
    if (cap === Infinity) continue;
    if (inst.fixed[j]) capRow[j] = b.addRow(-Infinity, cap);
    else {
      capRow[j] = b.addRow(-Infinity, 0);
      b.set(capRow[j], yCol[j], -cap);
    }
  }
  const n = inst.weight.length;
  const xFirst = b.cols;
  const served = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) if (inst.weight[i] > 0) served[i] = b.addRow(1, 1);
  for (let i = 0; i < n; i++) {
    const w = inst.weight[i];
    for (let k = rows.start[i]; k < rows.start[i + 1]; k++) {
      const j = rows.site[k];
      // Weight-0 points get columns too (fixed at 0) so that column = xFirst + pair index.
      const x = b.addCol(w * rows.cost[k], 0, w > 0 ? 1 : 0, false);
      if (w === 0) continue;
      b.set(served[i], x, 1);
      if (capRow[j] >= 0) b.set(capRow[j], x, w);
      if (yCol[j] >= 0) {
        const link = b.addRow(-Infinity, 0);
        b.set(link, x, 1);
        b.set(link, yCol[j], -1);
      }
    }
  }
  const uCol = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    if (served[i] < 0 || !Number.isFinite(rows.tail[i])) continue;
    uCol[i] = b.addCol(inst.weight[i] * rows.tail[i], 0, 1, false);
    b.set(served[i], uCol[i], 1);
  }
  return { mip: b.build('min'), yCol, xFirst, uCol };
}
