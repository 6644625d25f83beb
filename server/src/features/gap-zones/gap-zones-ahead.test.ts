import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startTestServer } from '../../../test/database';
import { fetchDataVersions } from '../../db/data-versions';
import type { Database } from '../../db/database';
import { tileContaining } from '../../domain/tiles/tile-id';
import { loadDemo } from '../demo/service';

/**
 * The `gapzones` layer's zones, prepared by the server in the background (at start, and when a
 * tile request meets a new data version) so that no visitor's tile waits for their computation.
 */
describe('gap zones prepared ahead of their tiles', () => {
  let db: Database;
  /** The demo's set of the tile layer's criterion (the demo is on the fictional side). */
  const storedSet = async (): Promise<{ data_version: string; year: number } | null> =>
    (await db.knex('gap_zone_set').where({ key: 'sans_offre:15@fictif' }).first()) ?? null;
  const dataVersion = async () => (await fetchDataVersions(db.knex)).data;
  let communeTile: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db, { seed: 42 });
    const { rows } = await db.knex.raw(
      `SELECT ST_X(p) lon, ST_Y(p) lat FROM (SELECT ST_PointOnSurface(geom) p FROM commune ORDER BY code LIMIT 1) s`,
    );
    const { z, x, y } = tileContaining([rows[0].lon, rows[0].lat], 12);
    communeTile = `/api/tiles/communes/${z}/${x}/${y}.mvt`;
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('are not computed by an app that does not prepare ahead until a gapzones tile asks', async () => {
    const server = await startTestServer(db, '/nonexistent', null, { tileCacheMb: 8 });
    try {
      await server.startupWork();
      expect((await fetch(`${server.baseUrl}${communeTile}`)).status).toBe(200);
      await server.startupWork();
      expect(await storedSet()).toBeNull();
    } finally {
      await server.close();
    }
  });

  it('are computed at start, before any tile, then again in the background when a tile request meets new data', async () => {
    const server = await startTestServer(db, '/nonexistent', null, {
      tileCacheMb: 8,
      prepareAhead: true,
    });
    try {
      await server.startupWork();
      const atStart = await storedSet();
      expect(atStart).toMatchObject({ data_version: await dataVersion(), year: 2024 });

      // The crèches re-imported (by another process, say): a new data version.
      await db.knex.raw(
        `UPDATE dataset SET imported_at = imported_at + interval '1 second' WHERE kind = 'eaje'`,
      );
      const version = await dataVersion();
      expect(version).not.toBe(atStart!.data_version);
      // A tile of another layer is the first request to meet it: the zones follow, unasked.
      expect((await fetch(`${server.baseUrl}${communeTile}`)).status).toBe(200);
      await expect
        .poll(async () => (await storedSet())?.data_version, { timeout: 90_000, interval: 200 })
        .toBe(version);
    } finally {
      await server.close();
    }
  }, 120_000);
});
