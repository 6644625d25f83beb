import { describe, expect, it } from 'vitest';
import { projectChildrenUnder3, type BirthsPoint, type ChildrenUnder3Point } from './index';

const births = (from: number, values: number[]): BirthsPoint[] =>
  values.map((b, i) => ({ year: from + i, births: b }));

/** Children of Y = ratio × births of Y−1, Y−2, Y−3. */
function childrenOf(b: BirthsPoint[], years: number[], ratio: number): ChildrenUnder3Point[] {
  const m = new Map(b.map((x) => [x.year, x.births]));
  return years.map((year) => ({
    year,
    childrenUnder3: ratio * (m.get(year - 1)! + m.get(year - 2)! + m.get(year - 3)!),
  }));
}

const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];

describe('children under 3 from births (cohort method)', () => {
  it('sums the births of the three previous years, times the children/births ratio', () => {
    // Births 400, 395, … 350 in 2014–2024; children = 0.95 × cohorts. 2027: births of 2026,
    // 2025 (projected on the line: 340, 345) and 2024 (350) → 0.95 × 1035 = 983.25.
    const b = births(2014, [400, 395, 390, 385, 380, 375, 370, 365, 360, 355, 350]);
    const p = projectChildrenUnder3({
      baseYear: 2024,
      childrenUnder3: childrenOf(b, YEARS, 0.95),
      births: b,
    });
    expect(p.method.name).toBe('cohort');
    if (p.method.name !== 'cohort') return;
    expect(p.method.parameters.ratio).toBeCloseTo(0.95, 12);
    expect(p.method.parameters.ratioYears).toEqual(YEARS);
    expect(p.method.parameters.birthsMethod.name).toBe('linear_trend');
    expect(p.points.map((x) => x.year)).toEqual([2027, 2029]);
    expect(p.points[0].central).toBeCloseTo(983.25, 9);
    expect(p.points[1].central).toBeCloseTo(0.95 * (340 + 335 + 330), 9);
    expect(p.methodText).toBe(
      'Projection : naissances 2015–2024 (tendance linéaire au-delà), rapport enfants / naissances des 3 années précédentes 0,95 (2019–2024), intervalle à 80\u202f%',
    );
  });

  it('gives the interval of a sum of projected births (hand formula, scipy quantile)', () => {
    // Births 2015–2024 noisy around a falling line; children exactly their cohorts (ratio 1).
    // Least squares on births: s = 2.895922, t(8) at 80%. The sum of m projected years has
    // variance s² × (m + Σ_j Σ_k x_j'(X'X)⁻¹x_k); values computed apart with numpy/scipy.
    const b = births(2015, [410, 402, 405, 396, 390, 392, 381, 379, 374, 366]);
    const p = projectChildrenUnder3(
      { baseYear: 2024, childrenUnder3: childrenOf(b, YEARS, 1), births: b },
      { horizonsYears: [1, 2, 3, 5] },
    );
    const expected = [
      [2025, 1119, 1119, 1119], // every cohort known: no births to project
      [2026, 1104, 1099.10117932, 1108.89882068],
      [2027, 1089.36363636, 1081.12772033, 1097.59955239],
      [2029, 1064.18181818, 1051.36695348, 1076.99668289],
    ];
    expected.forEach(([year, central, low, high], i) => {
      expect(p.points[i].year).toBe(year);
      expect(p.points[i].central, `${year} central`).toBeCloseTo(central, 6);
      expect(p.points[i].low, `${year} low`).toBeCloseTo(low, 6);
      expect(p.points[i].high, `${year} high`).toBeCloseTo(high, 6);
    });
    expect(p.birthYears).toEqual([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024]);
  });

  it('estimates the ratio as total children over total cohorts, and widens with its scatter', () => {
    // Constant births of 100: cohorts of 300; children 270, 300, 330 → ratio 0.9, 1, 1.1.
    const b = births(2016, [100, 100, 100, 100, 100, 100]);
    const children = [2019, 2020, 2021].map((year, i) => ({
      year,
      childrenUnder3: [270, 300, 330][i],
    }));
    const p = projectChildrenUnder3({ baseYear: 2021, childrenUnder3: children, births: b });
    if (p.method.name !== 'cohort') throw new Error('expected the cohort method');
    expect(p.method.parameters.ratio).toBeCloseTo(1, 12);
    expect(p.method.parameters.ratioSd).toBeCloseTo(0.1, 12);
    // 2024: cohorts 2021–2023, two of them projected constant at 100 (flat births).
    expect(p.points[0].central).toBeCloseTo(300, 9);
    expect(p.points[0].high - p.points[0].low).toBeGreaterThan(2 * 30 * 1.28);
  });

  it('falls back to the children series when births stop too early, and says why', () => {
    const b = births(2012, [400, 395, 390, 385, 380, 375, 370]); // up to 2018 only
    const children = YEARS.map((year, i) => ({ year, childrenUnder3: 1100 - 10 * i }));
    const p = projectChildrenUnder3({ baseYear: 2024, childrenUnder3: children, births: b });
    expect(p.method.name).toBe('linear_trend');
    expect(p.birthYears).toEqual([]);
    const w = p.warnings.find((x) => x.code === 'births_behind_children');
    expect(w?.message).toContain('naissances connues jusqu’en 2018 seulement');
  });

  it('falls back when a needed year of births is missing, and refuses it when forced', () => {
    // 2025 needs the births of 2022–2024; 2023 is missing.
    const b = births(2014, [400, 395, 390, 385, 380, 375, 370, 365, 360, 355, 350]).filter(
      (x) => x.year !== 2023,
    );
    const input = {
      baseYear: 2024,
      childrenUnder3: YEARS.map((year) => ({ year, childrenUnder3: 1000 })),
      births: b,
    };
    const auto = projectChildrenUnder3(input, { horizonsYears: [1] });
    expect(auto.method.name).toBe('constant');
    expect(auto.warnings[0].code).toBe('births_behind_children');
    expect(auto.warnings[0].message).toContain('naissances manquantes : 2023');
    expect(() => projectChildrenUnder3(input, { method: 'cohort', horizonsYears: [1] })).toThrow(
      'The cohort method cannot serve here: naissances manquantes : 2023',
    );
    // At 3 years (2027: births of 2024–2026) the gap does not matter.
    expect(projectChildrenUnder3(input, { horizonsYears: [3] }).method.name).toBe('cohort');
  });

  it('works from births alone, with a ratio of 1, and says so', () => {
    const b = births(2018, [300, 290, 280, 270, 260, 250, 240]);
    const p = projectChildrenUnder3({ baseYear: 2024, childrenUnder3: [], births: b });
    expect(p.method.name).toBe('cohort');
    // 2027: births 2026 (220), 2025 (230), 2024 (240).
    expect(p.points[0].central).toBeCloseTo(690, 9);
    expect(p.warnings.map((w) => w.code)).toContain('no_births_ratio');
  });
});
