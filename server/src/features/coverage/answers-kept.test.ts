import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { loadTileFixture } from '../tiles/tiles-fixture';

// A public détail, the facilities of a box and the layers' catalogue are made once per data
// version: asked again, they cost no query of their own; after an import, they are made again.

describe(`answers kept per data version (${databaseMode} mode)`, () => {
  let db: Database;
  let server: TestServer;
  const statements: string[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadTileFixture(db.knex);
    server = await startTestServer(db);
    db.knex.on('query', (q: { sql: string }) => statements.push(q.sql));
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const DETAIL = '/api/territories/commune/18001?year=2023';
  const FACILITIES = '/api/facilities?bbox=2.4,46.8,2.6,47.0&year=2023';
  /** The answer's text and the statements (other than the data version's) it ran. */
  const ask = async (path: string) => {
    statements.length = 0;
    const res = await fetch(`${server.baseUrl}${path}`);
    expect(res.status, path).toBe(200);
    const text = await res.text();
    return { text, queries: statements.filter((sql) => !sql.includes('AS network')) };
  };

  it('answers the same text again without running its queries', async () => {
    for (const path of [DETAIL, FACILITIES, '/api/layers']) {
      const first = await ask(path);
      expect(first.queries.length, path).toBeGreaterThan(0);
      const again = await ask(path);
      expect(again.text, path).toBe(first.text);
      expect(again.queries, path).toEqual([]);
    }
  });

  it('makes them again after an import changed the data', async () => {
    const before = JSON.parse((await ask(DETAIL)).text);
    const facilities = JSON.parse((await ask(FACILITIES)).text);
    expect(before.territory.coverage_class).toBe('near');
    await db.knex.transaction(async (trx) => {
      await trx('coverage_figure')
        .where({ level: 'commune', code: '18001', year: 2023 })
        .update({ class_national: 'well_below' });
      await trx('eaje').where({ source_id: 'e1' }).update({ name: 'Crèche renommée' });
      await trx('dataset').where({ key: 'test:coverage' }).update({ imported_at: trx.fn.now() });
    });
    const after = await ask(DETAIL);
    expect(after.queries.length).toBeGreaterThan(0);
    expect(JSON.parse(after.text).territory.coverage_class).toBe('well_below');
    const names = (body: { features: { properties: { name: string } }[] }) =>
      body.features.map((f) => f.properties.name);
    expect(names(facilities)).toContain('Crèche des Tilleuls');
    expect(names(JSON.parse((await ask(FACILITIES)).text))).toContain('Crèche renommée');
  });
});
