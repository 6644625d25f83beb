import { generateTerritory, type GenerateOptions } from '../../domain/demo';
import type { Database } from '../../db/database';
import { refreshCoverage } from '../../kernel';
import { replaceDemoTerritory } from './repository';

export const GENERATOR_LABEL = 'Générateur de territoire fictif Berceau';

export interface DemoLoadReport {
  seed: number;
  counts: Record<string, number>;
  generateMs: number;
  loadMs: number;
}

/** Generate the fictional territory and replace the demo data with it (one transaction). */
export async function loadDemo(
  db: Database,
  options: GenerateOptions = {},
): Promise<DemoLoadReport> {
  const t0 = performance.now();
  const territory = generateTerritory(options);
  const t1 = performance.now();
  const counts = await db.knex.transaction(async (trx) => {
    const loaded = await replaceDemoTerritory(trx, territory, GENERATOR_LABEL);
    loaded.coverageFigures = await refreshCoverage(trx);
    return loaded;
  });
  // Fresh statistics so the planner picks the spatial indexes on the new rows.
  await db.knex.raw('ANALYZE');
  const t2 = performance.now();
  return {
    seed: territory.seed,
    counts,
    generateMs: Math.round(t1 - t0),
    loadMs: Math.round(t2 - t1),
  };
}
