/**
 * The content of the data tables as digests (row count and an md5 of every row's text, rows in
 * order), to check that an import changed exactly what it should, or nothing at all.
 */
import type { Knex } from 'knex';

export const DATA_TABLES = [
  'dataset',
  'departement',
  'epci',
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
  'coverage_figure',
] as const;
export type DataTable = (typeof DATA_TABLES)[number];

/** Tables with a commune_code column: their rows can be restricted to some communes. */
const BY_COMMUNE = new Set<DataTable>([
  'commune_code_history',
  'population',
  'eaje',
  'mam',
  'childminder',
  'supply_count',
  'births',
  'demand_cell',
]);

/**
 * `{ table: "rows:md5" }`. `exceptCommunes`: leave out the rows of these communes (their own row,
 * and rows that carry their code), to check that the other communes kept everything.
 */
export async function tableDigests(
  knex: Knex,
  {
    exceptCommunes = [],
    tables = DATA_TABLES,
  }: { exceptCommunes?: string[]; tables?: readonly DataTable[] } = {},
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const filter =
      exceptCommunes.length === 0
        ? ''
        : table === 'commune'
          ? 'WHERE t.code <> ALL(?)'
          : BY_COMMUNE.has(table)
            ? 'WHERE t.commune_code <> ALL(?)'
            : table === 'coverage_figure'
              ? `WHERE NOT (t.level = 'commune' AND t.code = ANY(?))`
              : null;
    if (filter === null) continue;
    // Row text without columns that change on every import (provenance times) or with them.
    const text =
      table === 'dataset'
        ? `t.key || t.kind || t.name || coalesce(t.checksum, '') || t.row_counts::text`
        : table === 'coverage_figure'
          ? `(t.level, t.code, t.year, t.children_under3, t.places_total, t.coverage_rate)::text`
          : 't::text';
    const { rows } = await knex.raw(
      `SELECT count(*) AS n, coalesce(md5(string_agg(${text}, '|' ORDER BY ${text})), '') AS digest FROM ?? t ${filter}`,
      filter ? [table, exceptCommunes] : [table],
    );
    out[table] = `${rows[0].n}:${rows[0].digest}`;
  }
  return out;
}

/** Row counts of the data tables. */
export async function rowCounts(knex: Knex): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of DATA_TABLES)
    out[t] = Number((await knex.raw('SELECT count(*) AS n FROM ??', [t])).rows[0].n);
  return out;
}
