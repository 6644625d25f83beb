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
    }
    // Where PostgreSQL's own roundings answer otherwise, the cases this function exists for:
    // round(float8) takes halves to even (0.125 → 0.12, 0.25 → 0.2), round(numeric) rounds the
    // decimal text (1.005 → 1.01; Math.round sees 1.00499… and gives 1).
    const { rows: cases } = await db.knex.raw(
      `SELECT served_round(0.125, 100) AS a, round(0.125::float8 * 100) / 100 AS a_rint,
              served_round(0.25, 10) AS b, round(0.25::float8 * 10) / 10 AS b_rint,
              served_round(1.005, 100) AS c, round(1.005::float8::numeric, 2)::float8 AS c_numeric`,
    );
    expect(cases[0]).toEqual({ a: 0.13, a_rint: 0.12, b: 0.3, b_rint: 0.2, c: 1, c_numeric: 1.01 });
    const { rows } = await db.knex.raw('SELECT served_round(NULL, 10) AS v');
    expect(rows[0].v).toBeNull();
  });
});
