import { Duplex } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';

/**
 * In-process PostgreSQL connections to one PGlite: each `pg` client gets a stream (pg's
 * `stream` option) that speaks the wire protocol straight to PGlite, so nothing listens on a
 * port or a socket and no other process or account can connect.
 *
 * PGlite is ONE PostgreSQL session. Every connection shares it, and the session holds state
 * between messages: the unnamed prepared statement and portal of the extended protocol (from
 * Parse to Sync), an open transaction, a COPY in progress. A connection therefore owns the
 * session from its first message until PGlite is idle again (ReadyForQuery "I" after a Sync or
 * a simple Query); meanwhile the others wait, whole exchanges in arrival order.
 * (@electric-sql/pglite-socket schedules single messages and pins a connection only inside
 * an explicit transaction: when a large Bind arrived in two reads, another connection's
 * Parse or simple Query ran between this one's Parse and Bind, and the Bind failed with
 * "unnamed prepared statement does not exist" or bound the other statement.)
 *
 * Session settings (SET) apply to every connection, and code inside a transaction must use
 * the transaction's connection only: another would wait for the transaction to end.
 */
export class PgliteConnections {
  private readonly queue: Work[] = [];
  /** The connection whose exchange or transaction is under way: only it runs meanwhile. */
  private owner: Connection | null = null;
  private current: Connection | null = null;
  private running = false;
  private readonly connections = new Set<Connection>();

  constructor(private readonly db: PGlite) {}

  /** A new connection, for `new pg.Client({ stream: () => connections.connect() })`. */
  connect(): Duplex {
    const connection = new Connection(this);
    this.connections.add(connection);
    return connection;
  }

  /** Connections currently open. */
  get size(): number {
    return this.connections.size;
  }

  /** End every connection (their pending work is dropped) and wait for the session to settle. */
  async close(): Promise<void> {
    for (const c of [...this.connections]) c.destroy();
    while (this.running) await new Promise((resolve) => setImmediate(resolve));
  }

  /** @internal A turn of messages from `connection`, to execute when its turn comes. */
  submit(connection: Connection, messages: Buffer, endsExchange: boolean) {
    this.queue.push({ connection, messages, endsExchange });
    void this.run();
  }

  /** @internal The connection is gone: drop its work and give the session back clean. */
  disconnected(connection: Connection) {
    this.connections.delete(connection);
    for (let i = this.queue.length - 1; i >= 0; i--)
      if (this.queue[i].connection === connection) this.queue.splice(i, 1);
    // While its turn runs, execute() sees it gone when the turn ends.
    if (this.owner === connection && this.current !== connection) {
      this.owner = null;
      this.queue.unshift({ connection: null, messages: SYNC, endsExchange: true });
      void this.run();
    }
  }

  private async run() {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        const index = this.owner ? this.queue.findIndex((w) => w.connection === this.owner) : 0;
        if (index < 0 || index >= this.queue.length) break;
        const [work] = this.queue.splice(index, 1);
        if (work.connection) await this.execute(work, work.connection);
        else await this.resetSession();
      }
    } finally {
      this.running = false;
    }
  }

  private async execute(work: Work, connection: Connection) {
    this.current = connection;
    const tail = new RecentBytes(6);
    let failed = false;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(work.messages, {
          onRawData: (chunk) => {
            tail.add(chunk);
            // PGlite reuses the memory behind `chunk`: copy it.
            connection.deliver(Buffer.from(chunk));
          },
        }),
      );
    } catch (error) {
      // PGlite itself failed (an SQL error is a normal answer, not this): the connection
      // cannot know where its exchange stopped, so it ends; the session is reset for the others.
      failed = true;
      connection.destroy(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.current = null;
    }
    const idle = !failed && work.endsExchange && tail.isReadyForQuery('I');
    if (!failed && this.connections.has(connection)) {
      this.owner = idle ? null : connection;
      return;
    }
    this.owner = null;
    if (!idle) await this.resetSession();
  }

  /** End an unfinished extended-protocol exchange (Sync) and roll back an open transaction. */
  private async resetSession() {
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(SYNC, { onRawData: () => {} }),
      );
      if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    } catch {
      // The database is closing or broken: the next exchange reports it.
    }
  }
}

