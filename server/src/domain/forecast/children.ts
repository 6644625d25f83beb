import { DEFAULT_SMALL_POPULATION_THRESHOLD } from '../coverage';
import { cohortForecast, cohortObstacle, cohortText, type CohortParameters } from './cohort';
import { frNumber, frPercent, frYears } from './format';
import { intervalAround } from './interval';
import { gapWarning, pointsUpTo, readSeries, spanOf, yearsOf } from './series';
import { fitSeriesModel, slopeText } from './series-model';
import type { ForecastWarning, ProjectedValue, SeriesMethod, YearValue } from './types';

/** One year of the under-3 series of a territory (INSEE ages 0-2, e.g. `P21_POP0002`). */
export interface ChildrenUnder3Point {
  year: number;
  childrenUnder3: number;
  /** `census` or `estimate`, as stored with the population; a mix is flagged. */
  source?: 'census' | 'estimate';
}

/** One year of births of a territory (INSEE état civil, births by the mother's home). */
export interface BirthsPoint {
  year: number;
  births: number;
}

export interface ChildrenForecastInput {
  /**
   * The year the projection starts from ("now", given, never read from a clock): targets are
   * `baseYear + h`; data after it are ignored, so a projection can be replayed as of a past year.
   */
  baseYear: number;
  childrenUnder3: readonly ChildrenUnder3Point[];
  /** Optional: with births, the cohort method can serve (see cohort.ts). */
  births?: readonly BirthsPoint[];
}

export type ChildrenMethodChoice = 'auto' | 'linear_trend' | 'constant' | 'cohort';

export interface ChildrenForecastOptions {
  /** Years after the base year to project (default [3, 5]). */
  horizonsYears?: readonly number[];
  /** Probability the interval aims to contain the future value (default 0.8). */
  intervalLevel?: number;
  /**
   * 'auto' (default): cohort when births can serve, else a linear trend from `minTrendPoints`
   * years, else constant. Any other value forces that method.
   */
  method?: ChildrenMethodChoice;
  /** 'auto' fits a trend from this many years on (default 4, at least 3). */
  minTrendPoints?: number;
  /** Trends are fitted on at most this many of the latest years (default 10). */
  windowYears?: number;
}

export const DEFAULT_FORECAST_HORIZONS_YEARS = [3, 5] as const;
export const DEFAULT_INTERVAL_LEVEL = 0.8;
export const DEFAULT_MIN_TREND_POINTS = 4;
export const DEFAULT_WINDOW_YEARS = 10;

export type ChildrenMethod = SeriesMethod | { name: 'cohort'; parameters: CohortParameters };

/** Children under 3 projected for a territory. Unrounded; `low ≤ central ≤ high`, all ≥ 0. */
export interface ChildrenProjection {
  kind: 'projection';
  quantity: 'children_under3';
  baseYear: number;
  intervalLevel: number;
  method: ChildrenMethod;
  /** Years of the under-3 series the projection used. */
  seriesYears: number[];
  /** Years of births used (empty unless the method is 'cohort'). */
  birthYears: number[];
  /** The under-3 series used, as observed. */
  history: YearValue[];
  points: ProjectedValue[];
  warnings: ForecastWarning[];
  /** For display: "Projection : tendance linéaire 2019–2024 (…), intervalle à 80 %". */
  methodText: string;
}

const NOUN = 'enfants de moins de 3 ans';

/**
 * Projects the children under 3 of one territory for each horizon, with an interval that widens
 * with the horizon. Pure; throws a RangeError naming the field on bad input. See
 * docs/forecasts.md for the methods.
 */
