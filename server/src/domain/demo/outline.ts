/**
 * The irregular outline of a fictional département, and the choice of the Voronoi cells that
 * become its communes.
 *
 * The outline is a star-shaped "blob": radius R(θ) = R0 · (1 + Σ a_k cos(kθ + φ_k)) for a few
 * low harmonics, which gives lobes and bays like a real département. Cells are taken best-first
 * from the centre by r / R(θ) (plus a little noise so the border is ragged), which keeps the set
 * connected by construction; enclosed holes are then filled and the same number of border cells
 * given back, so the count is exact and the département is one polygon without holes.
 */
import { PriorityQueue } from './priority-queue';
import type { Random } from './random';
import { FRAME, type JitteredVoronoi } from './voronoi';

export class DepartementShape {
  /** Largest R(θ)/R0 and area of the shape for R0 = 1, sampled every degree. */
  readonly maxFactor: number;
  readonly unitAreaKm2: number;

  private constructor(private readonly harmonics: { k: number; amp: number; phase: number }[]) {
    let max = 0;
    let area = 0;
    const steps = 360;
    for (let i = 0; i < steps; i++) {
      const f = this.factor((2 * Math.PI * i) / steps);
      max = Math.max(max, f);
      area += (f * f * Math.PI) / steps; // ½ ∫ R² dθ
    }
    this.maxFactor = max;
    this.unitAreaKm2 = area;
  }

  /** A random lobed shape: harmonics 2-5 with amplitudes that fall with the order. */
  static random(random: Random): DepartementShape {
    const harmonics = [2, 3, 4, 5].map((k) => ({
      k,
      amp: random.range(0.04, 0.13) / Math.sqrt(k - 1),
      phase: random.range(0, 2 * Math.PI),
    }));
    return new DepartementShape(harmonics);
  }

  /** R(θ)/R0. Always above 0.5: the amplitudes sum to less than 0.5. */
  factor(theta: number): number {
    let f = 1;
    for (const h of this.harmonics) f += h.amp * Math.cos(h.k * theta + h.phase);
    return f;
  }
}

/**
 * Exactly `count` sites of `voronoi` forming one connected, hole-free set around (0, 0) km,
 * shaped by `shape` scaled to `radiusKm`. Returned in the order they were taken (centre first).
 */
export function selectDepartementSites(
  voronoi: JitteredVoronoi,
  shape: DepartementShape,
  radiusKm: number,
  count: number,
  random: Random,
): number[] {
  const n = voronoi.siteCount;
  const noise = new Float64Array(n);
  for (let i = 0; i < n; i++) noise[i] = random.range(0, 0.06);
  const priority = (site: number) => {
    const x = voronoi.siteX[site];
    const y = voronoi.siteY[site];
    return Math.hypot(x, y) / (radiusKm * shape.factor(Math.atan2(y, x))) + noise[site];
  };
  const neighbours = (site: number) => voronoi.cell(site).neighbours.filter((q) => q !== FRAME);

  const selected = new Uint8Array(n);
  const queued = new Uint8Array(n);
  const order: number[] = [];
  const queue = new PriorityQueue();
  const start = voronoi.nearestSite(0, 0);
  queue.push(start, 0);
  queued[start] = 1;
  while (order.length < count) {
    if (queue.size === 0) throw new RangeError('selectDepartementSites: ran out of cells');
    const { item } = queue.pop();
    if (voronoi.touchesFrame(item)) {
      throw new RangeError('selectDepartementSites: the site grid is too small for the outline');
    }
    selected[item] = 1;
    order.push(item);
    for (const q of neighbours(item)) {
      if (!queued[q]) {
        queued[q] = 1;
        queue.push(q, priority(q));
      }
    }
  }

  // Fill the holes: the unselected cells inside the clockwise boundary rings of the selection
  // (flooding from a hole's edges stays inside the hole, since the selection surrounds it).
  for (const hole of boundaryRings(voronoi, order, selected).filter((r) => r.area < 0)) {
    const stack = hole.across.filter((q) => !selected[q]);
    while (stack.length > 0) {
      const s = stack.pop()!;
      if (selected[s]) continue;
      selected[s] = 1;
      order.push(s);
      for (const q of neighbours(s)) if (!selected[q]) stack.push(q);
    }
  }
  // Give back as many border cells, farthest (by priority) first, keeping the set connected.
  while (order.length > count) {
    const border = order
      .filter((s) => neighbours(s).some((q) => !selected[q]))
      .sort((a, b) => priority(b) - priority(a));
    const removable = border.find(
      (s) => s !== start && staysConnected(order, s, neighbours, selected),
    );
    if (removable === undefined)
      throw new RangeError('selectDepartementSites: cannot trim the outline');
    selected[removable] = 0;
    order.splice(order.indexOf(removable), 1);
  }
  return order;
}

/**
 * The boundary rings of a set of cells, as signed areas (km², counter-clockwise positive: the
 * outline; clockwise: a hole) with the sites across their edges.
 */
function boundaryRings(
  voronoi: JitteredVoronoi,
  members: readonly number[],
  selected: Uint8Array,
): { area: number; across: number[] }[] {
  const next = new Map<number, { to: number; across: number }>();
  for (const s of members) {
    const { vertices, neighbours } = voronoi.cell(s);
    for (let k = 0; k < vertices.length; k++) {
      const q = neighbours[k];
      if (q === FRAME || !selected[q]) {
        next.set(vertices[k], { to: vertices[(k + 1) % vertices.length], across: q });
      }
    }
  }
  const rings: { area: number; across: number[] }[] = [];
  const done = new Set<number>();
  for (const first of next.keys()) {
    if (done.has(first)) continue;
    let area = 0;
    const across: number[] = [];
    let v = first;
    do {
      done.add(v);
      const step = next.get(v)!;
      area +=
        (voronoi.vertexX[v] * voronoi.vertexY[step.to] -
          voronoi.vertexX[step.to] * voronoi.vertexY[v]) /
        2;
      if (step.across !== FRAME) across.push(step.across);
      v = step.to;
    } while (v !== first);
    rings.push({ area, across });
  }
  return rings;
}

/** Whether `members` minus `removed` is still connected through `neighbours`. */
function staysConnected(
  members: readonly number[],
  removed: number,
  neighbours: (site: number) => number[],
  selected: Uint8Array,
): boolean {
  const first = members.find((s) => s !== removed);
  if (first === undefined) return true;
  const seen = new Set<number>([first]);
  const stack = [first];
  while (stack.length > 0) {
    const s = stack.pop()!;
    for (const q of neighbours(s)) {
      if (q !== removed && selected[q] && !seen.has(q)) {
        seen.add(q);
        stack.push(q);
      }
    }
  }
  return seen.size === members.length - 1;
}
