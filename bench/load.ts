/**
 * Load benchmark: the server as a separate process (as `npm start` runs it) under a crowd of
 * clients on loopback, bounded in time, by autocannon. Two scenarios per database mode and
 * territory:
 *   1. tiles and lists: `--clients` connections (4 in 5 on vector tiles of several layers and
 *      zooms, 1 in 5 on /api/territories, /api/layers, /api/facilities, /api/health);
 *   2. the same, with `--isochrone-clients` more connections posting isochrones (10, 20 and
 *      30 minutes by car from commune points).
 * Prints requests/s, errors (non-2xx answers and socket errors, timeouts included) and p50/p99
 * per kind of request, with the machine's load (`uptime`) before and after, and the issue's
 * targets as met or missed (server mode: 0 errors and p99 < 500 ms for tiles and lists; with
 * isochrones, tiles p99 < 1 s). Isochrones refused because the routing queue is full (503 with
 * Retry-After) are counted apart: that is the designed answer to overload.
 *
 *   npm run bench:load                                       # demo, embedded (+ server if DATABASE_URL)
 *   npm run bench:load -- --modes server --clients 200 --duration 60
 *   npm run bench:load -- --duration 10 --scales demo,large  # large: the synthetic territory of bench:api
 *   npm run bench:load -- --modes server --instances 1,2     # one server process, then two
 *   npm run bench:load -- --modes server --isochrone-delay 15  # isochrones once the crowd is in
 *
 * A busy Node process accepts one new connection per turn of its event loop (libuv), so the
 * crowd's connections, all opened at once, get in over seconds, the last opened (the isochrone
 * clients) last. `--isochrone-delay` starts the isochrone clients that many seconds after the
 * others (for the rest of the duration): the isochrones then measure a crowd already connected.
 *
 * The rate limit of heavy endpoints is turned off (BERCEAU_HEAVY_REQUESTS_PER_MINUTE=0): every
 * client here shares one address, and the point is the server's own capacity. The tile cache is
 * the server's default (a crowd looking at the same map is what it is for). The clients run in
 * this process, on the same two cores as the server: figures are a floor.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadDemo } from '../server/src/features/demo/service';
import { LAYERS } from '../server/src/features/tiles/catalogue';
import { startServer, stopServer, type StartedServer } from '../server/test/processes';
import { openBenchDatabase, sampleTiles } from './fixtures';

const { values } = parseArgs({
  options: {
    modes: { type: 'string', default: process.env.DATABASE_URL ? 'embedded,server' : 'embedded' },
    scales: { type: 'string', default: 'demo' },
    clients: { type: 'string', default: '200' },
    'isochrone-clients': { type: 'string', default: '10' },
    'isochrone-delay': { type: 'string', default: '0' },
    duration: { type: 'string', default: '60' },
    instances: { type: 'string', default: '1' },
    communes: { type: 'string', default: '35000' },
    childminders: { type: 'string', default: '250000' },
  },
});
const CLIENTS = Number(values.clients);
const ISOCHRONE_CLIENTS = Number(values['isochrone-clients']);
const ISOCHRONE_DELAY_S = Number(values['isochrone-delay']);
const DURATION_S = Number(values.duration);
const TILE_ZOOMS = [6, 8, 10, 12];
const TILE_LAYERS = ['communes', 'epci', 'departements', 'gaps', 'eaje', 'mam', 'childminders'];

const uptime = () =>
  `load ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} (${os.cpus().length} cores)`;

interface Mix {
  tiles: string[];
  lists: string[];
  points: { lon: number; lat: number }[];
}

/** Prepare the database (the demo, or the large synthetic territory) and the URLs to ask. */
async function prepare(mode: string, scale: string, dataDir: string) {
  const { db, url, drop } = await openBenchDatabase(mode, scale, { dataDir, prefix: 'load' });
  const options =
    scale === 'large'
      ? { communes: Number(values.communes), childminders: Number(values.childminders) }
      : {};
  const load = await loadDemo(db, options);
  const { rows } = await db.knex.raw(
    `SELECT ST_XMin(e) a, ST_YMin(e) b, ST_XMax(e) c, ST_YMax(e) d FROM (SELECT ST_Extent(geom) e FROM commune) s`,
  );
  const bbox = [rows[0].a, rows[0].b, rows[0].c, rows[0].d];
  const points = (
    await db.knex.raw(
      `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM commune ORDER BY md5(code) LIMIT 40) s`,
    )
  ).rows;
  const dep = (await db.knex.raw(`SELECT code FROM departement ORDER BY code LIMIT 1`)).rows[0]
    .code;
  await db.close();
  const tiles: string[] = [];
  for (const id of TILE_LAYERS) {
    const layer = LAYERS.find((l) => l.id === id)!;
    for (const z of TILE_ZOOMS) {
      if (z < layer.minzoom || z > layer.maxzoom) continue;
      for (const t of sampleTiles(bbox, z, 6, z * 7919 + id.length))
        tiles.push(`/api/tiles/${id}/${t.z}/${t.x}/${t.y}.mvt`);
    }
  }
  const [w, s, e, n] = bbox as number[];
  const mid = [(w + e) / 2, (s + n) / 2];
  const lists = [
    '/api/territories?level=departement',
    '/api/territories?level=epci',
    // Every commune of the large territory is a 28 MB answer: only the demo's are in the mix.
    ...(scale === 'large' ? [] : ['/api/territories?level=commune']),
    `/api/territories/departement/${dep}`,
    '/api/layers',
    '/api/health',
    `/api/facilities?bbox=${[mid[0] - 0.1, mid[1] - 0.1, mid[0] + 0.1, mid[1] + 0.1].map((x) => x.toFixed(4)).join(',')}`,
  ];
  return {
    url,
    drop: () => (mode === 'server' ? drop().catch(() => undefined) : Promise.resolve()),
    counts: load.counts,
    mix: { tiles, lists, points } as Mix,
  };
}

