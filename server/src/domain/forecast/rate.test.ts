import { describe, expect, it } from 'vitest';
import {
  projectChildminderDepartures,
  projectChildrenUnder3,
  projectCoverageRate,
  type ChildrenProjection,
} from './index';

/**
 * Supply of 2024: 40 EAJE PSU, 10 hors PSU, 100 AM places at home, 20 in MAM. With the AM share
 * 0.81: 50 + 120 × 0.81 = 147.2 places counted.
 */
const SUPPLY = {
  placesEajePsu: 40,
  placesEajeHorsPsu: 10,
  placesAmHome: 100,
  placesAmMam: 20,
  placesHomeCare: 0,
  placesPreschool: 0,
};

/** Children projected by hand, round numbers: 200 (160–250) in 2027, 160 (128–230) in 2029. */
const CHILDREN: ChildrenProjection = {
  kind: 'projection',
  quantity: 'children_under3',
  baseYear: 2024,
  intervalLevel: 0.8,
  method: {
    name: 'constant',
    parameters: { level: 200, levelYear: 2024, sdPerYear: 20, sdBasis: 'year_to_year_changes' },
  },
  seriesYears: [2024],
  birthYears: [],
  history: [{ year: 2024, value: 200 }],
  points: [
    { year: 2027, horizonYears: 3, central: 200, low: 160, high: 250 },
    { year: 2029, horizonYears: 5, central: 160, low: 128, high: 230 },
  ],
  warnings: [],
  methodText: 'Projection : niveau constant (valeur 2024), fourchette indicative à 80\u202f%',
};

/** A home AM leaving in 2025 (4 places); a MAM AM (4) and a home AM (3) leaving in 2028. */
const DEPARTURES = projectChildminderDepartures({
  baseYear: 2024,
  childminders: [
    { birthYear: 1962, agreementPlaces: 4 },
    { birthYear: 1965, agreementPlaces: 4, inMam: true },
    { birthYear: 1965, agreementPlaces: 3 },
  ],
});

const rates = (
  points: { rate: number | null; rateLow: number | null; rateHigh: number | null }[],
) => points.map((p) => [p.rate, p.rateLow, p.rateHigh]);

