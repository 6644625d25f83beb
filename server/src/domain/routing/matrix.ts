import { Router, type ShortestPathTree } from './dijkstra';
import type { RoadGraph } from './graph';
import {
  arrivalSeeds,
  COINCIDENT_M,
  arrivalTime_s,
  coincident,
  departureSeeds,
  departureTime_s,
  sameEdgeTime_s,
  snapToNetwork,
  type LonLat,
  type OffNetwork,
  type OffNetworkOptions,
  type SnapResult,
} from './snap';
import type { TravelMode } from './speeds';

/** A place of a matrix: an id of the caller's and a WGS84 position in degrees. */
export interface MatrixPoint<Id> {
  id: Id;
  lon: number;
  lat: number;
}

/** One origin–destination pair reached within the limit. */
export interface TravelTimeRow<OriginId, DestinationId> {
  origin: OriginId;
  destination: DestinationId;
  minutes: number;
}

export interface TravelTimeMatrixOptions extends OffNetworkOptions {
  mode: TravelMode;
  /** Pairs farther apart than this (minutes, inclusive) get no row. */
  maxMinutes: number;
  /**
   * 'forward': one search per origin; 'reverse': one search per destination on the reversed
   * graph; 'auto' (default): whichever side has fewer points. Both give the same times.
   */
  direction?: 'auto' | 'forward' | 'reverse';
  /** A router over the same graph to reuse its buffers; a new one is made otherwise. */
  router?: Router;
}

export interface TravelTimeMatrix<OriginId, DestinationId> {
  /** Reached pairs, origin-major in input order, with self-pairs (a place to itself: 0 min). */
  rows: TravelTimeRow<OriginId, DestinationId>[];
  /** Places that could not be joined to the network; they only reach places at their own position. */
  offNetwork: {
    id: OriginId | DestinationId;
    role: 'origin' | 'destination';
    reason: OffNetwork['reason'];
    message: string;
  }[];
  /** The direction the searches ran in. */
  direction: 'forward' | 'reverse';
}

/**
 * Travel times in minutes from every origin to every destination within `maxMinutes` (WGS84
 * inputs; times by the off-network rule of snap.ts and the speeds of speeds.ts). The time of a
 * pair is the lesser of: through the network between their snapped edges, and along their
 * edge when both snap to the same one; places at the same position (`COINCIDENT_M`) are 0 min
 * apart, so an origin that is also a destination gets its own row, at 0 min.
 */
export function travelTimeMatrix<OriginId, DestinationId>(
  graph: RoadGraph,
  origins: readonly MatrixPoint<OriginId>[],
  destinations: readonly MatrixPoint<DestinationId>[],
  options: TravelTimeMatrixOptions,
): TravelTimeMatrix<OriginId, DestinationId> {
  const dense = denseTravelTimes(graph, origins, destinations, options);
  const n = dense.origin.length;
  const rows: TravelTimeRow<OriginId, DestinationId>[] = new Array(n);
  for (let p = 0; p < n; p++) {
    rows[p] = {
      origin: origins[dense.origin[p]].id,
      destination: destinations[dense.destination[p]].id,
      minutes: dense.seconds[p] / 60,
    };
  }
  const offNetwork: TravelTimeMatrix<OriginId, DestinationId>['offNetwork'] = dense.offNetwork.map(
    (o) => ({
      id: o.role === 'origin' ? origins[o.index].id : destinations[o.index].id,
      role: o.role,
      reason: o.reason,
      message: o.message,
    }),
  );
  return { rows, offNetwork, direction: dense.direction };
}

/** {@link travelTimeMatrix}'s pairs as dense indices in typed arrays (no object per pair). */
export interface DenseTravelTimes {
  /** Reached pairs, origin-major, destinations increasing within an origin. */
  origin: Int32Array;
  destination: Int32Array;
  seconds: Float64Array;
  offNetwork: {
    index: number;
    role: 'origin' | 'destination';
    reason: OffNetwork['reason'];
    message: string;
  }[];
  direction: 'forward' | 'reverse';
}

