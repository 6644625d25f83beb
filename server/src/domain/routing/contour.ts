/**
 * The region of a scalar grid at or below a threshold, as polygons: marching squares with
 * linear interpolation along cell edges, rings traced and oriented, holes put in the ring that
 * holds them.
 *
 * Why not turf's `isobands`: it takes a FeatureCollection of points (one object per vertex) and
 * is far too slow for the ~10^5-vertex grids of a car isochrone; a cumulative band [0, T] is
 * also just the region below one level, which one pass of marching squares gives directly.
 *
 * Guarantees, for a grid whose outer ring of vertices is above the threshold:
 * - rings are closed, simple and never touch one another: a crossing point lies strictly inside
 *   its cell edge, each crossing is the end of exactly one traced segment and the start of
 *   exactly one, and saddle cells are decided by the mean of their corners;
 * - a cell whose four corners are at or below the threshold lies wholly inside the region;
 * - the regions of two thresholds T1 < T2 are nested, since each crossing of T1 lies on the
 *   inner side of the crossing of T2 on the same edge and saddles resolve monotonically.
 * Coordinates are in grid units: x = column, y = row (y grows with the row index).
 */

/** A grid of values, row-major: value at (row i, column j) is values[i * cols + j]. */
export interface ScalarGrid {
  readonly cols: number;
  readonly rows: number;
  readonly values: ArrayLike<number>;
}

/** Polygons as GeoJSON-style nested arrays: polygon → rings (outer first, holes after) → [x, y]. */
export type GridPolygons = [number, number][][][];

/** Crossing points stay this share of a cell edge away from its corners. */
const EDGE_MARGIN = 1e-3;

/** Where grid coordinates go in the output: [x0 + x·dx, y0 + y·dy] (dx, dy > 0). */
export interface GridPlacement {
  readonly x0: number;
  readonly dx: number;
  readonly y0: number;
  readonly dy: number;
}

// Scratch buffers, kept between calls (a call runs to its end before the next one starts):
// the class of each vertex and the cells crossed by a level, the link from each crossed cell edge to the next (-1
// everywhere between calls), the exits, and the traced points, x and y interleaved.
let cellScratch = new Int32Array(4096);
let classScratch = new Uint8Array(0);
let nextScratch = new Int32Array(0);
let exitScratch = new Int32Array(1024);
let pointScratch = new Float64Array(4096);

/**
 * The polygons of { value ≤ threshold } in grid units, outer rings counter-clockwise and holes
 * clockwise (GeoJSON's right-hand rule once y points north); with `placement`, their points
 * are given in its coordinates instead (same rings, same order).
 */
export function regionAtOrBelow(
  grid: ScalarGrid,
  threshold: number,
  placement?: GridPlacement,
): GridPolygons {
  return regionsAtOrBelow(grid, [threshold], placement)[0];
}

/**
 * `regionAtOrBelow` for several thresholds at once (same polygons): one pass over the grid
 * finds the cells that any of them crosses, and each threshold is traced from those alone.
 */
export function regionsAtOrBelow(
  grid: ScalarGrid,
  thresholds: readonly number[],
  placement?: GridPlacement,
): GridPolygons[] {
  const { cols, rows, values } = grid;
  // Each vertex's class: how many levels lie below its value. A cell is crossed by a level
  // (some corner at or below it, another above) exactly when its corners' classes differ.
  const levels = Float64Array.from(thresholds).sort();
  if (classScratch.length < cols * rows) classScratch = new Uint8Array(cols * rows);
  classify(values, cols * rows, levels, classScratch);
  const cells = crossedCells(classScratch, cols, rows);
  return thresholds.map((threshold) => traceRegion(grid, threshold, cells, placement));
}

// Each long loop below is a function of its own that returns when the loop ends: V8 compiles such
// a loop on the fly (on-stack replacement) and would otherwise keep running that code and
// leaving it, unoptimised, for what follows the loop, call after call.

/** Each vertex's class: how many of the (sorted) levels lie below its value. */
function classify(
  values: ArrayLike<number>,
  vertexCount: number,
  levels: Float64Array,
  classes: Uint8Array,
): void {
  const levelCount = levels.length;
  for (let at = 0; at < vertexCount; at++) {
    const v = values[at];
    let k = 0;
    while (k < levelCount && !(v <= levels[k])) k++; // NaN: above every level, as below
    classes[at] = k;
  }
}

