import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import { holdAdvisoryLock } from '../../../test/locks';
import { openDatabase, type Database } from '../../db/database';
import { fetchDataVersions } from '../../db/data-versions';
import { PUBLIC_VIEWER } from '../../kernel';
import { findLayer, LAYERS } from './catalogue';
import { createTileRepository } from './repository';
import { createTileService } from './service';
import { mvtBytes } from './tile-encoding';
import {
  createTileStore,
  STORE_MAXZOOM,
  STORED_LAYERS,
  storeMaxzoom,
  versionKey,
} from './tile-store';
import { loadTileFixture } from './tiles-fixture';

// The tile store: low-zoom public tiles kept in the database per data version, rendered ahead
// and served to every process (here: two services and a server on one database).

// The whole fixture lies in communes/8/129/90, hence in these tiles of zooms 7 and 6.
const Z7 = { z: 7, x: 64, y: 45 };
const Z6 = { z: 6, x: 32, y: 22 };

describe(`tile store (${databaseMode} mode)`, () => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadTileFixture(db.knex);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const storedRows = async () =>
    (await db.knex('tile_store').select('data_version', 'layer', 'z', 'x', 'y', 'params')) as {
      data_version: string;
      layer: string;
      z: number;
      x: number;
      y: number;
      params: string;
    }[];
  /**
   * A render-ahead of `service` that ran to its end: while another service's run holds the lock
   * (the server's, started in the background by its first request), this one is skipped.
   */
  const renderedAhead = async (service: ReturnType<typeof createTileService>) => {
    while ((await service.renderAhead())?.skipped) await new Promise((r) => setTimeout(r, 50));
  };
  const currentKey = async () =>
    versionKey(
      (await fetchDataVersions(db.knex)).data,
      createTileRepository(db.knex, LAYERS).rendering,
    );

  it('renders ahead the low-zoom tiles that have features, once per data version', async () => {
    await db.knex('tile_store').delete();
    const service = createTileService(db, { store: true });
    const report = await service.renderAhead();
    expect(report).toMatchObject({
      purged: 0,
      interrupted: false,
      skipped: false,
      version: await currentKey(),
    });
    const rows = await storedRows();
    expect(rows.length).toBe(report!.stored);
    // Every stored tile has features; tiles rendered empty (around the data) are not kept.
    expect(report!.rendered).toBeGreaterThan(report!.stored);
    const layers = new Set(rows.map((r) => r.layer));
    for (const id of ['communes', 'departements', 'eaje', 'childminders', 'roads']) {
      expect(layers, id).toContain(id);
    }
    for (const row of rows) {
      expect(STORED_LAYERS.has(row.layer)).toBe(true);
      expect(row.z).toBeLessThanOrEqual(storeMaxzoom(row.layer));
      expect(row.z).toBeGreaterThanOrEqual(findLayer(row.layer)!.minzoom);
      expect(row.params).toBe('//'); // the default parameters
    }
    expect(
      rows.some((r) => r.layer === 'communes' && r.z === 7 && r.x === Z7.x && r.y === Z7.y),
    ).toBe(true);
    // Roads, slow to draw at zooms 8-9 on a national network, are kept up to zoom 9; the other
    // layers up to 7.
    const roadZooms = new Set(rows.filter((r) => r.layer === 'roads').map((r) => r.z));
    expect(roadZooms).toContain(8);
    expect(roadZooms).toContain(9);
    expect(Math.max(...rows.filter((r) => r.layer !== 'roads').map((r) => r.z))).toBe(
      STORE_MAXZOOM,
    );
    // Layers drawn from lower zooms are rendered ahead there too (the fixture is too small
    // to leave anything at zooms 0-2).
    expect(
      Math.min(...rows.filter((r) => r.layer === 'departements').map((r) => r.z)),
    ).toBeLessThan(6);
    // A second run finds them all stored and renders nothing.
    expect(await service.renderAhead()).toMatchObject({ rendered: 0, stored: 0 });
  }, 120_000);

  // Embedded mode has one process and one session: the first test shows its run is never skipped.
  it.runIf(databaseMode === 'server')(
    'renders ahead in one instance at a time: the others skip while one holds the lock',
    async () => {
      await db.knex('tile_store').delete();
      // Another instance mid-render-ahead: a transaction holding the lock.
      const holder = await holdAdvisoryLock(db.knex, 'berceau.tile_store.render_ahead');
      try {
        const report = await createTileService(db, { store: true }).renderAhead();
        expect(report).toMatchObject({ skipped: true, rendered: 0, stored: 0, purged: 0 });
        expect(await storedRows()).toHaveLength(0);
      } finally {
        await holder.release();
      }
      // Once the lock is free, a run renders.
      await db.knex('tile_store').delete();
      const report = await createTileService(db, { store: true }).renderAhead();
      expect(report).toMatchObject({ skipped: false, interrupted: false });
      expect(report!.stored).toBeGreaterThan(0);
    },
    120_000,
  );

  it.runIf(databaseMode === 'server')(
    'two instances on one database started together: one renders ahead, the other stores nothing',
    async () => {
      await db.knex('tile_store').delete();
      const url = (db.knex.client.config.connection as { connectionString: string })
        .connectionString;
      const second = await openDatabase({ databaseUrl: url, migrate: false });
      try {
        const reports = await Promise.all([
          createTileService(db, { store: true }).renderAhead(),
          createTileService(second, { store: true }).renderAhead(),
        ]);
        const storing = reports.filter((r) => r!.stored > 0);
        expect(storing).toHaveLength(1);
        expect((await storedRows()).length).toBe(storing[0]!.stored);
        const other = reports.find((r) => r !== storing[0])!;
        // Skipped while the first held the lock, or found every tile stored once it was done.
        expect(other.stored).toBe(0);
      } finally {
        await second.close();
      }
    },
    120_000,
  );

  it('serves a stored tile equal to a freshly rendered one, in another process too', async () => {
    const fresh = createTileService(db); // no cache, no store: renders every time
    const other = createTileService(db, { store: true }); // another instance, or a restart
    for (const [id, tile] of [
      ['communes', Z7],
      ['communes', Z6],
      ['childminders', Z6],
      ['eaje', Z7],
      ['roads', Z7],
    ] as const) {
      const layer = findLayer(id)!;
      const served = await other.renderTile(layer, tile, {}, PUBLIC_VIEWER);
      const rendered = await fresh.renderTile(layer, tile, {}, PUBLIC_VIEWER);
      expect(served.store, id).toBe('hit');
      expect(rendered.store, id).toBe('off');
      expect(served.bytes.length, id).toBeGreaterThan(0);
      // Kept compressed (unless gzip would not shrink it), rendered as it is: the same MVT
      // bytes once uncompressed.
      expect(rendered.gzipped, id).toBe(false);
      expect(Buffer.from(await mvtBytes(served)).equals(Buffer.from(rendered.bytes)), id).toBe(
        true,
      );
      expect(served.etag, id).toBe(rendered.etag);
    }
  });

  it('never serves a tile stored by another rendering of the same data, and purges it', async () => {
    // What an older release left: the same data version, tiles drawn with other queries.
    await db.knex('tile_store').delete();
    const version = (await fetchDataVersions(db.knex)).data;
    const older = createTileStore(db.knex, { rendering: 'an older release' });
    const stale = new TextEncoder().encode('not this release’s tile');
    await older.put(
      version,
      { layer: 'communes', tile: Z7, params: '//' },
      { bytes: stale, gzipped: false, etag: '"stale"', encodedBy: 'node' },
    );
    expect(await older.get(version, { layer: 'communes', tile: Z7, params: '//' })).not.toBeNull();
    const service = createTileService(db, { store: true });
    const served = await service.renderTile(findLayer('communes')!, Z7, {}, PUBLIC_VIEWER);
    expect(served.store).toBe('miss');
    expect(served.etag).not.toBe('"stale"');
    const fresh = await createTileService(db).renderTile(
      findLayer('communes')!,
      Z7,
      {},
      PUBLIC_VIEWER,
    );
    expect(Buffer.from(await mvtBytes(served)).equals(Buffer.from(fresh.bytes))).toBe(true);
    await renderedAhead(service);
    const versions = new Set((await storedRows()).map((r) => r.data_version));
    expect([...versions]).toEqual([await currentKey()]);
  }, 120_000);

  it('fills the store on demand for other parameters, and not above its zooms', async () => {
    server = await startTestServer(db, '/nonexistent', null, { tileStore: true });
    const path = '/api/tiles/communes/7/64/45.mvt?year=2022';
    const first = await fetch(`${server.baseUrl}${path}`);
    const second = await fetch(`${server.baseUrl}${path}`);
    expect(first.headers.get('server-timing')).toContain('store miss');
    expect(second.headers.get('server-timing')).toContain('store hit');
    expect(Buffer.from(await second.arrayBuffer())).toEqual(Buffer.from(await first.arrayBuffer()));
    const rows = await storedRows();
    expect(rows.filter((r) => r.params === '2022//')).toHaveLength(1);
    const z8 = await fetch(`${server.baseUrl}/api/tiles/communes/8/129/90.mvt`);
    expect(z8.headers.get('server-timing')).toContain('store off');
    expect(rows.some((r) => r.z > storeMaxzoom(r.layer))).toBe(false);
    const roadsZ9 = await fetch(`${server.baseUrl}/api/tiles/roads/9/259/180.mvt?year=2022`);
    expect(roadsZ9.status).toBe(400); // roads take no year
    const roads9 = await fetch(`${server.baseUrl}/api/tiles/roads/9/259/180.mvt?departement=18`);
    expect(roads9.headers.get('server-timing')).toContain('store miss');
  });

  it('never serves a tile of an older data version, and purges them', async () => {
    const service = createTileService(db, { store: true });
    const layer = findLayer('communes')!;
    const classOf = async () => {
      const tile = await service.renderTile(layer, Z7, {}, PUBLIC_VIEWER);
      const bytes = Buffer.from(await mvtBytes(tile));
      return {
        tile,
        near: bytes.includes('near'),
        wellBelow: bytes.includes('well_below'),
      };
    };
    const before = await classOf();
    await renderedAhead(service); // the one started by the request, which saw a new version
    expect(before.tile.store).toBe('hit');
    const oldKey = await currentKey();
    expect((await storedRows()).some((r) => r.data_version === oldKey)).toBe(true);
    // What an import does: change rows and stamp its dataset, in one transaction.
    await db.knex.transaction(async (trx) => {
      await trx('coverage_figure')
        .where({ level: 'commune', year: 2023 })
        .update({ class_national: 'well_below' });
      await trx('dataset').where({ key: 'test:coverage' }).update({ imported_at: trx.fn.now() });
    });
    expect(await currentKey()).not.toBe(oldKey);
    const after = await classOf();
    expect(after.tile.store).toBe('miss');
    expect(after.tile.etag).not.toBe(before.tile.etag);
    expect(before.near).toBe(true);
    expect(after.near).toBe(false);
    expect(after.wellBelow).toBe(true);
    // The request that saw the new version started a render-ahead, which removed the old
    // version's tiles; this call waits for it (and for another service's, still running).
    await renderedAhead(service);
    const versions = new Set((await storedRows()).map((r) => r.data_version));
    expect([...versions]).toEqual([await currentKey()]);
  }, 120_000);
});
