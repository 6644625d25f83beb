import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../test/database';
import { cancelStatementsOf, detached } from '../db/cancellable';
import type { Database } from '../db/database';
import { loadTileFixture } from '../features/tiles/tiles-fixture';

// The statements of a list, CSV export or tile stop when the client goes away: a request kept
// waiting on a locked table (server mode) is cancelled in PostgreSQL as soon as its fetch is
// aborted, rather than waiting on until the lock is released.

describe(`statements of a request whose client went away (${databaseMode} mode)`, () => {
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

  it('never starts a statement of an aborted request, but detached work runs', async () => {
    const controller = new AbortController();
    const inside = () =>
      // As in a route: the statement is awaited (hence started) inside the context.
      cancelStatementsOf(controller.signal, async () => await db.knex.raw('SELECT 1 AS one'));
    expect((await inside()).rows).toEqual([{ one: 1 }]);
    controller.abort(new Error('client gone'));
    await expect(inside()).rejects.toThrow('client gone');
    const shared = await cancelStatementsOf(controller.signal, () =>
      detached(async () => await db.knex.raw('SELECT 2 AS two')),
    );
    expect(shared.rows).toEqual([{ two: 2 }]);
  });

  it.runIf(databaseMode === 'server').each([
    ['the territory list', '/api/territories?level=commune'],
    ['a CSV export', '/api/territories?level=commune&format=csv'],
    ['a tile', '/api/tiles/communes/8/129/90.mvt'],
  ])(
    'cancels the running statement of %s when its client goes away',
    async (_what, path) => {
      const waiting = async () => {
        const { rows } = await db.knex.raw(
          `SELECT count(*)::int AS n FROM pg_stat_activity
           WHERE datname = current_database() AND state = 'active' AND wait_event_type = 'Lock'
             AND pid <> pg_backend_pid()`,
        );
        return rows[0].n as number;
      };
      const locker = await db.knex.transaction();
      try {
        await locker.raw('LOCK TABLE commune IN ACCESS EXCLUSIVE MODE');
        const controller = new AbortController();
        const answer = fetch(`${server.baseUrl}${path}`, { signal: controller.signal }).catch(
          (error: Error) => error.name,
        );
        await expect.poll(waiting, { timeout: 10_000, interval: 50 }).toBe(1);
        controller.abort();
        expect(await answer).toBe('AbortError');
        // Gone while the lock is still held: cancelled, not finished.
        await expect.poll(waiting, { timeout: 5_000, interval: 50 }).toBe(0);
      } finally {
        await locker.rollback();
      }
      // The pool still answers.
      const res = await fetch(`${server.baseUrl}/api/tiles/communes/8/129/90.mvt`);
      expect(res.status).toBe(200);
    },
    30_000,
  );
});
