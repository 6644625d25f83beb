/**
 * Benchmark of the routing core (server/src/domain/routing) on a synthetic road network.
 *
 *   npm run bench:travel                 (BENCH_GRID=512 BENCH_ORIGINS=50 by default)
 *
 * The network is a seeded, perturbed grid with a class hierarchy, about 500,000 edges over
 * ~77 km × 77 km: a motorway every 128 lines, a primary road every 32, a secondary every 8,
 * residential streets between them (15% one-way, 3% missing), three-point geometries, speeds
 * left at 0 so that the per-class defaults apply, rows shuffled as a database may return them.
 * Everything is measured in this process, warm (after a few untimed runs), on one core.
 *
 * Isochrones are timed as the server runs them, with the car hierarchy (contracted here, timed)
 * swept for searches that reach much of the graph, and again with the bounded Dijkstra alone;
 * the "break-even" rows compare both searches by the share of the graph reached.
 *
 * Also measured: the fictional demo's network (generated in-process, seed 42). With DATABASE_URL
 * set (server mode), both graphs are copied into a scratch database on that server (created and
 * dropped by the benchmark) and pgRouting's pgr_drivingDistance runs from the same origin nodes
 * with the same limit and the same per-edge costs, side by side with our search, as a ratio:
 *
 *   DATABASE_URL=postgres://… npm run bench:travel      (BENCH_PG_ORIGINS=10 by default)
 */
import { performance } from 'node:perf_hooks';
import knexFactory, { type Knex } from 'knex';
import { generateTerritory } from '../server/src/domain/demo';
import {
  HierarchySweep,
  Router,
  buildGraph,
  buildHierarchy,
  departureSeeds,
  isochronePolygons,
  isochroneSearch,
  snapToNetwork,
  SWEEP_MIN_REACHED_SHARE,
  travelTimeMatrix,
  type RoadEdgeInput,
  type RoadGraph,
  type Seed,
  type TravelMode,
} from '../server/src/domain/routing/index';

const GRID = Number(process.env.BENCH_GRID ?? 512);
const ORIGINS = Number(process.env.BENCH_ORIGINS ?? 50);
const PG_ORIGINS = Number(process.env.BENCH_PG_ORIGINS ?? 10);
const DATABASE_URL = process.env.DATABASE_URL ?? null;
const SPACING_M = 150;
const CENTRE = { lon: 4.85, lat: 45.75 };

function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const metresPerDegLat = 111_195;
const metresPerDegLon = metresPerDegLat * Math.cos((CENTRE.lat * Math.PI) / 180);
const toLonLat = (x_m: number, y_m: number): [number, number] => [
  CENTRE.lon + (x_m - (GRID * SPACING_M) / 2) / metresPerDegLon,
  CENTRE.lat + (y_m - (GRID * SPACING_M) / 2) / metresPerDegLat,
];

function lineClass(k: number): string {
  if (k % 128 === 0) return 'motorway';
  if (k % 32 === 0) return 'primary';
  if (k % 8 === 0) return 'secondary';
  return 'residential';
}

/** The synthetic network: a GRID × GRID perturbed grid of streets. */
function syntheticNetwork(random: () => number): RoadEdgeInput[] {
  const x = new Float64Array(GRID * GRID);
  const y = new Float64Array(GRID * GRID);
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      x[r * GRID + c] = c * SPACING_M + (random() - 0.5) * 0.5 * SPACING_M;
      y[r * GRID + c] = r * SPACING_M + (random() - 0.5) * 0.5 * SPACING_M;
    }
  }
  const edges: RoadEdgeInput[] = [];
  const add = (a: number, b: number, roadClass: string) => {
    if (roadClass === 'residential' && random() < 0.03) return;
    const oneway = roadClass === 'residential' && random() < 0.15;
    const [s, t] = oneway && random() < 0.5 ? [b, a] : [a, b];
    const mx = (x[s] + x[t]) / 2 + (random() - 0.5) * 20;
    const my = (y[s] + y[t]) / 2 + (random() - 0.5) * 20;
    const length = Math.hypot(mx - x[s], my - y[s]) + Math.hypot(x[t] - mx, y[t] - my);
    edges.push({
      id: edges.length + 1,
      source: 1_000_000_000 + s,
      target: 1_000_000_000 + t,
      roadClass,
      speedLimitKmh: 0,
      oneway,
      lengthM: length,
      coordinates: [toLonLat(x[s], y[s]), toLonLat(mx, my), toLonLat(x[t], y[t])],
    });
  };
  for (let r = 0; r < GRID; r++) {
    for (let c = 0; c < GRID; c++) {
      const n = r * GRID + c;
      if (c + 1 < GRID) add(n, n + 1, lineClass(r));
      if (r + 1 < GRID) add(n, n + GRID, lineClass(c));
    }
  }
  // Rows come out of a database in no useful order: shuffle them (Fisher–Yates).
  for (let i = edges.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [edges[i], edges[j]] = [edges[j], edges[i]];
  }
  return edges;
}

