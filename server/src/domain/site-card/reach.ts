/**
 * Car times from many fixed places (the demand cells) to one new point, with the cells snapped
 * once: what travelTimeMatrix gives for that column (same snapping, coincidence and same-edge
 * rules, one reverse search from the point), without snapping every cell again for each
 * scenario. Pure.
 */
import {
  Router,
  arrivalSeeds,
  coincident,
  departureTime_s,
  sameEdgeTime_s,
  snapToNetwork,
  type LonLat,
  type RoadGraph,
  type SnapResult,
} from '../routing';

/** The cells joined to the car network, once per network and set of cells. */
export function snapPlaces(graph: RoadGraph, places: readonly LonLat[]): SnapResult[] {
  return places.map((p) => snapToNetwork(graph, p, 'car'));
}

/** Minutes by car from each place to `point` (null: beyond `maxMinutes` or unreachable). */
export function timesToPoint(
  graph: RoadGraph,
  router: Router,
  places: readonly LonLat[],
  snaps: readonly SnapResult[],
  point: LonLat,
  maxMinutes: number,
): (number | null)[] {
  if (snaps.length !== places.length) throw new RangeError('one snap per place');
  const maxSeconds = maxMinutes * 60;
  const b = snapToNetwork(graph, point, 'car');
  const tree = b.reachable
    ? router.run(arrivalSeeds(graph, b), {
        mode: 'car',
        maxSeconds,
        direction: 'reverse',
        trace: false,
      })
    : null;
  return places.map((p, o) => {
    let t = coincident(p, point) ? 0 : Infinity;
    const a = snaps[o];
    if (tree && b.reachable && a.reachable) {
      t = Math.min(t, departureTime_s(graph, tree, a), sameEdgeTime_s(graph, a, b));
    }
    return t <= maxSeconds ? t / 60 : null;
  });
}
