/**
 * Rows of a list a previous import wrote (same dataset) that the new file does not list: kept by
 * a plain import and reported, removed with --replace. One entry per list kind: the table, how a
 * row is identified in the file, and how it is named in the report. Identifiers and expressions
 * come only from this allowlist; values go as bindings.
 */
import type { Knex } from 'knex';
import type { AbsentRows, TrackedTable } from './plan';

interface ListTable {
  table: TrackedTable;
  /** SQL expression of a row's identity in the file (text). */
  key: string;
  /** SQL expression naming a row for the report (never a person's name or home). */
  label: string;
  /** Column restricting the rows to the file's year (population). */
  year?: string;
}

const LISTS = {
  population: {
    table: 'population',
    key: 'commune_code',
    label: `commune_code || coalesce(' ' || (SELECT c.name FROM commune c WHERE c.code = t.commune_code), '')`,
    year: 'year',
  },
  births: {
    table: 'births',
    key: 'commune_code',
    label: `commune_code || coalesce(' ' || (SELECT c.name FROM commune c WHERE c.code = t.commune_code), '')`,
  },
  eaje: { table: 'eaje', key: 'source_id', label: `name || ' (' || commune_code || ')'` },
  mam: { table: 'mam', key: 'source_id', label: `name || ' (' || commune_code || ')'` },
  childminder: { table: 'childminder', key: 'source_id', label: 'source_id' },
  caf_published_coverage: {
    table: 'caf_published_coverage',
    key: `level || '|' || code || '|' || year || '|' || measure`,
    label: `level || ' ' || code || ' ' || year || ' ' || measure`,
  },
  road_edge: { table: 'road_edge', key: 'CAST(osm_id AS text)', label: `'way ' || osm_id` },
  demand_cell: {
    table: 'demand_cell',
    key: 'commune_code',
    label: `commune_code || coalesce(' ' || (SELECT c.name FROM commune c WHERE c.code = t.commune_code), '')`,
  },
} satisfies Record<string, ListTable>;

export type ListKind = keyof typeof LISTS;
const EXAMPLES = 10;

/**
 * Rows of `datasetId` in the list table whose identity is not in `listed`. Several rows may
 * share one identity (the edges of one OSM way, the cells of one commune): `keys` lists each
 * identity once, `rows` counts rows.
 */
export async function absentListRows(
  trx: Knex.Transaction,
  kind: ListKind,
  datasetId: number | null,
  listed: Iterable<string>,
  what: string,
  year: number | null = null,
): Promise<AbsentRows> {
  const list: ListTable = LISTS[kind];
  if (datasetId === null) return { what, keys: [], rows: {}, examples: [], notes: [] };
  const { rows } = await trx.raw(
    `SELECT ${list.key} AS key, ${list.label} AS label FROM ?? t
     WHERE dataset_id = ? ${list.year ? `AND ${list.year} = ?` : ''}
       AND ${list.key} NOT IN (SELECT json_array_elements_text(CAST(? AS json)))
     ORDER BY 1`,
    [
      list.table,
      datasetId,
      ...(list.year ? [year] : []),
      JSON.stringify([...listed]),
    ] as Knex.RawBinding[],
  );
  const keys = [...new Set((rows as { key: string }[]).map((r) => r.key))];
  const labels = [...new Set((rows as { label: string }[]).map((r) => r.label))];
  return {
    what,
    keys,
    rows: rows.length > 0 ? { [list.table]: rows.length } : {},
    examples: labels.slice(0, EXAMPLES),
    notes: [],
  };
}

/** Remove the rows of `datasetId` whose identity is in `keys`; returns the rows removed. */
export async function removeListRows(
  trx: Knex.Transaction,
  kind: ListKind,
  datasetId: number,
  keys: string[],
  year: number | null = null,
): Promise<number> {
  const list: ListTable = LISTS[kind];
  if (keys.length === 0) return 0;
  const { rows } = await trx.raw(
    `WITH gone AS (
       DELETE FROM ?? t WHERE dataset_id = ? ${list.year ? `AND ${list.year} = ?` : ''}
         AND ${list.key} IN (SELECT json_array_elements_text(CAST(? AS json)))
       RETURNING 1)
     SELECT count(*) AS n FROM gone`,
    [
      list.table,
      datasetId,
      ...(list.year ? [year] : []),
      JSON.stringify(keys),
    ] as Knex.RawBinding[],
  );
  return Number(rows[0].n);
}
