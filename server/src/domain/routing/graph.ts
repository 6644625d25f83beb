import Flatbush from 'flatbush';
import { haversine_m, isLonLat } from './geodesy';
import { carRoadKind, carSpeedKmh, isDrivable, roadSetting, type RoadSetting } from './car-speeds';
import { junctionDelays } from './junctions';
import { roadDensities_km_per_km2 } from './road-density';
import {
  TRAVEL_MODES,
  WALK_SPEED_KMH,
  isWalkable,
  metresPerSecond,
  normaliseRoadClass,
  type TravelMode,
} from './speeds';

/**
 * One stored road edge (a `road_edge` row) as the routing core reads it. Coordinates are
 * WGS84 [longitude, latitude] in degrees and run from `source` to `target`, as the importer
 * and the demo loader write them.
 */
export interface RoadEdgeInput {
  /** `road_edge.id`. */
  id: number;
  /** Node ids (`road_edge.source` / `target`): any integers below 2^53. */
  source: number;
  target: number;
  /** 'nationale' | 'departementale' | 'communale' (demo) or an OSM `highway` value. */
  roadClass: string;
  /**
   * The road's speed limit in km/h (posted, or assumed for its class): a cap on the car speed,
   * never a speed by itself (car-speeds.ts). 0, negative or not finite: no limit known.
   */
  speedLimitKmh: number;
  /** Built-up area or open country when the data say so; else (null, absent) from its limit
   * and the road density around it (car-speeds.ts, `roadSetting`). */
  setting?: RoadSetting | null;
  /** Passable from source to target only (by car; walking ignores it). */
  oneway: boolean;
  /** Length in metres; when not finite or negative, the geometry's haversine length is used. */
  lengthM: number;
  /** The LineString, at least two positions, from source to target. */
  coordinates: [number, number][];
}

export interface BuildGraphOptions {
  /** Walking speed on the network (km/h); `WALK_SPEED_KMH` by default. */
  walkSpeedKmh?: number;
}

/**
 * Travel costs of one mode, in seconds; `Infinity` where the mode may not go. Float32: an edge
 * cost is at most hours, so the rounding is below a millisecond; sums are made in Float64.
 */
export interface ModeCosts {
  /** Per arc: from the arc's tail node to its head node. */
  readonly arc_s: Float32Array;
  /** Per arc: from its head to its tail along the same edge (what a reverse search needs). */
  readonly arcReverse_s: Float32Array;
  /** Per edge: the whole edge from source to target. */
  readonly edgeForward_s: Float32Array;
  /** Per edge: the whole edge from target to source. */
  readonly edgeBackward_s: Float32Array;
}

/**
 * A road network compacted for routing: dense node indices 0..nodeCount-1, a CSR adjacency in
 * which every edge gives two arcs (one each way; a mode that may not go one way has an
 * Infinity cost there), and the edges' geometries with a spatial index of their segments for
 * snapping. Immutable once built; many routers may share it.
 */
export interface RoadGraph {
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly arcCount: number;
  /** External node id by dense index. */
  readonly nodeIds: Float64Array;
  /** Dense index by external node id. */
  readonly nodeIndex: ReadonlyMap<number, number>;
  /** Node positions, WGS84 degrees, taken from the first edge end met at that node. */
  readonly nodeLon: Float64Array;
  readonly nodeLat: Float64Array;
  /** Arcs of node u are arcOffsets[u] .. arcOffsets[u + 1] - 1. */
  readonly arcOffsets: Int32Array;
  readonly arcHead: Int32Array;
  /** The edge (dense index) an arc runs along. */
  readonly arcEdge: Int32Array;
  readonly costs: Readonly<Record<TravelMode, ModeCosts>>;
  /** External edge id (`road_edge.id`) by dense edge index. */
  readonly edgeIds: Float64Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  readonly edgeLength_m: Float64Array;
  /** Per edge: 1 when cars drive it as in a built-up area (`roadSetting`: its stored setting,
   * else a limit of 50 or less, else the road density around it), 0 in open country. */
  readonly edgeUrban: Uint8Array;
  /** Edge e's positions are vertices[2k], vertices[2k+1] for k in vertexOffsets[e] .. [e+1]-1. */
  readonly vertexOffsets: Int32Array;
  readonly vertices: Float64Array;
  /** Segment s runs from vertex segmentVertex[s] to the next one, on edge segmentEdge[s]. */
  readonly segmentVertex: Int32Array;
  readonly segmentEdge: Int32Array;
  /** Bounding boxes of the segments in degrees; null when the graph has no edge. */
  readonly segmentIndex: Flatbush | null;
}

