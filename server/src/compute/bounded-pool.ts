/**
 * Worker threads with a bounded admission, shared by the features whose work is CPU-heavy: at
 * most `threads` tasks run, at most `queue` wait, any more is refused at once with the error the
 * caller names (a 503 with Retry-After through the error handler). The queue is the pool's own:
 * piscina is given a task only when a thread is free.
 *
 * A task whose signal aborts (the client went away) is rejected at once with the signal's reason.
 * Waiting, it leaves the queue. Running, what happens depends on the pool's `cancel`:
 * - `cooperative`: the task's stop flag (shared memory, see {@link TaskControl.stopped}) is
 *   raised and the thread stops the task at its next check, keeping what it has loaded (a routing
 *   thread's graph). Its slot stays taken until the thread is free: the bound counts threads
 *   really busy, so an aborted task still finishing delays the queue instead of being overtaken.
 * - `end-thread` (for work that cannot check a flag): piscina ends the thread and starts another.
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
  /** Tasks may post progress (`run`'s `onProgress`). */
  progress?: boolean;
  /** What a running task whose signal aborts becomes (see above); `end-thread` by default. */
  cancel?: 'cooperative' | 'end-thread';
}

/**
 * What a worker receives: the task, the port its progress goes to, and its stop flag (one
 * Int32 in shared memory, raised by the caller's side when the task's signal aborts). The
 * worker's function is a {@link poolWorker} (or {@link progressWorker}).
 */
export interface TaskEnvelope<Task> {
  task: Task;
  progress: MessagePort | null;
  stop: Int32Array;
}

/** What a task's function may use in its worker thread. */
export interface TaskControl<Progress> {
  /** Sends one progress message to the caller's `onProgress` (a structured-clone value). */
  post: (progress: Progress) => void;
  /**
   * Whether the caller has given up the task (its signal aborted): a cooperative pool's task
   * checks it between steps and ends early (throwing {@link TaskStopped}, for instance).
   * Reading it is one atomic load: cheap enough between the steps of a search.
   */
  stopped: () => boolean;
}

/** What a task ended early because its caller gave it up throws (its answer goes nowhere). */
export class TaskStopped extends Error {
  constructor() {
    super('the task was given up by its caller');
    this.name = 'TaskStopped';
  }
}

/** The last message on a task's port: the worker has nothing more to say. */
const END = 'end';

/**
 * A pool's worker function: `run` gets the task and its {@link TaskControl}. The end of the
 * progress messages is posted before the result, so that the caller gets all of them first.
 */
export function poolWorker<Task, Result, Progress = never>(
  run: (task: Task, control: TaskControl<Progress>) => Result | Promise<Result>,
): (envelope: TaskEnvelope<Task>) => Promise<Result> {
  return async ({ task, progress, stop }) => {
    try {
      return await run(task, {
        post: (message) => progress?.postMessage({ progress: message }),
        stopped: () => Atomics.load(stop, 0) !== 0,
      });
    } finally {
      progress?.postMessage(END);
      progress?.close();
    }
  };
}

/** A {@link poolWorker} whose task only posts progress (no stop checks). */
export function progressWorker<Task, Result, Progress>(
  run: (task: Task, post: (progress: Progress) => void) => Promise<Result>,
): (envelope: TaskEnvelope<Task>) => Promise<Result> {
  return poolWorker<Task, Result, Progress>((task, { post }) => run(task, post));
}

export class BoundedPool<Task, Result, Progress = never> {
  private readonly piscina: Piscina;
  /** Tasks waiting or on a thread (those given up but still finishing included). */
  private admitted = 0;
  /** Tasks on a thread. */
  private running = 0;
  /** Waiting tasks, first come first served: each starts when called. */
  private readonly waiting: (() => void)[] = [];
  /** Tasks given up before their answer because their signal aborted (for tests and logs). */
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

  /** Tasks running or waiting now (a task given up counts until its thread is free). */
  get pending(): number {
    return this.admitted;
  }

  /** The ids of the pool's threads (a thread ended and replaced shows as a new id). */
  get threadIds(): number[] {
    return this.piscina.threads.map((t) => t.threadId);
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
    try {
      await this.threadFree(signal);
    } catch (error) {
      this.admitted--;
      this.cancelled++;
      throw error;
    }
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const done = this.onThread(task, stop, signal, onProgress).finally(() => {
      this.running--;
      this.admitted--;
      this.waiting.shift()?.();
    });
    if (!signal) return done;
    return new Promise<Result>((resolve, reject) => {
      const giveUp = () => {
        Atomics.store(stop, 0, 1);
        this.cancelled++;
        reject(signal.reason);
      };
      if (signal.aborted) giveUp();
      else signal.addEventListener('abort', giveUp, { once: true });
      done.then(resolve, reject).finally(() => signal.removeEventListener('abort', giveUp));
    });
  }

  /** Resolves when the task may go on a thread (counted as running), rejects if it is given up. */
  private threadFree(signal?: AbortSignal): Promise<void> {
    if (this.running < this.options.threads) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const start = () => {
        signal?.removeEventListener('abort', leave);
        this.running++;
        resolve();
      };
      const leave = () => {
        const at = this.waiting.indexOf(start);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal!.reason);
      };
      this.waiting.push(start);
      signal?.addEventListener('abort', leave, { once: true });
    });
  }

  /** The task on a thread; settles when the thread is free again. */
  private async onThread(
    task: Task,
    stop: Int32Array,
    signal: AbortSignal | undefined,
    onProgress?: (progress: Progress) => void,
  ): Promise<Result> {
    const channel = this.options.progress && onProgress ? new MessageChannel() : null;
    try {
      const envelope: TaskEnvelope<Task> = { task, progress: channel?.port2 ?? null, stop };
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
        // Cooperative: the thread stops the task itself and stays; piscina is not told.
        signal: this.options.cancel === 'cooperative' ? undefined : signal,
        transferList: channel ? [channel.port2] : undefined,
      })) as Result;
      // The result and the progress come by different ports: the last progress may be behind.
      await ended;
      return result;
    } finally {
      channel?.port1.close();
    }
  }

  close(): Promise<void> {
    return this.piscina.close({ force: true });
  }
}
