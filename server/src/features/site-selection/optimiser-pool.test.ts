import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestServer, type TestServer } from '../../../test/database';
import type { Database } from '../../db/database';
import { syntheticInstance } from '../../../../bench/locate-instance';
import { loadDemo } from '../demo/service';
import { OPTIMISER_RETRY_AFTER_S, OptimiserPool } from './optimiser-pool';
import { postThenHangUp } from '../../../test/hang-up';

/**
 * The optimiser in worker threads (as the server runs it): the same answer as in the request
 * thread, a bounded queue (503 optimiser_busy with Retry-After past it), and the task of a
 * client that goes away ended.
 */

/**
 * The benchmark's demo-size p-median (4,900 cells × 500 candidates, pairs within 30 min), with
 * 40 places per site: the capacities make its exact solve a MIP that runs for minutes (without
 * them the bound proves the heuristic's answer in a second), long enough to keep a thread busy
 * until aborted.
 */
const heavyInstance = () => {
  const instance = syntheticInstance({
    seed: 3,
    side_km: 70,
    demand: { grid: true },
    candidates: 500,
    maxMinutes: 30,
  });
  return { ...instance, sites: instance.sites.map((site) => ({ ...site, capacity: 40 })) };
};
const HEAVY = {
  model: 'pmedian' as const,
  p: 10,
  unservedCost: 30,
  method: 'exact' as const,
  timeLimitSec: 300,
};

const select = (base: string, body: unknown) =>
  fetch(`${base}/api/site-selection`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('the optimiser in worker threads', () => {
  let db: Database;
  const pools: OptimiserPool[] = [];
  const servers: TestServer[] = [];

  async function serve(pool?: OptimiserPool) {
    if (pool) pools.push(pool);
    const server = await startTestServer(db, undefined, null, { optimiser: pool });
    servers.push(server);
    return server.baseUrl;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db);
  }, 300_000);

  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const p of pools) await p.close();
    await db?.close();
  });

  it('answers a selection exactly as in the request thread', async () => {
    const body = { model: 'mclp', p: 2, minutes: 15 };
    const a = await select(await serve(), body);
    const b = await select(await serve(new OptimiserPool({ threads: 1, queue: 2 })), body);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const inThread = await a.json();
    expect(inThread.sites.length).toBe(2);
    expect(inThread.covered_children).toBeGreaterThan(0);
    expect(await b.json()).toEqual(inThread);
  }, 180_000);

  it('refuses past its queue with 503 optimiser_busy and Retry-After, in the error shape', async () => {
    const pool = new OptimiserPool({ threads: 1, queue: 1 });
    const base = await serve(pool);
    // One solve runs and one waits: the pool is full.
    const stop = new AbortController();
    const held = [0, 1].map(() => pool.solve(heavyInstance(), HEAVY, stop.signal).catch((e) => e));
    expect(pool.pending).toBe(2);
    await expect(pool.solve(heavyInstance(), HEAVY)).rejects.toMatchObject({
      code: 'optimiser_busy',
    });
    const refused = await select(base, { model: 'mclp', p: 2, minutes: 15 });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe(String(OPTIMISER_RETRY_AFTER_S));
    expect(await refused.json()).toEqual({
      error: {
        code: 'optimiser_busy',
        message: expect.stringContaining(`retry in ${OPTIMISER_RETRY_AFTER_S} seconds`),
      },
    });
    stop.abort();
    await Promise.all(held);
    expect(pool.pending).toBe(0);
    expect(pool.cancelled).toBe(2);
  }, 180_000);

  it('ends the task of a client that goes away, and answers the next', async () => {
    const pool = new OptimiserPool({ threads: 1, queue: 2 });
    const base = new URL(await serve(pool));
    await postThenHangUp(
      base.origin,
      '/api/site-selection',
      { model: 'pmedian', p: 20, minutes: 30, method: 'exact' },
      pool,
    );
    const next = await select(base.origin, { model: 'mclp', p: 1, minutes: 15 });
    expect(next.status).toBe(200);
  }, 180_000);
});
