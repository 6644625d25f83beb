/**
 * Worker threads with a bounded admission, shared by the features whose work is CPU-heavy: at
 * most `threads` tasks run, at most `queue` wait, any more is refused at once with the error the
 * caller names (a 503 with Retry-After through the error handler). A task whose signal aborts
 * (the client went away) leaves the queue or, when running, has its thread ended and replaced.
 *
 * Progress: a pool made with `progress: true` gives each task a port of its own (a
 * MessageChannel); the worker's function, wrapped by {@link progressWorker}, posts on it and
 * `run`'s `onProgress` receives the messages in order, all of them before the result, none once
 * the task's signal has aborted.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
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
  /** Tasks cross as {@link ProgressEnvelope}s: the worker's function is a {@link progressWorker}. */
  progress?: boolean;
}

/** What a worker of a progress pool receives: the task and the port its progress goes to. */
export interface ProgressEnvelope<Task> {
  task: Task;
  progress: MessagePort | null;
}

/** The last message on a task's port: the worker has nothing more to say. */
const END = 'end';

/**
 * A progress pool's worker function: `run` gets the task and `post`, which sends one progress
 * message to the caller's `onProgress` (a structured-clone value). The end of the messages is
 * posted before the result, so that the caller gets all of them first.
 */
export function progressWorker<Task, Result, Progress>(
  run: (task: Task, post: (progress: Progress) => void) => Promise<Result>,
): (envelope: ProgressEnvelope<Task>) => Promise<Result> {
  return async ({ task, progress }) => {
    try {
      return await run(task, (message) => progress?.postMessage({ progress: message }));
    } finally {
      progress?.postMessage(END);
      progress?.close();
    }
  };
}

export class BoundedPool<Task, Result, Progress = never> {
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

  /** `onProgress`: the task's progress messages (a pool made with `progress: true`). */
  async run(
    task: Task,
    signal?: AbortSignal,
    onProgress?: (progress: Progress) => void,
  ): Promise<Result> {
    if (this.admitted >= this.limit) throw this.options.busy();
    signal?.throwIfAborted();
    this.admitted++;
    const channel = this.options.progress && onProgress ? new MessageChannel() : null;
    try {
      if (!this.options.progress) return (await this.piscina.run(task, { signal })) as Result;
      const envelope: ProgressEnvelope<Task> = { task, progress: channel?.port2 ?? null };
      let ended: Promise<void> = Promise.resolve();
      if (channel && onProgress) {
        ended = new Promise((resolve) => {
          channel.port1.on('message', (message: typeof END | { progress: Progress }) => {
            if (message === END) resolve();
            else if (!signal?.aborted) onProgress(message.progress);
          });
        });
      }
      const result = (await this.piscina.run(envelope, {
        signal,
        transferList: channel ? [channel.port2] : undefined,
      })) as Result;
      // The result and the progress come by different ports: the last progress may be behind.
      await ended;
      return result;
    } catch (error) {
      if (signal?.aborted) this.cancelled++;
      throw error;
    } finally {
      channel?.port1.close();
      this.admitted--;
    }
  }

  close(): Promise<void> {
    return this.piscina.close({ force: true });
  }
}
