/**
 * IGN ADMIN EXPRESS as distributed, built in tests from readable data: the same four Cher
 * communes (Lambert-93 squares, as in boundaries-admin-express-lambert93.zip) as
 * - a .7z archive of shapefiles in IGN's folder tree
 *   (ADMIN-EXPRESS_3-2__SHP_LAMB93_FXX_…/ADMIN-EXPRESS/1_DONNEES_LIVRAISON_…/ADE_3-2_SHP_LAMB93_FXX/
 *   COMMUNE.shp with .dbf/.prj/.cpg, beside other layers), made with 7-Zip (7z-wasm);
 * - a GeoPackage (tables gpkg_spatial_ref_sys, gpkg_contents, gpkg_geometry_columns, layers
 *   `commune` and `departement` with ADMIN EXPRESS's lower-case columns), made with sql.js, as
 *   a file or in a .7z as IGN ships it.
 */
import SevenZip from '7z-wasm';
import initSqlJs from 'sql.js';
import { polygonToWkbHex } from '../../../kernel/wkb';
import { LAMBERT_93_PRJ, shapefileFiles, type ShapeRecord } from './shapefile-writer';

const square = (x0: number, y0: number, x1: number, y1: number): [number, number][][] => [
  [
    [x0, y0],
    [x0, y1],
    [x1, y1],
    [x1, y0],
    [x0, y0],
  ],
];

/** The four communes: INSEE code, name, population, EPCI, outline (Lambert-93 metres). */
export const FOUR_COMMUNES = [
  {
    code: '18033',
    nom: 'Bourges',
    population: 64186,
    epci: '241800507',
    rings: square(650000, 6660000, 656000, 6668000),
  },
  {
    code: '18004',
    nom: 'Allogny',
    population: 1142,
    epci: '200066330',
    rings: square(640000, 6678000, 646000, 6684000),
  },
  {
    code: '18005',
    nom: 'Allouis',
    population: 1036,
    epci: '200066330',
    rings: square(630000, 6672000, 636000, 6677000),
  },
  {
    code: '18023',
    nom: 'Baugy',
    population: 1598,
    epci: '200032514',
    rings: square(675000, 6662000, 680000, 6667000),
  },
];

export const ADMIN_EXPRESS_TOP = 'ADMIN-EXPRESS_3-2__SHP_LAMB93_FXX_2024-02-22';
export const ADMIN_EXPRESS_GPKG_TOP = 'ADMIN-EXPRESS_3-2__GPKG_LAMB93_FXX_2024-02-22';
export const COMMUNE_FOLDER = `${ADMIN_EXPRESS_TOP}/ADMIN-EXPRESS/1_DONNEES_LIVRAISON_2024-02-00161/ADE_3-2_SHP_LAMB93_FXX`;

/** The communes as ADMIN EXPRESS's COMMUNE shapefile records (upper-case columns). */
export function communeRecords(): ShapeRecord[] {
  return FOUR_COMMUNES.map((c) => ({
    rings: c.rings,
    fields: {
      ID: `COMMUNE_000000000975${c.code.slice(2)}`,
      NOM: c.nom,
      INSEE_COM: c.code,
      POPULATION: String(c.population),
      SIREN_EPCI: c.epci,
    },
  }));
}

/**
 * A .7z archive of `files` (path → bytes, folders from the paths). 7-Zip's exit sets
 * process.exitCode in Node: it is kept as it was.
 */
export async function sevenZipArchive(files: Record<string, Uint8Array>): Promise<Uint8Array> {
  const sevenZip = await SevenZip({ print: () => {}, printErr: () => {} });
  sevenZip.FS.mkdir('/in');
  for (const [path, bytes] of Object.entries(files)) {
    const parts = path.split('/');
    for (let k = 1; k < parts.length; k++) {
      const dir = `/in/${parts.slice(0, k).join('/')}`;
      try {
        sevenZip.FS.mkdir(dir);
      } catch {
        // already made
      }
    }
    sevenZip.FS.writeFile(`/in/${path}`, bytes);
  }
  sevenZip.FS.chdir('/in');
  const exitCode = process.exitCode;
  const tops = [...new Set(Object.keys(files).map((p) => p.split('/')[0]))];
  const status = (sevenZip.callMain as (a: string[]) => unknown)(['a', '-t7z', '/out.7z', ...tops]);
  process.exitCode = exitCode;
  if (status !== 0) throw new Error(`7-Zip could not build the test archive (status ${status})`);
  return sevenZip.FS.readFile('/out.7z');
}

/** ADMIN EXPRESS as a .7z: COMMUNE and DEPARTEMENT layers, a README, in IGN's folders. */
export async function adminExpressSevenZip(
  options: { withCommune?: boolean } = {},
): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {
    [`${ADMIN_EXPRESS_TOP}/LISEZ-MOI.txt`]: new TextEncoder().encode('ADMIN EXPRESS (test)'),
  };
  const layer = (name: string, records: ShapeRecord[]) => {
    for (const [file, bytes] of Object.entries(shapefileFiles(name, records, LAMBERT_93_PRJ)))
      files[`${COMMUNE_FOLDER}/${file}`] = bytes;
  };
  if (options.withCommune !== false) layer('COMMUNE', communeRecords());
  layer('DEPARTEMENT', [
    { rings: FOUR_COMMUNES[0].rings, fields: { INSEE_DEP: '18', NOM: 'Cher' } },
  ]);
  layer('EPCI', [{ rings: FOUR_COMMUNES[1].rings, fields: { CODE_SIREN: '200066330' } }]);
  return sevenZipArchive(files);
}

