import type { TileId } from './tile-id';

/**
 * Half the width of the Web Mercator square in EPSG:3857 metres (π × 6,378,137 m): the
 * square spans -HALF..+HALF on both axes, exactly as PostGIS `ST_TileEnvelope` assumes.
 */
export const MERCATOR_HALF_WIDTH_M = Math.PI * 6378137;

/** Width (= height) of one tile of zoom z, in EPSG:3857 metres. */
export function tileSpan_m(z: number): number {
  return (2 * MERCATOR_HALF_WIDTH_M) / 2 ** z;
}

/** A tile's bounds in EPSG:3857 metres (y grows northwards), as `ST_TileEnvelope(z, x, y)`. */
export interface TileBounds3857 {
  west_m: number;
  south_m: number;
  east_m: number;
  north_m: number;
}

export function tileBounds3857({ z, x, y }: TileId): TileBounds3857 {
  const span = tileSpan_m(z);
  const west = -MERCATOR_HALF_WIDTH_M + x * span;
  const north = MERCATOR_HALF_WIDTH_M - y * span;
  return { west_m: west, south_m: north - span, east_m: west + span, north_m: north };
}

/** WGS84 [longitude, latitude] in degrees to EPSG:3857 [x, y] in metres. */
export function lonLatTo3857([lon, lat]: readonly [number, number]): [number, number] {
  const r = 6378137;
  const phi = (lat * Math.PI) / 180;
  return [(r * lon * Math.PI) / 180, r * Math.log(Math.tan(Math.PI / 4 + phi / 2))];
}

/**
 * The simplification tolerance for tiles of zoom z, in EPSG:3857 metres: one pixel of the
 * tile as drawn on screen (MapLibre draws a vector tile 512 px wide). Vertices closer than
 * that cannot be seen, so low zooms stay light without visible loss.
 */
export function simplifyTolerance_m(z: number, renderedTileSize_px = 512): number {
  return tileSpan_m(z) / renderedTileSize_px;
}

/**
 * The tiles of zoom z whose buffered square (`margin`: a fraction of the tile width, as the tile
 * queries' `ST_TileEnvelope(…, margin => …)`) meets a box in EPSG:3857 metres: the only tiles
 * of z where what lies in the box can be drawn.
 */
export function tilesCovering(
  box: { xmin: number; ymin: number; xmax: number; ymax: number },
  z: number,
  margin = 0,
): TileId[] {
  const span = tileSpan_m(z);
  const last = 2 ** z - 1;
  const column = (m: number) => (m + MERCATOR_HALF_WIDTH_M) / span;
  const row = (m: number) => (MERCATOR_HALF_WIDTH_M - m) / span;
  const clamp = (n: number) => Math.min(last, Math.max(0, n));
  const x0 = clamp(Math.floor(column(box.xmin) - margin));
  const x1 = clamp(Math.floor(column(box.xmax) + margin));
  const y0 = clamp(Math.floor(row(box.ymax) - margin));
  const y1 = clamp(Math.floor(row(box.ymin) + margin));
  const tiles: TileId[] = [];
  for (let x = x0; x <= x1; x++) {
    for (let y = y0; y <= y1; y++) tiles.push({ z, x, y });
  }
  return tiles;
}