interface Work {
  /** null: a reset of the session after its owner left. */
  connection: Connection | null;
  messages: Buffer;
  /** The turn ends with Sync, Query, CopyDone or CopyFail: the server answers ReadyForQuery. */
  endsExchange: boolean;
}

/** Frontend message types after which the client waits for the server (a turn ends there). */
const ENDS_EXCHANGE = new Set([
  'S'.charCodeAt(0), // Sync
  'Q'.charCodeAt(0), // Query (simple protocol)
  'H'.charCodeAt(0), // Flush: the client waits for what it asked so far (and keeps the session)
  'c'.charCodeAt(0), // CopyDone
  'f'.charCodeAt(0), // CopyFail
]);
const FLUSH = 'H'.charCodeAt(0);
const TERMINATE = 'X'.charCodeAt(0);
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/** One client's end: frames its bytes into messages and submits them a turn at a time. */
class Connection extends Duplex {
  private pending: Buffer = Buffer.alloc(0);
  private started = false;
  private turn: Buffer[] = [];

  constructor(private readonly server: PgliteConnections) {
    super();
  }

  // What pg calls on a socket.
  connect() {
    process.nextTick(() => this.emit('connect'));
    return this;
  }
  setNoDelay() {
    return this;
  }
  setKeepAlive() {
    return this;
  }
  ref() {
    return this;
  }
  unref() {
    return this;
  }

  deliver(bytes: Buffer) {
    if (!this.destroyed) this.push(bytes);
  }

  override _read() {}

  override _write(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ) {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      this.frame();
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _final(callback: () => void) {
    this.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void) {
    this.server.disconnected(this);
    callback(error);
  }

  private frame() {
    for (;;) {
      if (!this.started) {
        if (this.pending.length < 8) return;
        const length = this.pending.readInt32BE(0);
        if (this.pending.length < length) return;
        const code = this.pending.readInt32BE(4);
        const message = this.takeBytes(length);
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.push(Buffer.from('N'));
        } else if (code === CANCEL_REQUEST) {
          // PGlite cannot interrupt a running statement; the request is acknowledged by closing.
          if (!this.writableEnded) this.end();
          return;
        } else {
          this.started = true;
          this.server.submit(this, Buffer.from(message), true);
        }
        continue;
      }
      if (this.pending.length < 5) return;
      const length = 1 + this.pending.readInt32BE(1);
      if (this.pending.length < length) return;
      const type = this.pending[0];
      const message = this.takeBytes(length);
      if (type === TERMINATE) {
        if (!this.writableEnded) this.end();
        return;
      }
      this.turn.push(message);
      if (ENDS_EXCHANGE.has(type)) {
        const exchange = Buffer.concat(this.turn);
        this.turn = [];
        this.server.submit(this, exchange, type !== FLUSH);
      }
    }
  }

  private takeBytes(length: number): Buffer {
    const message = this.pending.subarray(0, length);
    this.pending = this.pending.subarray(length);
    return message;
  }
}

/** The last few bytes PGlite sent for one exchange, to read its final ReadyForQuery. */
class RecentBytes {
  private bytes = Buffer.alloc(0);
  constructor(private readonly keep: number) {}

  add(chunk: Uint8Array) {
    const joined = Buffer.concat([
      this.bytes,
      chunk.subarray(Math.max(0, chunk.length - this.keep)),
    ]);
    this.bytes = joined.subarray(Math.max(0, joined.length - this.keep));
  }

  /** True when the bytes end with ReadyForQuery of this transaction status (I, T or E). */
  isReadyForQuery(status: 'I' | 'T' | 'E'): boolean {
    const b = this.bytes;
    return (
      b.length === 6 &&
      b[0] === 'Z'.charCodeAt(0) &&
      b.readInt32BE(1) === 5 &&
      b[5] === status.charCodeAt(0)
    );
  }
}
