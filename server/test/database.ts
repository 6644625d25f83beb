import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import knexFactory from 'knex';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/db/database';
import type { RoutingPool } from '../src/features/travel/routing-pool';
import type { OptimiserPool } from '../src/features/site-selection/optimiser-pool';
import { createApp, startupWork } from '../src/http/app';
import { leaveRequestTimeoutToApp } from '../src/http/request-timeout';
import { createLogger, type Logger } from '../src/logging/logger';
import { AnswerLog } from './contract';

/** The database mode this run tests: `server` when DATABASE_URL is set, else `embedded`. */
export const databaseMode = inject('databaseMode');

/**
 * A fresh, migrated database of its own for one test file: an in-memory PGlite (embedded mode)
 * or a new database created on the PostgreSQL server of DATABASE_URL (server mode), dropped
 * on close. Tests therefore never share or leak state.
 */
export async function createTestDatabase({
  statementTimeoutMs,
  port,
}: {
  /** As the server sets it (see openDatabase). */
  statementTimeoutMs?: number;
  /** Server mode: reach the server on this port (a proxy a test can cut) rather than its own. */
  port?: number;
} = {}): Promise<Database> {
  if (databaseMode === 'embedded') {
    const template = new Blob([await fs.readFile(inject('pgliteTemplate'))]);
    return openDatabase({ databaseUrl: null, embedded: { template }, statementTimeoutMs });
  }
  const adminUrl = process.env.DATABASE_URL!;
  const name = `berceau_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
  try {
    await admin.raw('CREATE DATABASE ??', [name]);
  } finally {
    await admin.destroy();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (port !== undefined) url.port = String(port);
  const db = await openDatabase({ databaseUrl: url.toString(), statementTimeoutMs });
  return {
    ...db,
    async close() {
      await db.close();
      const again = knexFactory({ client: 'pg', connection: adminUrl, pool: { min: 0, max: 1 } });
      try {
        await again.raw('DROP DATABASE IF EXISTS ?? WITH (FORCE)', [name]);
      } finally {
        await again.destroy();
      }
    },
  };
}

export interface TestServer {
  baseUrl: string;
  close(): Promise<void>;
  /** Settles when the app's start-up work (http/app.ts `startupWork`) is done. */
  startupWork(): Promise<void>;
}

/**
 * The real HTTP app on a random loopback port over `db`. Every answer is checked against the
 * API contract (server/test/contract.ts): `close()` fails, and with it the test file, when an
 * answer did not match (closing `db` first: the caller's clean-up stops at the failure).
 */
export async function startTestServer(
  db: Database,
  clientDir = '/nonexistent',
  basemapStyleUrl: string | null = null,
  {
    tileCacheMb = 0,
    heavyRequestsPerMinute = 0,
    logger = createLogger('silent'),
    chromiumPath,
    routing,
    optimiser,
    requestTimeoutMs,
    uploadTimeoutMs,
    tileStore = false,
    prepareAhead = false,
  }: {
    tileCacheMb?: number;
    /** The gap zones' tiles prepared in the background, as the server does (off by default). */
    prepareAhead?: boolean;
    /** The tile store (docs/tiles.md; off by default here). */
    tileStore?: boolean;
    /** The rate limit of heavy endpoints (0, the default: none). */
    heavyRequestsPerMinute?: number;
    /** Where the app logs (silent by default); tests of what is logged pass their own. */
    logger?: Logger;
    /** Chromium for the PDF report; absent: /usr/bin/chromium. */
    chromiumPath?: string | null;
    /** Routing worker threads (absent: routing in the request thread). */
    routing?: RoutingPool;
    /** Optimiser worker threads (absent: the optimiser runs in the request thread). */
    optimiser?: OptimiserPool;
    /** How long a request, and an upload, may take to arrive (absent: the app sets no limit). */
    requestTimeoutMs?: number;
    uploadTimeoutMs?: number;
  } = {},
): Promise<TestServer> {
  const app = createApp({
    config: {
      clientDir,
      basemapStyleUrl,
      tileCacheMb,
      heavyRequestsPerMinute,
      chromiumPath,
      requestTimeoutMs,
      uploadTimeoutMs,
      tileStore,
    },
    db,
    logger,
    routing,
    optimiser,
    prepareAhead,
  });
  const answers = new AnswerLog();
  const server = http.createServer((req, res) => {
    answers.record(req, res);
    app(req, res);
  });
  // Idle connections stay open until the server closes: a test whose event loop is busy for
  // longer than a keep-alive timeout (a demo reload in embedded mode) would otherwise reuse a
  // socket the server has just closed (ECONNRESET).
  server.keepAliveTimeout = 0;
  leaveRequestTimeoutToApp(server);
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    startupWork: () => startupWork(app),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      const problems = answers.problems();
      if (problems.length > 0) {
        await db.close();
        throw new Error(`answers that do not match the API contract:\n${problems.join('\n')}`);
      }
    },
  };
}
