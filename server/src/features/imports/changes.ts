/**
 * Rows added, updated and removed per table by one import, measured inside its transaction.
 *
 * PostgreSQL stamps every row a transaction inserts or updates with that transaction's id
 * (`xmin`), including rows changed by foreign-key actions (a childminder unlinked from a removed
 * MAM). Counting the rows per table before the write, after it, and those stamped by the
 * transaction gives, with the rows the importer's DELETEs removed (cascades counted before they
 * ran): added = after − before + removed, updated = stamped − added. Writes skip rows whose
 * values do not change, so that a re-import of the same file counts 0 updated.
 */
import type { Knex } from 'knex';
import { TRACKED_TABLES, type TrackedTable } from './plan';

export interface TableChange {
  added: number;
  updated: number;
  removed: number;
}

export type Changes = Partial<Record<TrackedTable, TableChange>>;

export interface ChangeTracker {
  /** Record rows a DELETE removed (cascades included). */
  removed(table: TrackedTable, rows: number): void;
  /** Count again and return the changes of every tracked table that changed. */
  finish(trx: Knex.Transaction): Promise<Changes>;
}

async function countRows(trx: Knex.Transaction, table: TrackedTable, stamped: boolean) {
  if (!TRACKED_TABLES.includes(table)) throw new Error(`not a tracked table: ${table}`);
  const { rows } = await trx.raw(
    stamped
      ? 'SELECT count(*) AS n, count(*) FILTER (WHERE xmin = CAST(pg_current_xact_id() AS xid)) AS stamped FROM ??'
      : 'SELECT count(*) AS n, 0 AS stamped FROM ??',
    [table],
  );
  return { n: Number(rows[0].n), stamped: Number(rows[0].stamped) };
}

/** Start counting `tables` (call before the first write of the transaction). */
export async function trackChanges(
  trx: Knex.Transaction,
  tables: Iterable<TrackedTable>,
): Promise<ChangeTracker> {
  const list = TRACKED_TABLES.filter((t) => new Set(tables).has(t));
  const before = new Map<TrackedTable, number>();
  for (const t of list) before.set(t, (await countRows(trx, t, false)).n);
  const removed = new Map<TrackedTable, number>();
  return {
    removed(table, rows) {
      removed.set(table, (removed.get(table) ?? 0) + rows);
    },
    async finish(t) {
      const changes: Changes = {};
      for (const table of list) {
        const after = await countRows(t, table, true);
        const gone = removed.get(table) ?? 0;
        const added = after.n - before.get(table)! + gone;
        const change = { added, updated: after.stamped - added, removed: gone };
        if (change.added || change.updated || change.removed) changes[table] = change;
      }
      return changes;
    },
  };
}
