/**
 * Benchmark of the site-selection optimiser (server/src/domain/site-selection) on seeded
 * synthetic instances (bench/locate-instance.ts: towns, children around them, candidates mostly
 * in towns, travel times from detoured distances).
 *
 *   npm run bench:locate                 (BENCH_RUNS=3 by default)
 *   BENCH_CASES=demo npm run bench:locate  (only the cases whose name contains "demo")
 *
 * Each case runs BENCH_RUNS times, the cases interleaved so that a busy spell of the machine
 * does not fall on one case only; the table gives the first run (HiGHS compiles its WebAssembly
 * lazily: the first solve of a process is slower) and the median of the others. Time is the
 * whole `selectSites` call: checks, indexing, reductions, heuristic, bound, model building and
 * solve; generating the synthetic instance is not counted. CPU is this process's user + system
 * time over the call, closer to the work done when the machine is shared. Memory: resident set
 * after the call, and the WebAssembly heap HiGHS has grown to (it never shrinks).
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  highsMipSolver,
  selectSites,
  type SiteSelectionOptions,
  type SiteSelectionResult,
} from '../server/src/domain/site-selection';
import { syntheticInstance, type SyntheticOptions } from './locate-instance';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_CASES=pmedian,lscp runs only the cases whose name contains one of these words. */
const ONLY = (process.env.BENCH_CASES ?? '').split(',').filter(Boolean);

interface Case {
  name: string;
  target: string;
  instance: SyntheticOptions;
  options: SiteSelectionOptions;
}

const ALL_CASES: Case[] = [
  {
    name: 'mclp 2,000 × 500, p=10, 15 min (70 km square)',
    target: 'exact < 1.5 s',
    instance: { seed: 1, side_km: 70, demand: { points: 2000 }, candidates: 500, maxMinutes: 15 },
    options: { model: 'mclp', p: 10, maxCost: 15 },
  },
  {
    name: 'pmedian 1,000 × 200, p=10, all pairs (50 km square)',
    target: 'exact < 7 s',
    instance: { seed: 2, side_km: 50, demand: { points: 1000 }, candidates: 200, maxMinutes: 1e9 },
    options: { model: 'pmedian', p: 10 },
  },
  {
    name: 'lscp 2,000 × 500, 15 min (70 km square)',
    target: '(no target)',
    instance: { seed: 1, side_km: 70, demand: { points: 2000 }, candidates: 500, maxMinutes: 15 },
    options: { model: 'lscp', maxCost: 15 },
  },
  {
    name: 'demo size: mclp 1 km grid (4,900 cells) × 500, p=10, 15 min',
    target: 'exact < 2 s',
    instance: { seed: 3, side_km: 70, demand: { grid: true }, candidates: 500, maxMinutes: 15 },
    options: { model: 'mclp', p: 10, maxCost: 15 },
  },
  {
    name: 'demo size: pmedian 1 km grid (4,900 cells) × 500, p=10, pairs ≤ 30 min, unserved 30',
    target: 'exact < 2 s',
    instance: { seed: 3, side_km: 70, demand: { grid: true }, candidates: 500, maxMinutes: 30 },
    options: { model: 'pmedian', p: 10, unservedCost: 30 },
  },
  {
    name: 'département: mclp 1 km grid (10,000 cells) × 2,000, p=10, 15 min, heuristic',
    target: '< 10 s, gap < 2 %',
    instance: { seed: 4, side_km: 100, demand: { grid: true }, candidates: 2000, maxMinutes: 15 },
    options: { model: 'mclp', p: 10, maxCost: 15, method: 'heuristic' },
  },
  {
    name: 'département: pmedian 1 km grid (10,000 cells) × 2,000, p=10, ≤ 30 min, unserved 30, heuristic',
    target: '< 10 s, gap < 2 %',
    instance: { seed: 4, side_km: 100, demand: { grid: true }, candidates: 2000, maxMinutes: 30 },
    options: { model: 'pmedian', p: 10, unservedCost: 30, method: 'heuristic' },
  },
];

const CASES = ONLY.length
  ? ALL_CASES.filter((c) => ONLY.some((w) => c.name.includes(w)))
  : ALL_CASES;

/** The load average as `uptime` prints it: the machine is shared, figures read beside it. */
const load = () =>
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ')}`;

interface Run {
  ms: number;
  cpuMs: number;
  rssMb: number;
  result: SiteSelectionResult;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.floor((s.length - 1) / 2)];
};

async function main() {
  const highs = await (await import('highs')).default();
  const solver = highsMipSolver(async () => highs);
  console.log(
    `bench:locate — ${RUNS} runs per case, interleaved; node ${process.version}, ${os.cpus().length} cores; ${load()} at start`,
  );
  const instances = CASES.map((c) => {
    const t = performance.now();
    const inst = syntheticInstance(c.instance);
    console.log(
      `  ${c.name}: ${inst.demand.length} demand points, ${inst.sites.length} candidates, ${inst.costs.cost.length.toLocaleString('en')} pairs (generated in ${Math.round(performance.now() - t)} ms)`,
    );
    return inst;
  });
  const sizes = instances.map(
    (inst) =>
      `${inst.demand.length.toLocaleString('en')} × ${inst.sites.length.toLocaleString('en')}, ${inst.costs.cost.length.toLocaleString('en')} pairs`,
  );
  const runs: Run[][] = CASES.map(() => []);
  for (let r = 0; r < RUNS; r++)
    for (let k = 0; k < CASES.length; k++) {
      const cpu = process.cpuUsage();
      const t = performance.now();
      const result = await selectSites(
        instances[k],
        { ...CASES[k].options, clock: () => performance.now() },
        solver,
      );
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      runs[k].push({
        ms,
        cpuMs: (used.user + used.system) / 1000,
        rssMb: process.memoryUsage().rss / 1e6,
        result,
      });
    }
  console.log(`${load()} at end\n`);
  console.log(
    '| case | size (points × candidates) | target | first run | median (wall / CPU) | RSS | method | optimal | objective | bound | gap |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  CASES.forEach((c, k) => {
    const rest = runs[k].length > 1 ? runs[k].slice(1) : runs[k];
    const last = runs[k][runs[k].length - 1].result;
    const fmt = (x: number) =>
      Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en') : x.toFixed(1);
    console.log(
      `| ${c.name} | ${sizes[k]} | ${c.target} | ${(runs[k][0].ms / 1000).toFixed(2)} s | ${(median(rest.map((r) => r.ms)) / 1000).toFixed(2)} s / ${(median(rest.map((r) => r.cpuMs)) / 1000).toFixed(2)} s | ${Math.round(Math.max(...runs[k].map((r) => r.rssMb)))} MB | ${last.method} | ${last.optimal ? 'yes' : 'no'} | ${fmt(last.objective)} | ${fmt(last.bound)} | ${(100 * last.gap).toFixed(3)} % |`,
    );
  });
  console.log(`\nHiGHS WebAssembly heap: ${Math.round(highs.memoryBytes / 1e6)} MB`);
  for (const [k, c] of CASES.entries()) {
    const notes = runs[k][runs[k].length - 1].result.notes;
    if (notes.length) console.log(`${c.name}: ${notes.join('; ')}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
