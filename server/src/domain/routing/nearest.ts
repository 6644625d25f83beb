import { Router } from './dijkstra';
import type { RoadGraph } from './graph';
import type { MatrixPoint } from './matrix';
import {
  COINCIDENT_M,
  arrivalSeeds,
  coincident,
  sameEdgeTime_s,
  snapToNetwork,
  type LonLat,
  type OffNetworkOptions,
  type SnapResult,
  type SnappedPoint,
} from './snap';
import type { TravelMode } from './speeds';

export interface NearestOptions extends OffNetworkOptions {
  mode: TravelMode;
  /** Places farther than this from every target (minutes, inclusive) get no time. */
  maxMinutes: number;
  /** A router over the same graph to reuse its buffers; a new one is made otherwise. */
  router?: Router;
}

/**
 * The time from every node to its nearest target, ready to answer for any place: one
 * multi-source search run backwards from all targets at once (arcs followed against their
 * direction, so one-way streets count in their true direction: the time is from the place to
 * the target). Keeps copies of the search's arrays: independent of the router afterwards.
 */
export interface NearestTargets<Id> {
  readonly mode: TravelMode;
  readonly maxSeconds: number;
  readonly targets: readonly MatrixPoint<Id>[];
  /** Seconds from each node to its nearest target; Infinity beyond maxSeconds. */
  readonly nodeTimes_s: Float64Array;
  /** Index (in `targets`) of that nearest target by node; -1 when unreached. */
  readonly nodeTarget: Int32Array;
  /** Targets that could not be joined to the network (reached only from their own position). */
  readonly offNetwork: readonly Id[];
  /** Snapped targets by the edge they snap to (a place on the same edge may not pass a node). */
  readonly targetsByEdge: ReadonlyMap<number, readonly { index: number; snap: SnappedPoint }[]>;
  /** Target indices sorted by latitude, for the "same position" rule. */
  readonly byLat: Int32Array;
}

/** The answer for one place: minutes to the nearest target, or null beyond the limit. */
export interface NearestTime<Id> {
  minutes: number | null;
  /** The nearest target's id, null when none is within the limit. */
  target: Id | null;
  /** How the place joined the network (or why it could not). */
  snap: SnapResult;
}

/**
 * Prepare the times to the nearest of `targets` (WGS84 points) within `maxMinutes`, by the same
 * rules as `travelTimeMatrix` (snap.ts): so `timeToNearest` equals the least time of a matrix
 * row from that place to the targets, computed with one search instead of one per target.
 */
export function nearestTargets<Id>(
  graph: RoadGraph,
  targets: readonly MatrixPoint<Id>[],
  options: NearestOptions,
): NearestTargets<Id> {
  const { mode, maxMinutes } = options;
  if (!(maxMinutes >= 0 && Number.isFinite(maxMinutes))) {
    throw new RangeError(`maxMinutes must be a finite number ≥ 0, got ${maxMinutes}`);
  }
  const maxSeconds = maxMinutes * 60;
  const router = options.router ?? new Router(graph);
  if (router.graph !== graph) throw new RangeError('the router was built for another graph');
  const seeds = [];
  const offNetwork: Id[] = [];
  const targetsByEdge = new Map<number, { index: number; snap: SnappedPoint }[]>();
  for (let i = 0; i < targets.length; i++) {
    const snap = snapToNetwork(graph, targets[i], mode, options);
    if (!snap.reachable) {
      offNetwork.push(targets[i].id);
      continue;
    }
    seeds.push(...arrivalSeeds(graph, snap, i));
    const onEdge = targetsByEdge.get(snap.edge);
    if (onEdge) onEdge.push({ index: i, snap });
    else targetsByEdge.set(snap.edge, [{ index: i, snap }]);
  }
  const tree = router.run(seeds, { mode, maxSeconds, direction: 'reverse' });
  if (tree.label === null) throw new Error('a traced search gives labels');
  const byLat = Int32Array.from(targets.keys()).sort((a, b) => targets[a].lat - targets[b].lat);
  return {
    mode,
    maxSeconds,
    targets,
    nodeTimes_s: Float64Array.from(tree.times_s),
    nodeTarget: Int32Array.from(tree.label),
    offNetwork,
    targetsByEdge,
    byLat,
  };
}

/**
 * Minutes from a WGS84 place to its nearest target (off-network leg included), or null when no
 * target is within the limit or the place cannot join the network and no target is at its
 * position.
 */
export function timeToNearest<Id>(
  graph: RoadGraph,
  nearest: NearestTargets<Id>,
  place: LonLat,
  options: OffNetworkOptions = {},
): NearestTime<Id> {
  const { targets, nodeTimes_s, nodeTarget, maxSeconds } = nearest;
  const snap = snapToNetwork(graph, place, nearest.mode, options);
  let best = Infinity;
  let bestTarget = -1;
  const consider = (t: number, target: number) => {
    if (t < best || (t === best && target < bestTarget)) {
      best = t;
      bestTarget = target;
    }
  };
  // A target at the same position: 0 s (latitude band, then the exact rule).
  const band = (2 * COINCIDENT_M) / 110_000;
  const byLat = nearest.byLat;
  let lo = 0;
  let hi = byLat.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (targets[byLat[mid]].lat >= place.lat - band) hi = mid;
    else lo = mid + 1;
  }
  for (let k = lo; k < byLat.length && targets[byLat[k]].lat <= place.lat + band; k++) {
    if (coincident(place, targets[byLat[k]])) consider(0, byLat[k]);
  }
  if (snap.reachable) {
    const s = graph.edgeSource[snap.edge];
    const t = graph.edgeTarget[snap.edge];
    consider(snap.toSource_s + nodeTimes_s[s], nodeTarget[s]);
    consider(snap.toTarget_s + nodeTimes_s[t], nodeTarget[t]);
    for (const other of nearest.targetsByEdge.get(snap.edge) ?? []) {
      consider(sameEdgeTime_s(graph, snap, other.snap), other.index);
    }
  }
  if (!(best <= maxSeconds) || bestTarget < 0) return { minutes: null, target: null, snap };
  return { minutes: best / 60, target: targets[bestTarget].id, snap };
}
