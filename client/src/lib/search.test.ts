import { describe, expect, it } from 'vitest';
import { buildSearchIndex, normalizeName, searchTerritories, type SearchEntry } from './search';

const entries: SearchEntry[] = [
  { level: 'commune', code: '18279', name: 'Vierzon' },
  { level: 'commune', code: '18197', name: 'Saint-Amand-Montrond' },
  { level: 'commune', code: '18033', name: 'Bourges' },
  { level: 'commune', code: '18141', name: 'Méreau' },
  { level: 'epci', code: '200027076', name: 'CC Cœur de France' },
  { level: 'epci', code: '241800507', name: 'CA Bourges Plus' },
  { level: 'commune', code: '18100', name: 'Vierzon-la-Forêt' },
];
const index = buildSearchIndex(entries);

describe('territory search', () => {
  it('normalises accents, ligatures, case and punctuation', () => {
    expect(normalizeName('CC Cœur de France')).toBe('cc coeur de france');
    expect(normalizeName('Méreau')).toBe('mereau');
    expect(normalizeName("L'Île-d'Yeu")).toBe('l ile d yeu');
    expect(normalizeName('Sainte-Solange')).toBe('ste solange');
  });

  it('finds a commune whatever the case', () => {
    const [first] = searchTerritories(index, 'vierzon');
    expect(first).toMatchObject({ code: '18279', name: 'Vierzon' });
  });

  it('finds an EPCI typed without the ligature', () => {
    expect(searchTerritories(index, 'Coeur de France')[0]).toMatchObject({
      level: 'epci',
      code: '200027076',
    });
    expect(searchTerritories(index, 'cœur')[0].code).toBe('200027076');
  });

  it('finds accented names typed without accents and "saint" typed "st"', () => {
    expect(searchTerritories(index, 'mereau')[0].name).toBe('Méreau');
    expect(searchTerritories(index, 'st amand')[0].name).toBe('Saint-Amand-Montrond');
  });

  it('ranks the exact name before longer names starting with it', () => {
    expect(searchTerritories(index, 'Vierzon').map((r) => r.name)).toEqual([
      'Vierzon',
      'Vierzon-la-Forêt',
    ]);
  });

  it('ranks EPCI before communes on equal matches, and finds by code', () => {
    expect(searchTerritories(index, 'bourges').map((r) => r.level)).toEqual(['commune', 'epci']);
    expect(searchTerritories(index, '18033')[0].name).toBe('Bourges');
  });

  it('returns nothing for an empty query', () => {
    expect(searchTerritories(index, '  ')).toEqual([]);
  });
});
