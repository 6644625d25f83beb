/**
 * Well-known binary (WKB) both ways. Written: polygons as hex-encoded WKB (little endian, 2D), to
 * hand geometries to PostGIS: parsing a hex string is several times faster than parsing GeoJSON
 * coordinates, which matters in the embedded (WebAssembly) database for France's 35,000
 * communes. Read: any WKB geometry as GeoJSON (what GeoPackage files hold).
 */
type Ring = number[][];

function polygonSize(rings: Ring[]): number {
  return 9 + rings.reduce((s, r) => s + 4 + 16 * r.length, 0);
}

function writePolygon(v: DataView, pos: number, rings: Ring[]): number {
  v.setUint8(pos, 1);
  v.setUint32(pos + 1, 3, true);
  v.setUint32(pos + 5, rings.length, true);
  pos += 9;
  for (const ring of rings) {
    v.setUint32(pos, ring.length, true);
    pos += 4;
    for (const p of ring) {
      v.setFloat64(pos, p[0], true);
      v.setFloat64(pos + 8, p[1], true);
      pos += 16;
    }
  }
  return pos;
}

/** A GeoJSON Polygon or MultiPolygon → WKB as a hex string. */
export function polygonToWkbHex(geometry: {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}): string {
  const polygons = (
    geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  ) as Ring[][];
  let size: number;
  let buf: DataView;
  if (geometry.type === 'Polygon') {
    size = polygonSize(polygons[0]);
    buf = new DataView(new ArrayBuffer(size));
    writePolygon(buf, 0, polygons[0]);
  } else {
    size = 9 + polygons.reduce((s, p) => s + polygonSize(p), 0);
    buf = new DataView(new ArrayBuffer(size));
    buf.setUint8(0, 1);
    buf.setUint32(1, 6, true);
    buf.setUint32(5, polygons.length, true);
    let pos = 9;
    for (const p of polygons) pos = writePolygon(buf, pos, p);
  }
  return Buffer.from(buf.buffer).toString('hex');
}

/** A GeoJSON geometry as read from WKB (2D: Z and M values are dropped). */
export type WkbGeometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'LineString' | 'MultiPoint'; coordinates: number[][] }
  | { type: 'Polygon' | 'MultiLineString'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | { type: 'GeometryCollection'; geometries: WkbGeometry[] };

const WKB_TYPES = [
  '',
  'Point',
  'LineString',
  'Polygon',
  'MultiPoint',
  'MultiLineString',
  'MultiPolygon',
  'GeometryCollection',
] as const;

/**
 * WKB → GeoJSON geometry: OGC/ISO WKB (types 1–7, +1000 Z, +2000 M, +3000 ZM) and PostGIS EWKB
 * (Z, M and SRID flags), either byte order, as GeoPackage and shapefile converters write them.
 * Throws a RangeError naming the offset when the bytes are not WKB.
 */
export function wkbToGeometry(bytes: Uint8Array): WkbGeometry {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length)
      throw new RangeError(`WKB truncated at byte ${pos} (needs ${n} more of ${bytes.length})`);
  };
  const read = (): WkbGeometry => {
    need(5);
    const order = view.getUint8(pos);
    if (order > 1) throw new RangeError(`not WKB: byte order ${order} at byte ${pos}`);
    const little = order === 1;
    let code = view.getUint32(pos + 1, little);
    pos += 5;
    let dims = 2;
    if (code & 0x20000000) {
      need(4);
      pos += 4; // EWKB SRID
    }
    if (code & 0x80000000) dims++;
    if (code & 0x40000000) dims++;
    code &= 0x0fffffff;
    const iso = Math.floor(code / 1000);
    if (iso === 1 || iso === 2) dims = 3;
    else if (iso === 3) dims = 4;
    const kind = WKB_TYPES[code % 1000];
    if (!kind || iso > 3)
      throw new RangeError(`unsupported WKB geometry type ${code} at byte ${pos - 4}`);
    const u32 = () => {
      need(4);
      const v = view.getUint32(pos, little);
      pos += 4;
      return v;
    };
    const point = () => {
      need(8 * dims);
      const p = [view.getFloat64(pos, little), view.getFloat64(pos + 8, little)];
      pos += 8 * dims;
      return p;
    };
    const points = () => Array.from({ length: u32() }, point);
    const rings = () => Array.from({ length: u32() }, points);
    switch (kind) {
      case 'Point':
        return { type: kind, coordinates: point() };
      case 'LineString':
        return { type: kind, coordinates: points() };
      case 'Polygon':
        return { type: kind, coordinates: rings() };
      default: {
        const parts = Array.from({ length: u32() }, read);
        if (kind === 'GeometryCollection') return { type: kind, geometries: parts };
        return {
          type: kind,
          coordinates: parts.map((p) => (p as { coordinates: unknown }).coordinates),
        } as WkbGeometry;
      }
    }
  };
  return read();
}
