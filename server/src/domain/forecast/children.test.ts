import { describe, expect, it } from 'vitest';
import { Random } from '../demo/random';
import { projectChildrenUnder3, type ChildrenUnder3Point } from './index';

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const series = (values: number[], years = YEARS): ChildrenUnder3Point[] =>
  values.map((childrenUnder3, i) => ({ year: years[i], childrenUnder3 }));
const noisy = series([100, 104, 101, 107, 108, 112]);

describe('projecting children under 3: choices and labels', () => {
  it('projects 3 and 5 years after the base year by default, labelled as a projection', () => {
    const p = projectChildrenUnder3({ baseYear: 2024, childrenUnder3: noisy });
    expect(p.kind).toBe('projection');
    expect(p.quantity).toBe('children_under3');
    expect(p.intervalLevel).toBe(0.8);
    expect(p.points.map((x) => [x.year, x.horizonYears])).toEqual([
      [2027, 3],
      [2029, 5],
    ]);
    expect(p.history).toEqual(noisy.map((x) => ({ year: x.year, value: x.childrenUnder3 })));
    expect(p.methodText).toMatch(/^Projection : tendance linéaire 2019–2024/);
  });

  it('gives a wider interval at 95% than at 80%, around the same central value', () => {
    const at80 = projectChildrenUnder3({ baseYear: 2024, childrenUnder3: noisy });
    const at95 = projectChildrenUnder3(
      { baseYear: 2024, childrenUnder3: noisy },
      { intervalLevel: 0.95 },
    );
    expect(at95.points[0].central).toBe(at80.points[0].central);
    expect(at95.points[0].low).toBeLessThan(at80.points[0].low);
    expect(at95.points[0].high).toBeGreaterThan(at80.points[0].high);
    expect(at95.methodText).toContain('intervalle à 95\u202f%');
  });

  it('fits the trend on the last `windowYears` years only', () => {
    const long = series(
      [500, 480, 460, 440, 420, 100, 104, 101, 107, 108, 112],
      [2014, 2015, 2016, 2017, 2018, ...YEARS],
    );
    const p = projectChildrenUnder3({ baseYear: 2024, childrenUnder3: long }, { windowYears: 6 });
    expect(p.seriesYears).toEqual(YEARS);
    expect(p.points[0].central).toBeCloseTo(117.590476, 6);
  });

  it('follows a forced method: constant on a trending series', () => {
    const p = projectChildrenUnder3(
      { baseYear: 2024, childrenUnder3: noisy },
      { method: 'constant' },
    );
    expect(p.method.name).toBe('constant');
    expect(p.points[0].central).toBe(112);
    expect(p.methodText).toBe(
      'Projection : niveau constant (valeur 2024), fourchette indicative à 80\u202f%',
    );
  });

  it('uses a trend from 3 years when asked (minTrendPoints 3), never from 2', () => {
    const three = series([300, 340, 320], [2022, 2023, 2024]);
    expect(projectChildrenUnder3({ baseYear: 2024, childrenUnder3: three }).method.name).toBe(
      'constant',
    );
    expect(
      projectChildrenUnder3({ baseYear: 2024, childrenUnder3: three }, { minTrendPoints: 3 }).method
        .name,
    ).toBe('linear_trend');
    expect(() =>
      projectChildrenUnder3(
        { baseYear: 2024, childrenUnder3: three.slice(1) },
        { method: 'linear_trend' },
      ),
    ).toThrow('A linear trend needs at least 3 years of data (got 2)');
  });

  it('projects a single year of data as constant, with the chance range of its count', () => {
    const p = projectChildrenUnder3({
      baseYear: 2024,
      childrenUnder3: [{ year: 2024, childrenUnder3: 150 }],
    });
    expect(p.method).toEqual({
      name: 'constant',
      parameters: {
        level: 150,
        levelYear: 2024,
        sdPerYear: 10, // √(2 × 150 / 3)
        sdBasis: 'chance_of_small_counts',
      },
    });
    expect(p.points[0].high - 150).toBeCloseTo(1.2815516 * 10 * Math.sqrt(3), 5);
  });

  it('rarely calls a break on a noisy line (3% noise, 500 seeded series)', () => {
    const random = new Random(3);
    let breaks = 0;
    for (let i = 0; i < 500; i++) {
      const s = series(YEARS.map((_, k) => 1000 - 12 * k + random.normal(0, 30)));
      const p = projectChildrenUnder3({ baseYear: 2024, childrenUnder3: s });
      if (p.warnings.some((w) => w.code === 'break')) breaks++;
    }
    expect(breaks / 500).toBeLessThan(0.03);
  });
});

describe('projecting children under 3: bad input', () => {
  it('names the row and the field', () => {
    const bad = (rows: unknown) => () =>
      projectChildrenUnder3({ baseYear: 2024, childrenUnder3: rows as ChildrenUnder3Point[] });
    expect(
      bad([
        { year: 2023, childrenUnder3: 5 },
        { year: 2024.5, childrenUnder3: 5 },
      ]),
    ).toThrow('Invalid forecast input: childrenUnder3[1].year must be an integer (got 2024.5)');
    expect(bad([{ year: 2024, childrenUnder3: -1 }])).toThrow(
      'Invalid forecast input: childrenUnder3[0].childrenUnder3 must be a finite number >= 0 (got -1)',
    );
    expect(bad([{ year: 2024, childrenUnder3: null }])).toThrow(
      /childrenUnder3\[0\].childrenUnder3/,
    );
    expect(
      bad([
        { year: 2024, childrenUnder3: 5 },
        { year: 2024, childrenUnder3: 6 },
      ]),
    ).toThrow(
      'Invalid forecast input: childrenUnder3[1].year 2024 appears twice (also childrenUnder3[0])',
    );
    expect(() =>
      projectChildrenUnder3({
        baseYear: 2024,
        childrenUnder3: noisy,
        births: [{ year: 2020, births: Number.NaN }],
      }),
    ).toThrow('Invalid forecast input: births[0].births must be a finite number >= 0 (got NaN)');
  });

  it('refuses a projection with no data up to the base year', () => {
    expect(() => projectChildrenUnder3({ baseYear: 2018, childrenUnder3: noisy })).toThrow(
      'Invalid forecast input: childrenUnder3 has no year up to 2018 to project from',
    );
  });

  it('refuses bad options, naming them', () => {
    const run = (options: object) => () =>
      projectChildrenUnder3({ baseYear: 2024, childrenUnder3: noisy }, options);
    expect(run({ horizonsYears: [0, 3] })).toThrow(/horizonsYears must be distinct integers >= 1/);
    expect(run({ horizonsYears: [3, 3] })).toThrow(/horizonsYears/);
    expect(run({ intervalLevel: 80 })).toThrow(/intervalLevel must be between 0 and 1/);
    expect(run({ minTrendPoints: 2 })).toThrow(/minTrendPoints must be an integer >= 3/);
    expect(run({ method: 'arima' })).toThrow(/method must be/);
    expect(() => projectChildrenUnder3({ baseYear: 2024.5, childrenUnder3: noisy })).toThrow(
      /baseYear must be an integer/,
    );
  });
});
