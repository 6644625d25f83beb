import { afterAll, describe, expect, it } from 'vitest';
import { BoundedPool } from './bounded-pool';
import type { StepsAnswer, StepsTask } from './test/steps-worker';

/** The pool's progress channel, with a worker that counts (test/progress-worker.ts). */
describe('a bounded pool with progress', () => {
  const pool = new BoundedPool<{ count: number | null }, number | null, number>({
    filename: new URL('./test/progress-worker.ts', import.meta.url),
    threads: 1,
    queue: 1,
    busy: () => new Error('busy'),
    progress: true,
  });
  afterAll(() => pool.close());

  it('passes every progress message in order, all before the result', async () => {
    const seen: (number | string)[] = [];
    const result = await pool.run({ count: 50 }, undefined, (n) => seen.push(n));
    seen.push(`result ${result}`);
    expect(seen).toEqual([...Array.from({ length: 50 }, (_, n) => n), 'result 50']);
  }, 60_000);

  it('runs a task whose caller asks for no progress', async () => {
    expect(await pool.run({ count: 3 })).toBe(3);
  }, 60_000);

  it('passes nothing once the caller has hung up, and ends the task', async () => {
    const stop = new AbortController();
    const seen: number[] = [];
    const run = pool.run({ count: null }, stop.signal, (n) => {
      seen.push(n);
      if (n === 5) stop.abort();
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    // The thread was posting every 2 ms: wait long enough for any stray message to show.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pool.cancelled).toBe(1);
    expect(pool.pending).toBe(0);
  }, 60_000);
});

/** Cooperative cancellation, with a worker that runs steps of CPU (test/steps-worker.ts). */
describe('a cooperative pool', () => {
  const pool = new BoundedPool<StepsTask, StepsAnswer>({
    filename: new URL('./test/steps-worker.ts', import.meta.url),
    threads: 1,
    queue: 1,
    busy: () => new Error('busy'),
    cancel: 'cooperative',
  });
  afterAll(() => pool.close());

  /** A task of 10 s of CPU unless stopped. */
  const long: StepsTask = { steps: 2000, step_ms: 5 };

  it('answers a task, and keeps its thread for the next one', async () => {
    const first = await pool.run({ steps: 1, step_ms: 1 });
    const second = await pool.run({ steps: 1, step_ms: 1 });
    expect(second.threadId).toBe(first.threadId);
    expect(second.served).toBe(first.served + 1);
  }, 60_000);

  it('gives up a running task at once, which stops early on the same thread, kept loaded', async () => {
    const before = await pool.run({ steps: 1, step_ms: 1 });
    const cancelledBefore = pool.cancelled;
    const stop = new AbortController();
    const running = pool.run(long, stop.signal);
    await expect.poll(() => pool.threadIds.length).toBe(1);
    // Let it start on its thread, then hang up.
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(pool.cancelled).toBe(cancelledBefore + 1);
    const next = await pool.run({ steps: 1, step_ms: 1 });
    // The same thread, with its state: it served the stopped task and this one.
    expect(pool.threadIds).toEqual([before.threadId]);
    expect(next.threadId).toBe(before.threadId);
    expect(next.served).toBe(before.served + 2);
    expect(next.previous?.stopped).toBe(true);
    expect(next.previous!.steps).toBeGreaterThan(0);
    expect(next.previous!.steps).toBeLessThan(long.steps / 2);
    expect(pool.pending).toBe(0);
  }, 60_000);

  it('keeps the bound while a task given up is still finishing, then runs the queue on that thread', async () => {
    const before = await pool.run({ steps: 1, step_ms: 1 });
    const stop = new AbortController();
    // Work that cannot stop for its first 100 steps (~500 ms).
    const running = pool.run({ ...long, checkAfter: 100 }, stop.signal);
    await new Promise((resolve) => setTimeout(resolve, 100));
    stop.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    // Given up but still on its thread: one slot taken; one more may wait, no more.
    expect(pool.pending).toBe(1);
    const waiting = pool.run({ steps: 1, step_ms: 1 });
    expect(pool.pending).toBe(2);
    await expect(pool.run({ steps: 1, step_ms: 1 })).rejects.toThrow('busy');
    const next = await waiting;
    expect(next.threadId).toBe(before.threadId);
    expect(next.previous).toEqual({ steps: expect.any(Number), stopped: true });
    expect(next.previous!.steps).toBeGreaterThanOrEqual(100);
    expect(next.previous!.steps).toBeLessThan(long.steps / 2);
    expect(pool.pending).toBe(0);
  }, 60_000);

  it('takes a waiting task whose signal aborts out of the queue at once', async () => {
    const cancelledBefore = pool.cancelled;
    const first = pool.run({ steps: 100, step_ms: 5 });
    const stop = new AbortController();
    const waiting = pool.run({ steps: 1, step_ms: 1 }, stop.signal);
    expect(pool.pending).toBe(2);
    stop.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(pool.pending).toBe(1);
    expect(pool.cancelled).toBe(cancelledBefore + 1);
    const answer = await first;
    // The waiting task never ran: the next one follows the first on the thread.
    const next = await pool.run({ steps: 1, step_ms: 1 });
    expect(next.served).toBe(answer.served + 1);
    expect(next.previous).toEqual({ steps: 100, stopped: false });
    expect(pool.pending).toBe(0);
  }, 60_000);
});
