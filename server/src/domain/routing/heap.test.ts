import { describe, expect, it } from 'vitest';
import { IndexedMinHeap } from './heap';
import { seededRandom } from './test-fixtures';

describe('the indexed heap behind Dijkstra', () => {
  it('pops 1,000 random keys in order, with decrease-key and without duplicates', () => {
    const random = seededRandom(7);
    const heap = new IndexedMinHeap(1000);
    const keys = new Float64Array(1000);
    for (let i = 0; i < 1000; i++) heap.push(i, (keys[i] = random() * 1000));
    for (let i = 0; i < 1000; i += 3) heap.push(i, (keys[i] = keys[i] / 2)); // decrease
    for (let i = 1; i < 1000; i += 3) heap.push(i, keys[i] + 5); // an increase is ignored
    expect(heap.size).toBe(1000);
    const popped: number[] = [];
    while (heap.size > 0) popped.push(keys[heap.pop()]);
    expect(popped).toEqual([...keys].sort((a, b) => a - b));
    expect(heap.pop()).toBe(-1);
  });
});
