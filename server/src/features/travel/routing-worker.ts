/**
 * A routing worker thread (run by piscina, see routing-pool.ts): the CPU-heavy half of the travel
 * endpoints, on a graph it builds from the packed edges a task carries and keeps until a task
 * brings another version. No database here: the request thread reads every input and writes
 * nothing back but the answer. A task given up by its caller (the client went away) stops at its
 * next check, and the thread keeps its graph for the next task.
 */
import { TaskStopped, poolWorker } from '../../compute/bounded-pool';
import {
  HierarchySweep,
  Router,
  buildGraph,
  isochrones,
  nearestTargets,
  type IsochroneResult,
  type RoadGraph,
} from '../../domain/routing';
import { contractInSlices } from './network';
import { unpackEdges } from './packed-network';
import {
  denseCarMatrix,
  shareSupply,
  type DenseMatrix,
  type ShareResult,
} from '../../domain/accessibility/compute';
import type { NearestTimes, NearestTimesTask, RoutingTask } from './routing-tasks';
import { nearestTimes } from './routing-tasks';

interface Kept {
  version: string;
  graph: RoadGraph;
  router: Router;
  sweep: HierarchySweep | null;
  contraction: AbortController;
  searches: Map<string, ReturnType<typeof nearestTargets<string>>>;
}

/** Searches of "time to the nearest place" kept per worker (least recently used dropped). */
const NEAREST_CACHE_SIZE = 8;

let kept: Kept | null = null;

function networkFor(task: Exclude<RoutingTask, { kind: 'access-share' }>): Kept {
  if (kept?.version === task.network.version) return kept;
  kept?.contraction.abort();
  const graph = buildGraph(unpackEdges(task.network.edges));
  const entry: Kept = {
    version: task.network.version,
    graph,
    router: new Router(graph),
    sweep: null,
    contraction: new AbortController(),
    searches: new Map(),
  };
  // As in the request thread before: the car hierarchy is contracted in slices between tasks,
  // and isochrones use the router alone (same times) until it is built.
  contractInSlices(graph, 'car', entry.contraction.signal).then(
    (hierarchy) => {
      if (hierarchy !== null) entry.sweep = new HierarchySweep(hierarchy);
    },
    (error: Error) => process.emitWarning(`car hierarchy not built: ${error}`),
  );
  kept = entry;
  return entry;
}

function nearest(task: NearestTimesTask): NearestTimes {
  const net = networkFor(task);
  let search = net.searches.get(task.searchKey);
  if (search) net.searches.delete(task.searchKey);
  else {
    search = nearestTargets(net.graph, task.targets, {
      mode: task.mode,
      maxMinutes: task.maxMinutes,
      router: net.router,
    });
  }
  net.searches.set(task.searchKey, search);
  while (net.searches.size > NEAREST_CACHE_SIZE)
    net.searches.delete(net.searches.keys().next().value!);
  return {
    times: nearestTimes(net.graph, search, task.places),
    targetsOffNetwork: search.offNetwork.length,
  };
}

function run(
  task: RoutingTask,
  stopped: () => boolean,
): IsochroneResult | NearestTimes | DenseMatrix | ShareResult {
  // Given up while waiting for this thread: nothing to do. The graph of a new version is still
  // built (its next task needs it too); the steps after it check again.
  if (stopped()) throw new TaskStopped();
  if (task.kind === 'access-share') return shareSupply(task);
  const net = networkFor(task);
  if (stopped()) throw new TaskStopped();
  if (task.kind === 'access-matrix') {
    return denseCarMatrix(net.graph, net.router, task.origins, task.destinations, task.maxMinutes);
  }
  if (task.kind === 'isochrones') {
    return isochrones(net.graph, task.origin, task.minutes, task.mode, {
      router: net.router,
      sweep: net.sweep ?? undefined,
      shouldStop: stopped,
    });
  }
  return nearest(task);
}

export default poolWorker((task: RoutingTask, { stopped }) => run(task, stopped));
