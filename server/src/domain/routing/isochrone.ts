import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { regionsAtOrBelow } from './contour';
import { Router, type ShortestPathTree } from './dijkstra';
import type { RoadGraph } from './graph';
import type { HierarchySweep } from './hierarchy';
import {
  departureSeeds,
  offNetworkRule,
  snapToNetwork,
  type LonLat,
  type OffNetwork,
  type OffNetworkOptions,
  type SnappedPoint,
} from './snap';
import type { TravelMode } from './speeds';
import { travelTimeGrid, type TimeGridOptions } from './time-grid';

/** What each band carries: its upper bound in minutes (bands are cumulative, from 0). */
export interface IsochroneBandProperties {
  minutes: number;
  mode: TravelMode;
}

/** One feature per band, by increasing minutes; band k contains band k-1. WGS84 MultiPolygons. */
export type IsochroneBands = FeatureCollection<MultiPolygon, IsochroneBandProperties>;

export interface IsochroneOptions extends OffNetworkOptions, TimeGridOptions, SearchChoice {
  /**
   * Asked between the steps (snap, search, time grid, polygons): true ends the computation with
   * {@link IsochroneStopped}, for a caller that has given it up.
   */
  shouldStop?: () => boolean;
}

/** An isochrone computation ended early because its `shouldStop` said so. */
export class IsochroneStopped extends Error {
  constructor() {
    super('the isochrone computation was stopped');
    this.name = 'IsochroneStopped';
  }
}

/** How the search of an isochrone is run. */
export interface SearchChoice {
  /** A router over the same graph to reuse its buffers; a new one is made otherwise. */
  router?: Router;
  /**
   * A sweep of a hierarchy of the same graph (see hierarchy.ts): used, in its mode, when the
   * top of the hierarchy shows that the search will reach much of the graph.
   */
  sweep?: HierarchySweep;
}

/**
 * Reached share of the top of a hierarchy from which a sweep is used rather than a bounded
 * Dijkstra. A sweep costs the same whatever it reaches (~14 ms on the benchmark's 262,000
 * nodes), a bounded Dijkstra in proportion to what it reaches: they break even at about half
 * of the nodes (bench:travel, "break-even" rows).
 */
export const SWEEP_MIN_REACHED_SHARE = 0.5;

export type IsochroneResult =
  | {
      readonly reachable: true;
      readonly origin: SnappedPoint;
      readonly bands: IsochroneBands;
      /** Side of the grid cells the polygons were traced on (metres): their resolution. */
      readonly cell_m: number;
    }
  | OffNetwork;

/**
 * Isochrones from a WGS84 point: for each limit in `minutes`, the area reachable within it by
 * `mode`, as a GeoJSON FeatureCollection (EPSG:4326) of valid MultiPolygons, one per band,
 * by increasing minutes. Bands are cumulative, [0, m], so each contains the previous one.
 * A point farther from any usable road than the snapping limit gives `{ reachable: false }`.
 *
 * Method: a bounded Dijkstra from the snapped origin (or a sweep of a contraction hierarchy
 * when one is given and the search reaches much of the graph: `isochroneSearch`), times laid
 * on a regular grid of 100–250 m cells (see `travelTimeGrid`), and the region at or below each
 * limit traced by marching squares (see `regionsAtOrBelow`). Every node reached within a band lies inside it;
 * boundaries are accurate to about one cell.
 */
export function isochrones(
  graph: RoadGraph,
  origin: LonLat,
  minutes: readonly number[],
  mode: TravelMode,
  options: IsochroneOptions = {},
): IsochroneResult {
  const limits = checkedMinutes(minutes);
  const checkpoint = () => {
    if (options.shouldStop?.()) throw new IsochroneStopped();
  };
  checkpoint();
  const snapped = snapToNetwork(graph, origin, mode, options);
  if (!snapped.reachable) return snapped;
  checkpoint();
  const maxSeconds = limits[limits.length - 1] * 60;
  const tree = isochroneSearch(graph, snapped, mode, maxSeconds, options);
  checkpoint();
  const { bands, cell_m } = isochronePolygons(graph, tree, snapped, limits, options, checkpoint);
  return { reachable: true, origin: snapped, bands, cell_m };
}

