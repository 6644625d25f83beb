/**
 * The loaded datasets: their list (what each holds and which départements it is about) and their
 * removal, one dataset by key or the whole demo, in one transaction with the figures recomputed.
 * A removed demo is remembered (migration 016) so that it does not load itself again.
 */
import type { Knex } from 'knex';
import type { Database } from '../../db/database';
import { loadQuery } from '../../db/sql';
import { InvalidInput, NotFound } from '../../domain/errors';
import { DEMO_KEY_PREFIX, listDatasets, refreshCoverage, type Dataset } from '../../kernel';

export interface DatasetSummary {
  key: string;
  kind: string;
  name: string;
  source: string;
  vintage: string;
  fictional: boolean;
  /** Rows of the dataset by table (tables where it has none left out). */
  rows: Record<string, number>;
  /** Départements its rows are about, sorted. */
  territories: string[];
}

/** Tables whose rows belong to a dataset (a `dataset_id` column), from the catalogue. */
async function datasetTables(knex: Knex): Promise<string[]> {
  const { rows } = await knex.raw(loadQuery('datasets/tables'));
  return rows.map((r: { table_name: string }) => r.table_name);
}

/** Rows by dataset id and table. */
async function rowsByDataset(knex: Knex): Promise<Map<number, Record<string, number>>> {
  const out = new Map<number, Record<string, number>>();
  for (const table of await datasetTables(knex)) {
    // The table name comes from the catalogue (datasets/tables.sql), quoted as an identifier.
    const rows = await knex(table).select('dataset_id').count({ n: '*' }).groupBy('dataset_id');
    for (const r of rows) {
      const id = Number((r as { dataset_id: number }).dataset_id);
      if (!out.has(id)) out.set(id, {});
      out.get(id)![table] = Number(r.n);
    }
  }
  return out;
}

/** Every loaded dataset with its rows and départements, by id. */
export async function listDatasetSummaries(knex: Knex): Promise<DatasetSummary[]> {
  const [datasets, rows, { rows: territories }] = await Promise.all([
    listDatasets(knex),
    rowsByDataset(knex),
    knex.raw(loadQuery('datasets/territories')),
  ]);
  const byDataset = new Map<number, string[]>();
  for (const t of territories as { dataset_id: number; departement_code: string }[]) {
    if (!byDataset.has(t.dataset_id)) byDataset.set(t.dataset_id, []);
    byDataset.get(t.dataset_id)!.push(t.departement_code);
  }
  return datasets.map((d) => ({
    key: d.key,
    kind: d.kind,
    name: d.name,
    source: d.source,
    vintage: d.vintage,
    fictional: d.fictional,
    rows: rows.get(d.id) ?? {},
    territories: byDataset.get(d.id) ?? [],
  }));
}

/** What to remove: one dataset by key, or every dataset of the demo. */
export type RemovalTarget = { key: string } | { demo: true };

export interface RemovalSummary {
  /** The datasets removed. */
  datasets: Pick<Dataset, 'key' | 'kind' | 'name' | 'fictional'>[];
  /**
   * Rows removed by table: the datasets' own and those that went with them (a commune removed
   * takes its facilities, population and cells with it, whatever their dataset).
   */
  rows: Record<string, number>;
  /** Coverage figures before and after (recomputed from what is left). */
  coverageFigures: { before: number; after: number };
}

export type RemovalOutcome =
  | { status: 'removed'; summary: RemovalSummary }
  | { status: 'dry-run'; summary: RemovalSummary }
  | { status: 'cancelled'; summary: RemovalSummary };

class Rollback extends Error {}

/** Rows of every table that holds dataset rows, and of the coverage figures. */
async function tableCounts(trx: Knex, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [...tables, 'coverage_figure']) {
    const [{ n }] = await trx(table).count({ n: '*' });
    out[table] = Number(n);
  }
  return out;
}

/**
 * Removes the datasets of `target` and every row they provided, recomputes the coverage figures,
 * and (for the demo) remembers the removal, all in one transaction: `confirm` sees the summary
 * before anything is kept, and nothing is written in a dry run or when it answers false.
 * The data version changes with the datasets (sql/queries/data_versions.sql), so the caches
 * (tiles, road graphs) and the gap zones follow at the next request.
 */
export async function removeDatasets(
  db: Database,
  target: RemovalTarget,
  options: { dryRun?: boolean; confirm?: (summary: RemovalSummary) => Promise<boolean> } = {},
): Promise<RemovalOutcome> {
  let outcome: RemovalOutcome | null = null;
  try {
    await db.knex.transaction(async (trx) => {
      const chosen = await chooseDatasets(trx, target);
      const tables = await datasetTables(trx);
      const before = await tableCounts(trx, tables);
      await trx('dataset')
        .whereIn(
          'id',
          chosen.map((d) => d.id),
        )
        .delete();
      await refreshCoverage(trx);
      const after = await tableCounts(trx, tables);
      if ('demo' in target) {
        await trx.raw('INSERT INTO demo_removal DEFAULT VALUES ON CONFLICT DO NOTHING');
      }
      const rows: Record<string, number> = {};
      for (const table of tables) {
        if (before[table] !== after[table]) rows[table] = before[table] - after[table];
      }
      const summary: RemovalSummary = {
        datasets: chosen.map((d) => ({
          key: d.key,
          kind: d.kind,
          name: d.name,
          fictional: d.fictional,
        })),
        rows,
        coverageFigures: { before: before.coverage_figure, after: after.coverage_figure },
      };
      if (options.dryRun) {
        outcome = { status: 'dry-run', summary };
        throw new Rollback();
      }
      if (options.confirm && !(await options.confirm(summary))) {
        outcome = { status: 'cancelled', summary };
        throw new Rollback();
      }
      outcome = { status: 'removed', summary };
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if ((outcome as RemovalOutcome | null)?.status === 'removed') await db.knex.raw('ANALYZE');
  return outcome!;
}

async function chooseDatasets(trx: Knex, target: RemovalTarget): Promise<Dataset[]> {
  const all = await listDatasets(trx);
  if ('demo' in target) {
    const demo = all.filter((d) => d.key.startsWith(DEMO_KEY_PREFIX));
    if (demo.length === 0) {
      throw new NotFound('The demo is not loaded: nothing to remove', { code: 'not_found' });
    }
    return demo;
  }
  const found = all.find((d) => d.key === target.key);
  if (!found) {
    const keys = all.map((d) => d.key).join(', ') || 'none';
    throw new NotFound(`No dataset with key "${target.key}" (loaded: ${keys})`, {
      code: 'not_found',
    });
  }
  if (found.key.startsWith(DEMO_KEY_PREFIX)) {
    throw new InvalidInput(
      `"${found.key}" is part of the demo: remove the demo as a whole with "datasets remove --demo"`,
      { details: [{ field: 'key', message: 'a demo dataset is removed with the whole demo' }] },
    );
  }
  return [found];
}
