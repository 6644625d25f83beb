/**
 * GeoPackage files (OGC 12-128: an SQLite database) read with sql.js, for any importer that
 * takes one (commune boundaries from IGN ADMIN EXPRESS, grids…). The interface:
 *
 *   const gpkg = await openGeoPackage(bytes);  // FileFormatError when not a readable GeoPackage
 *   gpkg.layers();                             // feature layers: name, geometry column and type, CRS
 *   for (const f of gpkg.features('commune'))  // properties + GeoJSON geometry (+ the raw WKB)
 *   gpkg.close();
 *
 * The CRS comes from `gpkg_spatial_ref_sys` (`srid`: the EPSG code when the file names one);
 * geometries are the GeoPackage binary encoding (header, optional envelope, then WKB), read by
 * `wkbToGeometry`. Layer names are matched case-insensitively and only layers listed in
 * `gpkg_contents` are ever read: no name from elsewhere reaches SQL text.
 */
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { FileFormatError } from './plan';
import { wkbToGeometry, type WkbGeometry } from '../../kernel/wkb';

export interface GeoPackageSrs {
  srsId: number;
  /** e.g. 'EPSG', 'NONE'. */
  organization: string | null;
  organizationCoordsysId: number | null;
  /** WKT of the CRS ('undefined' for the two undefined ones). */
  definition: string | null;
}

export interface GeoPackageLayer {
  name: string;
  geometryColumn: string;
  /** GEOMETRY, POINT, MULTIPOLYGON… as declared. */
  geometryType: string;
  srs: GeoPackageSrs;
  /** The EPSG code of the layer's CRS, or null when the file does not give one. */
  srid: number | null;
  featureCount: number;
  /** Every column of the layer's table, the geometry's included. */
  columns: string[];
}

export interface GeoPackageFeature {
  /** Every column but the geometry, as stored (numbers, text; blobs as bytes). */
  properties: Record<string, SqlValue>;
  /** Null for an empty or missing geometry. */
  geometry: WkbGeometry | null;
  /** The geometry's WKB, without the GeoPackage header (null when empty or missing). */
  wkb: Uint8Array | null;
}

export interface GeoPackage {
  layers(): GeoPackageLayer[];
  /** The layer of that name (any case), or null. */
  layer(name: string): GeoPackageLayer | null;
  features(layer: string): Iterable<GeoPackageFeature>;
  close(): void;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/** Whether the bytes start as an SQLite database (a GeoPackage is one). */
export function isSqlite(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 16 && new TextDecoder('latin1').decode(bytes.subarray(0, 16)) === SQLITE_MAGIC
  );
}

/** SQLite compiled once per process (~0.7 s); it holds no data, each file opens its own. */
let sqlJs: ReturnType<typeof initSqlJs> | null = null;

/** Open a GeoPackage held in memory. */
export async function openGeoPackage(bytes: Uint8Array): Promise<GeoPackage> {
  if (!isSqlite(bytes)) throw new FileFormatError('not a GeoPackage (not an SQLite database)');
  sqlJs ??= initSqlJs();
  const SQL = await sqlJs;
  let db: Database;
  try {
    db = new SQL.Database(bytes);
    db.exec('SELECT count(*) FROM sqlite_master');
  } catch (error) {
    throw new FileFormatError(`unreadable GeoPackage: ${(error as Error).message}`);
  }
  const tables = new Set(
    (
      db.exec("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")[0]?.values ?? []
    ).map((r) => String(r[0])),
  );
  for (const required of ['gpkg_contents', 'gpkg_geometry_columns', 'gpkg_spatial_ref_sys']) {
    if (!tables.has(required)) {
      db.close();
      throw new FileFormatError(`not a GeoPackage: an SQLite database without ${required}`);
    }
  }
  const layers = readLayers(db);
  return {
    layers: () => layers,
    layer: (name) => layers.find((l) => l.name.toLowerCase() === name.toLowerCase()) ?? null,
    features: (name) => {
      const layer = layers.find((l) => l.name.toLowerCase() === name.toLowerCase());
      if (!layer) throw new FileFormatError(`the GeoPackage has no feature layer "${name}"`);
      return readFeatures(db, layer);
    },
    close: () => db.close(),
  };
}

