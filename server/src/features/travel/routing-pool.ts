import { BoundedPool, PoolBusy } from '../../compute/bounded-pool';
import type { IsochroneResult } from '../../domain/routing';
import type { DenseMatrix, ShareResult } from '../../domain/accessibility/compute';
import type {
  AccessMatrixTask,
  AccessShareTask,
  IsochronesTask,
  NearestTimes,
  NearestTimesTask,
  RoutingTask,
} from './routing-tasks';

/** Seconds a client refused by a full routing queue is told to wait (`Retry-After`). */
export const ROUTING_RETRY_AFTER_S = 2;

export interface RoutingPoolOptions {
  /** Worker threads computing routes (each keeps its own graph of the network). */
  threads: number;
  /** Tasks waiting beyond those running; past it a task is refused at once (503). */
  queue: number;
}

/** Routing refused because every worker is busy and the queue is full. */
export class RoutingBusy extends PoolBusy {
  constructor() {
    super(
      `Too many travel-time computations are running or waiting; retry in ${ROUTING_RETRY_AFTER_S} seconds`,
      'routing_busy',
      ROUTING_RETRY_AFTER_S,
    );
  }
}

/**
 * The CPU-heavy half of the travel endpoints (isochrones, times to the nearest place) and of the
 * accessibility computation (its car matrix and floating catchment) in worker threads
 * (server/src/compute/bounded-pool.ts), so that tiles and lists are still answered meanwhile;
 * past the queue a task is refused with {@link RoutingBusy}. A task whose client went away is
 * given up cooperatively: the caller gets the abort at once, the thread stops the task at its next
 * check (between the steps of an isochrone) and keeps its graph, so that no thread has to rebuild
 * one because a client left.
 */
export class RoutingPool {
  private readonly pool: BoundedPool<RoutingTask, unknown>;
  readonly limit: number;

  constructor(readonly options: RoutingPoolOptions) {
    this.pool = new BoundedPool({
      filename: new URL('./routing-worker.ts', import.meta.url),
      threads: options.threads,
      queue: options.queue,
      busy: () => new RoutingBusy(),
      cancel: 'cooperative',
    });
    this.limit = this.pool.limit;
  }

  /** Tasks ended before their answer because their client went away (for tests and logs). */
  get cancelled(): number {
    return this.pool.cancelled;
  }

  /** Tasks running or waiting now (one given up counts until its thread is free). */
  get pending(): number {
    return this.pool.pending;
  }

  /** The ids of the pool's threads (a thread replaced shows as a new id). */
  get threadIds(): number[] {
    return this.pool.threadIds;
  }

  isochrones(task: Omit<IsochronesTask, 'kind'>, signal?: AbortSignal): Promise<IsochroneResult> {
    return this.run({ kind: 'isochrones', ...task }, signal) as Promise<IsochroneResult>;
  }

  nearest(task: Omit<NearestTimesTask, 'kind'>, signal?: AbortSignal): Promise<NearestTimes> {
    return this.run({ kind: 'nearest', ...task }, signal) as Promise<NearestTimes>;
  }

  /** Accessibility's car matrix (demand locations × sites within the catchment). */
  accessMatrix(task: Omit<AccessMatrixTask, 'kind'>, signal?: AbortSignal): Promise<DenseMatrix> {
    return this.run({ kind: 'access-matrix', ...task }, signal) as Promise<DenseMatrix>;
  }

  /** Accessibility's floating catchment and one supply column shared over it. */
  accessShare(task: Omit<AccessShareTask, 'kind'>, signal?: AbortSignal): Promise<ShareResult> {
    return this.run({ kind: 'access-share', ...task }, signal) as Promise<ShareResult>;
  }

  private run(task: RoutingTask, signal?: AbortSignal): Promise<unknown> {
    return this.pool.run(task, signal);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
