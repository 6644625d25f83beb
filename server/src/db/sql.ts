import fs from 'node:fs';
import path from 'node:path';

export const QUERIES_DIR = path.resolve(import.meta.dirname, '../../../sql/queries');

const cache = new Map<string, string>();

/**
 * The text of `sql/queries/<name>.sql` (e.g. `coverage/commune_inputs`), read once, without its
 * `--` comments: the contract comments name the `:bindings`, and knex would read those as
 * bindings too. Query files are part of the code: they do not change while the server runs.
 */
export function loadQuery(name: string): string {
  if (!/^[a-z0-9_/-]+$/.test(name)) throw new Error(`Invalid query name "${name}"`);
  let sql = cache.get(name);
  if (sql === undefined) {
    sql = withoutLineComments(fs.readFileSync(path.join(QUERIES_DIR, `${name}.sql`), 'utf8'));
    cache.set(name, sql);
  }
  return sql;
}

/** SQL text without `--` comments; quoted strings and identifiers are left intact. */
export function withoutLineComments(sql: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i];
    if (quote) {
      out += ch;
      if (ch === quote) quote = null; // a doubled quote re-opens at once: still correct
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      out += '\n';
    } else {
      out += ch;
    }
  }
  return out;
}
