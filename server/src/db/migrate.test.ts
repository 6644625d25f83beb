import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../test/database';
import type { Database } from './database';
import { migrate, MIGRATIONS_DIR, readMigrations, resetDatabase } from './migrate';

describe(`migrations (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('applies every migration of sql/migrations on open, in order', async () => {
    const files = await readMigrations();
    expect(files.length).toBeGreaterThan(0);
    expect(db.migrationsApplied).toEqual(files.map((f) => f.id));
    const tables = await db.knex('pg_tables').where({ schemaname: 'public' }).pluck('tablename');
    for (const t of [
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
      'road_edge',
    ]) {
      expect(tables).toContain(t);
    }
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrate(db.knex)).toEqual([]);
  });

  it('detects PostGIS 3 and the engine capabilities', () => {
    expect(db.capabilities.postgisVersion).toMatch(/^3\./);
    // The embedded build has no protobuf-c (no ST_AsMVT) and no pgRouting; Debian's has both.
    expect(db.capabilities.mvt).toBe(databaseMode === 'server');
    if (databaseMode === 'embedded') expect(db.capabilities.pgrouting).toBe(false);
  });

  it('refuses an applied migration whose file was edited (forward-only)', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-mig-'));
    for (const f of await fs.readdir(MIGRATIONS_DIR))
      await fs.copyFile(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    const first = (await fs.readdir(dir)).sort()[0];
    await fs.appendFile(path.join(dir, first), '\n-- edited\n');
    await expect(migrate(db.knex, dir)).rejects.toThrow(/was changed after it was applied/);
    await fs.rm(dir, { recursive: true });
  });

  it('enforces the domain constraints in the schema', async () => {
    await expect(
      db.knex.raw(
        `INSERT INTO dataset (key, kind, name, source, licence, vintage, fictional) VALUES ('x', 'nonsense', 'n', 's', 'l', 'v', true)`,
      ),
    ).rejects.toThrow(/dataset_kind_check/);
    await expect(
      db.knex.raw(`INSERT INTO epci (code, name, kind, dataset_id) VALUES ('12345', 'x', 'CC', 1)`),
    ).rejects.toThrow(/epci_code_check/);
  });

  it('a failing migration leaves nothing half-applied', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-mig-'));
    for (const f of await fs.readdir(MIGRATIONS_DIR))
      await fs.copyFile(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    await fs.writeFile(
      path.join(dir, '999_broken.sql'),
      'CREATE TABLE half_done (x int);\nSELECT no_such_function();',
    );
    await expect(migrate(db.knex, dir)).rejects.toThrow(/no_such_function/);
    const { rows } = await db.knex.raw(`SELECT to_regclass('public.half_done') AS t`);
    expect(rows[0].t).toBeNull();
    expect(await db.knex('schema_migration').where({ id: '999_broken' }).first()).toBeUndefined();
    await fs.rm(dir, { recursive: true });
  });

  it('db:reset drops the data and re-creates the schema', async () => {
    await db.knex('dataset').insert({
      key: 'k',
      kind: 'eaje',
      name: 'n',
      source: 's',
      licence: 'l',
      vintage: '2024',
      fictional: false,
    });
    const applied = await resetDatabase(db.knex);
    expect(applied.length).toBeGreaterThan(0);
    expect(await db.knex('dataset').count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});