/**
 * The pairs of {@link travelTimeMatrix} (same times, same order) as typed arrays of dense indices:
 * what large matrices (accessibility's cells × sites) are read as.
 */
export function denseTravelTimes(
  graph: RoadGraph,
  origins: readonly LonLat[],
  destinations: readonly LonLat[],
  options: TravelTimeMatrixOptions,
): DenseTravelTimes {
  const { mode, maxMinutes } = options;
  if (!(maxMinutes >= 0 && Number.isFinite(maxMinutes))) {
    throw new RangeError(`maxMinutes must be a finite number ≥ 0, got ${maxMinutes}`);
  }
  const maxSeconds = maxMinutes * 60;
  const router = options.router ?? new Router(graph);
  if (router.graph !== graph) throw new RangeError('the router was built for another graph');

  const from = origins.map((p) => snapToNetwork(graph, p, mode, options));
  const to = destinations.map((p) => snapToNetwork(graph, p, mode, options));
  const offNetwork: DenseTravelTimes['offNetwork'] = [];
  from.forEach(
    (s, i) =>
      s.reachable ||
      offNetwork.push({ index: i, role: 'origin', reason: s.reason, message: s.message }),
  );
  to.forEach(
    (s, i) =>
      s.reachable ||
      offNetwork.push({ index: i, role: 'destination', reason: s.reason, message: s.message }),
  );

  const requested = options.direction ?? 'auto';
  const direction =
    requested === 'auto'
      ? countReachable(to) < countReachable(from)
        ? 'reverse'
        : 'forward'
      : requested;

  // Places at the same position, by origin, as [destination, 0 s] pairs;
  // a latitude band finds them without comparing every pair.
  const O = origins.length;
  const D = destinations.length;
  const band = (2 * COINCIDENT_M) / 110_000; // a degree of latitude is more than 110 km
  const byLat = destinations
    .map((_, d) => d)
    .sort((a, b) => destinations[a].lat - destinations[b].lat);
  const direct: number[][] = origins.map((p) => {
    const same: number[] = [];
    const first = lowerBound(byLat, (d) => destinations[d].lat >= p.lat - band);
    for (let k = first; k < byLat.length && destinations[byLat[k]].lat <= p.lat + band; k++) {
      if (coincident(p, destinations[byLat[k]])) same.push(byLat[k], 0);
    }
    return same;
  });

  // Network times as (origin, destination, seconds) legs, then grouped by origin below.
  const legs = new Legs();
  const pairTime = (o: number, d: number, tree: ShortestPathTree): number => {
    const a = from[o];
    const b = to[d];
    if (!a.reachable || !b.reachable) return Infinity;
    const t =
      direction === 'forward' ? arrivalTime_s(graph, tree, b) : departureTime_s(graph, tree, a);
    return Math.min(t, sameEdgeTime_s(graph, a, b));
  };
  if (direction === 'forward') {
    for (let o = 0; o < O; o++) {
      const a = from[o];
      if (!a.reachable) continue;
      const tree = router.run(departureSeeds(graph, a), { mode, maxSeconds, trace: false });
      for (let d = 0; d < D; d++) {
        const t = pairTime(o, d, tree);
        if (t <= maxSeconds) legs.push(o, d, t);
      }
    }
  } else {
    // An origin has a finite time from a tree only through an end of its edge that the tree
    // reached, or along the destination's own edge: only those origins are looked at.
    const atNode = originsByNode(graph, from);
    const onEdge = new Map<number, number[]>();
    from.forEach((a, o) => {
      if (!a.reachable) return;
      const list = onEdge.get(a.edge);
      if (list) list.push(o);
      else onEdge.set(a.edge, [o]);
    });
    const seen = new Int32Array(O).fill(-1);
    const found: number[] = [];
    for (let d = 0; d < D; d++) {
      const b = to[d];
      if (!b.reachable) continue;
      const tree = router.run(arrivalSeeds(graph, b), {
        mode,
        maxSeconds,
        direction: 'reverse',
        trace: false,
      });
      found.length = 0;
      const reached = tree.reached;
      for (let k = 0; k < reached.length; k++) {
        const node = reached[k];
        for (let q = atNode.start[node]; q < atNode.start[node + 1]; q++) {
          const o = atNode.origin[q];
          if (seen[o] !== d) {
            seen[o] = d;
            found.push(o);
          }
        }
      }
      for (const o of onEdge.get(b.edge) ?? []) {
        if (seen[o] !== d) {
          seen[o] = d;
          found.push(o);
        }
      }
      for (const o of found) {
        const t = pairTime(o, d, tree);
        if (t <= maxSeconds) legs.push(o, d, t);
      }
    }
  }

  // Legs by origin (a counting sort, stable: destinations stay in their order).
  const count = legs.length;
  const start = new Int32Array(O + 1);
  for (let p = 0; p < count; p++) start[legs.origin[p] + 1]++;
  for (let o = 0; o < O; o++) start[o + 1] += start[o];
  const next = start.slice(0, O);
  const legDestination = new Int32Array(count);
  const legSeconds = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    const at = next[legs.origin[p]]++;
    legDestination[at] = legs.destination[p];
    legSeconds[at] = legs.seconds[p];
  }

  const out = new Legs();
  const best = new Float64Array(D).fill(Infinity);
  const touched: number[] = [];
  for (let o = 0; o < O; o++) {
    const same = direct[o];
    for (let k = 0; k < same.length; k += 2) {
      const d = same[k];
      if (best[d] === Infinity) touched.push(d);
      if (same[k + 1] < best[d]) best[d] = same[k + 1];
    }
    for (let p = start[o]; p < start[o + 1]; p++) {
      const d = legDestination[p];
      if (best[d] === Infinity) touched.push(d);
      if (legSeconds[p] < best[d]) best[d] = legSeconds[p];
    }
    touched.sort((x, y) => x - y);
    for (const d of touched) {
      if (best[d] <= maxSeconds) out.push(o, d, best[d]);
      best[d] = Infinity;
    }
    touched.length = 0;
  }
  return {
    origin: out.origin.slice(0, out.length),
    destination: out.destination.slice(0, out.length),
    seconds: out.seconds.slice(0, out.length),
    offNetwork,
    direction,
  };
}

