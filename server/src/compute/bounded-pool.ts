/**
 * Worker threads with a bounded admission, shared by the features whose work is CPU-heavy: at
 * most `threads` tasks run, at most `queue` wait, any more is refused at once with the error the
 * caller names (a 503 with Retry-After through the error handler). A task whose signal aborts
 * (the client went away) leaves the queue or, when running, has its thread ended and replaced.
 */
import { Piscina } from 'piscina';
import { Unavailable } from '../domain/errors';

/** A task refused because every worker is busy and the queue is full (503, Retry-After). */
export class PoolBusy extends Unavailable {
  constructor(
    message: string,
    code: string,
    readonly retryAfter_s: number,
  ) {
    super(message, { code });
  }
}

export interface BoundedPoolOptions {
  /** The worker module (its default export runs one task). */
  filename: URL;
  /** Worker threads. */
  threads: number;
  /** Tasks waiting beyond those running; past it a task is refused at once. */
  queue: number;
  /** The error a refused task gets. */
  busy: () => Error;
}

export class BoundedPool<Task, Result> {
  private readonly piscina: Piscina;
  private admitted = 0;
  /** Tasks ended before their answer because their signal aborted (for tests and logs). */
  cancelled = 0;
  readonly limit: number;

  constructor(private readonly options: BoundedPoolOptions) {
    this.limit = options.threads + options.queue;
    this.piscina = new Piscina({
      filename: options.filename.href,
      // Started at the first task, then kept (a thread keeps what it has loaded).
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

  async run(task: Task, signal?: AbortSignal): Promise<Result> {
    if (this.admitted >= this.limit) throw this.options.busy();
    signal?.throwIfAborted();
    this.admitted++;
    try {
      return (await this.piscina.run(task, { signal })) as Result;
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
