/**
 * Benchmark of a what-if scenario's recomputation (POST /api/scenario) on the demo territory,
 * end to end over HTTP: one change of each kind (add a MAM, close a place, change a place's
 * places). "Cold" is the first scenario after the server starts (the baseline of the data version
 * is computed then: accessibility run, car times from the cells to the places, coverage); "warm"
 * is the p50/p95 of the next runs of the same change kind, each on a different site so that no
 * answer is reused.
 *
 *   npm run bench:scenario                       (BENCH_RUNS=20; embedded mode)
 *   DATABASE_URL=postgres://… npm run bench:scenario   (the PostgreSQL server)
 *
 * Target: warm one change < 200 ms on the demo.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadDemo } from '../server/src/features/demo/service';
import { createApp } from '../server/src/http/app';
import { createLogger } from '../server/src/logging/logger';
import { openBenchDatabase } from './fixtures';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const mode = process.env.DATABASE_URL ? 'server' : 'embedded';
  const { db, drop } = await openBenchDatabase(mode, 'demo', { prefix: 'scenario' });
  await loadDemo(db, { seed: 42 });
  const app = createApp({
    config: { clientDir: '/nonexistent', basemapStyleUrl: null, tileCacheMb: 0 },
    db,
    logger: createLogger('silent'),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (body: unknown) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/scenario`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`${res.status} ${text.slice(0, 300)}`);
    return ms;
  };

  // Places open in the demo's latest year, and points spread over the populated cells.
  const { rows: eajes } = await db.knex.raw(
    `SELECT 'eaje-' || id AS id FROM eaje WHERE places > 0 AND closed_year IS NULL ORDER BY id`,
  );
  const { rows: points } = await db.knex.raw(
    `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
     FROM commune ORDER BY code`,
  );
  const changes = {
    'add a MAM': (k: number) => ({
      op: 'add',
      kind: 'mam',
      lon: points[k % points.length].lon,
      lat: points[k % points.length].lat,
      places: 16,
    }),
    'close a place': (k: number) => ({ op: 'close', facility: eajes[k % eajes.length].id }),
    'change places': (k: number) => ({
      op: 'set_places',
      facility: eajes[k % eajes.length].id,
      places: 5,
    }),
  };
  console.log(
    `\n## POST /api/scenario, one change, demo (${mode} mode), ${os.cpus().length} cores, loadavg ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log('\n| change | cold ms | warm p50 ms | warm p95 ms | runs |');
  console.log('|---|---|---|---|---|');
  let first = true;
  for (const [name, make] of Object.entries(changes)) {
    const cold = await post({ name, changes: [make(0)], minutes: 15 });
    const warm: number[] = [];
    for (let k = 1; k <= RUNS; k++)
      warm.push(await post({ name, changes: [make(k)], minutes: 15 }));
    warm.sort((a, b) => a - b);
    console.log(
      `| ${name} | ${first ? cold.toFixed(0) : `${cold.toFixed(0)} (baseline already built)`} | ${percentile(warm, 50).toFixed(0)} | ${percentile(warm, 95).toFixed(0)} | ${RUNS} |`,
    );
    first = false;
  }
  server.closeAllConnections();
  server.close();
  await drop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