/**
 * Build the routing graph from stored road edges. Throws a RangeError naming the edge when a
 * geometry has fewer than two positions or a position outside WGS84 bounds, or a node id is not
 * a safe integer. Self-loops are kept for snapping but give no arc (they never shorten a path).
 */
export function buildGraph(
  edges: readonly RoadEdgeInput[],
  options: BuildGraphOptions = {},
): RoadGraph {
  const walkSpeed = options.walkSpeedKmh ?? WALK_SPEED_KMH;
  if (!(walkSpeed > 0 && Number.isFinite(walkSpeed))) {
    throw new RangeError(`walkSpeedKmh must be a positive number, got ${walkSpeed}`);
  }
  const edgeCount = edges.length;

  // Pass 1, in input order: node ids to first-seen numbers, node positions from edge ends.
  const nodeIndex = new Map<number, number>();
  const nodeLonList: number[] = [];
  const nodeLatList: number[] = [];
  const inputSource = new Int32Array(edgeCount);
  const inputTarget = new Int32Array(edgeCount);
  const denseNode = (id: number, position: [number, number], edgeId: number): number => {
    let index = nodeIndex.get(id);
    if (index === undefined) {
      if (!Number.isSafeInteger(id))
        throw new RangeError(`road edge ${edgeId}: node id ${id} is not a safe integer`);
      index = nodeLonList.length;
      nodeIndex.set(id, index);
      nodeLonList.push(position[0]);
      nodeLatList.push(position[1]);
    }
    return index;
  };
  let vertexCount = 0;
  for (let e = 0; e < edgeCount; e++) {
    const edge = edges[e];
    const n = edge.coordinates?.length ?? 0;
    if (n < 2)
      throw new RangeError(`road edge ${edge.id}: a geometry needs at least 2 positions, got ${n}`);
    vertexCount += n;
    inputSource[e] = denseNode(edge.source, edge.coordinates[0], edge.id);
    inputTarget[e] = denseNode(edge.target, edge.coordinates[n - 1], edge.id);
  }

  // Nodes renumbered along a Hilbert curve and edges ordered by their first node, so that what
  // is close on the ground is close in memory: a search's frontier then touches fewer cache
  // lines, whatever order the edges came in.
  const nodeCount = nodeLonList.length;
  const rank = hilbertRanks(nodeLonList, nodeLatList);
  const nodeIds = new Float64Array(nodeCount);
  const nodeLon = new Float64Array(nodeCount);
  const nodeLat = new Float64Array(nodeCount);
  for (const [id, first] of nodeIndex) {
    const index = rank[first];
    nodeIndex.set(id, index);
    nodeIds[index] = id;
    nodeLon[index] = nodeLonList[first];
    nodeLat[index] = nodeLatList[first];
  }
  const edgeOrder = sortedBy(
    edgeCount,
    (e) => Math.min(rank[inputSource[e]], rank[inputTarget[e]]),
    nodeCount,
  );

  // Pass 2, in that order: geometry, lengths and costs.
  const edgeSource = new Int32Array(edgeCount);
  const edgeTarget = new Int32Array(edgeCount);
  const edgeIds = new Float64Array(edgeCount);
  const edgeLength_m = new Float64Array(edgeCount);
  const vertexOffsets = new Int32Array(edgeCount + 1);
  const vertices = new Float64Array(vertexCount * 2);
  const car = modeCostArrays(edgeCount);
  const walk = modeCostArrays(edgeCount);
  const drivable = new Uint8Array(edgeCount);
  const roadRank = new Uint8Array(edgeCount);
  const service = new Uint8Array(edgeCount);
  const nodeRoad_m = new Float64Array(nodeCount);
  let v = 0;
  for (let e = 0; e < edgeCount; e++) {
    const input = edgeOrder[e];
    const edge = edges[input];
    vertexOffsets[e] = v / 2;
    let geometryLength_m = 0;
    for (let k = 0; k < edge.coordinates.length; k++) {
      const [lon, lat] = edge.coordinates[k];
      if (!isLonLat(lon, lat)) {
        throw new RangeError(
          `road edge ${edge.id}: position [${lon}, ${lat}] is not WGS84 degrees`,
        );
      }
      if (k > 0) geometryLength_m += haversine_m(vertices[v - 2], vertices[v - 1], lon, lat);
      vertices[v++] = lon;
      vertices[v++] = lat;
    }
    edgeSource[e] = rank[inputSource[input]];
    edgeTarget[e] = rank[inputTarget[input]];
    edgeIds[e] = edge.id;
    const length_m =
      Number.isFinite(edge.lengthM) && edge.lengthM >= 0 ? edge.lengthM : geometryLength_m;
    edgeLength_m[e] = length_m;

    if (isDrivable(edge.roadClass)) {
      drivable[e] = 1;
      // Half of the edge counts at each end for the road density (road-density.ts).
      nodeRoad_m[edgeSource[e]] += length_m / 2;
      nodeRoad_m[edgeTarget[e]] += length_m / 2;
    }
    roadRank[e] = carRoadKind(edge.roadClass).rank;
    service[e] = normaliseRoadClass(edge.roadClass) === 'service' ? 1 : 0;
    const walkCost = isWalkable(edge.roadClass) ? length_m / metresPerSecond(walkSpeed) : Infinity;
    walk.edgeForward_s[e] = walkCost;
    walk.edgeBackward_s[e] = walkCost;
  }
  vertexOffsets[edgeCount] = vertexCount;

  // Car costs: the edge at its speed (class, setting, limit), plus the delay at the junction
  // it leads to in each direction (junctions.ts). The delay is part of the edge's cost, so a
  // point part-way along pays that share of it, as slowing down before a junction is spread
  // along its approach.
  const density = roadDensities_km_per_km2(nodeLon, nodeLat, nodeRoad_m);
  const urban = new Uint8Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    const edge = edges[edgeOrder[e]];
    const around = (density[edgeSource[e]] + density[edgeTarget[e]]) / 2;
    urban[e] = roadSetting(edge.setting, edge.speedLimitKmh, around) === 'urban' ? 1 : 0;
  }
  const delays = junctionDelays(nodeCount, {
    edgeSource,
    edgeTarget,
    drivable,
    rank: roadRank,
    service,
    urban,
  });
  for (let e = 0; e < edgeCount; e++) {
    const edge = edges[edgeOrder[e]];
    const speed = carSpeedKmh(edge.roadClass, urban[e] ? 'urban' : 'rural', edge.speedLimitKmh);
    const travel_s = speed > 0 ? edgeLength_m[e] / metresPerSecond(speed) : Infinity;
    car.edgeForward_s[e] = travel_s + delays.atTarget_s[e];
    car.edgeBackward_s[e] = edge.oneway ? Infinity : travel_s + delays.atSource_s[e];
  }

  // CSR: count arcs per tail node, prefix-sum, then fill. Each non-loop edge gives two arcs.
  const arcOffsets = new Int32Array(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) {
    if (edgeSource[e] === edgeTarget[e]) continue;
    arcOffsets[edgeSource[e] + 1]++;
    arcOffsets[edgeTarget[e] + 1]++;
  }
  for (let u = 0; u < nodeCount; u++) arcOffsets[u + 1] += arcOffsets[u];
  const arcCount = arcOffsets[nodeCount];
  const arcHead = new Int32Array(arcCount);
  const arcEdge = new Int32Array(arcCount);
  const fill = arcOffsets.slice(0, nodeCount);
  const arcCosts = { car: arcCostArrays(arcCount), walk: arcCostArrays(arcCount) };
  const edgeCosts = { car, walk };
  for (let e = 0; e < edgeCount; e++) {
    const s = edgeSource[e];
    const t = edgeTarget[e];
    if (s === t) continue;
    const forward = fill[s]++;
    const backward = fill[t]++;
    arcHead[forward] = t;
    arcEdge[forward] = e;
    arcHead[backward] = s;
    arcEdge[backward] = e;
    for (const mode of TRAVEL_MODES) {
      const { arc_s, arcReverse_s } = arcCosts[mode];
      const { edgeForward_s, edgeBackward_s } = edgeCosts[mode];
      arc_s[forward] = edgeForward_s[e];
      arcReverse_s[forward] = edgeBackward_s[e];
      arc_s[backward] = edgeBackward_s[e];
      arcReverse_s[backward] = edgeForward_s[e];
    }
  }

  const segmentCount = vertexCount - edgeCount;
  const segmentVertex = new Int32Array(segmentCount);
  const segmentEdge = new Int32Array(segmentCount);
  let segmentIndex: Flatbush | null = null;
  if (segmentCount > 0) {
    segmentIndex = new Flatbush(segmentCount);
    let s = 0;
    for (let e = 0; e < edgeCount; e++) {
      for (let k = vertexOffsets[e]; k < vertexOffsets[e + 1] - 1; k++) {
        const x0 = vertices[2 * k];
        const y0 = vertices[2 * k + 1];
        const x1 = vertices[2 * k + 2];
        const y1 = vertices[2 * k + 3];
        segmentIndex.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
        segmentVertex[s] = k;
        segmentEdge[s] = e;
        s++;
      }
    }
    segmentIndex.finish();
  }

  return {
    nodeCount,
    edgeCount,
    arcCount,
    nodeIds,
    nodeIndex,
    nodeLon,
    nodeLat,
    arcOffsets,
    arcHead,
    arcEdge,
    costs: {
      car: { ...arcCosts.car, ...car },
      walk: { ...arcCosts.walk, ...walk },
    },
    edgeIds,
    edgeSource,
    edgeTarget,
    edgeLength_m,
    edgeUrban: urban,
    vertexOffsets,
    vertices,
    segmentVertex,
    segmentEdge,
    segmentIndex,
  };
}

