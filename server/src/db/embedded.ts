import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * The embedded PostGIS: PGlite (PostgreSQL compiled to WebAssembly) with its PostGIS extension,
 * served over the PostgreSQL wire protocol on a loopback port so that the very same `pg`/knex
 * code runs against it and against a real server.
 *
 * PGlite runs one query at a time; the socket server queues queries from several connections
 * and, while one connection is inside a transaction, serves only that connection. Code inside
 * a transaction must therefore use the transaction's connection only (another connection would
 * wait for the transaction to end: a deadlock).
 */
export interface EmbeddedPostgis {
  /** Connection string for `pg` (no password: the port listens on 127.0.0.1 only). */
  url: string;
  /** Where the files live, or null in memory. */
  dataDir: string | null;
  /** True when this start created the database (first start). */
  created: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Persist in this directory; omit for an in-memory database (tests). */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (skips the ~12 s `CREATE EXTENSION postgis`). */
  template?: Blob;
  /** Concurrent connections accepted; must be at least the pool size. */
  maxConnections?: number;
}

export async function startEmbeddedPostgis(
  options: EmbeddedOptions = {},
): Promise<EmbeddedPostgis> {
  let created = true;
  if (options.dataDir) {
    created = !(await exists(path.join(options.dataDir, 'PG_VERSION')));
    await fs.mkdir(options.dataDir, { recursive: true });
  }
  const db = new PGlite({
    dataDir: options.dataDir,
    extensions: { postgis },
    loadDataDir: created ? options.template : undefined,
  });
  await db.waitReady;
  if (created && !options.template) await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');

  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: options.maxConnections ?? 16,
  });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    dataDir: options.dataDir ?? null,
    created,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** A fresh in-memory PGlite with PostGIS created, dumped as a tarball to start others from. */
export async function createPostgisTemplate(): Promise<Blob> {
  const db = new PGlite({ extensions: { postgis } });
  await db.waitReady;
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  return dump;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
