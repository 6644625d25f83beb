/**
 * The time a car loses at a junction: slowing down, yielding, waiting for a gap. A per-junction
 * delay by road class without turns (the graph does not know which way a car leaves a
 * junction), after Valhalla's transition time for cars (`src/sif/autocost.cc`, `TransitionCost`:
 * stop impact × turn cost × density factor; the stop impact of `src/mjolnir/graphenhancer.cc`,
 * `GetStopImpact`). For a car arriving on a road of rank r (0 motorway … 5 minor, car-speeds.ts):
 *
 * 1. the node is a junction for it when at least two other roads usable by car meet there;
 *    service roads (driveways, car parks) count only for traffic on service roads, so that a
 *    street does not slow down at every driveway;
 * 2. if one of the other roads has the driver's rank, the driver goes on along it ("through");
 *    otherwise its road ends there and it turns onto the most important other road ("turn").
 *    That road is set aside;
 * 3. stop impact = r − (rank of the most important road left) + 3, between 0 and 7: a minor
 *    street meeting a main road waits most, a main road passing a side street not at all;
 * 4. seconds per unit of impact: going through, Valhalla's `kTCStraight` (0.5 s), or its
 *    `kTCCrossing` (2 s) when a more important road crosses (it is left on both sides);
 *    turning, 1.75 s, the mean of its `kTCFavorable` (1 s, a right turn) and
 *    `kTCUnfavorable` (2.5 s, a left turn);
 * 5. × 2 in built-up areas: Valhalla scales the delay by the road density, 1 in open country
 *    and 1.6–3.5 above its urban threshold; 2 is near the middle of that range.
 */
import type { RoadRank, RoadSetting } from './car-speeds';

/** Seconds per unit of stop impact going straight on (Valhalla's `kTCStraight`). */
export const THROUGH_S = 0.5;
/** Going on across a more important road (Valhalla's `kTCCrossing`). */
export const CROSSING_S = 2;
/** Turning onto another road: the mean of a right and a left turn (1 and 2.5 s). */
export const TURN_S = 1.75;
/** Multiplier of the delay in built-up areas. */
export const URBAN_JUNCTION_FACTOR = 2;

/** How a car passes a junction, as far as the graph can tell. */
export type JunctionPassage = 'through' | 'crossing' | 'turn';

/**
 * The delay (s) at a junction for a car on a road of rank `driven` whose most important other
 * road left (after its own road going on, or the road it turns onto) has rank `other`.
 */
export function junctionDelay_s(
  driven: RoadRank,
  other: RoadRank,
  passage: JunctionPassage,
  setting: RoadSetting,
): number {
  const impact = Math.min(7, Math.max(0, driven - other + 3));
  const perUnit = passage === 'turn' ? TURN_S : passage === 'crossing' ? CROSSING_S : THROUGH_S;
  return impact * perUnit * (setting === 'urban' ? URBAN_JUNCTION_FACTOR : 1);
}

/** Bucket of a service road in the counts below (after the six ranks). */
const SERVICE = 6;
const BUCKETS = 7;

/** What `junctionDelays` needs of each edge (dense indices, as in a RoadGraph). */
export interface JunctionEdges {
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  /** Whether cars may use the edge (in either direction). */
  drivable: Uint8Array;
  rank: Uint8Array;
  /** Service road (driveway, car park aisle…). */
  service: Uint8Array;
  urban: Uint8Array;
}

/**
 * For each edge, the junction delay (s) a car pays on reaching its target (`atTarget_s`) and
 * its source (`atSource_s`) along it; 0 where the end is not a junction for that road.
 */
export function junctionDelays(
  nodeCount: number,
  edges: JunctionEdges,
): { atTarget_s: Float32Array; atSource_s: Float32Array } {
  const { edgeSource, edgeTarget, drivable, rank, service, urban } = edges;
  const edgeCount = edgeSource.length;
  // Per node, how many drivable edges of each rank (and service roads) end there.
  const counts = new Uint32Array(nodeCount * BUCKETS);
  const bucket = (e: number) => (service[e] ? SERVICE : rank[e]);
  for (let e = 0; e < edgeCount; e++) {
    if (!drivable[e] || edgeSource[e] === edgeTarget[e]) continue;
    counts[edgeSource[e] * BUCKETS + bucket(e)]++;
    counts[edgeTarget[e] * BUCKETS + bucket(e)]++;
  }
  const atTarget_s = new Float32Array(edgeCount);
  const atSource_s = new Float32Array(edgeCount);
  const others = new Uint32Array(BUCKETS);
  const delayAt = (node: number, e: number): number => {
    for (let b = 0; b < BUCKETS; b++) others[b] = counts[node * BUCKETS + b];
    others[bucket(e)]--;
    // Service roads are junctions only for service traffic, where they rank as minor roads.
    const last = service[e] ? SERVICE : SERVICE - 1;
    let total = 0;
    for (let b = 0; b <= last; b++) total += others[b];
    if (total < 2) return 0;
    // Set aside the road the driver goes on along (one of its own kind), else the one it turns
    // onto (the most important other road).
    const own = bucket(e);
    const through = others[own] > 0;
    let b = 0;
    if (through) others[own]--;
    else {
      while (others[b] === 0) b++;
      others[b]--;
      b = 0;
    }
    while (others[b] === 0) b++;
    const other = Math.min(b, SERVICE - 1) as RoadRank;
    const driven = rank[e] as RoadRank;
    const passage = !through ? 'turn' : other < driven && others[b] >= 2 ? 'crossing' : 'through';
    return junctionDelay_s(driven, other, passage, urban[e] ? 'urban' : 'rural');
  };
  for (let e = 0; e < edgeCount; e++) {
    if (!drivable[e] || edgeSource[e] === edgeTarget[e]) continue;
    atTarget_s[e] = delayAt(edgeTarget[e], e);
    atSource_s[e] = delayAt(edgeSource[e], e);
  }
  return { atTarget_s, atSource_s };
}
