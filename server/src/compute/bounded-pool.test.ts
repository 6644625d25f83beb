import { afterAll, describe, expect, it } from 'vitest';
import { BoundedPool } from './bounded-pool';

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
