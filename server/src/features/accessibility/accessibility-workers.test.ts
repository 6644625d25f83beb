import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postThenHangUp } from '../../../test/hang-up';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { tileContaining } from '../../domain/tiles/tile-id';
import { RoutingPool } from '../travel/routing-pool';
import { loadAccessTerritory } from './test/territory';

/**
 * POST /api/accessibility with its car matrix and catchment in the routing pool's worker threads
 * (as the server runs it): the same answers as in the request thread, and a client that goes
 * away ends the work it started.
 */
describe(`accessibility in worker threads (${databaseMode})`, () => {
  let db: Database;
  const pools: RoutingPool[] = [];
  const servers: TestServer[] = [];

  async function serve(pool?: RoutingPool) {
    if (pool) pools.push(pool);
    const server = await startTestServer(db, undefined, null, { routing: pool });
    servers.push(server);
    return server.baseUrl;
  }
  const post = (base: string, body: unknown) =>
    fetch(`${base}/api/accessibility`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadAccessTerritory(db.knex);
  });
  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const p of pools) await p.close();
    await db?.close();
  });

  it('answers as the request thread does, for every method', async () => {
    const inThread = await serve();
    const pool = new RoutingPool({ threads: 1, queue: 4 });
    const inWorkers = await serve(pool);
    for (const body of [
      {},
      { method: '3sfca', minutes: 20 },
      { method: 'gravity', weights: 'gravity:scale=1,alpha=-1,min=1', modes: ['eaje'] },
    ]) {
      const a = await post(inThread, body);
      const b = await post(inWorkers, body);
      expect(b.status).toBe(200);
      const expected = await a.json();
      expect(expected.territories.length).toBe(6);
      expect(await b.json()).toEqual(expected);
    }
    // The tiles' stored cells, computed through the workers too.
    const { x, y } = tileContaining([2.45, 46.9], 8);
    const tile = await fetch(`${inWorkers}/api/tiles/accessibility/8/${x}/${y}.mvt`);
    expect(tile.status).toBe(200);
    expect(pool.pending).toBe(0);
  }, 120_000);

  it('ends the work of a client that goes away', async () => {
    const pool = new RoutingPool({ threads: 1, queue: 4 });
    const base = new URL(await serve(pool));
    await postThenHangUp(base.origin, '/api/accessibility', { minutes: 25 }, pool);
    // The same request again is computed anew (the aborted one was not kept) and answered.
    const again = await post(base.origin, { minutes: 25 });
    expect(again.status).toBe(200);
    expect((await again.json()).metadata.max_minutes).toBe(25);
  }, 120_000);
});