interface Figures {
  rps: number;
  requests: number;
  errors: number;
  detail: string;
  p50: number;
  p99: number;
}

/** What a run's answers and errors were, by when they came (ms since the run started). */
interface Timeline {
  start: number;
  answers: { at: number; ms: number; status: number }[];
  errors: { at: number; kind: string }[];
}

/** One autocannon run over `paths` (GET) or isochrone bodies, spread over the instances. */
function run(
  urls: string[],
  connections: number,
  requests: autocannon.Request[],
  timeline?: Timeline,
  duration = DURATION_S,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        // Several URLs: autocannon spreads the connections over them (one per server process).
        url: urls as unknown as string,
        connections,
        duration,
        timeout: 10,
        // As a browser asks: tiles kept gzip-compressed are then sent as kept.
        headers: { 'accept-encoding': 'gzip' },
        requests,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    if (timeline) {
      timeline.start = performance.now();
      const at = () => performance.now() - timeline.start;
      instance.on('response', (_client, status, _bytes, ms) =>
        timeline.answers.push({ at: at(), ms, status }),
      );
      instance.on('reqError', (error) =>
        timeline.errors.push({
          at: at(),
          kind: /timed out/.test(String(error)) ? 'timeout' : 'error',
        }),
      );
    }
  });
}

/**
 * Answers and errors per 5 s of a run, by when they came: whether the slow answers and
 * timeouts gather at the start of the crowd or spread over the run.
 */
function timelineLines(t: Timeline): string {
  const parts: string[] = [];
  for (let from = 0; from < (DURATION_S - ISOCHRONE_DELAY_S) * 1000; from += 5000) {
    const inWindow = t.answers.filter((a) => a.at >= from && a.at < from + 5000);
    const ms = inWindow.map((a) => a.ms).sort((a, b) => a - b);
    const errors = t.errors.filter((e) => e.at >= from && e.at < from + 5000);
    const timeouts = errors.filter((e) => e.kind === 'timeout').length;
    const p50 = ms.length > 0 ? ms[Math.floor(ms.length / 2)].toFixed(0) : '-';
    const max = ms.length > 0 ? ms[ms.length - 1].toFixed(0) : '-';
    parts.push(
      `${from / 1000}–${from / 1000 + 5} s: ${ms.length} answers (p50 ${p50} ms, max ${max} ms, ${inWindow.filter((a) => a.status === 503).length} refused 503), ${timeouts} timeouts, ${errors.length - timeouts} other errors`,
    );
  }
  return parts.join('; ');
}

