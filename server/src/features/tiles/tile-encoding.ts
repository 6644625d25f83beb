import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { CachedTile } from './tile-cache';

const gzip = promisify(zlib.gzip);
const gunzip = promisify(zlib.gunzip);

/**
 * gzip level of a tile kept in the tile store: zlib's default. Stored tiles are the large
 * low-zoom ones, compressed once per data version and mostly by the render-ahead, in the
 * background, then read at every request: a smaller row is worth the time. Higher levels barely
 * shrink a vector tile more and take longer (docs/tiles.md).
 */
export const STORED_GZIP_LEVEL = 6;

/**
 * gzip level of a tile kept only in memory: compressed on a visitor's request (the first for
 * that tile), where the fastest level costs about half the time for slightly larger bytes.
 */
export const MEMORY_GZIP_LEVEL = 1;

/**
 * The tile with its bytes gzip-compressed (in zlib's thread pool, off the event loop); a tile
 * already compressed is returned as it is, and so is an empty tile (served as a 204) or one that
 * gzip would not make smaller (a few features: its header outweighs the saving).
 */
export async function gzipTile(tile: CachedTile, level: number): Promise<CachedTile> {
  if (tile.gzipped || tile.bytes.length === 0) return tile;
  const bytes = await gzip(tile.bytes, { level });
  if (bytes.byteLength >= tile.bytes.byteLength) return tile;
  return {
    ...tile,
    bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    gzipped: true,
  };
}

/** The tile's Mapbox Vector Tile bytes, uncompressed. */
export async function mvtBytes(tile: CachedTile): Promise<Uint8Array> {
  if (!tile.gzipped) return tile.bytes;
  const bytes = await gunzip(tile.bytes);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * The ETag of a tile's gzip representation: the tile's own (that of its MVT bytes) with a
 * suffix, so that a cache never takes one representation's 304 for the other's.
 */
export function gzipEtag(etag: string): string {
  return `${etag.slice(0, -1)}-gzip"`;
}
