import type { Seed, ShortestPathTree } from './dijkstra';
import { haversine_m, isLonLat, localScale } from './geodesy';
import type { RoadGraph } from './graph';
import {
  MAX_SNAP_DISTANCE_M,
  OFF_NETWORK_SPEED_KMH,
  metresPerSecond,
  type TravelMode,
} from './speeds';

/**
 * How a point that is not on a road joins the network (the off-network rule):
 * - it goes in a straight line (haversine) to the nearest point of the nearest edge usable in
 *   the mode, at `OFF_NETWORK_SPEED_KMH[mode]` (walk 5 km/h, car 20 km/h);
 * - if that nearest usable edge is farther than `MAX_SNAP_DISTANCE_M` (2 km), the point is off
 *   the network: a `{ reachable: false }` answer, not an error;
 * - along the snapped edge it travels at the edge's speed, in the directions the mode allows,
 *   to the edge's source or target node;
 * - every trip between two places goes through the network (along one edge when both snap to
 *   it), even between neighbours: a straight leg between them would, on foot, beat the streets
 *   everywhere within the snapping limit. The one exception: a place reaches a place at the
 *   same position (within `COINCIDENT_M`) in 0 s, so a place reaches itself in 0 s.
 */

/** Two places closer than this (metres) are at the same position: 0 s from one to the other. */
export const COINCIDENT_M = 1;

/** A WGS84 position in degrees. */
export interface LonLat {
  lon: number;
  lat: number;
}

export interface OffNetworkOptions {
  /** Speed of the straight leg to the road, km/h; `OFF_NETWORK_SPEED_KMH[mode]` by default. */
  offNetworkSpeedKmh?: number;
  /** Longest straight leg to the road, metres; `MAX_SNAP_DISTANCE_M` by default. */
  maxSnapDistance_m?: number;
}

/** A point joined to the network. Times are in seconds and include the off-network leg. */
export interface SnappedPoint {
  readonly reachable: true;
  readonly mode: TravelMode;
  readonly point: LonLat;
  /** Dense index and external id (`road_edge.id`) of the edge snapped to. */
  readonly edge: number;
  readonly edgeId: number;
  /** Position along the edge: 0 at its source, 1 at its target (share of geometry length). */
  readonly fraction: number;
  /** fraction × the edge's length, metres from its source. */
  readonly along_m: number;
  /** The nearest point of the edge, [lon, lat]. */
  readonly snapped: [number, number];
  /** Straight distance from the point to the edge (haversine, metres) and its time. */
  readonly offNetwork_m: number;
  readonly offNetwork_s: number;
  /** Leaving the point: time to reach the edge's source / target node (Infinity if one-way forbids). */
  readonly toSource_s: number;
  readonly toTarget_s: number;
  /** Arriving at the point: time from the edge's source / target node to it. */
  readonly fromSource_s: number;
  readonly fromTarget_s: number;
}

/** Why a point could not be joined to the network. */
export interface OffNetwork {
  readonly reachable: false;
  readonly reason: 'invalid-coordinates' | 'no-usable-road' | 'too-far-from-road';
  readonly message: string;
  /** Straight distance to the nearest usable road when there is one (metres). */
  readonly nearestRoad_m?: number;
}

export type SnapResult = SnappedPoint | OffNetwork;

/** The off-network speed (m/s) and longest leg (m) for a mode, options applied. */
export function offNetworkRule(mode: TravelMode, options: OffNetworkOptions = {}) {
  const speedKmh = options.offNetworkSpeedKmh ?? OFF_NETWORK_SPEED_KMH[mode];
  const max_m = options.maxSnapDistance_m ?? MAX_SNAP_DISTANCE_M;
  if (!(speedKmh > 0 && Number.isFinite(speedKmh))) {
    throw new RangeError(`offNetworkSpeedKmh must be a positive number, got ${speedKmh}`);
  }
  if (!(max_m >= 0)) throw new RangeError(`maxSnapDistance_m must be ≥ 0, got ${max_m}`);
  return { speed_mps: metresPerSecond(speedKmh), max_m };
}

/**
 * Join a WGS84 point to the nearest edge usable in `mode` (CRS: EPSG:4326 in, metres and
 * seconds out). The nearest edge is found in the segment index (k nearest boxes, doubled until
 * no unseen segment can be nearer), the distance to a segment in a local equirectangular frame
 * around the point, and the reported distance by haversine.
 */
