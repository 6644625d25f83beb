import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';

/** What toProperties does (territories.ts): the rule served_round must follow in SQL. */
const mathRound = (x: number, scale: number) => Math.round(x * scale) / scale;

describe(`served_round, the SQL rounding of served figures (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('rounds as Math.round does: halves up, the same float products, NULL kept', async () => {
    // Halves and near-halves where round(float8) (halves to even) or round(numeric) (on the
    // decimal text) would differ from JavaScript, then values as the figures make them
    // (places × 0.81, rates = 100 × places / children).
    const values = [
      0, 0.125, 0.005, 1.005, 2.675, 1.45, 0.05, 0.15, 0.25, 0.35, 12.345, 99.995, 1e-9, 2.5,
      123456.785, 0.285, 1.115, 4.35, 8.325, 1.0049999999999999,
    ];
    for (let i = 1; i <= 400; i++) values.push(0.81 * i, (100 * (i % 37)) / ((i % 23) + 1));
    for (const scale of [10, 100]) {
      const { rows } = await db.knex.raw<{ rows: { v: number | null }[] }>(
        'SELECT served_round(x, ?) AS v FROM unnest(?::float8[]) WITH ORDINALITY AS t(x, i) ORDER BY i',
        [scale, values],
      );
      const sql = rows.map((r) => r.v);
      expect(sql).toEqual(values.map((x) => mathRound(x, scale)));
      // Where PostgreSQL's own round() would have differed: the cases this function exists for.
      expect(sql[1]).toBe(scale === 100 ? 0.13 : 0.1);
    }
    const { rows } = await db.knex.raw('SELECT served_round(NULL, 10) AS v');
    expect(rows[0].v).toBeNull();
  });
});
