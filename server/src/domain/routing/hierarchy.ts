import { checkSeeds, type Seed, type ShortestPathTree } from './dijkstra';
import type { RoadGraph } from './graph';
import { IndexedMinHeap } from './heap';
import type { TravelMode } from './speeds';

/**
 * A contraction hierarchy of one mode's forward arcs, laid out to be swept as PHAST (Delling,
 * Goldberg, Nowatzyk, Werneck: "PHAST: Hardware-accelerated shortest path trees", 2011).
 *
 * Nodes are contracted one by one, the least important first (edge difference plus contracted
 * neighbours); contracting a node adds a shortcut u→w for each pair of its neighbours whose
 * shortest path runs through it (a bounded witness search looks for another). Every node then
 * has a rank, and a shortest path always climbs in rank, then descends. So the times from a
 * point to every node are: a small search over the arcs that climb, then one pass over all
 * nodes from the top down, each taking the least over its arcs from above.
 *
 * The pass goes by level (a node's level is above those of its lower neighbours), then by
 * node index within a level: the top levels, few nodes, stay in cache, and each level is read
 * in memory order. Costs are sums of the graph's Float32 arc costs, made in Float64.
 */
export interface Hierarchy {
  readonly graph: RoadGraph;
  readonly mode: TravelMode;
  /** Arcs added by the contraction. */
  readonly shortcuts: number;
  /** Arcs climbing from node u (dense index): upHead/upCost[upOffsets[u] .. upOffsets[u+1]-1]. */
  readonly upOffsets: Int32Array;
  readonly upHead: Int32Array;
  readonly upCost: Float64Array;
  /** The node at each position of the pass, and the position of each node. */
  readonly sweepNode: Int32Array;
  readonly sweepPosition: Int32Array;
  /**
   * Arcs descending into the node at position p, by their tail's position:
   * downTail/downCost[downOffsets[p] .. downOffsets[p+1]-1].
   */
  readonly downOffsets: Int32Array;
  readonly downTail: Int32Array;
  readonly downCost: Float64Array;
}

/** Settled nodes allowed to a witness search when contracting, and when ordering. */
const WITNESS_SETTLED = 500;
const WITNESS_SETTLED_ESTIMATE = 60;

/**
 * Contract a graph's arcs of one mode, step by step: the generator yields the share of nodes
 * contracted so far (0 while it reads the graph and ranks the nodes, 1 while it lays the
 * hierarchy out), often enough that no step takes more than a few milliseconds on large graphs,
 * and returns the hierarchy. A caller can thus spread the work over time slices (the server
 * does); `buildHierarchy` runs it at once.
 */
export function* hierarchySteps(graph: RoadGraph, mode: TravelMode): Generator<number, Hierarchy> {
  const contraction = new Contraction(graph, mode);
  yield* contraction.load();
  const n = graph.nodeCount;
  for (let v = 0; v < n; v++) {
    contraction.queue.push(v, contraction.priority(v));
    if ((v & 255) === 255) yield 0;
  }
  const rank = new Int32Array(n);
  let next = 0;
  while (contraction.queue.size > 0) {
    const v = contraction.queue.pop();
    // Lazy updates: a node whose priority grew since it was queued goes back in.
    const p = contraction.priority(v);
    if (contraction.queue.size > 0 && p > (contraction.queue.peekKey() as number)) {
      contraction.queue.push(v, p);
      continue;
    }
    contraction.contract(v);
    rank[v] = next++;
    yield next / n;
  }
  return yield* contraction.layout(rank);
}

