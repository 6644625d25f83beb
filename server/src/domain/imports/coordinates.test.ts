import { describe, expect, it } from 'vitest';
import {
  checkPosition,
  FRANCE_BBOXES,
  haversineM,
  parseLatLonPair,
  type Bbox,
} from './coordinates';

const CHER: Bbox = [1.7, 46.4, 3.1, 47.7];

describe('positions of facilities (WGS84)', () => {
  it('accepts a point inside the territory', () => {
    expect(checkPosition(2.4, 47.08, [CHER])).toEqual({ status: 'ok', lon: 2.4, lat: 47.08 });
  });

  it('detects latitude and longitude given in the wrong order', () => {
    expect(checkPosition(47.08, 2.4, [CHER])).toEqual({ status: 'swapped', lon: 2.4, lat: 47.08 });
    expect(checkPosition(-21.1, 55.5, FRANCE_BBOXES)).toEqual({
      status: 'swapped',
      lon: 55.5,
      lat: -21.1,
    });
  });

  it('refuses points elsewhere and projected coordinates', () => {
    expect(checkPosition(5.4, 43.3, [CHER])).toEqual({
      status: 'outside',
      reason: 'outside the territory of the commune’s département',
    });
    expect(checkPosition(654000, 6665000, [CHER]).status).toBe('invalid');
  });

  it('reads Opendatasoft geo_point_2d ("lat, lon")', () => {
    expect(parseLatLonPair('48.936, 2.357')).toEqual([2.357, 48.936]);
    expect(parseLatLonPair('48.936')).toBeNull();
  });

  it('measures great-circle distances in metres', () => {
    // One degree of latitude is about 111.2 km.
    expect(haversineM([2.4, 47], [2.4, 48])).toBeCloseTo(111195, -1);
  });
});
