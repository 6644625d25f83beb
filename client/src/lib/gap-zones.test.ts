import { describe, expect, it } from 'vitest';
import type { GapZoneCollection, GapZoneFeature } from '../api/types';
import { childrenLabel, gapZoneRows, minutesLabel, zoneName, zonesBbox } from './gap-zones';

function zone(id: string, children: number, communes: string[], minutes?: number): GapZoneFeature {
  return {
    type: 'Feature',
    id,
    geometry: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [2, 47],
            [2.01, 47],
            [2.01, 47.02],
            [2, 47],
          ],
        ],
      ],
    },
    properties: {
      id,
      status: 'active',
      successors: [],
      children_under3: children,
      children_estimated: false,
      places_missing: Math.ceil(children * 0.6),
      nearest: minutes === undefined ? [] : [{ id: 'eaje-1', name: 'Les Lutins', minutes }],
      cells: 3,
      cells_unreachable: 0,
      area_km2: 0.12,
      communes: communes.map((name, i) => ({ code: `9900${i}`, name })),
      epcis: [],
      departements: ['99'],
      label_point: [2.005, 47.01],
    },
  };
}

describe('gap zone list', () => {
  it('lists zones by children affected, most first, in French', () => {
    const collection = {
      features: [zone('gz-b', 6.2, ['Alpha'], 16.05), zone('gz-a', 25.4, ['Beta', 'Gamma'])],
    } as GapZoneCollection;
    expect(gapZoneRows(collection)).toEqual([
      {
        id: 'gz-a',
        name: 'Beta, Gamma',
        children: '≈ 25',
        placesMissing: '16',
        nearest: 'aucune à moins de 60 min',
      },
      { id: 'gz-b', name: 'Alpha', children: '≈ 6', placesMissing: '4', nearest: '16,1 min' },
    ]);
    expect(gapZoneRows(null)).toEqual([]);
  });

  it('names a zone by its first two communes and counts the others', () => {
    expect(zoneName(zone('gz', 5, ['A', 'B', 'C', 'D']))).toBe('A, B et 2 autres');
    expect(zoneName(zone('gz', 5, ['A', 'B', 'C']))).toBe('A, B et 1 autre');
    expect(childrenLabel(1234.4)).toBe('≈ 1\u202f234');
    expect(minutesLabel(15)).toBe('15,0 min');
  });

  it('frames the zones’ outlines', () => {
    expect(zonesBbox([zone('gz', 5, ['A'])])).toEqual([2, 47, 2.01, 47.02]);
    expect(zonesBbox([])).toBeNull();
  });
});
