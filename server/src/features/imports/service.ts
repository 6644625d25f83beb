/**
 * Running an import: read the file, validate it into a plan, and — in ONE transaction — write
 * the valid rows, record the provenance and recompute the coverage figures. By default a file
 * with any error imports nothing; with `skipInvalid` the valid rows are imported and the
 * rejected ones reported. A dry run does everything and rolls back.
 *
 * An import adds and updates what its file lists and never removes by omission: what the file
 * is about but does not list is kept and reported (`kept`). With `replace` it is removed, after
 * `confirm` has been shown it (`removal`). Rows added, updated and removed are counted per table.
 */
import crypto from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../db/database';
import type { Problem } from '../../domain/imports/report';
import { refreshCoverage, setRowCounts, upsertDataset } from '../../kernel';
import { trackChanges, type Changes } from './changes';
import { loadCog } from './cog';
import { refreshEstimates } from './estimate';
import { planBoundaries } from './kind-boundaries';
import { planCafCoverage } from './kind-caf';
import { planGrid } from './kind-grid';
import { planBirths } from './kind-births';
import { planPopulation } from './kind-population';
import { planReference } from './kind-reference';
import { planRoads } from './kind-roads';
import { planSupply } from './kind-supply';
import {
  DEFAULT_OPTIONS,
  FileFormatError,
  isNothing,
  type AbsentRows,
  type ImportKind,
  type ImportOptions,
  type ImportPlan,
  type PlanInput,
  type Progress,
  type TrackedTable,
} from './plan';
import { datasetIdByKey, fetchImportContext } from '../../kernel/territory-writers';

/** 'cancelled': the user declined the removal `replace` showed; nothing was written. */
export type ImportStatus = 'imported' | 'dry-run' | 'invalid' | 'cancelled';

export interface ImportOutcome {
  kind: ImportKind;
  file: string | null;
  status: ImportStatus;
  rowsRead: number;
  /** Rows written (or that would be, in a dry run); 0 when invalid. */
  imported: number;
  rejected: number;
  errors: number;
  warnings: number;
  problems: Problem[];
  detected: Record<string, string>;
  notes: string[];
  /** sha256 of the file, hex. */
  checksum: string | null;
  dataset: {
    key: string;
    id: number | null;
    name: string;
    source: string;
    licence: string;
    vintage: string;
  } | null;
  /** What was written, as recorded in the provenance (plus `coverageFigures`). */
  counts: Record<string, number>;
  /** Rows added, updated and removed per table (what a dry run would do). */
  changes: Changes;
  /** What the file is about but does not list, kept (a plain import); null when nothing. */
  kept: AbsentRows | null;
  /** What `replace` removes (or would, in a dry run); null without `replace`. */
  removal: AbsentRows | null;
  /** The file's rejected records, for the rejected-rows CSV. */
  rejectedRecords: { row: number; values: Record<string, string>; reasons: string }[];
  columns: string[];
  durationMs: number;
}

export interface ImportRequest {
  kind: ImportKind;
  /** Path of the file; null for `reference`. */
  file: string | null;
  options?: Partial<ImportOptions>;
  progress?: Progress;
  /**
   * Asked before `replace` removes anything (not in a dry run, not when nothing goes): false
   * cancels the import. Without it the removal goes ahead.
   */
  confirm?: (removal: AbsentRows) => Promise<boolean>;
  /**
   * Lift the server's per-statement timeout for this import's transaction (an upload: a large
   * file's statements may take longer than a request's queries are allowed).
   */
  noStatementTimeout?: boolean;
}

class Rollback extends Error {}

const PLANNERS: Record<ImportKind, (input: PlanInput) => Promise<ImportPlan>> = {
  boundaries: planBoundaries,
  reference: planReference,
  population: planPopulation,
  births: planBirths,
  'caf-coverage': planCafCoverage,
  eaje: (i) => planSupply('eaje', i),
  mams: (i) => planSupply('mams', i),
  childminders: (i) => planSupply('childminders', i),
  roads: planRoads,
  grid: planGrid,
};

