/**
 * INSEE *base-cc-evol-struct-pop* (`CODGEO;P21_POP;P21_POP0002;…`) → children under 3 (ages
 * 0-2) and total population per commune for the census year of the column prefix. Pure.
 *
 * National files list every commune: rows of communes not loaded are skipped and counted, not
 * rejected. Retired codes are attached to their current commune (values summed) with a warning.
 */
import { resolveListedCommune, type CommuneReference } from './commune-codes';
import { ProblemLog, type ParseResult } from './report';
import { cell, findColumn, type Table } from './table';
import { parseDecimal } from './values';

export interface PopulationRow {
  communeCode: string;
  year: number;
  childrenUnder3: number;
  total: number | null;
}

export interface PopulationOptions {
  reference: CommuneReference;
  /** Communes loaded in the database: only those get population rows. */
  loadedCommunes: ReadonlySet<string>;
  /** Census year wanted; null = the latest prefix found in the file. */
  year: number | null;
}

export interface PopulationResult extends ParseResult<PopulationRow> {
  /** Rows of valid communes that are not loaded (a national file on one département). */
  skippedNotLoaded: number;
}

const CHILDREN = /^P(\d{2})_POP0002$/i;

export function parsePopulation(table: Table, options: PopulationOptions): PopulationResult {
  const log = new ProblemLog();
  const codeCol = findColumn(table.columns, ['CODGEO', 'code_insee', 'codgeo', 'com']);
  const prefixes = table.columns
    .map((c) => CHILDREN.exec(c.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ column: m[0], year: 2000 + Number(m[1]) }));
  const result = (
    rows: PopulationResult['rows'],
    detected: Record<string, string>,
    skippedNotLoaded = 0,
  ): PopulationResult => ({
    rows,
    log,
    rowsRead: table.records.length,
    detected,
    skippedNotLoaded,
  });
  if (codeCol === null) log.fileError(`no CODGEO column (found ${table.columns.join(', ')})`);
  if (prefixes.length === 0)
    log.fileError('no children-under-3 column: expected P{yy}_POP0002 (e.g. P21_POP0002)');
  if (codeCol === null || prefixes.length === 0) return result([], {});
  prefixes.sort((a, b) => b.year - a.year);
  const chosen =
    options.year === null ? prefixes[0] : prefixes.find((p) => p.year === options.year);
  if (!chosen) {
    log.fileError(
      `no column for census year ${options.year}: the file has ${prefixes.map((p) => `${p.column} (${p.year})`).join(', ')}`,
    );
    return result([], {});
  }
  const prefix = chosen.column.slice(0, 4); // 'P21_'
  const totalCol = findColumn(table.columns, [`${prefix}POP`]);
  const detected = {
    census: `${chosen.year} (${chosen.column}${totalCol ? `, ${totalCol}` : ''})`,
  };

  const byCommune = new Map<string, { row: number; value: PopulationRow }>();
  const direct = new Map<string, number>();
  let skipped = 0;
  for (const r of table.records) {
    const raw = cell(r, codeCol);
    const listed = resolveListedCommune(raw, { row: r.row, column: codeCol }, options, log);
    if (listed.status === 'not_loaded') skipped++;
    if (listed.status !== 'loaded') continue;
    const code = listed.code;
    const rawChildren = cell(r, chosen.column);
    const children = parseDecimal(rawChildren);
    if (children === null || Number.isNaN(children) || children < 0) {
      log.error(
        r.row,
        chosen.column,
        rawChildren,
        children === null ? 'missing value' : 'not a non-negative number',
      );
      continue;
    }
    let total: number | null = null;
    if (totalCol) {
      const rawTotal = cell(r, totalCol);
      const t = parseDecimal(rawTotal);
      if (t !== null && (Number.isNaN(t) || t < 0))
        log.warning(r.row, totalCol, rawTotal, 'not a non-negative number: total left empty');
      else total = t;
      if (t !== null && !Number.isNaN(t) && children > t)
        log.warning(
          r.row,
          chosen.column,
          rawChildren,
          `more children under 3 than inhabitants (${t})`,
        );
    }
    if (listed.direct) {
      const before = direct.get(code);
      if (before !== undefined) {
        log.error(r.row, codeCol, raw, `duplicate: commune ${code} already on row ${before}`);
        continue;
      }
      direct.set(code, r.row);
    }
    const existing = byCommune.get(code);
    if (existing) {
      // A retired code and its current commune both listed: their values add up.
      existing.value.childrenUnder3 += children;
      existing.value.total =
        existing.value.total === null || total === null ? null : existing.value.total + total;
      continue;
    }
    byCommune.set(code, {
      row: r.row,
      value: { communeCode: code, year: chosen.year, childrenUnder3: children, total },
    });
  }
  const rows = [...byCommune.values()].map(({ row, value }) => ({ row, value }));
  return result(rows, detected, skipped);
}
