import Flatbush from 'flatbush';

/**
 * Which of many fixed points lie inside an isochrone band: the points once in a static index
 * (Flatbush, built once per set), each band's edges in horizontal strips, so that a point is
 * tested against the few edges crossing its strip rather than the whole band (a band has
 * thousands of vertices; a département holds a hundred thousand grid centroids).
 *
 * The rule is the even-odd crossing rule over every ring of the MultiPolygon: for a valid
 * MultiPolygon (holes inside their shell, polygons apart) it is "inside the polygon". A point
 * exactly on a band's line may fall on either side.
 */
export class PointSet {
  private readonly index: Flatbush | null;

  /** `xs[i]`, `ys[i]`: point i (WGS84 lon/lat degrees, or any plane's coordinates). */
  constructor(
    readonly xs: Float64Array,
    readonly ys: Float64Array,
  ) {
    if (xs.length !== ys.length) throw new RangeError('xs and ys differ in length');
    if (xs.length === 0) {
      this.index = null;
      return;
    }
    // Boxes in single precision (half the memory); the search box is widened to make up for the
    // rounding and every point found is then tested in double precision.
    const index = new Flatbush(xs.length, 16, Float32Array);
    for (let i = 0; i < xs.length; i++) index.add(xs[i], ys[i], xs[i], ys[i]);
    index.finish();
    this.index = index;
  }

  get size(): number {
    return this.xs.length;
  }

  /**
   * The indices of the points inside the band, in the index's order (the same for the same
   * points and band; callers sum over them, so no sort is paid for).
   */
  inside(band: BandStrips): number[] {
    if (!this.index || band.edgeCount === 0) return [];
    const [minX, minY, maxX, maxY] = band.bbox;
    const pad = (v: number) => Math.abs(v) * 2 ** -20 + 2 ** -40;
    const found = this.index.search(
      minX - pad(minX),
      minY - pad(minY),
      maxX + pad(maxX),
      maxY + pad(maxY),
    );
    const inside: number[] = [];
    for (const i of found) if (band.contains(this.xs[i], this.ys[i])) inside.push(i);
    return inside;
  }
}

/** Mean edges per strip aimed at: fewer strips cost less to build, more cost less per point. */
const EDGES_PER_STRIP = 4;
const MAX_STRIPS = 8192;

/** A MultiPolygon's edges bucketed by horizontal strips, for many point-in-polygon tests. */
export class BandStrips {
  /** [minX, minY, maxX, maxY] of the band's vertices. */
  readonly bbox: [number, number, number, number];
  readonly edgeCount: number;
  private readonly strips: number;
  private readonly height: number;
  /** Edge k: x1, y1, x2, y2 at 4k… (horizontal edges left out: they never cross a ray). */
  private readonly edges: Float64Array;
  /** Strip s holds the edges `order[start[s]]` to `order[start[s + 1] - 1]`. */
  private readonly start: Uint32Array;
  private readonly order: Uint32Array;

  /** `coordinates`: a GeoJSON MultiPolygon's. */
  constructor(coordinates: number[][][][]) {
    let count = 0;
    for (const polygon of coordinates) for (const ring of polygon) count += ring.length;
    const edges = new Float64Array(count * 4);
    let n = 0;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const polygon of coordinates) {
      for (const ring of polygon) {
        for (let i = 0; i < ring.length; i++) {
          const [x1, y1] = ring[i];
          // A ring may or may not repeat its first vertex: close it either way.
          const [x2, y2] = ring[(i + 1) % ring.length];
          if (x1 < minX) minX = x1;
          if (x1 > maxX) maxX = x1;
          if (y1 < minY) minY = y1;
          if (y1 > maxY) maxY = y1;
          if (y1 === y2) continue;
          edges[n * 4] = x1;
          edges[n * 4 + 1] = y1;
          edges[n * 4 + 2] = x2;
          edges[n * 4 + 3] = y2;
          n++;
        }
      }
    }
    this.bbox = [minX, minY, maxX, maxY];
    this.edgeCount = n;
    this.edges = edges.subarray(0, n * 4);
    this.strips = Math.max(1, Math.min(MAX_STRIPS, Math.ceil(n / EDGES_PER_STRIP)));
    this.height = n > 0 && maxY > minY ? (maxY - minY) / this.strips : 1;
    const start = new Uint32Array(this.strips + 1);
    for (let k = 0; k < n; k++) {
      const [from, to] = this.stripRange(k);
      for (let s = from; s <= to; s++) start[s + 1]++;
    }
    for (let s = 0; s < this.strips; s++) start[s + 1] += start[s];
    const order = new Uint32Array(start[this.strips]);
    const next = start.slice(0, this.strips);
    for (let k = 0; k < n; k++) {
      const [from, to] = this.stripRange(k);
      for (let s = from; s <= to; s++) order[next[s]++] = k;
    }
    this.start = start;
    this.order = order;
  }

  /** The strip of an ordinate (the same rounding for edges and points: monotone in y). */
  private stripOf(y: number): number {
    const s = Math.floor((y - this.bbox[1]) / this.height);
    return s < 0 ? 0 : s >= this.strips ? this.strips - 1 : s;
  }

  private stripRange(k: number): [number, number] {
    const y1 = this.edges[k * 4 + 1];
    const y2 = this.edges[k * 4 + 3];
    return [this.stripOf(Math.min(y1, y2)), this.stripOf(Math.max(y1, y2))];
  }

  contains(x: number, y: number): boolean {
    const [minX, minY, maxX, maxY] = this.bbox;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return false;
    const s = this.stripOf(y);
    const { edges, order } = this;
    let inside = false;
    for (let j = this.start[s], end = this.start[s + 1]; j < end; j++) {
      const e = order[j] * 4;
      const y1 = edges[e + 1];
      const y2 = edges[e + 3];
      if (y1 > y !== y2 > y) {
        const x1 = edges[e];
        if (x < x1 + ((y - y1) * (edges[e + 2] - x1)) / (y2 - y1)) inside = !inside;
      }
    }
    return inside;
  }
}
