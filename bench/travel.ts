/**
 * Benchmark of the routing core (server/src/domain/routing) on a synthetic road network.
 *
 *   npm run bench:travel                 (BENCH_GRID=512 BENCH_ORIGINS=50 by default)
 *
 * The network is a seeded, perturbed grid with a class hierarchy, about 500,000 edges over
 * ~77 km × 77 km: a motorway every 128 lines, a primary road every 32, a secondary every 8,
 * residential streets between them (15% one-way, 3% missing), three-point geometries, speeds
 * left at 0 so that the per-class defaults apply, rows shuffled as a database may return them. Everything is measured in this process, warm
 * (after a few untimed runs), on one core.
 */
import { performance } from 'node:perf_hooks';
import {
  Router,
  buildGraph,
  departureSeeds,
  isochronePolygons,
  snapToNetwork,
  travelTimeMatrix,
  type RoadEdgeInput,
  type RoadGraph,
  type Seed,
  type TravelMode,
} from '../server/src/domain/routing/index';

const GRID = Number(process.env.BENCH_GRID ?? 512);
const ORIGINS = Number(process.env.BENCH_ORIGINS ?? 50);
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
      speedKmh: 0,
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

function settledMemory(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.external; // typed arrays live outside the heap, counted in external
}

const table: [string, string, string][] = [];
const row = (what: string, value: string, note = '') => {
  table.push([what, value, note]);
  console.error(`  ${what}: ${value} ${note}`);
};

function isochroneRuns(graph: RoadGraph, router: Router, mode: TravelMode, minutes: number, seed: number) {
  const random = seededRandom(seed);
  const snapMs: number[] = [];
  const routingMs: number[] = [];
  const polygonMs: number[] = [];
  const totalMs: number[] = [];
  const reached: number[] = [];
  const cells: number[] = [];
  const warmUp = 5;
  for (let k = 0; k < ORIGINS + warmUp; k++) {
    const t0 = performance.now();
    const origin = snapToNetwork(graph, randomPoint(random), mode);
    if (!origin.reachable) continue;
    const t1 = performance.now();
    const tree = router.run(departureSeeds(graph, origin), { mode, maxSeconds: minutes * 60 });
    const t2 = performance.now();
    const { bands, cell_m } = isochronePolygons(graph, tree, origin, [minutes / 3, (2 * minutes) / 3, minutes]);
    const t3 = performance.now();
    if (k < warmUp) continue;
    snapMs.push(t1 - t0);
    routingMs.push(t2 - t1);
    polygonMs.push(t3 - t2);
    totalMs.push(t3 - t0);
    reached.push(tree.reached.length);
    cells.push(cell_m);
    if (bands.features[2].geometry.coordinates.length === 0) throw new Error('empty isochrone');
  }
  const label = `${minutes}-min ${mode} isochrone (3 bands)`;
  row(`${label}, snapping`, `p50 ${ms(quantile(snapMs, 0.5))}`, `p95 ${ms(quantile(snapMs, 0.95))}`);
  row(`${label}, routing`, `p50 ${ms(quantile(routingMs, 0.5))}`, `p95 ${ms(quantile(routingMs, 0.95))}; median ${quantile(reached, 0.5)} nodes reached`);
  row(`${label}, polygons`, `p50 ${ms(quantile(polygonMs, 0.5))}`, `p95 ${ms(quantile(polygonMs, 0.95))}; median cell ${quantile(cells, 0.5).toFixed(0)} m`);
  row(`${label}, total`, `p50 ${ms(quantile(totalMs, 0.5))}`, `p95 ${ms(quantile(totalMs, 0.95))} over ${totalMs.length} origins`);
}

/** The graph of the synthetic network, timed; the input rows do not outlive this function. */
function buildSyntheticGraph(): { graph: RoadGraph; buildMs: number } {
  const edges = syntheticNetwork(seededRandom(42));
  const t0 = performance.now();
  const graph = buildGraph(edges);
  return { graph, buildMs: performance.now() - t0 };
}

function main() {
  console.error(`Generating a ${GRID}×${GRID} synthetic network…`);
  const before = settledMemory();
  const { graph, buildMs } = buildSyntheticGraph();
  const after = settledMemory(); // the input rows are garbage by now: only the graph stays
  row('network', `${graph.edgeCount.toLocaleString('en')} edges`, `${graph.nodeCount.toLocaleString('en')} nodes, ${graph.arcCount.toLocaleString('en')} arcs, ${((GRID * SPACING_M) / 1000).toFixed(0)} km a side`);
  row('graph build', ms(buildMs), 'CSR + costs + segment index');
  row('graph memory', mb(after - before), 'heap + array buffers retained by the graph');

  const router = new Router(graph);
  isochroneRuns(graph, router, 'car', 30, 7);
  isochroneRuns(graph, router, 'walk', 15, 8);

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
  row('multi-source, 500 facilities, 30 min car: routing', `p50 ${ms(quantile(multiMs, 0.5))}`, `${covered.toLocaleString('en')} nodes labelled with their nearest facility`);

  // Matrix: 2,000 origins × 300 facilities within 30 min by car.
  const origins = Array.from({ length: 2000 }, (_, i) => ({ id: i, ...randomPoint(random) }));
  const sites = facilities.slice(0, 300);
  const t4 = performance.now();
  const matrix = travelTimeMatrix(graph, origins, sites, { mode: 'car', maxMinutes: 30, router });
  const matrixMs = performance.now() - t4;
  row('matrix 2,000 × 300, 30 min car', ms(matrixMs), `${matrix.rows.length.toLocaleString('en')} rows, ${matrix.direction} searches (${(matrixMs / sites.length).toFixed(1)} ms each)`);

  // ---------------------------------------------------------------------------------------
  // TODO(server mode): the demo network loaded from the database (road_edge) and the same
  // isochrones by pgRouting's pgr_drivingDistance on a PostgreSQL server, for comparison of
  // latency and of reached nodes. Not implemented here: the embedded database has no pgRouting,
  // and no figure is printed for it until it is measured.
  // ---------------------------------------------------------------------------------------
  row('demo network from the database / pgr_drivingDistance', 'not measured', 'to be added (server mode)');

  const width = Math.max(...table.map(([w]) => w.length));
  const valueWidth = Math.max(...table.map(([, v]) => v.length));
  console.log(`\nRouting core benchmark (node ${process.version}, seeded synthetic grid ${GRID}×${GRID})\n`);
  for (const [what, value, note] of table) console.log(`${what.padEnd(width)}  ${value.padEnd(valueWidth)}  ${note}`);
}

main();
