import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { loadTileFixture } from '../tiles/tiles-fixture';

// A public list already sent is sent again from memory for the same data version, and never
// after an import has changed the data.

describe(`territory list kept per data version (${databaseMode} mode)`, () => {
  let db: Database;
  let server: TestServer;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadTileFixture(db.knex);
    server = await startTestServer(db);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const classOf = async (code: string) => {
    const res = await fetch(`${server.baseUrl}/api/territories?level=commune&year=2023`);
    const text = await res.text();
    const body = JSON.parse(text) as {
      features: { id: string; properties: { coverage_class: string } }[];
    };
    return {
      text,
      etag: res.headers.get('etag'),
      cls: body.features.find((f) => f.id === code)?.properties.coverage_class,
    };
  };

  it('answers the same text again, and the new figures after an import', async () => {
    const first = await classOf('18001');
    const again = await classOf('18001');
    expect(again.text).toBe(first.text);
    expect(again.etag).toBe(first.etag);
    expect(first.cls).toBe('near');
    await db.knex.transaction(async (trx) => {
      await trx('coverage_figure')
        .where({ level: 'commune', code: '18001', year: 2023 })
        .update({ class_national: 'well_below' });
      await trx('dataset').where({ key: 'test:coverage' }).update({ imported_at: trx.fn.now() });
    });
    const after = await classOf('18001');
    expect(after.cls).toBe('well_below');
    expect(after.etag).not.toBe(first.etag);
  });
});
