/**
 * The three CSV files of the `access` command, read as French files come (`,` or `;`, decimal
 * commas, UTF-8 with or without BOM, or Latin-1: the import readers) and checked row by row.
 * A problem is reported as one line naming the file, the row (the header is row 1) and the
 * column, with the count of further problems in the same file. The cost file, which may hold
 * millions of rows, is read record by record into typed arrays (no object per row).
 */
import { parse } from 'csv-parse/sync';
import { findColumn, cell, type Table } from '../../domain/imports/table';
import { parseDecimal } from '../../domain/imports/values';
import { decodeText, detectDelimiter, readCsv } from '../../kernel/text-file';

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

const COMMA_HINT =
  ': a decimal comma in a comma-separated file must be quoted ("20,5"), or separate the file by ;';

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
  const hint = detected.separator === 'comma (,)' ? COMMA_HINT : '';
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
  const { text } = decodeText(bytes);
  const separator = detectDelimiter(text);
  if ('error' in separator) fail(file, [{ row: null, column: null, reason: separator.error }]);
  const { delimiter } = separator;
  const problems: Problem[] = [];
  let header: string[] | null = null;
  let originAt = -1;
  let destinationAt = -1;
  let costAt = -1;
  let n = 0;
  let origin = new Int32Array(1024);
  let destination = new Int32Array(1024);
  let cost = new Float64Array(1024);
  const firstRow = new Map<number, number>();
  const nS = supply.ids.length;

  const onRecord = (record: string[], row: number): void => {
    if (header === null) {
      header = record.map((c) => c.trim());
      const t = { columns: header, records: [] };
      [originAt, destinationAt, costAt] = columns(t, file, [
        ['origin'],
        ['destination'],
        ['cost', 'minutes'],
      ]).map((name) => header!.indexOf(name));
      return;
    }
    const width = header.length;
    if (record.length !== width && record.slice(width).some((v) => v.trim() !== '')) {
      problems.push({
        row,
        column: null,
        reason:
          `${record.length} fields where the header has ${width} (separator inside a value, or a different separator?)` +
          (delimiter === ',' ? COMMA_HINT : ''),
      });
      return;
    }
    const o = (record[originAt] ?? '').trim();
    const d = (record[destinationAt] ?? '').trim();
    const i = demand.index.get(o);
    const j = supply.index.get(d);
    const c = amount(record[costAt] ?? '');
    const before = problems.length;
    if (i === undefined)
      problems.push({
        row,
        column: header[originAt],
        reason:
          o === '' ? 'missing id' : `unknown id "${o}" (not in the demand file ${demand.file})`,
      });
    if (j === undefined)
      problems.push({
        row,
        column: header[destinationAt],
        reason:
          d === '' ? 'missing id' : `unknown id "${d}" (not in the supply file ${supply.file})`,
      });
    if (typeof c === 'string') problems.push({ row, column: header[costAt], reason: c });
    if (problems.length > before) return;
    const key = i! * nS + j!;
    const seen = firstRow.get(key);
    if (seen !== undefined) {
      problems.push({
        row,
        column: null,
        reason: `the pair ${o} → ${d} is given twice (first at row ${seen})`,
      });
      return;
    }
    firstRow.set(key, row);
    if (n === cost.length) {
      origin = grow(origin);
      destination = grow(destination);
      cost = grow(cost);
    }
    origin[n] = i!;
    destination[n] = j!;
    cost[n] = c as number;
    n++;
  };

  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      bom: true,
      // Each record is used and dropped: nothing is kept per row but three numbers.
      on_record: (record: string[], context) => {
        onRecord(record, context.lines);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof AccessFileError) throw error;
    fail(file, [
      { row: null, column: null, reason: `unreadable CSV: ${(error as Error).message}` },
    ]);
  }
  if (header === null) fail(file, [{ row: null, column: null, reason: 'the file is empty' }]);
  if (problems.length > 0) fail(file, problems);
  if (n === 0) fail(file, [{ row: null, column: null, reason: 'no data row' }]);
  return {
    origin: origin.subarray(0, n),
    destination: destination.subarray(0, n),
    cost: cost.subarray(0, n),
  };
}

function grow<T extends Int32Array | Float64Array>(a: T): T {
  const bigger = new (a.constructor as { new (n: number): T })(a.length * 2);
  bigger.set(a);
  return bigger;
}
