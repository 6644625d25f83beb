/**
 * API benchmark: tile latency per layer and zoom (6-14), /api/territories latency, and the time
 * the same tile takes without HTTP (the tile service called in-process: in server mode that is
 * PostGIS's ST_AsMVT query; in embedded mode the layer query plus the Node encoding), so the
 * HTTP overhead shows as a ratio. Runs on the demo and on a large synthetic territory, in the
 * embedded mode and — when DATABASE_URL is set — on the PostgreSQL server.
 *
 *   npm run bench:api                                  # demo + large, embedded (+ server if DATABASE_URL)
 *   npm run bench:api -- --scales demo --modes server  # a subset
 *   npm run bench:api -- --samples 10                  # tiles sampled per layer and zoom
 *   npm run bench:api -- --parts territories           # only the list (tiles: only the tiles)
 *   npm run bench:api -- --parts isochrones            # POST /api/isochrones, end to end
 *   npm run bench:api -- --scales large --modes server --parts tiles --reuse --prefix tiles
 *                                                      # berceau_tiles_large, a copy of the large one
 *   npm run bench:api -- --parts tiles --layers accessibility,roads   # only these layers
 *
 * Tiles are measured with the memory cache off and the tile store on, as the server runs it: the
 * low zooms rendered ahead first (timed), then served from the store (`--store off`: every
 * request renders its tile); a last line per territory gives the first and the repeated request
 * of each distinct tile with the memory cache on. The server's start-up work (render-ahead, gap
 * zones brought up to date) is awaited and timed apart before the first request, and one untimed
 * pass over zooms 6-7 of the stored layers warms the process. `--layers communes,gapzones` times
 * only those layers.
 *
 * /api/territories is timed to its last byte (as curl's time_total), with the client's decoding of
 * the body into a string beside it.
 *
 * POST /api/isochrones (10, 20 and 30 minutes by car from points spread over the territory) is
 * timed end to end: snapping, search, polygons, and the children and places of each band in SQL.
 * The first request, which builds the routing graph, is reported apart, and so is the wait after
 * it for the car hierarchy's contraction (started in the background by that request, ~30 s of
 * CPU) to end: the timed requests measure a warmed server, as in production, not one sharing its
 * cores with the contraction. Its end is read from the process's CPU time (the contraction runs
 * in this process, in slices of its event loop or in its routing threads): it is over when the
 * process stays idle for a second. Five more requests from other points, timed apart, then let
 * each pooled connection run the sums once (its first run costs ~100 ms more).
 *
 * Targets: tile p95 < 50 ms on the server for the large territory, API overhead
 * < 1.3x the in-process render, /api/territories?level=commune for 35,000 communes < 1 s.
 */
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { DEFAULT_TILE_CACHE_MB } from '../server/src/config/config';
import { prepareCellTiles } from '../server/src/features/accessibility/cell-tiles';
import { AccessibilityService } from '../server/src/features/accessibility/service';
import { loadDemo } from '../server/src/features/demo/service';
import { LAYERS } from '../server/src/features/tiles/catalogue';
import { createTileService } from '../server/src/features/tiles/service';
import { PREPARED_LAYERS, STORED_LAYERS } from '../server/src/features/tiles/tile-store';
import { TravelService } from '../server/src/features/travel/service';
import { createApp, startupWork } from '../server/src/http/app';
import { createLogger } from '../server/src/logging/logger';
import { PUBLIC_VIEWER } from '../server/src/kernel';
import { openBenchDatabase, sampleTiles } from './fixtures';

