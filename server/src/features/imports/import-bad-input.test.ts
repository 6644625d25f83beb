/**
 * The importers' share of the bad-input battery: each case is a small file in the format its
 * kind reads, broken in one way; the import must refuse it with a message naming the row, the
 * column or the field, and write nothing. Usage errors of the command line follow.
 *
 * Cases already pinned in imports.test.ts (not repeated here): boundaries with unknown, retired,
 * malformed and duplicate codes and a non-polygon; population with unknown, retired and
 * duplicate codes, a negative and a missing value, a census year absent from the file, and a
 * header and rows with different separators; childminders with bad agreement places, an
 * unreadable `actif`, a position outside the département and a duplicate; EAJE with an unknown
 * commune, bad places, coordinates outside and a duplicate; a CSV given as roads; a value that
 * overflows its column while writing.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { ImportUsageError, parseImportArgs } from './cli';
import type { ImportKind, ImportOptions } from './plan';
import { runImport } from './service';
import { tableDigests } from './test/table-digest';

const bad = (name: string) => path.join(import.meta.dirname, 'test/fixtures/bad', name);
const fixture = (name: string) => path.join(import.meta.dirname, 'test/fixtures', name);

type Expected = [
  row: number | null,
  column: string | null,
  value: string | null,
  reason: string | RegExp,
];

interface Case {
  kind: ImportKind;
  file: string;
  options?: Partial<ImportOptions>;
  /** The errors of the report, in order (warnings are not listed). */
  errors: Expected[];
}

