/**
 * MIP formulations of the covering models over reduced groups (coverage.ts). Fixed sites are
 * constants, not columns: p counts only new sites.
 *
 * Without capacities (ReVelle & Church; Toregas):
 *   mclp  max Σ_g W_g z_g + (weight covered by fixed sites)
 *         z_g ≤ Σ_{j ∈ N_g} y_j,  Σ_j y_j = p,  y binary, 0 ≤ z ≤ 1
 *   lscp  min Σ_j y_j   Σ_{j ∈ N_g} y_j ≥ 1,  y binary
 *
 * With capacities (a site serves at most its places), assignment variables x_gj ∈ [0, 1], the
 * share of group g served by site j, so that a cell's children may be split between sites:
 *   Σ_j x_gj ≤ 1 (mclp) or = 1 (lscp)          each group served at most / exactly once
 *   Σ_g W_g x_gj ≤ cap_j y_j   (cap_j for a fixed site)   capacity
 *   x_gj ≤ y_j                                  strong linking (tightens the relaxation)
 *   mclp max Σ W_g x_gj;  lscp min Σ y_j.   Sites without a capacity only get the linking rows.
 */
import type { CoverageGroups } from './coverage';
import type { Instance } from './instance';
import { MipBuilder, type MipModel } from './mip';

export interface CoverageMip {
  mip: MipModel;
  /** Column of y_j per site, −1 for fixed sites. */
  yCol: Int32Array;
  /** Capacitated models: assignment columns x from `xFirst`, with their group and site. */
  xFirst: number;
  xGroup: Int32Array;
  xSite: Int32Array;
}

function siteColumns(b: MipBuilder, inst: Instance, cost: number): Int32Array {
  const yCol = new Int32Array(inst.siteIds.length).fill(-1);
  for (let j = 0; j < yCol.length; j++)
    if (!inst.fixed[j] && !inst.excluded[j]) yCol[j] = b.addCol(cost, 0, 1, true);
  return yCol;
}

function countRow(b: MipBuilder, yCol: Int32Array, p: number): void {
  const row = b.addRow(p, p);
  for (const col of yCol) if (col >= 0) b.set(row, col, 1);
}

const NONE = { xFirst: 0, xGroup: new Int32Array(0), xSite: new Int32Array(0) };

/** Row 0 counts the new sites; row g + 1 is group g's `z_g ≤ Σ y_j`. */
export function mclpMip(inst: Instance, groups: CoverageGroups, p: number): CoverageMip {
  const b = new MipBuilder();
  const yCol = siteColumns(b, inst, 0);
  countRow(b, yCol, p);
  for (let g = 0; g < groups.weight.length; g++) {
    const z = b.addCol(groups.weight[g], 0, 1, false);
    const row = b.addRow(-Infinity, 0);
    b.set(row, z, 1);
    for (let k = groups.siteStart[g]; k < groups.siteStart[g + 1]; k++)
      b.set(row, yCol[groups.site[k]], -1);
  }
  return { mip: b.build('max', groups.fixedCoveredWeight), yCol, ...NONE };
}

/** `offset`: sites already counted (forced open by a reduction). */
export function lscpMip(inst: Instance, groups: CoverageGroups, offset = 0): CoverageMip {
  const b = new MipBuilder();
  const yCol = siteColumns(b, inst, 1);
  for (let g = 0; g < groups.weight.length; g++) {
    const row = b.addRow(1, Infinity);
    for (let k = groups.siteStart[g]; k < groups.siteStart[g + 1]; k++)
      b.set(row, yCol[groups.site[k]], 1);
  }
  return { mip: b.build('min', offset), yCol, ...NONE };
}

/** Capacitated mclp (`p` given) or lscp (`p` null). */
export function capacitatedCoverageMip(
  inst: Instance,
  groups: CoverageGroups,
  p: number | null,
): CoverageMip {
  const isMclp = p !== null;
  const b = new MipBuilder();
  const yCol = siteColumns(b, inst, isMclp ? 0 : 1);
  if (isMclp) countRow(b, yCol, p);
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
  const xGroup: number[] = [];
  const xSite: number[] = [];
  const xFirst = b.cols;
  for (let g = 0; g < groups.weight.length; g++) {
    const W = groups.weight[g];
    const served = isMclp ? b.addRow(-Infinity, 1) : b.addRow(1, 1);
    for (let k = groups.siteStart[g]; k < groups.siteStart[g + 1]; k++) {
      const j = groups.site[k];
      const x = b.addCol(isMclp ? W : 0, 0, 1, false);
      xGroup.push(g);
      xSite.push(j);
      b.set(served, x, 1);
      if (capRow[j] >= 0) b.set(capRow[j], x, W);
      if (yCol[j] >= 0) {
        const link = b.addRow(-Infinity, 0);
        b.set(link, x, 1);
        b.set(link, yCol[j], -1);
      }
    }
  }
  return {
    mip: b.build(isMclp ? 'max' : 'min', isMclp ? groups.fixedCoveredWeight : 0),
    yCol,
    xFirst,
    xGroup: Int32Array.from(xGroup),
    xSite: Int32Array.from(xSite),
  };
}