const { values } = parseArgs({
  options: {
    modes: { type: 'string', default: process.env.DATABASE_URL ? 'embedded,server' : 'embedded' },
    scales: { type: 'string', default: 'demo,large' },
    samples: { type: 'string', default: '12' },
    communes: { type: 'string', default: '35000' },
    childminders: { type: 'string', default: '250000' },
    // tiles (with the cache line after them), territories, isochrones
    parts: { type: 'string', default: 'tiles,territories,isochrones' },
    // on: low zooms rendered ahead into the tile store, then served from it
    store: { type: 'string', default: 'on' },
    // server mode: time the database a killed run left, without generating it again
    reuse: { type: 'boolean', default: false },
    // server mode: leave the database for a later --reuse run
    keep: { type: 'boolean', default: false },
    // server mode: the database berceau_<prefix>_<scale> (another copy than bench:api's own)
    prefix: { type: 'string', default: 'bench' },
    // tiles: only these layers (comma-separated ids; default: every layer)
    layers: { type: 'string' },
  },
});
const SAMPLES = Number(values.samples);
const PARTS = new Set(values.parts!.split(','));
const STORE = values.store !== 'off';
const ZOOMS = [6, 7, 8, 9, 10, 11, 12, 13, 14];
const TIMED_LAYERS = values.layers
  ? LAYERS.filter((layer) => values.layers!.split(',').includes(layer.id))
  : LAYERS;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    p50: percentile(s, 50),
    p95: percentile(s, 95),
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
};
const ms = (x: number) => x.toFixed(1).padStart(8);

/** What a reused database holds, as loadDemo reports it. */
async function countsOf(db: Awaited<ReturnType<typeof openBenchDatabase>>['db']) {
  const count = async (table: string) => Number((await db.knex(table).count({ n: '*' }))[0].n);
  return {
    communes: await count('commune'),
    childminders: await count('childminder'),
    roadEdges: await count('road_edge'),
    demandCells: await count('demand_cell'),
  };
}

