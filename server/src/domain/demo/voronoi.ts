/**
 * Voronoi cells of jittered, warped grid sites, in a local frame (km), with a shared topology:
 * a Voronoi vertex is identified by the three sites it is equidistant to, so the cells on
 * either side of an edge refer to the very same two vertex ids and coordinates. That is what
 * lets communes tile a département exactly and unions be computed by cancelling shared edges,
 * without any polygon clipping (fast, and free of floating-point slivers).
 *
 * Sites: one per grid cell of side `spacingKm`, jittered inside the central 80% of the cell,
 * then moved by a smooth warp (see `smoothWarp`) so that communes are small in some areas and
 * large in others, as real ones are. A cell is computed by clipping a square by the bisectors
 * of nearby sites, ring of buckets by ring of buckets, until no farther site can cut it
 * (half-plane intersection: exact). Cells at the edge of the sites keep a side of the square
 * (`FRAME`): never use them.
 */
import type { Random } from './random';

/** Neighbour label of an edge on the clipping square rather than between two sites. */
export const FRAME = -1;

export interface VoronoiCell {
  /** Vertex ids, counter-clockwise (x east, y north). */
  vertices: number[];
  /** `neighbours[i]`: the site across the edge `vertices[i]` → `vertices[i + 1]`, or `FRAME`. */
  neighbours: number[];
}

export type Warp = (x: number, y: number) => [number, number];

/** Largest gradient of the warp: local scales stay within 1 ± this, so cells vary ~×4 in area. */
const WARP_GRADIENT = 0.4;

/**
 * A smooth displacement of the plane: three sine waves of 6-12 site spacings, whose gradients
 * add up to at most `WARP_GRADIENT`, so the warp is one-to-one and keeps sites well spread
 * (no point farther than (1 + 0.4)·s√2 from a site).
 */
export function smoothWarp(random: Random, spacingKm: number): Warp {
  const waves = [0, 1, 2].map(() => {
    const wavelength = random.range(6, 12) * spacingKm;
    const angle = random.range(0, Math.PI);
    const k = (2 * Math.PI) / wavelength;
    return {
      kx: k * Math.cos(angle),
      ky: k * Math.sin(angle),
      amp: WARP_GRADIENT / 3 / k,
      dir: random.range(0, 2 * Math.PI),
      phase: random.range(0, 2 * Math.PI),
    };
  });
  return (x, y) => {
    let dx = 0;
    let dy = 0;
    for (const w of waves) {
      const s = w.amp * Math.sin(w.kx * x + w.ky * y + w.phase);
      dx += s * Math.cos(w.dir);
      dy += s * Math.sin(w.dir);
    }
    return [x + dx, y + dy];
  };
}

export class JitteredVoronoi {
  readonly siteX: Float64Array;
  readonly siteY: Float64Array;
  readonly vertexX: number[] = [];
  readonly vertexY: number[] = [];
  /** The three sites (ascending) a vertex is equidistant to; null on the clipping square. */
  readonly vertexSites: ([number, number, number] | null)[] = [];
  private readonly cells: (VoronoiCell | undefined)[];
  private readonly vertexIds = new Map<number, number>();
  /** Sites bucketed on a grid of side `spacingKm` (compressed rows: start offsets, then ids). */
  private readonly bucketX0: number;
  private readonly bucketY0: number;
  private readonly bucketCols: number;
  private readonly bucketRows: number;
  private readonly bucketStart: Int32Array;
  private readonly bucketSites: Int32Array;

