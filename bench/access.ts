/**
 * Benchmark of the accessibility engine (server/src/domain/accessibility) on synthetic, seeded
 * pairs shaped like real ones.
 *
 *   npm run bench:access                           (both scenarios, 30 timed repeats)
 *   npm run bench:access -- --scenarios departement --repeats 50
 *   npm run bench:access -- --scenarios demo       (the demo, from the database: bench/access-demo.ts)
 *
 * Scenarios (each builds its pairs once, untimed, then times the engine on them):
 * - `departement`: ~10,000 populated 200 m cells × 300 sites of a département-size territory
 *   (100 km × 100 km: a prefecture, sub-prefectures, bourgs, villages and scattered farms), pairs
 *   within 30 min, as the routing matrix hands them over (by cell, then site);
 * - `national`: 35,000 communes × 12,000 sites of a France-size territory (740 km × 740 km: a
 *   Paris-like metropolis, regional cities, towns, rural communes), pairs within 30 min.
 * Travel times are straight-line distances at a speed standing for the roads (slower in towns)
 * plus a minute or two at each end; they shape the pair counts, not the engine's work per pair.
 *
 * Rows: each method's engine step (buildCatchment + accessibility for one supply column), the
 * methods taking turns at each repeat so that a slow second of the machine falls on all alike,
 * wall time and the process's CPU time (less sensitive to other work on a shared machine);
 * E2SFCA on the same pairs shuffled (the engine sorts them); one more supply column on a built
 * catchment; the leakage by zone. Memory: the catchment's arrays, and the process's peak RSS.
 *
 * End-to-end rows (the matrix from the road network, then the engine) come in as scenarios
 * whose `build` is itself timed: set `timeBuild: true` and build the pairs from the routing core.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  accessibility,
  buildCatchment,
  zoneFlows,
  type AccessOptions,
  type Catchment,
} from '../server/src/domain/accessibility';
import { Random } from '../server/src/domain/demo/random';
import { benchDemo } from './access-demo';

const { values } = parseArgs({
  options: {
    scenarios: { type: 'string', default: 'departement,national' },
    repeats: { type: 'string', default: '30' },
  },
});
const REPEATS = Number(values.repeats);
const WARM_UP = 5;

/** What the engine is given: dense indices, children, places, and the pairs. */
interface PairSet {
  demand: Float64Array;
  supply: Float64Array;
  /** A second supply column (as MAM places beside EAJE places). */
  otherSupply: Float64Array;
  pairs: { origin: Int32Array; destination: Int32Array; cost: Float64Array };
  /** Zone of each demand location and site (as communes), for the leakage row. */
  demandZone: Int32Array;
  siteZone: Int32Array;
  zoneCount: number;
  note: string;
}

interface Scenario {
  name: string;
  title: string;
  build: () => PairSet | Promise<PairSet>;
  /** End-to-end scenarios: the build (matrix) is timed with the engine at each repeat. */
  timeBuild?: boolean;
}

const METHODS: { label: string; options: AccessOptions }[] = [
  { label: 'E2SFCA (steps 10=1,20=0.68,30=0.22)', options: { method: 'e2sfca' } },
  { label: '2SFCA (uniform, max 30)', options: { method: '2sfca', maxCost: 30 } },
  { label: '3SFCA (steps 10=1,20=0.68,30=0.22)', options: { method: '3sfca' } },
  { label: 'gravity (1/max(d,1), max 30)', options: { method: 'gravity', maxCost: 30 } },
];

// ---------------------------------------------------------------------------------------------
// Synthetic layouts

interface Place {
  x_km: number;
  y_km: number;
}

