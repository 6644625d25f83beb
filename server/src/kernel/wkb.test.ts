import { describe, expect, it } from 'vitest';
import { geoPackageWkb } from '../features/imports/geopackage';
import { polygonToWkbHex, wkbToGeometry } from './wkb';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

describe('reading WKB', () => {
  it('reads back the polygons and multipolygons it writes', () => {
    const square = [
      [
        [0, 0],
        [0, 1],
        [1, 1],
        [1, 0],
        [0, 0],
      ],
    ];
    expect(wkbToGeometry(hex(polygonToWkbHex({ type: 'Polygon', coordinates: square })))).toEqual({
      type: 'Polygon',
      coordinates: square,
    });
    expect(
      wkbToGeometry(hex(polygonToWkbHex({ type: 'MultiPolygon', coordinates: [square, square] }))),
    ).toEqual({ type: 'MultiPolygon', coordinates: [square, square] });
  });

  it('reads big-endian points and little-endian line strings', () => {
    // POINT(1 2), big endian.
    expect(wkbToGeometry(hex('00 00000001 3FF0000000000000 4000000000000000'))).toEqual({
      type: 'Point',
      coordinates: [1, 2],
    });
    // LINESTRING(1 2, 3 4), little endian.
    expect(
      wkbToGeometry(
        hex(
          '01 02000000 02000000 000000000000F03F 0000000000000040 0000000000000840 0000000000001040',
        ),
      ),
    ).toEqual({
      type: 'LineString',
      coordinates: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  it('drops Z (ISO 1001, EWKB flag) and skips an EWKB SRID', () => {
    // ISO POINT Z (1 2 3).
    expect(
      wkbToGeometry(hex('01 E9030000 000000000000F03F 0000000000000040 0000000000000840')),
    ).toEqual({ type: 'Point', coordinates: [1, 2] });
    // EWKB SRID=2154;POINT Z (1 2 3): flags Z | SRID.
    expect(
      wkbToGeometry(hex('01 010000A0 6A080000 000000000000F03F 0000000000000040 0000000000000840')),
    ).toEqual({ type: 'Point', coordinates: [1, 2] });
  });

  it('names the byte where WKB is cut short or unknown', () => {
    expect(() => wkbToGeometry(hex('01 02000000 05000000 00'))).toThrow(/WKB truncated at byte 9/);
    expect(() => wkbToGeometry(hex('07 01000000'))).toThrow(/not WKB: byte order 7 at byte 0/);
    expect(() => wkbToGeometry(hex('01 0F000000'))).toThrow(/unsupported WKB geometry type 15/);
  });
});

describe('GeoPackage geometry blobs', () => {
  const point = '01 01000000 000000000000F03F 0000000000000040';
  it('skips the header and an envelope of the size its flags give', () => {
    // No envelope (flags 0x01), then a 32-byte x/y envelope (flags 0x03).
    expect(wkbToGeometry(geoPackageWkb(hex(`4750 00 01 6A080000 ${point}`))!)).toEqual({
      type: 'Point',
      coordinates: [1, 2],
    });
    const envelope = '00'.repeat(32);
    expect(wkbToGeometry(geoPackageWkb(hex(`4750 00 03 6A080000 ${envelope} ${point}`))!)).toEqual({
      type: 'Point',
      coordinates: [1, 2],
    });
  });

  it('an empty geometry is null; a blob without the "GP" magic is refused', () => {
    expect(geoPackageWkb(hex('4750 00 11 6A080000'))).toBeNull();
    expect(() => geoPackageWkb(hex(point))).toThrow('not a GeoPackage geometry');
  });
});
