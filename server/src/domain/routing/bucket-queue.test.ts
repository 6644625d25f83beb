import { describe, expect, it } from 'vitest';
import { BucketQueue } from './bucket-queue';
import { seededRandom } from './test-fixtures';

/**
 * A Dijkstra-like run on random input: pops interleaved with pushes and decrease-keys of keys
 * at or above the last popped one, checked pop by pop against a plain list of the queued keys.
 */
function monotoneRun(seed: number, capacity: number, maxKey: number, buckets: number) {
  const random = seededRandom(seed);
  const keys = new Float64Array(capacity).fill(Infinity);
  const queue = new BucketQueue(capacity, keys);
  queue.reset(maxKey, buckets);
  const reference = new Map<number, number>(); // item → key, while queued
  const done = new Uint8Array(capacity);
  const keyFrom = (from: number) => {
    // Some ties, some keys in the same bucket as the last pop, some far ahead.
    const r = random();
    if (r < 0.1) return from;
    if (r < 0.4) return Math.min(maxKey, from + random() * (maxKey / buckets));
    return Math.min(maxKey, from + random() * random() * maxKey);
  };
  for (let k = 0; k < 5; k++) {
    const item = Math.floor(random() * capacity);
    const key = keyFrom(0);
    if (!(reference.get(item)! <= key)) reference.set(item, (keys[item] = key));
    queue.push(item, key);
  }
  const popped: number[] = [];
  while (reference.size > 0) {
    const least = Math.min(...reference.values());
    const item = queue.pop();
    expect(reference.get(item)).toBe(least);
    reference.delete(item);
    done[item] = 1;
    popped.push(least);
    const pushes = Math.floor(random() * 4);
    for (let p = 0; p < pushes; p++) {
      const other = Math.floor(random() * capacity);
      if (done[other]) continue;
      const key = keyFrom(least);
      // An insertion or a decrease; or an increase, not written as the item's key, so ignored.
      if (!(reference.get(other)! <= key)) reference.set(other, (keys[other] = key));
      queue.push(other, key);
    }
  }
  expect(queue.pop()).toBe(-1);
  return popped;
}

describe('the bucket queue behind Dijkstra', () => {
  it.each([
    [1, 500, 1800, 16],
    [2, 2000, 1800, 65536],
    [3, 2000, 100, 1],
    [4, 300, 0, 8],
    [5, 1000, Infinity, 64],
    [6, 3000, 3600, 1000],
  ])(
    'pops the least key each time on random monotone input (seed %i, %i items, keys to %s, %i buckets)',
    (seed, capacity, maxKey, buckets) => {
      const popped = monotoneRun(seed, capacity, maxKey, buckets);
      expect(popped.length).toBeGreaterThan(5);
      expect(popped).toEqual([...popped].sort((a, b) => a - b));
    },
  );

  it('pops 1,000 random keys in order, with decrease-key and without duplicates', () => {
    const random = seededRandom(7);
    const keys = new Float64Array(1000);
    const queue = new BucketQueue(1000, keys);
    queue.reset(1000, 100);
    for (let i = 0; i < 1000; i++) queue.push(i, (keys[i] = random() * 1000));
    for (let i = 0; i < 1000; i += 3) queue.push(i, (keys[i] = keys[i] / 2)); // decrease
    for (let i = 1; i < 1000; i += 3) queue.push(i, keys[i] + 5); // an increase is ignored
    const popped: number[] = [];
    for (let item = queue.pop(); item >= 0; item = queue.pop()) popped.push(keys[item]);
    expect(popped).toEqual([...keys].sort((a, b) => a - b));
  });

  it('is empty after a reset, even one in the middle of a run, and usable again', () => {
    const keys = new Float64Array(10);
    const queue = new BucketQueue(10, keys);
    queue.reset(10, 5);
    for (let i = 0; i < 10; i++) queue.push(i, (keys[i] = 10 - i));
    expect(queue.pop()).toBe(9);
    queue.reset(20, 3);
    expect(queue.pop()).toBe(-1);
    queue.push(4, (keys[4] = 15));
    queue.push(2, (keys[2] = 3));
    queue.push(4, (keys[4] = 1));
    expect([queue.pop(), queue.pop(), queue.pop()]).toEqual([4, 2, -1]);
    expect(() => queue.reset(10, 0)).toThrow(RangeError);
  });

  it('holds many entries per item (decrease after decrease) and ignores pushes of popped items', () => {
    const keys = new Float64Array(50);
    const queue = new BucketQueue(50, keys);
    queue.reset(1000, 64);
    for (let round = 10; round >= 1; round--) {
      for (let i = 0; i < 50; i++) queue.push(i, (keys[i] = round * 90 + i)); // 500 entries
    }
    const first = queue.pop();
    expect(first).toBe(0);
    queue.push(first, 95); // popped already, and not its key: ignored
    const order = [first];
    for (let item = queue.pop(); item >= 0; item = queue.pop()) order.push(item);
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
