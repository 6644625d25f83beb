import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import type { ImportOptions } from './plan';
import { runImport } from './service';
import {
  ADMIN_EXPRESS_GPKG_TOP,
  ADMIN_EXPRESS_TOP,
  adminExpressGeoPackage,
  adminExpressGeoPackageSevenZip,
  adminExpressSevenZip,
  sevenZipArchive,
} from './test/admin-express-files';

/**
 * IGN ADMIN EXPRESS as IGN distributes it: a .7z archive of shapefiles in its folder tree and a
 * GeoPackage, beside the zipped shapefile already read. The same four communes in each.
 */
describe(`ADMIN EXPRESS as distributed: .7z and GeoPackage (${databaseMode})`, () => {
  let db: Database;
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  const run = (name: string, options: Partial<ImportOptions> = {}) =>
    runImport(db, { kind: 'boundaries', file: file(name), options });

  /** What a boundaries import writes, as comparable text. */
  const written = async () => {
    const communes = await db.knex.raw(`
      SELECT code, name, departement_code, epci_code, round(CAST(area_km2 AS numeric), 6) AS area_km2,
             ST_AsEWKT(geom) AS geom
      FROM commune ORDER BY code`);
    const populations = await db
      .knex('population')
      .orderBy('commune_code')
      .select('commune_code', 'year', 'total');
    const epcis = await db.knex('epci').orderBy('code').select('code', 'name');
    return { communes: communes.rows, populations, epcis };
  };
  const tableCounts = async () => {
    const counts: Record<string, number> = {};
    for (const t of ['dataset', 'commune', 'epci', 'departement', 'population'])
      counts[t] = Number((await db.knex(t).count({ n: '*' }))[0].n);
    return counts;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-admin-express-'));
    await fs.copyFile(
      path.join(import.meta.dirname, 'test/fixtures/boundaries-admin-express-lambert93.zip'),
      file('communes.zip'),
    );
    await fs.writeFile(file(`${ADMIN_EXPRESS_TOP}.7z`), await adminExpressSevenZip());
    await fs.writeFile(file('ADE_3-2_GPKG_LAMB93_FXX.gpkg'), await adminExpressGeoPackage());
    await fs.writeFile(
      file(`${ADMIN_EXPRESS_GPKG_TOP}.7z`),
      await adminExpressGeoPackageSevenZip(),
    );
  });
  afterAll(async () => {
    await db?.close();
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('the same communes imported from .zip, .7z, .gpkg and .gpkg in a .7z give identical rows', async () => {
    const results = [];
    for (const name of [
      'communes.zip',
      `${ADMIN_EXPRESS_TOP}.7z`,
      'ADE_3-2_GPKG_LAMB93_FXX.gpkg',
      `${ADMIN_EXPRESS_GPKG_TOP}.7z`,
    ]) {
      const o = await run(name, { year: 2021 });
      expect([o.status, o.rowsRead, o.imported, o.errors, o.warnings], name).toEqual([
        'imported',
        4,
        4,
        0,
        0,
      ]);
      results.push({ detected: o.detected, rows: await written() });
    }
    expect(results.map((r) => [r.detected.format, r.detected.crs, r.detected.schema])).toEqual([
      ['zipped shapefile (COMMUNE.shp)', 'EPSG:2154', 'IGN ADMIN EXPRESS'],
      ['7z shapefile (COMMUNE.shp)', 'EPSG:2154', 'IGN ADMIN EXPRESS'],
      ['GeoPackage (layer commune)', 'EPSG:2154', 'IGN ADMIN EXPRESS'],
      ['7z GeoPackage (layer commune)', 'EPSG:2154', 'IGN ADMIN EXPRESS'],
    ]);
    const [zip, sevenZip, gpkg, gpkgIn7z] = results.map((r) => r.rows);
    // Real values, reprojected from Lambert-93: Bourges' square lies around 2.38°E 47.07°N.
    expect(
      zip.communes.map((c: { code: string; name: string; epci_code: string }) => [
        c.code,
        c.name,
        c.epci_code,
      ]),
    ).toEqual([
      ['18004', 'Allogny', '200066330'],
      ['18005', 'Allouis', '200066330'],
      ['18023', 'Baugy', '200032514'],
      ['18033', 'Bourges', '241800507'],
    ]);
    expect(zip.communes[3].geom).toMatch(/^SRID=4326;MULTIPOLYGON\(\(\(2\.3/);
    expect(Number(zip.communes[3].area_km2)).toBeCloseTo(48, 0); // 6 km × 8 km
    expect(zip.populations.map((p: { total: number }) => p.total)).toEqual([
      1142, 1036, 1598, 64186,
    ]);
    expect(sevenZip).toEqual(zip);
    expect(gpkg).toEqual(zip);
    expect(gpkgIn7z).toEqual(zip);
  });

  it('an archive without a COMMUNE layer is refused, naming the layers it holds', async () => {
    await fs.writeFile(file('no-commune.7z'), await adminExpressSevenZip({ withCommune: false }));
    const before = await tableCounts();
    const o = await run('no-commune.7z');
    expect(o.status).toBe('invalid');
    expect(o.problems.map((p) => p.reason)).toEqual([
      'no COMMUNE layer in the .7z archive: layers found: DEPARTEMENT, EPCI',
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('a corrupt .7z archive is refused with 7-Zip’s reason, nothing written', async () => {
    const good = await adminExpressSevenZip();
    const corrupt = good.slice(0, 64); // the signature, then the archive cut short
    await fs.writeFile(file('corrupt.7z'), corrupt);
    const before = await tableCounts();
    const o = await run('corrupt.7z');
    expect(o.status).toBe('invalid');
    expect(o.problems[0].reason).toMatch(/^not a readable \.7z archive: .+/);
    expect(await tableCounts()).toEqual(before);
    expect(process.exitCode ?? 0).toBe(0); // 7-Zip's own exit status does not leak
  });

  it('a .7z archive holding no shapefile nor GeoPackage says what it found', async () => {
    await fs.writeFile(
      file('notes.7z'),
      await sevenZipArchive({ 'ADMIN-EXPRESS/LISEZ-MOI.txt': new TextEncoder().encode('x') }),
    );
    const o = await run('notes.7z');
    expect(o.problems.map((p) => p.reason)).toEqual([
      'no shapefile (.shp) or GeoPackage (.gpkg) in the .7z archive (found ADMIN-EXPRESS/LISEZ-MOI.txt)',
    ]);
  });

  it('a GeoPackage whose CRS is not known is refused, naming the layer and its SRS', async () => {
    await fs.writeFile(
      file('local.gpkg'),
      await adminExpressGeoPackage({
        srs: {
          srsId: 999,
          organization: 'IGNF',
          organizationId: 999,
          definition: 'LOCAL_CS["plan local"]',
        },
      }),
    );
    const before = await tableCounts();
    const o = await run('local.gpkg');
    expect(o.status).toBe('invalid');
    expect(o.problems.map((p) => p.reason)).toEqual([
      'layer commune: unknown spatial reference system (srs_id 999, IGNF 999): reproject to Lambert-93 (EPSG:2154) or WGS84 (EPSG:4326)',
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it('a GeoPackage without a commune layer is refused, naming its layers', async () => {
    await fs.writeFile(
      file('communes-renamed.gpkg'),
      await adminExpressGeoPackage({ communeTable: 'commune_2024' }),
    );
    const o = await run('communes-renamed.gpkg');
    expect(o.problems.map((p) => p.reason)).toEqual([
      'no commune layer in the GeoPackage: layers found: commune_2024, departement',
    ]);
  });

  it('an SQLite file that is not a GeoPackage is refused', async () => {
    const gpkg = await adminExpressGeoPackage();
    const damaged = Uint8Array.from(gpkg);
    damaged.fill(0, 100, 4096); // the first page's schema gone
    await fs.writeFile(file('damaged.gpkg'), damaged);
    const o = await run('damaged.gpkg');
    expect(o.status).toBe('invalid');
    expect(o.problems[0].reason).toMatch(/^(unreadable GeoPackage|not a GeoPackage): /);
  });
});
