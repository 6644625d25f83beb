import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../test/database';
import type { Database } from './database';

interface PgClient {
  query(sql: string): Promise<{ rows: { jit: string }[] }>;
}

describe(`database connections (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('every pooled connection has JIT compilation off', async () => {
    // Three connections held at once, so that the pool has to open several.
    const clients = (await Promise.all(
      [1, 2, 3].map(() => db.knex.client.acquireConnection()),
    )) as PgClient[];
    try {
      expect(new Set(clients).size).toBe(3);
      const settings = [];
      for (const c of clients) settings.push((await c.query('SHOW jit')).rows[0].jit);
      expect(settings).toEqual(['off', 'off', 'off']);
    } finally {
      for (const c of clients) await db.knex.client.releaseConnection(c);
    }
  });
});
