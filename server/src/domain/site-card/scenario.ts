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
