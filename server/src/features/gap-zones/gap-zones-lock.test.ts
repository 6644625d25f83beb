import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import { holdAdvisoryLock } from '../../../test/locks';
import { openDatabase, type Database } from '../../db/database';
import { COLUMNS, loadRowTerritory, settableTimes } from './review/test/row-territory';
import { GapZoneService } from './service';

// Server mode: several API instances on one database compute a set of gap zones once.
const SANS_OFFRE_15 = { kind: 'sans_offre' as const, minutes: 15 };
const minutes = Array.from({ length: COLUMNS }, (_, col) => (col === 3 ? 5 : 20));

describe.runIf(databaseMode === 'server')('gap zones across API instances (server)', () => {
  let db: Database;
  let second: Database;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadRowTerritory(db.knex);
    const url = (db.knex.client.config.connection as { connectionString: string }).connectionString;
    second = await openDatabase({ databaseUrl: url, migrate: false });
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await db?.close();
  });

  const instance = (on: Database) =>
    new GapZoneService(on.knex, settableTimes(minutes), undefined, { sharedByProcesses: true });
  const clearSets = () => db.knex.raw('TRUNCATE gap_zone_set CASCADE');

  it('two instances asked together: one computes, the other reads what it stored', async () => {
    await clearSets();
    const [a, b] = [instance(db), instance(second)];
    const computes = [vi.spyOn(a, 'recompute'), vi.spyOn(b, 'recompute')];
    const [setA, setB] = await Promise.all([
      a.current(SANS_OFFRE_15, true),
      b.current(SANS_OFFRE_15, true),
    ]);
    expect(computes.map((c) => c.mock.calls.length).sort()).toEqual([0, 1]);
    expect(setB.data_version).toBe(setA.data_version);
    expect(setB.key).toBe(setA.key);
    const { rows } = await db.knex.raw(
      `SELECT count(*)::int AS n FROM gap_zone WHERE status = 'active'`,
    );
    expect(rows[0].n).toBe(2); // one zone each side of the département line, written once
  });

  it('waits while another instance holds the set’s lock, then computes it if that one did not', async () => {
    await clearSets();
    const holder = await holdAdvisoryLock(second.knex, 'berceau.gap_zone_set.sans_offre:15@fictif');
    const a = instance(db);
    const compute = vi.spyOn(a, 'recompute');
    let answered = false;
    const asked = a.current(SANS_OFFRE_15, true).then((set) => {
      answered = true;
      return set;
    });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(answered).toBe(false);
    expect(compute).not.toHaveBeenCalled();
    // The holder ends without storing the set (a crash, or new data): this instance computes it.
    await holder.release();
    const set = await asked;
    expect(compute).toHaveBeenCalledTimes(1);
    expect(set.key).toBe('sans_offre:15@fictif');
  });
});
