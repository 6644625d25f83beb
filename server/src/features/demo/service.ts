import { generateTerritory, type GenerateOptions } from '../../domain/demo';
import type { Database } from '../../db/database';
import { replaceDemoTerritory } from './repository';

export const GENERATOR_LABEL = 'Générateur de territoire fictif Berceau';

export interface DemoLoadReport {
  seed: number;
  counts: Record<string, number>;
  generateMs: number;
  loadMs: number;
}

/** Generate the fictional territory and replace the demo data with it (one transaction). */
export async function loadDemo(db: Database, options: GenerateOptions = {}): Promise<DemoLoadReport> {
  const t0 = performance.now();
  const territory = generateTerritory(options);
  const t1 = performance.now();
  const counts = await replaceDemoTerritory(db.knex, territory, GENERATOR_LABEL);
  const t2 = performance.now();
  return { seed: territory.seed, counts, generateMs: Math.round(t1 - t0), loadMs: Math.round(t2 - t1) };
}
