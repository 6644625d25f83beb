/**
 * The address of one tile of the Web Mercator (EPSG:3857) XYZ pyramid: zoom z, column x from
 * the west (antimeridian), row y from the north (about 85.05°N). At zoom z there are 2^z
 * columns and 2^z rows.
 */
export interface TileId {
  readonly z: number;
  readonly x: number;
  readonly y: number;
}

/** Deepest zoom served: at z22 one tile is about 10 m wide at the equator. */
export const MAX_TILE_ZOOM = 22;

/** What is wrong with one coordinate of a tile address. */
export interface TileIdProblem {
  field: 'z' | 'x' | 'y';
  message: string;
}

/**
 * Every problem with a tile address (empty when it is valid): z an integer in 0..22, and x, y
 * integers in 0..2^z - 1. x and y are only checked against z when z itself is valid.
 */
export function tileIdProblems(z: number, x: number, y: number): TileIdProblem[] {
  const problems: TileIdProblem[] = [];
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) {
    problems.push({ field: 'z', message: `must be an integer from 0 to ${MAX_TILE_ZOOM}` });
    for (const [field, v] of [
      ['x', x],
      ['y', y],
    ] as const) {
      if (!Number.isInteger(v) || v < 0)
        problems.push({ field, message: 'must be a non-negative integer' });
    }
    return problems;
  }
  const max = 2 ** z - 1;
  for (const [field, v] of [
    ['x', x],
    ['y', y],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > max) {
      problems.push({ field, message: `must be an integer from 0 to ${max} at zoom ${z}` });
    }
  }
  return problems;
}

/** A valid tile address; throws a RangeError naming the problem otherwise. */
export function tileId(z: number, x: number, y: number): TileId {
  const problems = tileIdProblems(z, x, y);
  if (problems.length > 0) {
    throw new RangeError(
      `Invalid tile ${z}/${x}/${y}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    );
  }
  return Object.freeze({ z, x, y });
}

/** Web Mercator stops at this latitude (degrees): the pyramid is a square. */
export const MAX_MERCATOR_LATITUDE = 85.0511287798066;

/**
 * The tile of zoom z containing a WGS84 position ([longitude, latitude] in degrees).
 * A position on a tile edge belongs to the tile east / south of it; latitudes beyond the
 * Mercator limit are clamped.
 */
export function tileContaining([lon, lat]: readonly [number, number], z: number): TileId {
  const n = 2 ** z;
  const clampedLat = Math.max(-MAX_MERCATOR_LATITUDE, Math.min(MAX_MERCATOR_LATITUDE, lat));
  const phi = (clampedLat * Math.PI) / 180;
  const fx = (lon + 180) / 360;
  const fy = (1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2;
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v * n)));
  return tileId(z, clamp(fx), clamp(fy));
}
