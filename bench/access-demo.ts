/**
 * The database-backed accessibility computation on the demo territory (seed 42), embedded mode:
 * read the demand cells and the sites, the car matrix from the routing core, the E2SFCA step and
 * the sums by commune, EPCI and département (server/src/features/accessibility). Run by
 * `npm run bench:access -- --scenarios demo`.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/src/db/database';
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
  const db = await openDatabase({ databaseUrl: null });
  try {
    await loadDemo(db, { seed: 42 });
    const travel = new TravelService(db.knex);
    const t0 = performance.now();
    await travel.network(true);
    const networkMs = performance.now() - t0;
    const walls: number[] = [];
    let summary = '';
    for (let rep = 0; rep < 1 + repeats; rep++) {
      // A new service each time: nothing of the previous computation is kept but the graph.
      const service = new AccessibilityService(db.knex, travel);
      const a = performance.now();
      const run = await service.run({ fictional: true });
      const territories = await territoryAccessibility(service, run);
      const ms = performance.now() - a;
      if (rep > 0) walls.push(ms);
      summary = `${run.cells.length.toLocaleString('en')} populated cells × ${run.sites.length} sites, ${run.catchment.pairsInReach.toLocaleString('en')} pairs within ${run.maxMinutes} min, ${territories.length} territories`;
    }
    console.log(`\n## Demo territory (seed 42), embedded mode, from the database`);
    console.log(`${summary}; road graph built once in ${networkMs.toFixed(0)} ms (not counted)`);
    console.log(
      `\n| end to end: cells and sites read, car matrix, E2SFCA, sums by territory | wall p50 | wall max |`,
    );
    console.log('| --- | --- | --- |');
    console.log(
      `| ${walls.length} repeats | ${quantile(walls, 0.5).toFixed(0)} ms | ${Math.max(...walls).toFixed(0)} ms |`,
    );
    console.log(`Load average: ${load()}`);
  } finally {
    await db.close();
  }
}
