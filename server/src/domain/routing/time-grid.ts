import type { ShortestPathTree } from './dijkstra';
import { localScale } from './geodesy';
import type { ModeCosts, RoadGraph } from './graph';
import type { SnappedPoint } from './snap';
import type { TravelMode } from './speeds';

/**
 * A travel-time surface: times (seconds) at the vertices of a regular lon/lat grid around what a
 * search reached. Vertex (row i, column j) is at lon = west + j·dLon, lat = south + i·dLat; its
 * time is `values_s[i * cols + j]`, or `cap_s` where nothing reaches it within the limit.
 */
export interface TimeGrid {
  readonly west: number;
  readonly south: number;
  readonly dLon: number;
  readonly dLat: number;
  readonly cols: number;
  readonly rows: number;
  /** Cell side in metres (the grid is square in a local equirectangular frame). */
  readonly cell_m: number;
  readonly values_s: Float32Array;
  /** The value standing for "not reached": above every threshold asked for. */
  readonly cap_s: number;
}

export interface TimeGridOptions {
  /** Cell side in metres; chosen from the extent when absent (see `chooseCellSize_m`). */
  cell_m?: number;
  /** Bounds of the chosen cell side (metres), 100 and 250 by default. */
  minCell_m?: number;
  maxCell_m?: number;
}

/** Cells across the larger side of the extent when the cell side is chosen from it. */
export const TARGET_CELLS_ACROSS = 400;
/** The cell side grows beyond maxCell_m rather than the grid beyond this many vertices a side. */
export const MAX_VERTICES_PER_SIDE = 2_000;

/** What a travel-time surface is made from. */
export interface ReachInput {
  tree: ShortestPathTree;
  origin: SnappedPoint;
  /** The largest time of interest (s); later times are kept only near the frontier. */
  maxSeconds: number;
  /** The off-network rule: straight legs at speed_mps, at most max_m long. */
  offNetwork: { speed_mps: number; max_m: number };
}

/**
 * Lay a forward search on a grid (CRS: WGS84 degrees; times in seconds), with the same rule as
 * for a single point (snap.ts): a place is reached at the time its nearest usable road is, plus
 * the straight leg to that road at the off-network speed, if that leg is at most max_m.
 * 1. Road points are sampled: the reached nodes, and along every edge usable in the mode with a
 *    reached end, its other end and points about every two cells; a point gets the best time along
 *    its edge (from either reached end, as the mode allows; from the origin itself on the
 *    origin's edge), or none past the frontier (it then stands for a road not reached, and the
 *    places nearest to it are not reached either). Each cell keeps the least time of the reached
 *    points in it, and whether a point not reached lies in it.
 * 2. A vertex of a cell holding a reached point takes the least time of the (up to four) cells
 *    around it: places are counted as reached when the road through their cell is, so every
 *    reached node lies inside the contour of its time. A vertex whose cells hold only points not
 *    reached stands for a road not reached.
 * 3. Every other vertex takes the time of its nearest such vertex plus the straight leg to it
 *    (at most max_m), or none when that vertex stands for a road not reached: a two-pass 5×5
 *    chamfer propagation (steps of 1, √2 and √5 cells; distances within a few per cent of the
 *    straight line). Times are thus early by at most about √2 cells of off-network travel.
 * Usable roads in the grid with no end reached are sampled too, as roads not reached: a place
 * beside a street that is only reached by a long detour is not given the time of a nearer-by
 * reached street on the other side of a river or a railway.
 */
