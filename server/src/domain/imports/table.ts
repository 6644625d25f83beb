/**
 * A table read from a CSV file (or from GeoJSON properties): column names as written in the
 * file and one record per data row, with the file line it came from. Pure.
 */
export interface TableRecord {
  /** File line (CSV, header = line 1) or 1-based feature number (GeoJSON). */
  row: number;
  values: Record<string, string>;
}

export interface Table {
  columns: string[];
  records: TableRecord[];
}

const key = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/^\ufeff/, '');

/** The first column of `columns` whose name matches one of `candidates` (case-insensitive). */
export function findColumn(
  columns: readonly string[],
  candidates: readonly string[],
): string | null {
  const wanted = candidates.map(key);
  for (const w of wanted) {
    const found = columns.find((c) => key(c) === w);
    if (found !== undefined) return found;
  }
  return null;
}

/** A cell value, trimmed; '' when the column is absent. */
export function cell(record: TableRecord, column: string | null): string {
  if (column === null) return '';
  return (record.values[column] ?? '').trim();
}
