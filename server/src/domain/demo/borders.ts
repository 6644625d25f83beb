/**
 * The shared borders of a set of Voronoi cells, drawn with gentle meanders so communes do not
 * look like a honeycomb. Each border is drawn once and used by the cells on both sides (one
 * forwards, the other backwards), so the tiling stays exact after rounding.
 *
 * The meander must never make a border cross another one. Its points stay within `amp` of the
 * straight edge and within a cone of half-angle atan(amp / (t0·L)) at each end, so `amp` is the
 * smallest of: 8% of the length L; 20% of the half-distance between the two sites (the
 * chef-lieu keeps a clear disc around it); 30% of the distance to any other edge of the two
 * cells that does not touch it (two meandering edges then stay apart); and what keeps the end
 * cones within 40% of the smallest angle to the other edges meeting at each end vertex.
 */
import type { LocalFrame } from './frame';
import type { Random } from './random';
import type { Position } from './types';
import { FRAME, type JitteredVoronoi } from './voronoi';

export interface Border {
  /** End vertex ids (Voronoi vertices). */
  from: number;
  to: number;
  /** The site whose cell runs along this border from `from` to `to` (counter-clockwise). */
  left: number;
  /** The site on the other side. */
  right: number;
  /** WGS84 positions from `from` to `to`, both ends included, rounded to 6 decimals. */
  points: Position[];
}

/** One step of a cell's ring: a border, walked forwards (from → to) or backwards. */
export interface RingStep {
  border: number;
  forward: boolean;
}

export interface BorderNetwork {
  borders: Border[];
  /** Counter-clockwise ring of each selected site, by site index. */
  rings: Map<number, RingStep[]>;
}

/** Spacing of meander points along a border, km. */
const MEANDER_STEP_KM = 0.6;
const MAX_MEANDER_POINTS = 6;

export function buildBorders(
  voronoi: JitteredVoronoi,
  sites: readonly number[],
  frame: LocalFrame,
  random: Random,
): BorderNetwork {
  const vx = voronoi.vertexX;
  const vy = voronoi.vertexY;
  const borders: Border[] = [];
  const byKey = new Map<string, number>();
  const rings = new Map<number, RingStep[]>();
  const vertexPosition = new Map<number, Position>();
  const positionOf = (v: number) => {
    let p = vertexPosition.get(v);
    if (!p) {
      p = frame.toPosition(vx[v], vy[v]);
      vertexPosition.set(v, p);
    }
    return p;
  };

  for (const p of sites) {
    const cell = voronoi.cell(p);
    const n = cell.vertices.length;
    const ring: RingStep[] = [];
    for (let k = 0; k < n; k++) {
      const u = cell.vertices[k];
      const w = cell.vertices[(k + 1) % n];
      const q = cell.neighbours[k];
      if (q === FRAME) throw new RangeError(`buildBorders: cell ${p} touches the frame`);
      const key = u < w ? `${u},${w}` : `${w},${u}`;
      const known = byKey.get(key);
      if (known !== undefined) {
        const b = borders[known];
        if (b.from !== w || b.left !== q || b.right !== p) {
          throw new Error(
            `buildBorders: inconsistent Voronoi topology between sites ${p} and ${q}`,
          );
        }
        ring.push({ border: known, forward: false });
        continue;
      }
      assertMirrored(voronoi, p, q, u, w);
      const points = meander(voronoi, p, q, u, w, random).map(([x, y]) => frame.toPosition(x, y));
      points[0] = positionOf(u);
      points[points.length - 1] = positionOf(w);
      byKey.set(key, borders.length);
      ring.push({ border: borders.length, forward: true });
      borders.push({ from: u, to: w, left: p, right: q, points });
    }
    rings.set(p, ring);
  }
  return { borders, rings };
}

