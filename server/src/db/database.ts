import knexFactory, { type Knex } from 'knex';
import { installStatementCancellation } from './cancellable';
import { DataChangeListener } from './data-change-listener';
import { watchDataChanges } from './data-versions';
import knexPostgis from 'knex-postgis';
import pg from 'pg';
import { redactUrl } from '../config/config';
import { detectCapabilities, type Capabilities } from './capabilities';
import type { DataDirLock } from './data-dir-lock';
import { startEmbeddedPostgis, type EmbeddedOptions } from './embedded';
import { migrate as applyMigrations } from './migrate';

// PostgreSQL returns bigint (int8) and numeric as strings by default; our counts and sums fit
// in a double, and the API must return numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export type DatabaseMode = 'embedded' | 'server';

/** What knex's pool hands to `afterCreate`: a `pg` client. */
interface PgConnection {
  query(sql: string, callback: (error: Error | null) => void): void;
}

export interface Database {
  knex: Knex;
  /** knex-postgis helpers bound to this connection. */
  st: ReturnType<typeof knexPostgis>;
  mode: DatabaseMode;
  /** Connection string with its password redacted, or the embedded data directory (safe to log). */
  displayUrl: string;
  capabilities: Capabilities;
  /** True when the embedded database was created by this start. */
  created: boolean;
  /** Migrations applied when opening. */
  migrationsApplied: string[];
  /** The lock on the embedded data directory (null in memory and in server mode). */
  lock: DataDirLock | null;
  close(): Promise<void>;
}

/** The database cannot be reached or opened: a server down, refusing us, or a data directory. */
export class DatabaseUnavailableError extends Error {
  constructor(where: string, cause: unknown) {
    super(
      `Cannot reach the database ${where}: ${cause instanceof Error ? cause.message || String(cause) : String(cause)}`,
      { cause },
    );
    this.name = 'DatabaseUnavailableError';
  }
}

export interface OpenOptions {
  /** A PostgreSQL server; when null the embedded database is started. */
  databaseUrl: string | null;
  embedded?: EmbeddedOptions;
  poolMax?: number;
  /** Apply pending migrations before anything else (default true). */
  migrate?: boolean;
  /** Where knex's warnings go (default: knex prints them on the console). */
  warn?: (message: string) => void;
  /**
   * PostgreSQL's statement_timeout on every connection, in milliseconds (absent or 0: none). The
   * server sets it so that no request holds a connection for ever; commands (imports) do not.
   * PGlite cannot interrupt a statement: the embedded database ignores it.
   */
  statementTimeoutMs?: number;
  /**
   * Server mode: keep the data version read until PostgreSQL notifies a change (a session of its
   * own listening, data-change-listener.ts) instead of reading it at every request. The API
   * server sets it; commands and tests need not. Embedded mode: no effect (reads stay in-process).
   */
  listenForDataChanges?: boolean;
}

/** How long an idle pooled connection is kept before it is closed. */
export const IDLE_CONNECTION_MS = 10 * 60_000;

/** Open the database in either mode: the rest of the code sees the same knex over `pg`. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const poolMax = options.poolMax ?? 8;
  const timeoutMs = Math.max(0, Math.round(options.statementTimeoutMs ?? 0));
  // Settings of every new connection, as one simple query (a constant: no value from outside).
  const settings = `SET jit = off${timeoutMs > 0 ? `; SET statement_timeout = ${timeoutMs}` : ''}`;
  const embedded = options.databaseUrl ? null : await startEmbeddedPostgis(options.embedded);
  const displayUrl = embedded
    ? `embedded PGlite ${embedded.dataDir ?? 'in memory'}`
    : redactUrl(options.databaseUrl!);
  const knex = knexFactory({
    client: 'pg',
    log: { warn: quietConnectionErrors(options.warn ?? ((m) => console.warn(m))) },
    connection: embedded
      ? // In-process streams: the embedded database listens on no port (see embedded.ts).
        { stream: () => embedded.connect(), user: 'postgres', database: 'postgres' }
      : { connectionString: options.databaseUrl!, application_name: 'berceau' },
    pool: {
      min: 0,
      max: poolMax,
      // Idle connections kept ten minutes rather than tarn's 30 s: a backend's first run of a
      // large statement costs far more than the next ones (its plan, the catalogue, PostGIS's
      // geodesic set-up: an isochrone's sums ~100 ms more), and a planner's requests come a
      // minute or more apart.
      idleTimeoutMillis: IDLE_CONNECTION_MS,
      // No JIT compilation: PostgreSQL compiles any query its planner costs above
      // jit_above_cost, and for the short queries of an API that is pure overhead (a z6
      // childminders tile of 35,000 communes: ~50 ms of its ~190 spent compiling).
      afterCreate(connection: PgConnection, done: (error: Error | null, c: PgConnection) => void) {
        connection.query(settings, (error) => done(error ?? null, connection));
      },
    },
  });
  installStatementCancellation(knex);
  let listener: DataChangeListener | null = null;
  try {
    const migrationsApplied = options.migrate === false ? [] : await applyMigrations(knex);
    const capabilities = await detectCapabilities(knex);
    if (!embedded && options.listenForDataChanges) {
      listener = new DataChangeListener(options.databaseUrl!);
      await listener.start();
      watchDataChanges(knex, listener);
    }
    return {
      knex,
      st: knexPostgis(knex),
      mode: embedded ? 'embedded' : 'server',
      displayUrl,
      capabilities,
      created: embedded?.created ?? false,
      migrationsApplied,
      lock: embedded?.lock ?? null,
      async close() {
        await listener?.close();
        await knex.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await listener?.close();
    await knex.destroy();
    await embedded?.stop();
    throw isConnectionFailure(error) ? new DatabaseUnavailableError(displayUrl, error) : error;
  }
}

/**
 * knex warns, with a stack, of every failed attempt to connect: once per request while a
 * server is down. The caller reports those failures itself (the HTTP edge once per outage, the
 * command line by its exit code), so they are dropped here; other warnings pass.
 */
function quietConnectionErrors(warn: (message: string) => void) {
  return (message: string) => {
    if (!/^(Acquire connection error|Connection Error): /.test(message)) warn(message);
  };
}

/** Errors of reaching a server (network, authentication, missing database), not of a query. */
function isConnectionFailure(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  if (typeof code !== 'string') return false;
  return (
    /^E(CONNREFUSED|CONNRESET|HOSTUNREACH|NETUNREACH|TIMEDOUT|NOTFOUND|AI_AGAIN|PIPE)$/.test(
      code,
    ) ||
    /^(08|28)/.test(code) || // connection exception, invalid authorization
    code === '3D000' || // the database does not exist
    /^57P0[123]$/.test(code) // shut down by an administrator, crashed, starting or stopping
  );
}

/**
 * The database cannot be reached now (down, restarting, the network cut), as opposed to a query
 * that failed: what a request answers with a 503 and `Retry-After`. The `pg` driver reports a
 * connection lost mid-query with a message and no code.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  if (isConnectionFailure(error)) return true;
  const message = (error as { message?: unknown })?.message;
  return typeof message === 'string' && /Connection terminated/.test(message);
}
