/**
 * From chosen sites to the answer's figures: who goes where, at what cost, what is covered.
 * The objective reported is always recomputed here from the assignments, so that it matches
 * them whichever method chose the sites.
 */
import type { Instance } from './instance';
import type { Assignment, OpenSite, SiteSelectionModel } from './types';

export interface Evaluation {
  objective: number;
  assignments: Assignment[];
  sites: OpenSite[];
  coveredWeight: number;
}

export interface EvaluateOptions {
  model: SiteSelectionModel;
  maxCost: number | undefined;
  unservedCost: number | undefined;
}

/** Share of demand i's weight served by site j (−1: unserved), from a capacitated solution. */
export interface Share {
  demand: number;
  site: number;
  cost: number | null;
  share: number;
}

function openSites(inst: Instance, open: Uint8Array, served: Float64Array, points: Int32Array) {
  const sites: OpenSite[] = [];
  for (const wantFixed of [1, 0])
    for (let j = 0; j < inst.siteIds.length; j++) {
      if (inst.fixed[j] !== wantFixed || !(inst.fixed[j] || open[j])) continue;
      sites.push({
        id: inst.siteIds[j],
        fixed: inst.fixed[j] === 1,
        capacity: Number.isFinite(inst.capacity[j]) ? inst.capacity[j] : null,
        served: served[j],
        demandPoints: points[j],
      });
    }
  return sites;
}

/** Sites without capacities: each point goes to its nearest open site (fixed or new). */
export function evaluateOpen(
  inst: Instance,
  open: Uint8Array,
  options: EvaluateOptions,
): Evaluation {
  const { model, maxCost, unservedCost } = options;
  const n = inst.weight.length;
  const served = new Float64Array(inst.siteIds.length);
  const points = new Int32Array(inst.siteIds.length);
  const assignments: Assignment[] = new Array(n);
  let objective = 0;
  let coveredWeight = 0;
  const limit = model === 'pmedian' ? (maxCost ?? Infinity) : Infinity;
  for (let i = 0; i < n; i++) {
    const w = inst.weight[i];
    let site = -1;
    let cost = 0;
    for (let k = inst.rowStart[i]; k < inst.rowStart[i + 1]; k++) {
      if (inst.pairCost[k] > limit) break;
      const j = inst.pairSite[k];
      if (inst.fixed[j] || open[j]) {
        site = j;
        cost = inst.pairCost[k];
        break;
      }
    }
    let covered: boolean;
    if (model === 'pmedian') {
      if (site >= 0 && unservedCost !== undefined && cost > unservedCost) site = -1;
      covered = site >= 0;
      objective += w * (covered ? cost : (unservedCost ?? Infinity));
    } else {
      covered = site >= 0 && cost <= (maxCost as number);
    }
    if (covered) {
      coveredWeight += w;
      served[site] += w;
      points[site]++;
    }
    assignments[i] = {
      demand: inst.demandIds[i],
      site: site >= 0 ? inst.siteIds[site] : null,
      cost: site >= 0 ? cost : null,
      weight: w,
      covered,
    };
  }
  if (model === 'mclp') objective = coveredWeight;
  if (model === 'lscp') objective = newSiteCount(inst, open);
  return { objective, assignments, sites: openSites(inst, open, served, points), coveredWeight };
}

export function newSiteCount(inst: Instance, open: Uint8Array): number {
  let count = 0;
  for (let j = 0; j < open.length; j++) if (open[j] && !inst.fixed[j]) count++;
  return count;
}

/**
 * Sites with capacities: the MIP's shares (shares below 1e-9 dropped); what is left of a point
 * is an uncovered assignment without a site.
 */
export function evaluateShares(
  inst: Instance,
  open: Uint8Array,
  shares: Share[],
  options: EvaluateOptions,
): Evaluation {
  const { model, unservedCost } = options;
  const n = inst.weight.length;
  const served = new Float64Array(inst.siteIds.length);
  const points = new Int32Array(inst.siteIds.length);
  const byDemand: Share[][] = Array.from({ length: n }, () => []);
  for (const s of shares) if (s.share > 1e-9) byDemand[s.demand].push(s);
  const assignments: Assignment[] = [];
  let objective = 0;
  let coveredWeight = 0;
  for (let i = 0; i < n; i++) {
    const w = inst.weight[i];
    if (w === 0) {
      assignments.push(zeroWeight(inst, open, i, options));
      continue;
    }
    let left = 1;
    for (const s of byDemand[i].sort((a, b) => b.share - a.share)) {
      const share = Math.min(s.share, left);
      left -= share;
      const part = w * share;
      coveredWeight += part;
      served[s.site] += part;
      points[s.site]++;
      if (model === 'pmedian') objective += part * (s.cost as number);
      assignments.push({
        demand: inst.demandIds[i],
        site: inst.siteIds[s.site],
        cost: s.cost,
        weight: part,
        covered: true,
      });
    }
    // Solver tolerances leave crumbs of 1e-8 or so: they are not unserved children.
    if (left > 1e-6 || byDemand[i].length === 0) {
      const part = byDemand[i].length === 0 ? w : w * left;
      if (model === 'pmedian') objective += part * (unservedCost ?? Infinity);
      assignments.push({
        demand: inst.demandIds[i],
        site: null,
        cost: null,
        weight: part,
        covered: false,
      });
    }
  }
  if (model === 'mclp') objective = coveredWeight;
  if (model === 'lscp') objective = newSiteCount(inst, open);
  return { objective, assignments, sites: openSites(inst, open, served, points), coveredWeight };
}

/** A point without weight: shown at its nearest open site, serving nothing. */
function zeroWeight(
  inst: Instance,
  open: Uint8Array,
  i: number,
  options: EvaluateOptions,
): Assignment {
  const limit = options.model === 'pmedian' ? (options.maxCost ?? Infinity) : Infinity;
  for (let k = inst.rowStart[i]; k < inst.rowStart[i + 1]; k++) {
    const c = inst.pairCost[k];
    if (c > limit) break;
    const j = inst.pairSite[k];
    if (!(inst.fixed[j] || open[j])) continue;
    const covered = options.model === 'pmedian' || c <= (options.maxCost as number);
    return { demand: inst.demandIds[i], site: inst.siteIds[j], cost: c, weight: 0, covered };
  }
  return { demand: inst.demandIds[i], site: null, cost: null, weight: 0, covered: false };
}
