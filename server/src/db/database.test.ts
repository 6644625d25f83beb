import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../test/database';
import { IDLE_CONNECTION_MS, type Database } from './database';

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

  it('keeps idle connections minutes, not tarn’s 30 seconds', async () => {
    // A backend's first run of a large statement (an isochrone's sums) costs far more than the
    // next: connections are kept across a planner's pauses.
    const pool = db.knex.client.pool as { idleTimeoutMillis: number };
    expect(pool.idleTimeoutMillis).toBe(IDLE_CONNECTION_MS);
    expect(IDLE_CONNECTION_MS).toBeGreaterThanOrEqual(5 * 60_000);
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
