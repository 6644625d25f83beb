import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import type { Database } from '../../db/database';
import { importCommand, parseImportArgs } from './cli';
import { runImport, type ImportOutcome } from './service';
import type { ImportKind, ImportOptions } from './plan';

const fixture = (name: string) => path.join(import.meta.dirname, 'test/fixtures', name);
const TABLES = [
  'dataset',
  'departement',
  'epci',
  'commune',
  'commune_code_history',
  'population',
  'births',
  'eaje',
  'mam',
  'childminder',
  'road_edge',
  'caf_published_coverage',
  'coverage_figure',
];

/** Every table's row count and every dataset's identity: equal snapshots = nothing written. */
async function snapshot(db: Database) {
  const counts: Record<string, number> = {};
  for (const t of TABLES) counts[t] = Number((await db.knex(t).count({ n: '*' }))[0].n);
  const datasets = await db.knex('dataset').select('key', 'checksum', 'row_counts').orderBy('key');
  return { counts, datasets };
}

const problems = (o: ImportOutcome) =>
  o.problems.map((p) => [p.severity, p.row, p.column, p.value, p.reason]);

describe(`imports into the database (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  const run = (kind: ImportKind, file: string | null, options: Partial<ImportOptions> = {}) =>
    runImport(db, { kind, file: file && fixture(file), options });

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db);
  });
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  describe('boundaries', () => {
    it('imports geo.api.gouv.fr communes, derives the département and EPCI outlines, records the provenance', async () => {
      const o = await run('boundaries', 'boundaries-geoapi.geojson');
      expect(o.status).toBe('imported');
      expect([o.rowsRead, o.imported, o.rejected, o.errors, o.warnings]).toEqual([4, 4, 0, 0, 0]);
      expect(o.detected).toMatchObject({
        format: 'GeoJSON',
        schema: 'geo.api.gouv.fr',
        crs: 'EPSG:4326',
      });
      expect(o.counts).toMatchObject({ communes: 4, departements: 1, epcis: 3 });
      const communes = await db
        .knex('commune')
        .orderBy('code')
        .select('code', 'name', 'departement_code', 'epci_code');
      expect(communes).toEqual([
        { code: '18004', name: 'Allogny', departement_code: '18', epci_code: '200066330' },
        { code: '18005', name: 'Allouis', departement_code: '18', epci_code: '200066330' },
        { code: '18023', name: 'Baugy', departement_code: '18', epci_code: '200032514' },
        { code: '18033', name: 'Bourges', departement_code: '18', epci_code: '241800507' },
      ]);
      const { rows } = await db.knex
        .raw(`SELECT d.name, round(CAST(ST_Area(CAST(d.geom AS geography)) / 1e6 AS numeric)) AS km2,
        (SELECT count(*) FROM epci WHERE geom IS NOT NULL) AS epci_outlines FROM departement d WHERE code = '18'`);
      expect(rows[0].name).toBe('Cher');
      expect(Number(rows[0].epci_outlines)).toBe(3);
      const epci = await db.knex('epci').where({ code: '200066330' }).first('name', 'kind');
      expect(epci).toEqual({ name: 'CC Terres du Haut Berry', kind: 'CC' });
      // Pre-merger codes of Baugy (2019) attach to it.
      const history = await db
        .knex('commune_code_history')
        .where({ commune_code: '18023' })
        .orderBy('old_code')
        .pluck('old_code');
      expect(history).toEqual(['18123', '18239']);
      const dataset = await db.knex('dataset').where({ key: 'import:territory:18' }).first();
      const bytes = await fs.readFile(fixture('boundaries-geoapi.geojson'));
      expect(dataset).toMatchObject({
        kind: 'territory',
        fictional: false,
        file_name: 'boundaries-geoapi.geojson',
        licence: 'Licence Ouverte / Etalab 2.0',
        checksum: crypto.createHash('sha256').update(bytes).digest('hex'),
      });
      expect(dataset.row_counts).toMatchObject({ read: 4, imported: 4, rejected: 0, communes: 4 });
    });

    it('re-importing the same file changes nothing (idempotent)', async () => {
      const before = await snapshot(db);
      const o = await run('boundaries', 'boundaries-geoapi.geojson');
      expect(o.status).toBe('imported');
      expect(await snapshot(db)).toEqual(before);
    });

    it('reads IGN ADMIN EXPRESS properties (INSEE_COM, NOM, SIREN_EPCI) and a zipped Lambert-93 shapefile', async () => {
      const geojson = await run('boundaries', 'boundaries-admin-express.geojson', { dryRun: true });
      expect(geojson.status).toBe('dry-run');
      expect(geojson.detected.schema).toBe('IGN ADMIN EXPRESS');
      expect(geojson.notes).toEqual([
        'the file has populations: give --year to store them (ignored)',
      ]);
      const before = await snapshot(db);
      const zip = await run('boundaries', 'boundaries-admin-express-lambert93.zip', {
        dryRun: true,
      });
      expect(zip.status).toBe('dry-run');
      expect(zip.detected).toMatchObject({
        format: 'zipped shapefile (COMMUNE.shp)',
        crs: 'EPSG:2154',
        schema: 'IGN ADMIN EXPRESS',
      });
      expect([zip.rowsRead, zip.imported, zip.errors]).toEqual([4, 4, 0]);
      expect(await snapshot(db)).toEqual(before);
    });

    it('reprojects Lambert-93 shapefiles to WGS84', async () => {
      await run('boundaries', 'boundaries-admin-express-lambert93.zip');
      const { rows } = await db.knex
        .raw(`SELECT round(CAST(ST_X(ST_Centroid(geom)) AS numeric), 2) AS lon,
        round(CAST(ST_Y(ST_Centroid(geom)) AS numeric), 2) AS lat FROM commune WHERE code = '18033'`);
      expect([Number(rows[0].lon), Number(rows[0].lat)]).toEqual([2.38, 47.07]);
      await run('boundaries', 'boundaries-geoapi.geojson');
    });

    it('repairs a self-intersecting polygon and reports it', async () => {
      const o = await run('boundaries', 'boundaries-self-intersecting.geojson', { dryRun: true });
      expect(o.status).toBe('dry-run');
      expect(problems(o)).toEqual([
        [
          'warning',
          2,
          'geometry',
          'Self-intersection[2.3 47.24]',
          'invalid geometry: repaired with ST_MakeValid',
        ],
      ]);
      expect(o.imported).toBe(4);
    });

    it('swaps back latitude and longitude given in the wrong order', async () => {
      const o = await run('boundaries', 'boundaries-swapped-coordinates.geojson', { dryRun: true });
      expect(problems(o)).toEqual([
        [
          'warning',
          1,
          'geometry',
          '47.0500 2.3500',
          'latitude and longitude swapped: swapped back (repaired)',
        ],
      ]);
    });

    it('refuses unknown, retired, malformed and duplicate codes and non-polygons, writing nothing', async () => {
      const before = await snapshot(db);
      const o = await run('boundaries', 'boundaries-unknown-retired-duplicate.geojson');
      expect(o.status).toBe('invalid');
      expect([o.rowsRead, o.imported, o.rejected]).toEqual([7, 0, 5]);
      expect(problems(o)).toEqual([
        [
          'error',
          3,
          'code',
          '18999',
          'unknown INSEE code (not a commune of COG 2026 (@etalab/decoupage-administratif 6.0.0))',
        ],
        [
          'error',
          4,
          'code',
          '18123',
          'retired INSEE code 18123: now 18023 Baugy (COG 2026 (@etalab/decoupage-administratif 6.0.0))',
        ],
        ['error', 5, 'code', '18033', 'duplicate: commune 18033 already on row 1'],
        [
          'error',
          6,
          'code',
          'Bourges',
          'not an INSEE commune code (5 characters, e.g. 18033 or 2A004)',
        ],
        ['error', 7, 'geometry', 'Point', 'a commune boundary must be a Polygon or MultiPolygon'],
      ]);
      expect(await snapshot(db)).toEqual(before);
      // With --skip-invalid the two valid rows would be imported (dry run: still nothing written).
      const skip = await run('boundaries', 'boundaries-unknown-retired-duplicate.geojson', {
        skipInvalid: true,
        dryRun: true,
      });
      expect([skip.status, skip.imported, skip.rejected]).toEqual(['dry-run', 2, 5]);
      expect(await snapshot(db)).toEqual(before);
    });
  });

  describe('MAM and childminders', () => {
    it('imports MAM and childminders, links them either way round, and flags approximate locations', async () => {
      const am = await run('childminders', 'childminders.csv');
      expect([am.status, am.imported, am.errors]).toEqual(['imported', 5, 0]);
      expect(am.counts).toMatchObject({
        childminders: 5,
        active: 4,
        approximate: 1,
        inMam: 2,
        linkedToMam: 0,
      });
      const mams = await run('mams', 'mams.csv');
      expect([mams.status, mams.imported]).toEqual(['imported', 2]);
      expect(mams.counts).toMatchObject({ mams: 2, approximate: 1, childmindersLinked: 2 });
      // Re-importing the MAM list keeps the links.
      await run('mams', 'mams.csv');
      const linked = await db
        .knex('childminder')
        .join('mam', 'mam.id', 'childminder.mam_id')
        .orderBy('childminder.source_id')
        .pluck('childminder.source_id');
      expect(linked).toEqual(['AM-002', 'AM-003']);
    });

    it('reads years of birth, and keeps them when a later file has no such column', async () => {
      const aged = await run('childminders', 'childminders-ages.csv');
      expect([aged.status, aged.imported, aged.errors]).toEqual(['imported', 5, 0]);
      const years = () =>
        db.knex('childminder').orderBy('source_id').select('source_id', 'birth_year');
      const expected = [
        { source_id: 'AM-001', birth_year: 1961 },
        { source_id: 'AM-002', birth_year: 1975 },
        { source_id: 'AM-003', birth_year: null },
        { source_id: 'AM-004', birth_year: 1990 },
        { source_id: 'AM-005', birth_year: 1958 },
      ];
      expect(await years()).toEqual(expected);
      await run('childminders', 'childminders.csv');
      expect(await years()).toEqual(expected);
    });

    it('refuses a wrong year of birth with its row, never printing the value', async () => {
      const before = await snapshot(db);
      const o = await run('childminders', 'childminders-ages-broken.csv');
      expect(o.status).toBe('invalid');
      const masked = '(masqué : donnée personnelle)';
      expect(problems(o).filter((p) => p[0] === 'error')).toEqual([
        ['error', 2, 'annee_naissance', masked, 'year of birth must be a year such as 1971'],
        ['error', 3, 'annee_naissance', masked, 'born less than 18 years before starting'],
        ['error', 4, 'annee_naissance', masked, 'year of birth must be a year such as 1971'],
      ]);
      expect(await snapshot(db)).toEqual(before);
    });

    it('never prints a childminder’s coordinates in the report', async () => {
      const o = await run('childminders', 'childminders-broken.csv');
      expect(o.status).toBe('invalid');
      expect(problems(o)).toEqual([
        ['error', 3, 'places_agrement', '0', 'agreement places: must be a positive integer'],
        ['error', 4, 'places_agrement', '9', 'an agreement covers at most 6 children'],
        ['error', 5, 'actif', 'peut-être', 'active must be oui/non (or 1/0)'],
        [
          'warning',
          6,
          'lat/lon',
          '(masqué : donnée personnelle)',
          'latitude and longitude swapped: swapped back (repaired)',
        ],
        [
          'error',
          7,
          'lat/lon',
          '(masqué : donnée personnelle)',
          'outside the territory of the commune’s département (18)',
        ],
        ['error', 8, 'id', 'AM-001', 'duplicate of row 2'],
      ]);
      expect(JSON.stringify(o.problems)).not.toMatch(/47\.08|2\.40|43\.3|5\.4/);
    });
  });

  describe('births', () => {
    it('imports every year of INSEE births of the loaded communes, an empty year left out', async () => {
      const o = await run('births', 'births-insee.csv');
      expect([o.status, o.errors]).toEqual(['imported', 0]);
      expect(o.counts).toMatchObject({ births: 5, communes: 2 });
      const rows = await db
        .knex('births')
        .orderBy(['commune_code', 'year'])
        .select('commune_code', 'year', 'births');
      expect(rows).toEqual([
        { commune_code: '18004', year: 2021, births: 9 },
        { commune_code: '18004', year: 2022, births: 12 },
        { commune_code: '18033', year: 2021, births: 701 },
        { commune_code: '18033', year: 2022, births: 684 },
        { commune_code: '18033', year: 2023, births: 650 },
      ]);
      const dataset = await db.knex('dataset').where({ kind: 'births' }).first();
      expect([dataset.vintage, dataset.fictional]).toEqual(['2021-2023', false]);
    });

    it('names the row, column and value of a bad count or code, and writes nothing', async () => {
      const before = await snapshot(db);
      const o = await run('births', 'births-broken.csv');
      expect(o.status).toBe('invalid');
      expect(problems(o).filter((p) => p[0] === 'error')).toEqual([
        ['error', 3, 'NAISD23', '1,5', 'births must be a whole number, 0 or more'],
        ['error', 4, 'CODGEO', '18999', expect.stringMatching(/^unknown INSEE code/)],
      ]);
      expect(await snapshot(db)).toEqual(before);
    });
  });

  describe('population', () => {
    it('imports children under 3 of the loaded communes from an INSEE file, the latest census prefix by default', async () => {
      const o = await run('population', 'population-insee-2021.csv');
      expect(o.status).toBe('imported');
      expect(o.detected).toMatchObject({
        encoding: 'UTF-8',
        separator: 'semicolon (;)',
        census: '2021 (P21_POP0002, P21_POP)',
      });
      expect([o.rowsRead, o.imported, o.rejected, o.warnings]).toEqual([5, 4, 0, 0]);
      expect(o.notes).toEqual(['1 row(s) of communes that are not loaded skipped (national file)']);
      const p = await db
        .knex('population')
        .where({ commune_code: '18033' })
        .first('year', 'children_under3', 'total', 'method');
      expect(p).toEqual({
        year: 2021,
        children_under3: 1631.2849811,
        total: 64186,
        method: 'census',
      });
      const figure = await db
        .knex('coverage_figure')
        .where({ level: 'departement', code: '18', year: 2021 })
        .first('children_under3', 'fictional');
      expect(figure.fictional).toBe(false);
      expect(figure.children_under3).toBeCloseTo(1631.2849811 + 29.4817254 + 30 + 41, 6);
      // Coverage recomputed in the same transaction: AM places of Bourges (at home 4, in the MAM 3 + 4).
      const bourges = await db
        .knex('coverage_figure')
        .where({ level: 'commune', code: '18033', year: 2021 })
        .first('places_am', 'places_mam');
      expect(bourges).toEqual({ places_am: 4 * 0.81, places_mam: 7 * 0.81 });
    });

    it('asks for an earlier census year with --year', async () => {
      const o = await run('population', 'population-insee-2021.csv', { year: 2015, dryRun: true });
      expect(o.detected.census).toBe('2015 (P15_POP0002, P15_POP)');
      const missing = await run('population', 'population-insee-2021.csv', { year: 2019 });
      expect(problems(missing)).toEqual([
        [
          'error',
          null,
          null,
          null,
          'no column for census year 2019: the file has P21_POP0002 (2021), P15_POP0002 (2015)',
        ],
      ]);
    });

    it('reads Latin-1 files with decimal commas and no-break spaces, and says so', async () => {
      const o = await run('population', 'population-latin1-decimal-commas.csv', { dryRun: true });
      expect(o.detected).toMatchObject({ encoding: 'Windows-1252', separator: 'semicolon (;)' });
      expect(problems(o)).toEqual([
        [
          'warning',
          null,
          null,
          null,
          'the file is not UTF-8: read as Windows-1252 (Latin-1); check accented names',
        ],
      ]);
      expect(o.imported).toBe(4);
    });

    it('reads UTF-8 with a BOM and a comma separator', async () => {
      const o = await run('population', 'population-bom-comma-separator.csv', { dryRun: true });
      expect(o.detected).toMatchObject({ encoding: 'UTF-8 (BOM)', separator: 'comma (,)' });
      expect([o.imported, o.errors, o.warnings]).toEqual([4, 0, 0]);
    });

    it('names the row, column, value and reason of every problem, and imports nothing by default', async () => {
      const before = await snapshot(db);
      const o = await run('population', 'population-unknown-retired-duplicate.csv');
      expect(o.status).toBe('invalid');
      expect(problems(o)).toEqual([
        [
          'error',
          3,
          'CODGEO',
          '18999',
          'unknown INSEE code (not a commune of COG 2026 (@etalab/decoupage-administratif 6.0.0))',
        ],
        [
          'warning',
          4,
          'CODGEO',
          '18123',
          'retired INSEE code 18123: now 18023 Baugy (COG 2026 (@etalab/decoupage-administratif 6.0.0)): counted in 18023',
        ],
        ['error', 6, 'CODGEO', '18033', 'duplicate: commune 18033 already on row 2'],
        ['error', 7, 'P21_POP0002', '-2', 'not a non-negative number'],
        ['error', 8, 'P21_POP0002', '', 'missing value'],
      ]);
      expect(await snapshot(db)).toEqual(before);
    });

    it('--skip-invalid imports the valid rows and writes the rejected ones to a CSV with their reasons', async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-rejects-'));
      const out: string[] = [];
      const command = await parseImportArgs([
        'population',
        fixture('population-unknown-retired-duplicate.csv'),
        '--skip-invalid',
        '--rejected-out',
        path.join(dir, 'rejets.csv'),
      ]);
      expect(await importCommand(db, command, (s) => out.push(s))).toBe(0);
      expect(out.join('\n')).toContain(
        'rows read: 7   imported: 2   rejected: 4   errors: 4   warnings: 1',
      );
      const csv = await fs.readFile(path.join(dir, 'rejets.csv'), 'utf8');
      expect(csv.split('\r\n')).toEqual([
        '\ufeffligne;CODGEO;P21_POP;P21_POP0002;raisons',
        '3;18999;100;3;CODGEO: unknown INSEE code (not a commune of COG 2026 (@etalab/decoupage-administratif 6.0.0))',
        '6;18033;64186;1631.28;CODGEO: duplicate: commune 18033 already on row 2',
        '7;18004;1142;-2;P21_POP0002: not a non-negative number',
        '8;18005;1036;;P21_POP0002: missing value',
        '',
      ]);
      // The retired code's children are counted in the current commune.
      expect(
        (await db.knex('population').where({ commune_code: '18023', year: 2021 }).first())
          .children_under3,
      ).toBe(41);
      await fs.rm(dir, { recursive: true });
      await run('population', 'population-insee-2021.csv');
    });

    it('detects a file whose header and rows use different separators', async () => {
      const o = await run('population', 'population-wrong-separator.csv');
      expect(o.status).toBe('invalid');
      expect(problems(o)).toEqual([
        [
          'error',
          null,
          null,
          null,
          'the header is separated by semicolon (;) but the rows by comma (,): use one separator',
        ],
      ]);
    });
  });

  describe('EAJE', () => {
    beforeAll(async () => {
      const o = await run('boundaries', 'boundaries-seine-saint-denis.geojson');
      expect(o.status).toBe('imported');
    });

    it('recognises the Seine-Saint-Denis list and places rows without coordinates at their commune', async () => {
      const o = await run('eaje', 'eaje-seine-saint-denis.csv');
      expect(o.status).toBe('imported');
      expect(o.detected.schema).toBe('Seine-Saint-Denis, liste des EAJE (Opendatasoft)');
      expect(problems(o)).toEqual([
        [
          'warning',
          5,
          'geo_point_2d',
          null,
          'no coordinates: placed at its commune (approximate location)',
        ],
      ]);
      const rows = await db
        .knex('eaje')
        .orderBy('name')
        .select(
          'name',
          'kind',
          'financing',
          'places',
          'manager_kind',
          'commune_code',
          'location_approximate',
        );
      expect(rows).toEqual([
        {
          name: 'Crèche Les Lucioles',
          kind: 'creche_collective',
          financing: 'psu',
          places: 60,
          manager_kind: 'public',
          commune_code: '93066',
          location_approximate: false,
        },
        {
          name: 'Halte-garderie du Centre',
          kind: 'halte_garderie',
          financing: 'psu',
          places: 20,
          manager_kind: 'public',
          commune_code: '93008',
          location_approximate: true,
        },
        {
          name: 'Micro-crèche Les Petits Pas',
          kind: 'micro_creche',
          financing: 'hors_psu',
          places: 10,
          manager_kind: 'prive',
          commune_code: '93008',
          location_approximate: false,
        },
        {
          name: 'Multi-accueil Croix-de-Chavaux',
          kind: 'multi_accueil',
          financing: 'psu',
          places: 45,
          manager_kind: 'associatif',
          commune_code: '93048',
          location_approximate: false,
        },
      ]);
      expect(
        (await db.knex('dataset').where({ key: 'import:eaje:93' }).first()).row_counts,
      ).toMatchObject({ eaje: 4, approximate: 1, places: 135 });
    });

    it('reads the same list as GeoJSON', async () => {
      const o = await run('eaje', 'eaje-seine-saint-denis.geojson', { dryRun: true });
      expect([o.status, o.imported, o.errors, o.warnings]).toEqual(['dry-run', 2, 0, 0]);
      expect(o.detected).toMatchObject({
        format: 'GeoJSON',
        schema: 'Seine-Saint-Denis, liste des EAJE (Opendatasoft)',
      });
    });

    it('reports swapped and outside coordinates, unknown codes, bad places, implausible micro-crèches and duplicates', async () => {
      const before = await snapshot(db);
      const o = await run('eaje', 'eaje-broken-rows.csv');
      expect(o.status).toBe('invalid');
      expect(problems(o)).toEqual([
        ['warning', 3, 'nbr_place', '14', 'a micro-crèche has at most 12 places'],
        [
          'warning',
          4,
          'geo_point_2d',
          '2.445, 48.862',
          'latitude and longitude swapped: swapped back (repaired)',
        ],
        [
          'error',
          5,
          'code_insee',
          '93999',
          'unknown INSEE code (not a commune of COG 2026 (@etalab/decoupage-administratif 6.0.0))',
        ],
        ['error', 6, 'nbr_place', '0', 'places: must be a positive integer'],
        ['error', 7, 'nbr_place', 'douze', 'places: not a number'],
        [
          'error',
          8,
          'geo_point_2d',
          '43.3, 5.4',
          'outside the territory of the commune’s département (93)',
        ],
        ['error', 9, 'nom', 'Crèche Les Lucioles', 'duplicate of row 2'],
      ]);
      expect(await snapshot(db)).toEqual(before);
    });

    it('maps other columns with a mapping file (decimal commas in coordinates)', async () => {
      const mapping = JSON.parse(
        await fs.readFile(fixture('eaje-custom-columns.mapping.json'), 'utf8'),
      );
      const o = await run('eaje', 'eaje-custom-columns.csv', { mapping, dryRun: true });
      expect([o.status, o.imported, o.errors, o.warnings]).toEqual(['dry-run', 2, 0, 0]);
      expect(o.detected.schema).toBe('mapping file');
    });

    it('an error while writing rolls the whole import back', async () => {
      const before = await snapshot(db);
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-overflow-'));
      const file = path.join(dir, 'eaje.csv');
      // 3 billion places pass the parser (a warning) but overflow the integer column.
      await fs.writeFile(
        file,
        'nom;places;code_insee;lat;lon\nCrèche A;20;93066;48.93;2.36\nCrèche B;3000000000;93066;48.93;2.36\n',
      );
      await expect(runImport(db, { kind: 'eaje', file })).rejects.toThrow(/out of range/);
      expect(await snapshot(db)).toEqual(before);
      await fs.rm(dir, { recursive: true });
    });
  });

  describe('Caf published coverage', () => {
    it('stores txcouv_pe_com figures beside the computed ones, skipping placeholder rows', async () => {
      const o = await run('caf-coverage', 'txcouv_pe_com.csv');
      expect(o.status).toBe('imported');
      expect(o.notes).toEqual(['1 placeholder row(s) (codes XX/XXX) skipped']);
      expect(o.counts).toMatchObject({ figures: 21, territories: 2 });
      const bourges = await db
        .knex('caf_published_coverage')
        .where({ level: 'commune', code: '18033', year: 2022, measure: 'txcouv' })
        .first('value', 'name');
      expect(bourges).toEqual({ value: 72.4, name: 'Bourges' });
    });

    it('reads the older TAUXCOUV2020.csv with decimal commas, its year from the file name', async () => {
      const o = await run('caf-coverage', 'TAUXCOUV2020.csv');
      expect(o.status).toBe('imported');
      expect(o.counts).toMatchObject({ figures: 4 });
      const rows = await db
        .knex('caf_published_coverage')
        .where({ year: 2020 })
        .orderBy(['level', 'code'])
        .select('level', 'code', 'measure', 'value');
      expect(rows).toEqual([
        { level: 'commune', code: '18033', measure: 'txcouv', value: 71.2 },
        { level: 'departement', code: '18', measure: 'txcouv', value: 63.9 },
        { level: 'epci', code: '200066330', measure: 'txcouv', value: 59.1 },
        { level: 'epci', code: '241800507', measure: 'txcouv', value: 68.4 },
      ]);
    });
  });

  describe('roads', () => {
    it('cuts OpenStreetMap ways at junctions, with speed, one-way and direction (XML and PBF alike)', async () => {
      const xml = await run('roads', 'roads-small.osm', { dryRun: true });
      const pbf = await run('roads', 'roads-small.osm.pbf');
      for (const o of [xml, pbf]) {
        expect([o.rowsRead, o.imported]).toEqual([4, 5]);
        expect(problems(o)).toEqual([
          [
            'warning',
            104,
            'maxspeed',
            'signals',
            'unreadable maxspeed: default for secondary used',
          ],
          [
            'warning',
            null,
            'nd',
            '1',
            '1 way(s) reference nodes absent from the extract (cut at its border): kept the parts inside',
          ],
        ]);
      }
      const edges = await db
        .knex('road_edge')
        .orderBy(['osm_id', 'source'])
        .select('osm_id', 'source', 'target', 'road_class', 'speed_kmh', 'oneway');
      expect(edges).toEqual([
        { osm_id: 100, source: 1, target: 3, road_class: 'primary', speed_kmh: 70, oneway: false },
        { osm_id: 100, source: 3, target: 4, road_class: 'primary', speed_kmh: 70, oneway: false },
        {
          osm_id: 101,
          source: 5,
          target: 3,
          road_class: 'residential',
          speed_kmh: 50,
          oneway: true,
        },
        { osm_id: 102, source: 6, target: 3, road_class: 'tertiary', speed_kmh: 50, oneway: true },
        {
          osm_id: 104,
          source: 4,
          target: 7,
          road_class: 'secondary',
          speed_kmh: 80,
          oneway: false,
        },
      ]);
      // maxspeed=FR:urban: the street is in a built-up area; no other way says where it is.
      const settings = await db.knex('road_edge').orderBy('osm_id').select('osm_id', 'setting');
      expect(settings.filter((r) => r.setting !== null)).toEqual([
        { osm_id: 102, setting: 'urban' },
      ]);
    });

    it('refuses a file that is not OpenStreetMap', async () => {
      const o = await run('roads', 'mams.csv');
      expect(o.status).toBe('invalid');
      expect(o.problems[0].reason).toMatch(/not an \.osm\.pbf file/);
    });
  });

  describe('territories side by side', () => {
    it('the API lists the imported département as real data, and serves its communes', async () => {
      const health = await (await fetch(`${server.baseUrl}/api/health`)).json();
      expect(health.territories).toEqual([
        { departementCode: '18', name: 'Cher', fictional: false, communes: 4, epcis: 3 },
        {
          departementCode: '93',
          name: 'Seine-Saint-Denis',
          fictional: false,
          communes: 3,
          epcis: 1,
        },
      ]);
      expect(health.fictional).toBe(false);
      const res = await fetch(
        `${server.baseUrl}/api/territories?level=commune&departement=18&year=2021`,
      );
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body.features.map((f: { id: string }) => f.id)).toEqual([
        '18004',
        '18005',
        '18023',
        '18033',
      ]);
      expect(body.metadata.fictional).toBe(false);
      expect(
        body.features.every(
          (f: { properties: { fictional: boolean } }) => f.properties.fictional === false,
        ),
      ).toBe(true);
    });
  });

  describe('reference', () => {
    it('loads names, legal populations, EPCI membership and former codes of a département from the COG', async () => {
      const o = await run('reference', null, { departement: '18' });
      expect(o.status).toBe('imported');
      expect(o.counts).toMatchObject({
        communes: 286,
        epcis: 18,
        populations: 286,
        populationTotal: 298660,
        departements: 1,
      });
      // Communes with a boundary keep it.
      expect(
        Number(
          (
            await db
              .knex('commune')
              .whereNotNull('geom')
              .where({ departement_code: '18' })
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(4);
      expect(
        (await db.knex('population').where({ commune_code: '18033', year: 2023 }).first()).total,
      ).toBe(64186);
      const again = await snapshot(db);
      await run('reference', null, { departement: '18' });
      expect(await snapshot(db)).toEqual(again);
    });
  });
});