  /** A `cols` × `rows` grid of cells of side `spacingKm`, lower-left corner at (originX, originY) km. */
  constructor(
    random: Random,
    cols: number,
    rows: number,
    readonly spacingKm: number,
    originX: number,
    originY: number,
    warp: Warp = (x, y) => [x, y],
  ) {
    const n = cols * rows;
    this.siteX = new Float64Array(n);
    this.siteY = new Float64Array(n);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        [this.siteX[i], this.siteY[i]] = warp(
          originX + (c + 0.1 + 0.8 * random.float()) * spacingKm,
          originY + (r + 0.1 + 0.8 * random.float()) * spacingKm,
        );
      }
    }
    this.cells = new Array(n);

    this.bucketX0 = Math.min(...this.siteX);
    this.bucketY0 = Math.min(...this.siteY);
    this.bucketCols = Math.floor((Math.max(...this.siteX) - this.bucketX0) / spacingKm) + 1;
    this.bucketRows = Math.floor((Math.max(...this.siteY) - this.bucketY0) / spacingKm) + 1;
    const bucketOf = new Int32Array(n);
    this.bucketStart = new Int32Array(this.bucketCols * this.bucketRows + 1);
    for (let i = 0; i < n; i++) {
      bucketOf[i] = this.bucketIndex(this.siteX[i], this.siteY[i]);
      this.bucketStart[bucketOf[i] + 1] += 1;
    }
    for (let b = 0; b < this.bucketCols * this.bucketRows; b++)
      this.bucketStart[b + 1] += this.bucketStart[b];
    const fill = this.bucketStart.slice(0, -1);
    this.bucketSites = new Int32Array(n);
    for (let i = 0; i < n; i++) this.bucketSites[fill[bucketOf[i]]++] = i;
  }

  get siteCount(): number {
    return this.siteX.length;
  }

  private bucketIndex(x: number, y: number): number {
    const c = Math.min(
      this.bucketCols - 1,
      Math.max(0, Math.floor((x - this.bucketX0) / this.spacingKm)),
    );
    const r = Math.min(
      this.bucketRows - 1,
      Math.max(0, Math.floor((y - this.bucketY0) / this.spacingKm)),
    );
    return r * this.bucketCols + c;
  }

  /** Calls `visit` for every site in the buckets at Chebyshev distance `ring` from (x, y)'s bucket. */
  private forRing(x: number, y: number, ring: number, visit: (site: number) => void): void {
    const b = this.bucketIndex(x, y);
    const bc = b % this.bucketCols;
    const br = Math.floor(b / this.bucketCols);
    for (let r = br - ring; r <= br + ring; r++) {
      if (r < 0 || r >= this.bucketRows) continue;
      const step = r === br - ring || r === br + ring ? 1 : 2 * ring;
      for (let c = bc - ring; c <= bc + ring; c += Math.max(1, step)) {
        if (c < 0 || c >= this.bucketCols) continue;
        const k = r * this.bucketCols + c;
        for (let j = this.bucketStart[k]; j < this.bucketStart[k + 1]; j++)
          visit(this.bucketSites[j]);
      }
    }
  }

  /** The site nearest to (x, y) km. */
  nearestSite(x: number, y: number): number {
    let best = -1;
    let bestD = Infinity;
    for (let ring = 0; ring <= Math.max(this.bucketCols, this.bucketRows); ring++) {
      // Sites in ring k are at least (k - 1)·s away.
      if (best >= 0 && (ring - 1) * this.spacingKm > Math.sqrt(bestD)) break;
      this.forRing(x, y, ring, (i) => {
        const d = (this.siteX[i] - x) ** 2 + (this.siteY[i] - y) ** 2;
        if (d < bestD || (d === bestD && i < best)) [best, bestD] = [i, d];
      });
    }
    return best;
  }

  /** Whether the cell of `site` keeps a side of the clipping square (it is at the edge). */
  touchesFrame(site: number): boolean {
    return this.cell(site).neighbours.includes(FRAME);
  }

  /** The Voronoi cell of `site`, computed on first use. */
  cell(site: number): VoronoiCell {
    let cell = this.cells[site];
    if (!cell) {
      cell = this.computeCell(site);
      this.cells[site] = cell;
    }
    return cell;
  }

  private computeCell(p: number): VoronoiCell {
    const px = this.siteX[p];
    const py = this.siteY[p];
    // No point is farther than (1 + WARP_GRADIENT)·s√2 < 2.1 s from a site: a 3 s square is enough.
    const h = 3 * this.spacingKm;
    let xs = [px - h, px + h, px + h, px - h];
    let ys = [py - h, py - h, py + h, py + h];
    let labels = [FRAME, FRAME, FRAME, FRAME];
    const farthest2 = () => {
      let far2 = 0;
      for (let k = 0; k < xs.length; k++)
        far2 = Math.max(far2, (xs[k] - px) ** 2 + (ys[k] - py) ** 2);
      return far2;
    };

    for (let ring = 0; ; ring++) {
      // A site in ring k+1 is at least k·s away; it can cut the cell only if closer than 2·farthest.
      if (ring >= 2 && (ring - 1) * this.spacingKm >= 2 * Math.sqrt(farthest2())) break;
      if (ring > Math.max(this.bucketCols, this.bucketRows)) break;
      const candidates: { q: number; d2: number }[] = [];
      this.forRing(px, py, ring, (q) => {
        if (q !== p)
          candidates.push({ q, d2: (this.siteX[q] - px) ** 2 + (this.siteY[q] - py) ** 2 });
      });
      candidates.sort((a, b) => a.d2 - b.d2 || a.q - b.q);
      for (const { q, d2 } of candidates) {
        if (d2 / 4 >= farthest2()) break;
        [xs, ys, labels] = clip(xs, ys, labels, px, py, this.siteX[q], this.siteY[q], q);
      }
    }

    const n = xs.length;
    const vertices = new Array<number>(n);
    for (let k = 0; k < n; k++) {
      const before = labels[(k + n - 1) % n];
      const after = labels[k];
      vertices[k] =
        before === FRAME || after === FRAME
          ? this.addVertex(xs[k], ys[k], null)
          : this.sharedVertex(p, before, after);
    }
    return { vertices, neighbours: labels };
  }

  private addVertex(x: number, y: number, sites: [number, number, number] | null): number {
    this.vertexX.push(x);
    this.vertexY.push(y);
    this.vertexSites.push(sites);
    return this.vertexX.length - 1;
  }

  /** The vertex equidistant to three sites: one id and one coordinate whichever cell asks. */
  private sharedVertex(a: number, b: number, c: number): number {
    const [s0, s1, s2] = [a, b, c].sort((u, v) => u - v);
    const n = this.siteCount;
    const key = (s0 * n + s1) * n + s2;
    const known = this.vertexIds.get(key);
    if (known !== undefined) return known;
    // Circumcentre, computed relative to the first site for precision.
    const ax = this.siteX[s0];
    const ay = this.siteY[s0];
    const bx = this.siteX[s1] - ax;
    const by = this.siteY[s1] - ay;
    const cx = this.siteX[s2] - ax;
    const cy = this.siteY[s2] - ay;
    const d = 2 * (bx * cy - by * cx);
    const b2 = bx * bx + by * by;
    const c2 = cx * cx + cy * cy;
    const id = this.addVertex(ax + (cy * b2 - by * c2) / d, ay + (bx * c2 - cx * b2) / d, [
      s0,
      s1,
      s2,
    ]);
    this.vertexIds.set(key, id);
    return id;
  }
}

