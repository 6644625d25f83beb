/**
 * Well-Known Binary (OGC Simple Features, little-endian, 2D) of a MultiPolygon: how bands are
 * sent to PostGIS (`ST_GeomFromWKB`), which reads it far faster than GeoJSON text.
 */
const LITTLE_ENDIAN = 1;
const WKB_POLYGON = 3;
const WKB_MULTIPOLYGON = 6;

/** WKB of a MultiPolygon given as GeoJSON coordinates: polygons → rings → [x, y] positions. */
export function multiPolygonWkb(polygons: readonly (readonly (readonly number[])[])[][]): Buffer {
  let size = 1 + 4 + 4;
  for (const polygon of polygons) {
    size += 1 + 4 + 4;
    for (const ring of polygon) size += 4 + ring.length * 16;
  }
  const out = Buffer.alloc(size);
  let at = 0;
  const header = (type: number, count: number) => {
    at = out.writeUInt8(LITTLE_ENDIAN, at);
    at = out.writeUInt32LE(type, at);
    at = out.writeUInt32LE(count, at);
  };
  header(WKB_MULTIPOLYGON, polygons.length);
  for (const polygon of polygons) {
    header(WKB_POLYGON, polygon.length);
    for (const ring of polygon) {
      at = out.writeUInt32LE(ring.length, at);
      for (const position of ring) {
        at = out.writeDoubleLE(position[0], at);
        at = out.writeDoubleLE(position[1], at);
      }
    }
  }
  return out;
}
