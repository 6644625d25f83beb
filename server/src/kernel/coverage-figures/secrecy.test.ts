import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database';
import { fetchDataVersions } from '../../db/data-versions';
import { loadTileFixture } from '../../features/tiles/tiles-fixture';
import { createTestDatabase, databaseMode } from '../../../test/database';
import { refreshCoverage } from './refresh';
import { applySecrecyThreshold, fetchSecrecySetting } from './secrecy';

/**
 * The stored secrecy flags follow the threshold: the tile fixture's 2023 communes have 3
 * childminders (Alpha), 1 (Bravo) and 3 of whom 1 at home (Charlie).
 */
describe(`stored statistical secrecy (${databaseMode})`, () => {
  let db: Database;
  const flags = async () =>
    Object.fromEntries(
      (
        await db
          .knex('coverage_figure')
          .where({ level: 'commune', year: 2023 })
          .orderBy('code')
          .select('code', 'childminders', 'childminders_at_home', 'childminders_secret')
      ).map((r) => [r.code, [r.childminders, r.childminders_at_home, r.childminders_secret]]),
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadTileFixture(db.knex);
    // The fixture writes its figures by hand: give it a census and compute them from its rows,
    // as an import does.
    await db.knex
      .raw(`INSERT INTO population (commune_code, year, children_under3, method, dataset_id)
                       SELECT code, 2023, 100, 'census', dataset_id FROM commune`);
    await db.knex.transaction((trx) => refreshCoverage(trx));
  });
  afterAll(async () => db?.close());

  it('are written with the figures, with the threshold of the setting (3 by default)', async () => {
    expect(await fetchSecrecySetting(db.knex)).toEqual({ threshold: 3, applied: true });
    // Alpha has 3, but its EPCI is Alpha + Bravo: the EPCI minus Alpha would give Bravo's 1.
    expect(await flags()).toMatchObject({
      '18001': [3, 3, 'complementary'],
      '18002': [1, 1, 'small'],
      '18003': [3, 1, 'small'],
    });
  });

  it('are computed again when the server starts with another threshold, and change the data version', async () => {
    const before = (await fetchDataVersions(db.knex)).data;
    expect(await applySecrecyThreshold(db.knex, 3)).toBe(0); // nothing to do
    expect((await fetchDataVersions(db.knex)).data).toBe(before);

    expect(await applySecrecyThreshold(db.knex, 1)).toBeGreaterThan(0);
    expect(await flags()).toMatchObject({
      '18001': [3, 3, null],
      '18002': [1, 1, null],
      '18003': [3, 1, null],
    });
    expect((await fetchDataVersions(db.knex)).data).not.toBe(before);

    await applySecrecyThreshold(db.knex, 4);
    expect((await flags())['18001']).toEqual([3, 3, 'small']);
    await applySecrecyThreshold(db.knex, 3);
    expect(await flags()).toMatchObject({
      '18001': [3, 3, 'complementary'],
      '18002': [1, 1, 'small'],
    });
  });
});
