import type { Knex } from 'knex';
import { detached } from './cancellable';
import type { DataChangeListener } from './data-change-listener';
import { loadQuery } from './sql';

/**
 * Fingerprints of the loaded data (sql/queries/data_versions.sql), for what is kept in memory
 * between requests, the routing graph (features/travel) and the encoded tiles (features/tiles),
 * and for the territory list's ETag (features/coverage/routes.ts).
 */
export interface DataVersions {
  /** Fingerprint of the road network: road datasets and edge ids. */
  network: string;
  /** Fingerprint of every dataset: facilities, population, boundaries and roads. */
  data: string;
}

/**
 * The versions as they are now: read by a query that starts after this call, or, in server mode
 * with a listener (watchDataChanges), the versions last read when no change has been notified
 * since. Concurrent callers
 * share reads (every tile request asks, so a crowd would otherwise send one query each): a caller
 * that finds a read in flight, which may have started before it called, waits for the next read,
 * shared by everyone who arrived meanwhile. So at most two reads are in line per database,
 * whatever the number of requests, and none returns a version older than its call.
 */
export function fetchDataVersions(knex: Knex): Promise<DataVersions> {
  const watch = watched.get(knex);
  if (!watch) return sharedRead(knex);
  const { listener } = watch;
  if (listener.listening && watch.kept?.generation === listener.generation) {
    return Promise.resolve(watch.kept.value);
  }
  // The read below starts after this line: kept only if no change was notified since, and the
  // listener was listening all along (a change committed meanwhile bumps the generation).
  const generation = listener.generation;
  const listening = listener.listening;
  const read = sharedRead(knex);
  read.then((value) => {
    if (listening && listener.listening && listener.generation === generation) {
      watch.kept = { generation, value };
    }
  }, nothing);
  return read;
}

/**
 * Server mode: the versions read are kept while `listener` says no change was notified, so a
 * request costs no query for them (see "Several server processes" in docs/security.md).
 */
export function watchDataChanges(knex: Knex, listener: DataChangeListener): void {
  watched.set(knex, { listener, kept: null });
}

const watched = new WeakMap<
  Knex,
  { listener: DataChangeListener; kept: { generation: number; value: DataVersions } | null }
>();

function sharedRead(knex: Knex): Promise<DataVersions> {
  let reads = readsByDatabase.get(knex);
  if (!reads) {
    reads = { current: null, next: null };
    readsByDatabase.set(knex, reads);
  }
  if (!reads.current) return startRead(knex, reads);
  if (reads.next) return reads.next;
  const state = reads;
  const next = reads.current.then(nothing, nothing).then(() => {
    state.next = null;
    return startRead(knex, state);
  });
  state.next = next;
  return next;
}

interface Reads {
  /** The read in flight. */
  current: Promise<DataVersions> | null;
  /** The read that starts when the current one ends, shared by those who asked meanwhile. */
  next: Promise<DataVersions> | null;
}
const readsByDatabase = new WeakMap<Knex, Reads>();
const nothing = () => undefined;

function startRead(knex: Knex, reads: Reads): Promise<DataVersions> {
  // Shared with other requests: not stopped by the one that started it going away.
  const read = detached(() => readDataVersions(knex));
  reads.current = read;
  const ended = () => {
    if (reads.current === read) reads.current = null;
  };
  read.then(ended, ended);
  return read;
}

async function readDataVersions(knex: Knex): Promise<DataVersions> {
  const { rows } = await knex.raw(loadQuery('data_versions'));
  return { network: rows[0].network, data: rows[0].data };
}

/**
 * One value kept for the data version it was made for, made again when the version changes.
 * Concurrent asks for one version share one making; a making that fails is not kept, so the next
 * ask tries again.
 */
export class KeptForVersion<T> {
  private kept: { version: string; value: Promise<T> } | null = null;

  get(version: string, make: () => Promise<T>): Promise<T> {
    if (this.kept?.version === version) return this.kept.value;
    // Shared with every later ask: not stopped by the request that made it going away.
    const value = detached(make);
    const entry = { version, value };
    this.kept = entry;
    value.catch(() => {
      if (this.kept === entry) this.kept = null;
    });
    return value;
  }

  /** The version of the value kept (being made, or made), null when none is. */
  get version(): string | null {
    return this.kept?.version ?? null;
  }

  /** Forget the value (to free its memory at once). */
  clear(): void {
    this.kept = null;
  }
}