export function snapToNetwork(
  graph: RoadGraph,
  point: LonLat,
  mode: TravelMode,
  options: OffNetworkOptions = {},
): SnapResult {
  const { lon, lat } = point;
  if (!isLonLat(lon, lat)) {
    return {
      reachable: false,
      reason: 'invalid-coordinates',
      message: `[${lon}, ${lat}] is not a WGS84 position in degrees`,
    };
  }
  const rule = offNetworkRule(mode, options);
  const nearest = nearestUsableSegment(graph, lon, lat, mode);
  if (nearest === null) {
    return {
      reachable: false,
      reason: 'no-usable-road',
      message: `the network has no road usable by ${mode}`,
    };
  }
  const { segment, t } = nearest;
  const k = graph.segmentVertex[segment];
  const v = graph.vertices;
  const snappedLon = v[2 * k] + t * (v[2 * k + 2] - v[2 * k]);
  const snappedLat = v[2 * k + 1] + t * (v[2 * k + 3] - v[2 * k + 1]);
  const offNetwork_m = haversine_m(lon, lat, snappedLon, snappedLat);
  if (offNetwork_m > rule.max_m) {
    return {
      reachable: false,
      reason: 'too-far-from-road',
      message: `the nearest road usable by ${mode} is ${Math.round(offNetwork_m)} m away, beyond the ${rule.max_m} m limit`,
      nearestRoad_m: offNetwork_m,
    };
  }

  const e = graph.segmentEdge[segment];
  const fraction = fractionAlong(graph, e, k, t);
  const forward_s = graph.costs[mode].edgeForward_s[e];
  const backward_s = graph.costs[mode].edgeBackward_s[e];
  const offNetwork_s = offNetwork_m / rule.speed_mps;
  return {
    reachable: true,
    mode,
    point: { lon, lat },
    edge: e,
    edgeId: graph.edgeIds[e],
    fraction,
    along_m: fraction * graph.edgeLength_m[e],
    snapped: [snappedLon, snappedLat],
    offNetwork_m,
    offNetwork_s,
    toSource_s: offNetwork_s + part(fraction, backward_s),
    toTarget_s: offNetwork_s + part(1 - fraction, forward_s),
    fromSource_s: part(fraction, forward_s) + offNetwork_s,
    fromTarget_s: part(1 - fraction, backward_s) + offNetwork_s,
  };
}

/** Seeds of a forward search leaving a snapped point (its edge's reachable end nodes). */
export function departureSeeds(graph: RoadGraph, from: SnappedPoint, label = 0): Seed[] {
  return endSeeds(graph, from.edge, from.toSource_s, from.toTarget_s, label);
}

/** Seeds of a reverse search arriving at a snapped point. */
export function arrivalSeeds(graph: RoadGraph, to: SnappedPoint, label = 0): Seed[] {
  return endSeeds(graph, to.edge, to.fromSource_s, to.fromTarget_s, label);
}

/** Time (s) to a snapped point through the network, from a forward tree; Infinity if not reached. */
export function arrivalTime_s(
  graph: RoadGraph,
  forward: ShortestPathTree,
  to: SnappedPoint,
): number {
  const times = forward.times_s;
  return Math.min(
    times[graph.edgeSource[to.edge]] + to.fromSource_s,
    times[graph.edgeTarget[to.edge]] + to.fromTarget_s,
  );
}

/** Time (s) from a snapped point through the network, from a reverse tree; Infinity if not reached. */
export function departureTime_s(
  graph: RoadGraph,
  reverse: ShortestPathTree,
  from: SnappedPoint,
): number {
  const times = reverse.times_s;
  return Math.min(
    from.toSource_s + times[graph.edgeSource[from.edge]],
    from.toTarget_s + times[graph.edgeTarget[from.edge]],
  );
}

/**
 * Time (s) between two points snapped to the same edge by staying on it (what routing through
 * its end nodes misses); Infinity when they are on different edges or one-way forbids it.
 */
