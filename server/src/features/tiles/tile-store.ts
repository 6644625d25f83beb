import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { loadQuery } from '../../db/sql';
import type { TileId } from '../../domain/tiles/tile-id';
import type { CachedTile } from './tile-cache';

/**
 * Zooms kept in the store: up to this one. Below it a tile of a national load holds thousands
 * of communes and takes one or two hundred milliseconds to render; above it tiles are small,
 * many and quick, and the memory cache is enough.
 */
export const STORE_MAXZOOM = 7;

/**
 * Layers kept to a higher zoom than STORE_MAXZOOM. `roads` up to 9: below its detail zoom a
 * tile still draws every major road of a ~150-300 km square (about a thousand edges of a
 * national network clipped and simplified: ~100 ms), and a national network has only a few
 * hundred such tiles; from zoom 10 on, tiles hold few edges and render in a few milliseconds.
 * `accessibility` up to 10: its squares (thousands per tile) to the last zoom that draws them.
 */
export const STORE_MAXZOOM_BY_LAYER: Readonly<Record<string, number>> = {
  roads: 9,
  accessibility: 10,
};

/** The highest zoom at which the store keeps `layerId`'s tiles (-1: none). */
export function storeMaxzoom(layerId: string): number {
  if (!STORED_LAYERS.has(layerId)) return -1;
  return STORE_MAXZOOM_BY_LAYER[layerId] ?? STORE_MAXZOOM;
}

/**
 * Layers whose tiles are kept: those drawn only from imported data, so that the data version
 * says when their tiles change. `gapzones` is left out: its zones are recomputed on demand
 * (prepareLayer) from settings the data version does not cover. `accessibility`'s figures are
 * stored per data version, brought up to date before its tiles are rendered (prepareLayer).
 */
export const STORED_LAYERS: ReadonlySet<string> = new Set([
  'communes',
  'epci',
  'ept',
  'departements',
  'gaps',
  'eaje',
  'mam',
  'childminders',
  'roads',
  'accessibility',
]);

/**
 * Stored layers whose figures are brought up to date on demand (the route's prepareLayer): the
 * render-ahead prepares them first, or leaves them out when it has no way to.
 */
export const PREPARED_LAYERS: ReadonlySet<string> = new Set(['accessibility']);

/** Where one tile is kept: layer, address and the request's parameters. */
export interface StoreKey {
  layer: string;
  tile: TileId;
  /** The query parameters as one string (`year/reference/departement`, '' when absent). */
  params: string;
}

/** A box in EPSG:3857 metres. */
export interface Box3857 {
  xmin: number;
  ymin: number;
  xmax: number;
  ymax: number;
}

export interface TileStore {
  /** The store's key for a data version: a digest of it and of the rendering (createTileStore). */
  versionKey(version: string): string;
  get(version: string, key: StoreKey): Promise<CachedTile | null>;
  /** Keeps the tile as it is given: the caller compresses it first (tile-encoding.ts). */
  put(version: string, key: StoreKey, tile: CachedTile): Promise<void>;
  /** `layer/z/x/y` of the tiles kept for this version and these parameters. */
  storedKeys(version: string, params: string): Promise<Set<string>>;
  /** Removes the tiles of every other version; the number removed. */
  purgeOtherVersions(version: string): Promise<number>;
  /** Where the loaded data lie (each département's outline and communes). */
  extents(): Promise<Box3857[]>;
  /**
   * Runs `render` while holding the render-ahead's lock on the database, or does not run it
   * (`taken: false`) when another instance holds it. Embedded mode: one process owns the
   * database, so `render` always runs.
   */
  withRenderLock<T>(
    render: () => Promise<T>,
  ): Promise<{ taken: true; value: T } | { taken: false }>;
}

/**
 * Encoded tiles in PostgreSQL (migrations 024, 030: gzip-compressed but the empty ones), keyed on
 * the data version and the rendering: shared by every API instance on the database and kept
 * across restarts, where the memory cache is per process.
 */
export function createTileStore(
  knex: Knex,
  {
    sharedByProcesses = true,
    rendering = '',
  }: {
    /** Server mode: several API instances may use the database (false: embedded, one owner). */
    sharedByProcesses?: boolean;
    /**
     * What the tiles are drawn with (the layers' queries and fields: TileRepository.rendering),
     * so that a release that draws them otherwise does not serve the tiles an older one stored
     * for the same data.
     */
    rendering?: string;
  } = {},
): TileStore {
  const keyOf = (version: string) => versionKey(version, rendering);
  const keyBindings = (version: string, { layer, tile, params }: StoreKey) => ({
    data_version: keyOf(version),
    layer,
    z: tile.z,
    x: tile.x,
    y: tile.y,
    params,
  });
  return {
    versionKey: keyOf,

    async get(version, key) {
      const { rows } = await knex.raw<{
        rows: {
          bytes: Uint8Array;
          content_encoding: 'gzip' | 'identity';
          etag: string;
          encoded_by: CachedTile['encodedBy'];
        }[];
      }>(loadQuery('tile-store/get'), keyBindings(version, key));
      const row = rows[0];
      if (!row) return null;
      return {
        bytes: new Uint8Array(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength),
        gzipped: row.content_encoding === 'gzip',
        etag: row.etag,
        encodedBy: row.encoded_by,
      };
    },

    async put(version, key, tile) {
      await knex.raw(loadQuery('tile-store/put'), {
        ...keyBindings(version, key),
        bytes: Buffer.from(tile.bytes.buffer, tile.bytes.byteOffset, tile.bytes.byteLength),
        content_encoding: tile.gzipped ? 'gzip' : 'identity',
        etag: tile.etag,
        encoded_by: tile.encodedBy,
      });
    },

    async storedKeys(version, params) {
      const { rows } = await knex.raw<{
        rows: { layer: string; z: number; x: number; y: number }[];
      }>(loadQuery('tile-store/stored_keys'), { data_version: keyOf(version), params });
      return new Set(rows.map((r) => `${r.layer}/${r.z}/${r.x}/${r.y}`));
    },

    async purgeOtherVersions(version) {
      const result = await knex.raw<{ rowCount?: number; affectedRows?: number }>(
        loadQuery('tile-store/purge'),
        { data_version: keyOf(version) },
      );
      return result.rowCount ?? result.affectedRows ?? 0;
    },

    async withRenderLock(render) {
      if (!sharedByProcesses) return { taken: true, value: await render() };
      // The lock is held by a transaction of its own, idle while `render` runs its queries on
      // other connections of the pool; it ends, and the lock with it, when `render` settles.
      return knex.transaction(async (trx) => {
        const { rows } = await trx.raw<{ rows: { taken: boolean }[] }>(
          loadQuery('tile-store/render_lock'),
        );
        if (!rows[0]?.taken) return { taken: false as const };
        return { taken: true as const, value: await render() };
      });
    },

    async extents() {
      const { rows } = await knex.raw<{ rows: Box3857[] }>(loadQuery('tile-store/extents'));
      return rows.map((r) => ({
        xmin: Number(r.xmin),
        ymin: Number(r.ymin),
        xmax: Number(r.xmax),
        ymax: Number(r.ymax),
      }));
    },
  };
}

/**
 * A short digest of the data version (which lists every dataset) and of the rendering: the
 * store's key.
 */
export function versionKey(version: string, rendering = ''): string {
  return crypto
    .createHash('sha256')
    .update(`${version}\n${rendering}`)
    .digest('base64url')
    .slice(0, 32);
}