/** Pairs within `maxMinutes`, by origin then destination, through a bucket grid of the sites. */
function pairsWithin(
  origins: Place[],
  sites: Place[],
  minutes: (o: number, s: number, d_km: number) => number,
  maxMinutes: number,
  reach_km: number,
) {
  const cell = reach_km;
  const buckets = new Map<string, number[]>();
  sites.forEach((s, j) => {
    const key = `${Math.floor(s.x_km / cell)},${Math.floor(s.y_km / cell)}`;
    (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(j);
  });
  const origin: number[] = [];
  const destination: number[] = [];
  const cost: number[] = [];
  const near: number[] = [];
  origins.forEach((o, i) => {
    near.length = 0;
    const cx = Math.floor(o.x_km / cell);
    const cy = Math.floor(o.y_km / cell);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++) near.push(...(buckets.get(`${cx + dx},${cy + dy}`) ?? []));
    near.sort((a, b) => a - b);
    for (const j of near) {
      const d = Math.hypot(o.x_km - sites[j].x_km, o.y_km - sites[j].y_km);
      if (d > reach_km) continue;
      const t = minutes(i, j, d);
      if (t <= maxMinutes) {
        origin.push(i);
        destination.push(j);
        cost.push(Math.round(t * 100) / 100);
      }
    }
  });
  return {
    origin: Int32Array.from(origin),
    destination: Int32Array.from(destination),
    cost: Float64Array.from(cost),
  };
}

/** Places drawn for sites in proportion to weights (children), at a host's position. */
function drawSites(
  random: Random,
  count: number,
  hosts: Place[],
  weights: number[],
  jitter_km: number,
) {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  const sites: (Place & { host: number })[] = [];
  for (let k = 0; k < count; k++) {
    const x = random.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    const on = random.chance(0.5);
    sites.push({
      host: lo,
      x_km: hosts[lo].x_km + (on ? 0 : random.normal(0, jitter_km)),
      y_km: hosts[lo].y_km + (on ? 0 : random.normal(0, jitter_km)),
    });
  }
  return sites;
}

/** Places per site as EAJE and MAM lists have them: micro-crèches of 10-12, crèches of 20-60. */
function drawPlaces(random: Random, count: number) {
  const eaje = new Float64Array(count);
  const mam = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    if (random.chance(0.45)) mam[j] = random.int(8, 16);
    else eaje[j] = random.chance(0.4) ? random.int(10, 12) : random.int(20, 60);
  }
  return { eaje, mam };
}

function departement(): PairSet {
  const random = new Random(2024);
  const SIDE_KM = 100;
  // Settlements: size (cells) and spread of their cells.
  const settlements: { at: Place; cells: number; radius_km: number; urban: boolean }[] = [];
  const at = () => ({ x_km: random.range(3, SIDE_KM - 3), y_km: random.range(3, SIDE_KM - 3) });
  settlements.push({ at: { x_km: 42, y_km: 45 }, cells: 1500, radius_km: 4, urban: true });
  for (let k = 0; k < 3; k++)
    settlements.push({ at: at(), cells: 500, radius_km: 2.5, urban: true });
  for (let k = 0; k < 30; k++)
    settlements.push({ at: at(), cells: 90, radius_km: 1.2, urban: false });
  for (let k = 0; k < 250; k++)
    settlements.push({ at: at(), cells: 14, radius_km: 0.5, urban: false });
  const cells: Place[] = [];
  const urban: boolean[] = [];
  const children: number[] = [];
  const zone: number[] = [];
  settlements.forEach((s, z) => {
    for (let k = 0; k < s.cells; k++) {
      cells.push({
        x_km: s.at.x_km + random.normal(0, s.radius_km / 2),
        y_km: s.at.y_km + random.normal(0, s.radius_km / 2),
      });
      urban.push(s.urban);
      children.push(Math.max(1, Math.round(random.logNormal(s.urban ? 6 : 2.5, 0.7))));
      zone.push(z);
    }
  });
  while (cells.length < 10_000) {
    cells.push(at());
    urban.push(false);
    children.push(Math.max(1, Math.round(random.logNormal(1, 0.6))));
    zone.push(settlements.length);
  }
  const sites = drawSites(random, 300, cells, children, 0.3);
  // Minutes: 2 for both ends, then 25 km/h in town, 35 km/h (as the crow flies) elsewhere.
  const pairs = pairsWithin(
    cells,
    sites,
    (i, _j, d) => (d < 0.05 ? 0 : 2 + (d * 60) / (urban[i] && d < 4 ? 25 : 35)),
    30,
    30,
  );
  const { eaje, mam } = drawPlaces(random, sites.length);
  return {
    demand: Float64Array.from(children),
    supply: eaje,
    otherSupply: mam,
    pairs,
    demandZone: Int32Array.from(zone),
    siteZone: Int32Array.from(sites, (s) => zone[s.host]),
    zoneCount: settlements.length + 1,
    note: `${cells.length} cells, ${sites.length} sites, ${SIDE_KM} km × ${SIDE_KM} km`,
  };
}

