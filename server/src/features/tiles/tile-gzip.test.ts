import http from 'node:http';
import zlib from 'node:zlib';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { PUBLIC_VIEWER } from '../../kernel';
import { findLayer } from './catalogue';
import { createTileService } from './service';
import { loadTileFixture } from './tiles-fixture';

// Tiles kept compressed (the tile store, the memory cache) and sent as `Content-Encoding: gzip`
// to a client that takes it, uncompressed to one that does not; each with its own ETag.

const STORED = '/api/tiles/communes/7/64/45.mvt'; // z7: kept in the store; the whole fixture
const UNSTORED = '/api/tiles/communes/8/129/90.mvt'; // z8: not kept in the store
const EMPTY = '/api/tiles/communes/8/129/89.mvt';

/** GET without any decoding of the body (fetch would uncompress it). */
function rawGet(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const codesOf = (bytes: Uint8Array) => {
  const layer = new VectorTile(new PbfReader(bytes)).layers.communes;
  return Array.from({ length: layer.length }, (_, i) => String(layer.feature(i).properties.code));
};

describe(`tiles sent gzip-compressed (${databaseMode} mode)`, () => {
  let db: Database;
  let stored: TestServer;
  let cached: TestServer;
  let plain: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadTileFixture(db.knex);
    stored = await startTestServer(db, '/nonexistent', null, { tileStore: true });
    cached = await startTestServer(db, '/nonexistent', null, { tileCacheMb: 8 });
    plain = await startTestServer(db); // no store, no cache: every tile rendered for its request
  }, 120_000);
  afterAll(async () => {
    // The store's server renders ahead in the background from its first request: its run ends
    // before the pool closes (server mode: ours is skipped while it holds the lock).
    if (databaseMode === 'server' && db) {
      const ahead = createTileService(db, { store: true });
      while ((await ahead.renderAhead())?.skipped) await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all([stored?.close(), cached?.close(), plain?.close()]);
    await db?.close();
  });

  it('a stored tile is the same MVT bytes with and without Accept-Encoding: gzip', async () => {
    const fresh = await rawGet(plain.baseUrl, STORED, {});
    const gz = await rawGet(stored.baseUrl, STORED, { 'Accept-Encoding': 'gzip, deflate, br' });
    const identity = await rawGet(stored.baseUrl, STORED, { 'Accept-Encoding': 'identity' });
    const none = await rawGet(stored.baseUrl, STORED, {});
    for (const res of [fresh, gz, identity, none]) {
      expect(res.status).toBe(200);
      expect(res.headers.vary).toContain('Accept-Encoding');
      expect(res.headers['content-length']).toBe(String(res.body.length));
    }
    expect(gz.headers['server-timing']).toMatch(/store (hit|miss)/);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect([...gz.body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(none.headers['content-encoding']).toBeUndefined();
    const mvt = zlib.gunzipSync(gz.body);
    expect(mvt.equals(identity.body)).toBe(true);
    expect(none.body.equals(identity.body)).toBe(true);
    expect(identity.body.equals(fresh.body)).toBe(true);
    expect(codesOf(mvt).sort()).toEqual(['18001', '18002', '18003', '18004']);
    expect(gz.body.length).toBeLessThan(identity.body.length);
    // One ETag per representation; the uncompressed one is a fresh render's.
    expect(identity.headers.etag).toBe(fresh.headers.etag);
    expect(gz.headers.etag).toMatch(/^"[\w-]{32}-gzip"$/);
    expect(gz.headers.etag).not.toBe(identity.headers.etag);
  });

  it('answers 304 to the ETag of the representation it would send, not the other', async () => {
    const gzip = { 'Accept-Encoding': 'gzip' };
    const identity = { 'Accept-Encoding': 'identity' };
    const gzTag = (await rawGet(stored.baseUrl, STORED, gzip)).headers.etag!;
    const idTag = (await rawGet(stored.baseUrl, STORED, identity)).headers.etag!;
    const ask = (headers: Record<string, string>, tag: string) =>
      rawGet(stored.baseUrl, STORED, { ...headers, 'If-None-Match': tag });
    const gz304 = await ask(gzip, gzTag);
    expect(gz304.status).toBe(304);
    expect(gz304.body.length).toBe(0);
    expect(gz304.headers.etag).toBe(gzTag);
    expect(gz304.headers.vary).toContain('Accept-Encoding');
    expect((await ask(identity, idTag)).status).toBe(304);
    expect((await ask(gzip, `W/${gzTag}`)).status).toBe(304);
    const other = await ask(identity, gzTag);
    expect(other.status).toBe(200);
    expect(other.headers['content-encoding']).toBeUndefined();
    expect((await ask(gzip, idTag)).status).toBe(200);
  });

  it('keeps the stored rows gzip-compressed, but those gzip would not shrink', async () => {
    const rows = (await db
      .knex('tile_store')
      .select('layer', 'z', 'bytes', 'content_encoding')) as {
      layer: string;
      z: number;
      bytes: Uint8Array;
      content_encoding: string;
    }[];
    const communes = rows.filter((r) => r.layer === 'communes' && r.z === 7);
    expect(communes).toHaveLength(1);
    expect(communes[0]!.content_encoding).toBe('gzip');
    for (const row of rows) {
      const bytes = Buffer.from(row.bytes);
      if (row.content_encoding === 'gzip') {
        expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
        expect(zlib.gunzipSync(bytes).length).toBeGreaterThan(bytes.length);
      } else {
        // Empty, or a tile of a few features that gzip would make longer: kept as it is.
        expect(row.content_encoding).toBe('identity');
        expect(zlib.gzipSync(bytes, { level: 6 }).length).toBeGreaterThanOrEqual(bytes.length);
      }
    }
  });

  it('sends a stored tile as the store holds it, without compressing it again', async () => {
    const key = { layer: 'communes', z: 7, x: 64, y: 45, params: '//' };
    const [row] = await db.knex('tile_store').where(key).select('bytes');
    const mvt = zlib.gunzipSync(Buffer.from(row.bytes as Uint8Array));
    // gzip level 0 (stored blocks): bytes no compression at the server's levels gives.
    const level0 = zlib.gzipSync(mvt, { level: 0 });
    expect(level0.equals(Buffer.from(row.bytes as Uint8Array))).toBe(false);
    await db.knex('tile_store').where(key).update({ bytes: level0 });
    try {
      const res = await rawGet(stored.baseUrl, STORED, { 'Accept-Encoding': 'gzip' });
      expect(res.headers['server-timing']).toContain('store hit');
      expect(res.body.equals(level0)).toBe(true);
    } finally {
      await db.knex('tile_store').where(key).update({ bytes: row.bytes });
    }
  });

  it('keeps tiles compressed in the memory cache, and sends a one-off render as it is', async () => {
    const gzip = { 'Accept-Encoding': 'gzip' };
    const first = await rawGet(cached.baseUrl, UNSTORED, gzip);
    const again = await rawGet(cached.baseUrl, UNSTORED, gzip);
    expect(first.headers['server-timing']).toContain('cache miss');
    expect(again.headers['server-timing']).toContain('cache hit');
    for (const res of [first, again]) expect(res.headers['content-encoding']).toBe('gzip');
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.headers.etag).toBe(first.headers.etag);
    const identity = await rawGet(cached.baseUrl, UNSTORED, { 'Accept-Encoding': 'identity' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(zlib.gunzipSync(first.body).equals(identity.body)).toBe(true);
    // Neither kept nor stored: rendered for this request and sent uncompressed.
    const oneOff = await rawGet(plain.baseUrl, UNSTORED, gzip);
    expect(oneOff.headers['content-encoding']).toBeUndefined();
    expect(oneOff.body.equals(identity.body)).toBe(true);
    expect(oneOff.headers.etag).toBe(identity.headers.etag);
  });

  it('an empty tile stays a 204 with no body, whatever the client accepts', async () => {
    for (const server of [stored, cached, plain]) {
      const res = await rawGet(server.baseUrl, EMPTY, { 'Accept-Encoding': 'gzip' });
      expect(res.status).toBe(204);
      expect(res.body.length).toBe(0);
      expect(res.headers['content-encoding']).toBeUndefined();
    }
  });

  it('the service hands a kept tile compressed, a one-off render uncompressed', async () => {
    const layer = findLayer('communes')!;
    const tile = { z: 7, x: 64, y: 45 };
    const kept = await createTileService(db, { store: true }).renderTile(
      layer,
      tile,
      {},
      PUBLIC_VIEWER,
    );
    const once = await createTileService(db).renderTile(layer, tile, {}, PUBLIC_VIEWER);
    expect(kept).toMatchObject({ store: 'hit', gzipped: true, etag: once.etag });
    expect(once).toMatchObject({ store: 'off', gzipped: false });
  });
});
