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
  const { mode, maxMinutes } = options;
  if (!(maxMinutes >= 0 && Number.isFinite(maxMinutes))) {
    throw new RangeError(`maxMinutes must be a finite number ≥ 0, got ${maxMinutes}`);
  }
  const maxSeconds = maxMinutes * 60;
  const router = options.router ?? new Router(graph);
  if (router.graph !== graph) throw new RangeError('the router was built for another graph');

  const from = origins.map((p) => snapToNetwork(graph, p, mode, options));
  const to = destinations.map((p) => snapToNetwork(graph, p, mode, options));
  const offNetwork: TravelTimeMatrix<OriginId, DestinationId>['offNetwork'] = [];
  from.forEach(
    (s, i) =>
      s.reachable ||
      offNetwork.push({ id: origins[i].id, role: 'origin', reason: s.reason, message: s.message }),
  );
  to.forEach(
    (s, i) =>
      s.reachable ||
      offNetwork.push({
        id: destinations[i].id,
        role: 'destination',
        reason: s.reason,
        message: s.message,
      }),
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

  // Network times: per origin, [destination, seconds] pairs in destination order.
  const network: number[][] = origins.map(() => []);
  const pairTime = (o: number, d: number, tree: ShortestPathTree): number => {
    const a = from[o];
    const b = to[d];
    if (!a.reachable || !b.reachable) return Infinity;
    const t =
      direction === 'forward' ? arrivalTime_s(graph, tree, b) : departureTime_s(graph, tree, a);
    return Math.min(t, sameEdgeTime_s(graph, a, b));
  };
  if (direction === 'forward') {
    for (let o = 0; o < origins.length; o++) {
      const a = from[o];
      if (!a.reachable) continue;
      const tree = router.run(departureSeeds(graph, a), { mode, maxSeconds, trace: false });
      for (let d = 0; d < D; d++) {
        const t = pairTime(o, d, tree);
        if (t <= maxSeconds) network[o].push(d, t);
      }
    }
  } else {
    for (let d = 0; d < D; d++) {
      const b = to[d];
      if (!b.reachable) continue;
      const tree = router.run(arrivalSeeds(graph, b), {
        mode,
        maxSeconds,
        direction: 'reverse',
        trace: false,
      });
      for (let o = 0; o < origins.length; o++) {
        const t = pairTime(o, d, tree);
        if (t <= maxSeconds) network[o].push(d, t);
      }
    }
  }

  const rows: TravelTimeRow<OriginId, DestinationId>[] = [];
  const best = new Float64Array(D).fill(Infinity);
  const touched: number[] = [];
  for (let o = 0; o < origins.length; o++) {
    for (const legs of [direct[o], network[o]]) {
      for (let k = 0; k < legs.length; k += 2) {
        const d = legs[k];
        if (best[d] === Infinity) touched.push(d);
        if (legs[k + 1] < best[d]) best[d] = legs[k + 1];
      }
    }
    touched.sort((x, y) => x - y);
    for (const d of touched) {
      if (best[d] <= maxSeconds)
        rows.push({
          origin: origins[o].id,
          destination: destinations[d].id,
          minutes: best[d] / 60,
        });
      best[d] = Infinity;
    }
    touched.length = 0;
  }
  return { rows, offNetwork, direction };
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