/** The cells (bottom-left vertices, row-major) whose corners' classes differ. */
function crossedCells(classes: Uint8Array, cols: number, rows: number): Int32Array {
  let cells = cellScratch;
  let cellCount = 0;
  for (let i = 0; i < rows - 1; i++) {
    let at = i * cols;
    let left0 = classes[at];
    let left3 = classes[at + cols];
    for (let j = 0; j < cols - 1; j++, at++) {
      const c1 = classes[at + 1];
      const c2 = classes[at + cols + 1];
      const same = left0 === c1 && c1 === c2 && c2 === left3;
      left0 = c1;
      left3 = c2;
      if (same) continue;
      if (cellCount === cells.length) {
        const grown = new Int32Array(2 * cells.length);
        grown.set(cells);
        cells = cellScratch = grown;
      }
      cells[cellCount++] = at;
    }
  }
  return cells.subarray(0, cellCount);
}

/** The polygons of one threshold, from the cells (bottom-left vertices, row-major) it may cross. */
function traceRegion(
  grid: ScalarGrid,
  threshold: number,
  cells: Int32Array,
  placement: GridPlacement | undefined,
): GridPolygons {
  const { cols, rows } = grid;
  const edgeCount = rows * (cols - 1) + (rows - 1) * cols;
  if (nextScratch.length < edgeCount) nextScratch = new Int32Array(edgeCount).fill(-1);
  const exitCount = linkCrossings(grid, threshold, cells);
  const { outers, holes, xy } = traceRings(grid, threshold, exitCount);
  return assembled(outers, holes, xy, placement);
}

/**
 * For each crossed cell edge where the boundary of { value ≤ threshold } leaves a cell, the
 * edge where it goes on (in nextScratch); returns how many there are (listed in exitScratch).
 */
function linkCrossings(grid: ScalarGrid, threshold: number, cells: Int32Array): number {
  const { cols, rows, values } = grid;
  const horizontalEdges = rows * (cols - 1);
  const next = nextScratch;
  let exits = exitScratch;
  let exitCount = 0;
  const cellCount = cells.length;

  const crossings = new Int32Array(4);
  const isExit = new Uint8Array(4);
  for (let c = 0; c < cellCount; c++) {
    const at = cells[c];
    const i = Math.floor(at / cols);
    const j = at - i * cols;
    // Corners counter-clockwise: bottom-left, bottom-right, top-right, top-left.
    const c0 = values[at];
    const c1 = values[at + 1];
    const c2 = values[at + cols + 1];
    const c3 = values[at + cols];
    const in0 = c0 <= threshold;
    const in1 = c1 <= threshold;
    const in2 = c2 <= threshold;
    const in3 = c3 <= threshold;
    if (in0 === in1 && in1 === in2 && in2 === in3) continue;
    // Cell edges counter-clockwise from corner k to k+1: bottom, right, top, left.
    let count = 0;
    if (in0 !== in1) {
      crossings[count] = i * (cols - 1) + j;
      isExit[count++] = in0 ? 1 : 0;
    }
    if (in1 !== in2) {
      crossings[count] = horizontalEdges + i * cols + j + 1;
      isExit[count++] = in1 ? 1 : 0;
    }
    if (in2 !== in3) {
      crossings[count] = (i + 1) * (cols - 1) + j;
      isExit[count++] = in2 ? 1 : 0;
    }
    if (in3 !== in0) {
      crossings[count] = horizontalEdges + i * cols + j;
      isExit[count++] = in3 ? 1 : 0;
    }
    // Going round the cell, the boundary of the region leaves the perimeter at an exit
    // (inside → outside) and comes back at an entry; with four crossings (a saddle) it joins the
    // next entry when the cell's centre is inside, the previous one otherwise.
    const centreInside = count === 4 && (c0 + c1 + c2 + c3) / 4 <= threshold;
    for (let m = 0; m < count; m++) {
      if (!isExit[m]) continue;
      const entry = count === 2 || centreInside ? (m + 1) % count : (m + count - 1) % count;
      next[crossings[m]] = crossings[entry];
      if (exitCount === exits.length) {
        const grown = new Int32Array(2 * exits.length);
        grown.set(exits);
        exits = exitScratch = grown;
      }
      exits[exitCount++] = crossings[m];
    }
  }
  return exitCount;
}