function national(): PairSet {
  const random = new Random(1789);
  const SIDE_KM = 740;
  // Cities: population, radius of their built-up area, speed inside it (km/h as the crow flies).
  const cities: { at: Place; population: number; radius_km: number; speed: number }[] = [];
  const at = () => ({ x_km: random.range(20, SIDE_KM - 20), y_km: random.range(20, SIDE_KM - 20) });
  cities.push({ at: { x_km: 420, y_km: 520 }, population: 11_000_000, radius_km: 35, speed: 22 });
  const tiers = [
    { count: 3, population: 1_800_000, radius_km: 18, speed: 28 },
    { count: 8, population: 800_000, radius_km: 12, speed: 30 },
    { count: 30, population: 250_000, radius_km: 7, speed: 32 },
    { count: 120, population: 60_000, radius_km: 4, speed: 35 },
  ];
  for (const t of tiers)
    for (let k = 0; k < t.count; k++)
      cities.push({ at: at(), population: t.population, radius_km: t.radius_km, speed: t.speed });
  const communes: Place[] = [];
  const population: number[] = [];
  const speed: number[] = [];
  // Communes of the cities: ~3 km² each in the metropolis, ~8 km² elsewhere, bigger at the centre.
  cities.forEach((c, n) => {
    const count = Math.max(1, Math.round((Math.PI * c.radius_km ** 2) / (n === 0 ? 3 : 8)));
    const shares = Array.from(
      { length: count },
      (_, k) => (k === 0 ? count / 4 : 1) * random.logNormal(1, 0.8),
    );
    const total = shares.reduce((a, b) => a + b, 0);
    for (let k = 0; k < count; k++) {
      const r = k === 0 ? 0 : c.radius_km * Math.sqrt(random.float());
      const a = random.range(0, 2 * Math.PI);
      communes.push({ x_km: c.at.x_km + r * Math.cos(a), y_km: c.at.y_km + r * Math.sin(a) });
      population.push((c.population * shares[k]) / total);
      speed.push(c.speed);
    }
  });
  while (communes.length < 35_000) {
    communes.push(at());
    population.push(random.logNormal(420, 1.1));
    speed.push(50);
  }
  const children = population.map((p) => Math.max(0, Math.round(p * 0.032)));
  const sites = drawSites(
    random,
    12_000,
    communes,
    children.map((c) => c ** 1.1),
    1,
  );
  // Minutes: 2 for both ends, then the origin's speed (slow in cities).
  const pairs = pairsWithin(communes, sites, (i, _j, d) => 2 + (d * 60) / speed[i], 30, 30);
  const { eaje, mam } = drawPlaces(random, sites.length);
  return {
    demand: Float64Array.from(children),
    supply: eaje,
    otherSupply: mam,
    pairs,
    demandZone: Int32Array.from(communes, (_, i) => i),
    siteZone: Int32Array.from(sites, (s) => s.host),
    zoneCount: communes.length,
    note: `${communes.length} communes (${speed.filter((v) => v < 50).length} in cities), ${sites.length} sites, ${SIDE_KM} km × ${SIDE_KM} km`,
  };
}

const SCENARIOS: Scenario[] = [
  {
    name: 'departement',
    title: 'Département grid: 10,000 cells × 300 sites within 30 min',
    build: departement,
  },
  {
    name: 'national',
    title: 'France at commune level: 35,000 communes × 12,000 sites within 30 min',
    build: national,
  },
];

