import { Piscina } from 'piscina';
import { Unavailable } from '../../domain/errors';
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
export class RoutingBusy extends Unavailable {
  readonly retryAfter_s = ROUTING_RETRY_AFTER_S;
  constructor() {
    super(
      `Too many travel-time computations are running or waiting; retry in ${ROUTING_RETRY_AFTER_S} seconds`,
      { code: 'routing_busy' },
    );
  }
}

/**
 * The CPU-heavy half of the travel endpoints (isochrones, times to the nearest place) and of the
 * accessibility computation (its car matrix and floating catchment) in worker
 * threads, so that tiles and lists are still answered meanwhile: at most `threads` tasks run, at
 * most `queue` wait, any more is refused with {@link RoutingBusy}. A task whose request's signal
 * aborts (the client went away) leaves the queue, or, when running, its thread is ended and
 * replaced (the new thread rebuilds its graph at its first task).
 */
export class RoutingPool {
  private readonly piscina: Piscina;
  private admitted = 0;
  /** Tasks ended before their answer because their client went away (for tests and logs). */
  cancelled = 0;
  readonly limit: number;

  constructor(readonly options: RoutingPoolOptions) {
    this.limit = options.threads + options.queue;
    this.piscina = new Piscina({
      filename: new URL('./routing-worker.ts', import.meta.url).href,
      // Started at the first routing request (not at the server's start), then kept with their
      // graph: never ended for being idle.
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: 2 ** 31 - 1,
      // The source is TypeScript, in the worker as in the server.
      execArgv: ['--import', 'tsx'],
    });
  }

  /** Tasks running or waiting now. */
  get pending(): number {
    return this.admitted;
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

  private async run(task: RoutingTask, signal?: AbortSignal): Promise<unknown> {
    if (this.admitted >= this.limit) throw new RoutingBusy();
    signal?.throwIfAborted();
    this.admitted++;
    try {
      return await this.piscina.run(task, { signal });
    } catch (error) {
      if (signal?.aborted) this.cancelled++;
      throw error;
    } finally {
      this.admitted--;
    }
  }

  close(): Promise<void> {
    return this.piscina.close({ force: true });
  }
}