function readLayers(db: Database): GeoPackageLayer[] {
  const rows = select(
    db,
    `SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id,
            s.organization, s.organization_coordsys_id, s.definition
     FROM gpkg_contents c
     JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
     LEFT JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id
     WHERE c.data_type = 'features'
     ORDER BY c.table_name`,
  );
  return rows.map((r) => {
    const name = String(r.table_name);
    const organization = r.organization === null ? null : String(r.organization);
    const organizationCoordsysId =
      r.organization_coordsys_id === null ? null : Number(r.organization_coordsys_id);
    const srs: GeoPackageSrs = {
      srsId: Number(r.srs_id),
      organization,
      organizationCoordsysId,
      definition: r.definition === null ? null : String(r.definition),
    };
    const srid =
      organization?.toUpperCase() === 'EPSG' && organizationCoordsysId && organizationCoordsysId > 0
        ? organizationCoordsysId
        : null;
    const featureCount = Number(select(db, `SELECT count(*) AS n FROM ${quoted(name)}`)[0].n);
    return {
      name,
      geometryColumn: String(r.column_name),
      geometryType: String(r.geometry_type_name),
      srs,
      srid,
      featureCount,
      columns: select(db, `SELECT name FROM pragma_table_info(${quotedLiteral(name)})`).map((c) =>
        String(c.name),
      ),
    };
  });
}

function* readFeatures(db: Database, layer: GeoPackageLayer): Iterable<GeoPackageFeature> {
  const statement = db.prepare(`SELECT * FROM ${quoted(layer.name)}`);
  try {
    let n = 0;
    while (statement.step()) {
      n++;
      const row = statement.getAsObject();
      const blob = row[layer.geometryColumn];
      const properties: Record<string, SqlValue> = {};
      for (const [k, v] of Object.entries(row)) if (k !== layer.geometryColumn) properties[k] = v;
      let wkb: Uint8Array | null = null;
      let geometry: WkbGeometry | null = null;
      if (blob instanceof Uint8Array) {
        try {
          wkb = geoPackageWkb(blob);
          geometry = wkb && wkbToGeometry(wkb);
        } catch (error) {
          throw new FileFormatError(
            `layer ${layer.name}, feature ${n}: unreadable geometry (${(error as Error).message})`,
          );
        }
      }
      yield { properties, geometry, wkb };
    }
  } finally {
    statement.free();
  }
}

/**
 * The WKB inside a GeoPackage geometry blob: magic "GP", version, flags (bit 0: byte order of
 * the header; bits 1–3: envelope of 0, 32, 48, 48 or 64 bytes; bit 4: empty; bit 5: an
 * extension's own encoding), srs_id, envelope, WKB. Null for an empty geometry.
 */
export function geoPackageWkb(blob: Uint8Array): Uint8Array | null {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50)
    throw new RangeError('not a GeoPackage geometry (no "GP" header)');
  const flags = blob[3];
  if (flags & 0x20) throw new RangeError('extended GeoPackage geometry (not standard WKB)');
  const envelope = (flags >> 1) & 0x07;
  const envelopeBytes = [0, 32, 48, 48, 64][envelope];
  if (envelopeBytes === undefined) throw new RangeError(`invalid envelope indicator ${envelope}`);
  if (flags & 0x10) return null;
  return blob.subarray(8 + envelopeBytes);
}

function select(db: Database, sql: string): Record<string, SqlValue>[] {
  const statement = db.prepare(sql);
  const rows: Record<string, SqlValue>[] = [];
  try {
    while (statement.step()) rows.push(statement.getAsObject());
  } finally {
    statement.free();
  }
  return rows;
}

/** An SQLite string literal (only names read from gpkg_contents get here). */
function quotedLiteral(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** An SQLite identifier, quoted (only names read from gpkg_contents get here). */
function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
