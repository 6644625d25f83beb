import { describe, expect, it } from 'vitest';
import type { NearestCollection, TerritoryFeature } from '../api/types';
import {
  beyondMinutes,
  communesByClass,
  communesOf,
  communesWithoutFormalSupply,
  comparisonRows,
  customSetTitle,
  forecastComparisonRows,
  parseCustomCodes,
  firstRows,
  nearestOfCommunes,
} from './report';

const commune = (
  code: string,
  epci: string,
  coverage_class: string,
  children_under3: number | null,
): TerritoryFeature =>
  ({
    type: 'Feature',
    id: code,
    geometry: { type: 'Polygon', coordinates: [] },
    properties: {
      code,
      name: `C${code}`,
      epci_code: epci,
      departement_code: '18',
      coverage_class,
      children_under3,
    },
  }) as unknown as TerritoryFeature;

const COMMUNES = [
  commune('18001', 'A', 'zone_blanche', 12),
  commune('18002', 'A', 'near', 80),
  commune('18003', 'A', 'zone_blanche', 30),
  commune('18004', 'B', 'above', 50),
];

describe('the report’s arrangement of API rows', () => {
  it('keeps the communes of the territory at each level', () => {
    expect(communesOf(COMMUNES, 'epci', 'A').map((c) => c.properties.code)).toEqual([
      '18001',
      '18002',
      '18003',
    ]);
    expect(communesOf(COMMUNES, 'commune', '18004')).toHaveLength(1);
    expect(communesOf(COMMUNES, 'departement', '18')).toHaveLength(4);
  });

  it('counts communes and their children per class, every class listed', () => {
    const byClass = communesByClass(communesOf(COMMUNES, 'epci', 'A'));
    expect(byClass.find((c) => c.id === 'zone_blanche')).toMatchObject({
      communes: 2,
      children: 42,
    });
    expect(byClass.find((c) => c.id === 'above')).toMatchObject({ communes: 0, children: 0 });
    expect(byClass).toHaveLength(8);
  });

  it('lists communes without formal supply, most children first, and cuts long lists', () => {
    expect(communesWithoutFormalSupply(COMMUNES).map((c) => c.properties.code)).toEqual([
      '18003',
      '18001',
    ]);
    expect(firstRows([1, 2, 3], 2)).toEqual({ rows: [1, 2], more: 1 });
  });

  it('sorts the territory’s times to the nearest place, out of reach first', () => {
    const nearest = {
      features: [
        { properties: { code: '18001', minutes: 12 } },
        { properties: { code: '18002', minutes: null } },
        { properties: { code: '18003', minutes: 20 } },
        { properties: { code: '18004', minutes: 40 } },
      ],
    } as unknown as NearestCollection;
    const rows = nearestOfCommunes(nearest, communesOf(COMMUNES, 'epci', 'A'));
    expect(rows.map((r) => r.code)).toEqual(['18002', '18003', '18001']);
    expect(beyondMinutes(rows, 15)).toBe(2);
  });
});

describe('comparing two reports', () => {
  const detail = (year: number, rate: number | null, children: number, cls: string) => ({
    territory: {
      year,
      children_under3: children,
      places_eaje_psu: 10,
      places_eaje_hors_psu: 0,
      places_am: 8.1,
      places_mam: null,
      places_home_care: 0,
      places_preschool: 0,
      places_total: 18.1,
      coverage_rate: rate,
      coverage_class: cls,
    },
    parents: { departement: { coverage_rate: 55.25 } },
    national: { rate: 60.9 },
  });

  it('puts the same indicators side by side with B − A to the tenth', () => {
    const rows = comparisonRows(
      detail(2019, 40.2, 45, 'below') as never,
      detail(2024, 36.25, 50, 'well_below') as never,
    );
    const by = (label: string) => rows.find((r) => r.label === label)!;
    expect(by('Enfants de moins de 3 ans')).toMatchObject({ a: 45, b: 50, difference: 5 });
    expect(by('Taux de couverture global').difference).toBe(-4);
    expect(by('Assistants maternels en MAM (places × 0,81)').difference).toBeNull();
    expect(by('Taux du département').difference).toBe(0);
    expect(by('Classe d’écart')).toMatchObject({ a: 'below', b: 'well_below', difference: null });
    expect(rows).toHaveLength(12);
  });
});

describe('custom sets and compared projections', () => {
  it('reads a set of communes from a link, and titles it with its communes', () => {
    expect(parseCustomCodes('93001,93027')).toBe('93001,93027');
    expect(parseCustomCodes('93001')).toBeNull();
    expect(parseCustomCodes('93001,;DROP')).toBeNull();
    expect(parseCustomCodes(['93001,93027'])).toBeNull();
    expect(
      customSetTitle([
        { code: '93001', name: 'Aubervilliers' },
        { code: '93027', name: 'La Courneuve' },
      ]),
    ).toBe('Ensemble de communes choisi (2) : Aubervilliers (93001), La Courneuve (93027)');
  });

  it('sets the projections side by side horizon by horizon, B − A', () => {
    const f = (base: number, rate: number) => ({
      children_under3: {
        points: [
          { year: base + 3, horizon_years: 3, central: 100.04 },
          { year: base + 5, horizon_years: 5, central: 110 },
        ],
      },
      coverage_rate: {
        points: [
          { year: base + 3, horizon_years: 3, rate },
          { year: base + 5, horizon_years: 5, rate: null },
        ],
      },
    });
    const rows = forecastComparisonRows(f(2021, 50), f(2024, 55.6));
    expect(rows.map((r) => [r.label, r.yearA, r.yearB, r.a, r.b, r.difference])).toEqual([
      ['Enfants de moins de 3 ans projetés à +3 ans', 2024, 2027, 100.04, 100.04, 0],
      ['Taux sans changement à +3 ans', 2024, 2027, 50, 55.6, 5.6],
      ['Enfants de moins de 3 ans projetés à +5 ans', 2026, 2029, 110, 110, 0],
      ['Taux sans changement à +5 ans', 2026, 2029, null, null, null],
    ]);
    // A side without projection (a custom set): missing, no difference.
    const one = forecastComparisonRows(null, f(2024, 60));
    expect(one[1]).toMatchObject({ a: null, b: 60, difference: null, yearA: null });
  });
});
