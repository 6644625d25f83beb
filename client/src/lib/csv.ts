import { csvNumber } from './format';

/**
 * CSV that French Excel opens correctly: UTF-8 with a byte-order mark, `;` between fields,
 * decimal commas, CRLF line ends; fields quoted when they hold `;`, quotes or line breaks.
 */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

export const BOM = '\uFEFF';

/**
 * Text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return
 * first) gets a leading apostrophe, shown as text: a name like `=HYPERLINK(…)` is read, not
 * followed. Numbers never pass here, so a negative number stays a number.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(v: string | number | boolean | null | undefined): string {
  let s: string;
  if (v === null || v === undefined) s = '';
  else if (typeof v === 'number') s = csvNumber(v);
  else if (typeof v === 'boolean') s = v ? 'oui' : 'non';
  else s = spreadsheetSafe(v);
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function buildCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(';')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(';'));
  return BOM + lines.join('\r\n') + '\r\n';
}