/** Growable columns of (origin, destination, seconds). */
class Legs {
  length = 0;
  origin = new Int32Array(1024);
  destination = new Int32Array(1024);
  seconds = new Float64Array(1024);

  push(o: number, d: number, t: number) {
    if (this.length === this.origin.length) {
      const grow = <T extends Int32Array | Float64Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.origin = grow(this.origin);
      this.destination = grow(this.destination);
      this.seconds = grow(this.seconds);
    }
    this.origin[this.length] = o;
    this.destination[this.length] = d;
    this.seconds[this.length++] = t;
  }
}

/** The reachable origins by the end nodes of the edge they snapped to (CSR by node). */
function originsByNode(graph: RoadGraph, from: readonly SnapResult[]) {
  const nodes = graph.nodeCount;
  const start = new Int32Array(nodes + 1);
  for (const a of from) {
    if (!a.reachable) continue;
    start[graph.edgeSource[a.edge] + 1]++;
    start[graph.edgeTarget[a.edge] + 1]++;
  }
  for (let n = 0; n < nodes; n++) start[n + 1] += start[n];
  const next = start.slice(0, nodes);
  const origin = new Int32Array(start[nodes]);
  from.forEach((a, o) => {
    if (!a.reachable) return;
    origin[next[graph.edgeSource[a.edge]]++] = o;
    origin[next[graph.edgeTarget[a.edge]]++] = o;
  });
  return { start, origin };
}

function countReachable(snaps: readonly SnapResult[]): number {
  let n = 0;
  for (const s of snaps) if (s.reachable) n++;
  return n;
}

/** First index of a sorted array at which `ok` holds (ok is false then true). */
function lowerBound(items: readonly number[], ok: (item: number) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ok(items[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
