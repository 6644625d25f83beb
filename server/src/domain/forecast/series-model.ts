import { frNumber, frPercent, frSignedPercent, frYears } from './format';
import { fitLine, lineAt, lineForecastCovariance } from './linear-fit';
import { studentQuantile } from './quantiles';
import type { ForecastWarning, SeriesMethod, YearValue } from './types';

/** Which model projects one series. 'auto' picks the trend when it can, else constant. */
export type SeriesMethodChoice = 'auto' | 'linear_trend' | 'constant';

export interface SeriesModelOptions {
  method: SeriesMethodChoice;
  /** 'auto' fits a trend from this many points on (default 4: 2 degrees of freedom). */
  minTrendPoints: number;
  /**
   * Yearly birth cohorts in one value (3 for children under 3, 1 for births): sets the chance
   * variation of a count (see `SeriesMethod` 'constant') and the scale of a "break".
   */
  cohortsInValue: number;
  /** What the series counts, in French, for warnings ("enfants de moins de 3 ans"). */
  noun: string;
}

/**
 * The joint distribution of the errors of forecasts at some years: means, covariance, and the
 * degrees of freedom of the Student quantile to use (Infinity: normal quantile).
 */
export interface ForecastDistribution {
  mean: number[];
  covariance: number[][];
  degreesOfFreedom: number;
}

export interface SeriesModel {
  method: SeriesMethod;
  lastYear: number;
  meanLevel: number;
  warnings: ForecastWarning[];
  /** Forecasts at years after `lastYear`. */
  forecast(years: readonly number[]): ForecastDistribution;
}

/** Values differing by less than half a unit (half a child, half a birth) are "no variation". */
const FLAT_TOLERANCE = 0.5;
/** Residual spread above this share of the level: the series is called noisy. */
const NOISY_SHARE = 0.1;

/**
 * Fits the model of one series (at least one point).
 * - **linear_trend**: least squares of the value on the year; the forecast is the line
 *   extended, its errors those of a regression forecast (`lineForecastCovariance`).
 * - **constant**: the last value carried forward, as a random walk: the spread grows as
 *   sd × √(years since the last point), sd from the observed year-to-year changes, never below
 *   the chance variation of the counts. Used for short series (fewer than `minTrendPoints`) and
 *   series without variation, where a regression has nothing to estimate its noise from.
 */
export function fitSeriesModel(
  points: readonly YearValue[],
  options: SeriesModelOptions,
): SeriesModel {
  const n = points.length;
  if (n === 0) throw new RangeError('fitSeriesModel: no point to project from');
  const values = points.map((p) => p.value);
  const meanLevel = values.reduce((s, v) => s + v, 0) / n;
  const flat = Math.max(...values) - Math.min(...values) < FLAT_TOLERANCE;
  const warnings: ForecastWarning[] = [];

  let method = options.method;
  if (method === 'auto') {
    if (n < options.minTrendPoints) {
      method = 'constant';
      warnings.push({
        code: 'too_short',
        message: `Série courte (${n} année${n > 1 ? 's' : ''}) : pas de tendance ajustée ; niveau constant, avec une fourchette indicative.`,
      });
    } else if (flat) {
      method = 'constant';
      warnings.push({
        code: 'flat',
        message: `Série sans variation (${frYears(points.map((p) => p.year))}) : niveau constant ; la fourchette ne tient qu’à l’aléa des naissances.`,
      });
    } else method = 'linear_trend';
  }
  if (method === 'linear_trend' && n < 3)
    throw new RangeError(`A linear trend needs at least 3 years of data (got ${n})`);

  const broken = breakWarning(points, options.cohortsInValue);
  if (broken) warnings.push(broken);

  return method === 'linear_trend'
    ? trendModel(points, meanLevel, options, warnings)
    : constantModel(points, meanLevel, options, warnings);
}

function trendModel(
  points: readonly YearValue[],
  meanLevel: number,
  options: SeriesModelOptions,
  warnings: ForecastWarning[],
): SeriesModel {
  const fit = fitLine(
    points.map((p) => p.year),
    points.map((p) => p.value),
  );
  // A series exactly on a line (often estimates interpolated between two censuses) has no
  // residual to measure its noise from: a nil interval would claim a certainty no count has.
  // Use the chance variation of a count of births (Poisson: variance equal to the count,
  // however many yearly cohorts it sums) at the mean level, with the normal quantile.
  const perfect = fit.residualSd <= 1e-9 * Math.max(1, meanLevel);
  const forecastSd = perfect ? Math.sqrt(Math.max(0, meanLevel)) : fit.residualSd;
  const degreesOfFreedom = perfect ? Infinity : fit.n - 2;
  if (perfect)
    warnings.push({
      code: 'perfect_fit',
      message: `La série (${options.noun}) suit exactement une droite (des estimations interpolées ?) : l’intervalle ne tient qu’à l’aléa des naissances, les écarts à la tendance étant nuls.`,
    });
  else if (meanLevel > 0 && fit.residualSd > NOISY_SHARE * meanLevel)
    warnings.push({
      code: 'noisy',
      message: `Série irrégulière : les écarts à la tendance valent ${frPercent(fit.residualSd / meanLevel)} du niveau moyen (${options.noun}) ; intervalle large.`,
    });
  return {
    method: {
      name: 'linear_trend',
      parameters: {
        slopePerYear: fit.slopePerYear,
        levelAtMeanYear: fit.levelAtMeanYear,
        meanYear: fit.meanYear,
        residualSd: fit.residualSd,
        forecastSd,
        sdBasis: perfect ? 'chance_of_small_counts' : 'residuals',
        points: fit.n,
        degreesOfFreedom,
      },
    },
    lastYear: points[points.length - 1].year,
    meanLevel,
    warnings,
    forecast: (years) => ({
      mean: years.map((y) => lineAt(fit, y)),
      covariance: lineForecastCovariance({ ...fit, residualSd: forecastSd }, years),
      degreesOfFreedom,
    }),
  };
}

