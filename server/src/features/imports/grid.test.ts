/**
 * The demand grid: INSEE's Filosofi cells imported (CSV of each vintage, GeoPackage), and the
 * estimate of communes without them. Cells hold shares of the commune's census children under
 * 3: the commune totals stay exact.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { formatOutcome } from './cli';
import type { ImportKind, ImportOptions } from './plan';
import {
  deleteOtherCells,
  upsertDemandCells,
  type DemandCellRow,
} from '../../kernel/territory-writers';
import { runImport } from './service';
import { writeGeoPackage } from './test/geopackage-writer';
import { tableDigests } from './test/table-digest';

const fixture = (name: string) => path.join(import.meta.dirname, 'test/fixtures', name);

describe(`the demand grid (${databaseMode})`, () => {
  let db: Database;
  let dir: string;
  const run = (kind: ImportKind, file: string | null, options: Partial<ImportOptions> = {}) =>
    runImport(db, { kind, file: file && (path.isAbsolute(file) ? file : fixture(file)), options });
  const cells = (commune: string) =>
    db
      .knex('demand_cell')
      .where({ commune_code: commune })
      .orderBy('cell_id')
      .select('cell_id', 'method', 'weight', 'share', 'imputed', 'srid');
  const sumOf = async (commune: string, column: 'share' | 'weight') =>
    Number((await db.knex('demand_cell').where({ commune_code: commune }).sum({ s: column }))[0].s);

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-grid-'));
    for (const [kind, file] of [
      ['boundaries', 'boundaries-geoapi.geojson'],
      ['boundaries', 'boundaries-one-commune-geoapi.geojson'],
      ['population', 'population-insee-2021.csv'],
    ] as const)
      expect((await run(kind, file)).status).toBe('imported');
  });
  afterAll(async () => {
    await db?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('without a grid or roads, a real commune is spread evenly over 1 km cells of Lambert-93, labelled estimated', async () => {
    const bourges = await cells('18033');
    expect(bourges.length).toBe(56);
    expect(bourges.every((c) => c.method === 'estimate' && c.weight === 1 && c.srid === 2154)).toBe(
      true,
    );
    expect(bourges[0].cell_id).toMatch(/^CRS2154RES1000mN\d+E\d+$/);
    expect(await sumOf('18033', 'share')).toBeCloseTo(1, 12);
    const dataset = await db.knex('dataset').where({ key: 'estimate:grid:18' }).first();
    expect(dataset).toMatchObject({ kind: 'grid', vintage: 'estimé', fictional: false });
  });

  it('with real roads loaded, the estimate follows the residential roads: 200 m cells weighted by metres of road', async () => {
    const o = await run('roads', 'roads-small.osm');
    expect(o.changes.demand_cell).toEqual({ added: 6, updated: 0, removed: 56 });
    const bourges = await cells('18033');
    expect(bourges.map((c) => c.cell_id.slice(0, 16))).toEqual(Array(6).fill('CRS2154RES200mN6'));
    // The residential street 101 and the tertiary road 102 (the primary road does not count).
    const { rows } = await db.knex.raw(
      `SELECT sum(length_m) AS m FROM road_edge WHERE osm_id IN (101, 102)`,
    );
    expect(await sumOf('18033', 'weight')).toBeCloseTo(Number(rows[0].m), -1);
    expect(await sumOf('18033', 'share')).toBeCloseTo(1, 12);
    // Communes the extract does not reach stay spread over their area.
    expect((await cells('18004')).every((c) => c.cell_id.includes('RES1000m'))).toBe(true);
  });

  it('a dry run of a grid writes nothing', async () => {
    const before = await tableDigests(db.knex);
    const o = await run('grid', 'filosofi-2019-carreaux-200m.csv', { dryRun: true });
    expect([o.status, o.rowsRead, o.imported]).toEqual(['dry-run', 7, 6]);
    expect(await tableDigests(db.knex)).toEqual(before);
  });

  it('imports the 2019 grid: shares of each commune’s census children, cells on a commune line split by area, imputed cells flagged, other communes’ cells skipped', async () => {
    const o = await run('grid', 'filosofi-2019-carreaux-200m.csv');
    expect(o.status).toBe('imported');
    expect(o.detected).toMatchObject({
      format: 'CSV',
      layout: 'Filosofi 2019 layout (idcar_200m, lcog_geo, ind_0_3)',
      communes: '4 loaded commune(s) covered',
    });
    expect(o.notes).toEqual([
      '1 cell(s) of 1 commune(s) that are not loaded skipped (not written)',
      '1 cell(s) give former commune codes: counted in the current commune',
    ]);
    expect(o.counts).toMatchObject({
      cells: 7,
      communes: 4,
      imputed: 1,
      communesShapedByInhabitants: 1,
      cellsNotLoaded: 1,
    });
    expect(o.dataset).toMatchObject({ key: 'import:grid:18', vintage: '2019' });
    const bourges = await cells('18033');
    expect(bourges.map((c) => [c.cell_id, c.method, c.imputed, c.srid])).toEqual([
      ['CRS3035RES200mN2692400E3744400', 'grid', false, 3035],
      ['CRS3035RES200mN2692800E3740600', 'grid', false, 3035],
      ['CRS3035RES200mN2694400E3746200', 'grid', true, 3035],
    ]);
    // The cell on the Bourges / Saint-Doulchard line (lon 2.35 crosses it at x ≈ 3,740,738 m
    // of its 3,740,600–3,740,800): ~31 % of its area, hence of its 4 children, is in Bourges.
    const line = bourges[1].weight;
    expect(line / 4).toBeGreaterThan(0.3);
    expect(line / 4).toBeLessThan(0.32);
    const doulchard = await cells('18205');
    expect(doulchard.map((c) => [c.cell_id, c.share])).toEqual([
      ['CRS3035RES200mN2692800E3740600', 1],
    ]);
    expect(line + doulchard[0].weight).toBeCloseTo(4, 9);
    expect(bourges.map((c) => c.share)).toEqual([6, line, 3].map((w) => w / (9 + line)));
    // Children live at the square's centre, or for the line cell inside each commune's part.
    const { rows: centroids } = await db.knex.raw(
      `SELECT d.commune_code, d.cell_id,
              ST_DWithin(ST_Transform(d.centroid, 3035), ST_Centroid(ST_Transform(d.geom, 3035)), 0.01) AS centred,
              ST_Intersects(d.centroid, c.geom) AS in_commune, ST_Intersects(d.centroid, d.geom) AS in_cell
       FROM demand_cell d JOIN commune c ON c.code = d.commune_code
       WHERE d.cell_id IN ('CRS3035RES200mN2692400E3744400', 'CRS3035RES200mN2692800E3740600')
       ORDER BY 1, 2`,
    );
    expect(centroids).toEqual([
      {
        commune_code: '18033',
        cell_id: 'CRS3035RES200mN2692400E3744400',
        centred: true,
        in_commune: true,
        in_cell: true,
      },
      {
        commune_code: '18033',
        cell_id: 'CRS3035RES200mN2692800E3740600',
        centred: false,
        in_commune: true,
        in_cell: true,
      },
      {
        commune_code: '18205',
        cell_id: 'CRS3035RES200mN2692800E3740600',
        centred: false,
        in_commune: true,
        in_cell: true,
      },
    ]);
    // Allogny's cells hold no child aged 0 to 3: shaped by their inhabitants (10 and 30).
    expect((await cells('18004')).map((c) => c.share)).toEqual([0.25, 0.75]);
    // Baugy's cell carries its former code 18123.
    expect((await cells('18023')).map((c) => [c.cell_id, c.share])).toEqual([
      ['CRS3035RES200mN2690000E3769400', 1],
    ]);
    // Allouis is not in the file: it keeps its estimate.
    expect((await cells('18005')).every((c) => c.method === 'estimate')).toBe(true);
    expect(o.changes.demand_cell!.added).toBe(7);
  });

  it('keeps every commune’s children under 3 exactly: the cells add up to the census figure', async () => {
    const { rows } = await db.knex.raw(
      `SELECT p.commune_code, p.children_under3 AS census, sum(d.share * p.children_under3) AS cells
       FROM population p JOIN demand_cell d ON d.commune_code = p.commune_code
       WHERE p.year = 2021 GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(rows.map((r: { commune_code: string }) => r.commune_code)).toEqual([
      '18004',
      '18005',
      '18023',
      '18033',
    ]);
    for (const r of rows as { census: number; cells: number }[])
      expect(Math.abs(r.cells - r.census)).toBeLessThan(1e-9 * r.census);
  });

  it('reads the same cells in the 2017 layout (capitalised, with Groupe)', async () => {
    const o = await run('grid', 'filosofi-2017-carreaux-200m.csv', { year: 2017 });
    expect(o.detected.layout).toBe('Filosofi 2017 layout (Idcar_200m, lcog_geo, Ind_0_3)');
    expect(o.changes).toEqual({});
  });

  it('reads the 2015 layout (IdINSPIRE, I_est_cr, Depcom: one commune per cell)', async () => {
    const o = await run('grid', 'filosofi-2015-carreaux-200m.csv', { year: 2015 });
    expect(o.detected.layout).toBe('Filosofi 2015 layout (IdINSPIRE, Depcom, Ind_0_3)');
    // Depcom gives the line cell wholly to Saint-Doulchard: Bourges loses its part of it.
    expect(o.changes.demand_cell).toMatchObject({ added: 0, removed: 1 });
    expect((await cells('18205'))[0].weight).toBe(4);
    expect((await cells('18033')).map((c) => c.share)).toEqual([6 / 9, 3 / 9]);
    expect((await cells('18033')).map((c) => c.imputed)).toEqual([false, true]);
  });

  it('reads a GeoPackage of the same cells, and says when a geometry is not its cell id’s square', async () => {
    const csv = (await fs.readFile(fixture('filosofi-2019-carreaux-200m.csv'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const [header, ...records] = csv;
    const rows = records.map((r, i) => {
      const m = /N(\d+)E(\d+)/.exec(r[0])!;
      const [y, x] = [Number(m[1]), Number(m[2]) + (i === 0 ? 200 : 0)]; // the first one is off
      return {
        values: r.map((v, j) => (j >= 6 ? Number(v) : v)),
        ring: [
          [x, y],
          [x + 200, y],
          [x + 200, y + 200],
          [x, y + 200],
          [x, y],
        ] as [number, number][],
      };
    });
    const file = path.join(dir, 'carreaux_200m_met.gpkg');
    await fs.writeFile(file, await writeGeoPackage('carreaux_200m_met', 3035, header, rows));
    const o = await run('grid', file, { year: 2019 });
    expect(o.status).toBe('imported');
    expect(o.detected.format).toBe('GeoPackage (layer carreaux_200m_met, EPSG:3035)');
    expect(o.notes).toContain(
      '1 feature(s) whose geometry is not the square of their cell id: the id was used',
    );
    // The same cells as the 2019 CSV: the 2015 import's line cell is split again.
    expect((await cells('18033')).length).toBe(3);
    expect(o.changes.demand_cell).toMatchObject({ added: 1, removed: 0 });
  });

  it('a grid of one commune leaves the others’ cells; --replace removes those it no longer covers and estimates them again', async () => {
    const partial = await run('grid', 'filosofi-2019-one-commune.csv', { year: 2019 });
    expect(partial.changes).toEqual({});
    expect(partial.kept).toMatchObject({
      rows: { demand_cell: 5 },
      examples: ['18023 Baugy', '18033 Bourges', '18205 Saint-Doulchard'],
    });
    expect(formatOutcome(partial)).toContain(
      'kept, not in this file (--replace removes them): cells of an earlier import of this grid for communes the file no longer covers: demand_cell 5',
    );
    const replaced = await run('grid', 'filosofi-2019-one-commune.csv', {
      year: 2019,
      replace: true,
    });
    expect(replaced.removal!.rows).toEqual({ demand_cell: 5 });
    expect((await cells('18004')).map((c) => c.method)).toEqual(['grid', 'grid']);
    for (const code of ['18023', '18033', '18205']) {
      const estimated = await cells(code);
      expect([code, estimated.every((c) => c.method === 'estimate')]).toEqual([code, true]);
      expect(await sumOf(code, 'share')).toBeCloseTo(1, 12);
    }
    // Bourges follows its roads again.
    expect((await cells('18033')).length).toBe(6);
  });

  it('refuses a file that is not a Filosofi grid, naming the missing columns, and writes nothing', async () => {
    const before = await tableDigests(db.knex);
    const o = await run('grid', 'population-insee-2021.csv');
    expect(o.status).toBe('invalid');
    expect(o.problems[0].reason).toMatch(/^not a Filosofi 200 m grid: no column idcar_200m/);
    expect(await tableDigests(db.knex)).toEqual(before);
  });

  it('the shared writer stores cells given as GeoJSON, leaves unchanged ones alone, and removes the cells a commune no longer has', async () => {
    const square = (x: number): DemandCellRow['geometry'] => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 47.1],
          [x + 0.003, 47.1],
          [x + 0.003, 47.102],
          [x, 47.102],
          [x, 47.1],
        ],
      ],
    });
    const cell = (id: string, x: number, share: number): DemandCellRow => ({
      cell_id: id,
      commune_code: '18005',
      weight: share * 10,
      share,
      method: 'estimate',
      imputed: false,
      srid: 2154,
      geometry: square(x),
      centroid: [x + 0.0015, 47.101],
    });
    await db.knex
      .transaction(async (trx) => {
        const dataset = (await trx('dataset').where({ key: 'estimate:grid:18' }).first()).id;
        const rows = [cell('A', 2.2, 0.25), cell('B', 2.21, 0.75)];
        await upsertDemandCells(trx, rows, dataset);
        const stored = await trx('demand_cell')
          .where({ commune_code: '18005' })
          .whereIn('cell_id', ['A', 'B'])
          .orderBy('cell_id')
          .select('cell_id', 'share', trx.raw('ST_AsText(centroid) AS centroid'));
        expect(stored).toEqual([
          { cell_id: 'A', share: 0.25, centroid: 'POINT(2.2015 47.101)' },
          { cell_id: 'B', share: 0.75, centroid: 'POINT(2.2115 47.101)' },
        ]);
        // An update writes a new version of the row (a new ctid), even in the same transaction.
        const versions = async () =>
          (
            await trx('demand_cell')
              .whereIn('cell_id', ['A', 'B'])
              .orderBy('cell_id')
              .select(trx.raw('CAST(ctid AS text) AS version'))
          ).map((r: { version: string }) => r.version);
        const written = await versions();
        await upsertDemandCells(trx, rows, dataset);
        expect(await versions()).toEqual(written);
        await upsertDemandCells(trx, [rows[0], { ...rows[1], share: 0.5 }], dataset);
        const [a, b] = await versions();
        expect([a === written[0], b === written[1]]).toEqual([true, false]);
        const before = Number(
          (await trx('demand_cell').where({ commune_code: '18005' }).count({ n: '*' }))[0].n,
        );
        expect(before).toBeGreaterThan(2);
        expect(await deleteOtherCells(trx, ['18005'], rows)).toBe(before - 2);
        expect(
          await trx('demand_cell')
            .where({ commune_code: '18005' })
            .orderBy('cell_id')
            .pluck('cell_id'),
        ).toEqual(['A', 'B']);
        throw new Error('rollback');
      })
      .catch((e) => {
        if ((e as Error).message !== 'rollback') throw e;
      });
  });
});
