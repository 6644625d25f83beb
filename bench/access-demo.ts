/**
 * The database-backed accessibility computation on the demo territory (seed 42), embedded mode:
 * read the demand cells and the sites, the car matrix from the routing core, the E2SFCA step and
 * the sums by commune, EPCI and département (server/src/features/accessibility), and each step
 * apart. Run by `npm run bench:access -- --scenarios demo` (with DATABASE_URL: server mode). The
 * demo is département-sized: ~13,000 populated cells × 300 sites, ~410,000 pairs within 30 min.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/src/db/database';
import { denseCarMatrix, shareSupply } from '../server/src/domain/accessibility/compute';
import {
  fetchDemandCells,
  fetchSupplySites,
} from '../server/src/features/accessibility/repository';
import { AccessibilityService } from '../server/src/features/accessibility/service';
import { territoryAccessibility } from '../server/src/features/accessibility/territories';
import { loadDemo } from '../server/src/features/demo/service';
import { TravelService } from '../server/src/features/travel/service';

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

export async function benchDemo(repeats: number): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL ?? null;
  const db = await openDatabase({ databaseUrl });
  try {
    await loadDemo(db, { seed: 42 });
    const travel = new TravelService(db.knex);
    const t0 = performance.now();
    await travel.network(true);
    const networkMs = performance.now() - t0;
    const walls: number[] = [];
    const cpuSteps = {
      cells: [] as number[],
      sites: [] as number[],
      matrix: [] as number[],
      e2sfca: [] as number[],
    };
    const steps = {
      cells: [] as number[],
      sites: [] as number[],
      matrix: [] as number[],
      e2sfca: [] as number[],
    };
    let summary = '';
    for (let rep = 0; rep < 1 + repeats; rep++) {
      // A new service each time: nothing of the previous computation is kept but the graph.
      const service = new AccessibilityService(db.knex, travel);
      const a = performance.now();
      const run = await service.run({ fictional: true });
      const territories = await territoryAccessibility(service, run);
      const ms = performance.now() - a;
      if (rep > 0) walls.push(ms);
      // The steps apart, as the service runs them (graph already built).
      const { network } = await travel.network(true);
      let t = performance.now();
      let cpu = process.cpuUsage();
      const lap = (name: keyof typeof steps) => {
        const now = performance.now();
        const used = process.cpuUsage(cpu);
        if (rep > 0) {
          steps[name].push(now - t);
          cpuSteps[name].push((used.user + used.system) / 1000);
        }
        t = now;
        cpu = process.cpuUsage();
      };
      const cells = await fetchDemandCells(db.knex, run.year, true);
      lap('cells');
      const sites = await fetchSupplySites(db.knex, {
        year: run.year,
        amUnder3Share: 0.81,
        fictional: true,
      });
      lap('sites');
      const m = denseCarMatrix(
        network.graph,
        network.router,
        Float64Array.from(cells.flatMap((c) => [c.lon, c.lat])),
        Float64Array.from(sites.flatMap((c) => [c.lon, c.lat])),
        30,
      );
      lap('matrix');
      shareSupply({
        demand: Float64Array.from(cells, (c) => c.children),
        siteCount: sites.length,
        pairs: { origin: m.origin, destination: m.destination, cost: m.minutes },
        options: { method: 'e2sfca', maxCost: 30 },
        supply: Float64Array.from(sites, (c) => c.places),
      });
      lap('e2sfca');
      summary = `${run.cells.length.toLocaleString('en')} populated cells × ${run.sites.length} sites, ${run.catchment.pairsInReach.toLocaleString('en')} pairs within ${run.maxMinutes} min, ${territories.length} territories`;
    }
    console.log(
      `\n## Demo territory (seed 42), ${databaseUrl ? 'server' : 'embedded'} mode, from the database`,
    );
    console.log(`${summary}; road graph built once in ${networkMs.toFixed(0)} ms (not counted)`);
    console.log(
      `\n| end to end: cells and sites read, car matrix, E2SFCA, sums by territory | wall p50 | wall max |`,
    );
    console.log('| --- | --- | --- |');
    console.log(
      `| ${walls.length} repeats | ${quantile(walls, 0.5).toFixed(0)} ms | ${Math.max(...walls).toFixed(0)} ms |`,
    );
    console.log(
      '\n| step (each apart) | wall p50 | wall max | CPU p50 (this process) |\n| --- | --- | --- | --- |',
    );
    for (const [name, xs] of Object.entries(steps)) {
      const cpu = quantile(cpuSteps[name as keyof typeof steps], 0.5);
      console.log(
        `| ${name} | ${quantile(xs, 0.5).toFixed(0)} ms | ${Math.max(...xs).toFixed(0)} ms | ${cpu.toFixed(0)} ms |`,
      );
    }
    console.log(`Load average: ${load()}`);
  } finally {
    await db.close();
  }
}