const CASES: Case[] = [
  {
    kind: 'boundaries',
    file: 'boundaries-truncated.geojson',
    errors: [[null, null, null, /^not valid JSON: /]],
  },
  {
    kind: 'boundaries',
    file: 'boundaries-empty.geojson',
    errors: [[null, null, null, 'not valid JSON: Unexpected end of JSON input']],
  },
  {
    kind: 'boundaries',
    file: 'boundaries-not-a-feature-collection.geojson',
    errors: [[null, null, null, 'not a GeoJSON FeatureCollection']],
  },
  {
    kind: 'boundaries',
    file: 'boundaries-no-code.geojson',
    errors: [
      [
        null,
        null,
        null,
        'no INSEE code property: expected one of code, INSEE_COM, insee, code_insee, codgeo, com, codeCommune (found nom, codeEpci)',
      ],
    ],
  },
  {
    kind: 'boundaries',
    file: 'boundaries-projected-in-wgs84.geojson',
    errors: [
      [
        1,
        'geometry',
        '650000 6660000',
        'projected coordinates (metres?) in a WGS84 file: declare the CRS (e.g. "crs": EPSG:2154) or reproject to WGS84',
      ],
    ],
  },
  {
    kind: 'boundaries',
    file: 'boundaries-null-geometry.geojson',
    errors: [[1, 'geometry', null, 'no geometry']],
  },
  {
    kind: 'boundaries',
    file: 'boundaries-zip-without-shp.zip',
    errors: [
      [
        null,
        null,
        null,
        'no shapefile (.shp) or GeoPackage (.gpkg) in the zip (found COMMUNE.dbf, LISEZ-MOI.txt)',
      ],
    ],
  },
  {
    kind: 'population',
    file: 'population-no-codgeo.csv',
    errors: [[null, null, null, 'no CODGEO column (found LIBGEO, P21_POP, P21_POP0002)']],
  },
  {
    kind: 'population',
    file: 'population-no-children-column.csv',
    errors: [
      [null, null, null, 'no children-under-3 column: expected P{yy}_POP0002 (e.g. P21_POP0002)'],
    ],
  },
  {
    kind: 'population',
    file: 'population-short-row.csv',
    errors: [
      [
        3,
        null,
        '18004;1142',
        '2 fields where the header has 3 (separator inside a value, or a different separator?)',
      ],
    ],
  },
  {
    kind: 'population',
    file: 'population-not-a-number.csv',
    errors: [[2, 'P21_POP0002', 'environ 1600', 'not a non-negative number']],
  },
  {
    kind: 'population',
    file: 'population-empty.csv',
    errors: [[null, null, null, 'the file is empty']],
  },
  {
    kind: 'births',
    file: 'births-no-year-column.csv',
    errors: [
      [
        null,
        null,
        null,
        'no births column: expected NAISD{yy} (e.g. NAISD23 for the births of 2023)',
      ],
    ],
  },
  {
    kind: 'births',
    file: 'births-broken.csv',
    errors: [
      [3, 'NAISD23', '1,5', 'births must be a whole number, 0 or more'],
      [
        4,
        'CODGEO',
        '18999',
        'unknown INSEE code (not a commune of COG 2026 (@etalab/decoupage-administratif 6.0.0))',
      ],
    ],
  },
  {
    kind: 'caf-coverage',
    file: 'caf-no-year.csv',
    errors: [[null, null, null, 'no "annee" column: give the year with --year']],
  },
  {
    kind: 'caf-coverage',
    file: 'txcouv_pe_com_2022-bad-rate.csv',
    errors: [[2, 'txcouv_com', 'soixante-douze', 'not a non-negative number']],
  },
  {
    kind: 'eaje',
    file: 'eaje-no-places-column.csv',
    errors: [
      [
        null,
        null,
        null,
        'unrecognised columns: missing places (schema "Berceau (colonnes canoniques)"; file has nom, code_insee, lat, lon). Rename the columns or give a mapping file (--mapping) — see docs/data.md',
      ],
    ],
  },
  {
    kind: 'eaje',
    file: 'eaje-latitude-95.csv',
    errors: [[2, 'lat/lon', '95, 2.357', 'latitude must be within ±90 and longitude within ±180']],
  },
  {
    kind: 'eaje',
    file: 'eaje-commune-not-loaded.csv',
    errors: [
      [
        3,
        'code_insee',
        '69123',
        'commune 69123 is not loaded: import its boundaries or the reference first',
      ],
    ],
  },
  {
    kind: 'eaje',
    file: 'eaje-bad-opening-year.csv',
    errors: [[2, 'ouverture', 'bientôt', 'not a year (YYYY or YYYY-MM-DD)']],
  },
  {
    // With --skip-invalid the valid row would go in, but --replace would remove the rejected
    // row's current version: refused.
    kind: 'eaje',
    file: 'eaje-commune-not-loaded.csv',
    options: { replace: true, skipInvalid: true },
    errors: [
      [
        3,
        'code_insee',
        '69123',
        'commune 69123 is not loaded: import its boundaries or the reference first',
      ],
      [
        null,
        null,
        null,
        '--replace with 1 rejected row(s): their current version would be removed; fix them, or import without --replace',
      ],
    ],
  },
  {
    kind: 'mams',
    file: 'mams-too-many-assistants.csv',
    errors: [[2, 'nb_assistants', '7', 'a MAM gathers at most 6 AM']],
  },
  {
    kind: 'mams',
    file: 'mams-too-many-places.csv',
    errors: [[2, 'places', '24', 'a MAM has at most 20 places']],
  },
  {
    kind: 'childminders',
    file: 'childminders-no-id.csv',
    errors: [[2, 'id', '', 'missing identifier']],
  },
  {
    kind: 'childminders',
    file: 'childminders-name-instead-of-id.csv',
    errors: [[null, null, null, /^unrecognised columns: missing id \(schema/]],
  },
  {
    kind: 'roads',
    file: 'roads-truncated.osm.pbf',
    errors: [[null, null, null, 'not an .osm.pbf file (invalid blob header length)']],
  },
  {
    kind: 'roads',
    file: 'roads-not-osm.osm',
    errors: [
      [
        null,
        null,
        null,
        'unreadable OpenStreetMap file: not an OpenStreetMap XML file (no <osm> element)',
      ],
    ],
  },
  {
    kind: 'roads',
    file: 'roads-no-roads.osm',
    errors: [
      [
        null,
        null,
        null,
        'no road for cars in the file (0 highway way(s) of a known class, 1 node(s)): is it the extract of your territory?',
      ],
    ],
  },
  {
    kind: 'grid',
    file: 'grid-bad-cell-id.csv',
    errors: [
      [
        2,
        'idcar_200m',
        'N2692400E3744400',
        'not a cell id such as CRS3035RES200mN2029800E4252400 (CRS, size, north, east)',
      ],
    ],
  },
  {
    kind: 'grid',
    file: 'grid-bad-commune-codes.csv',
    errors: [
      [
        2,
        'lcog_geo',
        '1803',
        'not INSEE commune codes (5 characters each, run together in lcog_geo)',
      ],
    ],
  },
  {
    kind: 'grid',
    file: 'grid-negative-children.csv',
    errors: [[2, 'ind_0_3', '-6', 'not a non-negative number']],
  },
  {
    kind: 'grid',
    file: 'grid-duplicate-cell.csv',
    errors: [
      [3, 'idcar_200m', 'CRS3035RES200mN2692400E3744400', 'duplicate: cell already on row 2'],
    ],
  },
  {
    kind: 'grid',
    file: 'grid-unknown-commune.csv',
    errors: [
      [
        2,
        'lcog_geo',
        '1803318999',
        'unknown INSEE code 18999 (not a commune of COG 2026 (@etalab/decoupage-administratif 6.0.0))',
      ],
    ],
  },
  {
    kind: 'grid',
    file: 'grid-bad-imputed-flag.csv',
    errors: [[2, 'i_est_200', '2', 'imputation flag must be 0 or 1']],
  },
  {
    kind: 'grid',
    file: 'grid-unknown-crs.csv',
    errors: [[2, 'idcar_200m', 'CRS9999RES200mN2692400E3744400', 'unknown CRS EPSG:9999']],
  },
  {
    kind: 'grid',
    file: 'grid-no-children-column.csv',
    errors: [
      [
        null,
        null,
        null,
        'not a Filosofi 200 m grid: no column ind_0_3 (found idcar_200m, lcog_geo, ind)',
      ],
    ],
  },
  { kind: 'grid', file: 'grid-empty.csv', errors: [[null, null, null, 'the file is empty']] },
  {
    kind: 'grid',
    file: 'grid-sqlite-not-geopackage.gpkg',
    errors: [[null, null, null, 'not a GeoPackage: an SQLite database without gpkg_contents']],
  },
];

/** Command lines refused before anything is read: [argv after `import`, message]. */
const USAGE: [string[], string | RegExp][] = [
  [['parcels', fixture('mams.csv')], /^import: unknown kind "parcels" \(one of boundaries, /],
  [['eaje'], 'import eaje: give the file to import'],
  [['eaje', bad('nothing-here.csv')], /^import eaje: no such file .*nothing-here\.csv$/],
  [['grid', bad('.')], /^import grid: .* is a directory: give the file to import$/],
  [['reference', fixture('mams.csv')], /^import reference takes no file/],
  [
    ['population', fixture('population-insee-2021.csv'), '--year', '21'],
    '--year must be a year such as 2021 (got "21")',
  ],
  [
    ['reference', '--departement', 'ZZ'],
    '--departement must be a département code such as 18, 2A or 974 (got "ZZ")',
  ],
  [
    [
      'population',
      fixture('population-insee-2021.csv'),
      '--mapping',
      bad('eaje-mapping-unknown-field.json'),
    ],
    '--mapping applies to eaje, childminders and mams',
  ],
  [
    ['eaje', fixture('mams.csv'), '--mapping', bad('eaje-latitude-95.csv')],
    /^--mapping .*eaje-latitude-95\.csv: /,
  ],
  [['eaje', fixture('mams.csv'), '--yes'], '--yes confirms --replace: give both, or neither'],
  [['eaje', fixture('mams.csv'), '--colour', 'bleu'], /Unknown option '--colour'/],
];

describe(`importers refuse bad input and write nothing (${databaseMode})`, () => {
  let db: Database;
  let before: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    for (const f of ['boundaries-geoapi.geojson', 'boundaries-seine-saint-denis.geojson'])
      expect((await runImport(db, { kind: 'boundaries', file: fixture(f) })).status).toBe(
        'imported',
      );
    before = await tableDigests(db.knex);
  });
  afterAll(async () => {
    await db?.close();
  });

  it.each(
    CASES.map(
      (c) => [`${c.kind} ${c.file}${c.options ? ' ' + JSON.stringify(c.options) : ''}`, c] as const,
    ),
  )('%s', async (_name, c) => {
    const o = await runImport(db, { kind: c.kind, file: bad(c.file), options: c.options });
    expect(o.status).toBe('invalid');
    const errors = o.problems
      .filter((p) => p.severity === 'error')
      .map((p) => [p.row, p.column, p.value, p.reason]);
    expect(errors).toHaveLength(c.errors.length);
    c.errors.forEach(([row, column, value, reason], i) => {
      expect(errors[i].slice(0, 3)).toEqual([row, column, value]);
      if (typeof reason === 'string') expect(errors[i][3]).toBe(reason);
      else expect(errors[i][3]).toMatch(reason);
    });
    expect(await tableDigests(db.knex)).toEqual(before);
  });

  it.each(
    USAGE.map(
      ([argv, message]) => [argv.map((a) => path.basename(a)).join(' '), argv, message] as const,
    ),
  )('import %s: a usage error', async (_name, argv, message) => {
    const error = await parseImportArgs(argv, false).catch((e) => e);
    expect(error).toBeInstanceOf(ImportUsageError);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });
});
