import { frNumber, frYears } from './format';
import { combinedDegreesOfFreedom } from './interval';
import { fitSeriesModel, type SeriesModelOptions } from './series-model';
import type { ForecastWarning, SeriesMethod, YearValue } from './types';

/**
 * Children under 3 from births. INSEE counts ages in completed years on 1 January of the year
 * (census and local estimates alike), so the children aged 0, 1 and 2 on 1 January of Y were
 * born in Y − 1, Y − 2 and Y − 3. With C(Y) the sum of those three years of births:
 *
 *   children(Y) ≈ k × C(Y)
 *
 * where k, the ratio of children to births, carries survival (close to 1) and the net migration
 * of young families (above 1 in a growing suburb, below in a city that young parents leave). k is
 * estimated on the years where both are known (Σ children ÷ Σ C); births not yet known are
 * projected by the series model (trend or constant).
 */
export const BIRTH_LAGS = [1, 2, 3] as const;

export interface CohortParameters {
  /** Children ÷ births of the three previous years, over `ratioYears` (1 when none). */
  ratio: number;
  /** Years where children and their three cohorts of births are all known. */
  ratioYears: number[];
  /** Standard deviation of the yearly ratios (null below 2 years). */
  ratioSd: number | null;
  /** How births after the last known year are projected. */
  birthsMethod: SeriesMethod;
  /** The cohorts of year Y are the births of Y − 1, Y − 2, Y − 3. */
  birthLags: readonly number[];
}

export interface CohortForecast {
  parameters: CohortParameters;
  /** Births used: the trend's years and the known cohorts of the projected years. */
  birthYears: number[];
  mean: number[];
  variance: number[];
  degreesOfFreedom: number[];
  warnings: ForecastWarning[];
}

/**
 * Why the cohort method cannot serve these target years (null when it can): no births up to
 * the base year, or a known year of births missing where a projected year needs it.
 */
export function cohortObstacle(
  births: readonly YearValue[],
  targetYears: readonly number[],
): string | null {
  if (births.length === 0) return 'aucune naissance connue';
  const known = new Set(births.map((b) => b.year));
  const lastBirthYear = births[births.length - 1].year;
  const missing = new Set<number>();
  for (const y of targetYears)
    for (const lag of BIRTH_LAGS)
      if (y - lag <= lastBirthYear && !known.has(y - lag)) missing.add(y - lag);
  if (missing.size > 0)
    return `naissances manquantes : ${[...missing].sort((a, b) => a - b).join(', ')}`;
  return null;
}

/** Years where children and their three cohorts of births are all known, with the sums. */
export function ratioPairs(
  children: readonly YearValue[],
  births: readonly YearValue[],
): { year: number; children: number; cohorts: number }[] {
  const byYear = new Map(births.map((b) => [b.year, b.value]));
  const pairs: { year: number; children: number; cohorts: number }[] = [];
  for (const c of children) {
    const cohorts = BIRTH_LAGS.map((lag) => byYear.get(c.year - lag));
    if (cohorts.every((b) => b !== undefined)) {
      const sum = cohorts.reduce((s: number, b) => s + b!, 0);
      if (sum > 0) pairs.push({ year: c.year, children: c.value, cohorts: sum });
    }
  }
  return pairs;
}

/**
 * Projects children under 3 at `targetYears` from births (`allBirths`: every known year up to
 * the base year; `trendBirths`: the window the births model is fitted on). Check
 * `cohortObstacle` first.
 */
export function cohortForecast(
  children: readonly YearValue[],
  allBirths: readonly YearValue[],
  trendBirths: readonly YearValue[],
  targetYears: readonly number[],
  modelOptions: Omit<SeriesModelOptions, 'cohortsInValue' | 'noun'>,
): CohortForecast {
  const warnings: ForecastWarning[] = [];
  const pairs = ratioPairs(children, allBirths);
  const ratio =
    pairs.length > 0
      ? pairs.reduce((s, p) => s + p.children, 0) / pairs.reduce((s, p) => s + p.cohorts, 0)
      : 1;
  const ratios = pairs.map((p) => p.children / p.cohorts);
  const ratioSd = ratios.length >= 2 ? sampleSd(ratios) : null;
  if (pairs.length === 0)
    warnings.push({
      code: 'no_births_ratio',
      message:
        'Aucune année où enfants et naissances sont connus ensemble : rapport enfants / naissances pris égal à 1 (ni décès ni migrations).',
    });
  else if (pairs.length === 1)
    warnings.push({
      code: 'single_year_ratio',
      message: `Rapport enfants / naissances estimé sur la seule année ${pairs[0].year} : sa variation n’est pas connue et n’entre pas dans l’intervalle.`,
      years: [pairs[0].year],
    });

  const model = fitSeriesModel(trendBirths, {
    ...modelOptions,
    cohortsInValue: 1,
    noun: 'naissances',
  });
  warnings.push(...model.warnings);

  const known = new Map(allBirths.map((b) => [b.year, b.value]));
  const usedKnown = new Set(trendBirths.map((b) => b.year));
  const future = [...new Set(targetYears.flatMap((y) => BIRTH_LAGS.map((lag) => y - lag)))]
    .filter((y) => !known.has(y))
    .sort((a, b) => a - b);
  const births = model.forecast(future);
  const index = new Map(future.map((y, i) => [y, i]));

  const mean: number[] = [];
  const variance: number[] = [];
  const degreesOfFreedom: number[] = [];
  for (const y of targetYears) {
    let cohorts = 0;
    const projected: number[] = [];
    for (const lag of BIRTH_LAGS) {
      const b = known.get(y - lag);
      if (b !== undefined) {
        cohorts += b;
        usedKnown.add(y - lag);
      } else {
        const i = index.get(y - lag)!;
        cohorts += births.mean[i];
        projected.push(i);
      }
    }
    let birthsVariance = 0;
    for (const i of projected) for (const j of projected) birthsVariance += births.covariance[i][j];
    const parts = [
      { variance: ratio * ratio * birthsVariance, degreesOfFreedom: births.degreesOfFreedom },
      {
        // The ratio of a future year scatters like the observed ones, around an estimated mean.
        variance: ratioSd === null ? 0 : cohorts * cohorts * ratioSd ** 2 * (1 + 1 / ratios.length),
        degreesOfFreedom: ratios.length - 1,
      },
    ];
    mean.push(ratio * cohorts);
    variance.push(parts[0].variance + parts[1].variance);
    degreesOfFreedom.push(combinedDegreesOfFreedom(parts));
  }

  return {
    parameters: {
      ratio,
      ratioYears: pairs.map((p) => p.year),
      ratioSd,
      birthsMethod: model.method,
      birthLags: BIRTH_LAGS,
    },
    birthYears: [...usedKnown].sort((a, b) => a - b),
    mean,
    variance,
    degreesOfFreedom,
    warnings,
  };
}

/** French method text of a cohort projection, without the interval. */
export function cohortText(p: CohortParameters, birthYears: readonly number[]): string {
  const beyond =
    p.birthsMethod.name === 'linear_trend'
      ? 'tendance linéaire au-delà'
      : 'niveau constant au-delà';
  const ratio =
    p.ratioYears.length > 0
      ? `rapport enfants / naissances des 3 années précédentes ${frNumber(p.ratio, 2)} (${frYears(p.ratioYears)})`
      : 'rapport enfants / naissances pris égal à 1';
  return `naissances ${frYears(birthYears)} (${beyond}), ${ratio}`;
}

function sampleSd(xs: readonly number[]): number {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
}
