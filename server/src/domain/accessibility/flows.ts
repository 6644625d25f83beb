/**
 * Where the places of a zone go and where its families find theirs: the "leakage" that explains
 * why a zone's accessibility rate differs from its official rate (places in the zone per child
 * in the zone). Pure.
 *
 * The floating catchment shares site j's places among the locations that reach it in
 * proportion to their weighted children: location i gets F_ij = P_i w_ij R_j of them
 * (w_ij = W_ij, or G_ij W_ij with 3SFCA's selection weights). So Σ_i F_ij = S_j for a site some
 * child reaches, and Σ_j F_ij = P_i A_i. With a zone for each location and each site:
 *
 * - used by residents: Σ F_ij over locations and sites of the zone;
 * - used by outsiders: Σ F_ij over the zone's sites and locations outside it (its places that
 *   families from elsewhere use);
 * - used outside: Σ F_ij over the zone's locations and sites outside it (its families served
 *   elsewhere);
 * - unreached: places of the zone's sites that no child reaches.
 *
 * Then places = residents + outsiders + unreached, and the places within reach of the zone's
 * children, Σ P_i A_i = residents + outside: the accessibility rate is 100 × that ÷ children,
 * where the official rate is 100 × places ÷ children.
 */
import { checkedValues, type Catchment } from './catchment';

export interface ZoneAssignment {
  /** Zone index of each demand location, in [0, zoneCount), or -1 for none of the zones. */
  demandZone: ArrayLike<number>;
  /** Zone index of each site, in [0, zoneCount), or -1 for none of the zones. */
  siteZone: ArrayLike<number>;
  zoneCount: number;
}

/** Per zone (index = zone), in children or places. */
export interface ZoneFlows {
  children: Float64Array;
  /** Places of the zone's sites (the numerator of the official rate). */
  places: Float64Array;
  placesUsedByResidents: Float64Array;
  placesUsedByOutsiders: Float64Array;
  placesUsedOutside: Float64Array;
  placesUnreached: Float64Array;
  /** Σ P_i A_i over the zone's locations = used by residents + used outside. */
  accessiblePlaces: Float64Array;
}

/** The flows of `supply` (places per site) over the catchment, summed by zone. */
export function zoneFlows(
  catchment: Catchment,
  supply: ArrayLike<number>,
  zones: ZoneAssignment,
): ZoneFlows {
  const S = checkedValues(supply, 'supply');
  const { siteCount, demand, rowStart, site, weight, weightedDemand } = catchment;
  if (S.length !== siteCount)
    throw new RangeError(`supply has ${S.length} values for ${siteCount} sites: give one per site`);
  const Z = zones.zoneCount;
  if (!Number.isInteger(Z) || Z < 0)
    throw new RangeError(`zoneCount must be an integer ≥ 0 (got ${Z})`);
  const dz = checkedZones(zones.demandZone, demand.length, Z, 'demandZone', 'demand locations');
  const sz = checkedZones(zones.siteZone, siteCount, Z, 'siteZone', 'sites');

  const flows: ZoneFlows = {
    children: new Float64Array(Z),
    places: new Float64Array(Z),
    placesUsedByResidents: new Float64Array(Z),
    placesUsedByOutsiders: new Float64Array(Z),
    placesUsedOutside: new Float64Array(Z),
    placesUnreached: new Float64Array(Z),
    accessiblePlaces: new Float64Array(Z),
  };
  const share = new Float64Array(siteCount);
  for (let j = 0; j < siteCount; j++) {
    const z = sz[j];
    if (weightedDemand[j] > 0) share[j] = S[j] / weightedDemand[j];
    if (z < 0) continue;
    flows.places[z] += S[j];
    if (!(weightedDemand[j] > 0)) flows.placesUnreached[z] += S[j];
  }
  for (let i = 0; i < demand.length; i++) {
    const zi = dz[i];
    const P = demand[i];
    if (zi >= 0) flows.children[zi] += P;
    if (P === 0) continue;
    for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
      const j = site[p];
      const f = P * weight[p] * share[j];
      const zj = sz[j];
      if (zi === zj) {
        if (zi >= 0) flows.placesUsedByResidents[zi] += f;
      } else {
        if (zi >= 0) flows.placesUsedOutside[zi] += f;
        if (zj >= 0) flows.placesUsedByOutsiders[zj] += f;
      }
    }
  }
  for (let z = 0; z < Z; z++)
    flows.accessiblePlaces[z] = flows.placesUsedByResidents[z] + flows.placesUsedOutside[z];
  return flows;
}

function checkedZones(
  zones: ArrayLike<number>,
  length: number,
  zoneCount: number,
  what: string,
  of: string,
): ArrayLike<number> {
  if (zones?.length !== length)
    throw new RangeError(`${what} has ${zones?.length} values for ${length} ${of}: give one each`);
  for (let k = 0; k < length; k++) {
    const z = zones[k];
    if (typeof z !== 'number' || !Number.isInteger(z))
      throw new TypeError(`${what}[${k}] is not an integer zone index (got ${String(z)})`);
    if (z < -1 || z >= zoneCount)
      throw new RangeError(
        `${what}[${k}] is ${z}, outside the ${zoneCount} zones (0 to ${zoneCount - 1}, or -1 for none)`,
      );
  }
  return zones;
}
