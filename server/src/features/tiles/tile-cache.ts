import { LRUCache } from 'lru-cache';

/** An encoded tile as the route serves it. */
export interface CachedTile {
  /**
   * Mapbox Vector Tile bytes, gzip-compressed when `gzipped`; empty when the tile has no
   * feature (never compressed).
   */
  bytes: Uint8Array;
  /** `bytes` holds a gzip member of the MVT bytes (tile-encoding.ts). */
  gzipped: boolean;
  /** Strong ETag of the uncompressed MVT bytes, quotes included. */
  etag: string;
  encodedBy: 'postgis' | 'node';
}

export interface TileCacheStats {
  hits: number;
  misses: number;
  /** Renders saved because the same tile was already being rendered for another request. */
  shared: number;
  entries: number;
  bytes: number;
}

export interface TileCache {
  /**
   * The tile for `key` rendered from data `version`: from memory when it was rendered from the
   * same version, else from `render` (once, however many requests ask for it meanwhile).
   * A new version empties the cache: tiles of older data are never served.
   */
  fetch(
    key: string,
    version: string,
    render: () => Promise<CachedTile>,
  ): Promise<{ tile: CachedTile; hit: boolean }>;
  stats(): TileCacheStats;
}

/** Per-entry bookkeeping added to a tile's bytes when counting memory. */
const ENTRY_OVERHEAD_BYTES = 200;

/**
 * Encoded tiles kept in memory, least recently used first out, within `maxBytes`; keyed by the
 * tile request (layer, z/x/y, parameters) and valid for one version of the data (see
 * `sql/queries/data_versions.sql`). Tiles change only when data are imported, and the low-zoom
 * tiles of a large territory (thousands of communes each) are both the slowest to render and
 * the ones every visitor asks for first, as a tile server's cache would (Martin, or a cache in
 * front of pg_tileserv).
 */
export function createTileCache(maxBytes: number): TileCache {
  const lru = new LRUCache<string, CachedTile>({
    maxSize: maxBytes,
    sizeCalculation: (tile) => tile.bytes.byteLength + ENTRY_OVERHEAD_BYTES,
  });
  const pending = new Map<string, Promise<CachedTile>>();
  let currentVersion: string | null = null;
  const counts = { hits: 0, misses: 0, shared: 0 };

  return {
    async fetch(key, version, render) {
      if (version !== currentVersion) {
        lru.clear();
        pending.clear();
        currentVersion = version;
      }
      const cached = lru.get(key);
      if (cached) {
        counts.hits++;
        return { tile: cached, hit: true };
      }
      const inFlight = pending.get(key);
      if (inFlight) {
        counts.shared++;
        try {
          return { tile: await inFlight, hit: true };
        } catch {
          // The render shared failed, or stopped because its own request went away: this
          // request renders the tile itself (a real error then shows again, as its own).
          return { tile: await render(), hit: false };
        }
      }
      counts.misses++;
      const rendering = render();
      pending.set(key, rendering);
      try {
        const tile = await rendering;
        // Stored only if the data did not change while it was rendered.
        if (currentVersion === version) lru.set(key, tile);
        return { tile, hit: false };
      } finally {
        if (pending.get(key) === rendering) pending.delete(key);
      }
    },

    stats() {
      return { ...counts, entries: lru.size, bytes: lru.calculatedSize };
    },
  };
}