export function sameEdgeTime_s(graph: RoadGraph, from: SnappedPoint, to: SnappedPoint): number {
  if (from.edge !== to.edge) return Infinity;
  const costs = graph.costs[from.mode];
  const along =
    to.fraction >= from.fraction
      ? part(to.fraction - from.fraction, costs.edgeForward_s[from.edge])
      : part(from.fraction - to.fraction, costs.edgeBackward_s[from.edge]);
  return from.offNetwork_s + along + to.offNetwork_s;
}

/** Whether two places are at the same position (within `COINCIDENT_M`), hence 0 s apart. */
export function coincident(a: LonLat, b: LonLat): boolean {
  return haversine_m(a.lon, a.lat, b.lon, b.lat) <= COINCIDENT_M;
}

/** A share of an edge's cost; a zero share costs nothing even on a forbidden direction. */
function part(share: number, cost_s: number): number {
  return share <= 0 ? 0 : share * cost_s;
}

function endSeeds(
  graph: RoadGraph,
  edge: number,
  source_s: number,
  target_s: number,
  label: number,
): Seed[] {
  const seeds: Seed[] = [];
  if (source_s < Infinity) seeds.push({ node: graph.edgeSource[edge], cost_s: source_s, label });
  if (target_s < Infinity) seeds.push({ node: graph.edgeTarget[edge], cost_s: target_s, label });
  return seeds;
}

/** Share (0..1) of edge e's geometry length before position t of its segment starting at vertex k. */
function fractionAlong(graph: RoadGraph, e: number, k: number, t: number): number {
  const v = graph.vertices;
  let before = 0;
  let total = 0;
  for (let i = graph.vertexOffsets[e]; i < graph.vertexOffsets[e + 1] - 1; i++) {
    const d = haversine_m(v[2 * i], v[2 * i + 1], v[2 * i + 2], v[2 * i + 3]);
    if (i < k) before += d;
    else if (i === k) before += t * d;
    total += d;
  }
  return total > 0 ? Math.min(1, Math.max(0, before / total)) : 0;
}

/**
 * The segment usable in `mode` nearest to (lon, lat), with the position t (0..1) of the nearest
 * point on it. Flatbush returns segments by increasing distance of their boxes in degrees; a box
 * at d degrees is at least d × min(metres per degree) away, so once the k-th box is farther than
 * the best segment found, no other segment can be nearer.
 */
function nearestUsableSegment(graph: RoadGraph, lon: number, lat: number, mode: TravelMode) {
  const index = graph.segmentIndex;
  if (index === null) return null;
  const { edgeForward_s, edgeBackward_s } = graph.costs[mode];
  const usable = (s: number) => {
    const e = graph.segmentEdge[s];
    return edgeForward_s[e] < Infinity || edgeBackward_s[e] < Infinity;
  };
  const scale = localScale(lat);
  const minScale = Math.min(scale.x_m, scale.y_m);
  const v = graph.vertices;
  for (let k = 8; ; k *= 4) {
    const found = index.neighbors(lon, lat, k, Infinity, usable);
    if (found.length === 0) return null;
    let best = -1;
    let bestT = 0;
    let bestD2 = Infinity;
    for (const s of found) {
      const i = graph.segmentVertex[s];
      const ax = (v[2 * i] - lon) * scale.x_m;
      const ay = (v[2 * i + 1] - lat) * scale.y_m;
      const dx = (v[2 * i + 2] - lon) * scale.x_m - ax;
      const dy = (v[2 * i + 3] - lat) * scale.y_m - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * dx + ay * dy) / len2)) : 0;
      const px = ax + t * dx;
      const py = ay + t * dy;
      const d2 = px * px + py * py;
      if (d2 < bestD2) {
        bestD2 = d2;
        best = s;
        bestT = t;
      }
    }
    if (found.length < k) return { segment: best, t: bestT };
    const last = graph.segmentVertex[found[found.length - 1]];
    const boxDx = Math.max(
      Math.min(v[2 * last], v[2 * last + 2]) - lon,
      lon - Math.max(v[2 * last], v[2 * last + 2]),
      0,
    );
    const boxDy = Math.max(
      Math.min(v[2 * last + 1], v[2 * last + 3]) - lat,
      lat - Math.max(v[2 * last + 1], v[2 * last + 3]),
      0,
    );
    const lowerBound_m = Math.hypot(boxDx, boxDy) * minScale;
    if (Math.sqrt(bestD2) <= lowerBound_m) return { segment: best, t: bestT };
  }
}
