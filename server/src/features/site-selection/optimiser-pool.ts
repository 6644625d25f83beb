/**
 * The optimiser off the request thread: site selections (HiGHS or greedy + swap, seconds of CPU)
 * run in worker threads with a bounded queue (server/src/compute/bounded-pool.ts), so that the
 * other endpoints stay answered; past the queue a request gets 503 `optimiser_busy` with
 * Retry-After, and a request whose client goes away has its task ended.
 */
import { BoundedPool, PoolBusy } from '../../compute/bounded-pool';
import {
  SiteSelectionError,
  highsMipSolver,
  selectSites,
  type SiteSelectionErrorCode,
  type SiteSelectionInput,
  type SiteSelectionOptions,
  type SiteSelectionProgress,
  type SiteSelectionResult,
} from '../../domain/site-selection';

/** Seconds a client refused by a full optimiser queue is told to wait (`Retry-After`). */
export const OPTIMISER_RETRY_AFTER_S = 5;

/**
 * The server's pool: one thread (a solve uses a core, and routing has its own threads), and a
 * few waiting, each of them held to the optimiser's time limit.
 */
export const OPTIMISER_POOL = { threads: 1, queue: 3 };

/** What crosses to a worker: the options that are data (no signal, clock nor callback). */
export type OptimiserOptions = Omit<SiteSelectionOptions, 'signal' | 'clock' | 'onProgress'>;

export interface OptimiserTask {
  input: SiteSelectionInput;
  options: OptimiserOptions;
}

export type OptimiserAnswer =
  | { result: SiteSelectionResult }
  | {
      error: {
        code: SiteSelectionErrorCode;
        message: string;
        details?: Record<string, unknown>;
      };
    };

/** One site selection, in this thread or in a worker; `onProgress` as the domain's. */
export type SolveSites = (
  input: SiteSelectionInput,
  options: OptimiserOptions,
  signal?: AbortSignal,
  onProgress?: (progress: SiteSelectionProgress) => void,
) => Promise<SiteSelectionResult>;

const solver = highsMipSolver(async () => (await import('highs')).default());

/** In the request thread (the CLI, and the app when it is given no pool). */
export const solveInThread: SolveSites = (input, options, signal, onProgress) =>
  selectSites(input, { ...options, signal, onProgress, clock: () => performance.now() }, solver);

export class OptimiserPool {
  private readonly pool: BoundedPool<OptimiserTask, OptimiserAnswer, SiteSelectionProgress>;

  constructor(options: { threads: number; queue: number }) {
    this.pool = new BoundedPool({
      filename: new URL('./optimiser-worker.ts', import.meta.url),
      threads: options.threads,
      queue: options.queue,
      progress: true,
      busy: () =>
        new PoolBusy(
          `Too many site selections are running or waiting; retry in ${OPTIMISER_RETRY_AFTER_S} seconds`,
          'optimiser_busy',
          OPTIMISER_RETRY_AFTER_S,
        ),
    });
  }

  /** Tasks running or waiting now. */
  get pending(): number {
    return this.pool.pending;
  }

  /** Tasks ended because their client went away. */
  get cancelled(): number {
    return this.pool.cancelled;
  }

  readonly solve: SolveSites = async (input, options, signal, onProgress) => {
    const answer = await this.pool.run({ input, options }, signal, onProgress);
    if ('error' in answer) {
      const { code, message, details } = answer.error;
      throw new SiteSelectionError(code, message, details);
    }
    return answer.result;
  };

  close(): Promise<void> {
    return this.pool.close();
  }
}
