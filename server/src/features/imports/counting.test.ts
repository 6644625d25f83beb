import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import type { ImportKind, ImportOptions } from './plan';
import { runImport, type ImportOutcome } from './service';

/**
 * Childminders and facilities as the CNAF counts them: unknown activity is an explicit choice
 * or a refusal, childminders of a crèche familiale are not counted twice, and a MAM, a relais or
 * a PMI centre in an EAJE list is rejected with its row number, nothing written unless
 * --skip-invalid.
 */
const fixture = (name: string) => path.join(import.meta.dirname, 'test/fixtures', name);
const problems = (o: ImportOutcome) =>
  o.problems.filter((p) => p.severity === 'error').map((p) => [p.row, p.column, p.reason]);

describe(`counting as the CNAF counts (${databaseMode})`, () => {
  let db: Database;
  const run = (kind: ImportKind, file: string, options: Partial<ImportOptions> = {}) =>
    runImport(db, { kind, file: fixture(file), options });
  const count = async (table: string) => Number((await db.knex(table).count({ n: '*' }))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const [kind, file] of [
      ['boundaries', 'boundaries-geoapi.geojson'],
      ['population', 'population-insee-2021.csv'],
    ] as const) {
      const o = await run(kind, file);
      expect(o.status, kind).toBe('imported');
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it('refuses a childminder list without an activity column, unless told how to read it', async () => {
    const refused = await run('childminders', 'childminders-no-activity.csv');
    expect(refused.status).toBe('invalid');
    expect(refused.problems[0].reason).toContain('no activity column');
    expect(refused.problems[0].reason).toContain('--assume-active');
    expect(await count('childminder')).toBe(0);

    const chosen = await run('childminders', 'childminders-no-activity.csv', {
      assumeActive: true,
    });
    expect(chosen.status).toBe('imported');
    expect(chosen.notes.join(' ')).toContain(
      '2 childminder(s) without an activity taken as active',
    );
    // The choice is in the provenance every figure names.
    const dataset = await db.knex('dataset').where({ id: chosen.dataset!.id }).first();
    expect(dataset.source).toContain('--assume-active');
    expect(dataset.name).toContain('comptés actifs');
    const figure = await db
      .knex('coverage_figure')
      .where({ level: 'commune', code: '18033', year: 2021 })
      .first();
    expect(figure.dataset_ids).toContain(chosen.dataset!.id);
    await db.knex('childminder').delete();
    await db.knex('dataset').where({ id: chosen.dataset!.id }).delete();
  });

  it('rejects a row of unknown activity with its row number; childminders of a crèche familiale are not counted', async () => {
    const o = await run('childminders', 'childminders-empty-activity.csv');
    expect(o.status).toBe('invalid');
    expect(problems(o)).toEqual([
      [3, 'actif', 'unknown activity (empty): write oui or non, or import with --assume-active'],
    ]);
    expect(await count('childminder')).toBe(0);

    const skipped = await run('childminders', 'childminders-empty-activity.csv', {
      skipInvalid: true,
    });
    expect(skipped.status).not.toBe('invalid');
    const ids = (await db.knex('childminder').select('source_id').orderBy('source_id')).map(
      (r) => r.source_id,
    );
    // AM-202 rejected (unknown activity), AM-203 works for the crèche familiale.
    expect(ids).toEqual(['AM-201', 'AM-204']);
    expect(skipped.notes.join(' ')).toContain('1 childminder(s) employed by a crèche familiale');
  });

  it('rejects a MAM, a relais and a PMI centre in an EAJE list with their row numbers', async () => {
    const o = await run('eaje', 'eaje-mixed-kinds.csv');
    expect(o.status).toBe('invalid');
    const errors = problems(o);
    expect(errors.map((e) => e[0])).toEqual([3, 4, 5]);
    expect(errors[0][2]).toMatch(/^not an EAJE: a MAM .*import mams/);
    expect(errors[1][2]).toMatch(/relais petite enfance/);
    expect(errors[2][2]).toMatch(/PMI/);
    expect(await count('eaje')).toBe(0);

    await run('eaje', 'eaje-mixed-kinds.csv', { skipInvalid: true });
    const rows = await db.knex('eaje').select('name', 'kind', 'places').orderBy('name');
    expect(rows).toEqual([
      { name: 'Crèche familiale de Bourges', kind: 'creche_familiale', places: 40 },
      { name: 'Multi-accueil Les Lilas', kind: 'multi_accueil', places: 60 },
    ]);
  });

  it('applies the under-3 share set at import to the list’s département, and records it', async () => {
    const o = await run('childminders', 'childminders.csv', {
      amUnder3Share: 0.5,
      source: 'Caf du Cher, part locale',
    });
    expect(o.status).toBe('imported');
    expect(o.notes.join(' ')).toContain('under-3 share of childminder places set to 0.5');
    expect(await db.knex('am_under3_share').select('departement_code', 'share', 'source')).toEqual([
      { departement_code: '18', share: 0.5, source: 'Caf du Cher, part locale' },
    ]);
    const [{ raw }] = await db
      .knex('childminder')
      .where({ commune_code: '18033', active: true })
      .sum({ raw: 'agreement_places' });
    const f = await db
      .knex('coverage_figure')
      .where({ level: 'commune', code: '18033', year: 2021 })
      .first();
    expect(Number(raw)).toBeGreaterThan(0);
    expect(f.am_under3_share).toBe(0.5);
    expect(f.places_am + f.places_mam).toBeCloseTo(Number(raw) * 0.5, 9);
    const dep = await db
      .knex('coverage_figure')
      .where({ level: 'departement', code: '18', year: 2021 })
      .first();
    expect(dep.am_under3_share).toBe(0.5);
  });
});