// ---------------------------------------------------------------------------------------------
// Timing

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const fmt = (xs: number[]) =>
  `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function catchmentBytes(c: Catchment): number {
  return [c.demand, c.rowStart, c.site, c.weight, c.pair, c.weightedDemand].reduce(
    (s, a) => s + a.byteLength,
    0,
  );
}

function shuffled(set: PairSet): PairSet['pairs'] {
  const n = set.pairs.cost.length;
  const order = Int32Array.from({ length: n }, (_, k) => k);
  new Random(99).shuffle(order as unknown as number[]);
  return {
    origin: Int32Array.from(order, (k) => set.pairs.origin[k]),
    destination: Int32Array.from(order, (k) => set.pairs.destination[k]),
    cost: Float64Array.from(order, (k) => set.pairs.cost[k]),
  };
}

async function runScenario(scenario: Scenario) {
  const t0 = performance.now();
  const set = await scenario.build();
  const buildMs = performance.now() - t0;
  const n = set.pairs.cost.length;
  console.log(`\n## ${scenario.title}`);
  console.log(
    `${n.toLocaleString('en')} pairs (${(n / set.demand.length).toFixed(1)} sites per location on average); ${set.note}; pairs built in ${buildMs.toFixed(0)} ms (untimed)`,
  );

  const random = shuffled(set);
  const variants = [
    ...METHODS.map((m) => ({ label: m.label, options: m.options, pairs: set.pairs })),
    { label: 'E2SFCA, pairs in random order', options: METHODS[0].options, pairs: random },
  ];
  const times = variants.map(() => [] as number[]);
  const cpu = variants.map(() => [] as number[]);
  const columnMs: number[] = [];
  const flowsMs: number[] = [];
  let catchment: Catchment | null = null;
  for (let rep = 0; rep < WARM_UP + REPEATS; rep++) {
    for (let turn = 0; turn < variants.length; turn++) {
      const v = (turn + rep) % variants.length;
      const { options, pairs } = variants[v];
      const cpu0 = process.cpuUsage();
      const a = performance.now();
      const built = buildCatchment(set.demand, set.supply.length, pairs, options);
      const result = accessibility(built, set.supply);
      const b = performance.now();
      const used = process.cpuUsage(cpu0);
      if (!(result.placesReached > 0)) throw new Error('no place reached');
      if (rep >= WARM_UP) {
        times[v].push(b - a);
        cpu[v].push((used.user + used.system) / 1000);
      }
      if (v === 0) catchment = built;
    }
    const c = performance.now();
    accessibility(catchment!, set.otherSupply);
    const d = performance.now();
    zoneFlows(catchment!, set.supply, {
      demandZone: set.demandZone,
      siteZone: set.siteZone,
      zoneCount: set.zoneCount,
    });
    const e = performance.now();
    if (rep >= WARM_UP) {
      columnMs.push(d - c);
      flowsMs.push(e - d);
    }
  }
  console.log(
    `\n| engine step (build + one supply column), ${REPEATS} repeats | wall time | CPU time p50 |`,
  );
  console.log('| --- | --- | --- |');
  variants.forEach((v, k) =>
    console.log(`| ${v.label} | ${fmt(times[k])} | ${quantile(cpu[k], 0.5).toFixed(1)} ms |`),
  );
  console.log(`| one more supply column (E2SFCA catchment built) | ${fmt(columnMs)} | |`);
  console.log(
    `| leakage by zone (${set.zoneCount.toLocaleString('en')} zones) | ${fmt(flowsMs)} | |`,
  );
  if (scenario.timeBuild) {
    // End to end: the pairs (a matrix over the road network) and the E2SFCA step, each repeat.
    const endToEnd: number[] = [];
    for (let rep = 0; rep < 1 + Math.min(REPEATS, 10); rep++) {
      const a = performance.now();
      const again = await scenario.build();
      const built = buildCatchment(
        again.demand,
        again.supply.length,
        again.pairs,
        METHODS[0].options,
      );
      accessibility(built, again.supply);
      if (rep > 0) endToEnd.push(performance.now() - a);
    }
    console.log(
      `| end to end: pairs + E2SFCA step, ${endToEnd.length} repeats | ${fmt(endToEnd)} | |`,
    );
  }
  const c = catchment!;
  console.log(
    `\nMemory: the E2SFCA catchment holds ${mb(catchmentBytes(c))} (${c.pairsInReach.toLocaleString('en')} pairs in reach: site, weight, input index); ` +
      `input pairs ${mb(set.pairs.origin.byteLength + set.pairs.destination.byteLength + set.pairs.cost.byteLength)}; ` +
      `peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}.`,
  );
}

console.log(
  `# bench:access — ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, Node ${process.version}`,
);
const wanted = new Set(values.scenarios!.split(','));
for (const s of SCENARIOS) if (wanted.has(s.name)) await runScenario(s);
if (wanted.has('demo')) await benchDemo(Math.min(REPEATS, 5));
console.log(
  `\nLoad average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
