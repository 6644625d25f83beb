/**
 * Reading French CSV files as they come: UTF-8 with or without a BOM, or Windows-1252 /
 * Latin-1; `;`, `,`, tab or `|` separated. Both are detected and reported, never guessed
 * silently: the summary says what was found, and a non-UTF-8 file is a warning.
 */
import { parse } from 'csv-parse/sync';
import { ProblemLog } from '../domain/imports/report';
import type { Table } from '../domain/imports/table';

/** The file cannot be read as the kind expects (not JSON, not a zip, unknown projection…). */
export class FileFormatError extends Error {}

export interface DecodedText {
  text: string;
  /** 'UTF-8', 'UTF-8 (BOM)', 'UTF-16LE (BOM)', 'Windows-1252'. */
  encoding: string;
}

/** Decode bytes: a BOM decides; else strict UTF-8; else Windows-1252 (a superset of Latin-1 for text). */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 (BOM)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return {
      text: new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      encoding: 'UTF-16LE (BOM)',
    };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return {
      text: new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      encoding: 'UTF-16BE (BOM)',
    };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

const CANDIDATES = [';', ',', '\t', '|'] as const;
const NAMES: Record<string, string> = {
  ';': 'semicolon (;)',
  ',': 'comma (,)',
  '\t': 'tab',
  '|': 'pipe (|)',
};

/** The first `max` records of a CSV text (quotes may span lines), for detection only. */
function firstRecords(text: string, max: number): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length && out.length < max; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      out.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (out.length < max && start < text.length) out.push(text.slice(start));
  return out.filter((l) => l.trim() !== '');
}

/** Occurrences of `ch` outside double quotes in one record. */
function countOutsideQuotes(record: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of record) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/**
 * The separator: the candidate found on the header that splits the first records into the same
 * number of fields. An error (for the report) when none is consistent.
 */
export function detectDelimiter(text: string): { delimiter: string } | { error: string } {
  const lines = firstRecords(text, 20);
  if (lines.length === 0) return { error: 'the file is empty' };
  const scored = CANDIDATES.map((d) => {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const header = counts[0];
    const consistent = counts.filter((c) => c === header).length;
    return { d, header, consistent };
  }).filter((s) => s.header > 0);
  if (scored.length === 0) return { delimiter: ';' }; // a single column
  scored.sort((a, b) => b.consistent - a.consistent || b.header - a.header);
  const best = scored[0];
  if (best.consistent * 2 <= lines.length) {
    const rows = lines.slice(1);
    const other = CANDIDATES.find(
      (d) =>
        d !== best.d &&
        rows.length > 0 &&
        rows.every(
          (l) =>
            countOutsideQuotes(l, d) === countOutsideQuotes(rows[0], d) &&
            countOutsideQuotes(l, d) > 0,
        ),
    );
    if (other && countOutsideQuotes(lines[0], other) === 0)
      return {
        error: `the header is separated by ${NAMES[best.d]} but the rows by ${NAMES[other]}: use one separator`,
      };
    return {
      error: `could not detect the separator: the first lines do not split into a constant number of fields with ${scored
        .map((s) => NAMES[s.d])
        .join(' or ')}`,
    };
  }
  return { delimiter: best.d };
}

export interface CsvRead {
  table: Table;
  log: ProblemLog;
  detected: Record<string, string>;
}

/**
 * Bytes of a CSV file → a table keyed by header, with file line numbers. Rows whose field count
 * differs from the header's are errors (usually a separator inside an unquoted value).
 */
export function readCsv(bytes: Uint8Array, redactedColumns: string[] = []): CsvRead {
  const log = new ProblemLog(redactedColumns);
  const { text, encoding } = decodeText(bytes);
  const detected: Record<string, string> = { encoding };
  if (encoding === 'Windows-1252')
    log.warning(
      null,
      null,
      null,
      'the file is not UTF-8: read as Windows-1252 (Latin-1); check accented names',
    );
  if (text.includes('\ufffd'))
    log.warning(
      null,
      null,
      null,
      'the file contains replacement characters (\ufffd): it was damaged by a wrong encoding before',
    );
  const sep = detectDelimiter(text);
  if ('error' in sep) {
    log.fileError(sep.error);
    return { table: { columns: [], records: [] }, log, detected };
  }
  detected.separator = NAMES[sep.delimiter];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: sep.delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      bom: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    log.fileError(`unreadable CSV: ${(error as Error).message}`);
    return { table: { columns: [], records: [] }, log, detected };
  }
  if (records.length === 0) {
    log.fileError('the file is empty');
    return { table: { columns: [], records: [] }, log, detected };
  }
  const columns = records[0].record.map((c) => c.trim());
  const dup = columns.find((c, i) => c !== '' && columns.indexOf(c) !== i);
  if (dup) log.warning(1, dup, dup, 'column appears twice in the header: the first is used');
  const out: Table['records'] = [];
  for (let i = 1; i < records.length; i++) {
    const { record, info } = records[i];
    if (
      record.length !== columns.length &&
      !(
        record.length > columns.length && record.slice(columns.length).every((v) => v.trim() === '')
      )
    ) {
      log.error(
        info.lines,
        null,
        redactedColumns.length > 0 ? null : record.join(sep.delimiter).slice(0, 80),
        `${record.length} fields where the header has ${columns.length} (separator inside a value, or a different separator?)`,
      );
      continue;
    }
    const values: Record<string, string> = {};
    for (let j = columns.length - 1; j >= 0; j--) values[columns[j]] = record[j] ?? '';
    out.push({ row: info.lines, values });
  }
  return { table: { columns, records: out }, log, detected };
}

/** `readCsv`, but a file that cannot be read as a table at all is a FileFormatError. */
export function readCsvTable(bytes: Uint8Array, redactedColumns: string[] = []): CsvRead {
  const csv = readCsv(bytes, redactedColumns);
  const fatal = csv.log.problems.find((p) => p.severity === 'error' && p.row === null);
  if (fatal) throw new FileFormatError(fatal.reason);
  return csv;
}
