import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestServer, type TestServer } from '../../../test/database';
import type { Database } from '../../db/database';
import { loadDemo } from '../demo/service';
import { RoutingPool } from './routing-pool';
import { postThenHangUp } from '../../../test/hang-up';

/**
 * The travel endpoints with their routing in worker threads (as the server runs them): the same
 * answers as routing in the request thread, a bounded queue (503 routing_busy with Retry-After
 * past it), and no work left running when the client goes away.
 */

const POINT = { lon: 2.35, lat: 46.95 };

async function centreOfDemo(db: Database) {
  const { rows } = await db.knex.raw(
    `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM commune ORDER BY code LIMIT 1) s`,
  );
  return rows[0] as { lon: number; lat: number };
}

const isochrone = (base: string, point: { lon: number; lat: number }, minutes = [10, 20, 30]) =>
  fetch(`${base}/api/isochrones`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...point, minutes, mode: 'car' }),
  });

describe('routing in worker threads', () => {
  let db: Database;
  let point = POINT;
  const pools: RoutingPool[] = [];
  const servers: TestServer[] = [];

  async function serve(pool?: RoutingPool) {
    if (pool) pools.push(pool);
    const server = await startTestServer(db, undefined, null, { routing: pool });
    servers.push(server);
    return server.baseUrl;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db);
    point = await centreOfDemo(db);
  }, 300_000);

  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const p of pools) await p.close();
    await db?.close();
  });

  it('answers isochrones and times to the nearest place exactly as routing in the request thread', async () => {
    const inThread = await serve();
    const inWorkers = await serve(new RoutingPool({ threads: 1, queue: 4 }));
    const a = await isochrone(inThread, point);
    const b = await isochrone(inWorkers, point);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const isoA = await a.json();
    expect(isoA.features.length).toBe(3);
    expect(await b.json()).toEqual(isoA);

    for (const q of ['level=commune&target=eaje', 'level=grid&target=formal&mode=walk']) {
      const x = await fetch(`${inThread}/api/travel/nearest?${q}`);
      const y = await fetch(`${inWorkers}/api/travel/nearest?${q}`);
      expect(y.status).toBe(200);
      const nearest = await x.json();
      expect(
        (nearest.features as { properties: { minutes: number | null } }[]).filter(
          (f) => f.properties.minutes !== null,
        ).length,
      ).toBeGreaterThan(10);
      expect(await y.json()).toEqual(nearest);
    }
  }, 180_000);

  it('refuses routing past its queue with 503 routing_busy and Retry-After, in the error shape', async () => {
    const pool = new RoutingPool({ threads: 1, queue: 1 });
    const base = await serve(pool);
    // Six at once: one runs, one waits, the others are refused at once.
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => isochrone(base, point, [30, 60])),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 503, 503, 503, 503]);
    const refused = answers.find((r) => r.status === 503)!;
    expect(refused.headers.get('retry-after')).toBe('2');
    const body = await refused.json();
    expect(body).toEqual({
      error: { code: 'routing_busy', message: expect.stringContaining('retry in 2 seconds') },
    });
    expect(pool.pending).toBe(0);
  }, 180_000);

  it('drops the routing task of a client that goes away: nothing left running, its thread kept', async () => {
    const pool = new RoutingPool({ threads: 1, queue: 4 });
    const base = new URL(await serve(pool));
    // Hung up while the thread starts (a warm thread could answer first on the demo's roads).
    await postThenHangUp(
      base.origin,
      '/api/isochrones',
      { ...point, minutes: [60], mode: 'walk' },
      pool,
    );
    // The thread that had the task is still there (an ended one would be gone) and answers next.
    const threads = pool.threadIds;
    expect(threads.length).toBe(1);
    expect((await isochrone(base.origin, point, [10])).status).toBe(200);
    expect(pool.threadIds).toEqual(threads);
  }, 180_000);
});