export function projectChildrenUnder3(
  input: ChildrenForecastInput,
  options: ChildrenForecastOptions = {},
): ChildrenProjection {
  const o = resolveOptions(options);
  const { baseYear } = input;
  if (!Number.isInteger(baseYear))
    throw new RangeError(`Invalid forecast input: baseYear must be an integer (got ${baseYear})`);
  const allChildren = readSeries(input.childrenUnder3, 'childrenUnder3', 'childrenUnder3');
  const children = pointsUpTo(allChildren, baseYear, o.windowYears);
  const allBirths = readSeries(input.births ?? [], 'births', 'births').filter(
    (b) => b.year <= baseYear,
  );
  const trendBirths = pointsUpTo(allBirths, baseYear, o.windowYears);
  const targetYears = o.horizonsYears.map((h) => baseYear + h);
  const modelOptions = { method: 'auto' as const, minTrendPoints: o.minTrendPoints };

  const warnings: ForecastWarning[] = [];
  const obstacle = cohortObstacle(allBirths, targetYears);
  let useCohort = o.method === 'cohort';
  if (o.method === 'cohort' && obstacle)
    throw new RangeError(`The cohort method cannot serve here: ${obstacle}`);
  if (o.method === 'auto' && allBirths.length > 0) {
    const lastChildren = children.length ? children[children.length - 1].year : -Infinity;
    const lastBirths = allBirths[allBirths.length - 1].year;
    const why =
      obstacle ??
      (lastBirths < lastChildren - 1
        ? `naissances connues jusqu’en ${lastBirths} seulement, enfants jusqu’en ${lastChildren}`
        : children.length > 0 && !hasRatioYear(children, allBirths)
          ? 'aucune année où enfants et naissances sont connus ensemble'
          : null);
    useCohort = why === null;
    if (why)
      warnings.push({
        code: 'births_behind_children',
        message: `Naissances non utilisées (${why}) : projection sur la seule série des enfants.`,
      });
  }
  if (!useCohort && children.length === 0)
    throw new RangeError(
      `Invalid forecast input: childrenUnder3 has no year up to ${baseYear} to project from`,
    );

  let method: ChildrenMethod;
  let birthYears: number[] = [];
  let raw: { central: number; low: number; high: number }[];
  let means: number[];
  let describe: string;
  if (useCohort) {
    const c = cohortForecast(children, allBirths, trendBirths, targetYears, modelOptions);
    method = { name: 'cohort', parameters: c.parameters };
    birthYears = c.birthYears;
    warnings.push(...c.warnings);
    means = c.mean;
    raw = targetYears.map((_, i) =>
      intervalAround(c.mean[i], c.variance[i], c.degreesOfFreedom[i], o.intervalLevel),
    );
    describe = cohortText(c.parameters, birthYears);
  } else {
    const model = fitSeriesModel(children, {
      // 'cohort' never reaches here (useCohort).
      method: o.method === 'cohort' ? 'auto' : o.method,
      minTrendPoints: o.minTrendPoints,
      cohortsInValue: 3,
      noun: NOUN,
    });
    method = model.method;
    warnings.push(...model.warnings);
    const f = model.forecast(targetYears);
    means = f.mean;
    raw = targetYears.map((_, i) =>
      intervalAround(f.mean[i], f.covariance[i][i], f.degreesOfFreedom, o.intervalLevel),
    );
    describe =
      method.name === 'linear_trend'
        ? `tendance linéaire ${spanOf(children)} (${slopeText(method.parameters.slopePerYear, 'enfants')})`
        : `niveau constant (valeur ${method.parameters.levelYear})`;
  }

  warnings.push(...seriesWarnings(input.childrenUnder3, children));
  const clamped = targetYears.filter((_, i) => means[i] < 0);
  if (clamped.length > 0)
    warnings.push({
      code: 'clamped_at_zero',
      message: `La projection passe sous zéro en ${clamped.join(', ')} : ramenée à 0.`,
      years: clamped,
    });

  const interval = method.name === 'constant' ? 'fourchette indicative' : 'intervalle';
  return {
    kind: 'projection',
    quantity: 'children_under3',
    baseYear,
    intervalLevel: o.intervalLevel,
    method,
    seriesYears: yearsOf(children),
    birthYears,
    history: children,
    points: targetYears.map((year, i) => ({
      year,
      horizonYears: o.horizonsYears[i],
      ...raw[i],
    })),
    warnings,
    methodText: `Projection : ${describe}, ${interval} à ${frPercent(o.intervalLevel)}`,
  };
}

function hasRatioYear(children: readonly YearValue[], births: readonly YearValue[]): boolean {
  const known = new Set(births.map((b) => b.year));
  return children.some((c) => [1, 2, 3].every((lag) => known.has(c.year - lag)));
}

/** Gap, source mix and small population, about the under-3 series used. */
function seriesWarnings(
  rows: readonly ChildrenUnder3Point[],
  used: readonly YearValue[],
): ForecastWarning[] {
  const warnings: ForecastWarning[] = [];
  const gap = gapWarning(used);
  if (gap) warnings.push(gap);
  const years = new Set(used.map((p) => p.year));
  const sources = new Set(rows.filter((r) => years.has(r.year) && r.source).map((r) => r.source));
  if (sources.size > 1)
    warnings.push({
      code: 'mixed_sources',
      message: `La série mêle recensements et estimations (${frYears([...years])}) : un écart entre les deux peut passer pour une tendance.`,
    });
  if (used.length > 0) {
    const mean = used.reduce((s, p) => s + p.value, 0) / used.length;
    if (mean < DEFAULT_SMALL_POPULATION_THRESHOLD)
      warnings.push({
        code: 'small_population',
        message: `En moyenne ${frNumber(mean, 1)} ${NOUN} : effectifs trop faibles pour une tendance fiable, la projection est très incertaine.`,
      });
  }
  return warnings;
}

function resolveOptions(options: ChildrenForecastOptions) {
  const horizonsYears = [...(options.horizonsYears ?? DEFAULT_FORECAST_HORIZONS_YEARS)];
  const intervalLevel = options.intervalLevel ?? DEFAULT_INTERVAL_LEVEL;
  const minTrendPoints = options.minTrendPoints ?? DEFAULT_MIN_TREND_POINTS;
  const windowYears = options.windowYears ?? DEFAULT_WINDOW_YEARS;
  const method = options.method ?? 'auto';
  const bad = (field: string, rule: string, got: unknown) =>
    new RangeError(`Invalid forecast option: ${field} ${rule} (got ${String(got)})`);
  if (
    horizonsYears.length === 0 ||
    horizonsYears.some((h) => !Number.isInteger(h) || h < 1) ||
    new Set(horizonsYears).size !== horizonsYears.length
  )
    throw bad('horizonsYears', 'must be distinct integers >= 1', JSON.stringify(horizonsYears));
  if (!(intervalLevel > 0 && intervalLevel < 1))
    throw bad('intervalLevel', 'must be between 0 and 1, exclusive', intervalLevel);
  if (!Number.isInteger(minTrendPoints) || minTrendPoints < 3)
    throw bad('minTrendPoints', 'must be an integer >= 3', minTrendPoints);
  if (!Number.isInteger(windowYears) || windowYears < 1)
    throw bad('windowYears', 'must be an integer >= 1', windowYears);
  if (!['auto', 'linear_trend', 'constant', 'cohort'].includes(method))
    throw bad('method', "must be 'auto', 'linear_trend', 'constant' or 'cohort'", method);
  return { horizonsYears, intervalLevel, minTrendPoints, windowYears, method };
}
