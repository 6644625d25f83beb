import type { RoadGraph } from './graph';
import { BucketQueue } from './bucket-queue';
import type { TravelMode } from './speeds';

/** A start of a search: a node reached at `cost_s` seconds, carrying `label` to what it reaches. */
export interface Seed {
  /** Dense node index. */
  node: number;
  /** Seconds already spent when at this node (e.g. the off-network leg); ≥ 0. */
  cost_s: number;
  /** Copied to every node this seed reaches first (e.g. a facility's index); 0 by default. */
  label?: number;
}

export interface SearchOptions {
  mode: TravelMode;
  /** Nodes farther than this (seconds, inclusive bound) are left unreached. */
  maxSeconds: number;
  /**
   * 'forward' (default): times from the seeds to each node. 'reverse': times from each node to
   * the seeds, following arcs backwards (one-way edges are respected in their true direction).
   */
  direction?: 'forward' | 'reverse';
  /**
   * Record each node's predecessor arc and seed label (default true). Off, the tree's
   * `predecessorArc` and `label` are null and the search does less per node (isochrones and
   * matrices only read the times).
   */
  trace?: boolean;
}

/**
 * The result of one search. The arrays are the router's own buffers, valid until its next run:
 * read them, or copy them (`Float64Array.from`) to keep them.
 */
export interface ShortestPathTree {
  readonly mode: TravelMode;
  readonly direction: 'forward' | 'reverse';
  readonly maxSeconds: number;
  /** Seconds by dense node index; exact when ≤ maxSeconds, Infinity when not reached. */
  readonly times_s: Float64Array;
  /** The reached nodes: by non-decreasing time from a Router, by index from a HierarchySweep. */
  readonly reached: Int32Array;
  /**
   * By node: the arc it was reached by (forward: the arc whose head it is; reverse: the arc
   * from the next node towards the seeds to it), -1 for seeds and unreached nodes. Null when
   * the search was run with `trace: false`.
   */
  readonly predecessorArc: Int32Array | null;
  /** By node: the label of the seed it was reached from, -1 when unreached (null untraced). */
  readonly label: Int32Array | null;
  /**
   * The arcs out of reached nodes (in the search's direction) that the bound stopped: time at
   * the tail plus the arc's cost above maxSeconds (an arc the mode may not take costs
   * Infinity). With a finite bound, every arc from a reached node to one not reached is among
   * them: the edges across the frontier are found without a pass over the reached nodes' arcs.
   * (A HierarchySweep lists exactly the arcs from a reached node to one not reached.)
   */
  readonly cutArcs: Int32Array;
}

/**
 * Bounded Dijkstra over a road graph, one-to-all or multi-source. A router owns its scratch
 * arrays (a few bytes per node) and resets only what the previous run touched, so repeated
 * queries on one graph allocate nothing proportional to the graph. Not re-entrant: use one
 * router per concurrent computation.
 */
export class Router {
  private readonly times: Float64Array;
  private readonly predecessors: Int32Array;
  private readonly labels: Int32Array;
  private readonly settled: Int32Array;
  private cut = new Int32Array(1024);
  private readonly queue: BucketQueue;
  /**
   * Buckets of the queue over [0, maxSeconds]: as many as nodes (at most 2^18), so that most
   * hold one node at a time.
   */
  private readonly buckets: number;
  private settledCount = 0;
  private cutCount = 0;
  /** Whether the last run wrote predecessors and labels (which the next one then resets). */
  private traced = false;

  constructor(readonly graph: RoadGraph) {
    const n = graph.nodeCount;
    this.times = new Float64Array(n).fill(Infinity);
    this.predecessors = new Int32Array(n).fill(-1);
    this.labels = new Int32Array(n).fill(-1);
    this.settled = new Int32Array(n);
    this.queue = new BucketQueue(n, this.times);
    this.buckets = Math.min(1 << 18, Math.max(1, n));
  }

  /**
   * Run a search from the seeds (several seeds: multi-source; a node seeded twice keeps its
   * smaller cost). Seeds with a non-finite cost or one above maxSeconds are ignored.
   */
  run(seeds: readonly Seed[], options: SearchOptions): ShortestPathTree {
    const { mode, maxSeconds } = options;
    const direction = options.direction ?? 'forward';
    const trace = options.trace ?? true;
    if (!(maxSeconds >= 0)) throw new RangeError(`maxSeconds must be ≥ 0, got ${maxSeconds}`);
    const { graph, times, predecessors, labels, settled, queue } = this;
    const n = graph.nodeCount;

    if (this.settledCount * 4 > n) {
      // Much of the graph touched: filling whole arrays beats writes in settle order.
      times.fill(Infinity);
      if (this.traced) {
        predecessors.fill(-1);
        labels.fill(-1);
      }
    } else {
      for (let i = 0; i < this.settledCount; i++) times[settled[i]] = Infinity;
      if (this.traced) {
        for (let i = 0; i < this.settledCount; i++) {
          predecessors[settled[i]] = -1;
          labels[settled[i]] = -1;
        }
      }
    }
    this.settledCount = 0;
    this.traced = trace;
    queue.reset(maxSeconds, this.buckets);

    checkSeeds(seeds, n);
    for (const seed of seeds) {
      const { node, cost_s } = seed;
      if (!(cost_s <= maxSeconds) || !(cost_s < times[node])) continue;
      times[node] = cost_s;
      if (trace) {
        labels[node] = seed.label ?? 0;
        predecessors[node] = -1;
      }
      queue.push(node, cost_s);
    }

    const offsets = graph.arcOffsets;
    const heads = graph.arcHead;
    const costs =
      direction === 'forward' ? graph.costs[mode].arc_s : graph.costs[mode].arcReverse_s;
    const found = trace
      ? this.settleTraced(offsets, heads, costs, maxSeconds)
      : this.settle(offsets, heads, costs, maxSeconds);
    return {
      mode,
      direction,
      maxSeconds,
      times_s: times,
      reached: settled.subarray(0, this.settledCount),
      predecessorArc: trace ? predecessors : null,
      label: trace ? labels : null,
      cutArcs: found.subarray(0, this.cutCount),
    };
  }