/** The rings, followed from each exit along the links, in grid units; outers and holes apart. */
function traceRings(
  grid: ScalarGrid,
  threshold: number,
  exitCount: number,
): { outers: Ring[]; holes: Ring[]; xy: Float64Array } {
  const { cols, values } = grid;
  const horizontalEdges = grid.rows * (cols - 1);
  const next = nextScratch;
  const exits = exitScratch;
  // Rings traced into one buffer of points (x, y interleaved), each closed by a copy of its first.
  let xy = pointScratch;
  let used = 0;
  const outers: Ring[] = [];
  const holes: Ring[] = [];
  for (let x = 0; x < exitCount; x++) {
    const start = exits[x];
    if (next[start] < 0) continue;
    const first = used;
    let edge = start;
    do {
      if (used + 4 > xy.length) {
        const grown = new Float64Array(2 * xy.length);
        grown.set(xy);
        xy = pointScratch = grown;
      }
      if (edge < horizontalEdges) {
        const i = Math.floor(edge / (cols - 1));
        const j = edge - i * (cols - 1);
        xy[used++] = j + crossingShare(values[i * cols + j], values[i * cols + j + 1], threshold);
        xy[used++] = i;
      } else {
        const k = edge - horizontalEdges;
        const i = Math.floor(k / cols);
        xy[used++] = k - i * cols;
        xy[used++] = i + crossingShare(values[k], values[k + cols], threshold);
      }
      const following = next[edge];
      next[edge] = -1;
      edge = following;
    } while (edge !== start && edge >= 0);
    xy[used++] = xy[first];
    xy[used++] = xy[first + 1];
    const ring = new Ring(xy, first, used);
    (ring.area > 0 ? outers : holes).push(ring);
  }
  // Every link is -1 again for the next call, even after a chain that did not close.
  for (let x = 0; x < exitCount; x++) next[exits[x]] = -1;
  return { outers, holes, xy };
}

/** Holes given to the smallest outer ring holding them, and the rings placed. */
function assembled(
  outers: Ring[],
  holes: Ring[],
  xy: Float64Array,
  placement: GridPlacement | undefined,
): GridPolygons {
  const polygons = outers.map((outer) => ({ outer, holes: [] as Ring[] }));
  for (const hole of holes) {
    const x = xy[hole.start];
    const y = xy[hole.start + 1];
    let owner = -1;
    for (let p = 0; p < outers.length; p++) {
      const candidate = outers[p];
      if (!candidate.boxContains(x, y) || !candidate.contains(xy, x, y)) continue;
      if (owner < 0 || candidate.area < outers[owner].area) owner = p;
    }
    // A hole always lies in some outer ring when the grid border is outside the region; one that
    // does not (a malformed grid) is dropped rather than output as an invalid polygon.
    if (owner >= 0) polygons[owner].holes.push(hole);
  }
  const { x0, dx, y0, dy } = placement ?? { x0: 0, dx: 1, y0: 0, dy: 1 };
  const output = (ring: Ring): [number, number][] => {
    const points: [number, number][] = new Array(ring.length);
    for (let k = 0, at = ring.start; k < ring.length; k++, at += 2) {
      points[k] = placement ? [x0 + xy[at] * dx, y0 + xy[at + 1] * dy] : [xy[at], xy[at + 1]];
    }
    return points;
  };
  return polygons.map(({ outer, holes }) => [output(outer), ...holes.map(output)]);
}

/** Where the threshold crosses the edge from a to b, as a share of the edge from a. */
function crossingShare(a: number, b: number, threshold: number): number {
  const share = (threshold - a) / (b - a);
  return Math.min(1 - EDGE_MARGIN, Math.max(EDGE_MARGIN, share));
}

/**
 * A closed ring, points start/2 .. end/2 - 1 of a buffer (x, y interleaved), with its signed
 * area (positive when counter-clockwise) and bounding box.
 */
class Ring {
  readonly area: number;
  readonly length: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly maxX: number;
  private readonly maxY: number;

  constructor(
    xy: Float64Array,
    readonly start: number,
    readonly end: number,
  ) {
    this.length = (end - start) / 2;
    let twiceArea = 0;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let at = start; at < end - 2; at += 2) {
      const x0 = xy[at];
      const y0 = xy[at + 1];
      const x1 = xy[at + 2];
      const y1 = xy[at + 3];
      twiceArea += x0 * y1 - x1 * y0;
      if (x0 < minX) minX = x0;
      if (x0 > maxX) maxX = x0;
      if (y0 < minY) minY = y0;
      if (y0 > maxY) maxY = y0;
    }
    this.area = twiceArea / 2;
    this.minX = minX;
    this.minY = minY;
    this.maxX = maxX;
    this.maxY = maxY;
  }

  boxContains(x: number, y: number): boolean {
    return x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY;
  }

  /** Even-odd ray casting; the rings never touch, so boundary cases do not arise. */
  contains(xy: Float64Array, x: number, y: number): boolean {
    let inside = false;
    const last = this.end - 2; // the closing copy of the first point
    for (let k = this.start, l = last - 2; k < last; l = k, k += 2) {
      const xk = xy[k];
      const yk = xy[k + 1];
      const xl = xy[l];
      const yl = xy[l + 1];
      if (yk > y !== yl > y && x < ((xl - xk) * (y - yk)) / (yl - yk) + xk) inside = !inside;
    }
    return inside;
  }
}