/**
 * Clips a convex polygon (vertices and outgoing edge labels) to the half-plane of points closer
 * to p than to q; the new edge along the bisector is labelled `q`.
 */
function clip(
  xs: number[],
  ys: number[],
  labels: number[],
  px: number,
  py: number,
  qx: number,
  qy: number,
  q: number,
): [number[], number[], number[]] {
  const dx = qx - px;
  const dy = qy - py;
  const mx = px + dx / 2;
  const my = py + dy / 2;
  const nx: number[] = [];
  const ny: number[] = [];
  const nl: number[] = [];
  const n = xs.length;
  for (let k = 0; k < n; k++) {
    const k2 = (k + 1) % n;
    const s1 = (xs[k] - mx) * dx + (ys[k] - my) * dy;
    const s2 = (xs[k2] - mx) * dx + (ys[k2] - my) * dy;
    if (s1 <= 0) {
      nx.push(xs[k]);
      ny.push(ys[k]);
      nl.push(labels[k]);
    }
    if (s1 <= 0 !== s2 <= 0) {
      const t = s1 / (s1 - s2);
      nx.push(xs[k] + t * (xs[k2] - xs[k]));
      ny.push(ys[k] + t * (ys[k2] - ys[k]));
      // Leaving the half-plane: the new edge runs along the bisector; entering: the old edge goes on.
      nl.push(s1 <= 0 ? q : labels[k]);
    }
  }
  return [nx, ny, nl];
}
