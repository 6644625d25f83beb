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
import { loadTileFixture } from './tiles-fixture';

// The tile cache as the server runs it (BERCEAU_TILE_CACHE_MB): a repeated tile comes from
// memory, byte for byte, and an import (which stamps its dataset) is seen at once.

const TILE = '/api/tiles/communes/8/129/90.mvt'; // the whole fixture is in it

describe(`tile cache over HTTP (${databaseMode} mode)`, () => {
  let db: Database;
  let server: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadTileFixture(db.knex);
    server = await startTestServer(db, '/nonexistent', null, { tileCacheMb: 8 });
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  async function get(path: string) {
    const res = await fetch(`${server.baseUrl}${path}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const layer = new VectorTile(new PbfReader(bytes)).layers.communes;
    const classes: Record<string, unknown> = {};
    for (let i = 0; i < layer.length; i++) {
      const p = layer.feature(i).properties;
      classes[String(p.code)] = p.coverage_class;
    }
    return { res, bytes, classes };
  }

  it('serves a repeated tile from memory with the same bytes and ETag, and says so', async () => {
    const first = await get(TILE);
    const second = await get(TILE);
    expect(first.res.headers.get('server-timing')).toContain('cache miss');
    expect(second.res.headers.get('server-timing')).toContain('cache hit');
    expect(second.res.headers.get('etag')).toBe(first.res.headers.get('etag'));
    expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(first.classes['18001']).toBe('near');
  });

  it('another year or département is another tile', async () => {
    for (const query of ['?year=2022', '?departement=18']) {
      const other = await get(`${TILE}${query}`);
      expect(other.res.headers.get('server-timing'), query).toContain('cache miss');
      const again = await get(`${TILE}${query}`);
      expect(again.res.headers.get('server-timing'), query).toContain('cache hit');
    }
    expect((await get(`${TILE}?year=2022`)).classes).not.toEqual((await get(TILE)).classes);
  });

  it('after an import the tile is rendered again from the new data', async () => {
    const before = await get(TILE);
    expect(before.res.headers.get('server-timing')).toContain('cache hit');
    // What an import does: change rows and stamp its dataset, in one transaction.
    await db.knex.transaction(async (trx) => {
      await trx('coverage_figure')
        .where({ level: 'commune', code: '18001', year: 2023 })
        .update({ class_national: 'well_below' });
      await trx('dataset').where({ key: 'test:coverage' }).update({ imported_at: trx.fn.now() });
    });
    const after = await get(TILE);
    expect(after.res.headers.get('server-timing')).toContain('cache miss');
    expect(after.classes['18001']).toBe('well_below');
    expect(after.res.headers.get('etag')).not.toBe(before.res.headers.get('etag'));
  });

  it('answers a crowd asking at once (the requests share their data-version reads)', async () => {
    const paths = Array.from(
      { length: 300 },
      (_, i) => `${TILE}${i % 3 === 0 ? '?year=2022' : ''}`,
    );
    const answers = await Promise.all(paths.map((p) => get(p)));
    expect(answers.map((a) => a.res.status)).toEqual(paths.map(() => 200));
    expect(answers[1].classes['18001']).toBe('well_below');
  }, 120_000);
});
