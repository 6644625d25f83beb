/**
 * A minimal polygon shapefile writer for tests (.shp + .dbf with character fields), zipped with
 * a .prj and a .cpg as IGN distributes ADMIN EXPRESS. Enough to produce a fixture in the real
 * binary format from readable data.
 */
import { zipSync } from 'fflate';

export interface ShapeRecord {
  /** Rings of one polygon (outer first), [x, y] in the CRS of `prj`. */
  rings: [number, number][][];
  fields: Record<string, string>;
}

function shp(records: ShapeRecord[]): Uint8Array {
  const bodies = records.map((r) => {
    const points = r.rings.flat();
    const size = 44 + 4 * r.rings.length + 16 * points.length;
    const b = new DataView(new ArrayBuffer(size));
    const xs = points.map((p) => p[0]),
      ys = points.map((p) => p[1]);
    b.setInt32(0, 5, true); // Polygon
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) =>
      b.setFloat64(4 + 8 * i, v, true),
    );
    b.setInt32(36, r.rings.length, true);
    b.setInt32(40, points.length, true);
    let start = 0;
    r.rings.forEach((ring, i) => {
      b.setInt32(44 + 4 * i, start, true);
      start += ring.length;
    });
    const base = 44 + 4 * r.rings.length;
    points.forEach(([x, y], i) => {
      b.setFloat64(base + 16 * i, x, true);
      b.setFloat64(base + 16 * i + 8, y, true);
    });
    return new Uint8Array(b.buffer);
  });
  const total = 100 + bodies.reduce((s, b) => s + 8 + b.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setInt32(0, 9994, false);
  v.setInt32(24, total / 2, false);
  v.setInt32(28, 1000, true);
  v.setInt32(32, 5, true);
  const all = records.flatMap((r) => r.rings.flat());
  [
    Math.min(...all.map((p) => p[0])),
    Math.min(...all.map((p) => p[1])),
    Math.max(...all.map((p) => p[0])),
    Math.max(...all.map((p) => p[1])),
  ].forEach((x, i) => v.setFloat64(36 + 8 * i, x, true));
  let pos = 100;
  bodies.forEach((b, i) => {
    v.setInt32(pos, i + 1, false);
    v.setInt32(pos + 4, b.length / 2, false);
    out.set(b, pos + 8);
    pos += 8 + b.length;
  });
  return out;
}

function dbf(records: ShapeRecord[]): Uint8Array {
  const names = Object.keys(records[0]?.fields ?? {});
  const enc = new TextEncoder();
  const widths = names.map((n) =>
    Math.max(1, ...records.map((r) => enc.encode(r.fields[n] ?? '').length)),
  );
  const headerLength = 32 + 32 * names.length + 1;
  const recordLength = 1 + widths.reduce((s, w) => s + w, 0);
  const out = new Uint8Array(headerLength + recordLength * records.length + 1);
  const v = new DataView(out.buffer);
  v.setUint8(0, 3);
  v.setUint8(1, 124);
  v.setUint8(2, 1);
  v.setUint8(3, 1);
  v.setUint32(4, records.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  names.forEach((n, i) => {
    out.set(enc.encode(n.slice(0, 10)), 32 + 32 * i);
    out[32 + 32 * i + 11] = 'C'.charCodeAt(0);
    out[32 + 32 * i + 16] = widths[i];
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((r, k) => {
    let pos = headerLength + k * recordLength;
    out[pos++] = 0x20;
    names.forEach((n, i) => {
      const bytes = enc.encode(r.fields[n] ?? '');
      out.fill(0x20, pos, pos + widths[i]);
      out.set(bytes, pos);
      pos += widths[i];
    });
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** The files of a shapefile layer: `<name>.shp/.dbf/.prj/.cpg`. */
export function shapefileFiles(
  name: string,
  records: ShapeRecord[],
  prj: string,
  cpg = 'UTF-8',
): Record<string, Uint8Array> {
  return {
    [`${name}.shp`]: shp(records),
    [`${name}.dbf`]: dbf(records),
    [`${name}.prj`]: new TextEncoder().encode(prj),
    [`${name}.cpg`]: new TextEncoder().encode(cpg),
  };
}

/** A zip holding `<name>.shp/.dbf/.prj/.cpg`. */
export function zippedShapefile(
  name: string,
  records: ShapeRecord[],
  prj: string,
  cpg = 'UTF-8',
): Uint8Array {
  return zipSync(shapefileFiles(name, records, prj, cpg));
}

export const LAMBERT_93_PRJ =
  'PROJCS["RGF93_Lambert_93",GEOGCS["GCS_RGF_1993",DATUM["D_RGF_1993",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",700000.0],PARAMETER["False_Northing",6600000.0],PARAMETER["Central_Meridian",3.0],PARAMETER["Standard_Parallel_1",49.0],PARAMETER["Standard_Parallel_2",44.0],PARAMETER["Latitude_Of_Origin",46.5],UNIT["Meter",1.0]]';
