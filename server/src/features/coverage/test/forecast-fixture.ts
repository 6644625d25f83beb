import type { Knex } from 'knex';
import { refreshCoverage } from '../../../kernel';
import { loadTileFixture } from '../../tiles/tiles-fixture';

/**
 * The tile fixture (département 18, EPCI 200000001 = Alpha 18001 + Bravo 18002, EPCI
 * 200000002 = Charlie 18003 + Delta 18004) with children under 3 for 2019-2024, the EPCI
 * 200000001 summing to 100, 104, 101, 107, 108, 112 (the worked example of docs/forecasts.md),
 * and its coverage figures computed as an import computes them.
 */
export const CHILDREN_UNDER3: Readonly<Record<string, readonly number[]>> = {
  '18001': [60, 62, 60, 64, 65, 67],
  '18002': [40, 42, 41, 43, 43, 45],
  '18003': [30, 30, 30, 30, 30, 30],
  '18004': [30, 30, 30, 30, 30, 30],
};

export async function loadForecastFixture(knex: Knex): Promise<void> {
  await loadTileFixture(knex);
  const { rows } = await knex.raw(
    `INSERT INTO dataset (key, kind, name, source, licence, vintage, fictional)
     VALUES ('test:population', 'population', 'fixture population', 'forecast tests', 'CC0-1.0', '2019-2024', false)
     RETURNING id`,
  );
  for (const [code, values] of Object.entries(CHILDREN_UNDER3))
    for (let i = 0; i < values.length; i++)
      await knex('population').insert({
        commune_code: code,
        year: 2019 + i,
        children_under3: values[i],
        method: 'census',
        dataset_id: rows[0].id,
      });
  await knex.transaction((trx) => refreshCoverage(trx));
}
