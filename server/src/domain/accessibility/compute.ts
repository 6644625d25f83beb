/**
 * The heavy steps of an accessibility computation over a road network, in a form a worker
 * thread can run as well as the request thread (typed arrays in, typed arrays out, no closure):
 * the car matrix from demand locations to sites, and the catchment with one supply column shared.
 * Pure: the same inputs give the same bits wherever they run.
 */
import { denseTravelTimes, type RoadGraph, type Router } from '../routing';
import { accessibility } from './access';
import { buildCatchment, type Catchment } from './catchment';
import type { AccessOptions } from './methods';

/** Pairs within the catchment, by origin then destination (dense indices), and who is off-road. */
export interface DenseMatrix {
  origin: Int32Array;
  destination: Int32Array;
  minutes: Float64Array;
  offNetwork: { origins: number; destinations: number };
}

/**
 * Car minutes from every origin to every destination within `maxMinutes` (inclusive), as the
 * routing core's matrix gives them. Points are `[lon0, lat0, lon1, lat1, …]` (WGS84 degrees).
 */
export function denseCarMatrix(
  graph: RoadGraph,
  router: Router,
  origins: Float64Array,
  destinations: Float64Array,
  maxMinutes: number,
): DenseMatrix {
  const points = (xy: Float64Array) =>
    Array.from({ length: xy.length / 2 }, (_, i) => ({ lon: xy[2 * i], lat: xy[2 * i + 1] }));
  const m = denseTravelTimes(graph, points(origins), points(destinations), {
    mode: 'car',
    maxMinutes,
    router,
  });
  const minutes = new Float64Array(m.seconds.length);
  for (let p = 0; p < minutes.length; p++) minutes[p] = m.seconds[p] / 60;
  const { origin, destination } = m;
  const offNetwork = { origins: 0, destinations: 0 };
  for (const o of m.offNetwork) offNetwork[o.role === 'origin' ? 'origins' : 'destinations']++;
  return { origin, destination, minutes, offNetwork };
}

/** What {@link shareSupply} is given. */
export interface ShareInput {
  demand: Float64Array;
  siteCount: number;
  pairs: { origin: Int32Array; destination: Int32Array; cost: Float64Array };
  options: AccessOptions;
  supply: Float64Array;
}

export interface ShareResult {
  catchment: Catchment;
  access: Float64Array;
  placesUnreached: number;
}

/** The catchment of the pairs and the accessibility of one supply column over it. */
export function shareSupply(input: ShareInput): ShareResult {
  const catchment = buildCatchment(input.demand, input.siteCount, input.pairs, input.options);
  const result = accessibility(catchment, input.supply);
  return { catchment, access: result.access, placesUnreached: result.placesUnreached };
}
