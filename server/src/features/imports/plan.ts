/**
 * The contract between the import runner (service.ts) and each kind of import: a kind reads
 * and validates its file into a plan; the runner decides, from the plan's problems and the
 * options, whether to call `write` inside the transaction.
 */
import type { Knex } from 'knex';
import type { ProblemLog } from '../../domain/imports/report';
import type { TableRecord } from '../../domain/imports/table';
import type { Cog } from './cog';
import type { ImportContext } from './repository';

export const IMPORT_KINDS = [
  'boundaries',
  'reference',
  'population',
  'caf-coverage',
  'eaje',
  'childminders',
  'mams',
  'roads',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportOptions {
  dryRun: boolean;
  skipInvalid: boolean;
  year: number | null;
  departement: string | null;
  /** Column mapping `{ "column in file": "canonical field" }` (supply lists). */
  mapping: Record<string, string> | null;
  source: string | null;
  licence: string | null;
  vintage: string | null;
}

export const DEFAULT_OPTIONS: ImportOptions = {
  dryRun: false,
  skipInvalid: false,
  year: null,
  departement: null,
  mapping: null,
  source: null,
  licence: null,
  vintage: null,
};

/** Progress of a long phase (reading, writing), for the CLI's progress line. */
export type Progress = (phase: string, done: number, total: number) => void;

export interface PlanInput {
  trx: Knex.Transaction;
  /** The file's bytes (null for `reference`, which reads the package). */
  bytes: Uint8Array | null;
  fileName: string | null;
  options: ImportOptions;
  cog: Cog;
  context: ImportContext;
  progress: Progress;
}

export interface DatasetDescription {
  key: string;
  kind:
    | 'territory'
    | 'reference'
    | 'population'
    | 'eaje'
    | 'childminders'
    | 'mam'
    | 'roads'
    | 'caf_coverage';
  name: string;
  source: string;
  sourceUrl: string | null;
  licence: string;
  vintage: string;
}

export interface ImportPlan {
  rowsRead: number;
  /** Valid rows (what `write` stores). */
  rowsValid: number;
  log: ProblemLog;
  detected: Record<string, string>;
  /** Facts worth a line in the summary (rows skipped on purpose, defaults applied). */
  notes: string[];
  /** The file's records and columns, to write the rejected ones back (null when not tabular). */
  records: TableRecord[] | null;
  columns: string[];
  dataset: DatasetDescription;
  /** Write the valid rows; returns the counts recorded in the dataset's provenance. */
  write(trx: Knex.Transaction, datasetId: number): Promise<Record<string, number>>;
}

/** Département codes of rows, as a dataset key part: '18', '18+36', or the --departement option. */
export function scopeOf(departements: Iterable<string>, option: string | null): string {
  if (option) return option;
  const list = [...new Set(departements)].sort();
  return list.length === 0 ? 'vide' : list.join('+');
}

/** The vintage: --vintage, else a year found in the file name, else the given fallback. */
export function vintageOf(
  options: ImportOptions,
  fileName: string | null,
  fallback: string,
): string {
  if (options.vintage) return options.vintage;
  const m = fileName ? /(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)/.exec(fileName) : null;
  return m ? m[1] : fallback;
}

export { FileFormatError } from '../../kernel/text-file';
