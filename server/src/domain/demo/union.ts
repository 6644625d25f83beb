/**
 * The union of a set of cells as a GeoJSON MultiPolygon, by cancelling shared borders: a
 * border with both sides in the set is interior; the others are chained into rings. Exact
 * (no clipping), linear in the number of border points, and the result reuses the very
 * coordinates of the cells, so EPCI and département outlines match their communes' borders.
 *
 * Rings follow RFC 7946: cells are counter-clockwise, so outer rings come out counter-clockwise
 * and holes clockwise. With Voronoi vertices of degree 3 a ring never touches itself.
 */
import type { MultiPolygon } from 'geojson';
import type { BorderNetwork } from './borders';
import type { Position } from './types';

/** Union of the cells of `sites` (each must have a ring in `network`). */
export function unionOfCells(network: BorderNetwork, sites: Iterable<number>): MultiPolygon {
  const members = new Set(sites);
  // Boundary steps keyed by their start vertex: at most one per vertex (degree 3).
  const next = new Map<number, { border: number; forward: boolean; end: number }>();
  for (const site of members) {
    const ring = network.rings.get(site);
    if (!ring) throw new RangeError(`unionOfCells: site ${site} has no ring`);
    for (const step of ring) {
      const b = network.borders[step.border];
      const other = step.forward ? b.right : b.left;
      if (members.has(other)) continue;
      const start = step.forward ? b.from : b.to;
      next.set(start, { ...step, end: step.forward ? b.to : b.from });
    }
  }

  const outers: Position[][] = [];
  const holes: Position[][] = [];
  const used = new Set<number>();
  for (const first of next.keys()) {
    if (used.has(first)) continue;
    const ring: Position[] = [];
    let vertex = first;
    do {
      used.add(vertex);
      const step = next.get(vertex);
      if (!step) throw new Error(`unionOfCells: the boundary is not closed at vertex ${vertex}`);
      const points = network.borders[step.border].points;
      const n = points.length;
      for (let i = 0; i < n - 1; i++) push(ring, step.forward ? points[i] : points[n - 1 - i]);
      vertex = step.end;
    } while (vertex !== first);
    if (ring.length > 1 && samePosition(ring[ring.length - 1], ring[0])) ring.pop();
    if (ring.length < 3) continue; // a degenerate sliver left by rounding: nothing to draw
    ring.push(ring[0]);
    (signedArea(ring) > 0 ? outers : holes).push(ring);
  }

  const polygons: Position[][][] = outers.map((outer) => [outer]);
  for (const hole of holes) {
    const owner = polygons.find((polygon) => pointInRing(hole[0], polygon[0]));
    if (!owner) throw new Error('unionOfCells: a hole outside every outer ring');
    owner.push(hole);
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}

/** The polygon of one cell: its ring as drawn, without the chaining of `unionOfCells`. */
export function cellPolygon(network: BorderNetwork, site: number): MultiPolygon {
  const steps = network.rings.get(site);
  if (!steps) throw new RangeError(`cellPolygon: site ${site} has no ring`);
  const ring: Position[] = [];
  for (const step of steps) {
    const points = network.borders[step.border].points;
    const n = points.length;
    for (let i = 0; i < n - 1; i++) push(ring, step.forward ? points[i] : points[n - 1 - i]);
  }
  if (ring.length > 1 && samePosition(ring[ring.length - 1], ring[0])) ring.pop();
  ring.push(ring[0]);
  return { type: 'MultiPolygon', coordinates: [[ring]] };
}

function push(ring: Position[], p: Position): void {
  if (ring.length === 0 || !samePosition(ring[ring.length - 1], p)) ring.push(p);
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Shoelace area in square degrees: positive when counter-clockwise. */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum / 2;
}

/** Even-odd point in ring (ring closed). */
export function pointInRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  return inside;
}
