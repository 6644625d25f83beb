import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../test/database';
import { DataChangeListener } from './data-change-listener';
import { openDatabase, type Database } from './database';
import { fetchDataVersions, watchDataChanges } from './data-versions';

// The data version kept between requests while PostgreSQL notifies no change (server mode), and
// read again at every request whenever the listening session is lost.

const stamp = (db: Database, key: string) =>
  db
    .knex('dataset')
    .where({ key })
    .update({ imported_at: db.knex.raw(`now() + interval '1 s'`) });

async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe(`data version kept until a change is notified (${databaseMode} mode)`, () => {
  let db: Database;
  let other: Database | null = null;
  let listener: DataChangeListener | null = null;
  const statements: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.knex.raw(
      `INSERT INTO dataset (key, kind, name, source, licence, vintage, fictional)
       VALUES ('test:a', 'eaje', 'A', 'test', 'test', '2024', true)`,
    );
    db.knex.on('query', (q: { sql: string }) => statements.push(q.sql));
  }, 120_000);
  afterAll(async () => {
    await listener?.close();
    await other?.close();
    await db?.close();
  });
  const versionReads = () => statements.filter((sql) => sql.includes('AS network')).length;

  it('without a listener, reads the version at every call and sees a change at once', async () => {
    const before = await fetchDataVersions(db.knex);
    const reads = versionReads();
    await fetchDataVersions(db.knex);
    expect(versionReads()).toBe(reads + 1);
    await stamp(db, 'test:a');
    expect((await fetchDataVersions(db.knex)).data).not.toBe(before.data);
  });

  it.runIf(databaseMode === 'server')(
    'with a listener: no read until another process commits a change, then the new version',
    async () => {
      const url = (db.knex.client.config.connection as { connectionString: string })
        .connectionString;
      listener = new DataChangeListener(url, 100);
      await listener.start();
      expect(listener.listening).toBe(true);
      watchDataChanges(db.knex, listener);
      const before = await fetchDataVersions(db.knex);
      const reads = versionReads();
      for (let i = 0; i < 20; i++) expect(await fetchDataVersions(db.knex)).toEqual(before);
      expect(versionReads()).toBe(reads);

      // Another API process (or the command line) imports.
      other = await openDatabase({ databaseUrl: url, migrate: false });
      await stamp(other, 'test:a');
      await until(async () => (await fetchDataVersions(db.knex)).data !== before.data);
      const after = await fetchDataVersions(db.knex);
      const readsAfter = versionReads();
      await fetchDataVersions(db.knex);
      expect(versionReads()).toBe(readsAfter);

      // The listening session is lost: every call reads, so a change made meanwhile is seen at
      // once; once it listens again, the version is kept again.
      const pid = await listener.backendPid();
      await other.knex.raw('SELECT pg_terminate_backend(?)', [pid]);
      await until(async () => !listener!.listening);
      await stamp(other, 'test:a');
      const meanwhile = await fetchDataVersions(db.knex);
      expect(meanwhile.data).not.toBe(after.data);
      await until(async () => listener!.listening);
      await fetchDataVersions(db.knex);
      const readsListening = versionReads();
      expect(await fetchDataVersions(db.knex)).toEqual(meanwhile);
      expect(versionReads()).toBe(readsListening);
    },
    60_000,
  );
});