export function travelTimeGrid(
  graph: RoadGraph,
  reach: ReachInput,
  options: TimeGridOptions = {},
): TimeGrid {
  const { tree, origin, maxSeconds, offNetwork } = reach;
  const cap_s = maxSeconds + Math.max(60, 0.25 * maxSeconds);
  const sampleLimit_s = maxSeconds + Math.max(30, 0.1 * maxSeconds);
  // Extent: the origin and the reached nodes. Samples of edges bulging out of it by more than
  // the margin (at least the off-network reach and 3 cells) are left out.
  // Much of the graph reached forward: passes over all nodes in memory order, no list needed.
  const reached =
    tree.direction === 'forward' && tree.reached.length * 8 >= graph.nodeCount
      ? null
      : Int32Array.from(tree.reached).sort();
  const [west, south, east, north] =
    reached === null
      ? extentOfReached(graph, tree.times_s, origin.point.lon, origin.point.lat)
      : extentOf(graph, reached, origin.point.lon, origin.point.lat);
  const scale = localScale((south + north) / 2);
  const spread_m = Math.min(offNetwork.max_m, maxSeconds * offNetwork.speed_mps);
  const cell_m = chooseCellSize_m(
    (east - west) * scale.x_m,
    (north - south) * scale.y_m,
    spread_m,
    options,
  );
  const dLon = cell_m / scale.x_m;
  const dLat = cell_m / scale.y_m;
  const margin = Math.ceil(spread_m / cell_m) + 3;
  const cols = Math.ceil((east - west) / dLon) + 2 * margin + 1;
  const rows = Math.ceil((north - south) / dLat) + 2 * margin + 1;
  const cellTime_s = cell_m / offNetwork.speed_mps;
  const grid: SamplingGrid = {
    west: west - margin * dLon,
    south: south - margin * dLat,
    dLon,
    dLat,
    cols,
    rows,
    reachedAt: new Float32Array((cols + 1) * (rows + 1)).fill(Infinity),
    unreachedIn: new Uint8Array((cols + 1) * (rows + 1)),
  };

  // Points along edges every two cells: the vertices of a cell between two of them are those of
  // their cells, so a road's time reaches every cell it crosses (but for a corner cut).
  sampleRoads(graph, tree, reached, origin, grid, scale, 2 * cell_m, sampleLimit_s);
  seedSample(grid, origin.snapped[0], origin.snapped[1], origin.offNetwork_s);

  const values = new Float32Array(cols * rows);
  const nearest = new Float32Array(cols * rows);
  vertexSources(grid, values, nearest);
  spreadNearest(values, nearest, cols, rows, cellTime_s);
  keepWithinReach(values, nearest, offNetwork.max_m / cell_m, cap_s);
  // The origin itself is at 0, but is not a road: it only marks its own cell.
  const originAt =
    Math.floor((origin.point.lat - grid.south) / dLat) * cols +
    Math.floor((origin.point.lon - grid.west) / dLon);
  for (const at of [originAt, originAt + 1, originAt + cols, originAt + cols + 1]) values[at] = 0;
  // The outer ring of vertices stays unreached so that every contour closes inside the grid.
  for (let j = 0; j < cols; j++) values[j] = values[(rows - 1) * cols + j] = cap_s;
  for (let i = 0; i < rows; i++) values[i * cols] = values[i * cols + cols - 1] = cap_s;

  return {
    west: grid.west,
    south: grid.south,
    dLon,
    dLat,
    cols,
    rows,
    cell_m,
    values_s: values,
    cap_s,
  };
}

