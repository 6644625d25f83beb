import { describe, expect, it } from 'vitest';
import { birthsTrend } from './births';

describe('births trend around a site', () => {
  it('compares the last complete year with the first, leaving out incomplete years', () => {
    const trend = birthsTrend(
      [
        { year: 2017, births: 118, communesWithBirths: 3 },
        { year: 2016, births: 125, communesWithBirths: 3 },
        { year: 2018, births: 60, communesWithBirths: 2 },
        { year: 2019, births: 110, communesWithBirths: 3 },
      ],
      3,
    );
    expect(trend.years).toEqual([
      { year: 2016, births: 125 },
      { year: 2017, births: 118 },
      { year: 2019, births: 110 },
    ]);
    expect(trend.incompleteYears).toEqual([2018]);
    expect(trend.since).toBe(2016);
    // (110 − 125) / 125 = −12 %
    expect(trend.changePct).toBe(-12);
    expect(trend.statement).toBe(
      'en baisse de 12 % depuis 2016 (125 naissances en 2016, 110 en 2019)',
    );
  });

  it('says a rise, a stable series, and nothing with fewer than two years', () => {
    const up = birthsTrend(
      [
        { year: 2020, births: 1000, communesWithBirths: 1 },
        { year: 2024, births: 1050, communesWithBirths: 1 },
      ],
      1,
    );
    expect(up.changePct).toBe(5);
    expect(up.statement).toMatch(/^en hausse de 5 % depuis 2020 \(1\s000 naissances en 2020/);
    const flat = birthsTrend(
      [
        { year: 2020, births: 100, communesWithBirths: 1 },
        { year: 2021, births: 101, communesWithBirths: 1 },
      ],
      1,
    );
    expect(flat.statement).toMatch(/^stables depuis 2020/);
    const one = birthsTrend([{ year: 2020, births: 100, communesWithBirths: 1 }], 1);
    expect(one.statement).toBeNull();
    expect(one.changePct).toBeNull();
  });
});
