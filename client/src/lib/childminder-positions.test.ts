import { describe, expect, it } from 'vitest';
import type { ChildminderCollection } from '../api/types';
import type { SessionUser } from '../stores/session';
import { childminderPopupLines, mergePositions, positionRequests } from './childminder-positions';

const planner: SessionUser = {
  id: 2,
  login: 'p',
  displayName: 'P',
  role: 'planner',
  territories: [
    { level: 'commune', code: '18033' },
    { level: 'ept', code: '200057867' },
  ],
};

function answer(ids: number[], withoutPosition = 0): ChildminderCollection {
  const feature = (id: number, located: boolean) => ({
    type: 'Feature' as const,
    id: `am-${id}`,
    geometry: located
      ? { type: 'Point' as const, coordinates: [2.4, 47.1] as [number, number] }
      : null,
    properties: {
      id,
      commune_code: '18033',
      commune_name: 'Bourges',
      agreement_places: 4,
      active: true,
      mam_id: null,
      mam_name: null,
      started_year: 2015,
      ended_year: null,
      fictional: false,
      sources: [1],
    },
  });
  return {
    type: 'FeatureCollection',
    metadata: {
      level: 'commune',
      code: '18033',
      count: ids.length,
      active: ids.length,
      in_mam: 0,
      without_position: withoutPosition,
      fictional: false,
    },
    features: ids.map((id, i) => feature(id, i >= withoutPosition)),
  };
}

describe('the childminders’ positions layer', () => {
  it('asks nothing for the public, a planner’s own territories, an admin’s département shown', () => {
    expect(positionRequests(null, '18')).toEqual([]);
    expect(positionRequests(planner, '18')).toEqual([
      { level: 'commune', code: '18033' },
      { level: 'ept', code: '200057867' },
    ]);
    expect(positionRequests({ ...planner, role: 'admin', territories: [] }, '36')).toEqual([
      { level: 'departement', code: '36' },
    ]);
  });

  it('counts a childminder of two overlapping territories once, and draws only known homes', () => {
    const merged = mergePositions([answer([1, 2, 3], 1), answer([3, 4])]);
    expect(merged.count).toBe(4);
    expect(merged.withoutPosition).toBe(1);
    expect(merged.features.map((f) => f.properties.id)).toEqual([2, 3, 4]);
  });

  it('says in its popup what the API gives', () => {
    expect(childminderPopupLines(answer([7]).features[0].properties)).toEqual([
      'Assistant·e maternel·le n° 7',
      'Bourges',
      '4 places agréées · en activité',
      'Exerce à domicile',
      'Agréé·e depuis 2015',
    ]);
  });
});
