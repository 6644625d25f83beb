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

/**
 * The polygons of { value ≤ threshold } in grid units, outer rings counter-clockwise and holes
 * clockwise (GeoJSON's right-hand rule once y points north).
 */
export function regionAtOrBelow(grid: ScalarGrid, threshold: number): GridPolygons {
  const { cols, rows, values } = grid;
  const horizontalEdges = rows * (cols - 1);
  const next = new Int32Array(horizontalEdges + (rows - 1) * cols).fill(-1);
  const exits: number[] = [];

  const crossings = new Int32Array(4);
  const isExit = new Uint8Array(4);
  for (let i = 0; i < rows - 1; i++) {
    for (let j = 0; j < cols - 1; j++) {
      const at = i * cols + j;
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
      const edgeIds = [
        i * (cols - 1) + j,
        horizontalEdges + i * cols + j + 1,
        (i + 1) * (cols - 1) + j,
        horizontalEdges + i * cols + j,
      ];
      const inside = [in0, in1, in2, in3];
      let count = 0;
      for (let k = 0; k < 4; k++) {
        if (inside[k] !== inside[(k + 1) & 3]) {
          crossings[count] = edgeIds[k];
          isExit[count] = inside[k] ? 1 : 0;
          count++;
        }
      }
      // Going round the cell, the boundary of the region leaves the perimeter at an exit
      // (inside → outside) and comes back at an entry; with four crossings (a saddle) it joins the
      // next entry when the cell's centre is inside, the previous one otherwise.
      const centreInside = count === 4 && (c0 + c1 + c2 + c3) / 4 <= threshold;
      for (let m = 0; m < count; m++) {
        if (!isExit[m]) continue;
        const entry = count === 2 || centreInside ? (m + 1) % count : (m + count - 1) % count;
        next[crossings[m]] = crossings[entry];
        exits.push(crossings[m]);
      }
    }
  }

  const point = (edge: number): [number, number] => {
    if (edge < horizontalEdges) {
      const i = Math.floor(edge / (cols - 1));
      const j = edge - i * (cols - 1);
      return [j + crossingShare(values[i * cols + j], values[i * cols + j + 1], threshold), i];
    }
    const k = edge - horizontalEdges;
    const i = Math.floor(k / cols);
    const j = k - i * cols;
    return [j, i + crossingShare(values[k], values[k + cols], threshold)];
  };

  const outers: Ring[] = [];
  const holes: Ring[] = [];
  for (const start of exits) {
    if (next[start] < 0) continue;
    const coordinates: [number, number][] = [];
    let edge = start;
    do {
      coordinates.push(point(edge));
      const following = next[edge];
      next[edge] = -1;
      edge = following;
    } while (edge !== start && edge >= 0);
    coordinates.push([coordinates[0][0], coordinates[0][1]]);
    const ring = new Ring(coordinates);
    (ring.area > 0 ? outers : holes).push(ring);
  }

  const polygons = outers.map((outer) => ({ outer, holes: [] as Ring[] }));
  for (const hole of holes) {
    const [x, y] = hole.coordinates[0];
    let owner = -1;
    for (let p = 0; p < outers.length; p++) {
      const candidate = outers[p];
      if (!candidate.boxContains(x, y) || !candidate.contains(x, y)) continue;
      if (owner < 0 || candidate.area < outers[owner].area) owner = p;
    }
    // A hole always lies in some outer ring when the grid border is outside the region; one that
    // does not (a malformed grid) is dropped rather than output as an invalid polygon.
    if (owner >= 0) polygons[owner].holes.push(hole);
  }
  return polygons.map(({ outer, holes }) => [
    outer.coordinates,
    ...holes.map((h) => h.coordinates),
  ]);
}

/** Where the threshold crosses the edge from a to b, as a share of the edge from a. */
function crossingShare(a: number, b: number, threshold: number): number {
  const share = (threshold - a) / (b - a);
  return Math.min(1 - EDGE_MARGIN, Math.max(EDGE_MARGIN, share));
}

/** A closed ring with its signed area (positive when counter-clockwise) and bounding box. */
class Ring {
  readonly area: number;
  private readonly minX: number;
  private readonly minY: number;
  private readonly maxX: number;
  private readonly maxY: number;

  constructor(readonly coordinates: [number, number][]) {
    let twiceArea = 0;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let k = 0; k < coordinates.length - 1; k++) {
      const [x0, y0] = coordinates[k];
      const [x1, y1] = coordinates[k + 1];
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
  contains(x: number, y: number): boolean {
    const c = this.coordinates;
    let inside = false;
    for (let k = 0, l = c.length - 2; k < c.length - 1; l = k++) {
      const [xk, yk] = c[k];
      const [xl, yl] = c[l];
      if (yk > y !== yl > y && x < ((xl - xk) * (y - yk)) / (yl - yk) + xk) inside = !inside;
    }
    return inside;
  }
}