/** The cell across an edge must have the same edge, reversed (guards against degeneracies). */
function assertMirrored(
  voronoi: JitteredVoronoi,
  p: number,
  q: number,
  u: number,
  w: number,
): void {
  const other = voronoi.cell(q);
  const n = other.vertices.length;
  for (let k = 0; k < n; k++) {
    if (other.vertices[k] === w && other.vertices[(k + 1) % n] === u && other.neighbours[k] === p)
      return;
  }
  throw new Error(`buildBorders: inconsistent Voronoi topology between sites ${p} and ${q}`);
}

/** Points (km) of the border u → w between cells p (left) and q, ends included. */
function meander(
  voronoi: JitteredVoronoi,
  p: number,
  q: number,
  u: number,
  w: number,
  random: Random,
): [number, number][] {
  const vx = voronoi.vertexX;
  const vy = voronoi.vertexY;
  const [ux, uy, wx, wy] = [vx[u], vy[u], vx[w], vy[w]];
  const length = Math.hypot(wx - ux, wy - uy);
  const count = Math.min(MAX_MEANDER_POINTS, Math.floor(length / MEANDER_STEP_KM));
  // Draw the wave even when unused, so every border consumes the same number of draws.
  const frequency = random.range(0.5, 1.5);
  const phase = random.range(0, 2 * Math.PI);
  if (count === 0)
    return [
      [ux, uy],
      [wx, wy],
    ];

  const halfSiteGap =
    Math.hypot(voronoi.siteX[p] - voronoi.siteX[q], voronoi.siteY[p] - voronoi.siteY[q]) / 2;
  let clearance = Infinity;
  let angleU = Math.PI;
  let angleW = Math.PI;
  for (const site of [p, q]) {
    const cell = voronoi.cell(site);
    const m = cell.vertices.length;
    for (let k = 0; k < m; k++) {
      const a = cell.vertices[k];
      const b = cell.vertices[(k + 1) % m];
      const touchesU = a === u || b === u;
      const touchesW = a === w || b === w;
      if (touchesU && touchesW) continue; // the edge itself
      if (touchesU) angleU = Math.min(angleU, angleAt(vx, vy, u, w, a === u ? b : a));
      else if (touchesW) angleW = Math.min(angleW, angleAt(vx, vy, w, u, a === w ? b : a));
      else
        clearance = Math.min(
          clearance,
          segmentDistance(ux, uy, wx, wy, vx[a], vy[a], vx[b], vy[b]),
        );
    }
  }
  const t0 = 1 / (count + 1);
  const amp = Math.min(
    0.08 * length,
    0.2 * halfSiteGap,
    0.3 * clearance,
    t0 * length * Math.tan(0.4 * angleU),
    t0 * length * Math.tan(0.4 * angleW),
  );
  const dx = (wx - ux) / length;
  const dy = (wy - uy) / length;
  const points: [number, number][] = [[ux, uy]];
  for (let i = 1; i <= count; i++) {
    const t = i * t0;
    const wave = 0.7 * Math.sin(2 * Math.PI * frequency * t + phase) + 0.3 * random.range(-1, 1);
    const offset = amp * wave;
    points.push([ux + dx * t * length - dy * offset, uy + dy * t * length + dx * offset]);
  }
  points.push([wx, wy]);
  return points;
}

/** Angle at vertex `o` between the directions to `a` and to `b`, radians in [0, π]. */
function angleAt(vx: number[], vy: number[], o: number, a: number, b: number): number {
  const ax = vx[a] - vx[o];
  const ay = vy[a] - vy[o];
  const bx = vx[b] - vx[o];
  const by = vy[b] - vy[o];
  return Math.abs(Math.atan2(ax * by - ay * bx, ax * bx + ay * by));
}

function pointSegmentDistance(
  px: number,
  py: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Distance between two segments that do not cross (edges of a convex cell never do). */
function segmentDistance(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): number {
  return Math.min(
    pointSegmentDistance(ax, ay, cx, cy, dx, dy),
    pointSegmentDistance(bx, by, cx, cy, dx, dy),
    pointSegmentDistance(cx, cy, ax, ay, bx, by),
    pointSegmentDistance(dx, dy, ax, ay, bx, by),
  );
}