/** Dense index of an external node id, or -1 when the graph has no such node. */
export function nodeIndexOf(graph: RoadGraph, nodeId: number): number {
  return graph.nodeIndex.get(nodeId) ?? -1;
}

/** For each node (in first-seen order), its rank along a Hilbert curve over the nodes' extent. */
function hilbertRanks(lons: readonly number[], lats: readonly number[]): Int32Array {
  const n = lons.length;
  const rank = new Int32Array(n);
  if (n === 0) return rank;
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (let i = 0; i < n; i++) {
    west = Math.min(west, lons[i]);
    east = Math.max(east, lons[i]);
    south = Math.min(south, lats[i]);
    north = Math.max(north, lats[i]);
  }
  const order = 16;
  const side = 2 ** order;
  const sx = (side - 1) / (east - west || 1);
  const sy = (side - 1) / (north - south || 1);
  const byCurve = sortedBy(
    n,
    (i) =>
      hilbertIndex(Math.round((lons[i] - west) * sx), Math.round((lats[i] - south) * sy), side),
    side * side,
  );
  for (let r = 0; r < n; r++) rank[byCurve[r]] = r;
  return rank;
}

/**
 * The items 0..count-1 sorted by an integer key in 0..maxKey (stable). Packs key and item in one
 * float and sorts natively when 53 bits hold both, which is the case up to billions of pairs.
 */
