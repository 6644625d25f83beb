import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseMode } from '../../../test/database';
import type { Database } from '../../db/database';
import { NotFound } from '../../domain/errors';
import { buildGraph, departureSeeds, isochroneSearch, snapToNetwork } from '../../domain/routing';
import { gridCity } from '../../domain/routing/test-fixtures';
import { loadDemo } from '../demo/service';
import { contractInSlices } from './network';
import { TravelService } from './service';

describe(`road network cache (${databaseMode})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('without roads, travel answers say so (NotFound no_roads) instead of routing on nothing', async () => {
    const service = new TravelService(db.knex);
    const failure = service.network(true);
    await expect(failure).rejects.toBeInstanceOf(NotFound);
    await expect(failure).rejects.toMatchObject({ code: 'no_roads' });
  });

  it('concurrent first requests share one graph build, later ones reuse it', async () => {
    await loadDemo(db, { seed: 42 });
    const service = new TravelService(db.knex);
    const [a, b, c] = await Promise.all([
      service.network(true),
      service.network(true),
      service.network(true),
    ]);
    expect(b.network).toBe(a.network);
    expect(c.network).toBe(a.network);
    const { rows } = await db.knex.raw('SELECT count(*) AS n FROM road_edge');
    expect(a.network.graph.edgeCount).toBe(rows[0].n);
    expect((await service.network(true)).network).toBe(a.network);
  });

  it('a changed network (an edge removed, or the demo loaded again) is rebuilt at the next request', async () => {
    const service = new TravelService(db.knex);
    const before = (await service.network(true)).network;
    await db.knex.raw('DELETE FROM road_edge WHERE id = (SELECT max(id) FROM road_edge)');
    const after = (await service.network(true)).network;
    expect(after).not.toBe(before);
    expect(after.graph.edgeCount).toBe(before.graph.edgeCount - 1);
    await loadDemo(db, { seed: 42 });
    const reloaded = (await service.network(true)).network;
    expect(reloaded).not.toBe(after);
    expect(reloaded.graph.edgeCount).toBe(before.graph.edgeCount);
  });

  it('contracts the car hierarchy in the background on the first call for a sweep, then sweeps it', async () => {
    const service = new TravelService(db.knex);
    const { network } = await service.network(true);
    expect(service.networks.sweepFor(network)).toBeNull(); // starts the contraction
    await service.networks.hierarchyBuilt();
    const sweep = service.networks.sweepFor(network)!;
    expect(sweep.hierarchy.graph).toBe(network.graph);
    expect(sweep.hierarchy.mode).toBe('car');
    expect(service.networks.sweepFor(network)).toBe(sweep);
    const { graph, router } = network;
    const u = Math.floor(graph.nodeCount / 2);
    const snapped = snapToNetwork(graph, { lon: graph.nodeLon[u], lat: graph.nodeLat[u] }, 'car');
    if (!snapped.reachable) throw new Error(snapped.message);
    // Three hours' drive reach most of the demo's junctions, its hamlets and farms included
    // (the sweep is for such searches).
    const maxSeconds = 3 * 3600;
    const viaRouter = router.run(departureSeeds(graph, snapped), { mode: 'car', maxSeconds });
    const viaSweep = isochroneSearch(graph, snapped, 'car', maxSeconds, { router, sweep });
    expect(viaSweep.times_s).not.toBe(viaRouter.times_s);
    for (let v = 0; v < graph.nodeCount; v++) {
      const expected = viaRouter.times_s[v];
      if (expected === Infinity) expect(viaSweep.times_s[v]).toBe(Infinity);
      else expect(Math.abs(viaSweep.times_s[v] - expected)).toBeLessThan(1e-9 * (1 + expected));
    }

    // A network replaced by a newer one does not start a contraction of its own.
    await db.knex.raw('DELETE FROM road_edge WHERE id = (SELECT max(id) FROM road_edge)');
    const { network: newer } = await service.network(true);
    expect(newer).not.toBe(network);
    expect(service.networks.sweepFor(newer)).toBeNull();
    expect(service.networks.sweepFor(network)).toBeNull();
    await service.networks.hierarchyBuilt();
    expect(service.networks.sweepFor(newer)!.hierarchy.graph).toBe(newer.graph);
    expect(service.networks.sweepFor(network)).toBeNull();
    await loadDemo(db, { seed: 42 });
  });

  it('a contraction stops when its network is replaced (aborted), and gives nothing', async () => {
    const graph = buildGraph(gridCity());
    const controller = new AbortController();
    const pending = contractInSlices(graph, 'car', controller.signal);
    controller.abort();
    expect(await pending).toBeNull();
    expect(await contractInSlices(graph, 'car', new AbortController().signal)).not.toBeNull();
  });

  it('the nearest-place search is computed once per (data, year, target, min_places, mode)', async () => {
    const service = new TravelService(db.knex);
    const current = await service.network(true);
    const q = {
      year: 2024,
      target: 'formal' as const,
      minPlaces: 1,
      mode: 'car' as const,
      fictional: true,
    };
    const [first, second] = await Promise.all([
      service.nearestSearch(current, q),
      service.nearestSearch(current, q),
    ]);
    expect(second).toBe(first);
    const walk = await service.nearestSearch(current, { ...q, mode: 'walk' });
    expect(walk).not.toBe(first);
    expect(walk.search.mode).toBe('walk');
    await loadDemo(db, { seed: 42 }); // new datasets' import times: a new data version
    const again = await service.nearestSearch(await service.network(true), q);
    expect(again).not.toBe(first);
    expect(again.targets.length).toBe(first.targets.length);
  });
});
