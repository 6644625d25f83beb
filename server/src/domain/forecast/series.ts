import { frYears } from './format';
import type { ForecastWarning, YearValue } from './types';

/**
 * Reads one yearly series from rows such as `{ year, childrenUnder3 }` or `{ year, births }`,
 * checking every row: an integer year, a finite value ≥ 0, no year twice. Throws a RangeError
 * naming the list, the row and the field (`childrenUnder3[2].year`). Returns the points sorted
 * by year.
 */
export function readSeries<K extends string>(
  rows: readonly ({ year: number } & Record<K, number>)[],
  list: string,
  field: K,
): YearValue[] {
  if (!Array.isArray(rows)) throw new RangeError(`Invalid forecast input: ${list} must be a list`);
  const seen = new Map<number, number>();
  const points: YearValue[] = [];
  rows.forEach((row, i) => {
    const year = row?.year;
    const value = row?.[field];
    if (!Number.isInteger(year))
      throw new RangeError(
        `Invalid forecast input: ${list}[${i}].year must be an integer (got ${String(year)})`,
      );
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new RangeError(
        `Invalid forecast input: ${list}[${i}].${field} must be a finite number >= 0 (got ${String(value)})`,
      );
    const before = seen.get(year);
    if (before !== undefined)
      throw new RangeError(
        `Invalid forecast input: ${list}[${i}].year ${year} appears twice (also ${list}[${before}])`,
      );
    seen.set(year, i);
    points.push({ year, value });
  });
  return points.sort((a, b) => a.year - b.year);
}

/**
 * The points a projection from `baseYear` may use: those of `baseYear` or before (later ones
 * are ignored, which lets a projection be replayed as of a past year), and of the last
 * `windowYears` years up to the last point (an old trend says little about the next five years).
 */
export function pointsUpTo(
  points: readonly YearValue[],
  baseYear: number,
  windowYears: number,
): YearValue[] {
  const known = points.filter((p) => p.year <= baseYear);
  if (known.length === 0) return [];
  const last = known[known.length - 1].year;
  return known.filter((p) => p.year > last - windowYears);
}

/** A warning listing the missing years inside the series, if any. */
export function gapWarning(points: readonly YearValue[]): ForecastWarning | null {
  const missing: number[] = [];
  for (let i = 1; i < points.length; i++)
    for (let y = points[i - 1].year + 1; y < points[i].year; y++) missing.push(y);
  if (missing.length === 0) return null;
  return {
    code: 'gap',
    message: `Années manquantes dans la série : ${missing.join(', ')} (la tendance est ajustée sur les années connues).`,
    years: missing,
  };
}

/** The years of the points, for display and for the `seriesYears` of a projection. */
export function yearsOf(points: readonly YearValue[]): number[] {
  return points.map((p) => p.year);
}

/** "2019–2024" for the years of the points. */
export function spanOf(points: readonly YearValue[]): string {
  return frYears(yearsOf(points));
}