function sortedBy(count: number, key: (item: number) => number, maxKey: number): Int32Array {
  const itemSpan = 2 ** Math.ceil(Math.log2(count + 1));
  const items = new Int32Array(count);
  if ((maxKey + 1) * itemSpan <= Number.MAX_SAFE_INTEGER) {
    const packed = new Float64Array(count);
    for (let i = 0; i < count; i++) packed[i] = key(i) * itemSpan + i;
    packed.sort();
    for (let r = 0; r < count; r++) items[r] = packed[r] % itemSpan;
    return items;
  }
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    keys[i] = key(i);
    items[i] = i;
  }
  return items.sort((a, b) => keys[a] - keys[b] || a - b);
}

/** Position of cell (x, y) along the Hilbert curve filling a side × side grid (side a power of 2). */
function hilbertIndex(x: number, y: number, side: number): number {
  let d = 0;
  for (let s = side / 2; s >= 1; s /= 2) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = side - 1 - x;
        y = side - 1 - y;
      }
      const swap = x;
      x = y;
      y = swap;
    }
  }
  return d;
}

function modeCostArrays(edgeCount: number) {
  return {
    edgeForward_s: new Float32Array(edgeCount),
    edgeBackward_s: new Float32Array(edgeCount),
  };
}

function arcCostArrays(arcCount: number) {
  return { arc_s: new Float32Array(arcCount), arcReverse_s: new Float32Array(arcCount) };
}
