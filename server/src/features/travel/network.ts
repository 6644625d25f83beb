import type { Knex } from 'knex';
import { Router, buildGraph, type RoadGraph } from '../../domain/routing';
import { KeptForVersion, fetchDataVersions, type DataVersions } from '../../db/data-versions';
import { fetchRoadDatasets, fetchRoadEdges } from './repository';

/** The routing graph of the stored roads, with what answers built on it must name. */
export interface RoadNetwork {
  /** Fingerprint of the roads it was built from (see sql/queries/data_versions.sql). */
  version: string;
  graph: RoadGraph;
  /**
   * One router for the graph. Searches run synchronously (no await between a run and the
   * reading of its result), so one router per graph serves every request of the process.
   */
  router: Router;
  /** Road datasets (provenance of every travel time) and whether any is fictional. */
  datasetIds: number[];
  fictional: boolean;
  buildMs: number;
}

/**
 * The road network as a routing graph, built from `road_edge` on first use and rebuilt when
 * the roads change: every call reads the cheap version fingerprint (a few index lookups) and
 * reuses the graph while it is unchanged. Concurrent first calls share one build. One graph
 * holds the costs of every mode (car and walk), so "per mode" caching is one cache.
 * One instance per database (made by the travel service; no module-level state).
 */
export class RoadNetworkCache {
  private readonly kept = new KeptForVersion<RoadNetwork>();

  constructor(private readonly knex: Knex) {}

  /** The current versions (read unless given) and the network for them. */
  async current(known?: DataVersions): Promise<{ versions: DataVersions; network: RoadNetwork }> {
    const versions = known ?? (await fetchDataVersions(this.knex));
    return { versions, network: await this.networkFor(versions.network) };
  }

  /** Forget the graph (after an import in this process, to free its memory at once). */
  invalidate(): void {
    this.kept.clear();
  }

  private networkFor(version: string): Promise<RoadNetwork> {
    return this.kept.get(version, () => this.build(version));
  }

  private async build(version: string): Promise<RoadNetwork> {
    const [edges, datasets] = await Promise.all([
      fetchRoadEdges(this.knex),
      fetchRoadDatasets(this.knex),
    ]);
    const t0 = performance.now();
    const graph = buildGraph(edges);
    return {
      version,
      graph,
      router: new Router(graph),
      datasetIds: datasets.map((d) => d.id),
      fictional: datasets.some((d) => d.fictional),
      buildMs: performance.now() - t0,
    };
  }
}
