import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../test/database';
import { rawCancellable } from './cancellable';
import type { Database } from './database';

/** SQL that stops when the request's client goes away (server mode), or is not started. */
describe('rawCancellable', () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 120_000);
  afterAll(async () => db?.close());

  it('runs the statement with its bindings, with or without a signal', async () => {
    const signal = new AbortController().signal;
    const a = await rawCancellable<{ rows: { x: number }[] }>(db.knex, 'SELECT :v::int + 1 AS x', {
      v: 41,
    });
    const b = await rawCancellable<{ rows: { x: number }[] }>(
      db.knex,
      'SELECT :v::int + 1 AS x',
      { v: 41 },
      signal,
    );
    expect(a.rows).toEqual([{ x: 42 }]);
    expect(b.rows).toEqual([{ x: 42 }]);
  });

  it('runs a prepared statement again with other values, on every connection of the pool', async () => {
    const sql = 'SELECT CAST(:v AS int) + 1 AS x, CAST(:ws AS float8[]) AS ws';
    const ask = (v: number, signal?: AbortSignal) =>
      rawCancellable<{ rows: { x: number; ws: number[] }[] }>(
        db.knex,
        sql,
        { v, ws: [v, 0.5] },
        signal,
        { prepared: 'test_plus_one' },
      );
    // Concurrent: several connections prepare it; then each runs it again.
    const first = await Promise.all([1, 2, 3, 4].map((v) => ask(v)));
    const again = await Promise.all(
      [10, 20, 30, 40].map((v) => ask(v, new AbortController().signal)),
    );
    expect(first.map((r) => r.rows[0])).toEqual(
      [1, 2, 3, 4].map((v) => ({ x: v + 1, ws: [v, 0.5] })),
    );
    expect(again.map((r) => r.rows[0].x)).toEqual([11, 21, 31, 41]);
  });

  it.runIf(databaseMode === 'server')(
    'runs a generic prepared statement with the generic plan, then resets its connection',
    async () => {
      const sql = `SELECT CAST(:v AS int) AS v, current_setting('plan_cache_mode') AS mode`;
      const ask = (v: number) =>
        rawCancellable<{ rows: { v: number; mode: string }[] }>(db.knex, sql, { v }, undefined, {
          prepared: 'test_generic',
          generic: true,
        });
      const answers = await Promise.all([1, 2, 3, 4].map(ask));
      expect(answers.map((a) => a.rows[0])).toEqual(
        [1, 2, 3, 4].map((v) => ({ v, mode: 'force_generic_plan' })),
      );
      // Every connection of the pool is back to the default for knex's own statements.
      const modes = await Promise.all(
        Array.from({ length: 8 }, () => db.knex.raw('SHOW plan_cache_mode')),
      );
      expect(modes.map((m) => m.rows[0].plan_cache_mode)).toEqual(Array(8).fill('auto'));
    },
  );

  it('does not start a statement for a client already gone', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(rawCancellable(db.knex, 'SELECT 1', {}, controller.signal)).rejects.toThrow(
      'gone',
    );
  });

  it.runIf(databaseMode === 'server')(
    'cancels the running statement in PostgreSQL when the signal aborts: nothing left running',
    async () => {
      const controller = new AbortController();
      const started = performance.now();
      const sleeping = rawCancellable(db.knex, 'SELECT pg_sleep(:s)', { s: 30 }, controller.signal);
      const running = () =>
        db.knex
          .raw(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = current_database() AND state = 'active'
               AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()`,
          )
          .then((r) => r.rows[0].n as number);
      await expect.poll(running, { timeout: 10_000, interval: 50 }).toBe(1);
      controller.abort();
      await expect(sleeping).rejects.toMatchObject({ code: '57014' });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(await running()).toBe(0);
      // The pool still answers (the connection went back cancelled, not broken).
      const after = await Promise.all(
        Array.from({ length: 10 }, () => db.knex.raw('SELECT 1 AS one')),
      );
      expect(after.every((r) => r.rows[0].one === 1)).toBe(true);
    },
    60_000,
  );
});
