import { describe, expect, it } from 'vitest';
import {
  coverageMapState,
  decodeUrlState,
  DEFAULT_STATE,
  encodeSharedState,
  encodeUrlState,
  sharedState,
  type MapUrlState,
} from './url-state';

const full: MapUrlState = {
  departement: '18',
  level: 'commune',
  year: 2023,
  reference: 'departement',
  selected: { level: 'epci', code: '200027076' },
  layers: ['eaje', 'roads'],
  view: { lon: 2.123456789, lat: 47.2, zoom: 9.456 },
  isochrone: null,
  access: { ...DEFAULT_STATE.access },
};

describe('URL state', () => {
  it('round-trips a full state, rounding the view', () => {
    const qs = encodeUrlState(full);
    expect(qs).toBe(
      'dep=18&level=commune&year=2023&ref=departement&sel=epci:200027076&layers=roads,eaje&view=2.12346,47.2,9.46',
    );
    expect(decodeUrlState(`?${qs}`)).toEqual({
      ...full,
      layers: ['roads', 'eaje'],
      view: { lon: 2.12346, lat: 47.2, zoom: 9.46 },
    });
  });

  it('leaves defaults out so that the default map has a bare link', () => {
    expect(encodeUrlState({ ...DEFAULT_STATE, layers: [] })).toBe('');
    expect(decodeUrlState('')).toEqual({ ...DEFAULT_STATE, layers: [] });
  });

  it('drops invalid values instead of failing', () => {
    const s = decodeUrlState(
      'level=region&year=abc&ref=x&sel=commune:<script>&layers=eaje,nope&view=500,1,2',
    );
    expect(s).toEqual({ ...DEFAULT_STATE, layers: ['eaje'] });
  });

  it('accepts Corsican commune codes in the selection', () => {
    expect(decodeUrlState('sel=commune:2A004').selected).toEqual({
      level: 'commune',
      code: '2A004',
    });
  });

  it('round-trips an isochrone and the settings of the time-to-nearest layer', () => {
    const state: MapUrlState = {
      ...full,
      isochrone: { lon: 2.1234567, lat: 47.0000049, mode: 'walk', minutes: [5, 15, 45] },
      access: { target: 'mam', level: 'commune', mode: 'walk', minPlaces: null },
    };
    const qs = encodeUrlState(state);
    expect(qs).toContain('&iso=2.12346,47,walk,5-15-45&acc=mam,commune,walk');
    expect(qs).not.toMatch(/acc=mam,commune,walk,/);
    const back = decodeUrlState(qs);
    expect(back.isochrone).toEqual({ lon: 2.12346, lat: 47, mode: 'walk', minutes: [5, 15, 45] });
    expect(back.access).toEqual({ target: 'mam', level: 'commune', mode: 'walk', minPlaces: null });
    // The default settings are not written.
    expect(
      encodeUrlState({
        ...state,
        access: { target: 'formal', level: 'grid', mode: 'car', minPlaces: null },
      }),
    ).not.toContain('acc=');
  });

  it('keeps a minimum number of places of the time-to-nearest layer as a fourth acc field', () => {
    const eaje10: MapUrlState = {
      ...DEFAULT_STATE,
      layers: ['access'],
      access: { target: 'eaje', level: 'grid', mode: 'car', minPlaces: 10 },
    };
    expect(encodeUrlState(eaje10)).toBe('layers=access&acc=eaje,grid,car,10');
    expect(decodeUrlState('layers=access&acc=eaje,grid,car,10')).toEqual(eaje10);
    // A minimum alone is enough to write the settings, defaults included.
    expect(
      encodeUrlState({ ...DEFAULT_STATE, access: { ...DEFAULT_STATE.access, minPlaces: 5 } }),
    ).toBe('acc=formal,grid,car,5');
    // 1 place is every facility: the same link as no minimum.
    expect(
      encodeUrlState({ ...DEFAULT_STATE, access: { ...DEFAULT_STATE.access, minPlaces: 1 } }),
    ).toBe('');
    // Any whole number the API accepts (2 to 200), not only the choices offered.
    expect(decodeUrlState('acc=mam,commune,walk,15').access.minPlaces).toBe(15);
    expect(decodeUrlState('acc=mam,commune,walk,200').access.minPlaces).toBe(200);
  });

  it('reads links written before the minimum existed as "no minimum"', () => {
    expect(decodeUrlState('acc=mam,commune,walk').access).toEqual({
      target: 'mam',
      level: 'commune',
      mode: 'walk',
      minPlaces: null,
    });
    expect(decodeUrlState('layers=access').access.minPlaces).toBeNull();
  });

  it('drops a minimum the API would refuse, keeping the other settings', () => {
    for (const bad of ['0', '1', '201', '-5', '2.5', '1e1', 'dix', ' 10', ''])
      expect(decodeUrlState(`acc=eaje,grid,car,${bad}`).access, bad).toEqual({
        target: 'eaje',
        level: 'grid',
        mode: 'car',
        minPlaces: null,
      });
  });

  it('drops an isochrone the API would refuse, keeping the rest of the link', () => {
    for (const bad of [
      '2.1,47,bike,10',
      '2.1,47,car,20-10',
      '2.1,47,car,0-10',
      '2.1,47,car,10-20-30-40-50-60-61',
      '2.1,47,car,',
      'x,47,car,10',
      '2.1,95,car,10',
      '2.1,47,car,10.5',
    ])
      expect(decodeUrlState(`level=commune&iso=${bad}`), bad).toMatchObject({
        level: 'commune',
        isochrone: null,
      });
    expect(decodeUrlState('acc=bus,hexagon,plane').access).toEqual({
      target: 'formal',
      level: 'grid',
      mode: 'car',
      minPlaces: null,
    });
    expect(decodeUrlState('acc=eaje').access).toEqual({
      target: 'eaje',
      level: 'grid',
      mode: 'car',
      minPlaces: null,
    });
  });

  it('splits a state into what every screen shares and the map’s own settings', () => {
    const withIso: MapUrlState = {
      ...full,
      isochrone: { lon: 2.1, lat: 47.2, mode: 'walk', minutes: [5, 15] },
    };
    expect(sharedState(withIso)).toEqual({
      departement: '18',
      year: 2023,
      reference: 'departement',
      selected: { level: 'epci', code: '200027076' },
    });
    expect(coverageMapState(withIso)).toEqual({
      level: 'commune',
      layers: ['eaje', 'roads'],
      view: { lon: 2.123456789, lat: 47.2, zoom: 9.456 },
      isochrone: { lon: 2.1, lat: 47.2, mode: 'walk', minutes: [5, 15] },
      access: DEFAULT_STATE.access,
    });
    // Copies: changing a part never changes the state it came from.
    coverageMapState(withIso).isochrone!.minutes.push(30);
    expect(withIso.isochrone!.minutes).toEqual([5, 15]);
    // Another screen's link: the shared keys only, with the same spelling as the map's.
    expect(encodeSharedState(withIso)).toBe('dep=18&year=2023&ref=departement&sel=epci:200027076');
  });
});
