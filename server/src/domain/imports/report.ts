/**
 * What an import found wrong with a file, row by row. Pure: parsers fill a `ProblemLog` and
 * return it with their rows; the service decides what to write and how to print it.
 */
export type Severity = 'error' | 'warning';

export interface Problem {
  /** Line of the file (CSV: the header is line 1) or 1-based feature number; null for the whole file. */
  row: number | null;
  column: string | null;
  /** The offending value as read, or a placeholder when it is personal data. */
  value: string | null;
  reason: string;
  severity: Severity;
}

/** Value shown instead of personal data (a childminder's home coordinates). */
export const REDACTED = '(masqué : donnée personnelle)';

export class ProblemLog {
  readonly problems: Problem[] = [];
  /** Rows that carry at least one error: they are not imported. */
  readonly rejectedRows = new Set<number>();
  private readonly redacted: ReadonlySet<string>;

  /** `redactedColumns`: columns whose values are never copied into a problem. */
  constructor(redactedColumns: Iterable<string> = []) {
    this.redacted = new Set(redactedColumns);
  }

  error(row: number | null, column: string | null, value: unknown, reason: string): void {
    this.add(row, column, value, reason, 'error');
    if (row !== null) this.rejectedRows.add(row);
  }

  warning(row: number | null, column: string | null, value: unknown, reason: string): void {
    this.add(row, column, value, reason, 'warning');
  }

  /** A problem of the whole file (bad header, unknown schema): nothing can be imported. */
  fileError(reason: string, column: string | null = null): void {
    this.add(null, column, null, reason, 'error');
  }

  get errorCount(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  get warningCount(): number {
    return this.problems.filter((p) => p.severity === 'warning').length;
  }

  /** True when a problem concerns the whole file (then even --skip-invalid imports nothing). */
  get hasFileError(): boolean {
    return this.problems.some((p) => p.severity === 'error' && p.row === null);
  }

  isRejected(row: number): boolean {
    return this.rejectedRows.has(row);
  }

  private add(
    row: number | null,
    column: string | null,
    value: unknown,
    reason: string,
    severity: Severity,
  ) {
    const shown =
      value === null || value === undefined
        ? null
        : column !== null && this.redacted.has(column)
          ? REDACTED
          : String(value);
    this.problems.push({ row, column, value: shown, reason, severity });
  }
}

/** A parsed row with the file row it came from. */
export interface SourcedRow<T> {
  row: number;
  value: T;
}

/** What every parser returns. */
export interface ParseResult<T> {
  rows: SourcedRow<T>[];
  log: ProblemLog;
  /** Data rows (or features) read from the file. */
  rowsRead: number;
  /** Facts detected about the file (schema, census year…), printed in the summary. */
  detected: Record<string, string>;
}
