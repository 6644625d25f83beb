import {
  timeToNearest,
  type LonLat,
  type MatrixPoint,
  type NearestTargets,
  type RoadGraph,
  type TravelMode,
} from '../../domain/routing';
import type { ShareInput } from '../../domain/accessibility/compute';
import type { PackedEdges } from './packed-network';

/** The road network a routing task is about: its version and its edges (shared memory). */
export interface NetworkRef {
  version: string;
  edges: PackedEdges;
}

export interface IsochronesTask {
  kind: 'isochrones';
  network: NetworkRef;
  origin: LonLat;
  minutes: number[];
  mode: TravelMode;
}

export interface NearestTimesTask {
  kind: 'nearest';
  network: NetworkRef;
  /** What identifies the targets and options (a worker keeps its searches by it). */
  searchKey: string;
  targets: MatrixPoint<string>[];
  mode: TravelMode;
  maxMinutes: number;
  places: LonLat[];
}

/** Car times from demand locations to sites within a catchment (accessibility's matrix). */
export interface AccessMatrixTask {
  kind: 'access-matrix';
  network: NetworkRef;
  /** `[lon0, lat0, lon1, lat1, …]`, WGS84 degrees. */
  origins: Float64Array;
  destinations: Float64Array;
  maxMinutes: number;
}

/** The floating catchment of pairs and one supply column shared over it (no network needed). */
export interface AccessShareTask extends ShareInput {
  kind: 'access-share';
}

export type RoutingTask = IsochronesTask | NearestTimesTask | AccessMatrixTask | AccessShareTask;

/** A nearest task's answer: each place's time, and how many targets could not join the roads. */
export interface NearestTimes {
  times: PlaceTime[];
  targetsOffNetwork: number;
}

/** Minutes from a place to its nearest target (null beyond the limit), as the answers need it. */
export interface PlaceTime {
  minutes: number | null;
  target: string | null;
  /** Whether the place joins the road network (off_network is its negation). */
  reachable: boolean;
}

/** The times of `places` to their nearest target: in a worker and in the request thread alike. */
export function nearestTimes(
  graph: RoadGraph,
  search: NearestTargets<string>,
  places: readonly LonLat[],
): PlaceTime[] {
  return places.map((p) => {
    const t = timeToNearest(graph, search, p);
    return { minutes: t.minutes, target: t.target, reachable: t.snap.reachable };
  });
}
