/**
 * A small real-format fixture of the Métropole du Grand Paris for the EPT level: five communes
 * of Seine-Saint-Denis in two EPT (Plaine Commune, Est Ensemble) and Paris, which is in none
 * (server/src/features/imports/test/fixtures/ept: made-up squares and figures, real codes and
 * membership), loaded through the importers as a user would.
 */
import path from 'node:path';
import type { Database } from '../../../db/database';
import { runImport } from '../../imports/service';

const DIR = path.resolve(import.meta.dirname, '../../imports/test/fixtures/ept');

export const PLAINE_COMMUNE = '200057867';
export const EST_ENSEMBLE = '200057875';
/** The fixture's communes by EPT (Paris: none). */
export const MEMBERS: Readonly<Record<string, readonly string[]>> = {
  [PLAINE_COMMUNE]: ['93001', '93027', '93066'],
  [EST_ENSEMBLE]: ['93008', '93048'],
};
/** Its population year (the P21_ columns). */
export const EPT_FIXTURE_YEAR = 2021;

export async function loadEptFixture(db: Database): Promise<void> {
  for (const [kind, file] of [
    ['boundaries', 'boundaries-93-ept.geojson'],
    ['population', 'population-93-ept.csv'],
    ['eaje', 'eaje-93-ept.csv'],
  ] as const) {
    const outcome = await runImport(db, { kind, file: path.join(DIR, file) });
    if (outcome.status !== 'imported')
      throw new Error(`${file}: ${outcome.status} ${JSON.stringify(outcome.problems)}`);
  }
}

/**
 * Made-up childminders with homes in the fixture: two in Aubervilliers and one in Saint-Denis
 * (Plaine Commune), one in Bobigny and one in Montreuil (Est Ensemble), one in Paris (no EPT).
 */
export const CHILDMINDERS_BY_COMMUNE: Readonly<Record<string, number>> = {
  '93001': 2,
  '93066': 1,
  '93008': 1,
  '93048': 1,
  '75056': 1,
};

export async function loadEptChildminders(db: Database): Promise<void> {
  const file = path.join(DIR, 'childminders-93-ept.csv');
  const outcome = await runImport(db, { kind: 'childminders', file });
  if (outcome.status !== 'imported')
    throw new Error(`${file}: ${outcome.status} ${JSON.stringify(outcome.problems)}`);
}