function randomPoint(random: () => number) {
  const [lon, lat] = toLonLat(random() * (GRID - 1) * SPACING_M, random() * (GRID - 1) * SPACING_M);
  return { lon, lat };
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const ms = (v: number) => `${v.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/**
 * Heap and array buffers after a full collection. A turn of the event loop first: the memory of
 * collected array buffers is given back in the background, after the collection.
 */
async function settledMemory(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external; // typed arrays live outside the heap, counted in external
}

const table: [string, string, string][] = [];
const row = (what: string, value: string, note = '') => {
  table.push([what, value, note]);
  console.error(`  ${what}: ${value} ${note}`);
};

/** One way to run an isochrone search: with a hierarchy's sweep (as served) or the router alone. */
interface SearchVariant {
  label: string;
  sweep?: HierarchySweep;
}

/**
 * Isochrones from ORIGINS random points, snapping, search and polygons timed apart, for each
 * variant of the search: the variants take turns at each origin (in alternating order), so
 * that a slow minute of the machine falls on all of them alike.
 */
function isochroneRuns(
  graph: RoadGraph,
  router: Router,
  mode: TravelMode,
  minutes: number,
  seed: number,
  variants: SearchVariant[],
  randomOrigin: (random: () => number) => { lon: number; lat: number } = randomPoint,
  prefix = '',
) {
  const random = seededRandom(seed);
  const timings = variants.map(() => ({
    snapMs: [] as number[],
    routingMs: [] as number[],
    polygonMs: [] as number[],
    totalMs: [] as number[],
    reached: [] as number[],
    cells: [] as number[],
  }));
  const warmUp = 5;
  for (let k = 0; k < ORIGINS + warmUp; k++) {
    const point = randomOrigin(random);
    for (let turn = 0; turn < variants.length; turn++) {
      const v = (turn + k) % variants.length;
      const t0 = performance.now();
      const origin = snapToNetwork(graph, point, mode);
      if (!origin.reachable) continue;
      const t1 = performance.now();
      // As isochrones() runs it: times only, by the hierarchy's sweep when given and the search
      // reaches much of the graph, by the router otherwise.
      const tree = isochroneSearch(graph, origin, mode, minutes * 60, {
        router,
        sweep: variants[v].sweep,
      });
      const t2 = performance.now();
      const { bands, cell_m } = isochronePolygons(graph, tree, origin, [
        minutes / 3,
        (2 * minutes) / 3,
        minutes,
      ]);
      const t3 = performance.now();
      if (bands.features[2].geometry.coordinates.length === 0) throw new Error('empty isochrone');
      if (k < warmUp) continue;
      const t = timings[v];
      t.snapMs.push(t1 - t0);
      t.routingMs.push(t2 - t1);
      t.polygonMs.push(t3 - t2);
      t.totalMs.push(t3 - t0);
      t.reached.push(tree.reached.length);
      t.cells.push(cell_m);
    }
  }
  variants.forEach((variant, v) => {
    const { snapMs, routingMs, polygonMs, totalMs, reached, cells } = timings[v];
    const label = `${prefix}${minutes}-min ${mode} isochrone (3 bands)${variant.label}`;
    row(
      `${label}, snapping`,
      `p50 ${ms(quantile(snapMs, 0.5))}`,
      `p95 ${ms(quantile(snapMs, 0.95))}`,
    );
    row(
      `${label}, routing`,
      `p50 ${ms(quantile(routingMs, 0.5))}`,
      `p95 ${ms(quantile(routingMs, 0.95))}; median ${quantile(reached, 0.5)} nodes reached`,
    );
    row(
      `${label}, polygons`,
      `p50 ${ms(quantile(polygonMs, 0.5))}`,
      `p95 ${ms(quantile(polygonMs, 0.95))}; median cell ${quantile(cells, 0.5).toFixed(0)} m`,
    );
    row(
      `${label}, total`,
      `p50 ${ms(quantile(totalMs, 0.5))}`,
      `p95 ${ms(quantile(totalMs, 0.95))} over ${totalMs.length} origins`,
    );
  });
  return timings[0];
}

/**
 * The sweep against a bounded Dijkstra from the same origins (30 min by car), by the share of
 * the graph reached: where the sweep starts to pay (SWEEP_MIN_REACHED_SHARE). Each origin's
 * time is the median of 3 runs of each, alternated.
 */
function breakEven(graph: RoadGraph, router: Router, sweep: HierarchySweep) {
  const random = seededRandom(17);
  const classes = [0, 0.2, 0.3, 0.4, 0.5, 1.01];
  const byClass = classes.slice(1).map(() => ({ dijkstra: [] as number[], sweep: [] as number[] }));
  for (let k = 0; k < ORIGINS; k++) {
    const origin = snapToNetwork(graph, randomPoint(random), 'car');
    if (!origin.reachable) continue;
    const seeds = departureSeeds(graph, origin);
    const d: number[] = [];
    const w: number[] = [];
    let reached = 0;
    for (let rep = 0; rep < 3; rep++) {
      const t0 = performance.now();
      reached = router.run(seeds, { mode: 'car', maxSeconds: 1800, trace: false }).reached.length;
      const t1 = performance.now();
      sweep.run(seeds, { maxSeconds: 1800 });
      const t2 = performance.now();
      d.push(t1 - t0);
      w.push(t2 - t1);
    }
    const share = reached / graph.nodeCount;
    const c = classes.findIndex((upper, i) => i > 0 && share < upper) - 1;
    byClass[c].dijkstra.push(quantile(d, 0.5));
    byClass[c].sweep.push(quantile(w, 0.5));
  }
  byClass.forEach(({ dijkstra, sweep: swept }, c) => {
    if (dijkstra.length === 0) return;
    const range = `${(100 * classes[c]).toFixed(0)}–${Math.min(100, 100 * classes[c + 1]).toFixed(0)}%`;
    row(
      `break-even, ${range} of the nodes reached`,
      `${ms(quantile(dijkstra, 0.5))} / ${ms(quantile(swept, 0.5))}`,
      `bounded Dijkstra / sweep, median over ${dijkstra.length} origins${classes[c] >= SWEEP_MIN_REACHED_SHARE ? ' (swept when served)' : ''}`,
    );
  });
}

/** The graph of the synthetic network, timed; the input rows do not outlive this function. */
function buildSyntheticGraph(): { graph: RoadGraph; buildMs: number } {
  const edges = syntheticNetwork(seededRandom(42));
  const t0 = performance.now();
  const graph = buildGraph(edges);
  return { graph, buildMs: performance.now() - t0 };
}

/** The demo territory's network (fictional, seed 42), as the database would hand it over. */
function demoNetwork(): RoadEdgeInput[] {
  return generateTerritory({ seed: 42 }).roads.map(({ speedKmh, ...r }) => ({
    ...r,
    speedLimitKmh: speedKmh,
    coordinates: r.coordinates as [number, number][],
  }));
}

/** Origin nodes for the pgRouting comparison: the nodes nearest to seeded random points. */
function originNodes(graph: RoadGraph, count: number, seed: number): number[] {
  const random = seededRandom(seed);
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (let n = 0; n < graph.nodeCount; n++) {
    west = Math.min(west, graph.nodeLon[n]);
    east = Math.max(east, graph.nodeLon[n]);
    south = Math.min(south, graph.nodeLat[n]);
    north = Math.max(north, graph.nodeLat[n]);
  }
  const nodes: number[] = [];
  while (nodes.length < count) {
    const p = { lon: west + random() * (east - west), lat: south + random() * (north - south) };
    const snap = snapToNetwork(graph, p, 'car', { maxSnapDistance_m: Infinity });
    if (!snap.reachable) continue;
    nodes.push(snap.fraction < 0.5 ? graph.edgeSource[snap.edge] : graph.edgeTarget[snap.edge]);
  }
  return nodes;
}

/** A scratch database on the server of DATABASE_URL with pgRouting, dropped afterwards. */
async function withScratchDatabase<T>(url: string, fn: (knex: Knex) => Promise<T>): Promise<T> {
  const admin = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
  const name = `berceau_bench_${process.pid}`;
  await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
  await admin.raw('CREATE DATABASE ??', [name]);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const knex = knexFactory({
    client: 'pg',
    connection: scratch.toString(),
    pool: { min: 0, max: 1 },
  });
  try {
    await knex.raw('CREATE EXTENSION pgrouting CASCADE');
    return await fn(knex);
  } finally {
    await knex.destroy();
    await admin.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
    await admin.destroy();
  }
}

/**
 * The graph's car costs copied to a table pgRouting reads: one row per edge with our own
 * Float32 costs in seconds (reverse_cost -1 where one-way forbids), so both sides route on
 * exactly the same weights.
 */
async function copyGraph(knex: Knex, graph: RoadGraph, table: string) {
  await knex.raw(
    'CREATE TABLE ?? (id bigint PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8)',
    [table],
  );
  const { edgeForward_s, edgeBackward_s } = graph.costs.car;
  const BATCH = 20_000;
  for (let start = 0; start < graph.edgeCount; start += BATCH) {
    const batch = [];
    for (let e = start; e < Math.min(graph.edgeCount, start + BATCH); e++) {
      const cost = edgeForward_s[e];
      const reverse = edgeBackward_s[e];
      batch.push([
        graph.edgeIds[e],
        graph.nodeIds[graph.edgeSource[e]],
        graph.nodeIds[graph.edgeTarget[e]],
        cost < Infinity ? cost : -1,
        reverse < Infinity ? reverse : -1,
      ]);
    }
    await knex.raw(
      `INSERT INTO ?? SELECT (r->>0)::bigint, (r->>1)::bigint, (r->>2)::bigint, (r->>3)::float8, (r->>4)::float8
       FROM json_array_elements(?::json) AS r`,
      [table, JSON.stringify(batch)],
    );
  }
  await knex.raw('ANALYZE ??', [table]);
}

/**
 * pgr_drivingDistance and our Router from the same nodes with the same limit (car): latency of
 * each, the ratio, and whether both reach the same nodes.
 */
async function compareWithPgRouting(
  knex: Knex,
  label: string,
  graph: RoadGraph,
  table: string,
  minutes: number,
  isochroneTotalMs: number[],
) {
  await copyGraph(knex, graph, table);
  const origins = originNodes(graph, PG_ORIGINS + 1, 99);
  const router = new Router(graph);
  const pgMs: number[] = [];
  const oursMs: number[] = [];
  let sameReach = 0;
  for (let k = 0; k < origins.length; k++) {
    const node = origins[k];
    const t0 = performance.now();
    const { rows } = await knex.raw(
      // pgRouting reads the edges with a query of its own: the table's name is quoted by the server.
      `SELECT count(*)::int AS n FROM pgr_drivingDistance(
         format('SELECT id, source, target, cost, reverse_cost FROM %I', ?::text), ?::bigint, ?::float8, true)`,
      [table, graph.nodeIds[node], minutes * 60],
    );
    const t1 = performance.now();
    const tree = router.run([{ node, cost_s: 0 }], { mode: 'car', maxSeconds: minutes * 60 });
    const t2 = performance.now();
    if (k === 0) continue; // warm-up: first read of the table by this connection
    pgMs.push(t1 - t0);
    oursMs.push(t2 - t1);
    // Nodes at the limit may fall either side by Float32 vs Float64 rounding: allow 0.1%.
    if (Math.abs(rows[0].n - tree.reached.length) <= Math.max(1, 0.001 * rows[0].n)) sameReach++;
  }
  const pg50 = quantile(pgMs, 0.5);
  const ours50 = quantile(oursMs, 0.5);
  row(
    `${label}: pgr_drivingDistance ${minutes} min car`,
    `p50 ${ms(pg50)}`,
    `p95 ${ms(quantile(pgMs, 0.95))} over ${pgMs.length} origin nodes (query, whole edge table read per call as pgRouting does)`,
  );
  row(
    `${label}: our search, same nodes and limit`,
    `p50 ${ms(ours50)}`,
    `p95 ${ms(quantile(oursMs, 0.95))}; same reached-node count for ${sameReach}/${pgMs.length} origins`,
  );
  const ratio = (x: number) => `${x >= 10 ? x.toFixed(0) : x.toPrecision(2)}×`;
  row(
    `${label}: pgRouting ÷ our search`,
    ratio(pg50 / ours50),
    'p50 ÷ p50, the same search on both sides',
  );
  if (isochroneTotalMs.length > 0) {
    row(
      `${label}: pgRouting ÷ our whole isochrone`,
      ratio(pg50 / quantile(isochroneTotalMs, 0.5)),
      'p50 ÷ p50; ours also snaps the point and draws 3 bands, pgRouting only lists reached nodes',
    );
  }
}

async function main() {
  console.error('Demo network (fictional, seed 42)…');
  const demoEdges = demoNetwork();
  const d0 = performance.now();
  const demo = buildGraph(demoEdges);
  const demoBuildMs = performance.now() - d0;
  row(
    'demo network',
    `${demo.edgeCount.toLocaleString('en')} edges`,
    `${demo.nodeCount.toLocaleString('en')} nodes`,
  );
  row('demo graph build', ms(demoBuildMs));
  const demoRouter = new Router(demo);
  const demoSweep = new HierarchySweep(buildHierarchy(demo, 'car'));
  const demoPoint = (random: () => number) => {
    const e = Math.floor(random() * demo.edgeCount);
    const k = demo.vertexOffsets[e];
    return {
      lon: demo.vertices[2 * k] + (random() - 0.5) * 0.01,
      lat: demo.vertices[2 * k + 1] + (random() - 0.5) * 0.01,
    };
  };
  const demoIso = isochroneRuns(
    demo,
    demoRouter,
    'car',
    30,
    5,
    [{ label: '', sweep: demoSweep }],
    demoPoint,
    'demo: ',
  );

  console.error(`Generating a ${GRID}×${GRID} synthetic network…`);
  const before = await settledMemory();
  const { graph, buildMs } = buildSyntheticGraph();
  const after = await settledMemory(); // the input rows are garbage by now: only the graph stays
  row(
    'network',
    `${graph.edgeCount.toLocaleString('en')} edges`,
    `${graph.nodeCount.toLocaleString('en')} nodes, ${graph.arcCount.toLocaleString('en')} arcs, ${((GRID * SPACING_M) / 1000).toFixed(0)} km a side`,
  );
  row('graph build', ms(buildMs), 'CSR + costs + segment index');
  row('graph memory', mb(after - before), 'heap + array buffers retained by the graph');

  console.error('Contracting the car hierarchy…');
  const beforeHierarchy = await settledMemory();
  const h0 = performance.now();
  const hierarchy = buildHierarchy(graph, 'car');
  const hierarchyMs = performance.now() - h0;
  const sweep = new HierarchySweep(hierarchy);
  row(
    'car hierarchy build',
    ms(hierarchyMs),
    `${hierarchy.shortcuts.toLocaleString('en')} shortcuts; the server contracts it in the background, in slices, from the first isochrone`,
  );
  row(
    'car hierarchy memory',
    mb((await settledMemory()) - beforeHierarchy),
    'climbing and descending arcs, pass order, one sweep scratch',
  );

  const router = new Router(graph);
  const carIso = isochroneRuns(graph, router, 'car', 30, 7, [
    { label: '', sweep },
    { label: ', Dijkstra only' },
  ]);
  isochroneRuns(graph, router, 'walk', 15, 8, [{ label: '', sweep }]);
  breakEven(graph, router, sweep);

  // Multi-source: nearest of 500 facilities for every node within 30 min by car.
  const random = seededRandom(11);
  const facilities = Array.from({ length: 500 }, (_, i) => ({ id: i, ...randomPoint(random) }));
  const multiMs: number[] = [];
  const snapMs: number[] = [];
  let covered = 0;
  for (let k = 0; k < 6; k++) {
    const t1 = performance.now();
    const seeds: Seed[] = [];
    facilities.forEach((f, i) => {
      const s = snapToNetwork(graph, f, 'car');
      if (s.reachable) seeds.push(...departureSeeds(graph, s, i));
    });
    const t2 = performance.now();
    const tree = router.run(seeds, { mode: 'car', maxSeconds: 1800 });
    const t3 = performance.now();
    covered = tree.reached.length;
    if (k === 0) continue;
    snapMs.push(t2 - t1);
    multiMs.push(t3 - t2);
  }
  row('multi-source, 500 facilities, 30 min car: snapping', `p50 ${ms(quantile(snapMs, 0.5))}`);
  row(
    'multi-source, 500 facilities, 30 min car: routing',
    `p50 ${ms(quantile(multiMs, 0.5))}`,
    `${covered.toLocaleString('en')} nodes labelled with their nearest facility`,
  );

  // Matrix: 2,000 origins × 300 facilities within 30 min by car.
  const origins = Array.from({ length: 2000 }, (_, i) => ({ id: i, ...randomPoint(random) }));
  const sites = facilities.slice(0, 300);
  const t4 = performance.now();
  const matrix = travelTimeMatrix(graph, origins, sites, { mode: 'car', maxMinutes: 30, router });
  const matrixMs = performance.now() - t4;
  row(
    'matrix 2,000 × 300, 30 min car',
    ms(matrixMs),
    `${matrix.rows.length.toLocaleString('en')} rows, ${matrix.direction} searches (${(matrixMs / sites.length).toFixed(1)} ms each)`,
  );

  if (DATABASE_URL) {
    console.error('Server mode: pgr_drivingDistance on the same graphs…');
    try {
      await withScratchDatabase(DATABASE_URL, async (knex) => {
        const { rows } = await knex.raw(
          "SELECT extversion FROM pg_extension WHERE extname = 'pgrouting'",
        );
        row('pgRouting', rows[0].extversion, `PostgreSQL server of DATABASE_URL, scratch database`);
        await compareWithPgRouting(knex, 'demo', demo, 'demo_edge', 30, demoIso.totalMs);
        await compareWithPgRouting(
          knex,
          `synthetic ${GRID}×${GRID}`,
          graph,
          'synthetic_edge',
          30,
          carIso.totalMs,
        );
      });
    } catch (error) {
      row(
        'pgr_drivingDistance',
        'not measured',
        `pgRouting unavailable on this server: ${(error as Error).message.split('\n')[0]}`,
      );
    }
  } else {
    row(
      'pgr_drivingDistance',
      'not measured',
      'embedded mode: set DATABASE_URL to a PostgreSQL server with pgRouting to compare',
    );
  }

  const width = Math.max(...table.map(([w]) => w.length));
  const valueWidth = Math.max(...table.map(([, v]) => v.length));
  console.log(
    `\nRouting core benchmark (node ${process.version}, seeded synthetic grid ${GRID}×${GRID}${DATABASE_URL ? ', server mode' : ''})\n`,
  );
  for (const [what, value, note] of table)
    console.log(`${what.padEnd(width)}  ${value.padEnd(valueWidth)}  ${note}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
