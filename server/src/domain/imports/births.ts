/**
 * INSEE état civil, births by the mother's commune of residence ("naissances domiciliées"), as
 * INSEE's historical series give them: one row per commune, one column per year
 * (`CODGEO;…;NAISD16;NAISD17;…;NAISD24`) → births per commune and year. Pure.
 *
 * National files list every commune: rows of communes not loaded are skipped and counted. A
 * retired code is counted in its current commune (values summed), with a warning.
 */
import { resolveListedCommune, type CommuneReference } from './commune-codes';
import { ProblemLog, type ParseResult } from './report';
import { cell, findColumn, type Table } from './table';
import { parseDecimal } from './values';

export interface BirthsRow {
  communeCode: string;
  year: number;
  births: number;
}

export interface BirthsOptions {
  reference: CommuneReference;
  loadedCommunes: ReadonlySet<string>;
}

export interface BirthsResult extends ParseResult<BirthsRow> {
  skippedNotLoaded: number;
  /** The years read, ascending. */
  years: number[];
}

const YEAR_COLUMN = /^NAISD?(\d{2})$/i;

export function parseBirths(table: Table, options: BirthsOptions): BirthsResult {
  const log = new ProblemLog();
  const codeCol = findColumn(table.columns, ['CODGEO', 'code_insee', 'codgeo', 'com']);
  const yearCols = table.columns
    .map((c) => ({ column: c, m: YEAR_COLUMN.exec(c.trim()) }))
    .filter((x): x is { column: string; m: RegExpExecArray } => x.m !== null)
    .map(({ column, m }) => ({ column, year: 2000 + Number(m[1]) }))
    .sort((a, b) => a.year - b.year);
  const result = (rows: BirthsResult['rows'], skippedNotLoaded = 0): BirthsResult => ({
    rows,
    log,
    rowsRead: table.records.length,
    detected:
      yearCols.length > 0
        ? { years: `${yearCols[0].year}–${yearCols[yearCols.length - 1].year}` }
        : {},
    skippedNotLoaded,
    years: yearCols.map((y) => y.year),
  });
  if (codeCol === null) log.fileError(`no CODGEO column (found ${table.columns.join(', ')})`);
  if (yearCols.length === 0)
    log.fileError('no births column: expected NAISD{yy} (e.g. NAISD23 for the births of 2023)');
  if (codeCol === null || yearCols.length === 0) return result([]);

  const byKey = new Map<string, { row: number; value: BirthsRow }>();
  const direct = new Map<string, number>();
  let skipped = 0;
  for (const r of table.records) {
    const raw = cell(r, codeCol);
    const listed = resolveListedCommune(raw, { row: r.row, column: codeCol }, options, log);
    if (listed.status === 'not_loaded') skipped++;
    if (listed.status !== 'loaded') continue;
    if (listed.direct) {
      const before = direct.get(listed.code);
      if (before !== undefined) {
        log.error(
          r.row,
          codeCol,
          raw,
          `duplicate: commune ${listed.code} already on row ${before}`,
        );
        continue;
      }
      direct.set(listed.code, r.row);
    }
    const values: BirthsRow[] = [];
    for (const { column, year } of yearCols) {
      const rawValue = cell(r, column);
      const births = parseDecimal(rawValue);
      // INSEE leaves a year empty where the commune did not exist yet: no figure, not zero.
      if (births === null) continue;
      if (Number.isNaN(births) || births < 0 || !Number.isInteger(births)) {
        log.error(r.row, column, rawValue, 'births must be a whole number, 0 or more');
        continue;
      }
      values.push({ communeCode: listed.code, year, births });
    }
    if (log.isRejected(r.row)) continue;
    for (const v of values) {
      const key = `${v.communeCode}:${v.year}`;
      const existing = byKey.get(key);
      // A retired code and its current commune both listed: their births add up.
      if (existing) existing.value.births += v.births;
      else byKey.set(key, { row: r.row, value: v });
    }
  }
  return result([...byKey.values()], skipped);
}