async function bench(mode: string, scale: string) {
  const t0 = performance.now();
  const { db, drop } = await openBenchDatabase(mode, scale, {
    reuse: values.reuse,
    prefix: values.prefix,
  });
  const options =
    scale === 'large'
      ? { communes: Number(values.communes), childminders: Number(values.childminders) }
      : {};
  const load = values.reuse
    ? { counts: await countsOf(db), generateMs: 0, loadMs: 0 }
    : await loadDemo(db, options);
  console.log(
    `\n## ${scale} territory, ${mode} mode — ${load.counts.communes} communes, ${load.counts.childminders} childminders, ${load.counts.roadEdges} road edges, ${load.counts.demandCells} demand-grid cells (open ${((load.generateMs + load.loadMs) / 1000).toFixed(1)} s load incl. generation; total ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );

  // The memory cache is off here: every request renders its tile or reads it from the store
  // (the figures of the targets). What the cache changes is measured after the table.
  if (STORE && PARTS.has('tiles')) {
    const a = performance.now();
    // As the server does: the `accessibility` figures brought up to date first (kept per data
    // version: a --reuse run finds them).
    const accessibility = new AccessibilityService(db.knex, new TravelService(db.knex));
    const ahead = await createTileService(db, {
      store: true,
      prepareAhead: () => prepareCellTiles(accessibility, {}),
    }).renderAhead();
    console.log(
      `Render-ahead into the tile store: ${ahead!.rendered} tiles rendered, ${ahead!.stored} stored (with features), ${((performance.now() - a) / 1000).toFixed(1)} s`,
    );
  }
  const app = createApp({
    config: { clientDir: '/nonexistent', basemapStyleUrl: null, tileCacheMb: 0, tileStore: STORE },
    db,
    logger: createLogger('silent'),
    prepareAhead: true,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  // What the server does once at start (the store's render-ahead, the gap zones brought up to
  // date) is timed apart: the requests below measure a started server.
  const s = performance.now();
  await startupWork(app);
  console.log(`Server start-up work: ${((performance.now() - s) / 1000).toFixed(1)} s`);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (PARTS.has('tiles')) {
    const tiles = createTileService(db);
    const { rows } = await db.knex.raw(
      `SELECT ST_XMin(e) a, ST_YMin(e) b, ST_XMax(e) c, ST_YMax(e) d FROM (SELECT ST_Extent(geom) e FROM commune) s`,
    );
    const bbox = [rows[0].a, rows[0].b, rows[0].c, rows[0].d];

    // A warmed server, as in production: one untimed pass over zooms 6-7 of the stored layers
    // (other samples than the timed ones), whatever --layers says. A process's first large
    // tiles take several times longer than the next ones, whatever the tile (its heap grows,
    // and this client's gunzip runs here too).
    const warmStart = performance.now();
    let warmed = 0;
    for (const layer of LAYERS) {
      if (!STORED_LAYERS.has(layer.id) || PREPARED_LAYERS.has(layer.id)) continue;
      for (const z of [6, 7]) {
        if (z < layer.minzoom || z > layer.maxzoom) continue;
        for (const t of sampleTiles(bbox, z, SAMPLES, z * 104729 + layer.id.length)) {
          await (
            await fetch(`${base}/api/tiles/${layer.id}/${t.z}/${t.x}/${t.y}.mvt`)
          ).arrayBuffer();
          warmed++;
        }
      }
    }
    console.log(
      `Warm-up: ${warmed} tiles of zooms 6-7 asked once, untimed (${((performance.now() - warmStart) / 1000).toFixed(1)} s)`,
    );

    console.log(
      '\n| layer | z | tiles | from store | HTTP p50 ms | HTTP p95 ms | render p50 ms | render p95 ms | HTTP/render (p50) | HTTP − render (p50 ms) | req/s (4 parallel) | mean KB | mean KB sent |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    const worst = { p95: 0, where: '' };
    const allHttp: number[] = [];
    const allRender: number[] = [];
    const prepared: string[] = [];
    for (const layer of TIMED_LAYERS) {
      // A layer whose figures the route prepares (prepareLayer: accessibility, gapzones) pays
      // for it at its first request after a start or a data change: timed apart.
      const first = sampleTiles(bbox, layer.minzoom, 1, 1)[0];
      const a = performance.now();
      await (
        await fetch(`${base}/api/tiles/${layer.id}/${first.z}/${first.x}/${first.y}.mvt`)
      ).arrayBuffer();
      prepared.push(`${layer.id} ${(performance.now() - a).toFixed(0)} ms`);
      for (const z of ZOOMS) {
        if (z < layer.minzoom || z > layer.maxzoom) continue;
        const sample = sampleTiles(bbox, z, SAMPLES, z * 7919 + layer.id.length);
        const http: number[] = [];
        const render: number[] = [];
        let bytes = 0;
        let sent = 0;
        let fromStore = 0;
        for (const t of sample) {
          const a = performance.now();
          // Node's fetch, as a browser, asks for gzip (Accept-Encoding: gzip, deflate) and
          // uncompresses the body: the time includes the client's gunzip.
          const res = await fetch(`${base}/api/tiles/${layer.id}/${t.z}/${t.x}/${t.y}.mvt`);
          const body = await res.arrayBuffer();
          if (res.headers.get('server-timing')?.includes('store hit')) fromStore++;
          http.push(performance.now() - a);
          bytes += body.byteLength;
          sent += Number(res.headers.get('content-length') ?? body.byteLength);
          const b = performance.now();
          await tiles.renderTile(layer, t, {}, PUBLIC_VIEWER);
          render.push(performance.now() - b);
        }
        const start = performance.now();
        const queue = [...sample, ...sample];
        await Promise.all(
          Array.from({ length: 4 }, async () => {
            for (let t = queue.pop(); t; t = queue.pop())
              await (
                await fetch(`${base}/api/tiles/${layer.id}/${t.z}/${t.x}/${t.y}.mvt`)
              ).arrayBuffer();
          }),
        );
        const rps = (sample.length * 2) / ((performance.now() - start) / 1000);
        const h = stats(http);
        const r = stats(render);
        if (h.p95 > worst.p95) Object.assign(worst, { p95: h.p95, where: `${layer.id} z${z}` });
        allHttp.push(...http);
        allRender.push(...render);
        console.log(
          `| ${layer.id} | ${z} | ${sample.length} | ${fromStore} | ${ms(h.p50)} | ${ms(h.p95)} | ${ms(r.p50)} | ${ms(r.p95)} | ${(h.p50 / r.p50).toFixed(2)} | ${(h.p50 - r.p50).toFixed(2)} | ${rps.toFixed(0)} | ${(bytes / sample.length / 1024).toFixed(1)} | ${(sent / sample.length / 1024).toFixed(1)} |`,
        );
      }
    }
    const sumHttp = allHttp.reduce((a, b) => a + b, 0);
    const sumRender = allRender.reduce((a, b) => a + b, 0);
    const all = stats(allHttp);
    console.log(
      `\nAll tiles: HTTP p50 ${all.p50.toFixed(1)} ms, p95 ${all.p95.toFixed(1)} ms (target p95 < 50 ms on the server, large territory)`,
    );
    console.log(`Worst layer/zoom tile p95: ${worst.p95.toFixed(1)} ms (${worst.where})`);
    console.log(`First request per layer (untimed above): ${prepared.join(', ')}`);
    console.log(
      `API overhead over the in-process render, summed over every tile: ${(sumHttp / sumRender).toFixed(2)}x (target < 1.3x); mean absolute ${((sumHttp - sumRender) / allHttp.length).toFixed(2)} ms per tile`,
    );

    // With the tile cache as the server runs it by default: each sampled tile asked twice.
    const cachedApp = createApp({
      config: {
        clientDir: '/nonexistent',
        basemapStyleUrl: null,
        tileCacheMb: DEFAULT_TILE_CACHE_MB,
      },
      db,
      logger: createLogger('silent'),
    });
    const cachedServer = cachedApp.listen(0, '127.0.0.1');
    await new Promise((r) => cachedServer.once('listening', r));
    const cachedBase = `http://127.0.0.1:${(cachedServer.address() as AddressInfo).port}`;
    const firstAsk: number[] = [];
    const againAsk: number[] = [];
    for (const layer of TIMED_LAYERS) {
      for (const z of ZOOMS) {
        if (z < layer.minzoom || z > layer.maxzoom) continue;
        const unique = new Map(
          sampleTiles(bbox, z, SAMPLES, z * 7919 + layer.id.length).map((t) => [
            `${t.x}/${t.y}`,
            t,
          ]),
        );
        for (const t of unique.values()) {
          for (const into of [firstAsk, againAsk]) {
            const a = performance.now();
            const res = await fetch(`${cachedBase}/api/tiles/${layer.id}/${t.z}/${t.x}/${t.y}.mvt`);
            await res.arrayBuffer();
            into.push(performance.now() - a);
          }
        }
      }
    }
    cachedServer.close();
    cachedServer.closeAllConnections();
    const f = stats(firstAsk);
    const g = stats(againAsk);
    console.log(
      `With the tile cache (${DEFAULT_TILE_CACHE_MB} MB), ${firstAsk.length} distinct tiles: first request p50 ${f.p50.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms; same tile again p50 ${g.p50.toFixed(1)} ms, p95 ${g.p95.toFixed(1)} ms`,
    );
  }

  if (PARTS.has('territories')) {
    // Latency is the time to the last byte, as an HTTP client such as curl reports it; decoding
    // the 28 MB of UTF-8 into a string is the client's own work, shown beside it.
    console.log(
      '\n| /api/territories | features | p50 ms | p95 ms | p50 ms incl. text decode | MB |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const level of ['departement', 'epci', 'commune']) {
      const times: number[] = [];
      const decoded: number[] = [];
      let size = 0;
      let count = 0;
      for (let i = 0; i < 7; i++) {
        const a = performance.now();
        const res = await fetch(`${base}/api/territories?level=${level}`);
        const bytes = await res.arrayBuffer();
        times.push(performance.now() - a);
        const text = new TextDecoder().decode(bytes);
        decoded.push(performance.now() - a);
        size = bytes.byteLength;
        count = (text.match(/"type":"Feature"/g) ?? []).length;
      }
      const s = stats(times);
      console.log(
        `| level=${level} | ${count} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(stats(decoded).p50)} | ${(size / 1e6).toFixed(1)} |`,
      );
    }
  }
  if (PARTS.has('isochrones')) {
    const { rows } = await db.knex.raw(
      `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM commune ORDER BY md5(code) LIMIT 36) s`,
    );
    // rows[0]: the first request; 1-30: timed; 31-35: the pool's warm-up (below).
    const timed = rows.slice(1, 31);
    const warmup = rows.slice(31);
    // Server-Timing: routing (snap, search, polygons), cells (the grid cells inside the bands,
    // counted in the server) and sql (the bands' other sums); rest = HTTP, checks and JSON.
    const split = {
      routing: [] as number[],
      cells: [] as number[],
      sql: [] as number[],
      rest: [] as number[],
    };
    const ask = async (point: { lon: number; lat: number }) => {
      const a = performance.now();
      const res = await fetch(`${base}/api/isochrones`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          lon: point.lon,
          lat: point.lat,
          minutes: [10, 20, 30],
          mode: 'car',
        }),
      });
      const body = (await res.json()) as { features?: unknown[] };
      if (!res.ok) throw new Error(`isochrone: HTTP ${res.status} ${JSON.stringify(body)}`);
      const total = performance.now() - a;
      const timing = Object.fromEntries(
        (res.headers.get('server-timing') ?? '')
          .split(',')
          .map((part) => part.trim().match(/^(\w+);dur=([\d.]+)$/))
          .filter((m) => m !== null)
          .map((m) => [m[1], Number(m[2])]),
      );
      return {
        total,
        routing: timing.routing ?? NaN,
        cells: timing.cells ?? NaN,
        sql: timing.sql ?? NaN,
      };
    };
    const first = await ask(rows[0]);
    const warm = await contractionOver();
    // A warmed server, as in production: each pooled connection's first isochrone pays for
    // PostgreSQL's plan of the sums and PostGIS's set-up (~100 ms more), once per connection
    // kept (idle ones are kept ten minutes). Asked from other points, timed apart.
    const cold: number[] = [];
    for (const point of warmup) cold.push((await ask(point)).total);
    const times: number[] = [];
    for (const point of timed) {
      const t = await ask(point);
      times.push(t.total);
      split.routing.push(t.routing);
      split.cells.push(t.cells);
      split.sql.push(t.sql);
      split.rest.push(t.total - t.routing - t.cells - t.sql);
    }
    const s = stats(times);
    const part = (xs: number[]) => `${stats(xs).p50.toFixed(1)} / ${stats(xs).p95.toFixed(1)}`;
    console.log(
      `\nPOST /api/isochrones, 10/20/30 min by car from ${times.length} commune points: p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms (first request, graph build included: ${first.total.toFixed(0)} ms; then ${(warm / 1000).toFixed(1)} s until the car hierarchy was built; then ${cold.length} requests warming the pool's connections, untimed above: ${cold.map((t) => t.toFixed(0)).join(', ')} ms)`,
    );
    console.log(
      `  p50 / p95 ms: routing (snap, search, polygons) ${part(split.routing)}; grid cells ${part(split.cells)}; SQL ${part(split.sql)}; rest (HTTP, checks, JSON) ${part(split.rest)}; load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
  }
  server.close();
  server.closeAllConnections();
  if (values.keep) await db.close();
  else await drop();
}

for (const scale of values.scales!.split(',')) {
  for (const mode of values.modes!.split(',')) {
    await bench(mode, scale);
  }
}

/**
 * Waits until this process has used under 5 % of a core over a whole second (the background
 * contraction over), at most two minutes; returns the time waited (ms).
 */
async function contractionOver(): Promise<number> {
  const a = performance.now();
  for (;;) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    await new Promise((r) => setTimeout(r, 1000));
    const used = process.cpuUsage(cpu);
    const share = (used.user + used.system) / 1000 / (performance.now() - t);
    if (share < 0.05 || performance.now() - a > 120_000) return performance.now() - a;
  }
}
