/**
 * A what-if scenario's accessibility: existing sites' places changed (closed: 0) and new sites
 * added, on the catchment of the current data. Pure. Changing places re-runs the second step
 * on the same catchment (weights depend on times, not places); each new site adds its own
 * share (2SFCA, E2SFCA, gravity: see site-card.ts), so the result equals a computation with
 * the changed supply and the new sites' pairs, which the tests check.
 */
import { accessibility, pairWeights, type Catchment, type WeightSpec } from '../accessibility';

export interface AddedSite {
  /** Places as the rate counts them. */
  places: number;
  /** Minutes by car from each demand location to the site (null: beyond reach). */
  toSite_min: readonly (number | null)[];
}

/** Places per child within reach at each location after the changes. */
export function scenarioAccess(input: {
  catchment: Catchment;
  supply: ArrayLike<number>;
  /** New places of existing sites, by site index (0: closed). */
  changedPlaces: ReadonlyMap<number, number>;
  added: readonly AddedSite[];
  weights: WeightSpec;
  maxMinutes: number;
}): Float64Array {
  const { catchment } = input;
  if (catchment.options.selection) {
    throw new RangeError('a scenario adds sites to 2SFCA, E2SFCA or gravity only, not 3SFCA');
  }
  const supply = Float64Array.from(input.supply);
  for (const [j, places] of input.changedPlaces) {
    if (!(j >= 0 && j < supply.length)) throw new RangeError(`no site ${j}`);
    if (!(places >= 0)) throw new RangeError(`places must be ≥ 0, got ${places}`);
    supply[j] = places;
  }
  const access = accessibility(catchment, supply).access;
  const n = catchment.demand.length;
  const w = new Float64Array(n);
  for (const site of input.added) {
    if (site.toSite_min.length !== n) throw new RangeError('one time per demand location');
    const cost = Float64Array.from(site.toSite_min, (m) => m ?? Infinity);
    pairWeights(input.weights, cost, input.maxMinutes, w);
    let weighted = 0;
    for (let i = 0; i < n; i++) weighted += catchment.demand[i] * w[i];
    if (!(weighted > 0)) continue;
    const ratio = site.places / weighted;
    for (let i = 0; i < n; i++) access[i] += w[i] * ratio;
  }
  return access;
}

/** The catchment's pairs by site (the transpose of its rows): the cells each site reaches. */
export interface SiteColumns {
  /** The pairs of site j are colStart[j] .. colStart[j + 1] - 1. */
  readonly colStart: Int32Array;
  readonly cell: Int32Array;
  readonly weight: Float64Array;
}

/** Index the catchment by site, once per catchment (the baseline of a data version). */
export function siteColumns(catchment: Catchment): SiteColumns {
  const { rowStart, site, weight, siteCount } = catchment;
  const pairs = site.length;
  const colStart = new Int32Array(siteCount + 1);
  for (let p = 0; p < pairs; p++) colStart[site[p] + 1]++;
  for (let j = 0; j < siteCount; j++) colStart[j + 1] += colStart[j];
  const next = colStart.slice(0, siteCount);
  const cell = new Int32Array(pairs);
  const w = new Float64Array(pairs);
  for (let i = 0; i + 1 < rowStart.length; i++) {
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const k = next[site[p]]++;
      cell[k] = i;
      w[k] = weight[p];
    }
  }
  return { colStart, cell, weight: w };
}

/**
 * The same result as scenarioAccess, computed from the baseline's access instead of from
 * scratch: a site whose places change from S to S' adds w_ij (S' − S) / Σ_i P_i w_ij to each
 * cell it reaches, and a new site its own share, so only the cells within reach of a changed
 * site are touched. Returns the access after and the cells whose access changed (ascending).
 */
export function scenarioAccessDelta(input: {
  catchment: Catchment;
  columns: SiteColumns;
  supply: ArrayLike<number>;
  /** The baseline: accessibility(catchment, supply).access. */
  access: ArrayLike<number>;
  changedPlaces: ReadonlyMap<number, number>;
  added: readonly AddedSite[];
  weights: WeightSpec;
  maxMinutes: number;
}): { access: Float64Array; changed: Int32Array } {
  const { catchment, columns } = input;
  if (catchment.options.selection) {
    throw new RangeError('a scenario adds sites to 2SFCA, E2SFCA or gravity only, not 3SFCA');
  }
  const n = catchment.demand.length;
  const access = Float64Array.from(input.access);
  const touched = new Uint8Array(n);
  for (const [j, places] of input.changedPlaces) {
    if (!(j >= 0 && j < catchment.siteCount)) throw new RangeError(`no site ${j}`);
    if (!(places >= 0)) throw new RangeError(`places must be ≥ 0, got ${places}`);
    const weighted = catchment.weightedDemand[j];
    const d = places - input.supply[j];
    if (!(weighted > 0) || d === 0) continue;
    const ratio = d / weighted;
    for (let p = columns.colStart[j]; p < columns.colStart[j + 1]; p++) {
      const i = columns.cell[p];
      access[i] += columns.weight[p] * ratio;
      touched[i] = 1;
    }
  }
  const w = new Float64Array(n);
  for (const site of input.added) {
    if (site.toSite_min.length !== n) throw new RangeError('one time per demand location');
    const cost = Float64Array.from(site.toSite_min, (m) => m ?? Infinity);
    pairWeights(input.weights, cost, input.maxMinutes, w);
    let weighted = 0;
    for (let i = 0; i < n; i++) weighted += catchment.demand[i] * w[i];
    if (!(weighted > 0)) continue;
    const ratio = site.places / weighted;
    for (let i = 0; i < n; i++) {
      if (w[i] === 0) continue;
      access[i] += w[i] * ratio;
      touched[i] = 1;
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += touched[i];
  const changed = new Int32Array(count);
  for (let i = 0, k = 0; i < n; i++) if (touched[i]) changed[k++] = i;
  return { access, changed };
}
