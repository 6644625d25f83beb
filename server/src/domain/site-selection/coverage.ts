/**
 * Who can cover whom within the standard, reduced before any model is built (mclp, lscp):
 *
 * - a demand point within the standard of a fixed site without capacity is covered whatever is
 *   chosen: it leaves the model and its weight is a constant;
 * - a point with no site within the standard can never be covered: it leaves the model too
 *   (lscp turns it into an error naming it);
 * - points of weight 0 change no objective: they are left out (and still assigned at the end);
 * - points reached by exactly the same sites are merged into one group whose weight is their
 *   sum. Exact: every model below sees a point only through its set of sites, and a solution
 *   of the merged model gives each member the group's (fractional) assignment.
 */
import type { Instance } from './instance';

export interface CoverageGroups {
  /** Groups: summed weight, member count and sites within the standard (ascending index). */
  weight: Float64Array;
  members: Int32Array;
  siteStart: Int32Array;
  site: Int32Array;
  /** Per demand point: its group, or −1 (covered by a fixed site), −2 (out of reach), −3 (weight 0). */
  groupOf: Int32Array;
  fixedCoveredWeight: number;
  unreachableWeight: number;
  /** Demand points with weight > 0 out of reach of every site. */
  unreachable: number[];
}

export const COVERED_BY_FIXED = -1;
export const OUT_OF_REACH = -2;
export const NO_WEIGHT = -3;

/** Sites that cover whatever the model chooses: fixed and without capacity. */
const freeCoverer = (inst: Instance, j: number) =>
  inst.fixed[j] === 1 && inst.capacity[j] === Infinity;

export function coverageGroups(inst: Instance, maxCost: number): CoverageGroups {
  const n = inst.weight.length;
  const groupOf = new Int32Array(n);
  const weights: number[] = [];
  const members: number[] = [];
  const starts: number[] = [0];
  const sites: number[] = [];
  const byHash = new Map<number, number[]>();
  const unreachable: number[] = [];
  let fixedCoveredWeight = 0;
  let unreachableWeight = 0;
  const scratch: number[] = [];
  for (let i = 0; i < n; i++) {
    const w = inst.weight[i];
    scratch.length = 0;
    let free = false;
    for (let k = inst.rowStart[i]; k < inst.rowStart[i + 1]; k++) {
      if (inst.pairCost[k] > maxCost) break;
      const j = inst.pairSite[k];
      if (freeCoverer(inst, j)) {
        free = true;
        break;
      }
      scratch.push(j);
    }
    if (free) {
      groupOf[i] = COVERED_BY_FIXED;
      fixedCoveredWeight += w;
      continue;
    }
    if (w === 0) {
      groupOf[i] = NO_WEIGHT;
      continue;
    }
    if (scratch.length === 0) {
      groupOf[i] = OUT_OF_REACH;
      unreachable.push(i);
      unreachableWeight += w;
      continue;
    }
    scratch.sort((a, b) => a - b);
    let h = 2166136261;
    for (const j of scratch) h = Math.imul(h ^ j, 16777619);
    h = Math.imul(h ^ scratch.length, 16777619);
    let group = -1;
    const same = byHash.get(h);
    if (same) {
      for (const g of same) {
        const from = starts[g];
        if (starts[g + 1] - from !== scratch.length) continue;
        let equal = true;
        for (let t = 0; t < scratch.length && equal; t++) equal = sites[from + t] === scratch[t];
        if (equal) {
          group = g;
          break;
        }
      }
    }
    if (group < 0) {
      group = weights.length;
      weights.push(0);
      members.push(0);
      for (const j of scratch) sites.push(j);
      starts.push(sites.length);
      if (same) same.push(group);
      else byHash.set(h, [group]);
    }
    weights[group] += w;
    members[group]++;
    groupOf[i] = group;
  }
  return {
    weight: Float64Array.from(weights),
    members: Int32Array.from(members),
    siteStart: Int32Array.from(starts),
    site: Int32Array.from(sites),
    groupOf,
    fixedCoveredWeight,
    unreachableWeight,
    unreachable,
  };
}

/** The groups each site reaches (site-major view of `groups`). */
export function groupsBySite(groups: CoverageGroups, siteCount: number) {
  const start = new Int32Array(siteCount + 1);
  for (let k = 0; k < groups.site.length; k++) start[groups.site[k] + 1]++;
  for (let j = 0; j < siteCount; j++) start[j + 1] += start[j];
  const fill = start.slice(0, siteCount);
  const group = new Int32Array(groups.site.length);
  const G = groups.weight.length;
  for (let g = 0; g < G; g++)
    for (let k = groups.siteStart[g]; k < groups.siteStart[g + 1]; k++)
      group[fill[groups.site[k]]++] = g;
  return { start, group };
}

/**
 * Candidates another candidate dominates: every group it reaches, the other reaches too (equal
 * sets: all but the lowest index). Ruling them out keeps the optimum of the covering models
 * without capacities: in any solution, a dominated open site can give its place to a closed
 * dominator, or, when its dominators are all open (it then adds nothing), to any closed site,
 * with no less covered. Every dominated site has an undominated dominator (the relation has no
 * cycles), so nothing is lost; ruled out only while at least `keep` candidates stay.
 */
export function dominatedCandidates(
  groups: CoverageGroups,
  bySite: { start: Int32Array; group: Int32Array },
  candidates: Int32Array,
  keep: number,
): Int8Array {
  const ruledOut = new Int8Array(bySite.start.length - 1);
  const isCandidate = new Uint8Array(ruledOut.length);
  for (const c of candidates) isCandidate[c] = 1;
  const mark = new Int32Array(groups.weight.length).fill(-1);
  const size = (j: number) => bySite.start[j + 1] - bySite.start[j];
  let left = candidates.length;
  for (const a of candidates) {
    if (left <= keep) break;
    const na = size(a);
    // Any dominator reaches a's group with the fewest sites: only those are tried.
    let pivot = -1;
    for (let k = bySite.start[a]; k < bySite.start[a + 1]; k++) {
      const g = bySite.group[k];
      mark[g] = a;
      if (
        pivot < 0 ||
        groups.siteStart[g + 1] - groups.siteStart[g] <
          groups.siteStart[pivot + 1] - groups.siteStart[pivot]
      )
        pivot = g;
    }
    if (pivot < 0) {
      // Reaches nothing: any other candidate dominates it.
      ruledOut[a] = -1;
      left--;
      continue;
    }
    for (let t = groups.siteStart[pivot]; t < groups.siteStart[pivot + 1]; t++) {
      const b = groups.site[t];
      if (b === a || !isCandidate[b] || ruledOut[b]) continue;
      const nb = size(b);
      if (nb < na || (nb === na && b > a)) continue;
      let shared = 0;
      for (let k = bySite.start[b]; k < bySite.start[b + 1]; k++)
        if (mark[bySite.group[k]] === a) shared++;
      if (shared === na) {
        ruledOut[a] = -1;
        left--;
        break;
      }
    }
  }
  return ruledOut;
}