function figures(r: autocannon.Result, refused503 = false): Figures & { refused: number } {
  const byStatus = (r as unknown as { statusCodeStats?: Record<string, { count: number }> })
    .statusCodeStats;
  const refused = refused503 ? (byStatus?.['503']?.count ?? 0) : 0;
  const non2xx = r.non2xx - refused;
  return {
    rps: r.requests.average,
    requests: r.requests.total,
    errors: non2xx + r.errors,
    detail: `${non2xx} non-2xx, ${r.errors} socket errors (${r.timeouts} timeouts)`,
    p50: r.latency.p50,
    p99: r.latency.p99,
    refused,
  };
}

/** Cycle through paths: each connection starts at a different place of the list. */
function getRequests(paths: string[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }),
    },
  ];
}

function isochroneRequests(points: { lon: number; lat: number }[]): autocannon.Request[] {
  let next = 0;
  return [
    {
      method: 'POST',
      path: '/api/isochrones',
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => {
        const p = points[next++ % points.length];
        return {
          ...req,
          body: JSON.stringify({ lon: p.lon, lat: p.lat, minutes: [10, 20, 30], mode: 'car' }),
        };
      },
    },
  ];
}

const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');

function line(kind: string, f: Figures & { refused: number }, target?: number, mode?: string) {
  const goal =
    target !== undefined && mode === 'server'
      ? ` | target 0 errors, p99 < ${target} ms: ${mark(f.errors === 0 && f.p99 < target)}`
      : '';
  const refused = f.refused > 0 ? `, ${f.refused} refused 503 (queue full)` : '';
  console.log(
    `| ${kind} | ${f.requests} | ${f.rps.toFixed(0)} | ${f.errors} (${f.detail}${refused}) | ${f.p50} | ${f.p99}${goal} |`,
  );
}

async function scenario(
  mode: string,
  urls: string[],
  mix: Mix,
  withIsochrones: boolean,
): Promise<void> {
  const before = uptime();
  const tileClients = Math.max(1, Math.round(CLIENTS * 0.8));
  const listClients = Math.max(1, CLIENTS - tileClients);
  const timeline: Timeline = { start: 0, answers: [], errors: [] };
  const runs = [
    run(urls, tileClients, getRequests(mix.tiles)),
    run(urls, listClients, getRequests(mix.lists)),
    ...(withIsochrones
      ? [
          new Promise((resolve) => setTimeout(resolve, ISOCHRONE_DELAY_S * 1000)).then(() =>
            run(
              urls,
              ISOCHRONE_CLIENTS,
              isochroneRequests(mix.points),
              timeline,
              DURATION_S - ISOCHRONE_DELAY_S,
            ),
          ),
        ]
      : []),
  ];
  // The clients share this process: how late its own event loop ran says whether a slow answer
  // was the server's or the clients'.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const [tiles, lists, isochrones] = await Promise.all(runs);
  lag.disable();
  console.log(
    `\n${withIsochrones ? `Tiles and lists (${tileClients} + ${listClients} clients) with ${ISOCHRONE_CLIENTS} clients posting isochrones${ISOCHRONE_DELAY_S > 0 ? ` from ${ISOCHRONE_DELAY_S} s on` : ''}` : `Tiles and lists (${tileClients} + ${listClients} clients)`}, ${DURATION_S} s; before: ${before}; after: ${uptime()}`,
  );
  console.log(
    `Clients' event loop delay: p99 ${(lag.percentile(99) / 1e6).toFixed(0)} ms, max ${(lag.max / 1e6).toFixed(0)} ms`,
  );
  console.log('| requests | total | req/s | errors | p50 ms | p99 ms |');
  console.log('|---|---|---|---|---|---|');
  line('tiles', figures(tiles), withIsochrones ? 1000 : 500, mode);
  line('lists', figures(lists), withIsochrones ? undefined : 500, mode);
  if (isochrones) {
    line('isochrones', figures(isochrones, true));
    console.log(`Isochrones over time: ${timelineLines(timeline)}`);
  }
}

