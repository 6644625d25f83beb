/**
 * Fault test: an import killed (SIGKILL) after it has started writing leaves the database
 * exactly as it was, and the database opens. The real CLI runs in a child process on its own
 * database: an embedded data directory, or a database of the PostgreSQL server.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseMode } from '../../../test/database';
import { openDatabase, type Database } from '../../db/database';
import { inject } from 'vitest';
import { runImport } from './service';
import { tableDigests } from './test/table-digest';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const fixture = (name: string) => path.join(import.meta.dirname, 'test/fixtures', name);
const ROWS = 15_000;

/** A childminder list of the four communes of boundaries-geoapi: 2 batches (10,000 and 5,000 rows). */
function bigChildminderList(): string {
  const communes = ['18033', '18004', '18005', '18023'];
  const lines = ['id;code_insee;places_agrement;actif'];
  for (let i = 1; i <= ROWS; i++)
    lines.push(`AM-K${String(i).padStart(6, '0')};${communes[i % 4]};${1 + (i % 4)};oui`);
  return lines.join('\n') + '\n';
}

describe(`an import killed while writing (${databaseMode})`, () => {
  let dir: string;
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  let dropDatabase: () => Promise<void> = async () => {};

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berceau-kill-'));
    if (databaseMode === 'embedded') {
      const dataDir = path.join(dir, 'pglite');
      const template = new Blob([await fs.readFile(inject('pgliteTemplate'))]);
      open = () => openDatabase({ databaseUrl: null, embedded: { dataDir, template } });
      env = { BERCEAU_DATA_DIR: dataDir };
    } else {
      const admin = process.env.DATABASE_URL!;
      const name = `berceau_kill_${crypto.randomBytes(6).toString('hex')}`;
      const k = knexFactory({ client: 'pg', connection: admin, pool: { min: 0, max: 1 } });
      await k.raw('CREATE DATABASE ??', [name]);
      await k.destroy();
      const url = new URL(admin);
      url.pathname = `/${name}`;
      open = () => openDatabase({ databaseUrl: url.toString() });
      env = { DATABASE_URL: url.toString() };
      dropDatabase = async () => {
        const again = knexFactory({ client: 'pg', connection: admin, pool: { min: 0, max: 1 } });
        await again.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
        await again.destroy();
      };
    }
    const db = await open();
    try {
      for (const [kind, file] of [
        ['boundaries', 'boundaries-geoapi.geojson'],
        ['population', 'population-insee-2021.csv'],
        ['childminders', 'childminders.csv'],
        ['mams', 'mams.csv'],
      ] as const)
        expect((await runImport(db, { kind, file: fixture(file) })).status).toBe('imported');
    } finally {
      await db.close();
    }
    await fs.writeFile(path.join(dir, 'assistants-maternels.csv'), bigChildminderList());
  }, 600_000);
  afterAll(async () => {
    await dropDatabase();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('leaves the database exactly as before, and it opens', async () => {
    let db = await open();
    const before = await tableDigests(db.knex);
    await db.close();

    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        path.join(import.meta.dirname, 'test/announce-writes.mjs'),
        path.join(ROOT, 'server/src/cli.ts'),
        'import',
        'childminders',
        path.join(dir, 'assistants-maternels.csv'),
        '--replace',
        '--yes',
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: '', ...env, LOG_LEVEL: 'silent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    // Killed once the first batch of rows is on its way: the old list is already deleted.
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (b) => {
        stderr += b;
        if (/write INSERT INTO childminder/.test(stderr)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exited.then(() =>
        reject(new Error(`the import ended before it was killed:\n${stdout}\n${stderr}`)),
      );
    });
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(stderr).toMatch(/write DELETE FROM childminder/);
    expect(stdout).not.toMatch(/Imported/);

    db = await open();
    try {
      if (databaseMode === 'server') {
        // The server notices the dropped connection and rolls back: wait until it has.
        for (let i = 0; i < 100; i++) {
          const { rows } = await db.knex.raw(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
          );
          if (Number(rows[0].n) === 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(await tableDigests(db.knex)).toEqual(before);
      expect(await db.knex('childminder').orderBy('source_id').pluck('source_id')).toEqual([
        'AM-001',
        'AM-002',
        'AM-003',
        'AM-004',
        'AM-005',
      ]);
    } finally {
      await db.close();
    }
  }, 600_000);
});
