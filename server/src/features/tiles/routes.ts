import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { tileId, tileIdProblems, type TileId } from '../../domain/tiles/tile-id';
import { ifNoneMatchMatches } from '../../http/conditional';
import { tileQueryParameters } from '../../../../contract';
import { seesAnyExact } from '../../domain/accounts';
import { InvalidInput, NotFound, type FieldProblem } from '../../domain/errors';
import { parseRequest } from '../../http/validate';
import { viewerOf } from '../../http/viewer';
import { findLayer, LAYERS, type LayerDefinition } from './catalogue';
import { gzipEtag, mvtBytes } from './tile-encoding';
import {
  createTileService,
  MVT_CONTENT_TYPE,
  type LayerParams,
  type TileService,
  type TileServiceOptions,
} from './service';

/**
 * Tiles change only when data are re-imported or the coverage recomputed: a short max-age
 * keeps panning cheap, and the ETag makes revalidation a 304 without bytes.
 */
export const TILE_CACHE_CONTROL = 'public, max-age=300';
/**
 * A signed-in viewer's tile may carry exact figures: kept by no cache, shared or not (the same
 * URL answers the public's figures to the next visitor of the browser or proxy).
 */
export const PRIVATE_TILE_CACHE_CONTROL = 'private, no-store';

/**
 * GET /api/layers (the catalogue) and GET /api/tiles/:layer/:z/:x/:y.mvt (Mapbox Vector Tiles),
 * with `cacheBytes` of memory for encoded tiles kept between requests (0: none) and the tile
 * store when `store` is set; or the tiles of a `service` built by the caller.
 */
export function tileRoutes(
  db: Database,
  {
    prepareLayer,
    service = undefined,
    ...options
  }: TileServiceOptions & {
    /**
     * Brings a layer's stored data up to date before its tiles are drawn (gap zones, the
     * accessibility of the grid's cells), for the tile's query parameters.
     */
    prepareLayer?: (layerId: string, params: LayerParams) => Promise<void>;
    service?: TileService;
  } = {},
): Router {
  const router = Router();
  service ??= createTileService(db, options);
  const querySchemas = new Map(LAYERS.map((layer) => [layer.id, layerQuerySchema(layer)]));

  router.get('/layers', async (_req, res) => {
    res.json(await service.describeLayers());
  });

  router.get('/tiles/:layer/:z/:x/:y.mvt', async (req, res) => {
    const layer = findLayer(req.params.layer);
    if (!layer) {
      const known = LAYERS.map((l) => l.id);
      throw new NotFound(
        `Unknown tile layer "${req.params.layer}"; known layers: ${known.join(', ')}`,
        { details: { layers: known } },
      );
    }
    const tile = parseTileAddress(req.params, layer);
    const params = parseRequest(req, 'query', querySchemas.get(layer.id)!) as LayerParams;

    const started = performance.now();
    await prepareLayer?.(layer.id, params);
    const viewer = viewerOf(req);
    const rendered = await service.renderTile(layer, tile, params, viewer);
    const { encodedBy, cache, store } = rendered;
    const elapsed_ms = performance.now() - started;
    // A kept tile is compressed: sent as it is to a client that takes gzip (every browser),
    // uncompressed to one that does not. Each representation has its own ETag.
    const gzip = rendered.gzipped && req.acceptsEncodings('gzip', 'identity') === 'gzip';
    const etag = gzip ? gzipEtag(rendered.etag) : rendered.etag;

    res.vary('Accept-Encoding');
    res.set({
      'Content-Type': MVT_CONTENT_TYPE,
      'Cache-Control': seesAnyExact(viewer.exactFigures)
        ? PRIVATE_TILE_CACHE_CONTROL
        : TILE_CACHE_CONTROL,
      ETag: etag,
      'Server-Timing': `tile;dur=${elapsed_ms.toFixed(1)};desc="${encodedBy}, cache ${cache}, store ${store}"`,
    });
    if (ifNoneMatchMatches(req.get('If-None-Match'), etag)) {
      res.status(304).end();
      return;
    }
    if (rendered.bytes.length === 0) {
      // An empty tile is 204 No Content: MapLibre treats it as a tile with nothing to draw.
      res.status(204).end();
      return;
    }
    if (gzip) res.set('Content-Encoding', 'gzip');
    const bytes = gzip ? rendered.bytes : await mvtBytes(rendered);
    res.status(200).set('Content-Length', String(bytes.length)).end(bytes);
  });

  return router;
}

/** z, x, y from the path: integers, within the pyramid, and within the layer's zoom range. */
function parseTileAddress(
  raw: { z: string; x: string; y: string },
  layer: LayerDefinition,
): TileId {
  const numbers = { z: Number.NaN, x: Number.NaN, y: Number.NaN };
  const problems: FieldProblem[] = [];
  for (const key of ['z', 'x', 'y'] as const) {
    if (/^\d{1,8}$/.test(raw[key])) numbers[key] = Number(raw[key]);
    else problems.push({ field: `params.${key}`, message: 'must be a non-negative integer' });
  }
  if (problems.length === 0) {
    for (const p of tileIdProblems(numbers.z, numbers.x, numbers.y)) {
      problems.push({ field: `params.${p.field}`, message: p.message });
    }
  }
  if (problems.length === 0 && (numbers.z < layer.minzoom || numbers.z > layer.maxzoom)) {
    problems.push({
      field: 'params.z',
      message: `layer ${layer.id} is served from zoom ${layer.minzoom} to ${layer.maxzoom}`,
    });
  }
  if (problems.length > 0) {
    const summary = problems.map((d) => `${d.field}: ${d.message}`).join('; ');
    throw new InvalidInput(`Invalid tile address: ${summary}`, { details: problems });
  }
  return tileId(numbers.z, numbers.x, numbers.y);
}

/** Only the parameters the layer accepts; any other is an error rather than silently ignored. */
function layerQuerySchema(layer: LayerDefinition) {
  const accepted = layer.query.map((q) => q.name);
  return z.strictObject(
    Object.fromEntries(accepted.map((name) => [name, tileQueryParameters[name]])),
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown parameter(s) for layer ${layer.id}: ${issue.keys.join(', ')} (accepted: ${accepted.join(', ') || 'none'})`
          : undefined,
    },
  );
}
