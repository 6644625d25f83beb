import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Knex } from 'knex';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../../sql/migrations');

export interface Migration {
  id: string; // file name without extension, e.g. '001_schema'
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await fs.readFile(path.join(dir, file), 'utf8');
      return {
        id: file.replace(/\.sql$/, ''),
        sql,
        checksum: crypto.createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

/**
 * Apply the pending migrations of `sql/migrations/` in order, each in its own transaction.
 * Forward-only: an applied migration whose file changed is an error (write a new migration).
 * Returns the ids applied by this call.
 */
export async function migrate(knex: Knex, dir = MIGRATIONS_DIR): Promise<string[]> {
  await knex.raw(`CREATE TABLE IF NOT EXISTS schema_migration (
    id text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = new Map<string, string>(
    (await knex('schema_migration').select('id', 'checksum')).map((r) => [r.id, r.checksum]),
  );
  const done: string[] = [];
  for (const m of await readMigrations(dir)) {
    const previous = applied.get(m.id);
    if (previous !== undefined) {
      if (previous !== m.checksum) {
        throw new Error(
          `Migration ${m.id} was changed after it was applied; migrations are forward-only: add a new file instead`,
        );
      }
      continue;
    }
    await knex.transaction(async (trx) => {
      // A schema change runs to its end, whatever the statement timeout the server sets.
      await trx.raw('SET LOCAL statement_timeout = 0');
      await trx.raw(m.sql);
      await trx('schema_migration').insert({ id: m.id, checksum: m.checksum });
    });
    done.push(m.id);
  }
  return done;
}

/**
 * Drop every table and function the migrations made in the schema (the PostGIS extension and
 * its own stay), then migrate again.
 */
export async function resetDatabase(knex: Knex, dir = MIGRATIONS_DIR): Promise<string[]> {
  await knex.transaction(async (trx) => {
    const { rows } = await trx.raw<{ rows: { tablename: string }[] }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'spatial_ref_sys'`,
    );
    for (const { tablename } of rows) {
      await trx.raw('DROP TABLE IF EXISTS ?? CASCADE', [tablename]);
    }
    // Functions are dropped by the server itself, by their signatures read first (a regprocedure
    // as text quotes the name and lists the argument types): no SQL text is built here.
    await trx.raw(`
      DO $$
      DECLARE f text;
      BEGIN
        FOR f IN
          SELECT p.oid::regprocedure::text
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d
                            WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        LOOP
          EXECUTE format('DROP FUNCTION IF EXISTS %s CASCADE', f);
        END LOOP;
      END $$`);
  });
  return migrate(knex, dir);
}
