/**
 * Caf open-data coverage files → published figures, one row per (level, code, year, measure).
 * Recognised: `txcouv_pe_{com,epci,dep,reg,nat}` (rates), `nbpla_pe_{…}` (places) and the older
 * `TAUXCOUV20xx.csv` (`NUM_COM;NOM_COM;NUM_EPCI;…;tauxcouv_com`). Pure.
 */
import { ProblemLog, type ParseResult } from './report';
import { cell, findColumn, type Table } from './table';
import { parseDecimal } from './values';

export type CafLevel = 'commune' | 'epci' | 'departement' | 'region' | 'national';

export interface CafFigure {
  level: CafLevel;
  code: string;
  year: number;
  name: string | null;
  /** Column stem without the level suffix, lower case: 'txcouv', 'txcouv_eaje', 'pl_am_ind', 'tot_offre'. */
  measure: string;
  value: number;
}

const SUFFIX: Record<string, CafLevel> = {
  com: 'commune',
  epci: 'epci',
  dep: 'departement',
  reg: 'region',
  nat: 'national',
};
const KEYS: Record<CafLevel, { code: string[]; name: string[] }> = {
  commune: { code: ['numcom', 'num_com', 'codgeo'], name: ['nomcom', 'nom_com'] },
  epci: { code: ['numepci', 'num_epci'], name: ['nomepci', 'nom_epci'] },
  departement: { code: ['numdep', 'num_dep'], name: ['nomdep', 'nom_dep'] },
  region: { code: ['numreg', 'num_reg'], name: ['nomreg', 'nom_reg'] },
  national: { code: [], name: [] },
};
const MEASURE = /^(txcouv|tauxcouv|pl|tot_offre|nb)(_[a-z_]+?)?_(com|epci|dep|reg|nat)$/i;
/** Placeholder codes the Caf uses for rows that are not a territory. */
const PLACEHOLDER = /^X+$/i;

export interface CafOptions {
  /** Year when the file has no `annee` column (TAUXCOUV2020.csv: from the file name). */
  year: number | null;
}

export function parseCafCoverage(
  table: Table,
  options: CafOptions,
): ParseResult<CafFigure> & { placeholders: number } {
  const log = new ProblemLog();
  const measures = table.columns
    .map((column) => ({ column, m: MEASURE.exec(column.trim()) }))
    .filter(
      (x): x is { column: string; m: RegExpExecArray } =>
        x.m !== null && !/^(num|nom)/i.test(x.column),
    )
    .map(({ column, m }) => ({
      column,
      level: SUFFIX[m[3].toLowerCase()],
      measure: `${m[1].toLowerCase() === 'tauxcouv' ? 'txcouv' : m[1].toLowerCase()}${(m[2] ?? '').toLowerCase()}`,
    }));
  const yearCol = findColumn(table.columns, ['annee', 'année', 'year']);
  const empty = { rows: [], log, rowsRead: table.records.length, detected: {}, placeholders: 0 };
  if (measures.length === 0) {
    log.fileError(
      `no coverage column (txcouv_*, pl_*, tot_offre_*, tauxcouv_*): found ${table.columns.join(', ')}`,
    );
    return empty;
  }
  if (!yearCol && options.year === null) {
    log.fileError('no "annee" column: give the year with --year');
    return empty;
  }
  const keyCols = new Map<CafLevel, { code: string | null; name: string | null }>();
  for (const level of new Set(measures.map((m) => m.level))) {
    const code = level === 'national' ? null : findColumn(table.columns, KEYS[level].code);
    if (level !== 'national' && code === null) {
      log.fileError(`${level} figures without a ${KEYS[level].code[0]} column`);
      return empty;
    }
    keyCols.set(level, { code, name: findColumn(table.columns, KEYS[level].name) });
  }
  const figures = new Map<string, { row: number; value: CafFigure }>();
  let placeholders = 0;
  for (const r of table.records) {
    let year = options.year;
    if (yearCol) {
      const raw = cell(r, yearCol);
      const y = Number(raw);
      if (!/^\d{4}$/.test(raw) || y < 2000 || y > 2100) {
        log.error(r.row, yearCol, raw, 'not a year');
        continue;
      }
      year = y;
    }
    for (const m of measures) {
      const keys = keyCols.get(m.level)!;
      const code = keys.code === null ? 'FR' : cell(r, keys.code);
      if (keys.code !== null && (code === '' || PLACEHOLDER.test(code))) {
        if (m === measures.find((x) => x.level === m.level)) placeholders++;
        continue;
      }
      const raw = cell(r, m.column);
      if (raw === '' || /^(nd|n\.d\.|s|secret|-)$/i.test(raw)) continue; // not published (secret or missing)
      const value = parseDecimal(raw);
      if (value === null || Number.isNaN(value) || value < 0) {
        log.error(r.row, m.column, raw, 'not a non-negative number');
        continue;
      }
      const key = `${m.level}|${code}|${year}|${m.measure}`;
      const existing = figures.get(key);
      if (existing) {
        // Older files repeat the EPCI and département figures on every commune row.
        if (Math.abs(existing.value.value - value) > 1e-9)
          log.warning(
            r.row,
            m.column,
            raw,
            `differs from row ${existing.row} for the same ${m.level} ${code} (${existing.value.value}): first kept`,
          );
        continue;
      }
      figures.set(key, {
        row: r.row,
        value: {
          level: m.level,
          code,
          year: year!,
          name: keys.name ? cell(r, keys.name) || null : null,
          measure: m.measure,
          value,
        },
      });
    }
  }
  const levels = [...new Set(measures.map((m) => m.level))].join(', ');
  return {
    rows: [...figures.values()].filter((f) => !log.isRejected(f.row)),
    log,
    rowsRead: table.records.length,
    detected: { measures: `${new Set(measures.map((m) => m.measure)).size} (${levels})` },
    placeholders,
  };
}
