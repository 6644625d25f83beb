/**
 * INSEE Filosofi "données carroyées" (200 m cells): the columns of each vintage, what a cell id
 * says, and one record read into a cell. Pure.
 *
 * A cell id encodes its CRS, size and south-west corner: `CRS3035RES200mN2029800E4252400` is the
 * 200 m square of EPSG:3035 (ETRS89-LAEA) whose south-west corner is x = 4,252,400 m (east),
 * y = 2,029,800 m (north). The overseas files name their local CRS the same way.
 */
import { normaliseCommuneCode } from './commune-codes';
import type { ProblemLog } from './report';
import { findColumn } from './table';
import { parseDecimal } from './values';

/** The columns one vintage of the file uses (names as written in the file). */
export interface FilosofiLayout {
  /** 'Filosofi 2019 (idcar_200m, lcog_geo, ind_0_3)'… printed in the summary. */
  label: string;
  id: string;
  /** Commune code(s) of the cell: `lcog_geo` (several codes run together) or `Depcom` (one). */
  communes: string;
  /** Children aged 0 to 3 (four years of age). */
  children: string;
  /** Inhabitants: the shape used when a commune's cells hold no child aged 0 to 3. */
  people: string | null;
  /** 1 when INSEE imputed the cell's values (`i_est_200`, 2015: `I_est_cr`). */
  imputed: string | null;
}

/** The layout of a header, or the reason none fits (naming what is missing). */
export function filosofiLayout(columns: readonly string[]): FilosofiLayout | { error: string } {
  const id = findColumn(columns, ['idcar_200m', 'IdINSPIRE']);
  const communes = findColumn(columns, ['lcog_geo', 'Depcom']);
  const children = findColumn(columns, ['ind_0_3']);
  const missing = [
    id ? null : 'idcar_200m (2015: IdINSPIRE)',
    communes ? null : 'lcog_geo (2015: Depcom)',
    children ? null : 'ind_0_3',
  ].filter((m): m is string => m !== null);
  if (missing.length > 0)
    return {
      error: `not a Filosofi 200 m grid: no column ${missing.join(', ')} (found ${columns.slice(0, 12).join(', ')}${columns.length > 12 ? '…' : ''})`,
    };
  const vintage =
    id === 'IdINSPIRE' || /^idinspire$/i.test(id!)
      ? '2015'
      : id === 'Idcar_200m' || findColumn(columns, ['Groupe']) !== null
        ? '2017'
        : '2019';
  return {
    label: `Filosofi ${vintage} layout (${id}, ${communes}, ${children})`,
    id: id!,
    communes: communes!,
    children: children!,
    people: findColumn(columns, ['ind']),
    imputed: findColumn(columns, ['i_est_200', 'I_est_cr']),
  };
}

/** A square cell of a metric CRS: EPSG code, side in metres, south-west corner in metres. */
export interface CellSquare {
  srid: number;
  sizeM: number;
  eastM: number;
  northM: number;
}

const CELL_ID = /^CRS(\d{4,5})RES(\d+)mN(\d+)E(\d+)$/i;

/** Read a cell id such as `CRS3035RES200mN2029800E4252400`. */
export function parseCellId(raw: string): CellSquare | { error: string } {
  const m = CELL_ID.exec(raw.trim());
  if (!m)
    return {
      error: 'not a cell id such as CRS3035RES200mN2029800E4252400 (CRS, size, north, east)',
    };
  const sizeM = Number(m[2]);
  if (sizeM <= 0) return { error: 'a cell must have a positive size' };
  return { srid: Number(m[1]), sizeM, northM: Number(m[3]), eastM: Number(m[4]) };
}

/** The id of a square, in INSEE's form (estimated cells use it too, with their own CRS). */
export function cellIdOf(square: CellSquare): string {
  return `CRS${square.srid}RES${square.sizeM}mN${square.northM}E${square.eastM}`;
}

/**
 * The commune codes of a cell: `lcog_geo` runs 5-character codes together ("1803318004" for a
 * cell on the line between Bourges and Allogny); separators, if any, are ignored.
 */
export function splitCommuneCodes(raw: string): string[] | { error: string } {
  const s = raw.replace(/[\s,;|/]+/g, '').toUpperCase();
  if (s === '') return { error: 'no commune code' };
  if (s.length % 5 !== 0 || !/^[0-9AB]+$/.test(s))
    return { error: 'not INSEE commune codes (5 characters each, run together in lcog_geo)' };
  const codes: string[] = [];
  for (let i = 0; i < s.length; i += 5) {
    const n = normaliseCommuneCode(s.slice(i, i + 5));
    if ('error' in n) return { error: n.error };
    if (!codes.includes(n.code)) codes.push(n.code);
  }
  return codes;
}

/** One record of the file, read. */
export interface FilosofiCell {
  row: number;
  cellId: string;
  square: CellSquare;
  children: number;
  /** null when the file has no `ind` column. */
  people: number | null;
  imputed: boolean;
}

/**
 * Read the values of one relevant record (its communes already read): id, children, people,
 * imputation flag. Problems go to `log` with the row and column; null when the row is rejected.
 */
export function readFilosofiCell(
  layout: FilosofiLayout,
  value: (column: string) => string,
  row: number,
  log: ProblemLog,
): FilosofiCell | null {
  const rawId = value(layout.id).trim();
  const square = parseCellId(rawId);
  if ('error' in square) {
    log.error(row, layout.id, rawId, square.error);
    return null;
  }
  const rawChildren = value(layout.children);
  const children = parseDecimal(rawChildren);
  if (children === null || Number.isNaN(children) || children < 0) {
    log.error(
      row,
      layout.children,
      rawChildren,
      children === null ? 'missing value' : 'not a non-negative number',
    );
    return null;
  }
  let people: number | null = null;
  if (layout.people) {
    const raw = value(layout.people);
    const n = parseDecimal(raw);
    if (n !== null && (Number.isNaN(n) || n < 0)) {
      log.error(row, layout.people, raw, 'not a non-negative number');
      return null;
    }
    people = n;
  }
  let imputed = false;
  if (layout.imputed) {
    const raw = value(layout.imputed).trim().replace(/^"|"$/g, '');
    if (raw !== '' && raw !== '0' && raw !== '1') {
      log.error(row, layout.imputed, raw, 'imputation flag must be 0 or 1');
      return null;
    }
    imputed = raw === '1';
  }
  return { row, cellId: cellIdOf(square), square, children, people, imputed };
}
