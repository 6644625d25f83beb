import { performance } from 'node:perf_hooks';
import { openDatabase } from '../server/src/db/database';
import { loadDemo } from '../server/src/features/demo/service';
import { TravelService } from '../server/src/features/travel/service';
import { fetchDemandCells, fetchSupplySites } from '../server/src/features/accessibility/repository';
import { denseCarMatrix, shareSupply } from '../server/src/domain/accessibility/compute';
import { AccessibilityService } from '../server/src/features/accessibility/service';
import { territoryAccessibility } from '../server/src/features/accessibility/territories';

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL ?? null });
await loadDemo(db, { seed: 42 });
const travel = new TravelService(db.knex);
const { network } = await travel.network(true);
for (let rep = 0; rep < 3; rep++) {
  let t = performance.now();
  const lap = (label: string) => {
    const now = performance.now();
    console.log(label, (now - t).toFixed(0), 'ms');
    t = now;
  };
  const cells = await fetchDemandCells(db.knex, 2024, true);
  lap(`cells ${cells.length}`);
  const sites = await fetchSupplySites(db.knex, { year: 2024, amUnder3Share: 0.81, fictional: true });
  lap(`sites ${sites.length}`);
  const o = Float64Array.from(cells.flatMap((c) => [c.lon, c.lat]));
  const d = Float64Array.from(sites.flatMap((c) => [c.lon, c.lat]));
  const m = denseCarMatrix(network.graph, network.router, o, d, 30);
  lap(`matrix ${m.origin.length}`);
  const r = shareSupply({
    demand: Float64Array.from(cells, (c) => c.children),
    siteCount: sites.length,
    pairs: { origin: m.origin, destination: m.destination, cost: m.minutes },
    options: { method: 'e2sfca', maxCost: 30 },
    supply: Float64Array.from(sites, (s) => s.places),
  });
  lap(`share ${r.catchment.pairsInReach}`);
  const service = new AccessibilityService(db.knex, travel);
  const run = await service.run({ fictional: true });
  lap('service.run');
  await territoryAccessibility(service, run);
  lap('territories');
}
await db.close();