/**
 * Five isochrones (10, 20, 30 minutes by car) one after another on the idle server, with the
 * split its Server-Timing header gives (routing in a worker, sums in SQL).
 */
async function isochronesAlone(url: string, mix: Mix): Promise<string> {
  const out: string[] = [];
  for (const p of mix.points.slice(0, 5)) {
    const a = performance.now();
    const r = await fetch(`${url}/api/isochrones`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lon: p.lon, lat: p.lat, minutes: [10, 20, 30], mode: 'car' }),
    });
    await r.arrayBuffer();
    out.push(
      `${(performance.now() - a).toFixed(0)} ms (${r.headers.get('server-timing') ?? r.status})`,
    );
  }
  return out.join('; ');
}

async function bench(mode: string, scale: string, instances: number) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-load-'));
  const t0 = performance.now();
  const prepared = await prepare(mode, scale, dataDir);
  const env: Record<string, string> = {
    BERCEAU_HEAVY_REQUESTS_PER_MINUTE: '0',
    BERCEAU_AUTOLOAD_DEMO: 'false',
    // The line that says the start-up work is done is at level info.
    LOG_LEVEL: 'info',
    ...(prepared.url ? { DATABASE_URL: prepared.url } : { BERCEAU_DATA_DIR: dataDir }),
  };
  const servers: StartedServer[] = [];
  try {
    for (let i = 0; i < instances; i++) servers.push(await startServer(env));
    const urls = servers.map((s) => s.url);
    // What a server does once at start (the store's render-ahead, the gap zones) is not what
    // the crowd measures: timed apart, before the warm-up.
    const s = performance.now();
    for (const server of servers) {
      while (!server.output().includes('start-up work done')) {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    console.log(
      `\nServer start-up work done after ${((performance.now() - s) / 1000).toFixed(1)} s`,
    );
    // Warm up: every instance builds its routing graph and renders each tile once.
    for (const u of urls) {
      const p = prepared.mix.points[0];
      await fetch(`${u}/api/isochrones`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lon: p.lon, lat: p.lat, minutes: [10], mode: 'car' }),
      }).then((r) => r.arrayBuffer());
      for (const t of prepared.mix.tiles) await fetch(`${u}${t}`).then((r) => r.arrayBuffer());
    }
    // Each list alone on the idle server: what a crowd multiplies.
    const alone: string[] = [];
    for (const l of prepared.mix.lists) {
      const a = performance.now();
      const bytes = await fetch(`${urls[0]}${l}`).then((r) => r.arrayBuffer());
      alone.push(
        `${l} ${(performance.now() - a).toFixed(0)} ms (${(bytes.byteLength / 1024).toFixed(0)} KB)`,
      );
    }
    console.log(
      `\n## ${scale} territory, ${mode} mode, ${instances} server process${instances > 1 ? 'es' : ''} — ${prepared.counts.communes} communes, ${prepared.counts.roadEdges} road edges; ${prepared.mix.tiles.length} tile URLs (${TILE_LAYERS.join(', ')} at z${TILE_ZOOMS.join('/')}), ${prepared.mix.lists.length} list URLs (prepared in ${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
    console.log(`Lists alone on the idle server: ${alone.join('; ')}`);
    console.log(
      `Isochrones alone on the idle server: ${await isochronesAlone(urls[0], prepared.mix)}`,
    );
    await scenario(mode, urls, prepared.mix, false);
    await scenario(mode, urls, prepared.mix, true);
  } finally {
    for (const s of servers) await stopServer(s.child);
    await prepared.drop();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

for (const scale of values.scales!.split(',')) {
  for (const mode of values.modes!.split(',')) {
    for (const n of values.instances!.split(',').map(Number)) {
      if (mode === 'embedded' && n > 1) {
        console.log(
          `\n(${scale}, embedded mode: one process only — the data directory has one owner; --instances ${n} is for server mode)`,
        );
        continue;
      }
      await bench(mode, scale, n);
    }
  }
}