/** The bounding box [west, south, east, north] of a point and the nodes listed. */
function extentOf(graph: RoadGraph, nodes: Int32Array, lon: number, lat: number): Float64Array {
  const { nodeLon, nodeLat } = graph;
  let west = lon;
  let east = lon;
  let south = lat;
  let north = lat;
  for (let r = 0; r < nodes.length; r++) {
    const x = nodeLon[nodes[r]];
    const y = nodeLat[nodes[r]];
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  return Float64Array.of(west, south, east, north);
}

/** `extentOf` for every node with a finite time, in one pass over them all. */
function extentOfReached(
  graph: RoadGraph,
  times: Float64Array,
  lon: number,
  lat: number,
): Float64Array {
  const { nodeLon, nodeLat, nodeCount } = graph;
  let west = lon;
  let east = lon;
  let south = lat;
  let north = lat;
  for (let u = 0; u < nodeCount; u++) {
    if (!(times[u] < Infinity)) continue;
    const x = nodeLon[u];
    const y = nodeLat[u];
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  return Float64Array.of(west, south, east, north);
}

/** The spread times where the nearest source is within maxCells, capped; cap_s elsewhere. */
function keepWithinReach(
  values: Float32Array,
  nearest: Float32Array,
  maxCells: number,
  cap_s: number,
): void {
  for (let i = 0; i < values.length; i++) {
    const t = nearest[i] <= maxCells ? values[i] : Infinity;
    values[i] = t <= cap_s ? t : cap_s;
  }
}

/**
 * The cell side (m): the extent's larger side over TARGET_CELLS_ACROSS, kept within
 * [minCell_m, maxCell_m], then enlarged if the grid would exceed MAX_VERTICES_PER_SIDE.
 */
export function chooseCellSize_m(
  width_m: number,
  height_m: number,
  spread_m: number,
  options: TimeGridOptions = {},
): number {
  const minCell = options.minCell_m ?? 100;
  const maxCell = options.maxCell_m ?? 250;
  const side_m = Math.max(width_m, height_m) + 2 * spread_m;
  let cell = options.cell_m ?? Math.min(maxCell, Math.max(minCell, side_m / TARGET_CELLS_ACROSS));
  if (!(cell > 0 && Number.isFinite(cell)))
    throw new RangeError(`cell size must be a positive number of metres, got ${cell}`);
  cell = Math.max(cell, side_m / (MAX_VERTICES_PER_SIDE - 8));
  return cell;
}

/** A growable list of edge indices, its buffer kept from one grid to the next. */
class EdgeList {
  private static buffer = new Int32Array(4096);
  private items = EdgeList.buffer;
  private count = 0;

  push(e: number): void {
    if (this.count === this.items.length) {
      const grown = new Int32Array(2 * this.items.length);
      grown.set(this.items);
      this.items = EdgeList.buffer = grown;
    }
    this.items[this.count++] = e;
  }

  /** The edges in the order pushed (a view on the shared buffer, valid until the next list). */
  all(): Int32Array {
    return this.items.subarray(0, this.count);
  }

  /** The edges by increasing index, each once (same validity). */
  sortedUnique(): Int32Array {
    const sorted = this.all().sort();
    let n = 0;
    for (let k = 0; k < sorted.length; k++)
      if (k === 0 || sorted[k] !== sorted[n - 1]) sorted[n++] = sorted[k];
    return sorted.subarray(0, n);
  }
}

/**
 * The edges of a graph by length class (class c: lengths in [2^(c-1), 2^c) metres, class 0
 * below 1 m), to list the edges longer than some length without a pass over all of them. Made
 * once per graph, on first use.
 */
class EdgesByLength {
  readonly classes = 32;
  /** Edges of class c: edges[starts[c]] .. edges[starts[c + 1] - 1], in index order. */
  readonly starts = new Int32Array(this.classes + 1);
  readonly edges: Int32Array;

  constructor(graph: RoadGraph) {
    const { edgeCount, edgeLength_m } = graph;
    const classOf = new Uint8Array(edgeCount);
    for (let e = 0; e < edgeCount; e++) {
      classOf[e] = this.classOf(edgeLength_m[e]);
      this.starts[classOf[e] + 1]++;
    }
    for (let c = 0; c < this.classes; c++) this.starts[c + 1] += this.starts[c];
    const fill = this.starts.slice(0, this.classes);
    this.edges = new Int32Array(edgeCount);
    for (let e = 0; e < edgeCount; e++) this.edges[fill[classOf[e]]++] = e;
  }

  /** The class of a length: every edge longer than it is in this class or a later one. */
  classOf(length_m: number): number {
    if (!(length_m >= 1)) return 0;
    return Math.min(this.classes - 1, Math.floor(Math.log2(length_m)) + 1);
  }
}

/** `build(graph)`, made on first use and kept as long as the graph lives. */
function perGraph<T>(build: (graph: RoadGraph) => T): (graph: RoadGraph) => T {
  const made = new WeakMap<RoadGraph, T>();
  return (graph) => {
    let value = made.get(graph);
    if (value === undefined) {
      value = build(graph);
      made.set(graph, value);
    }
    return value;
  };
}

const edgesByLength = perGraph((graph) => new EdgesByLength(graph));

/** The loop edges of a graph (same node at both ends: no arc leads along them). */
const loopEdges = perGraph((graph) => {
  const list: number[] = [];
  for (let e = 0; e < graph.edgeCount; e++) {
    if (graph.edgeSource[e] === graph.edgeTarget[e]) list.push(e);
  }
  return Int32Array.from(list);
});

const longestByMode = perGraph(() => new Map<TravelMode, Float64Array>());

/**
 * By node, the length (m) of its longest road usable in a mode, or -1 when it has none (a node of
 * motorways only, on foot): once per graph and mode.
 */
function longestRoads(graph: RoadGraph, mode: TravelMode): Float64Array {
  const byMode = longestByMode(graph);
  let longest = byMode.get(mode);
  if (longest === undefined) {
    const { arcOffsets, arcEdge, edgeLength_m } = graph;
    const { arc_s, arcReverse_s } = graph.costs[mode];
    longest = new Float64Array(graph.nodeCount).fill(-1);
    for (let u = 0; u < graph.nodeCount; u++) {
      for (let a = arcOffsets[u]; a < arcOffsets[u + 1]; a++) {
        if (!(arc_s[a] < Infinity || arcReverse_s[a] < Infinity)) continue;
        if (edgeLength_m[arcEdge[a]] > longest[u]) longest[u] = edgeLength_m[arcEdge[a]];
      }
    }
    byMode.set(mode, longest);
  }
  return longest;
}

/**
 * The grid being filled: its placement, and what the road points laid on it left in each cell.
 * Cell (i, j), whose south-west vertex is (i, j), is at (i + 1) * (cols + 1) + j + 1 in the cell
 * layers: a row and a column of empty cells pad them on each side, so that each vertex's four
 * cells can be read without a test at the border.
 */
interface SamplingGrid {
  readonly west: number;
  readonly south: number;
  readonly dLon: number;
  readonly dLat: number;
  readonly cols: number;
  readonly rows: number;
  /** Least time of the reached road points in each cell; Infinity when none. */
  readonly reachedAt: Float32Array;
  /** 1 where a road point not reached lies in the cell. */
  readonly unreachedIn: Uint8Array;
}

/** Lay a road point reached at t (Infinity: a road not reached) in its cell. */
function seedSample(grid: SamplingGrid, lon: number, lat: number, t: number): void {
  const j = Math.floor((lon - grid.west) / grid.dLon);
  const i = Math.floor((lat - grid.south) / grid.dLat);
  const { cols } = grid;
  if (i < 0 || j < 0 || i >= grid.rows - 1 || j >= cols - 1) return;
  const at = (i + 1) * (cols + 1) + j + 1;
  if (t < Infinity) {
    if (t < grid.reachedAt[at]) grid.reachedAt[at] = t;
  } else grid.unreachedIn[at] = 1;
}

/**
 * The sources of the off-network spread: a vertex with a reached point in one of its four cells
 * at the least time among them (distance 0); one with only points not reached as a road not
 * reached (distance 0, time Infinity); any other with no source yet (distance Infinity).
 */
function vertexSources(grid: SamplingGrid, values: Float32Array, nearest: Float32Array): void {
  const { cols, rows, reachedAt, unreachedIn } = grid;
  const stride = cols + 1;
  for (let i = 0; i < rows; i++) {
    // Vertex (i, j)'s cells (i-1, j-1), (i-1, j), (i, j-1), (i, j) are at padded (i, j), (i, j+1),
    // (i+1, j), (i+1, j+1).
    let below = i * stride;
    let above = below + stride;
    for (let j = 0, at = i * cols; j < cols; j++, at++, below++, above++) {
      let t = reachedAt[below];
      if (reachedAt[below + 1] < t) t = reachedAt[below + 1];
      if (reachedAt[above] < t) t = reachedAt[above];
      if (reachedAt[above + 1] < t) t = reachedAt[above + 1];
      values[at] = t;
      nearest[at] =
        t < Infinity ||
        unreachedIn[below] | unreachedIn[below + 1] | unreachedIn[above] | unreachedIn[above + 1]
          ? 0
          : Infinity;
    }
  }
}

/**
 * Sample the roads: every reached node at its time, then every edge usable in the mode with a
 * reached end (once): its end node if not reached, and points about every `spacing_m` along it
 * if it is longer than that. Each point gets the best time along its edge from a reached end
 * (or from the origin on the origin's edge), or Infinity past `limit_s`, which marks the road
 * beyond the frontier as not reached. And, as roads not reached, the usable roads in the grid
 * with no end reached (a street across a river reached only by a long detour). Marking them all
 * gives the grid a road not reached might need: one farther than twice the off-network reach
 * from every reached road point is never nearer to a place than a reached one within reach.
 * `reached`: the reached nodes by index, or null for a forward search that reached much of the
 * graph, whose nodes are then taken in passes over all nodes.
 */
function sampleRoads(
  graph: RoadGraph,
  tree: ShortestPathTree,
  reached: Int32Array | null,
  origin: SnappedPoint,
  grid: SamplingGrid,
  scale: { x_m: number; y_m: number },
  spacing_m: number,
  limit_s: number,
): void {
  const sampler = new RoadSampler(graph, tree, origin, grid, scale, spacing_m, limit_s);
  // The usable edges that need more than their reached ends, once: one with an end not reached
  // (the road beyond the frontier), a long one, the origin's.
  const toSample = new EdgeList();
  if (reached === null) {
    // One pass over all nodes lays the reached ones and marks the others with a usable road,
    // listing their long roads; the search's own list of the arcs it stopped gives the roads
    // across the frontier, and a list of the edges by length the long ones reached.
    sampler.layAllNodes(toSample);
    sampler.frontierEdges(toSample);
    sampler.loopsInGrid(toSample);
    if (sampler.usable(origin.edge)) toSample.push(origin.edge);
    // Sampled in edge order, each once (what a cell keeps does not depend on the order).
    sampler.sampleEdges(toSample.sortedUnique());
  } else {
    // A small part reached: the reached nodes, the edges met at them, and the segment index
    // for the roads not reached.
    sampler.seedReachedNodes(reached);
    sampler.edgesAtReachedNodes(reached, toSample);
    sampler.sampleEdges(toSample.all());
    sampler.sampleEdges(sampler.unreachedInGrid());
  }
  // The origin's edge when no end of it is reached (a limit shorter than the way to either end)
  // and it was not met above (a long edge with both ends off the grid).
  const times = tree.times_s;
  if (!(
    times[graph.edgeSource[origin.edge]] < Infinity ||
    times[graph.edgeTarget[origin.edge]] < Infinity
  )) {
    sampler.sampleEdge(origin.edge);
  }
}

/**
 * The steps of `sampleRoads` over one grid. Each loop is a method of its own, free of closures
 * made per grid: V8 then optimises each whole, where one long function with loops compiled on
 * the fly kept running its later loops unoptimised.
 */
class RoadSampler {
  readonly times: Float64Array;
  readonly costs: ModeCosts;
  /** What the time along the edge being sampled depends on, refilled edge after edge. */
  private readonly edge: EdgeTimes;

  constructor(
    readonly graph: RoadGraph,
    readonly tree: ShortestPathTree,
    readonly origin: SnappedPoint,
    readonly grid: SamplingGrid,
    readonly scale: { x_m: number; y_m: number },
    readonly spacing_m: number,
    limit_s: number,
  ) {
    this.times = tree.times_s;
    this.costs = graph.costs[tree.mode];
    this.edge = {
      fromSource: 0,
      fromTarget: 0,
      forward_s: 0,
      backward_s: 0,
      origin: null,
      limit_s,
    };
  }

  usable(e: number): boolean {
    return this.costs.edgeForward_s[e] < Infinity || this.costs.edgeBackward_s[e] < Infinity;
  }

  /** Each node listed (reached) at its time. */
  seedReachedNodes(reached: Int32Array): void {
    const { times } = this;
    const { nodeLon, nodeLat } = this.graph;
    const { west, south, dLon, dLat, cols, rows, reachedAt } = this.grid;
    const stride = cols + 1;
    for (let r = 0; r < reached.length; r++) {
      const u = reached[r];
      const j = Math.floor((nodeLon[u] - west) / dLon);
      const i = Math.floor((nodeLat[u] - south) / dLat);
      if (i < 0 || j < 0 || i >= rows - 1 || j >= cols - 1) continue;
      const at = (i + 1) * stride + j + 1;
      if (times[u] < reachedAt[at]) reachedAt[at] = times[u];
    }
  }

  /**
   * Every node, in memory order: a reached one at its time, one not reached with a usable road
   * in the grid as a road not reached; and the long usable roads of the latter to a node not
   * reached, to sample.
   */
  layAllNodes(toSample: EdgeList): void {
    const { times, spacing_m, graph } = this;
    const { nodeCount, nodeLon, nodeLat, arcOffsets, arcHead, arcEdge } = graph;
    const { edgeSource, edgeTarget, edgeLength_m } = graph;
    const { arc_s, arcReverse_s } = this.costs;
    const { west, south, dLon, dLat, cols, rows, reachedAt, unreachedIn } = this.grid;
    const stride = cols + 1;
    const originEdge = this.origin.edge;
    const longest = longestRoads(graph, this.tree.mode);
    for (let u = 0; u < nodeCount; u++) {
      const t = times[u];
      if (!(t < Infinity) && longest[u] < 0) continue; // no usable road
      const j = Math.floor((nodeLon[u] - west) / dLon);
      const i = Math.floor((nodeLat[u] - south) / dLat);
      const inGrid = i >= 0 && j >= 0 && i < rows - 1 && j < cols - 1;
      const at = (i + 1) * stride + j + 1;
      if (t < Infinity) {
        if (inGrid && t < reachedAt[at]) reachedAt[at] = t;
        continue;
      }
      if (!inGrid) continue;
      unreachedIn[at] = 1;
      if (!(longest[u] > spacing_m) && edgeSource[originEdge] !== u && edgeTarget[originEdge] !== u)
        continue;
      for (let a = arcOffsets[u]; a < arcOffsets[u + 1]; a++) {
        if (!(arc_s[a] < Infinity || arcReverse_s[a] < Infinity)) continue;
        const e = arcEdge[a];
        if ((edgeLength_m[e] > spacing_m || e === originEdge) && !(times[arcHead[a]] < Infinity))
          toSample.push(e);
      }
    }
  }

  /**
   * The edges to sample, from the search's own list of the arcs it stopped (those across the
   * frontier among them), and the long edges of the graph with both ends reached.
   */
  frontierEdges(toSample: EdgeList): void {
    const { times, spacing_m } = this;
    const { arcHead, arcEdge, edgeSource, edgeTarget, edgeLength_m } = this.graph;
    const { arc_s, arcReverse_s } = this.costs;
    const cut = this.tree.cutArcs;
    for (let k = 0; k < cut.length; k++) {
      const a = cut[k];
      if (!(times[arcHead[a]] < Infinity) && (arc_s[a] < Infinity || arcReverse_s[a] < Infinity))
        toSample.push(arcEdge[a]);
    }
    const byLength = edgesByLength(this.graph);
    for (let c = byLength.classOf(spacing_m); c < byLength.classes; c++) {
      for (let k = byLength.starts[c]; k < byLength.starts[c + 1]; k++) {
        const e = byLength.edges[k];
        if (
          edgeLength_m[e] > spacing_m &&
          times[edgeSource[e]] < Infinity &&
          times[edgeTarget[e]] < Infinity &&
          this.usable(e)
        )
          toSample.push(e);
      }
    }
  }

  /** The edges to sample, met at the reached nodes (when only a small part is reached). */
  edgesAtReachedNodes(reached: Int32Array, toSample: EdgeList): void {
    const { times, spacing_m } = this;
    const { arcOffsets, arcHead, arcEdge, edgeLength_m } = this.graph;
    const { arc_s, arcReverse_s } = this.costs;
    const originEdge = this.origin.edge;
    for (let r = 0; r < reached.length; r++) {
      const u = reached[r];
      for (let a = arcOffsets[u]; a < arcOffsets[u + 1]; a++) {
        const w = arcHead[a];
        const e = arcEdge[a];
        if (times[w] < Infinity && (w < u || !(edgeLength_m[e] > spacing_m || e === originEdge)))
          continue; // both ends reached: seen from w, or nothing to add to its ends
        if (arc_s[a] < Infinity || arcReverse_s[a] < Infinity) toSample.push(e);
      }
    }
  }

  /** Loops have no arc: the long usable ones reached, in the grid, or the origin's, to sample. */
  loopsInGrid(toSample: EdgeList): void {
    const { times, spacing_m, graph } = this;
    const { edgeSource, edgeLength_m, nodeLon, nodeLat } = graph;
    const { west, south, dLon, dLat, cols, rows } = this.grid;
    const originEdge = this.origin.edge;
    const loops = loopEdges(graph);
    for (let k = 0; k < loops.length; k++) {
      const e = loops[k];
      if (!((edgeLength_m[e] > spacing_m || e === originEdge) && this.usable(e))) continue;
      const u = edgeSource[e];
      const j = Math.floor((nodeLon[u] - west) / dLon);
      const i = Math.floor((nodeLat[u] - south) / dLat);
      const inGrid = i >= 0 && j >= 0 && i < rows - 1 && j < cols - 1;
      if (times[u] < Infinity || inGrid || e === originEdge) toSample.push(e);
    }
  }

  /** The usable edges with a segment in the grid and no end reached (from the segment index). */
  unreachedInGrid(): Int32Array {
    const { times, graph, grid } = this;
    const { edgeSource, edgeTarget, segmentEdge } = graph;
    const east = grid.west + (grid.cols - 1) * grid.dLon;
    const north = grid.south + (grid.rows - 1) * grid.dLat;
    const unreached = new Set<number>();
    for (const segment of graph.segmentIndex?.search(grid.west, grid.south, east, north) ?? []) {
      const e = segmentEdge[segment];
      if (times[edgeSource[e]] < Infinity || times[edgeTarget[e]] < Infinity || !this.usable(e))
        continue;
      unreached.add(e);
    }
    return Int32Array.from(unreached);
  }

  sampleEdges(edges: Int32Array): void {
    for (let k = 0; k < edges.length; k++) this.sampleEdge(edges[k]);
  }

  /** An edge's ends not reached, and points along it if it is long or the origin's. */
  sampleEdge(e: number): void {
    const { graph, grid, edge, times } = this;
    const { edgeSource, edgeTarget, nodeLon, nodeLat } = graph;
    const s = edgeSource[e];
    const t = edgeTarget[e];
    edge.fromSource = times[s];
    edge.fromTarget = times[t];
    edge.forward_s = this.costs.edgeForward_s[e];
    edge.backward_s = this.costs.edgeBackward_s[e];
    edge.origin = e === this.origin.edge ? this.origin : null;
    if (!(edge.fromSource < Infinity)) seedSample(grid, nodeLon[s], nodeLat[s], timeAlong(edge, 0));
    if (!(edge.fromTarget < Infinity)) seedSample(grid, nodeLon[t], nodeLat[t], timeAlong(edge, 1));
    if (graph.edgeLength_m[e] > this.spacing_m || edge.origin !== null)
      sampleAlong(graph, e, grid, this.scale, this.spacing_m, edge);
  }
}

/** What the time along one edge depends on (one object, refilled edge after edge). */
interface EdgeTimes {
  fromSource: number;
  fromTarget: number;
  forward_s: number;
  backward_s: number;
  /** The origin when it lies on this edge. */
  origin: SnappedPoint | null;
  limit_s: number;
}

/**
 * The time at share g (0 at the source, 1 at the target) of an edge: from either end reached,
 * as the mode allows, or from the origin on its own edge; Infinity past the limit.
 */
function timeAlong(edge: EdgeTimes, g: number): number {
  const { forward_s, backward_s, origin } = edge;
  let t = Math.min(
    edge.fromSource + share(g, forward_s),
    edge.fromTarget + share(1 - g, backward_s),
  );
  if (origin !== null) {
    const along =
      g >= origin.fraction
        ? share(g - origin.fraction, forward_s)
        : share(origin.fraction - g, backward_s);
    t = Math.min(t, origin.offNetwork_s + along);
  }
  return t <= edge.limit_s ? t : Infinity;
}

/** Points strictly inside edge e, about every spacing_m of its geometry, with their times. */
function sampleAlong(
  graph: RoadGraph,
  e: number,
  grid: SamplingGrid,
  scale: { x_m: number; y_m: number },
  spacing_m: number,
  edge: EdgeTimes,
): void {
  const v = graph.vertices;
  const first = graph.vertexOffsets[e];
  const last = graph.vertexOffsets[e + 1] - 1;
  let total_m = 0;
  for (let k = first; k < last; k++) total_m += segmentLength_m(v, k, scale.x_m, scale.y_m);
  const count = Math.ceil(total_m / spacing_m);
  if (count < 2) return;
  let k = first;
  let before_m = 0;
  let length_m = segmentLength_m(v, k, scale.x_m, scale.y_m);
  for (let n = 1; n < count; n++) {
    const at_m = (n / count) * total_m;
    while (before_m + length_m < at_m && k < last - 1) {
      before_m += length_m;
      k++;
      length_m = segmentLength_m(v, k, scale.x_m, scale.y_m);
    }
    const f = length_m > 0 ? Math.min(1, (at_m - before_m) / length_m) : 0;
    const lon = v[2 * k] + f * (v[2 * k + 2] - v[2 * k]);
    const lat = v[2 * k + 1] + f * (v[2 * k + 3] - v[2 * k + 1]);
    seedSample(grid, lon, lat, timeAlong(edge, at_m / total_m));
  }
}

/** A share of an edge's cost; a zero share costs nothing even on a forbidden direction. */
function share(part: number, cost_s: number): number {
  return part <= 0 ? 0 : part * cost_s;
}

function segmentLength_m(v: Float64Array, k: number, x_m: number, y_m: number): number {
  const dx = (v[2 * k + 2] - v[2 * k]) * x_m;
  const dy = (v[2 * k + 3] - v[2 * k + 1]) * y_m;
  return Math.sqrt(dx * dx + dy * dy);
}

// The 5×5 chamfer neighbourhood already visited by a forward (south-west to north-east) pass,
// as [row offset, column offset], in the order they are tried (the first of equal distances
// wins): [0, -1], [-1, -1], [-1, 0], [-1, 1], [-1, -2], [-1, 2], [-2, -1], [-2, 1]; steps of 1,
// √2, 1, √2 and four of √5 cells. The backward pass uses the opposite offsets.

/**
 * Give each vertex the time of its nearest source (`vertexSources`): a vertex takes a
 * neighbour's source when the neighbour's distance plus the step is shorter than its own, with
 * the step's off-network time (cellTime_s a cell). Vertices within 2 of the grid border are left
 * as they are.
 */
function spreadNearest(
  values: Float32Array,
  nearest: Float32Array,
  cols: number,
  rows: number,
  cellTime_s: number,
): void {
  chamferPass(values, nearest, cols, rows, cellTime_s, 1);
  chamferPass(values, nearest, cols, rows, cellTime_s, -1);
}

/** One pass of `spreadNearest`, the neighbourhood unrolled (sign -1: the backward pass). */
function chamferPass(
  values: Float32Array,
  nearest: Float32Array,
  cols: number,
  rows: number,
  cellTime_s: number,
  sign: 1 | -1,
): void {
  const SQRT2 = Math.SQRT2;
  const SQRT5 = Math.hypot(1, 2);
  const c1 = cellTime_s;
  const c2 = SQRT2 * cellTime_s;
  const c5 = SQRT5 * cellTime_s;
  // The neighbourhood as offsets in `values`, in order, times sign.
  const o0 = -sign;
  const o1 = sign * (-cols - 1);
  const o2 = sign * -cols;
  const o3 = sign * (-cols + 1);
  const o4 = sign * (-cols - 2);
  const o5 = sign * (-cols + 2);
  const o6 = sign * (-2 * cols - 1);
  const o7 = sign * (-2 * cols + 1);
  const firstRow = sign === 1 ? 2 : rows - 3;
  const firstCol = sign === 1 ? 2 : cols - 3;
  const rowCount = rows - 4;
  const colCount = cols - 4;
  for (let r = 0, i = firstRow; r < rowCount; r++, i += sign) {
    let at = i * cols + firstCol;
    for (let c = 0; c < colCount; c++, at += sign) {
      const own = nearest[at];
      // No step is shorter than a cell: a sample within one is never bettered.
      if (own <= 1) continue;
      let best = own;
      let from = 0;
      let d = nearest[at + o0] + 1;
      if (d < best) {
        best = d;
        from = 1;
      }
      d = nearest[at + o1] + SQRT2;
      if (d < best) {
        best = d;
        from = 2;
      }
      d = nearest[at + o2] + 1;
      if (d < best) {
        best = d;
        from = 3;
      }
      d = nearest[at + o3] + SQRT2;
      if (d < best) {
        best = d;
        from = 4;
      }
      d = nearest[at + o4] + SQRT5;
      if (d < best) {
        best = d;
        from = 5;
      }
      d = nearest[at + o5] + SQRT5;
      if (d < best) {
        best = d;
        from = 6;
      }
      d = nearest[at + o6] + SQRT5;
      if (d < best) {
        best = d;
        from = 7;
      }
      d = nearest[at + o7] + SQRT5;
      if (d < best) {
        best = d;
        from = 8;
      }
      if (from === 0) continue;
      nearest[at] = best;
      switch (from) {
        case 1:
          values[at] = values[at + o0] + c1;
          break;
        case 2:
          values[at] = values[at + o1] + c2;
          break;
        case 3:
          values[at] = values[at + o2] + c1;
          break;
        case 4:
          values[at] = values[at + o3] + c2;
          break;
        case 5:
          values[at] = values[at + o4] + c5;
          break;
        case 6:
          values[at] = values[at + o5] + c5;
          break;
        case 7:
          values[at] = values[at + o6] + c5;
          break;
        default:
          values[at] = values[at + o7] + c5;
      }
    }
  }
}
