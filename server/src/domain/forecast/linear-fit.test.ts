import { describe, expect, it } from 'vitest';
import { fitLine, lineAt, lineForecastCovariance } from './linear-fit';

describe('least squares on the year', () => {
  // 100, 104, 101, 107, 108, 112 in 2019–2024. By hand: x̄ = 2021.5, Sxx = 17.5,
  // Sxy = 39, slope = 2.228571, mean 105.3333, SSE = 16.41905, s = √(SSE / 4) = 2.026021.
  const fit = fitLine([2019, 2020, 2021, 2022, 2023, 2024], [100, 104, 101, 107, 108, 112]);

  it('fits the line of the hand calculation', () => {
    expect(fit.meanYear).toBe(2021.5);
    expect(fit.sxx).toBe(17.5);
    expect(fit.slopePerYear).toBeCloseTo(39 / 17.5, 12);
    expect(fit.levelAtMeanYear).toBeCloseTo(105.333333, 6);
    expect(fit.residualSd).toBeCloseTo(2.026021, 6);
    expect(lineAt(fit, 2027)).toBeCloseTo(117.590476, 6);
  });

  it('gives the variance of a prediction, growing with the distance from the mean year', () => {
    const [[v27, c], [, v29]] = lineForecastCovariance(fit, [2027, 2029]);
    const s2 = fit.residualSd ** 2;
    expect(v27).toBeCloseTo(s2 * (1 + 1 / 6 + 5.5 ** 2 / 17.5), 9);
    expect(v29).toBeCloseTo(s2 * (1 + 1 / 6 + 7.5 ** 2 / 17.5), 9);
    expect(c).toBeCloseTo(s2 * (1 / 6 + (5.5 * 7.5) / 17.5), 9);
    expect(v29).toBeGreaterThan(v27);
  });

  it('needs three points and two distinct years', () => {
    expect(() => fitLine([2020, 2021], [1, 2])).toThrow(/at least 3 points/);
    expect(() => fitLine([2020, 2020, 2020], [1, 2, 3])).toThrow(/same year/);
  });
});
