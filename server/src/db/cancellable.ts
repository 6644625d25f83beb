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
 */
export async function rawCancellable<T = { rows: Record<string, unknown>[] }>(
  knex: Knex,
  sql: string,
  bindings: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<T> {
  if (!signal) return (await knex.raw(sql, bindings as Knex.ValueDict)) as T;
  signal.throwIfAborted();
  if (isEmbedded(knex)) {
    const result = (await knex.raw(sql, bindings as Knex.ValueDict)) as T;
    signal.throwIfAborted();
    return result;
  }
  const client = knex.client as KnexClientInternals;
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
    return (await knex.raw(sql, bindings as Knex.ValueDict).connection(connection)) as T;
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
type RawConnection = { __knex__disposed?: Error } & Record<string, unknown>;
