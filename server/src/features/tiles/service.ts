import crypto from 'node:crypto';
import type { LayersDocument } from '../../../../contract';
import { detached } from '../../db/cancellable';
import { KeptForVersion } from '../../db/data-versions';
import type { Database } from '../../db/database';
import { PUBLIC_VIEWER, type ReferenceKind, type Viewer } from '../../kernel';
import { seesAnyExact } from '../../domain/accounts';
import { encodeTileLayer, type TileFeature } from '../../domain/tiles/encode-tile';
import { MVT_BUFFER, MVT_EXTENT, toTileGeometry } from '../../domain/tiles/tile-geometry';
import type { TileId } from '../../domain/tiles/tile-id';
import { simplifyTolerance_m, tilesCovering } from '../../domain/tiles/web-mercator';
import { LAYERS, tileUrlTemplate, type LayerDefinition } from './catalogue';
import { concurrencyLimit } from './render-limit';
import { createTileRepository, type TileBindings } from './repository';
import { createTileCache, type CachedTile } from './tile-cache';
import { gzipTile, MEMORY_GZIP_LEVEL, STORED_GZIP_LEVEL } from './tile-encoding';
import {
  createTileStore,
  storeMaxzoom,
  PREPARED_LAYERS,
  type TileStore,
  type StoreKey,
} from './tile-store';

/** Query parameters of a tile request, validated against the layer's catalogue entry. */
export interface LayerParams {
  year?: number;
  reference?: ReferenceKind;
  /** Only what belongs to this département (see the catalogue and each layer's SQL). */
  departement?: string;
}

/** A tile as served, and how it was produced (for timing headers). */
export interface RenderedTile extends CachedTile {
  /**
   * `hit`: from the tile cache; `miss`: rendered and kept; `off`: rendered, not kept (no cache,
   * or a viewer with exact figures).
   */
  cache: 'hit' | 'miss' | 'off';
  /**
   * `hit`: read from the tile store; `miss`: rendered and stored; `off`: not a stored tile (no
   * store, a zoom or layer it does not keep, exact figures) or served by the memory cache.
   */
  store: 'hit' | 'miss' | 'off';
}

export interface TileServiceOptions {
  /** Memory for encoded tiles kept between requests (0: every request renders its tile). */
  cacheBytes?: number;
  /**
   * Keep the low zooms' public tiles in the database (tile-store.ts), and render them ahead,
   * in the background, whenever a new version of the data is seen.
   */
  store?: boolean;
  /** What a background render-ahead could not do (it never fails a request). */
  onBackgroundError?: (error: unknown) => void;
  /**
   * Tiles rendered at once by this process (the others wait their turn; tiles from the memory
   * cache or the store do not): half the database pool, so that a crowd of tiles leaves
   * connections to the other requests.
   */
  rendersAtOnce?: number;
  /** Called, without waiting, when a tile request meets a data version it had not seen. */
  onNewVersion?: () => void;
  /** Brings a layer's figures up to date before its tiles are rendered ahead (as the route does). */
  prepareAhead?: (layerId: string) => Promise<void>;
}

/** What one render-ahead did. */
export interface RenderAheadReport {
  /** Digest of the data version the tiles were rendered for. */
  version: string;
  /** Tiles of other versions removed from the store. */
  purged: number;
  /** Tiles rendered (those already stored are not). */
  rendered: number;
  /** Tiles stored: those with features. */
  stored: number;
  /** The data changed meanwhile: stopped (the next run renders the new version). */
  interrupted: boolean;
  /**
   * Another instance on the database was rendering ahead: this one rendered nothing and serves
   * what that one stores (and renders on demand what is not stored yet).
   */
  skipped: boolean;
}

export interface TileService {
  renderTile(
    layer: LayerDefinition,
    tile: TileId,
    params: LayerParams,
    viewer: Viewer,
  ): Promise<RenderedTile>;
  describeLayers(): Promise<LayersDocument>;
  /**
   * Renders into the store the low-zoom tiles of the default parameters (no year, national
   * reference, every département) that have features and are not stored yet, for the current
   * data version, after removing every other version's tiles. Runs one at a time: a call made
   * during a run waits for it and runs once more. Without a store: nothing.
   */
  renderAhead(): Promise<RenderAheadReport | null>;
}

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

/** Half the database pool's default size (db/database.ts). */
export const DEFAULT_RENDERS_AT_ONCE = 4;

/**
 * Renders tiles with the database's own encoder when it has one (`ST_AsMVT`, server mode),
 * else runs the same layer query for GeoJSON and encodes in Node (embedded mode).
 */