/** A GeoPackage geometry: "GP", version 0, flags (little endian, x/y envelope), srs_id, WKB. */
function geoPackageGeometry(srsId: number, rings: [number, number][][]): Uint8Array {
  const wkb = Buffer.from(polygonToWkbHex({ type: 'MultiPolygon', coordinates: [rings] }), 'hex');
  const xs = rings.flat().map((p) => p[0]);
  const ys = rings.flat().map((p) => p[1]);
  const header = new DataView(new ArrayBuffer(8 + 32));
  header.setUint8(0, 0x47);
  header.setUint8(1, 0x50);
  header.setUint8(2, 0);
  header.setUint8(3, 0b0000_0011);
  header.setInt32(4, srsId, true);
  [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].forEach((v, i) =>
    header.setFloat64(8 + 8 * i, v, true),
  );
  const out = new Uint8Array(40 + wkb.length);
  out.set(new Uint8Array(header.buffer), 0);
  out.set(wkb, 40);
  return out;
}

const LAMBERT_93_WKT =
  'PROJCS["RGF93 v1 / Lambert-93",GEOGCS["RGF93 v1",DATUM["Reseau_Geodesique_Francais_1993_v1",SPHEROID["GRS 1980",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic_2SP"],PARAMETER["latitude_of_origin",46.5],PARAMETER["central_meridian",3],PARAMETER["standard_parallel_1",49],PARAMETER["standard_parallel_2",44],PARAMETER["false_easting",700000],PARAMETER["false_northing",6600000],UNIT["metre",1],AUTHORITY["EPSG","2154"]]';

/**
 * ADMIN EXPRESS as a GeoPackage. `srs`: the CRS the layers declare (Lambert-93 as EPSG:2154 by
 * default); `communeTable`: the commune layer's name (another name: no commune layer).
 */
export async function adminExpressGeoPackage(
  options: {
    srs?: { srsId: number; organization: string; organizationId: number; definition: string };
    communeTable?: string;
  } = {},
): Promise<Uint8Array> {
  const srs = options.srs ?? {
    srsId: 2154,
    organization: 'EPSG',
    organizationId: 2154,
    definition: LAMBERT_93_WKT,
  };
  const communeTable = options.communeTable ?? 'commune';
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('PRAGMA application_id = 1196444487'); // "GPKG"
  db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
    organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
    description TEXT)`);
  db.run(`INSERT INTO gpkg_spatial_ref_sys VALUES
    ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
    ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
    ('WGS 84 geodetic', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]]', NULL)`);
  if (srs.srsId !== 4326 && srs.srsId > 0)
    db.run('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)', [
      'layers',
      srs.srsId,
      srs.organization,
      srs.organizationId,
      srs.definition,
    ]);
  db.run(`CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
    identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL,
    min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`);
  db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
    geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
    PRIMARY KEY (table_name, column_name))`);
  const layer = (table: string, columns: string) => {
    db.run(
      `CREATE TABLE "${table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geometrie BLOB, ${columns})`,
    );
    db.run(
      "INSERT INTO gpkg_contents VALUES (?, 'features', ?, '', '2024-02-22T00:00:00Z', NULL, NULL, NULL, NULL, ?)",
      [table, table, srs.srsId],
    );
    db.run("INSERT INTO gpkg_geometry_columns VALUES (?, 'geometrie', 'MULTIPOLYGON', ?, 0, 0)", [
      table,
      srs.srsId,
    ]);
  };
  layer(
    communeTable,
    'cleabs TEXT, nom TEXT, nom_m TEXT, insee_com TEXT, statut TEXT, population INTEGER, insee_dep TEXT, siren_epci TEXT',
  );
  for (const c of FOUR_COMMUNES)
    db.run(
      `INSERT INTO "${communeTable}" (geometrie, cleabs, nom, nom_m, insee_com, statut, population, insee_dep, siren_epci)
       VALUES (?, ?, ?, ?, ?, 'Commune simple', ?, '18', ?)`,
      [
        geoPackageGeometry(srs.srsId, c.rings),
        `COMMUNE_000000000975${c.code.slice(2)}`,
        c.nom,
        c.nom.toUpperCase(),
        c.code,
        c.population,
        c.epci,
      ],
    );
  layer('departement', 'cleabs TEXT, nom_m TEXT, nom TEXT, insee_dep TEXT, insee_reg TEXT');
  db.run(
    "INSERT INTO departement (geometrie, cleabs, nom_m, nom, insee_dep, insee_reg) VALUES (?, 'DEPARTEM_1', 'CHER', 'Cher', '18', '24')",
    [geoPackageGeometry(srs.srsId, FOUR_COMMUNES[0].rings)],
  );
  const bytes = db.export();
  db.close();
  return bytes;
}

/** The GeoPackage edition as IGN ships it: a .7z holding the .gpkg in its folders. */
export async function adminExpressGeoPackageSevenZip(): Promise<Uint8Array> {
  return sevenZipArchive({
    [`${ADMIN_EXPRESS_GPKG_TOP}/ADMIN-EXPRESS/1_DONNEES_LIVRAISON_2024-02-00162/ADE_3-2_GPKG_LAMB93_FXX/ADE_3-2_GPKG_LAMB93_FXX.gpkg`]:
      await adminExpressGeoPackage(),
  });
}
