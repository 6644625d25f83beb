import { describe, expect, it } from 'vitest';
import { featuresBbox } from './bbox';

describe('features bbox', () => {
  it('covers polygons, multipolygons and collections', () => {
    expect(
      featuresBbox([
        {
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [2, 47],
                [3, 47],
                [3, 48],
                [2, 47],
              ],
            ],
          },
        },
        {
          geometry: {
            type: 'MultiPolygon',
            coordinates: [
              [
                [
                  [1.5, 46.5],
                  [1.6, 46.5],
                  [1.6, 46.6],
                  [1.5, 46.5],
                ],
              ],
            ],
          },
        },
        {
          geometry: {
            type: 'GeometryCollection',
            geometries: [{ type: 'Point', coordinates: [3.5, 47.2] }],
          },
        },
      ]),
    ).toEqual([1.5, 46.5, 3.5, 48]);
  });

  it('is null without coordinates', () => {
    expect(featuresBbox([{ geometry: null }])).toBeNull();
  });
});
