/**
 * The contract between the import runner (service.ts) and each kind of import: a kind reads
 * and validates its file into a plan; the runner decides, from the plan's problems and the
 * options, whether to call `write` inside the transaction.
 */
import type { Knex } from 'knex';
import { IMPORT_KIND_VALUES } from '../../../../contract';
import type { ProblemLog } from '../../domain/imports/report';
import type { TableRecord } from '../../domain/imports/table';
import type { Cog } from './cog';
import type { ImportContext } from '../../kernel/territory-writers';

/** The kinds of file an import reads: the CLI's and the HTTP upload's (one list, the contract's). */
export const IMPORT_KINDS = IMPORT_KIND_VALUES;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportOptions {
  dryRun: boolean;
  /**
   * Also remove what the file is about but does not list (communes of its départements, rows of
   * the same list): without it an import only adds and updates.
   */
  replace: boolean;
  skipInvalid: boolean;
  year: number | null;
  departement: string | null;
  /** Column mapping `{ "column in file": "canonical field" }` (supply lists). */
  mapping: Record<string, string> | null;
  source: string | null;
  licence: string | null;
  vintage: string | null;
  /**
   * Childminder lists without an activity column (or with empty cells): take every listed
   * childminder as active. An explicit choice, recorded in the dataset's provenance.
   */
  assumeActive: boolean;
  /**
   * Childminders: the share of their agreement places counted for under-3s in the départements
   * of the list, where the Caf knows its own (null: keep the share already set, else 0.81).
   */
  amUnder3Share: number | null;
}

export const DEFAULT_OPTIONS: ImportOptions = {
  dryRun: false,
  replace: false,
  skipInvalid: false,
  year: null,
  departement: null,
  mapping: null,
  source: null,
  licence: null,
  vintage: null,
  assumeActive: false,
  amUnder3Share: null,
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
    | 'caf_coverage'
    | 'grid'
    | 'births';
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
  /** Tables `write` may change, for the counts of rows added, updated and removed. */
  tables: readonly TrackedTable[];
  /**
   * What the file is about but does not list, as stored now (`datasetId`: the dataset of the
   * same key, null on a first import): kept by a plain import, removed with `replace`.
   */
  absent(trx: Knex.Transaction, datasetId: number | null): Promise<AbsentRows>;
  /** Write the valid rows; returns the counts recorded in the dataset's provenance. */
  write(
    trx: Knex.Transaction,
    datasetId: number,
    context: WriteContext,
  ): Promise<Record<string, number>>;
}

/** What `write` is told by the runner, and tells it back. */
export interface WriteContext {
  /** Remove `absent.keys` (the user asked for --replace and confirmed). */
  replace: boolean;
  absent: AbsentRows;
  /** Rows a DELETE removed, by table, cascades included (for the change counts). */
  removed(table: TrackedTable, rows: number): void;
  /** Communes whose estimated demand grid must be recomputed after the write. */
  reestimate(communeCodes: Iterable<string>): void;
}

/** Every table an import may change: the allowlist of identifiers the change counts use. */
export const TRACKED_TABLES = [
  'departement',
  'epci',
  'ept',
  'commune',
  'commune_code_history',
  'population',
  'eaje',
  'mam',
  'childminder',
  'supply_count',
  'births',
  'road_edge',
  'caf_published_coverage',
  'demand_cell',
] as const;
export type TrackedTable = (typeof TRACKED_TABLES)[number];

/**
 * Rows the file is about but does not list: a plain import keeps them (and says so), `replace`
 * removes them (after showing them).
 */
export interface AbsentRows {
  /** In words, e.g. "communes of département 18 that the file does not list". */
  what: string;
  /** What `write` removes with `replace` (commune codes, source ids…), opaque to the runner. */
  keys: string[];
  /** Rows by table, including what goes with them (a commune's population, crèches…). */
  rows: Partial<Record<TrackedTable, number>>;
  /** A few of them, to recognise ("18004 Allogny"). */
  examples: string[];
  /** Side effects worth a line (childminders unlinked from a removed MAM…). */
  notes: string[];
}

export const NOTHING_ABSENT: AbsentRows = {
  what: '',
  keys: [],
  rows: {},
  examples: [],
  notes: [],
};

export const isNothing = (a: AbsentRows) => Object.values(a.rows).every((n) => !n);

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
