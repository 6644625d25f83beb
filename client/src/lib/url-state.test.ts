import { describe, expect, it } from 'vitest';
import { decodeUrlState, DEFAULT_STATE, encodeUrlState, type MapUrlState } from './url-state';

const full: MapUrlState = {
  departement: '18',
  level: 'commune',
  year: 2023,
  reference: 'departement',
  selected: { level: 'epci', code: '200027076' },
  layers: ['eaje', 'roads'],
  view: { lon: 2.123456789, lat: 47.2, zoom: 9.456 },
};

describe('URL state', () => {
  it('round-trips a full state, rounding the view', () => {
    const qs = encodeUrlState(full);
    expect(qs).toBe('dep=18&level=commune&year=2023&ref=departement&sel=epci:200027076&layers=roads,eaje&view=2.12346,47.2,9.46');
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
    const s = decodeUrlState('level=region&year=abc&ref=x&sel=commune:<script>&layers=eaje,nope&view=500,1,2');
    expect(s).toEqual({ ...DEFAULT_STATE, layers: ['eaje'] });
  });

  it('accepts Corsican commune codes in the selection', () => {
    expect(decodeUrlState('sel=commune:2A004').selected).toEqual({ level: 'commune', code: '2A004' });
  });
});