function constantModel(
  points: readonly YearValue[],
  meanLevel: number,
  options: SeriesModelOptions,
  warnings: ForecastWarning[],
): SeriesModel {
  const last = points[points.length - 1];
  // A random walk's change over g years has variance g × sd²: scale each change to one year.
  let sumSquares = 0;
  for (let i = 1; i < points.length; i++) {
    const change = points[i].value - points[i - 1].value;
    sumSquares += (change * change) / (points[i].year - points[i - 1].year);
  }
  const observedSd = points.length > 1 ? Math.sqrt(sumSquares / (points.length - 1)) : 0;
  const chanceSd = Math.sqrt((2 * last.value) / options.cohortsInValue);
  const sdPerYear = Math.max(observedSd, chanceSd);
  return {
    method: {
      name: 'constant',
      parameters: {
        level: last.value,
        levelYear: last.year,
        sdPerYear,
        sdBasis: observedSd >= chanceSd ? 'year_to_year_changes' : 'chance_of_small_counts',
      },
    },
    lastYear: last.year,
    meanLevel,
    warnings,
    forecast: (years) => {
      const steps = years.map((y) => y - last.year);
      return {
        mean: years.map(() => last.value),
        covariance: steps.map((hj) => steps.map((hk) => sdPerYear * sdPerYear * Math.min(hj, hk))),
        // A stated range, not a fitted one: the normal quantile.
        degreesOfFreedom: Infinity,
      };
    },
  };
}

/** Chance of calling a break on a series that is a line plus independent noise. */
const BREAK_FALSE_ALARM = 0.01;

/**
 * A "break": a step in the series (a merger of communes, a change of source, a new housing
 * estate), tested as a line with a step between two years against the plain line, for each
 * place with at least 2 years on each side. The step is called a break when its F statistic
 * (1 and n − 3 degrees of freedom) exceeds the quantile of a 1% false alarm shared among the
 * places tested (Bonferroni), and when it is material: more than 5% of the level and more than
 * 3 chance spreads of a one-year change (so that small counts do not alarm).
 */
function breakWarning(points: readonly YearValue[], cohorts: number): ForecastWarning | null {
  const n = points.length;
  if (n < 4) return null;
  const years = points.map((p) => p.year);
  const line = fitLine(
    years,
    points.map((p) => p.value),
  );
  const sseLine = line.residualSd ** 2 * (n - 2);
  const level = line.levelAtMeanYear;
  if (level <= 0) return null;
  const material = Math.max(0.05 * level, 3 * Math.sqrt((2 * level) / cohorts));
  const places = n - 3;
  const fLimit = studentQuantile(1 - BREAK_FALSE_ALARM / places / 2, n - 3) ** 2;
  let found: { k: number; step: number } | null = null;
  let best = 0;
  for (let k = 2; k <= n - 2; k++) {
    // The part of the step the line does not explain: its residuals on the years.
    const d = fitLine(
      years,
      years.map((_, i) => (i >= k ? 1 : 0)),
    ).residuals;
    const dd = d.reduce((s, x) => s + x * x, 0);
    const rd = line.residuals.reduce((s, r, i) => s + r * d[i], 0);
    const reduction = (rd * rd) / dd;
    const sseStep = Math.max(0, sseLine - reduction);
    const f =
      sseStep > 1e-12 * sseLine ? reduction / (sseStep / (n - 3)) : reduction > 0 ? Infinity : 0;
    const size = rd / dd;
    if (f > fLimit && Math.abs(size) > material && f > best) {
      best = f;
      found = { k, step: size };
    }
  }
  if (!found) return null;
  const from = years[found.k - 1];
  const to = years[found.k];
  return {
    code: 'break',
    message: `Rupture possible entre ${from} et ${to} : saut de ${frSignedPercent(found.step / level)} du niveau par rapport à la tendance (changement de périmètre ou de source, événement local ?). La projection prolonge la série telle quelle.`,
    years: [from, to],
  };
}

/** "+12,5 enfants par an": a slope for method texts. */
export function slopeText(slopePerYear: number, unit: string): string {
  const sign = slopePerYear < 0 ? '\u2212' : '+';
  return `${sign}${frNumber(Math.abs(slopePerYear), 1)} ${unit} par an`;
}