/** `hierarchySteps` run to the end. */
export function buildHierarchy(graph: RoadGraph, mode: TravelMode): Hierarchy {
  const steps = hierarchySteps(graph, mode);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Arcs by node in two shared pools (the node at the other end, the cost), typed arrays rather
 * than an array per node: node u's arcs are at start[u] .. end[u] - 1. A list that is full
 * moves to the end of the pool with twice the room. Pushing may replace the pools: read them
 * through the object, not through a copy of `node` or `cost` held across a push.
 */
class ArcLists {
  readonly start: Int32Array;
  readonly end: Int32Array;
  private readonly room: Int32Array;
  node: Int32Array;
  cost: Float64Array;
  private size = 0;

  constructor(nodeCount: number, expected: number) {
    this.start = new Int32Array(nodeCount);
    this.end = new Int32Array(nodeCount);
    this.room = new Int32Array(nodeCount);
    this.node = new Int32Array(Math.max(16, expected));
    this.cost = new Float64Array(Math.max(16, expected));
  }

  /** Room for `count` arcs at u, before any is pushed there. */
  reserve(u: number, count: number): void {
    this.ensure(count);
    this.start[u] = this.end[u] = this.size;
    this.room[u] = count;
    this.size += count;
  }

  push(u: number, w: number, cost: number): void {
    if (this.end[u] - this.start[u] === this.room[u]) this.move(u);
    this.node[this.end[u]] = w;
    this.cost[this.end[u]++] = cost;
  }

  private move(u: number): void {
    const length = this.end[u] - this.start[u];
    const room = Math.max(4, 2 * length);
    this.ensure(room);
    this.node.copyWithin(this.size, this.start[u], this.end[u]);
    this.cost.copyWithin(this.size, this.start[u], this.end[u]);
    this.start[u] = this.size;
    this.end[u] = this.size + length;
    this.room[u] = room;
    this.size += room;
  }

  private ensure(more: number): void {
    if (this.size + more <= this.node.length) return;
    const capacity = Math.max(2 * this.node.length, this.size + more);
    const node = new Int32Array(capacity);
    node.set(this.node.subarray(0, this.size));
    const cost = new Float64Array(capacity);
    cost.set(this.cost.subarray(0, this.size));
    this.node = node;
    this.cost = cost;
  }
}

/**
 * The working graph of a contraction: by node, its arcs out and in (arcs to contracted nodes
 * stay; they become the descending arcs).
 */
class Contraction {
  readonly queue: IndexedMinHeap;
  private readonly out: ArcLists;
  private readonly into: ArcLists;
  private readonly contracted: Uint8Array;
  /** Contracted neighbours by node, a term of the priority (spreads contraction evenly). */
  private readonly deleted: Int32Array;
  private readonly witness: IndexedMinHeap;
  private readonly dist: Float64Array;
  /** The nodes the last witness search gave a time (to reset). */
  private readonly touched = new IndexList();
  /** Nodes whose time a witness search needs: those marked with the current stamp. */
  private readonly target: Int32Array;
  private stamp = 0;
  shortcuts = 0;

  constructor(
    readonly graph: RoadGraph,
    readonly mode: TravelMode,
  ) {
    const n = graph.nodeCount;
    this.queue = new IndexedMinHeap(n);
    this.witness = new IndexedMinHeap(n);
    this.dist = new Float64Array(n).fill(Infinity);
    this.target = new Int32Array(n);
    this.contracted = new Uint8Array(n);
    this.deleted = new Int32Array(n);
    // Room for the arcs and as many shortcuts again, each list with room for two more.
    this.out = new ArcLists(n, 2 * graph.arcCount + 4 * n);
    this.into = new ArcLists(n, 2 * graph.arcCount + 4 * n);
  }

  /** The mode's usable arcs into the working graph. */
  *load(): Generator<number, void> {
    const { arcOffsets, arcHead, nodeCount } = this.graph;
    const cost = this.graph.costs[this.mode].arc_s;
    const outDegree = new Int32Array(nodeCount);
    const inDegree = new Int32Array(nodeCount);
    for (let u = 0; u < nodeCount; u++) {
      for (let a = arcOffsets[u]; a < arcOffsets[u + 1]; a++) {
        if (!(cost[a] < Infinity) || arcHead[a] === u) continue;
        outDegree[u]++;
        inDegree[arcHead[a]]++;
      }
    }
    for (let u = 0; u < nodeCount; u++) {
      this.out.reserve(u, outDegree[u] + 2);
      this.into.reserve(u, inDegree[u] + 2);
    }
    yield 0;
    for (let u = 0; u < nodeCount; u++) {
      for (let a = arcOffsets[u]; a < arcOffsets[u + 1]; a++) {
        if (cost[a] < Infinity && arcHead[a] !== u) this.addArc(u, arcHead[a], cost[a]);
      }
      if ((u & 4095) === 4095) yield 0;
    }
  }

  /** Add an arc, or lower the cost of the one already there. */
  private addArc(u: number, w: number, cost: number): void {
    const { out, into } = this;
    for (let k = out.start[u]; k < out.end[u]; k++) {
      if (out.node[k] !== w) continue;
      if (cost < out.cost[k]) {
        out.cost[k] = cost;
        for (let m = into.start[w]; m < into.end[w]; m++) {
          if (into.node[m] === u) into.cost[m] = cost;
        }
      }
      return;
    }
    out.push(u, w, cost);
    into.push(w, u, cost);
  }

  /** Edge difference (shortcuts a contraction would add, less the arcs it removes) + deleted. */
  priority(v: number): number {
    let degree = 0;
    const { out, into, contracted } = this;
    for (let k = out.start[v]; k < out.end[v]; k++) if (!contracted[out.node[k]]) degree++;
    for (let k = into.start[v]; k < into.end[v]; k++) if (!contracted[into.node[k]]) degree++;
    return this.shortcutsOf(v, false) - degree + this.deleted[v];
  }

  contract(v: number): void {
    this.shortcuts += this.shortcutsOf(v, true);
    this.contracted[v] = 1;
    const { out, into, deleted } = this;
    for (let k = out.start[v]; k < out.end[v]; k++) deleted[out.node[k]]++;
    for (let k = into.start[v]; k < into.end[v]; k++) deleted[into.node[k]]++;
  }

  /**
   * The shortcuts needed around v (added when `add`). v's own lists do not change meanwhile
   * (shortcuts join its neighbours), but the pools may move: they are read through the lists.
   */
  private shortcutsOf(v: number, add: boolean): number {
    const { contracted, dist, out, into } = this;
    const outStart = out.start[v];
    const outEnd = out.end[v];
    let maxOut = 0;
    for (let k = outStart; k < outEnd; k++) {
      if (!contracted[out.node[k]] && out.cost[k] > maxOut) maxOut = out.cost[k];
    }
    let count = 0;
    for (let a = into.start[v]; a < into.end[v]; a++) {
      const u = into.node[a];
      if (contracted[u]) continue;
      const toV = into.cost[a];
      // The search may stop once every neighbour beyond v is settled.
      const stamp = ++this.stamp;
      let targets = 0;
      for (let b = outStart; b < outEnd; b++) {
        const w = out.node[b];
        if (contracted[w] || w === u || this.target[w] === stamp) continue;
        this.target[w] = stamp;
        targets++;
      }
      if (targets === 0) continue;
      this.witnessSearch(
        u,
        v,
        toV + maxOut,
        add ? WITNESS_SETTLED : WITNESS_SETTLED_ESTIMATE,
        targets,
      );
      for (let b = outStart; b < outEnd; b++) {
        const w = out.node[b];
        if (contracted[w] || w === u) continue;
        const through = toV + out.cost[b];
        if (dist[w] <= through) continue; // a witness: a path as short that avoids v
        count++;
        if (add) this.addArc(u, w, through);
      }
    }
    return count;
  }

  /**
   * Times from `source` over the nodes not contracted and not `skip`, up to a bound, until
   * `targets` nodes of the current stamp are settled.
   */
  private witnessSearch(
    source: number,
    skip: number,
    bound: number,
    maxSettled: number,
    targets: number,
  ): void {
    const { dist, touched, witness, contracted, target, stamp } = this;
    // Nothing is pushed during the search: the pools stay where they are.
    const { start, end, node, cost } = this.out;
    for (const t of touched.view()) dist[t] = Infinity;
    touched.count = 0;
    witness.clear();
    dist[source] = 0;
    touched.push(source);
    witness.push(source, 0);
    let settled = 0;
    while (witness.size > 0) {
      const u = witness.pop();
      const du = dist[u];
      if (du > bound || ++settled > maxSettled) break;
      if (target[u] === stamp && --targets === 0) break;
      for (let k = start[u]; k < end[u]; k++) {
        const w = node[k];
        if (contracted[w] || w === skip) continue;
        const d = du + cost[k];
        if (d < dist[w]) {
          if (dist[w] === Infinity) touched.push(w);
          dist[w] = d;
          witness.push(w, d);
        }
      }
    }
  }

  /** The arcs climbing and descending by rank, laid out for the pass. */
  *layout(rank: Int32Array): Generator<number, Hierarchy> {
    const { graph, mode, out, into } = this;
    const n = graph.nodeCount;
    // Level: one above the highest of the lower-ranked neighbours, taken by increasing rank.
    const byRank = new Int32Array(n);
    for (let v = 0; v < n; v++) byRank[rank[v]] = v;
    const level = new Int32Array(n);
    let levels = 0;
    for (let r = 0; r < n; r++) {
      const v = byRank[r];
      let l = 0;
      for (const lists of [out, into]) {
        for (let k = lists.start[v]; k < lists.end[v]; k++) {
          const w = lists.node[k];
          if (rank[w] < rank[v] && level[w] >= l) l = level[w] + 1;
        }
      }
      level[v] = l;
      if (l >= levels) levels = l + 1;
      if ((r & 4095) === 4095) yield 1;
    }
    // The pass: by decreasing level, then by node index (a counting sort by level, stable).
    const start = new Int32Array(levels + 1);
    for (let v = 0; v < n; v++) start[levels - 1 - level[v] + 1]++;
    for (let l = 0; l < levels; l++) start[l + 1] += start[l];
    const sweepNode = new Int32Array(n);
    const sweepPosition = new Int32Array(n);
    for (let v = 0; v < n; v++) {
      const p = start[levels - 1 - level[v]]++;
      sweepNode[p] = v;
      sweepPosition[v] = p;
    }

    const upOffsets = new Int32Array(n + 1);
    const downOffsets = new Int32Array(n + 1);
    for (let v = 0; v < n; v++) {
      for (let k = out.start[v]; k < out.end[v]; k++) {
        if (rank[out.node[k]] > rank[v]) upOffsets[v + 1]++;
      }
      for (let k = into.start[v]; k < into.end[v]; k++) {
        if (rank[into.node[k]] > rank[v]) downOffsets[sweepPosition[v] + 1]++;
      }
      if ((v & 4095) === 4095) yield 1;
    }
    for (let i = 0; i < n; i++) {
      upOffsets[i + 1] += upOffsets[i];
      downOffsets[i + 1] += downOffsets[i];
    }
    const upHead = new Int32Array(upOffsets[n]);
    const upCost = new Float64Array(upOffsets[n]);
    const downTail = new Int32Array(downOffsets[n]);
    const downCost = new Float64Array(downOffsets[n]);
    const upFill = upOffsets.slice(0, n);
    const downFill = downOffsets.slice(0, n);
    for (let v = 0; v < n; v++) {
      for (let k = out.start[v]; k < out.end[v]; k++) {
        const w = out.node[k];
        if (rank[w] <= rank[v]) continue;
        upHead[upFill[v]] = w;
        upCost[upFill[v]++] = out.cost[k];
      }
      const p = sweepPosition[v];
      for (let k = into.start[v]; k < into.end[v]; k++) {
        const u = into.node[k];
        if (rank[u] <= rank[v]) continue;
        downTail[downFill[p]] = sweepPosition[u];
        downCost[downFill[p]++] = into.cost[k];
      }
      if ((v & 4095) === 4095) yield 1;
    }
    return {
      graph,
      mode,
      shortcuts: this.shortcuts,
      upOffsets,
      upHead,
      upCost,
      sweepNode,
      sweepPosition,
      downOffsets,
      downTail,
      downCost,
    };
  }
}

export interface SweepOptions {
  /** Nodes farther than this (seconds, inclusive bound) are left unreached, as by a Router. */
  maxSeconds: number;
  /**
   * Give up (return null) when the share of the top of the hierarchy within maxSeconds is
   * below this: a pass costs the same whatever the bound, a bounded Dijkstra only what it
   * reaches, so a search that will reach little is better left to a Router. 0 by default.
   */
  minReachedShare?: number;
}

/** Positions of the pass read before deciding whether to go on (`minReachedShare`). */
const PROBE_POSITIONS = 2048;

/**
 * One-to-all forward searches over a hierarchy, as a Router's `run` with `trace: false` gives
 * them: times in node order, Infinity beyond the bound; the reached nodes by node index; and
 * as cut arcs, exactly the arcs from a reached node to one not reached. Owns its scratch
 * arrays; not re-entrant (one per concurrent computation).
 */
export class HierarchySweep {
  private readonly times: Float64Array;
  /** Times by position of the pass. */
  private readonly atPosition: Float64Array;
  private readonly upTimes: Float64Array;
  private readonly upQueue: IndexedMinHeap;
  /** The nodes the last climb gave a time (to reset). */
  private readonly climbed = new IndexList();
  private readonly reached: Int32Array;
  private readonly cut = new IndexList();

  constructor(readonly hierarchy: Hierarchy) {
    const n = hierarchy.graph.nodeCount;
    this.times = new Float64Array(n);
    this.atPosition = new Float64Array(n);
    this.upTimes = new Float64Array(n).fill(Infinity);
    this.upQueue = new IndexedMinHeap(n);
    this.reached = new Int32Array(n);
  }

  /**
   * Times from the seeds (their labels are not kept), or null when the probe of the top of the
   * hierarchy finds less than `minReachedShare` of it within the bound.
   */
  run(seeds: readonly Seed[], options: SweepOptions): ShortestPathTree | null {
    const { maxSeconds } = options;
    if (!(maxSeconds >= 0)) throw new RangeError(`maxSeconds must be ≥ 0, got ${maxSeconds}`);
    const { graph, sweepPosition } = this.hierarchy;
    const n = graph.nodeCount;
    checkSeeds(seeds, n);
    const { atPosition, upTimes } = this;
    this.climb(seeds, maxSeconds);
    atPosition.fill(Infinity);
    for (const u of this.climbed.view()) atPosition[sweepPosition[u]] = upTimes[u];
    const probe = Math.min(n, PROBE_POSITIONS);
    const within = this.descend(0, probe, maxSeconds);
    if (probe < n && within < (options.minReachedShare ?? 0) * probe) return null;
    const reachedCount = within + this.descend(probe, n, maxSeconds);
    this.listReached(reachedCount);
    return {
      mode: this.hierarchy.mode,
      direction: 'forward',
      maxSeconds,
      times_s: this.times,
      reached: this.reached.subarray(0, reachedCount),
      predecessorArc: null,
      label: null,
      cutArcs: this.cut.view(),
    };
  }

  /** The search over climbing arcs, pruned at the bound, listing the nodes it gave a time. */
  private climb(seeds: readonly Seed[], maxSeconds: number): void {
    const { upOffsets, upHead, upCost } = this.hierarchy;
    const { upTimes, upQueue } = this;
    // The previous run's times, reset.
    const { climbed } = this;
    for (let k = 0; k < climbed.count; k++) upTimes[climbed.items[k]] = Infinity;
    climbed.count = 0;
    upQueue.clear();
    for (const { node, cost_s } of seeds) {
      if (!(cost_s <= maxSeconds) || !(cost_s < upTimes[node])) continue;
      if (upTimes[node] === Infinity) climbed.push(node);
      upTimes[node] = cost_s;
      upQueue.push(node, cost_s);
    }
    while (upQueue.size > 0) {
      const u = upQueue.pop();
      const tu = upTimes[u];
      for (let a = upOffsets[u]; a < upOffsets[u + 1]; a++) {
        const t = tu + upCost[a];
        const w = upHead[a];
        if (t > maxSeconds || !(t < upTimes[w])) continue;
        if (upTimes[w] === Infinity) climbed.push(w);
        upTimes[w] = t;
        upQueue.push(w, t);
      }
    }
  }

  /**
   * The pass over positions [from, to): each takes the least over its arcs from above, and
   * its node its time, or Infinity beyond the bound. Returns how many are within it.
   */
  private descend(from: number, to: number, maxSeconds: number): number {
    const { downOffsets, downTail, downCost, sweepNode } = this.hierarchy;
    const { atPosition, times } = this;
    let within = 0;
    for (let p = from; p < to; p++) {
      let t = atPosition[p];
      const end = downOffsets[p + 1];
      for (let a = downOffsets[p]; a < end; a++) {
        const via = atPosition[downTail[a]] + downCost[a];
        if (via < t) t = via;
      }
      atPosition[p] = t;
      if (t <= maxSeconds && t < Infinity) {
        times[sweepNode[p]] = t;
        within++;
      } else times[sweepNode[p]] = Infinity;
    }
    return within;
  }

  /**
   * The reached nodes by index, and the arcs from them to nodes not reached, found from
   * whichever side has fewer nodes (from a node not reached: the arc back along each edge to a
   * reached one).
   */
  private listReached(reachedCount: number): void {
    const { arcOffsets, arcHead, arcEdge, nodeCount } = this.hierarchy.graph;
    const { times, reached } = this;
    let count = 0;
    for (let u = 0; u < nodeCount; u++) if (times[u] < Infinity) reached[count++] = u;
    const { cut } = this;
    cut.count = 0;
    if (reachedCount * 2 <= nodeCount) {
      for (let k = 0; k < count; k++) {
        const u = reached[k];
        for (let a = arcOffsets[u]; a < arcOffsets[u + 1]; a++) {
          if (!(times[arcHead[a]] < Infinity)) cut.push(a);
        }
      }
      return;
    }
    for (let v = 0; v < nodeCount; v++) {
      if (times[v] < Infinity) continue;
      for (let a = arcOffsets[v]; a < arcOffsets[v + 1]; a++) {
        const u = arcHead[a];
        if (!(times[u] < Infinity)) continue;
        for (let b = arcOffsets[u]; b < arcOffsets[u + 1]; b++) {
          if (arcHead[b] === v && arcEdge[b] === arcEdge[a]) {
            cut.push(b);
            break;
          }
        }
      }
    }
  }
}

/** A list of node or arc indices in a buffer that grows as needed and is kept for reuse. */
class IndexList {
  items = new Int32Array(1024);
  count = 0;

  push(index: number): void {
    if (this.count === this.items.length) {
      const grown = new Int32Array(2 * this.items.length);
      grown.set(this.items);
      this.items = grown;
    }
    this.items[this.count++] = index;
  }

  /** The indices pushed since the count was last set to 0 (a view, valid until then). */
  view(): Int32Array {
    return this.items.subarray(0, this.count);
  }
}
