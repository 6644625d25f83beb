/**
 * Ordinary least squares of a value on the year, and the errors of its forecasts: the textbook
 * simple linear regression (e.g. Montgomery, Peck & Vining, *Introduction to Linear Regression
 * Analysis*, §2.4). Years are centred before fitting, so that sums of squares of years near 2020
 * lose no precision.
 */
export interface LineFit {
  /** Number of points. */
  n: number;
  /** Mean of the years. */
  meanYear: number;
  /** Σ (year − meanYear)². */
  sxx: number;
  /** Fitted value at `meanYear` (equal to the mean of the values). */
  levelAtMeanYear: number;
  /** Fitted change per year. */
  slopePerYear: number;
  /** Residual standard deviation √(Σ residual² / (n − 2)); 0 for a perfect line. */
  residualSd: number;
  /** Observed minus fitted, in the order of the points. */
  residuals: number[];
}

/** Fits value = a + b × year by least squares. Needs at least 3 points with 2 distinct years. */
export function fitLine(years: readonly number[], values: readonly number[]): LineFit {
  const n = years.length;
  if (n !== values.length) throw new RangeError('fitLine: years and values differ in length');
  if (n < 3) throw new RangeError(`fitLine: needs at least 3 points (got ${n})`);
  const meanYear = mean(years);
  const meanValue = mean(values);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = years[i] - meanYear;
    sxx += dx * dx;
    sxy += dx * (values[i] - meanValue);
  }
  if (sxx === 0) throw new RangeError('fitLine: all points have the same year');
  const slopePerYear = sxy / sxx;
  const residuals = values.map((v, i) => v - (meanValue + slopePerYear * (years[i] - meanYear)));
  const sse = residuals.reduce((s, r) => s + r * r, 0);
  return {
    n,
    meanYear,
    sxx,
    levelAtMeanYear: meanValue,
    slopePerYear,
    residualSd: Math.sqrt(sse / (n - 2)),
    residuals,
  };
}

/** The fitted line at `year`. */
export function lineAt(fit: LineFit, year: number): number {
  return fit.levelAtMeanYear + fit.slopePerYear * (year - fit.meanYear);
}

/**
 * Covariance of the errors of the forecasts at `years` (future values minus fitted line):
 * σ² × (δ_jk + 1/n + (x_j − x̄)(x_k − x̄) / Sxx). The diagonal is the usual variance of a
 * prediction, which grows with the distance of the year from the mean year: the interval
 * widens with the horizon. Off-diagonal terms matter when forecasts are summed (cohorts).
 */
export function lineForecastCovariance(fit: LineFit, years: readonly number[]): number[][] {
  const s2 = fit.residualSd * fit.residualSd;
  return years.map((xj, j) =>
    years.map(
      (xk, k) =>
        s2 *
        ((j === k ? 1 : 0) + 1 / fit.n + ((xj - fit.meanYear) * (xk - fit.meanYear)) / fit.sxx),
    ),
  );
}

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
