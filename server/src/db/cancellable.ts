import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

/**
 * `knex.raw(sql, bindings)` that stops when `signal` aborts (the client went away).
 *
 * On a PostgreSQL server the statement runs on a connection of its own from the pool, and an
 * abort while it runs asks PostgreSQL to cancel it with knex's own `cancelQuery` (the
 * `pg_cancel_backend` of that backend, from a fresh connection, as knex's cancel-on-timeout
 * does); the connection goes back to the pool only once the cancel is done, so a late cancel
 * can never reach another request's statement. knex has no AbortSignal of its own.
 *
 * The embedded database (PGlite) runs one statement at a time in this process and cannot
 * interrupt one: the statement runs to its end, and the signal is only checked before and after.
 *
 * With `prepared`, the statement is a named prepared statement of each connection (prepared on
 * its first use there): PostgreSQL then plans it once for all its executions rather than at each
 * (a long statement of many steps takes milliseconds to plan). Only for a statement whose best
 * plan does not depend on its values; one name per SQL text. Server only: the embedded
 * database is one session that all its connections share (pglite-connections.ts), where each
 * would prepare the same name again.
 *
 * With `generic` too, the prepared statement runs with its generic plan (`plan_cache_mode`
 * set for its execution only, then reset): PostgreSQL otherwise plans again at every execution
 * a statement whose generic plan it guesses dearer (arrays of unknown length), though that plan
 * runs as fast. Not for the whole connection: knex's unnamed statements would follow it.
 */
export async function rawCancellable<T = { rows: Record<string, unknown>[] }>(
  knex: Knex,
  sql: string,
  bindings: Record<string, unknown>,
  signal?: AbortSignal,
  { prepared, generic = false }: { prepared?: string; generic?: boolean } = {},
): Promise<T> {
  const client = knex.client as KnexClientInternals;
  const named = prepared && !isEmbedded(knex) ? prepared : null;
  const run = (connection?: RawConnection): Promise<T> => {
    if (!named) {
      const query = knex.raw(sql, bindings as Knex.ValueDict);
      return (connection ? query.connection(connection) : query) as unknown as Promise<T>;
    }
    const native = knex
      .raw(sql, bindings as Knex.ValueDict)
      .toSQL()
      .toNative();
    const text = { name: named, text: native.sql, values: native.bindings };
    const execute = async (on: RawConnection): Promise<T> => {
      if (!generic) return (await on.query(text)) as T;
      await on.query('SET plan_cache_mode = force_generic_plan');
      try {
        return (await on.query(text)) as T;
      } finally {
        await on.query('RESET plan_cache_mode').catch(() => {
          // Not reset (cancelled, or the connection broke): never reuse it.
          on.__knex__disposed = new Error('plan_cache_mode not reset');
        });
      }
    };
    if (connection) return execute(connection);
    return (async () => {
      const own = await client.acquireConnection();
      try {
        return await execute(own);
      } finally {
        await client.releaseConnection(own);
      }
    })();
  };
  if (!signal) return run();
  signal.throwIfAborted();
  if (isEmbedded(knex)) {
    const result = await run();
    signal.throwIfAborted();
    return result;
  }
  const connection = await client.acquireConnection();
  let running = true;
  let cancelling: Promise<unknown> = Promise.resolve();
  const cancel = () => {
    if (!running) return;
    cancelling = client.cancelQuery(connection).catch(() => {
      // Not cancelled: never give this connection to another request.
      connection.__knex__disposed = new Error('cancel failed');
    });
  };
  signal.addEventListener('abort', cancel, { once: true });
  try {
    signal.throwIfAborted();
    return await run(connection);
  } finally {
    running = false;
    signal.removeEventListener('abort', cancel);
    await cancelling;
    await client.releaseConnection(connection);
  }
}

/** The embedded database: its connections are in-process streams (see database.ts). */
function isEmbedded(knex: Knex): boolean {
  const connection = (knex.client as KnexClientInternals).config.connection;
  return typeof connection === 'object' && connection !== null && 'stream' in connection;
}

/** The parts of knex's client used here (public on the client object, not in its types). */
interface KnexClientInternals {
  config: { connection?: unknown };
  acquireConnection(): Promise<RawConnection>;
  releaseConnection(connection: RawConnection): Promise<void>;
  cancelQuery(connection: RawConnection): Promise<unknown>;
}
type RawConnection = {
  __knex__disposed?: Error;
  /** pg's Client.query (a named statement: prepared once per connection). */
  query(q: { name: string; text: string; values: readonly unknown[] } | string): Promise<unknown>;
} & Record<string, unknown>;

/**
 * The signal of the request whose statements run here (see {@link cancelStatementsOf}): every
 * statement that knex starts in this async context stops when it aborts.
 */
const statementSignal = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs `work` so that every SQL statement it starts, on any knex installed with
 * {@link installStatementCancellation}, stops when `signal` aborts: one not started yet is
 * never started, and one running on a PostgreSQL server is cancelled (`pg_cancel_backend`, as
 * {@link rawCancellable}). The embedded database cannot interrupt a statement: the running one
 * ends, and the request's following ones, queued behind other requests' on its one connection,
 * are not started.
 */
export function cancelStatementsOf<T>(signal: AbortSignal | undefined, work: () => T): T {
  return signal ? statementSignal.run(signal, work) : work();
}

/**
 * Runs `work` outside any request's signal: work shared by several requests (a read or a
 * computation that others wait for) must not stop because the one that started it went away.
 */
export function detached<T>(work: () => T): T {
  return statementSignal.exit(work);
}

/**
 * Makes `knex` honour {@link cancelStatementsOf}: each statement reads the signal of the context
 * it starts in. On a server, the connection goes back to the pool only once a cancel is done,
 * so a late cancel never reaches another request's statement.
 */
export function installStatementCancellation(knex: Knex): void {
  const client = knex.client as KnexClientInternals & {
    _query(connection: RawConnection, query: unknown): Promise<unknown>;
  };
  const query = client._query.bind(client);
  const embedded = isEmbedded(knex);
  client._query = async (connection, obj) => {
    const signal = statementSignal.getStore();
    if (!signal) return query(connection, obj);
    signal.throwIfAborted();
    if (embedded) return query(connection, obj);
    let running = true;
    let cancelling: Promise<unknown> = Promise.resolve();
    const cancel = () => {
      if (!running) return;
      // knex's cancel runs a statement of its own, which must not read this signal.
      cancelling = detached(() => client.cancelQuery(connection)).catch(() => {
        connection.__knex__disposed = new Error('cancel failed');
      });
    };
    signal.addEventListener('abort', cancel, { once: true });
    try {
      return await query(connection, obj);
    } finally {
      running = false;
      signal.removeEventListener('abort', cancel);
      await cancelling;
    }
  };
}
