import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../../test/database';
import { browser, signedIn, type Browser } from '../../../test/sign-in';
import type { Database } from '../../db/database';

const fixture = (name: string) => path.join(import.meta.dirname, 'test/fixtures', name);

/** Rows of the tables an import of EAJE touches, to show nothing was written. */
async function snapshot(db: Database) {
  const out: Record<string, number> = {};
  for (const t of ['dataset', 'commune', 'eaje', 'coverage_figure'])
    out[t] = Number((await db.knex(t).count({ n: '*' }))[0].n);
  return out;
}

/**
 * Imports over HTTP (POST /api/imports): the file is the body, the kind and flags the CLI's.
 * A dry run writes nothing and says what would change; the confirmed import lands; a refused
 * file answers 400 with each problem's row and column and writes nothing; only admins import.
 */
describe(`imports uploaded by an admin (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  let admin: Browser;
  let planner: Browser;

  const upload = async (b: Browser, name: string, query: Record<string, string>) =>
    b.fetch(`/api/imports?${new URLSearchParams({ fileName: name, ...query })}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: await fs.readFile(fixture(name)),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db);
    admin = await signedIn(db, server.baseUrl, { login: 'admin', role: 'admin' });
    planner = await signedIn(db, server.baseUrl, {
      login: 'planner',
      role: 'planner',
      territories: [{ level: 'departement', code: '93' }],
    });
    const res = await upload(admin, 'boundaries-seine-saint-denis.geojson', { kind: 'boundaries' });
    expect(res.status).toBe(200);
    expect((await res.json()).status).toBe('imported');
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('a dry run says what would be added and writes nothing; the confirmation lands', async () => {
    const before = await snapshot(db);
    const dry = await upload(admin, 'eaje-seine-saint-denis.csv', { kind: 'eaje', dryRun: 'true' });
    expect(dry.status).toBe(200);
    const report = await dry.json();
    expect(report).toMatchObject({ status: 'dry-run', kind: 'eaje', rejected: 0 });
    expect(report.changes.eaje.added).toBe(4);
    expect(await snapshot(db)).toEqual(before);

    // Another file under the dry run's checksum is refused (409), nothing written.
    const other = await upload(admin, 'eaje-broken-rows.csv', {
      kind: 'eaje',
      checksum: report.checksum,
    });
    expect(other.status).toBe(409);
    expect(await snapshot(db)).toEqual(before);

    const done = await upload(admin, 'eaje-seine-saint-denis.csv', {
      kind: 'eaje',
      checksum: report.checksum,
    });
    expect(done.status).toBe(200);
    expect((await done.json()).status).toBe('imported');
    expect((await snapshot(db)).eaje).toBe(before.eaje + 4);
    const datasets = await (await admin.fetch('/api/datasets')).json();
    expect(datasets.datasets.map((d: { key: string }) => d.key)).toContain('import:eaje:93');
  });

  it('refuses a bad file with every problem’s row and column, and writes nothing', async () => {
    const before = await snapshot(db);
    const res = await upload(admin, 'eaje-broken-rows.csv', { kind: 'eaje' });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/refused: \d+ error\(s\); nothing was written/);
    const fields = body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toContain('file.row.5.code_insee');
    expect(fields).toContain('file.row.6.nbr_place');
    expect(await snapshot(db)).toEqual(before);
  });

  it('removes a dataset: a dry run first, then for good', async () => {
    const dry = await admin.fetch('/api/datasets/import:eaje:93?dryRun=true', {
      method: 'DELETE',
    });
    expect(dry.status).toBe(200);
    expect((await dry.json()).rows.eaje).toBe(4);
    expect((await snapshot(db)).eaje).toBe(4);
    const gone = await admin.fetch('/api/datasets/import:eaje:93', { method: 'DELETE' });
    expect(gone.status).toBe(200);
    expect((await snapshot(db)).eaje).toBe(0);
  });

  it('imports for admins only: 401 for the public, 403 for a planner, nothing written', async () => {
    const before = await snapshot(db);
    const pub = browser(server.baseUrl);
    expect((await upload(pub, 'eaje-seine-saint-denis.csv', { kind: 'eaje' })).status).toBe(401);
    expect((await upload(planner, 'eaje-seine-saint-denis.csv', { kind: 'eaje' })).status).toBe(
      403,
    );
    expect((await planner.fetch('/api/datasets')).status).toBe(403);
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses bad queries and an empty body with 400 in the error shape', async () => {
    for (const [query, field] of [
      [{ kind: 'nope', fileName: 'a.csv' }, 'query.kind'],
      [{ kind: 'eaje', fileName: '../a.csv' }, 'query.fileName'],
      [{ kind: 'eaje', fileName: 'a.csv', dryRun: 'yes' }, 'query.dryRun'],
      [{ kind: 'eaje', fileName: 'a.csv', checksum: 'abc' }, 'query.checksum'],
      [{ kind: 'eaje', fileName: 'a.csv' }, 'body'],
    ] as const) {
      const res = await admin.fetch(`/api/imports?${new URLSearchParams(query)}`, {
        method: 'POST',
      });
      expect(res.status, JSON.stringify(query)).toBe(400);
      const body = await res.json();
      expect(body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });
});