/**
 * The search half of `isochrones`: the times from a snapped point up to maxSeconds (predecessors
 * and labels not kept), by a sweep of the hierarchy when one is given for the mode and the
 * search reaches much of the graph, by a bounded Dijkstra otherwise. Both give the same times
 * (up to the order of the sums, ~1e-13 s).
 */
export function isochroneSearch(
  graph: RoadGraph,
  origin: SnappedPoint,
  mode: TravelMode,
  maxSeconds: number,
  choice: SearchChoice = {},
): ShortestPathTree {
  const { sweep } = choice;
  const seeds = departureSeeds(graph, origin);
  if (sweep !== undefined && sweep.hierarchy.mode === mode) {
    if (sweep.hierarchy.graph !== graph)
      throw new RangeError('the hierarchy was built for another graph');
    const tree = sweep.run(seeds, { maxSeconds, minReachedShare: SWEEP_MIN_REACHED_SHARE });
    if (tree !== null) return tree;
  }
  const router = choice.router ?? new Router(graph);
  if (router.graph !== graph) throw new RangeError('the router was built for another graph');
  return router.run(seeds, { mode, maxSeconds, trace: false });
}

/**
 * The polygon half of `isochrones`, for a forward search already run from `origin` with a
 * bound of at least the largest band (exposed so that routing and polygon building can be
 * measured apart).
 */
export function isochronePolygons(
  graph: RoadGraph,
  tree: ShortestPathTree,
  origin: SnappedPoint,
  minutes: readonly number[],
  options: OffNetworkOptions & TimeGridOptions = {},
  checkpoint: () => void = () => undefined,
): { bands: IsochroneBands; cell_m: number } {
  const limits = checkedMinutes(minutes);
  const maxSeconds = limits[limits.length - 1] * 60;
  if (tree.direction !== 'forward' || tree.maxSeconds < maxSeconds) {
    throw new RangeError(`isochrones need a forward search bounded at ≥ ${maxSeconds} s`);
  }
  const grid = travelTimeGrid(
    graph,
    { tree, origin, maxSeconds, offNetwork: offNetworkRule(tree.mode, options) },
    options,
  );
  checkpoint();
  const { west, south, dLon, dLat } = grid;
  const grid2d = { cols: grid.cols, rows: grid.rows, values: grid.values_s };
  const placement = { x0: west, dx: dLon, y0: south, dy: dLat };
  // Grid values are Float32: compare with the Float32 limits so that a node at exactly a limit
  // is not pushed out by rounding.
  const regions = regionsAtOrBelow(
    grid2d,
    limits.map((m) => Math.fround(m * 60)),
    placement,
  );
  const features = limits.map((m, k): Feature<MultiPolygon, IsochroneBandProperties> => {
    const coordinates = regions[k];
    return {
      type: 'Feature',
      properties: { minutes: m, mode: tree.mode },
      geometry: { type: 'MultiPolygon', coordinates },
    };
  });
  return { bands: { type: 'FeatureCollection', features }, cell_m: grid.cell_m };
}

/** The band limits sorted ascending; a RangeError when empty, repeated or not positive. */
function checkedMinutes(minutes: readonly number[]): number[] {
  if (minutes.length === 0) throw new RangeError('at least one band (minutes) is needed');
  const sorted = [...minutes].sort((a, b) => a - b);
  for (let k = 0; k < sorted.length; k++) {
    if (!(sorted[k] > 0 && Number.isFinite(sorted[k]))) {
      throw new RangeError(`band limits must be positive numbers of minutes, got ${sorted[k]}`);
    }
    if (k > 0 && sorted[k] === sorted[k - 1])
      throw new RangeError(`band limit ${sorted[k]} is repeated`);
  }
  return sorted;
}
