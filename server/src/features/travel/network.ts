import type { Knex } from 'knex';
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  HierarchySweep,
  Router,
  buildGraph,
  hierarchySteps,
  type Hierarchy,
  type RoadGraph,
  type TravelMode,
} from '../../domain/routing';
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
  /** Road datasets (provenance of every travel time). */
  datasetIds: number[];
  /** The side of the data it was built from (kernel/fiction.ts): the demo's roads or the real ones. */
  fictional: boolean;
  buildMs: number;
}

/**
 * The road network as a routing graph, built from `road_edge` on first use and rebuilt when
 * the roads change: every call reads the cheap version fingerprint (a few index lookups) and
 * reuses the graph while it is unchanged. Concurrent first calls share one build. One graph
 * holds the costs of every mode (car and walk), so "per mode" caching is one cache. The real
 * roads and the demo's make two networks, never joined (kernel/fiction.ts).
 * One instance per database (made by the travel service; no module-level state).
 */
export class RoadNetworkCache {
  private readonly kept = {
    real: new KeptForVersion<RoadNetwork>(),
    fictional: new KeptForVersion<RoadNetwork>(),
  };
  /** The car hierarchy of the network kept: being contracted, or its sweep once built. */
  private hierarchy: {
    network: RoadNetwork;
    sweep: HierarchySweep | null;
    built: Promise<void>;
    contraction: AbortController;
  } | null = null;

  constructor(private readonly knex: Knex) {}

  /** The current versions (read unless given) and the network of a side for them. */
  async current(
    fictional: boolean,
    known?: DataVersions,
  ): Promise<{ versions: DataVersions; network: RoadNetwork }> {
    const versions = known ?? (await fetchDataVersions(this.knex));
    return { versions, network: await this.networkFor(versions.network, fictional) };
  }

  /** Forget the graphs (after an import in this process, to free their memory at once). */
  invalidate(): void {
    this.kept.real.clear();
    this.kept.fictional.clear();
    this.hierarchy?.contraction.abort();
    this.hierarchy = null;
  }

  /**
   * The sweep of the network's car hierarchy, for isochrones that reach much of it; null until
   * it is built. The first call for the network kept starts its contraction in the
   * background (slices of the event loop, stopped if the network is replaced), so the first
   * isochrones on a new network come from the router alone, with the same times. Nothing else
   * (nearest places, matrices, the CLI) pays for it.
   */
  sweepFor(network: RoadNetwork): HierarchySweep | null {
    if (this.hierarchy?.network === network) return this.hierarchy.sweep;
    // Only the network kept is worth contracting (not one being replaced by a newer build).
    if (network.version !== this.kept[network.fictional ? 'fictional' : 'real'].version)
      return null;
    this.hierarchy?.contraction.abort();
    const contraction = new AbortController();
    const entry = {
      network,
      sweep: null as HierarchySweep | null,
      built: Promise.resolve(),
      contraction,
    };
    entry.built = contractInSlices(network.graph, 'car', contraction.signal).then(
      (hierarchy) => {
        if (hierarchy !== null) entry.sweep = new HierarchySweep(hierarchy);
      },
      (error: Error) => {
        // The router still answers, with the same times: say so, do not fail the process.
        process.emitWarning(`car hierarchy not built, isochrones keep the Dijkstra: ${error}`);
      },
    );
    this.hierarchy = entry;
    return null;
  }

  /** Settles when the contraction started by `sweepFor` is over (built, given up or failed). */
  hierarchyBuilt(): Promise<void> {
    return this.hierarchy?.built ?? Promise.resolve();
  }

  private networkFor(version: string, fictional: boolean): Promise<RoadNetwork> {
    return this.kept[fictional ? 'fictional' : 'real'].get(version, () =>
      this.build(version, fictional),
    );
  }

  private async build(version: string, fictional: boolean): Promise<RoadNetwork> {
    const [edges, datasets] = await Promise.all([
      fetchRoadEdges(this.knex, fictional),
      fetchRoadDatasets(this.knex, fictional),
    ]);
    const t0 = performance.now();
    const graph = buildGraph(edges);
    return {
      version,
      graph,
      router: new Router(graph),
      datasetIds: datasets.map((d) => d.id),
      fictional,
      buildMs: performance.now() - t0,
    };
  }
}

/**
 * Longest run of contraction between two turns of the event loop (ms). A request being answered
 * meanwhile waits up to this at each of its awaits (SQL, and in embedded mode PGlite itself, run
 * on this thread): with 10 ms, bench:api's isochrone answers on the large territory, which
 * start a contraction, were ~1.5× slower; 2 ms keeps the loop delay's p99 under 4 ms.
 */
const CONTRACTION_SLICE_MS = 2;

/**
 * Contract a graph's hierarchy in slices of the event loop, so that requests are still
 * answered meanwhile (each turn of the loop waits at most about a slice); null when aborted.
 */
export async function contractInSlices(
  graph: RoadGraph,
  mode: TravelMode,
  signal: AbortSignal,
): Promise<Hierarchy | null> {
  const steps = hierarchySteps(graph, mode);
  for (;;) {
    // A turn first: the request that built the graph is answered before any contraction.
    await nextTurn();
    if (signal.aborted) return null;
    const until = performance.now() + CONTRACTION_SLICE_MS;
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      if (performance.now() >= until) break;
    }
  }
}
