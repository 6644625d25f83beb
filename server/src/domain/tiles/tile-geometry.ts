import type { TileId } from './tile-id';
import { tileBounds3857, tileSpan_m } from './web-mercator';

/** Tile coordinate space of the vector tiles we serve (as `ST_AsMVT`'s default). */
export const MVT_EXTENT = 4096;
/** Tile coordinate units kept around each tile so that strokes and labels join up. */
export const MVT_BUFFER = 64;

/** A GeoJSON geometry whose coordinates are EPSG:3857 metres (as `ST_AsGeoJSON` of a 3857 geometry). */
export type Geometry3857 =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'MultiPoint'; coordinates: number[][] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | { type: 'GeometryCollection'; geometries: Geometry3857[] };

export type TileGeometryKind = 'point' | 'line' | 'polygon';

type Xy = [number, number];

/**
 * A geometry in tile coordinates (integers, origin at the tile's north-west corner, y down,
 * 0..extent inside the tile), in the shape vector-tile encoders take: MVT type 1 with a list
 * of points, 2 with a list of lines, 3 with a list of rings (each polygon's exterior ring,
 * of positive area in tile coordinates, followed by its holes, of negative area).
 */
export type TileGeometry = { type: 1; geometry: Xy[] } | { type: 2 | 3; geometry: Xy[][] };

export interface TileGrid {
  extent?: number;
  /** Points farther than this outside the tile (tile units) are dropped. */
  buffer?: number;
}

/**
 * Project a geometry already clipped to the buffered tile (EPSG:3857 metres) into the tile's
 * coordinates, the way `ST_AsMVTGeom` does for the server mode: scale to `extent`, flip y,
 * round to integers, drop repeated vertices and parts that collapse (lines of one point,
 * rings of no area), and orient rings as the MVT specification requires.
 * Parts of another dimension than `kind` (e.g. a line left by clipping a polygon) are ignored.
 * Returns null when nothing is left.
 */
export function toTileGeometry(
  geometry: Geometry3857,
  kind: TileGeometryKind,
  tile: TileId,
  { extent = MVT_EXTENT, buffer = MVT_BUFFER }: TileGrid = {},
): TileGeometry | null {
  const { west_m, north_m } = tileBounds3857(tile);
  const scale = extent / tileSpan_m(tile.z);
  const project = (p: number[]): Xy => [
    Math.round((p[0] - west_m) * scale),
    Math.round((north_m - p[1]) * scale),
  ];
  const parts = collect(geometry);

  if (kind === 'point') {
    const points = parts.points
      .map(project)
      .filter(
        ([x, y]) => x >= -buffer && x <= extent + buffer && y >= -buffer && y <= extent + buffer,
      );
    return points.length > 0 ? { type: 1, geometry: points } : null;
  }
  if (kind === 'line') {
    const lines = parts.lines.map((l) => dropRepeats(l.map(project))).filter((l) => l.length >= 2);
    return lines.length > 0 ? { type: 2, geometry: lines } : null;
  }
  const rings: Xy[][] = [];
  for (const polygon of parts.polygons) {
    const [exterior, ...holes] = polygon.map((ring) => closedRing(ring.map(project)));
    if (!exterior) continue; // the exterior collapsed: its holes go with it
    rings.push(oriented(exterior, 1));
    for (const hole of holes) if (hole) rings.push(oriented(hole, -1));
  }
  return rings.length > 0 ? { type: 3, geometry: rings } : null;
}

/**
 * Twice the signed area of a closed ring by the surveyor's formula. In tile coordinates
 * (y down) a positive area is a clockwise ring on screen: an exterior ring in MVT terms.
 */
export function ringArea2(ring: readonly Xy[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum;
}

function oriented(ring: Xy[], sign: 1 | -1): Xy[] {
  return Math.sign(ringArea2(ring)) === sign ? ring : ring.reverse();
}

/** The ring without repeated vertices, closed; null when it encloses no area any more. */
function closedRing(ring: Xy[]): Xy[] | null {
  const out = dropRepeats(ring);
  if (out.length > 1 && same(out[0], out[out.length - 1])) out.pop();
  if (out.length < 3) return null;
  out.push([out[0][0], out[0][1]]);
  return ringArea2(out) === 0 ? null : out;
}

function dropRepeats(points: Xy[]): Xy[] {
  return points.filter((p, i) => i === 0 || !same(p, points[i - 1]));
}

function same(a: Xy, b: Xy): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

interface Parts {
  points: number[][];
  lines: number[][][];
  polygons: number[][][][];
}

function collect(g: Geometry3857, into: Parts = { points: [], lines: [], polygons: [] }): Parts {
  switch (g.type) {
    case 'Point':
      into.points.push(g.coordinates);
      break;
    case 'MultiPoint':
      into.points.push(...g.coordinates);
      break;
    case 'LineString':
      into.lines.push(g.coordinates);
      break;
    case 'MultiLineString':
      into.lines.push(...g.coordinates);
      break;
    case 'Polygon':
      into.polygons.push(g.coordinates);
      break;
    case 'MultiPolygon':
      into.polygons.push(...g.coordinates);
      break;
    case 'GeometryCollection':
      for (const member of g.geometries) collect(member, into);
      break;
  }
  return into;
}