  /** The search loop, recording predecessors and labels; returns the cut-arc buffer. */
  private settleTraced(
    offsets: Int32Array,
    heads: Int32Array,
    costs: Float32Array,
    maxSeconds: number,
  ): Int32Array {
    const { times, predecessors, labels, settled, queue } = this;
    let count = 0;
    let cut = this.cut;
    let cutCount = 0;
    // Nodes are pushed only when their time is within the bound, so the queue drains on its own
    // and every node that got a finite time is settled (and listed for the next reset).
    for (;;) {
      const u = queue.pop();
      if (u < 0) break;
      settled[count++] = u;
      const tu = times[u];
      const lu = labels[u];
      const end = offsets[u + 1];
      for (let a = offsets[u]; a < end; a++) {
        const t = tu + costs[a];
        if (t > maxSeconds) {
          if (cutCount === cut.length) {
            const grown = new Int32Array(2 * cut.length);
            grown.set(cut);
            cut = this.cut = grown;
          }
          cut[cutCount++] = a;
          continue;
        }
        const v = heads[a];
        if (t < times[v]) {
          times[v] = t;
          predecessors[v] = a;
          labels[v] = lu;
          queue.push(v, t);
        }
      }
    }
    this.settledCount = count;
    this.cutCount = cutCount;
    return cut;
  }

  /**
   * `settleTraced` with times only: a loop of its own rather than a test in that one, which
   * kept most of the cost of tracing (~5% per search in an A/B run).
   */
  private settle(
    offsets: Int32Array,
    heads: Int32Array,
    costs: Float32Array,
    maxSeconds: number,
  ): Int32Array {
    const { times, settled, queue } = this;
    let count = 0;
    let cut = this.cut;
    let cutCount = 0;
    for (;;) {
      const u = queue.pop();
      if (u < 0) break;
      settled[count++] = u;
      const tu = times[u];
      const end = offsets[u + 1];
      for (let a = offsets[u]; a < end; a++) {
        const t = tu + costs[a];
        if (t > maxSeconds) {
          if (cutCount === cut.length) {
            const grown = new Int32Array(2 * cut.length);
            grown.set(cut);
            cut = this.cut = grown;
          }
          cut[cutCount++] = a;
          continue;
        }
        const v = heads[a];
        if (t < times[v]) {
          times[v] = t;
          queue.push(v, t);
        }
      }
    }
    this.settledCount = count;
    this.cutCount = cutCount;
    return cut;
  }
}

/** A RangeError naming the first seed that is not a node of a graph of n nodes or costs < 0. */
export function checkSeeds(seeds: readonly Seed[], n: number): void {
  for (const { node, cost_s } of seeds) {
    if (!Number.isInteger(node) || node < 0 || node >= n) {
      throw new RangeError(`seed node ${node} is not a node index of this graph (0..${n - 1})`);
    }
    if (Number.isNaN(cost_s) || cost_s < 0)
      throw new RangeError(`seed cost must be ≥ 0, got ${cost_s}`);
  }
}

/** The tail node of an arc (the arc runs along an edge from one end to the other). */
export function arcTail(graph: RoadGraph, arc: number): number {
  const e = graph.arcEdge[arc];
  const head = graph.arcHead[arc];
  return graph.edgeSource[e] === head ? graph.edgeTarget[e] : graph.edgeSource[e];
}

/**
 * The nodes on the best path found to `node`, from its seed to it (forward) or from it to its
 * seed (reverse); empty when the node was not reached.
 */
export function pathNodes(graph: RoadGraph, tree: ShortestPathTree, node: number): number[] {
  if (!(tree.times_s[node] < Infinity)) return [];
  const nodes = [node];
  const predecessors = tree.predecessorArc;
  if (predecessors === null) throw new RangeError('paths need a search run with trace on');
  for (let u = node; predecessors[u] >= 0;) {
    u = arcTail(graph, predecessors[u]);
    nodes.push(u);
  }
  return tree.direction === 'forward' ? nodes.reverse() : nodes;
}
