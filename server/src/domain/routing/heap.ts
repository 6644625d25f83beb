/**
 * A min-priority queue of integer items 0..capacity-1 with decrease-key, in typed arrays.
 *
 * Why not `flatqueue`: it has no decrease-key, so Dijkstra would push a node once per
 * improvement and skip stale entries; an indexed heap holds each node once, so its size is
 * bounded by the node count and the arrays can be allocated once per router and reused.
 * It is a 4-ary heap: shallower than a binary one, and the four children of a slot are
 * contiguous in memory, which makes pops cheaper on large graphs.
 */
export class IndexedMinHeap {
  /** Items in heap order. */
  private readonly items: Int32Array;
  /** Priorities in heap order (parallel to `items`). */
  private readonly keys: Float64Array;
  /** Slot of each item in the heap, -1 when absent. */
  private readonly slot: Int32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
    this.slot = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  has(item: number): boolean {
    return this.slot[item] >= 0;
  }

  /** The smallest priority (undefined when empty). */
  peekKey(): number | undefined {
    return this.count > 0 ? this.keys[0] : undefined;
  }

  /** Insert an item, or lower its priority when it is already in and the new one is smaller. */
  push(item: number, key: number): void {
    const at = this.slot[item];
    if (at >= 0) {
      if (key < this.keys[at]) this.siftUp(at, item, key);
      return;
    }
    this.siftUp(this.count++, item, key);
  }

  /** Remove and return the item of smallest priority; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const top = this.items[0];
    this.slot[top] = -1;
    const n = --this.count;
    if (n > 0) this.siftDown(0, this.items[n], this.keys[n]);
    return top;
  }

  /** Empty the heap (O(size)). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.slot[this.items[i]] = -1;
    this.count = 0;
  }

  private siftUp(at: number, item: number, key: number): void {
    const { items, keys, slot } = this;
    while (at > 0) {
      const parent = (at - 1) >> 2;
      const parentKey = keys[parent];
      if (parentKey <= key) break;
      items[at] = items[parent];
      keys[at] = parentKey;
      slot[items[at]] = at;
      at = parent;
    }
    items[at] = item;
    keys[at] = key;
    slot[item] = at;
  }

  private siftDown(at: number, item: number, key: number): void {
    const { items, keys, slot } = this;
    const n = this.count;
    for (;;) {
      const first = 4 * at + 1;
      if (first >= n) break;
      let best = first;
      let bestKey = keys[first];
      const last = Math.min(first + 4, n);
      for (let c = first + 1; c < last; c++) {
        if (keys[c] < bestKey) {
          best = c;
          bestKey = keys[c];
        }
      }
      if (bestKey >= key) break;
      items[at] = items[best];
      keys[at] = bestKey;
      slot[items[at]] = at;
      at = best;
    }
    items[at] = item;
    keys[at] = key;
    slot[item] = at;
  }
}
