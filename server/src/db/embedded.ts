import fs from 'node:fs/promises';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { DataDirLockedError, lockDataDir, type DataDirLock } from './data-dir-lock';
import { PgliteConnections } from './pglite-connections';

/**
 * The embedded PostGIS: PGlite (PostgreSQL compiled to WebAssembly) with its PostGIS extension,
 * inside this process. `pg` reaches it through in-process streams (`pglite-connections.ts`), so
 * the very same `pg`/knex code runs against it and against a real server, and nothing listens:
 * no other process or account can connect.
 *
 * On disk the data directory is the owner's only (mode 0700) and locked by one process at a
 * time (`data-dir-lock.ts`).
 *
 * PGlite runs one query at a time and, while a connection is in a transaction, serves only
 * that connection. Code inside a transaction must therefore use the transaction's connection
 * only (another connection would wait for the transaction to end: a deadlock).
 */
export interface EmbeddedPostgis {
  /** A new connection to the database, for pg's `stream` option. */
  connect(): Duplex;
  /** Where the files live, or null in memory. */
  dataDir: string | null;
  /** The lock held on `dataDir` (null in memory). */
  lock: DataDirLock | null;
  /** True when this start created the database (first start). */
  created: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Persist in this directory; omit for an in-memory database (tests). */
  dataDir?: string;
  /** A `dumpDataDir()` tarball to start from (skips the ~12 s `CREATE EXTENSION postgis`). */
  template?: Blob;
  /** Who opens the directory, as its lock will name it to a refused process. */
  command?: string;
}

/** The embedded database cannot be opened (its directory, or PGlite failing to start on it). */
export class EmbeddedOpenError extends Error {
  constructor(
    readonly dataDir: string | null,
    cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`Cannot open the embedded database${dataDir ? ` in ${dataDir}` : ''}: ${reason}`, {
      cause,
    });
    this.name = 'EmbeddedOpenError';
  }
}

export async function startEmbeddedPostgis(
  options: EmbeddedOptions = {},
): Promise<EmbeddedPostgis> {
  const dataDir = options.dataDir ?? null;
  let created = true;
  let lock: DataDirLock | null = null;
  if (dataDir) {
    try {
      await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
      // Directories made by an earlier version were world-readable: copying the files is
      // reading every row.
      await fs.chmod(dataDir, 0o700);
    } catch (error) {
      throw new EmbeddedOpenError(dataDir, error);
    }
    try {
      lock = await lockDataDir(dataDir, options.command ?? describeThisProcess());
    } catch (error) {
      if (error instanceof DataDirLockedError) throw error;
      throw new EmbeddedOpenError(dataDir, error);
    }
    created = !(await exists(path.join(dataDir, 'PG_VERSION')));
  }
  let db: PGlite;
  try {
    db = new PGlite({
      dataDir: dataDir ?? undefined,
      extensions: { postgis },
      loadDataDir: created ? options.template : undefined,
    });
    await db.waitReady;
    if (created && !options.template) await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  } catch (error) {
    await lock?.release();
    throw new EmbeddedOpenError(dataDir, error);
  }
  const connections = new PgliteConnections(db);
  return {
    connect: () => connections.connect(),
    dataDir,
    lock,
    created,
    async stop() {
      try {
        await connections.close();
        await db.close();
      } finally {
        await lock?.release();
      }
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

function describeThisProcess(): string {
  return process.argv
    .slice(1)
    .map((a) => path.basename(a))
    .join(' ');
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
