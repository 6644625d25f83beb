import fs from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase, databaseMode } from '../../test/database';
import type { Database } from './database';
import { startEmbeddedPostgis, type EmbeddedPostgis } from './embedded';

describe(`concurrent queries through the pool (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('50 concurrent queries, some with parameters large enough to arrive in pieces and some simple, each get their own answer', async () => {
    // A 300 kB parameter reaches the database in several reads (as an isochrone's polygons
    // do); a simple query (no parameters) drops the session's unnamed prepared statement. When
    // the embedded database ran another connection's exchange between a Parse and its Bind,
    // some of these failed with "unnamed prepared statement does not exist".
    const big = 'x'.repeat(300_000);
    const failures: string[] = [];
    for (let round = 0; round < 4; round++) {
      const answers = await Promise.allSettled(
        Array.from({ length: 50 }, async (_, i) => {
          if (i % 10 === 9) {
            // An SQL error in one exchange must not disturb the others.
            await expect(db.knex.raw('SELECT 1 / (?::int - ?::int) AS v', [i, i])).rejects.toThrow(
              'division by zero',
            );
            return;
          }
          const { rows } =
            i % 2 === 0
              ? await db.knex.raw('SELECT length(?::text) + ?::int AS v, ?::text AS tag', [
                  big,
                  i,
                  `q${i}`,
                ])
              : await db.knex.raw(`SELECT ${big.length + i} AS v, 'q${i}' AS tag`);
          expect(rows).toEqual([{ v: big.length + i, tag: `q${i}` }]);
        }),
      );
      for (const a of answers) if (a.status === 'rejected') failures.push(String(a.reason));
    }
    expect(failures).toEqual([]);
  });
});

describe.runIf(databaseMode === 'embedded')('in-process connections to PGlite', () => {
  let embedded: EmbeddedPostgis;
  const clients: pg.Client[] = [];
  const connect = async () => {
    const client = new pg.Client({
      stream: () => embedded.connect(),
      user: 'postgres',
      database: 'postgres',
    });
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    const template = new Blob([await fs.readFile(inject('pgliteTemplate'))]);
    embedded = await startEmbeddedPostgis({ template });
    const setup = await connect();
    await setup.query('CREATE TABLE item (n int)');
  });
  afterAll(async () => {
    for (const c of clients) await c.end().catch(() => {});
    await embedded?.stop();
  });

  const pending = async (promise: Promise<unknown>) => {
    let settled = false;
    void promise.finally(() => (settled = true)).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 150));
    return !settled;
  };

  it("an exchange written in pieces runs whole: another connection's query in between does not drop its statement", async () => {
    const b = await connect();
    const raw = embedded.connect();
    await startup(raw);
    const output = collect(raw);
    raw.write(message('P', Buffer.concat([cstring(''), cstring('SELECT $1::int + 1'), int16(0)])));
    // A simple query drops the unnamed prepared statement of the (one, shared) session.
    expect((await b.query('SELECT 5 AS v')).rows).toEqual([{ v: 5 }]);
    const value = Buffer.from('41');
    const length = Buffer.alloc(4);
    length.writeInt32BE(value.length);
    raw.write(
      message(
        'B',
        Buffer.concat([cstring(''), cstring(''), int16(0), int16(1), length, value, int16(0)]),
      ),
    );
    raw.write(message('E', Buffer.concat([cstring(''), Buffer.alloc(4)])));
    raw.write(message('S', Buffer.alloc(0)));
    const messages = await output.untilReadyForQuery();
    expect(messages.map((m) => m.type).join('')).toBe('12DCZ'); // no ErrorResponse (E)
    expect(messages[2].body.subarray(6).toString()).toBe('42'); // DataRow: 1 column, '42'
    raw.destroy();
  });

  it('a transaction holds the session: another connection waits for COMMIT, then sees the row', async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('BEGIN');
    await a.query('INSERT INTO item VALUES ($1)', [1]);
    const count = b.query('SELECT count(*)::int AS n FROM item WHERE n = 1');
    expect(await pending(count)).toBe(true);
    await a.query('COMMIT');
    expect((await count).rows).toEqual([{ n: 1 }]);
  });

  it('a connection that leaves inside a transaction is rolled back, and the others go on', async () => {
    const [a, b] = [await connect(), await connect()];
    await a.query('BEGIN');
    await a.query('INSERT INTO item VALUES ($1)', [2]);
    const count = b.query('SELECT count(*)::int AS n FROM item WHERE n = 2');
    expect(await pending(count)).toBe(true);
    await a.end();
    expect((await count).rows).toEqual([{ n: 0 }]);
    expect((await b.query('SELECT $1::int AS v', [7])).rows).toEqual([{ v: 7 }]);
  });

  it('a connection that leaves in the middle of an extended-protocol exchange leaves the session usable', async () => {
    const b = await connect();
    const raw = embedded.connect();
    await startup(raw);
    // Parse and Flush, no Sync: the exchange is open and this connection owns the session.
    raw.write(message('P', Buffer.concat([cstring(''), cstring('SELECT 1'), int16(0)])));
    raw.write(message('H', Buffer.alloc(0)));
    const parsed = await nextBytes(raw);
    expect(String.fromCharCode(parsed[0])).toBe('1'); // ParseComplete
    const answer = b.query('SELECT $1::text AS v', ['after']);
    expect(await pending(answer)).toBe(true);
    raw.destroy();
    expect((await answer).rows).toEqual([{ v: 'after' }]);
  });

  it('answers an SSL request with "no" and then serves the connection in clear (it never leaves the process)', async () => {
    const raw = embedded.connect();
    const request = Buffer.alloc(8);
    request.writeInt32BE(8, 0);
    request.writeInt32BE(80877103, 4);
    raw.write(request);
    expect((await nextBytes(raw)).toString()).toBe('N');
    await startup(raw);
    raw.destroy();
  });
});

function message(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstring = (s: string) => Buffer.from(`${s}\0`);
const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};

function nextBytes(stream: Duplex): Promise<Buffer> {
  return new Promise((resolve) => stream.once('data', resolve));
}

/** Send a startup message and wait for ReadyForQuery. */
async function startup(stream: Duplex) {
  const body = Buffer.concat([
    Buffer.from([0, 3, 0, 0]),
    cstring('user'),
    cstring('postgres'),
    cstring('database'),
    cstring('postgres'),
    Buffer.from([0]),
  ]);
  const length = Buffer.alloc(4);
  length.writeInt32BE(body.length + 4);
  stream.write(Buffer.concat([length, body]));
  let received = Buffer.alloc(0);
  while (!(received.length >= 6 && received[received.length - 6] === 'Z'.charCodeAt(0)))
    received = Buffer.concat([received, await nextBytes(stream)]);
}

/** The backend messages a raw connection receives, read until ReadyForQuery. */
function collect(stream: Duplex) {
  let received = Buffer.alloc(0);
  let waiter: (() => void) | null = null;
  stream.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    waiter?.();
  });
  const parse = () => {
    const messages: { type: string; body: Buffer }[] = [];
    for (let at = 0; at + 5 <= received.length;) {
      const end = at + 1 + received.readInt32BE(at + 1);
      if (end > received.length) break;
      messages.push({
        type: String.fromCharCode(received[at]),
        body: received.subarray(at + 5, end),
      });
      at = end;
    }
    return messages;
  };
  return {
    async untilReadyForQuery() {
      for (;;) {
        const messages = parse();
        if (messages.at(-1)?.type === 'Z') return messages;
        await new Promise<void>((resolve) => (waiter = resolve));
      }
    },
  };
}
