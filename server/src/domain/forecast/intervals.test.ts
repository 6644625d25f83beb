import { describe, expect, it } from 'vitest';
import { Random } from '../demo/random';
import { projectChildrenUnder3, type BirthsPoint, type ChildrenUnder3Point } from './index';

/**
 * Properties of the intervals on seeded random series (the same draws on every run): a true
 * line plus Gaussian noise, projected, then compared with a fresh draw of the future. With the
 * model right, an 80% interval should hold the future value in about 80% of the draws.
 */
const YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const DRAWS = 2000;
// Binomial(2000, 0.8): standard error 0.9 points; ±3 points is over 3 standard errors.
const TOLERANCE = 0.03;

const line = (year: number) => 1200 - 15 * (year - 2019);
const NOISE_SD = 30;

function noisySeries(random: Random): ChildrenUnder3Point[] {
  return YEARS.map((year) => ({ year, childrenUnder3: line(year) + random.normal(0, NOISE_SD) }));
}

describe('the linear trend interval on a noisy line', () => {
  const random = new Random(19);
  const hits = { 3: 0, 5: 0 };
  const errors = { 3: [] as number[], 5: [] as number[] };
  const widths = { 3: [] as number[], 5: [] as number[] };
  for (let d = 0; d < DRAWS; d++) {
    const p = projectChildrenUnder3({ baseYear: 2024, childrenUnder3: noisySeries(random) });
    for (const point of p.points) {
      const h = point.horizonYears as 3 | 5;
      const future = line(point.year) + random.normal(0, NOISE_SD);
      if (future >= point.low && future <= point.high) hits[h]++;
      errors[h].push(point.central - line(point.year));
      widths[h].push(point.high - point.low);
    }
  }

  it('holds the future value at about the stated 80% at 3 and at 5 years', () => {
    expect(Math.abs(hits[3] / DRAWS - 0.8)).toBeLessThan(TOLERANCE);
    expect(Math.abs(hits[5] / DRAWS - 0.8)).toBeLessThan(TOLERANCE);
  });

  it('centres on the true line: no bias, typical error under two noise sds', () => {
    for (const h of [3, 5] as const) {
      const bias = errors[h].reduce((s, e) => s + e, 0) / DRAWS;
      const meanAbs = errors[h].reduce((s, e) => s + Math.abs(e), 0) / DRAWS;
      // sd of the fitted line at 5 years = 30 × √(1/6 + 7.5²/17.5) ≈ 55: the bias's own
      // standard error over 2000 draws is about 1.2.
      expect(Math.abs(bias), `bias at ${h} years`).toBeLessThan(4);
      expect(meanAbs, `mean error at ${h} years`).toBeLessThan(2 * NOISE_SD);
    }
  });

  it('is wider at 5 years than at 3 in every draw', () => {
    widths[5].forEach((w5, i) => expect(w5).toBeGreaterThan(widths[3][i]));
  });
});

describe('intervals widen with the horizon, whatever the method', () => {
  const horizonsYears = [1, 2, 3, 4, 5, 6, 7, 8];
  const strictlyWidening = (points: { low: number; high: number }[]) => {
    const widths = points.map((p) => p.high - p.low);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThan(widths[i - 1]);
  };

  it('linear trend', () => {
    const p = projectChildrenUnder3(
      { baseYear: 2024, childrenUnder3: noisySeries(new Random(7)) },
      { horizonsYears },
    );
    expect(p.method.name).toBe('linear_trend');
    strictlyWidening(p.points);
  });

  it('constant (a series too short for a trend)', () => {
    const p = projectChildrenUnder3(
      { baseYear: 2024, childrenUnder3: noisySeries(new Random(7)).slice(3) },
      { horizonsYears },
    );
    expect(p.method.name).toBe('constant');
    strictlyWidening(p.points);
  });

  it('cohort (births projected beyond the last known year)', () => {
    const random = new Random(7);
    const births = birthsSeries(random);
    const p = projectChildrenUnder3(
      { baseYear: 2024, childrenUnder3: childrenFromBirths(births, random), births },
      { horizonsYears },
    );
    expect(p.method.name).toBe('cohort');
    strictlyWidening(p.points);
  });
});

// Births falling on a line with Gaussian noise; children = 0.97 × the three previous years'
// births, give or take 1%.
const birthLine = (year: number) => 420 - 6 * (year - 2012);
const BIRTH_SD = 12;

function birthsSeries(random: Random): BirthsPoint[] {
  const births: BirthsPoint[] = [];
  for (let year = 2015; year <= 2024; year++)
    births.push({ year, births: birthLine(year) + random.normal(0, BIRTH_SD) });
  return births;
}

function childrenFromBirths(births: BirthsPoint[], random: Random): ChildrenUnder3Point[] {
  const b = new Map(births.map((x) => [x.year, x.births]));
  return YEARS.map((year) => ({
    year,
    childrenUnder3:
      0.97 *
      (b.get(year - 1)! + b.get(year - 2)! + b.get(year - 3)!) *
      (1 + random.normal(0, 0.01)),
  }));
}

describe('the cohort interval on noisy births', () => {
  it('holds the future children at about the stated 80% at 3 and at 5 years', () => {
    const random = new Random(2025);
    const hits = { 3: 0, 5: 0 };
    for (let d = 0; d < DRAWS; d++) {
      const births = birthsSeries(random);
      const p = projectChildrenUnder3({
        baseYear: 2024,
        childrenUnder3: childrenFromBirths(births, random),
        births,
      });
      const known = new Map(births.map((x) => [x.year, x.births]));
      const birthsIn = (year: number) =>
        known.get(year) ?? birthLine(year) + random.normal(0, BIRTH_SD);
      for (const point of p.points) {
        const y = point.year;
        const future =
          0.97 *
          (birthsIn(y - 1) + birthsIn(y - 2) + birthsIn(y - 3)) *
          (1 + random.normal(0, 0.01));
        if (future >= point.low && future <= point.high) hits[point.horizonYears as 3 | 5]++;
      }
    }
    expect(Math.abs(hits[3] / DRAWS - 0.8)).toBeLessThan(TOLERANCE);
    expect(Math.abs(hits[5] / DRAWS - 0.8)).toBeLessThan(TOLERANCE);
  });
});
