import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { loadDemo } from '../demo/service';
import { TravelService } from './service';

describe(`road network cache (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('without roads, travel answers say so (404 no_roads) instead of routing on nothing', async () => {
    const service = new TravelService(db.knex);
    await expect(service.network()).rejects.toMatchObject({ status: 404, code: 'no_roads' });
  });

  it('concurrent first requests share one graph build, later ones reuse it', async () => {
    await loadDemo(db, { seed: 42 });
    const service = new TravelService(db.knex);
    const [a, b, c] = await Promise.all([service.network(), service.network(), service.network()]);
    expect(b.network).toBe(a.network);
    expect(c.network).toBe(a.network);
    const { rows } = await db.knex.raw('SELECT count(*) AS n FROM road_edge');
    expect(a.network.graph.edgeCount).toBe(rows[0].n);
    expect((await service.network()).network).toBe(a.network);
  });

  it('a changed network (an edge removed, or the demo loaded again) is rebuilt at the next request', async () => {
    const service = new TravelService(db.knex);
    const before = (await service.network()).network;
    await db.knex.raw('DELETE FROM road_edge WHERE id = (SELECT max(id) FROM road_edge)');
    const after = (await service.network()).network;
    expect(after).not.toBe(before);
    expect(after.graph.edgeCount).toBe(before.graph.edgeCount - 1);
    await loadDemo(db, { seed: 42 });
    const reloaded = (await service.network()).network;
    expect(reloaded).not.toBe(after);
    expect(reloaded.graph.edgeCount).toBe(before.graph.edgeCount);
  });

  it('the nearest-place search is computed once per (data, year, target, min_places, mode)', async () => {
    const service = new TravelService(db.knex);
    const current = await service.network();
    const q = { year: 2024, target: 'formal' as const, minPlaces: 1, mode: 'car' as const };
    const [first, second] = await Promise.all([
      service.nearestSearch(current, q),
      service.nearestSearch(current, q),
    ]);
    expect(second).toBe(first);
    const walk = await service.nearestSearch(current, { ...q, mode: 'walk' });
    expect(walk).not.toBe(first);
    expect(walk.search.mode).toBe('walk');
    await loadDemo(db, { seed: 42 }); // new datasets' import times: a new data version
    const again = await service.nearestSearch(await service.network(), q);
    expect(again).not.toBe(first);
    expect(again.targets.length).toBe(first.targets.length);
  });
});
