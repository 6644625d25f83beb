import { describe, expect, it } from 'vitest';
import { gpkgPolygon } from '../../features/imports/test/geopackage-writer';
import { readGpkgGeometry } from './gpkg-geometry';

const square: [number, number][] = [
  [3744400, 2692400],
  [3744600, 2692400],
  [3744600, 2692600],
  [3744400, 2692600],
  [3744400, 2692400],
];

describe('GeoPackage geometry blobs', () => {
  it('give their SRS and extent from the header envelope', () => {
    expect(readGpkgGeometry(gpkgPolygon(3035, square))).toEqual({
      srsId: 3035,
      extent: [3744400, 2692400, 3744600, 2692600],
    });
  });

  it('give their extent from the WKB when the header has no envelope', () => {
    const withEnvelope = gpkgPolygon(3035, square);
    const blob = new Uint8Array(8 + withEnvelope.length - 40);
    blob.set(withEnvelope.subarray(0, 8));
    blob[3] = 0b0000_0001; // little endian, no envelope
    blob.set(withEnvelope.subarray(40), 8);
    expect(readGpkgGeometry(blob)).toEqual({
      srsId: 3035,
      extent: [3744400, 2692400, 3744600, 2692600],
    });
  });

  it('refuses bytes that are not one', () => {
    expect(readGpkgGeometry(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toEqual({
      error: 'not a GeoPackage geometry (no GP header)',
    });
  });
});
