import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from './render-limit';

/** A task that runs until `finish` is called, recording how many run at once. */
function gauge() {
  let now = 0;
  let most = 0;
  const finishers: (() => void)[] = [];
  const task =
    (value: number, fail = false) =>
    async () => {
      now++;
      most = Math.max(most, now);
      await new Promise<void>((resolve) => finishers.push(resolve));
      now--;
      if (fail) throw new Error(`task ${value} failed`);
      return value;
    };
  return {
    task,
    running: () => now,
    most: () => most,
    /** Lets the tasks waiting run to their end, one turn at a time. */
    async finishAll() {
      while (finishers.length > 0 || now > 0) {
        finishers.splice(0).forEach((finish) => finish());
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

describe('a concurrency limit on tile renders', () => {
  it('with a limit of 3, 10 renders asked at once never run more than 3 at a time and all end in order of arrival', async () => {
    const limit = concurrencyLimit(3);
    const g = gauge();
    const started: number[] = [];
    const answers = Array.from({ length: 10 }, (_, i) =>
      limit(() => {
        started.push(i);
        return g.task(i)();
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(g.running()).toBe(3);
    expect(started).toEqual([0, 1, 2]);
    await g.finishAll();
    expect(await Promise.all(answers)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(g.most()).toBe(3);
  });

  it('a failed render gives its place to the next one and fails only its own caller', async () => {
    const limit = concurrencyLimit(1);
    const g = gauge();
    const first = limit(g.task(1, true)).catch((error: Error) => error.message);
    const second = limit(g.task(2));
    const third = limit(g.task(3));
    await g.finishAll();
    expect(await first).toBe('task 1 failed');
    expect(await second).toBe(2);
    expect(await third).toBe(3);
    expect(g.most()).toBe(1);
  });

  it('a newcomer arriving as a render ends does not overtake those waiting', async () => {
    const limit = concurrencyLimit(1);
    const order: string[] = [];
    let finishFirst!: () => void;
    const first = limit(async () => {
      await new Promise<void>((resolve) => (finishFirst = resolve));
      order.push('first');
    });
    const waiting = limit(async () => {
      order.push('waiting');
    });
    await new Promise((resolve) => setImmediate(resolve));
    finishFirst();
    // Asked in the same turn as the first one settles: after the one already in line.
    const late = limit(async () => {
      order.push('late');
    });
    await Promise.all([first, waiting, late]);
    expect(order).toEqual(['first', 'waiting', 'late']);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => concurrencyLimit(0)).toThrow(RangeError);
    expect(() => concurrencyLimit(1.5)).toThrow(RangeError);
  });
});
