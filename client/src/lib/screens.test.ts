import { describe, expect, it } from 'vitest';
import { linkQuery, queryOfPath, SCREENS } from './screens';
import { decodeUrlState } from './url-state';

describe('screens', () => {
  it('one screen per task, at French paths, the coverage map at the root', () => {
    expect(SCREENS.map((s) => [s.path, s.label])).toEqual([
      ['/', 'Carte de couverture'],
      ['/zones', 'Zones à examiner'],
      ['/projet-mam', 'Projet de MAM'],
      ['/rapport', 'Rapport de territoire'],
      ['/administration', 'Administration'],
    ]);
  });

  it('the map’s link carries the whole state, the others the shared part', () => {
    const state = decodeUrlState('dep=18&year=2023&sel=commune:18001&layers=roads&view=2,47,9');
    expect(linkQuery('map', state)).toBe(
      'dep=18&year=2023&sel=commune:18001&layers=roads&view=2,47,9',
    );
    expect(linkQuery('shared', state)).toBe('dep=18&year=2023&sel=commune:18001');
  });

  it('reads the query of a path as the router spells it', () => {
    expect(queryOfPath('/zones?year=2023#liste')).toBe('year=2023');
    expect(queryOfPath('/?sel=epci:200000001')).toBe('sel=epci:200000001');
    expect(queryOfPath('/rapport#haut')).toBe('');
  });
});
