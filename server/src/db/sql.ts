import fs from 'node:fs';
import path from 'node:path';

export const QUERIES_DIR = path.resolve(import.meta.dirname, '../../../sql/queries');

const cache = new Map<string, string>();

/**
 * The text of `sql/queries/<name>.sql` (e.g. `coverage/commune_inputs`), read once.
 * Query files are part of the code: they do not change while the server runs.
 */
export function loadQuery(name: string): string {
  if (!/^[a-z0-9_/-]+$/.test(name)) throw new Error(`Invalid query name "${name}"`);
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = fs.readFileSync(path.join(QUERIES_DIR, `${name}.sql`), 'utf8');
    cache.set(name, sql);
  }
  return sql;
}
