import series from '../../../../data/national-coverage.json';

/** Which reference a territory is compared with: the national series, or its département's own rate. */
export type ReferenceKind = 'national' | 'departement';

/** The published national breakdown by mode, in places per 100 children under 3. */
export interface NationalBreakdown {
  eajePsu: number;
  eajeHorsPsu: number;
  /** AM at home and in MAM together: the national series does not separate them. */
  am: number;
  homeCare: number;
  preschool: number;
}

/** One published year of the national coverage rate (TCG). */
export interface NationalSeriesEntry {
  year: number;
  /** Places per 100 children under 3, as published (one decimal). */
  rate: number;
  breakdown?: NationalBreakdown;
  source: string;
  url?: string;
  /** Publication date (ISO), when known. */
  published?: string;
  note?: string;
}

/** The national reference for a requested year. */
export interface NationalReference extends NationalSeriesEntry {
  /** The year asked for; `year` is the year of the published figure actually used. */
  requestedYear: number;
  /** True when `year` < `requestedYear`: the latest earlier figure, carried forward. */
  carriedForward: boolean;
}

const BREAKDOWN_KEYS = ['eajePsu', 'eajeHorsPsu', 'am', 'homeCare', 'preschool'] as const;

/**
 * Checks and sorts a national series (as stored in data/national-coverage.json: `{ entries }`
 * or a bare array). Throws a TypeError naming the first bad entry: integer years, once each;
 * positive rates; a source; a breakdown, when given, whose modes add up to the rate (±0.15,
 * since each published figure is rounded to one decimal).
 */
export function parseNationalSeries(raw: unknown): NationalSeriesEntry[] {
  const list = Array.isArray(raw) ? raw : (raw as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(list)) throw new TypeError('National series: expected an array of entries');
  const seen = new Set<number>();
  const entries = list.map((e: Partial<NationalSeriesEntry>, i): NationalSeriesEntry => {
    const where = `National series entry #${i}`;
    if (!Number.isInteger(e?.year)) throw new TypeError(`${where}: year must be an integer`);
    const year = e.year as number;
    if (seen.has(year)) throw new TypeError(`${where}: year ${year} appears twice`);
    seen.add(year);
    if (typeof e.rate !== 'number' || !(e.rate > 0) || !Number.isFinite(e.rate)) {
      throw new TypeError(`${where} (${year}): rate must be a positive number`);
    }
    if (typeof e.source !== 'string' || e.source.trim() === '')
      throw new TypeError(`${where} (${year}): source is required`);
    if (e.breakdown !== undefined) {
      const b = e.breakdown;
      if (!BREAKDOWN_KEYS.every((k) => typeof b?.[k] === 'number' && b[k] >= 0)) {
        throw new TypeError(
          `${where} (${year}): breakdown needs ${BREAKDOWN_KEYS.join(', ')} as numbers >= 0`,
        );
      }
      const sum = BREAKDOWN_KEYS.reduce((s, k) => s + b[k], 0);
      if (Math.abs(sum - e.rate) > 0.15) {
        throw new TypeError(
          `${where} (${year}): breakdown adds up to ${sum.toFixed(2)}, not ${e.rate}`,
        );
      }
    }
    return { ...e, year, rate: e.rate, source: e.source } as NationalSeriesEntry;
  });
  return entries.sort((a, b) => a.year - b.year);
}

/** The series shipped with Berceau (data/national-coverage.json), checked once at load. */
export const NATIONAL_COVERAGE_SERIES: readonly NationalSeriesEntry[] = Object.freeze(
  parseNationalSeries(series),
);

/**
 * The national coverage rate to compare a year with: the published figure of that year, or else
 * the latest published figure before it, flagged `carriedForward` (2024 → the 2023 figure).
 * Null before the first published year (2006): nothing is extrapolated backwards, and no year is
 * interpolated. `entries` defaults to the shipped series (pass another for tests or a local
 * series); it must be sorted by year, as `parseNationalSeries` returns it.
 */
export function nationalReference(
  year: number,
  entries: readonly NationalSeriesEntry[] = NATIONAL_COVERAGE_SERIES,
): NationalReference | null {
  if (!Number.isInteger(year))
    throw new RangeError(`Invalid year: must be an integer (got ${year})`);
  let found: NationalSeriesEntry | undefined;
  for (const e of entries) {
    if (e.year > year) break;
    found = e;
  }
  if (!found) return null;
  return { ...found, requestedYear: year, carriedForward: found.year !== year };
}