describe('the coverage rate projected', () => {
  it('keeps the places of the base year over the projected children ("no change")', () => {
    const r = projectCoverageRate({ supply: SUPPLY, children: CHILDREN });
    expect(r.kind).toBe('projection');
    expect(r.variants.map((v) => v.key)).toEqual(['no_change']);
    const [p27, p29] = r.variants[0].points;
    expect(p27.placesCounted).toBeCloseTo(147.2, 9);
    // 147.2 / 200, / 250 (most children: lowest rate), / 160.
    const expected = [
      [73.6, 58.88, 92],
      [92, 64, 115],
    ];
    rates(r.variants[0].points).forEach((row, i) =>
      row.forEach((x, j) => expect(x).toBeCloseTo(expected[i][j], 9)),
    );
    expect(p29.childrenUnder3).toEqual({ central: 160, low: 128, high: 230 });
    expect(r.methodText).toBe(
      'Projection : places de 2024 reconduites (hors départs et scénarios) sur les enfants de moins de 3 ans projetés (niveau constant (valeur 2024), fourchette indicative à 80\u202f%) ; la fourchette du taux ne tient qu’à celle des enfants',
    );
  });

  it('takes away the cumulative childminder departures, home and MAM apart', () => {
    const r = projectCoverageRate({ supply: SUPPLY, children: CHILDREN, departures: DEPARTURES });
    const v = r.variants[1];
    expect(v.key).toBe('childminder_departures');
    // 2027: 4 home places gone; 2029: 7 home and 4 MAM places gone.
    expect(v.points.map((p) => [p.supply.placesAmHome, p.supply.placesAmMam])).toEqual([
      [96, 20],
      [93, 16],
    ]);
    expect(v.points[0].rate).toBeCloseTo((100 * (50 + 116 * 0.81)) / 200, 9); // 71.98
    expect(v.points[1].rate).toBeCloseTo((100 * (50 + 109 * 0.81)) / 160, 9); // 86.43125
  });

  it('adds and removes the places of a scenario from their year on', () => {
    const r = projectCoverageRate({
      supply: SUPPLY,
      children: CHILDREN,
      scenarios: [
        {
          id: 's1',
          name: 'Micro-crèche des Tilleuls, fermeture de la crèche Jaurès',
          changes: [
            { year: 2026, mode: 'placesEajeHorsPsu', places: 12 },
            { year: 2029, mode: 'placesEajePsu', places: -40 },
          ],
        },
      ],
    });
    const s = r.variants[1];
    expect([s.key, s.scenarioId, s.withChildminderDepartures]).toEqual(['scenario', 's1', false]);
    expect(s.points[0].rate).toBeCloseTo((100 * 159.2) / 200, 9); // 79.6
    expect(s.points[1].rate).toBeCloseTo((100 * 119.2) / 160, 9); // 74.5
    expect(s.warnings).toEqual([]);
  });

  it('counts a change dated before the base year from the first projected year, and never goes below zero places', () => {
    const r = projectCoverageRate({
      supply: SUPPLY,
      children: CHILDREN,
      departures: DEPARTURES,
      scenarios: [
        {
          id: 's2',
          name: 'Fermetures',
          withChildminderDepartures: true,
          changes: [
            { year: 2024, mode: 'placesEajeHorsPsu', places: -10 },
            { year: 2028, mode: 'placesEajePsu', places: -50 },
          ],
        },
      ],
    });
    const s = r.variants[2];
    expect(s.points.map((p) => [p.supply.placesEajeHorsPsu, p.supply.placesEajePsu])).toEqual([
      [0, 40],
      [0, 0],
    ]);
    expect(s.points[1].rate).toBeCloseTo((100 * 109 * 0.81) / 160, 9);
    expect(s.warnings.map((w) => [w.code, w.years])).toEqual([
      ['change_before_base_year', undefined],
      ['places_below_zero', [2029]],
    ]);
  });

  it('has no rate when no child is projected, and flags small populations', () => {
    const none: ChildrenProjection = {
      ...CHILDREN,
      points: [{ year: 2027, horizonYears: 3, central: 12, low: 0, high: 30 }],
    };
    const [p] = projectCoverageRate({ supply: SUPPLY, children: none }).variants[0].points;
    expect(p.rateHigh).toBeNull();
    expect(p.rateLow).toBeCloseTo((100 * 147.2) / 30, 9);
    expect(p.smallPopulation).toBe(true);
  });

  it('runs on a real children projection', () => {
    // Exact line 100, 110, … 150 in 2019–2024: 180 children in 2027, 200 in 2029.
    const children = projectChildrenUnder3({
      baseYear: 2024,
      childrenUnder3: [100, 110, 120, 130, 140, 150].map((c, i) => ({
        year: 2019 + i,
        childrenUnder3: c,
      })),
    });
    const [p27, p29] = projectCoverageRate({ supply: SUPPLY, children }).variants[0].points;
    expect(p27.rate).toBeCloseTo((100 * 147.2) / 180, 9);
    expect(p29.rate).toBeCloseTo((100 * 147.2) / 200, 9);
  });

  it('refuses inconsistent inputs, naming the field', () => {
    const run = (extra: object) => () =>
      projectCoverageRate({ supply: SUPPLY, children: CHILDREN, ...extra });
    expect(run({ supply: { ...SUPPLY, placesAmHome: -1 } })).toThrow(
      /Invalid rate forecast supply: placesAmHome must be a finite number >= 0/,
    );
    expect(
      run({ departures: projectChildminderDepartures({ baseYear: 2023, childminders: [] }) }),
    ).toThrow('Invalid rate forecast input: departures start from 2023, children from 2024');
    expect(
      run({ scenarios: [{ id: 'x', name: 'X', changes: [{ mode: 'places', places: 3 }] }] }),
    ).toThrow(/scenarios\[0\]\.changes\[0\]\.mode must be one of placesEajePsu/);
    expect(
      run({ scenarios: [{ id: 'x', name: 'X', changes: [], withChildminderDepartures: true }] }),
    ).toThrow(
      'Invalid rate forecast input: scenarios[0].withChildminderDepartures needs the departures projection (got true)',
    );
  });
});
