/**
 * The three CSV files of the `access` command, read as French files come (`,` or `;`, decimal
 * commas, UTF-8 with or without BOM, or Latin-1: the import readers) and checked row by row.
 * A problem is reported as one line naming the file, the row (the header is row 1) and the
 * column, with the count of further problems in the same file.
 */
import { findColumn, cell, type Table } from '../../domain/imports/table';
import { parseDecimal } from '../../domain/imports/values';
import { readCsv } from '../imports/text-file';

export class AccessFileError extends Error {}

/** Ids in file order, their values, and each id's index. */
export interface IdValues {
  ids: string[];
  values: Float64Array;
  index: Map<string, number>;
  /** File row of each id, for messages. */
  rows: Int32Array;
}

export interface CostRows {
  origin: Int32Array;
  destination: Int32Array;
  cost: Float64Array;
}

interface Problem {
  row: number | null;
  column: string | null;
  reason: string;
}

function fail(file: string, problems: Problem[]): never {
  const [first] = problems;
  const where =
    first.row === null
      ? file
      : `${file} row ${first.row}${first.column === null ? '' : `, column ${first.column}`}`;
  const more =
    problems.length > 1
      ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''} in this file)`
      : '';
  throw new AccessFileError(`${where}: ${first.reason}${more}`);
}

/** The table of a CSV file, or its first problem (unreadable, empty, ragged rows). */
function table(bytes: Uint8Array, file: string): Table {
  const { table, log, detected } = readCsv(bytes);
  const errors = log.problems.filter((p) => p.severity === 'error');
  const hint =
    detected.separator === 'comma (,)'
      ? ': a decimal comma in a comma-separated file must be quoted ("20,5"), or separate the file by ;'
      : '';
  if (errors.length > 0)
    fail(
      file,
      errors.map((p) => ({
        row: p.row,
        column: null,
        reason: p.row === null ? p.reason : p.reason + hint,
      })),
    );
  if (table.records.length === 0) fail(file, [{ row: null, column: null, reason: 'no data row' }]);
  return table;
}

/** Each wanted column by name (case-insensitive), or the header problem. */
function columns(t: Table, file: string, wanted: readonly (readonly string[])[]): string[] {
  const found = wanted.map((names) => findColumn(t.columns, names));
  const missing = wanted.filter((_, k) => found[k] === null).map((names) => `"${names[0]}"`);
  if (missing.length > 0)
    fail(file, [
      {
        row: 1,
        column: null,
        reason: `missing column ${missing.join(' and ')} (the header has: ${t.columns.join(', ')})`,
      },
    ]);
  return found as string[];
}

/** A number ≥ 0 from a cell ("12", "12,5", "1 234"), or the reason it is not one. */
function amount(raw: string): number | string {
  const v = parseDecimal(raw);
  if (v === null) return 'missing value';
  if (Number.isNaN(v)) return `"${raw}" is not a number`;
  if (!Number.isFinite(v)) return `"${raw}" is not a finite number`;
  if (v < 0) return `must be ≥ 0 (got ${raw})`;
  return v;
}

/** A demand or supply file: `id,value`, unique ids, values ≥ 0. */
export function readIdValues(bytes: Uint8Array, file: string): IdValues {
  const t = table(bytes, file);
  const [idColumn, valueColumn] = columns(t, file, [['id'], ['value']]);
  const problems: Problem[] = [];
  const ids: string[] = [];
  const values: number[] = [];
  const rows: number[] = [];
  const index = new Map<string, number>();
  for (const record of t.records) {
    const id = cell(record, idColumn);
    const value = amount(cell(record, valueColumn));
    if (id === '') problems.push({ row: record.row, column: idColumn, reason: 'missing id' });
    else if (index.has(id))
      problems.push({
        row: record.row,
        column: idColumn,
        reason: `duplicate id "${id}" (first at row ${rows[index.get(id)!]})`,
      });
    if (typeof value === 'string')
      problems.push({ row: record.row, column: valueColumn, reason: value });
    if (problems.length > 0) continue;
    index.set(id, ids.length);
    ids.push(id);
    values.push(value as number);
    rows.push(record.row);
  }
  if (problems.length > 0) fail(file, problems);
  return { ids, values: Float64Array.from(values), index, rows: Int32Array.from(rows) };
}

/**
 * A cost file: `origin,destination,cost` (or `minutes`, as `travel-matrix` writes it), origins
 * among the demand ids, destinations among the supply ids, costs ≥ 0, each pair once.
 */
export function readCosts(
  bytes: Uint8Array,
  file: string,
  demand: IdValues & { file: string },
  supply: IdValues & { file: string },
): CostRows {
  const t = table(bytes, file);
  const [originColumn, destinationColumn, costColumn] = columns(t, file, [
    ['origin'],
    ['destination'],
    ['cost', 'minutes'],
  ]);
  const n = t.records.length;
  const origin = new Int32Array(n);
  const destination = new Int32Array(n);
  const cost = new Float64Array(n);
  const firstRow = new Map<number, number>();
  const problems: Problem[] = [];
  t.records.forEach((record, k) => {
    const o = cell(record, originColumn);
    const d = cell(record, destinationColumn);
    const i = demand.index.get(o);
    const j = supply.index.get(d);
    const c = amount(cell(record, costColumn));
    const before = problems.length;
    if (i === undefined)
      problems.push({
        row: record.row,
        column: originColumn,
        reason:
          o === '' ? 'missing id' : `unknown id "${o}" (not in the demand file ${demand.file})`,
      });
    if (j === undefined)
      problems.push({
        row: record.row,
        column: destinationColumn,
        reason:
          d === '' ? 'missing id' : `unknown id "${d}" (not in the supply file ${supply.file})`,
      });
    if (typeof c === 'string') problems.push({ row: record.row, column: costColumn, reason: c });
    if (problems.length > before) return;
    const key = i! * supply.ids.length + j!;
    const seen = firstRow.get(key);
    if (seen !== undefined) {
      problems.push({
        row: record.row,
        column: null,
        reason: `the pair ${o} → ${d} is given twice (first at row ${seen})`,
      });
      return;
    }
    firstRow.set(key, record.row);
    origin[k] = i!;
    destination[k] = j!;
    cost[k] = c as number;
  });
  if (problems.length > 0) fail(file, problems);
  return { origin, destination, cost };
}
