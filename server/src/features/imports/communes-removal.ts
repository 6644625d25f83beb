/**
 * Communes an import is about but whose file does not list them (`boundaries` and `reference`
 * with --replace): what removing them takes with it, shown before, and the removal itself.
 * Every function takes the import's transaction.
 */
import type { Knex } from 'knex';
import { loadQuery } from '../../db/sql';
import type { AbsentRows, TrackedTable } from './plan';

const query = (name: string) => loadQuery(`imports/${name}`).replace(/^\s*--.*$/gm, '');
const EXAMPLES = 10;

export interface AbsentCommunesInput {
  /** Départements the file covers: only their communes can be absent from it. */
  departements: string[];
  /** Communes the file lists. */
  listed: string[];
  /** EPCI the file gives communes to (they are not left empty). */
  keepEpcis: string[];
  what: string;
}

/** Loaded communes of the file's départements that it does not list, and what goes with them. */
export async function absentCommunes(
  trx: Knex.Transaction,
  input: AbsentCommunesInput,
): Promise<AbsentRows> {
  const { rows: communes } = await trx.raw(
    `SELECT code, name FROM commune
     WHERE departement_code IN (SELECT json_array_elements_text(CAST(? AS json)))
       AND code NOT IN (SELECT json_array_elements_text(CAST(? AS json)))
     ORDER BY code`,
    [JSON.stringify(input.departements), JSON.stringify(input.listed)],
  );
  const keys = communes.map((c: { code: string }) => c.code);
  const counts = await removalCounts(trx, keys, input.keepEpcis);
  const unlinked = counts.get('childminder_unlinked') ?? 0;
  counts.delete('childminder_unlinked');
  return {
    what: input.what,
    keys,
    rows: Object.fromEntries(counts) as AbsentRows['rows'],
    examples: communes
      .slice(0, EXAMPLES)
      .map((c: { code: string; name: string }) => `${c.code} ${c.name}`),
    notes:
      unlinked > 0
        ? [
            `${unlinked} childminder(s) of other communes work in a MAM of these communes: they stay, unlinked`,
          ]
        : [],
  };
}

async function removalCounts(trx: Knex.Transaction, codes: string[], keepEpcis: string[]) {
  const counts = new Map<string, number>();
  if (codes.length === 0) return counts;
  const { rows } = await trx.raw(query('commune_removal'), {
    codes: JSON.stringify(codes),
    keep_epcis: JSON.stringify(keepEpcis),
  });
  for (const r of rows as { table_name: string; n: number }[])
    if (Number(r.n) > 0) counts.set(r.table_name, Number(r.n));
  return counts;
}

/**
 * Remove `codes` with everything attached, and the EPCI left without any commune; reports the
 * rows removed per table to `removed`. Returns the EPCI that lost communes (their outlines must
 * be derived again).
 */
export async function removeCommunes(
  trx: Knex.Transaction,
  codes: string[],
  keepEpcis: string[],
  removed: (table: TrackedTable, rows: number) => void,
): Promise<string[]> {
  if (codes.length === 0) return [];
  const counts = await removalCounts(trx, codes, keepEpcis);
  counts.delete('childminder_unlinked');
  counts.delete('epci');
  const { rows } = await trx.raw(query('delete_communes'), { codes: JSON.stringify(codes) });
  for (const [table, n] of counts) removed(table as TrackedTable, n);
  const epcis: string[] =
    typeof rows[0].epcis === 'string' ? JSON.parse(rows[0].epcis) : rows[0].epcis;
  const { rows: gone } = await trx.raw(query('delete_empty_epcis'), {
    epcis: JSON.stringify(epcis),
  });
  removed('epci', Number(gone[0].epcis));
  return epcis;
}