export async function runImport(db: Database, request: ImportRequest): Promise<ImportOutcome> {
  const started = performance.now();
  const options: ImportOptions = { ...DEFAULT_OPTIONS, ...request.options };
  const progress: Progress = request.progress ?? (() => {});
  // A grid file can be larger than a string or a buffer may hold: it is read as a stream.
  const streamed = request.kind === 'grid';
  const bytes = request.file && !streamed ? new Uint8Array(await fs.readFile(request.file)) : null;
  const checksum = request.file
    ? bytes
      ? crypto.createHash('sha256').update(bytes).digest('hex')
      : await fileChecksum(request.file)
    : null;
  const cog = loadCog();
  const outcome: ImportOutcome = {
    kind: request.kind,
    file: request.file,
    status: 'invalid',
    rowsRead: 0,
    imported: 0,
    rejected: 0,
    errors: 0,
    warnings: 0,
    problems: [],
    detected: {},
    notes: [],
    checksum,
    dataset: null,
    counts: {},
    changes: {},
    kept: null,
    removal: null,
    rejectedRecords: [],
    columns: [],
    durationMs: 0,
  };
  try {
    await db.knex.transaction(async (trx) => {
      if (request.noStatementTimeout) await trx.raw('SET LOCAL statement_timeout = 0');
      let plan: ImportPlan;
      try {
        const context = await fetchImportContext(trx);
        plan = await PLANNERS[request.kind]({
          trx,
          bytes,
          fileName: request.file,
          options,
          cog,
          context,
          progress,
        });
      } catch (error) {
        if (!(error instanceof FileFormatError)) throw error;
        outcome.problems = [
          { row: null, column: null, value: null, reason: error.message, severity: 'error' },
        ];
        outcome.errors = 1;
        throw new Rollback();
      }
      describe(outcome, plan);
      if (options.replace && outcome.rejected > 0 && !plan.log.hasFileError) {
        // A rejected row is in the file: --replace must not remove what it stands for.
        outcome.problems.push({
          row: null,
          column: null,
          value: null,
          reason: `--replace with ${outcome.rejected} rejected row(s): their current version would be removed; fix them, or import without --replace`,
          severity: 'error',
        });
        outcome.errors++;
        throw new Rollback();
      }
      const invalid = plan.log.hasFileError || (plan.log.errorCount > 0 && !options.skipInvalid);
      if (invalid) throw new Rollback();
      const d = plan.dataset;
      const absent = await plan.absent(trx, await datasetIdByKey(trx, d.key));
      if (options.replace) outcome.removal = absent;
      else if (!isNothing(absent)) outcome.kept = absent;
      if (options.replace && !isNothing(absent) && !options.dryRun && request.confirm) {
        if (!(await request.confirm(absent))) {
          outcome.status = 'cancelled';
          throw new Rollback();
        }
      }
      const tables = new Set<TrackedTable>([...plan.tables, 'demand_cell']);
      if (options.replace) for (const t of Object.keys(absent.rows)) tables.add(t as TrackedTable);
      const tracker = await trackChanges(trx, tables);
      const datasetId = await upsertDataset(trx, {
        ...d,
        fictional: false,
        fileName: request.file ? path.basename(request.file) : null,
        checksum,
        rowCounts: {},
      });
      outcome.dataset = {
        key: d.key,
        id: datasetId,
        name: d.name,
        source: d.source,
        licence: d.licence,
        vintage: d.vintage,
      };
      const reestimate = new Set<string>();
      const counts = await plan.write(trx, datasetId, {
        replace: options.replace,
        absent,
        removed: tracker.removed,
        reestimate: (codes) => {
          for (const c of codes) reestimate.add(c);
        },
      });
      if (reestimate.size > 0) {
        progress('estimating demand cells', 0, 1);
        const estimated = await refreshEstimates(trx, [...reestimate], tracker.removed, datasetId);
        if (estimated.communes > 0) counts.estimatedCommunes = estimated.communes;
      }
      outcome.changes = await tracker.finish(trx);
      await setRowCounts(trx, datasetId, {
        read: plan.rowsRead,
        imported: plan.rowsValid,
        rejected: outcome.rejected,
        ...counts,
      });
      progress('computing coverage', 0, 1);
      counts.coverageFigures = await refreshCoverage(trx);
      outcome.counts = counts;
      outcome.imported = plan.rowsValid;
      if (options.dryRun) {
        outcome.status = 'dry-run';
        outcome.dataset.id = null;
        throw new Rollback();
      }
      outcome.status = 'imported';
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  // Fresh statistics so that the planner uses the spatial indexes on the new rows.
  if (outcome.status === 'imported') await db.knex.raw('ANALYZE');
  outcome.durationMs = Math.round(performance.now() - started);
  return outcome;
}

async function fileChecksum(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function describe(outcome: ImportOutcome, plan: ImportPlan) {
  const { log } = plan;
  outcome.rowsRead = plan.rowsRead;
  outcome.problems = log.problems;
  outcome.errors = log.errorCount;
  outcome.warnings = log.warningCount;
  outcome.detected = plan.detected;
  outcome.notes = plan.notes;
  outcome.rejected = log.hasFileError ? plan.rowsRead : log.rejectedRows.size;
  outcome.columns = plan.columns;
  if (plan.records) {
    const reasons = new Map<number, string[]>();
    for (const p of log.problems) {
      if (p.severity === 'error' && p.row !== null)
        reasons.set(p.row, [...(reasons.get(p.row) ?? []), `${p.column ?? ''}: ${p.reason}`]);
    }
    const byRow = new Map(plan.records.map((r) => [r.row, r]));
    outcome.rejectedRecords = [...log.rejectedRows]
      .sort((a, b) => a - b)
      .map((row) => ({
        row,
        values: byRow.get(row)?.values ?? {},
        reasons: (reasons.get(row) ?? []).join(' | '),
      }));
  }
}
