/**
 * The question checked and put in compact form: dense indices, costs grouped by demand point and
 * sorted by cost (then site index, so that ties always break the same way).
 */
import { SiteSelectionError, type SiteSelectionInput } from './types';

export interface Instance {
  demandIds: readonly string[];
  weight: Float64Array;
  siteIds: readonly string[];
  /** Infinity when the site has no capacity. */
  capacity: Float64Array;
  fixed: Uint8Array;
  /** Candidates ruled out by a reduction: no pairs, never opened. */
  excluded: Uint8Array;
  /** Pairs of demand i: rowStart[i] … rowStart[i + 1] − 1, by increasing cost. */
  rowStart: Int32Array;
  pairSite: Int32Array;
  pairCost: Float64Array;
  /** Some site has a finite capacity. */
  capacitated: boolean;
  /** Sites neither fixed nor excluded. */
  candidateCount: number;
}

const list = (ids: string[], max = 10) =>
  ids.slice(0, max).join(', ') + (ids.length > max ? ` and ${ids.length - max} more` : '');

function invalid(message: string, details?: Record<string, unknown>): never {
  throw new SiteSelectionError('invalid_input', message, details);
}

function uniqueIds(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (typeof id !== 'string' || id === '') invalid(`a ${what} has an empty id`);
    if (seen.has(id)) invalid(`${what} id "${id}" appears twice`, { id });
    seen.add(id);
  }
}

/** Check the input (ids, weights, capacities, pairs) and index it. Throws SiteSelectionError. */
export function buildInstance(input: SiteSelectionInput): Instance {
  const { demand, sites, costs } = input;
  const n = demand.length;
  const m = sites.length;
  uniqueIds(
    demand.map((d) => d.id),
    'demand point',
  );
  uniqueIds(
    sites.map((s) => s.id),
    'site',
  );
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = demand[i].weight;
    if (!Number.isFinite(w) || w < 0)
      invalid(`demand point "${demand[i].id}" has weight ${w}: a number ≥ 0 is needed`);
    weight[i] = w;
  }
  const capacity = new Float64Array(m);
  const fixed = new Uint8Array(m);
  let capacitated = false;
  let candidateCount = 0;
  for (let j = 0; j < m; j++) {
    const c = sites[j].capacity;
    if (c === null || c === undefined) capacity[j] = Infinity;
    else if (!Number.isFinite(c) || c < 0)
      invalid(`site "${sites[j].id}" has capacity ${c}: a number ≥ 0 (or none) is needed`);
    else {
      capacity[j] = c;
      capacitated = true;
    }
    fixed[j] = sites[j].fixed ? 1 : 0;
    if (!fixed[j]) candidateCount++;
  }
  const nnz = costs.cost.length;
  if (costs.demand.length !== nnz || costs.site.length !== nnz)
    invalid('cost pairs: demand, site and cost arrays differ in length');

  // Counting sort by demand point, then each row sorted by (cost, site).
  const rowStart = new Int32Array(n + 1);
  for (let k = 0; k < nnz; k++) {
    const i = costs.demand[k];
    const j = costs.site[k];
    const c = costs.cost[k];
    if (!Number.isInteger(i) || i < 0 || i >= n) invalid(`cost pair ${k}: no demand point ${i}`);
    if (!Number.isInteger(j) || j < 0 || j >= m) invalid(`cost pair ${k}: no site ${j}`);
    if (!Number.isFinite(c) || c < 0)
      invalid(
        `cost from "${demand[i].id}" to "${sites[j].id}" is ${c}: a finite number ≥ 0 is needed`,
      );
    rowStart[i + 1]++;
  }
  for (let i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
  const fill = rowStart.slice(0, n);
  const order = new Int32Array(nnz);
  for (let k = 0; k < nnz; k++) order[fill[costs.demand[k]]++] = k;
  const pairSite = new Int32Array(nnz);
  const pairCost = new Float64Array(nnz);
  const cmp = (a: number, b: number) =>
    costs.cost[a] - costs.cost[b] || costs.site[a] - costs.site[b];
  const lastRow = new Int32Array(m).fill(-1);
  for (let i = 0; i < n; i++) {
    const row = order.subarray(rowStart[i], rowStart[i + 1]);
    row.sort(cmp);
    for (let k = 0; k < row.length; k++) {
      const at = rowStart[i] + k;
      const j = costs.site[row[k]];
      if (lastRow[j] === i) invalid(`the pair "${demand[i].id}" → "${sites[j].id}" is given twice`);
      lastRow[j] = i;
      pairSite[at] = j;
      pairCost[at] = costs.cost[row[k]];
    }
  }
  return {
    demandIds: demand.map((d) => d.id),
    weight,
    siteIds: sites.map((s) => s.id),
    capacity,
    fixed,
    excluded: new Uint8Array(m),
    rowStart,
    pairSite,
    pairCost,
    capacitated,
    candidateCount,
  };
}

export { list as listIds };

/** The sites the optimiser may open. */
export function candidatesOf(inst: Instance): Int32Array {
  const out: number[] = [];
  for (let j = 0; j < inst.fixed.length; j++) if (!inst.fixed[j] && !inst.excluded[j]) out.push(j);
  return Int32Array.from(out);
}

/**
 * The same instance (same indices) with some candidates ruled out (their pairs dropped) and
 * some forced open (made fixed): what reduced-cost fixing leaves to decide (fixing.ts).
 */
export function restrictInstance(inst: Instance, fix: Int8Array): Instance {
  const m = inst.siteIds.length;
  const fixed = inst.fixed.slice();
  const excluded = inst.excluded.slice();
  let candidateCount = 0;
  for (let j = 0; j < m; j++) {
    if (fix[j] > 0) fixed[j] = 1;
    else if (fix[j] < 0) excluded[j] = 1;
    if (!fixed[j] && !excluded[j]) candidateCount++;
  }
  const n = inst.weight.length;
  const rowStart = new Int32Array(n + 1);
  let kept = 0;
  for (let k = 0; k < inst.pairSite.length; k++) if (!excluded[inst.pairSite[k]]) kept++;
  const pairSite = new Int32Array(kept);
  const pairCost = new Float64Array(kept);
  let at = 0;
  for (let i = 0; i < n; i++) {
    for (let k = inst.rowStart[i]; k < inst.rowStart[i + 1]; k++) {
      if (excluded[inst.pairSite[k]]) continue;
      pairSite[at] = inst.pairSite[k];
      pairCost[at++] = inst.pairCost[k];
    }
    rowStart[i + 1] = at;
  }
  return { ...inst, fixed, excluded, rowStart, pairSite, pairCost, candidateCount };
}
