import { describe, expect, it } from 'vitest';
import { MAX_TILE_ZOOM, tileContaining, tileId, tileIdProblems } from './tile-id';

describe('tile addresses', () => {
  it('accepts z 0..22 and x, y within 0..2^z - 1', () => {
    expect(tileIdProblems(0, 0, 0)).toEqual([]);
    expect(tileIdProblems(8, 255, 255)).toEqual([]);
    expect(tileIdProblems(MAX_TILE_ZOOM, 2 ** 22 - 1, 0)).toEqual([]);
  });

  it('names the coordinate that is out of range, with the range at that zoom', () => {
    expect(tileIdProblems(8, 256, 3)).toEqual([
      { field: 'x', message: 'must be an integer from 0 to 255 at zoom 8' },
    ]);
    expect(tileIdProblems(2, 1, -1)).toEqual([
      { field: 'y', message: 'must be an integer from 0 to 3 at zoom 2' },
    ]);
    expect(tileIdProblems(3, 1.5, 9)).toEqual([
      { field: 'x', message: 'must be an integer from 0 to 7 at zoom 3' },
      { field: 'y', message: 'must be an integer from 0 to 7 at zoom 3' },
    ]);
  });

  it('refuses a zoom beyond 22 or fractional, without judging x and y against it', () => {
    expect(tileIdProblems(23, 5, 5)).toEqual([
      { field: 'z', message: 'must be an integer from 0 to 22' },
    ]);
    expect(tileIdProblems(1.5, 0, 0)).toEqual([
      { field: 'z', message: 'must be an integer from 0 to 22' },
    ]);
  });

  it('the tileId constructor refuses what tileIdProblems reports', () => {
    expect(tileId(10, 518, 352)).toEqual({ z: 10, x: 518, y: 352 });
    expect(() => tileId(1, 2, 0)).toThrow(RangeError);
    expect(() => tileId(1, 2, 0)).toThrow('x must be an integer from 0 to 1 at zoom 1');
  });

  it('finds the tile containing a position (Paris at z10 is 518/352, as on openstreetmap.org)', () => {
    expect(tileContaining([2.3522, 48.8566], 10)).toEqual({ z: 10, x: 518, y: 352 });
    expect(tileContaining([0, 0], 1)).toEqual({ z: 1, x: 1, y: 1 }); // on an edge: east/south
    expect(tileContaining([-180, 89.9], 4)).toEqual({ z: 4, x: 0, y: 0 }); // clamped to the pyramid
    expect(tileContaining([180, -89.9], 4)).toEqual({ z: 4, x: 15, y: 15 });
  });
});
