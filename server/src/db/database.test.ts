import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
    // next: connections are kept across a planner's pauses. The pool's clock (Date.now) is
    // moved on; its reaper, on real timers, runs every second.
    const pool = db.knex.client.pool as { numFree(): number };
    const reaped = () => new Promise((resolve) => setTimeout(resolve, 1500));
    await db.knex.raw('SELECT 1');
    const free = pool.numFree();
    expect(free).toBeGreaterThan(0);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2 * 60_000);
      await reaped();
      expect(pool.numFree()).toBe(free);
      vi.setSystemTime(Date.now() + IDLE_CONNECTION_MS);
      await reaped();
      expect(pool.numFree()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
    await db.knex.raw('SELECT 1'); // the pool opens a connection again
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