export function createTileService(
  db: Database,
  {
    cacheBytes = 0,
    store: storeOn = false,
    onBackgroundError = () => {},
    onNewVersion = () => {},
    rendersAtOnce = DEFAULT_RENDERS_AT_ONCE,
    prepareAhead,
  }: TileServiceOptions = {},
): TileService {
  const repository = createTileRepository(db.knex, LAYERS);
  const encodedByPostgis = db.capabilities.mvt;
  const cache = cacheBytes > 0 ? createTileCache(cacheBytes) : null;
  const store = storeOn
    ? createTileStore(db.knex, {
        sharedByProcesses: db.mode === 'server',
        rendering: repository.rendering,
      })
    : null;

  const limit = concurrencyLimit(rendersAtOnce);
  const render = (layer: LayerDefinition, tile: TileId, params: LayerParams, viewer: Viewer) =>
    limit(() => renderNow(layer, tile, params, viewer));

  async function renderNow(
    layer: LayerDefinition,
    tile: TileId,
    params: LayerParams,
    viewer: Viewer,
  ): Promise<CachedTile> {
    const bindings: TileBindings = {
      ...layer.constants,
      z: tile.z,
      x: tile.x,
      y: tile.y,
      margin: MVT_BUFFER / MVT_EXTENT,
      tolerance_m: simplifyTolerance_m(tile.z),
      year: params.year ?? null,
      reference: params.reference ?? 'national',
      departement: params.departement ?? null,
      exact: viewer.exactFigures,
      layer_name: layer.id,
      extent: MVT_EXTENT,
      buffer: MVT_BUFFER,
    };
    if (encodedByPostgis) {
      return served(await repository.encodedTile(layer, bindings), 'postgis');
    }
    const features: TileFeature[] = [];
    for (const row of await repository.layerRows(layer, bindings)) {
      const geometry = toTileGeometry(row.geometry, layer.geometryType, tile);
      if (geometry) features.push({ geometry, properties: row.properties });
    }
    return served(encodeTileLayer(layer.id, features), 'node');
  }

  /** The tile from the store when it keeps it, else rendered (and stored when it does). */
  async function storedOrRendered(
    layer: LayerDefinition,
    tile: TileId,
    params: LayerParams,
    version: string,
  ): Promise<CachedTile & { store: RenderedTile['store'] }> {
    if (!store || !stores(layer, tile)) {
      return { ...(await render(layer, tile, params, PUBLIC_VIEWER)), store: 'off' };
    }
    const key: StoreKey = { layer: layer.id, tile, params: paramsKey(params) };
    // Kept and read compressed: served as it is to a client that takes gzip.
    const kept = await store.get(version, key);
    if (kept) return { ...kept, store: 'hit' };
    const rendered = await gzipTile(
      await render(layer, tile, params, PUBLIC_VIEWER),
      STORED_GZIP_LEVEL,
    );
    // A tile that could not be stored is still served.
    await store.put(version, key, rendered).catch(onBackgroundError);
    return { ...rendered, store: 'miss' };
  }

  // The catalogue with the years of the data: the same for every viewer, made once per version.
  const layersDocument = new KeptForVersion<LayersDocument>();

  let emptyAhead = { version: '', ids: new Set<string>() };
  async function renderAheadOnce(): Promise<RenderAheadReport | null> {
    if (!store) return null;
    // One instance on the database renders ahead at a time; the others have nothing to do.
    const locked = await store.withRenderLock(() => renderAheadLocked(store));
    if (locked.taken) return locked.value;
    return {
      version: store.versionKey(await repository.dataVersion()),
      purged: 0,
      rendered: 0,
      stored: 0,
      interrupted: false,
      skipped: true,
    };
  }

  async function renderAheadLocked(store: TileStore): Promise<RenderAheadReport> {
    const version = await repository.dataVersion();
    const report: RenderAheadReport = {
      version: store.versionKey(version),
      purged: await store.purgeOtherVersions(version),
      rendered: 0,
      stored: 0,
      interrupted: false,
      skipped: false,
    };
    const params = paramsKey({});
    const already = await store.storedKeys(version, params);
    // Tiles found empty are not stored; remembered here so that a new run skips them too.
    if (emptyAhead.version !== report.version)
      emptyAhead = { version: report.version, ids: new Set() };
    const empty = emptyAhead.ids;
    const boxes = await store.extents();
    for (const layer of LAYERS) {
      if (PREPARED_LAYERS.has(layer.id)) {
        // Its figures first; a service not told how to prepare them does not render it ahead.
        if (!prepareAhead) continue;
        await prepareAhead(layer.id);
      }
      for (let z = layer.minzoom; z <= Math.min(layer.maxzoom, storeMaxzoom(layer.id)); z++) {
        const tiles = new Map<string, TileId>();
        for (const box of boxes) {
          for (const t of tilesCovering(box, z, MVT_BUFFER / MVT_EXTENT)) {
            tiles.set(`${layer.id}/${t.z}/${t.x}/${t.y}`, t);
          }
        }
        for (const [id, tile] of tiles) {
          if (already.has(id) || empty.has(id)) continue;
          // Rendering on for data that changed meanwhile would fill the store with dead tiles.
          if ((await repository.dataVersion()) !== version) {
            report.interrupted = true;
            return report;
          }
          const rendered = await render(layer, tile, {}, PUBLIC_VIEWER);
          report.rendered++;
          if (rendered.bytes.length === 0) {
            empty.add(id);
            continue;
          }
          await store.put(
            version,
            { layer: layer.id, tile, params },
            await gzipTile(rendered, STORED_GZIP_LEVEL),
          );
          report.stored++;
        }
      }
    }
    return report;
  }

  let running: Promise<RenderAheadReport | null> | null = null;
  let next: Promise<RenderAheadReport | null> | null = null;
  function renderAhead(): Promise<RenderAheadReport | null> {
    if (!running) {
      running = renderAheadOnce().finally(() => {
        running = null;
      });
      // Stopped by new data: this instance held the lock that kept the others from rendering
      // the new version, so it renders it now.
      void running.then(
        (report) => {
          if (report?.interrupted) detached(renderAhead).catch(onBackgroundError);
        },
        () => undefined,
      );
      return running;
    }
    next ??= running
      .catch(() => null)
      .then(() => {
        next = null;
        return renderAhead();
      });
    return next;
  }

  // The version this process last saw: a new one (an import here, in the CLI or in another
  // instance) starts a render-ahead in the background.
  let seenVersion: string | null = null;
  function notice(version: string) {
    if (version === seenVersion) return;
    seenVersion = version;
    onNewVersion();
    // Not the request's work: it goes on if that request's client goes away.
    if (store) detached(renderAhead).catch(onBackgroundError);
  }

  return {
    async renderTile(layer, tile, params, viewer) {
      // A tile with exact figures is rendered for its viewer alone: it never enters the cache
      // or the store that every viewer's tiles come from.
      if (seesAnyExact(viewer.exactFigures)) {
        return { ...(await render(layer, tile, params, viewer)), cache: 'off', store: 'off' };
      }
      if (!cache && !(store && stores(layer, tile))) {
        return { ...(await render(layer, tile, params, viewer)), cache: 'off', store: 'off' };
      }
      const version = await repository.dataVersion();
      notice(version);
      if (!cache) {
        return { ...(await storedOrRendered(layer, tile, params, version)), cache: 'off' };
      }
      const key = [
        layer.id,
        tile.z,
        tile.x,
        tile.y,
        params.year ?? '',
        params.reference ?? '',
        params.departement ?? '',
      ].join('/');
      let storeUse: RenderedTile['store'] = 'off';
      const { tile: rendered, hit } = await cache.fetch(key, version, async () => {
        const { store: use, ...found } = await storedOrRendered(layer, tile, params, version);
        storeUse = use;
        // Kept compressed (a tile from the store already is): compressed once, not per request.
        return gzipTile(found, MEMORY_GZIP_LEVEL);
      });
      return { ...rendered, cache: hit ? 'hit' : 'miss', store: hit ? 'off' : storeUse };
    },

    renderAhead,

    async describeLayers() {
      return layersDocument.get(await repository.dataVersion(), describeLayersNow);
    },
  };

  async function describeLayersNow(): Promise<LayersDocument> {
    return {
      layers: LAYERS.map(({ constants: _constants, orderBy: _orderBy, ...layer }) => ({
        ...layer,
        tileUrl: tileUrlTemplate(layer),
        sourceLayer: layer.id,
      })),
      coverageYears: await repository.coverageYears(),
      coverageYearsByDepartement: await repository.coverageYearsByDepartement(),
      tile: {
        extent: MVT_EXTENT,
        buffer: MVT_BUFFER,
        contentType: MVT_CONTENT_TYPE,
        emptyTile:
          '204 No Content when no feature falls in the tile, with the same ETag and Cache-Control headers',
      },
    };
  }
}

/** Whether the store keeps this layer's tiles at this zoom. */
function stores(layer: LayerDefinition, tile: TileId): boolean {
  return tile.z <= storeMaxzoom(layer.id);
}

/** A request's parameters as one string, as the store keys them. */
function paramsKey(params: LayerParams): string {
  // The national reference is the default: asked for or not, the same tile.
  const reference = params.reference === 'national' ? '' : (params.reference ?? '');
  return [params.year ?? '', reference, params.departement ?? ''].join('/');
}

/**
 * The tile as rendered, uncompressed, with its strong ETag (SHA-256 of the bytes). Compressed
 * only when it is kept (in the store or the memory cache): a tile rendered for one request is
 * sent as it is, which costs less than compressing it for that request alone.
 */
function served(bytes: Uint8Array, encodedBy: CachedTile['encodedBy']): CachedTile {
  const etag = `"${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
  return { bytes, gzipped: false, etag, encodedBy };
}
