/**
 * A minimal GeoPackage written with sql.js, for tests: the three catalogue tables and one
 * feature layer of polygons (geometry blobs: GP header with an envelope, then little-endian
 * WKB), as GDAL writes INSEE's grid.
 */
import initSqlJs, { type SqlValue } from 'sql.js';

type Ring = [number, number][];

/** A GeoPackage geometry blob of a polygon, with its envelope. */
export function gpkgPolygon(srsId: number, ring: Ring): Uint8Array {
  const wkb = 1 + 4 + 4 + 4 + 16 * ring.length;
  const buf = new DataView(new ArrayBuffer(8 + 32 + wkb));
  buf.setUint8(0, 0x47);
  buf.setUint8(1, 0x50);
  buf.setUint8(2, 0);
  buf.setUint8(3, 0b0000_0011); // little endian, envelope [minx, maxx, miny, maxy]
  buf.setInt32(4, srsId, true);
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].forEach((v, i) =>
    buf.setFloat64(8 + 8 * i, v, true),
  );
  let pos = 40;
  buf.setUint8(pos, 1);
  buf.setUint32(pos + 1, 3, true);
  buf.setUint32(pos + 5, 1, true);
  buf.setUint32(pos + 9, ring.length, true);
  pos += 13;
  for (const [x, y] of ring) {
    buf.setFloat64(pos, x, true);
    buf.setFloat64(pos + 8, y, true);
    pos += 16;
  }
  return new Uint8Array(buf.buffer);
}

/** A GeoPackage holding `layer` with `columns` (text and numbers) and a polygon per row. */
export async function writeGeoPackage(
  layer: string,
  srsId: number,
  columns: string[],
  rows: { values: SqlValue[]; ring: Ring }[],
): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
    organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
    description TEXT)`);
  db.run(
    `INSERT INTO gpkg_spatial_ref_sys VALUES ('ETRS89-extended / LAEA Europe', ?, 'EPSG', ?, 'undefined', NULL)`,
    [srsId, srsId],
  );
  db.run(`CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL,
    identifier TEXT, description TEXT DEFAULT '', last_change TEXT, min_x REAL, min_y REAL,
    max_x REAL, max_y REAL, srs_id INTEGER)`);
  db.run(
    `INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)`,
    [layer, layer, srsId],
  );
  db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
    geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL)`);
  db.run(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POLYGON', ?, 0, 0)`, [
    layer,
    srsId,
  ]);
  db.run(
    `CREATE TABLE "${layer}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POLYGON, ${columns
      .map((c) => `"${c}"`)
      .join(', ')})`,
  );
  for (const r of rows)
    db.run(
      `INSERT INTO "${layer}" (geom, ${columns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`,
      [gpkgPolygon(srsId, r.ring), ...r.values],
    );
  const bytes = db.export();
  db.close();
  return bytes;
}
