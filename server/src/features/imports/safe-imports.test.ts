/**
 * Imports never delete by omission: a file adds and updates what it lists, keeps (and reports)
 * what it is about but does not list, and removes it only with --replace, after showing it.
 * Every summary counts rows added, updated and removed per table.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { loadQuery } from '../../db/sql';
import { formatOutcome, importCommand, ImportUsageError, parseImportArgs } from './cli';
import type { AbsentRows, ImportKind, ImportOptions } from './plan';
import { runImport } from './service';
import { rowCounts, tableDigests } from './test/table-digest';

const fixture = (name: string) => path.join(import.meta.dirname, 'test/fixtures', name);

describe(`imports never delete by omission (${databaseMode})`, () => {
  let db: Database;
  const run = (kind: ImportKind, file: string | null, options: Partial<ImportOptions> = {}) =>
    runImport(db, { kind, file: file && fixture(file), options });
  const communesOf18 = async () =>
    Number((await db.knex('commune').where({ departement_code: '18' }).count({ n: '*' }))[0].n);
  const cli = async (argv: string[], answer: boolean | null = null) => {
    const out: string[] = [];
    const asked: AbsentRows[] = [];
    const command = await parseImportArgs(argv, answer !== null);
    const code = await importCommand(
      db,
      command,
      (s) => out.push(s),
      async (removal) => {
        asked.push(removal);
        return answer!;
      },
    );
    return { code, text: out.join('\n'), asked };
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const [kind, file, options] of [
      ['boundaries', 'boundaries-geoapi.geojson', {}],
      ['reference', null, { departement: '18' }],
      ['population', 'population-insee-2021.csv', {}],
      ['births', 'births-insee.csv', {}],
      ['childminders', 'childminders.csv', {}],
      ['mams', 'mams.csv', {}],
      ['caf-coverage', 'txcouv_pe_com.csv', {}],
      ['roads', 'roads-small.osm', {}],
      ['boundaries', 'boundaries-seine-saint-denis.geojson', {}],
      ['eaje', 'eaje-seine-saint-denis.csv', {}],
    ] as const) {
      const o = await run(kind, file, options);
      expect([kind, o.status]).toEqual([kind, 'imported']);
    }
  });
  afterAll(async () => {
    await db?.close();
  });

  it('re-importing the same file changes no row, and says so', async () => {
    for (const [kind, file] of [
      ['boundaries', 'boundaries-seine-saint-denis.geojson'],
      ['eaje', 'eaje-seine-saint-denis.csv'],
      ['population', 'population-insee-2021.csv'],
      ['births', 'births-insee.csv'],
      ['childminders', 'childminders.csv'],
      ['mams', 'mams.csv'],
      ['caf-coverage', 'txcouv_pe_com.csv'],
      ['roads', 'roads-small.osm'],
    ] as const) {
      const o = await run(kind, file);
      expect([kind, o.changes, o.kept]).toEqual([kind, {}, null]);
      expect(formatOutcome(o)).toContain('  changes: none (every row stays as it was)');
    }
  });

  it('a boundaries file of one commune, over a loaded département, updates that commune and leaves the 285 others and every row attached to them', async () => {
    expect(await communesOf18()).toBe(286);
    const others = await tableDigests(db.knex, { exceptCommunes: ['18205'] });
    const o = await run('boundaries', 'boundaries-one-commune-geoapi.geojson');
    expect([o.status, o.imported]).toEqual(['imported', 1]);
    expect(await communesOf18()).toBe(286);
    const after = await tableDigests(db.knex, { exceptCommunes: ['18205'] });
    for (const table of [
      'commune',
      'commune_code_history',
      'population',
      'eaje',
      'mam',
      'childminder',
      'supply_count',
      'demand_cell',
      'coverage_figure',
    ])
      expect([table, after[table]]).toEqual([table, others[table]]);
    // Saint-Doulchard was loaded by the reference, without an outline: it gets one.
    expect(o.changes.commune).toEqual({ added: 0, updated: 1, removed: 0 });
    expect(o.kept).toMatchObject({
      what: 'communes of département 18 that the file does not list',
      rows: { commune: 285, commune_code_history: 4, population: 285 + 4, childminder: 5, mam: 2 },
    });
    expect(o.kept!.examples.slice(0, 2)).toEqual(['18001 Achères', '18002 Ainay-le-Vieil']);
    expect(formatOutcome(o)).toContain(
      '  kept, not in this file (--replace removes them): communes of département 18 that the file does not list: commune 285, ',
    );
  });

  it('--replace --dry-run shows what would go, cascades included, and writes nothing', async () => {
    const before = await tableDigests(db.knex);
    const o = await run('boundaries', 'boundaries-one-commune-geoapi.geojson', {
      replace: true,
      dryRun: true,
    });
    expect(o.status).toBe('dry-run');
    expect(o.removal!.rows).toMatchObject({
      commune: 285,
      commune_code_history: 4,
      population: 289,
      childminder: 5,
      mam: 2,
      epci: 17,
    });
    // The dry run's change counts are those of the removal it shows.
    expect(o.changes.commune).toEqual({ added: 0, updated: 0, removed: 285 });
    expect(o.changes.childminder!.removed).toBe(5);
    expect(formatOutcome(o)).toContain(
      '  would remove (--replace): communes of département 18 that the file does not list: commune 285,',
    );
    expect(await tableDigests(db.knex)).toEqual(before);
  });

  it('--replace needs --yes when no terminal can confirm it', async () => {
    const file = fixture('boundaries-one-commune-geoapi.geojson');
    await expect(parseImportArgs(['boundaries', file, '--replace'], false)).rejects.toThrow(
      new ImportUsageError(
        '--replace removes data and this is not a terminal that can confirm it: add --yes (see first what would be removed with --dry-run --replace)',
      ),
    );
    await expect(parseImportArgs(['boundaries', file, '--yes'], false)).rejects.toThrow(
      /--yes confirms --replace/,
    );
    expect((await parseImportArgs(['boundaries', file, '--replace', '--yes'], false)).yes).toBe(
      true,
    );
    expect(
      (await parseImportArgs(['boundaries', file, '--replace', '--dry-run'], false)).options,
    ).toMatchObject({ replace: true, dryRun: true });
  });

  it('declined on the terminal, --replace writes nothing and exits 1', async () => {
    const before = await tableDigests(db.knex);
    const r = await cli(
      ['boundaries', fixture('boundaries-one-commune-geoapi.geojson'), '--replace'],
      false,
    );
    expect(r.code).toBe(1);
    expect(r.asked).toHaveLength(1);
    expect(r.asked[0].rows.commune).toBe(285);
    expect(r.text).toContain('Cancelled: nothing written (the removal was not confirmed)');
    expect(await tableDigests(db.knex)).toEqual(before);
  });

  it('a supply list re-imported without a row keeps it and says so; --replace removes it and unlinks what pointed to it', async () => {
    const am = await run('childminders', 'childminders-one-left.csv');
    // AM-003 stopped working; AM-005 is not in the file: kept.
    expect(am.changes).toEqual({ childminder: { added: 0, updated: 1, removed: 0 } });
    expect(am.kept).toMatchObject({ rows: { childminder: 1 }, examples: ['AM-005'] });
    expect(await db.knex('childminder').where({ source_id: 'AM-005' }).first()).toBeTruthy();

    const mams = await cli(['mams', fixture('mams-one-closed.csv')]);
    expect(mams.code).toBe(0);
    expect(mams.text).toContain(
      '  kept, not in this file (--replace removes them): maisons d’assistants maternels of a previous import of this list that the file no longer has: mam 1 — MAM Les Lutins (18033)',
    );
    const replaced = await cli(['mams', fixture('mams-one-closed.csv'), '--replace', '--yes']);
    expect(replaced.code).toBe(0);
    expect(replaced.text).toMatch(/ {4}mam +0 \/ 0 \/ 1\n/);
    // Its two childminders stay, unlinked (ON DELETE SET NULL: counted as updated).
    expect(replaced.text).toMatch(/ {4}childminder +0 \/ 2 \/ 0\n/);
    expect(
      await db.knex('childminder').whereIn('source_id', ['AM-002', 'AM-003']).pluck('mam_id'),
    ).toEqual([null, null]);
  });

  it('an EAJE list re-imported without a crèche keeps it and says so; --replace removes it', async () => {
    const next = await cli(['eaje', fixture('eaje-seine-saint-denis-next-year.csv')]);
    expect(next.code).toBe(0);
    // Les Lucioles grew from 60 to 66 places, Les Coquelicots opened, the halte-garderie is not listed.
    expect(next.text).toMatch(/ {4}eaje +1 \/ 1 \/ 0\n/);
    expect(next.text).toContain(
      '  kept, not in this file (--replace removes them): établissements d’accueil du jeune enfant of a previous import of this list that the file no longer has: eaje 1 — Halte-garderie du Centre (93008)',
    );
    expect(await db.knex('eaje').where({ commune_code: '93008' }).pluck('name')).toContain(
      'Halte-garderie du Centre',
    );
    const replaced = await cli([
      'eaje',
      fixture('eaje-seine-saint-denis-next-year.csv'),
      '--replace',
      '--yes',
    ]);
    expect(replaced.text).toMatch(/ {4}eaje +0 \/ 0 \/ 1\n/);
    expect(replaced.text).toContain(
      '  removed (--replace): établissements d’accueil du jeune enfant of a previous import of this list that the file no longer has: eaje 1 — Halte-garderie du Centre (93008)',
    );
    expect((await db.knex('eaje').pluck('name')).sort()).toEqual([
      'Crèche Les Lucioles',
      'Crèche des Coquelicots',
      'Micro-crèche Les Petits Pas',
      'Multi-accueil Croix-de-Chavaux',
    ]);
  });

  it('a population file without a commune keeps its children under 3', async () => {
    const o = await run('population', 'population-insee-2021-three-communes.csv');
    expect(o.changes).toEqual({});
    expect(o.kept).toMatchObject({ rows: { population: 1 }, examples: ['18005 Allouis'] });
    expect(
      (await db.knex('population').where({ commune_code: '18005', year: 2021 }).first())
        .children_under3,
    ).toBe(30);
  });

  it('a Caf file without a year keeps that year’s published figures', async () => {
    // The same file downloaded again (a list is known by its file name).
    const o = await run('caf-coverage', 'later/txcouv_pe_com.csv');
    expect(o.kept?.rows).toEqual({ caf_published_coverage: 7 });
    expect(o.kept!.examples[0]).toBe('commune 18033 2021 txcouv');
  });

  it('an extract imported again replaces the edges of the ways it has and keeps the others', async () => {
    // The same extract a month later (an extract is known by its file name).
    const o = await run('roads', 'later/roads-small.osm');
    // 101 became two-way: its edge goes and comes back; 102 is no longer in the extract.
    expect(o.changes.road_edge).toEqual({ added: 1, updated: 0, removed: 1 });
    expect(o.kept).toMatchObject({ rows: { road_edge: 1 }, examples: ['way 102'] });
  });

  it('accepted on the terminal, --replace removes exactly what it showed', async () => {
    const before = await rowCounts(db.knex);
    const r = await cli(
      ['boundaries', fixture('boundaries-one-commune-geoapi.geojson'), '--replace'],
      true,
    );
    expect(r.code).toBe(0);
    const shown = r.asked[0].rows;
    const after = await rowCounts(db.knex);
    for (const [table, n] of Object.entries(shown)) {
      if (table === 'demand_cell' || table === 'epci') continue; // the kept commune changes too
      expect([table, before[table] - after[table]]).toEqual([table, n]);
    }
    expect(await communesOf18()).toBe(1);
    expect(await db.knex('epci').where({ departement_code: '18' }).pluck('code')).toEqual([
      '241800507',
    ]);
    expect(r.text).toContain(
      '  removed (--replace): communes of département 18 that the file does not list: commune 285,',
    );
  });

  it('the removal counts every foreign key that cascades from a commune', async () => {
    const { rows } = await db.knex.raw(
      `SELECT conrelid::regclass::text AS t FROM pg_constraint
       WHERE contype = 'f' AND confrelid = 'commune'::regclass AND confdeltype = 'c' ORDER BY 1`,
    );
    const sql = loadQuery('imports/commune_removal');
    for (const { t } of rows as { t: string }[])
      expect([t, sql.includes(`'${t}'`)]).toEqual([t, true]);
  });
});
