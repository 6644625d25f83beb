import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../test/database';
import { signedIn, type Browser } from '../../test/sign-in';
import type { Database } from '../db/database';

const REQUEST_TIMEOUT_MS = 500;
const UPLOAD_TIMEOUT_MS = 20_000;
/** Each slow body arrives in this many pieces, this far apart: well past the request limit. */
const PIECES = 6;
const GAP_MS = 300;

const FILE = path.join(
  import.meta.dirname,
  '../features/imports/test/fixtures/boundaries-seine-saint-denis.geojson',
);

/** POST `body` to `url` in {@link PIECES} pieces {@link GAP_MS} apart, as a slow line would. */
function slowPost(url: string, headers: Record<string, string>, body: Buffer) {
  const started = performance.now();
  return new Promise<{ status: number; body: string; elapsed_ms: number }>((resolve, reject) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(body.length) },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, body: text, elapsed_ms: performance.now() - started }),
      );
      res.on('error', reject);
    });
    // The server closing the connection mid-body is expected once it has answered.
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    const size = Math.ceil(body.length / PIECES);
    let i = 0;
    const next = () => {
      if (req.destroyed) return;
      const piece = body.subarray(i * size, (i + 1) * size);
      i += 1;
      if (i >= PIECES) req.end(piece);
      else {
        req.write(piece);
        setTimeout(next, GAP_MS);
      }
    };
    next();
  });
}

/**
 * An administrator's upload that takes longer to arrive than other requests may is not cut:
 * it has its own limit (BERCEAU_UPLOAD_TIMEOUT_MS), every other route keeps the request limit
 * (BERCEAU_REQUEST_TIMEOUT_MS, Node's 300 s by default), here shortened so that the test is quick.
 */
describe(`how long a request may take to arrive (${databaseMode})`, () => {
  let db: Database;
  let server: TestServer;
  let admin: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    server = await startTestServer(db, undefined, null, {
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      uploadTimeoutMs: UPLOAD_TIMEOUT_MS,
    });
    admin = await signedIn(db, server.baseUrl, { login: 'admin', role: 'admin' });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  const adminHeaders = () => ({
    cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    'x-csrf-token': admin.csrfToken!,
  });

  it('receives an upload slower than the request limit, checks it and answers its report', async () => {
    const file = await fs.readFile(FILE);
    const query = new URLSearchParams({
      kind: 'boundaries',
      fileName: 'boundaries-seine-saint-denis.geojson',
      dryRun: 'true',
    });
    const answer = await slowPost(
      `${server.baseUrl}/api/imports?${query}`,
      { ...adminHeaders(), 'content-type': 'application/octet-stream' },
      file,
    );
    expect(answer.elapsed_ms).toBeGreaterThan(REQUEST_TIMEOUT_MS * 2);
    expect(answer.status, answer.body).toBe(200);
    const report = JSON.parse(answer.body);
    expect(report).toMatchObject({ status: 'dry-run', kind: 'boundaries', rejected: 0 });
    expect(report.rowsRead).toBeGreaterThan(0);
  });

  it('cuts any other request as slow with a 408 in the one error shape', async () => {
    const body = Buffer.from(JSON.stringify({ login: 'admin', password: 'x'.repeat(200) }));
    const answer = await slowPost(
      `${server.baseUrl}/api/session`,
      { ...adminHeaders(), 'content-type': 'application/json' },
      body,
    );
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body).error.code).toBe('request_timeout');
    expect(answer.elapsed_ms).toBeLessThan(PIECES * GAP_MS);
    // A request that arrives in time is answered as usual.
    expect((await admin.fetch('/api/session')).status).toBe(200);
  });
});
