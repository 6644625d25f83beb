import crypto from 'node:crypto';
import type { LayersDocument } from '../../../../contract';
import type { Database } from '../../db/database';
import type { ReferenceKind, Viewer } from '../../kernel';
import { seesAnyExact } from '../../domain/accounts';
import { encodeTileLayer, type TileFeature } from '../../domain/tiles/encode-tile';
import { MVT_BUFFER, MVT_EXTENT, toTileGeometry } from '../../domain/tiles/tile-geometry';
import type { TileId } from '../../domain/tiles/tile-id';
import { simplifyTolerance_m } from '../../domain/tiles/web-mercator';
import { LAYERS, tileUrlTemplate, type LayerDefinition } from './catalogue';
import { createTileRepository, type TileBindings } from './repository';
import { createTileCache, type CachedTile } from './tile-cache';

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
}

export interface TileServiceOptions {
  /** Memory for encoded tiles kept between requests (0: every request renders its tile). */
  cacheBytes?: number;
}

export interface TileService {
  renderTile(
    layer: LayerDefinition,
    tile: TileId,
    params: LayerParams,
    viewer: Viewer,
  ): Promise<RenderedTile>;
  describeLayers(): Promise<LayersDocument>;
}

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

/**
 * Renders tiles with the database's own encoder when it has one (`ST_AsMVT`, server mode),
 * else runs the same layer query for GeoJSON and encodes in Node (embedded mode).
 */
export function createTileService(
  db: Database,
  { cacheBytes = 0 }: TileServiceOptions = {},
): TileService {
  const repository = createTileRepository(db.knex, LAYERS);
  const encodedByPostgis = db.capabilities.mvt;
  const cache = cacheBytes > 0 ? createTileCache(cacheBytes) : null;

  async function render(
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

  return {
    async renderTile(layer, tile, params, viewer) {
      // A tile with exact figures is rendered for its viewer alone: it never enters the cache
      // that every viewer's tiles come from.
      if (!cache || seesAnyExact(viewer.exactFigures)) {
        return { ...(await render(layer, tile, params, viewer)), cache: 'off' };
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
      const { tile: rendered, hit } = await cache.fetch(key, await repository.dataVersion(), () =>
        render(layer, tile, params, viewer),
      );
      return { ...rendered, cache: hit ? 'hit' : 'miss' };
    },

    async describeLayers() {
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
    },
  };
}

/** The tile with its strong ETag (SHA-256 of the bytes). */
function served(bytes: Uint8Array, encodedBy: CachedTile['encodedBy']): CachedTile {
  const etag = `"${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
  return { bytes, etag, encodedBy };
}
