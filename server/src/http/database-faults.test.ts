import net from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  databaseMode,
  startTestServer,
  type TestServer,
} from '../../test/database';
import type { Database } from '../db/database';
import { DatabaseOutage } from './database-outage';

/**
 * What a request answers when the database is too slow or cannot be reached: a 503 in the one
 * error shape (with `Retry-After` for an outage), one log line per outage, never the SQL.
 * Both need a PostgreSQL server: PGlite cannot interrupt a statement, and runs in the process.
 */

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

function capturingLogger() {
  const lines: LogLine[] = [];
  const logger = pino(
    { level: 'info' },
    { write: (line: string) => void lines.push(JSON.parse(line)) },
  );
  return { logger, lines };
}

/** A TCP proxy to the PostgreSQL server that a test can cut (an outage) and restore. */
async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let server: net.Server;
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(target);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
  const port = await listen(0);
  return {
    port,
    /** Refuse new connections and drop the open ones, as a stopped server does. */
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
    restore: () => listen(port),
  };
}

const get = async (server: TestServer, path: string) => {
  const res = await fetch(`${server.baseUrl}${path}`);
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.json() };
};

describe('the outage log', () => {
  it('logs the first refused request of an outage and its end, nothing in between', () => {
    const { logger, lines } = capturingLogger();
    let now = 1000;
    const outage = new DatabaseOutage(logger, () => now);
    outage.answered();
    expect(lines).toEqual([]);
    for (let i = 0; i < 50; i++)
      outage.refusedOne(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }));
    now = 4000;
    outage.answered();
    outage.answered();
    expect(
      lines.map(({ level, msg, code, downMs, refusedRequests }) => ({
        level,
        msg,
        code,
        downMs,
        refusedRequests,
      })),
    ).toEqual([
      {
        level: 50,
        msg: expect.stringMatching(/^database unreachable/),
        code: 'ECONNREFUSED',
        downMs: undefined,
        refusedRequests: undefined,
      },
      {
        level: 40,
        msg: 'database reachable again',
        code: undefined,
        downMs: 3000,
        refusedRequests: 50,
      },
    ]);
  });
});

describe.skipIf(databaseMode === 'embedded')(
  `a slow or unreachable database (${databaseMode})`,
  () => {
    let db: Database | undefined;
    let server: TestServer | undefined;
    afterEach(async () => {
      await server?.close();
      await db?.close();
      server = db = undefined;
    });

    it('a statement past the timeout is cancelled and answered 503 database_timeout, logged without SQL', async () => {
      const { logger, lines } = capturingLogger();
      db = await createTestDatabase({ statementTimeoutMs: 300 });
      server = await startTestServer(db, undefined, null, { logger });
      expect((await get(server, '/api/health')).status).toBe(200);
      // Another transaction holds the datasets table: the health query waits, then times out.
      const trx = await db.knex.transaction();
      try {
        await trx.raw('LOCK TABLE dataset IN ACCESS EXCLUSIVE MODE');
        const started = performance.now();
        const slow = await get(server, '/api/health');
        expect(slow.status).toBe(503);
        expect(slow.body.error.code).toBe('database_timeout');
        expect(performance.now() - started).toBeLessThan(10_000);
      } finally {
        await trx.rollback();
      }
      expect((await get(server, '/api/health')).status).toBe(200);
      const warnings = lines.filter((l) => l.level >= 40);
      expect(warnings.map((l) => [l.msg, l.path])).toEqual([['statement timeout', '/api/health']]);
      expect(JSON.stringify(lines)).not.toMatch(/select|from "?dataset/i);
    });

    it('an outage answers 503 with Retry-After, is logged once without SQL, and ends by itself', async () => {
      const { logger, lines } = capturingLogger();
      const admin = new URL(process.env.DATABASE_URL!);
      const proxy = await startProxy({ host: admin.hostname, port: Number(admin.port || 5432) });
      db = await createTestDatabase({ port: proxy.port });
      server = await startTestServer(db, undefined, null, { logger });
      expect((await get(server, '/api/health')).status).toBe(200);

      await proxy.cut();
      for (let i = 0; i < 20; i++) {
        const answer = await get(server, '/api/territories?level=epci');
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toBe('5');
        expect(answer.body.error.code).toBe('database_unavailable');
      }
      expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([
        expect.stringMatching(/^database unreachable: answering 503/),
      ]);

      await proxy.restore();
      // The pool drops its dead connections and opens new ones: no restart needed.
      await expect
        .poll(async () => (await get(server!, '/api/health')).status, { timeout: 10_000 })
        .toBe(200);
      const logged = lines.filter((l) => l.level >= 40);
      expect(logged.map((l) => l.msg)).toEqual([
        expect.stringMatching(/^database unreachable/),
        'database reachable again',
      ]);
      expect(logged[1].refusedRequests).toBeGreaterThanOrEqual(20);
      expect(JSON.stringify(lines)).not.toMatch(/select|territor(y|ies)\b.*from/i);
    });
  },
);
