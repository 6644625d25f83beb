import { IndexedMinHeap } from './heap';

/**
 * A monotone min-priority queue of integer items 0..capacity-1 with decrease-key, for keys in
 * [0, maxKey] that never go below the last key popped (as in Dijkstra's algorithm).
 *
 * Keys are spread over buckets of equal width (Dial's buckets): items of later buckets wait in
 * doubly linked lists, where an insertion, a move to an earlier bucket or a removal is O(1);
 * the items of the current bucket are in an `IndexedMinHeap`, so they come out in exact key
 * order (equal keys in no set order, as from a heap). The heap holds one bucket's items rather
 * than a search's whole frontier (thousands), so pops are cheaper; with narrow buckets most
 * hold a single item, popped without the heap.
 * Each item is linked and unlinked a few times at most, and a pop scans the empty buckets
 * since the previous one: O(1) amortised per operation plus O(buckets) per run.
 */
export class BucketQueue {
  private readonly heap: IndexedMinHeap;
  /** Key of each item while queued. */
  private readonly keys: Float64Array;
  /** Bucket of each item waiting in a list, -1 when in the heap or absent. */
  private readonly bucketOf: Int32Array;
  private readonly next: Int32Array;
  private readonly previous: Int32Array;
  /** First item of each bucket's list, -1 when empty. */
  private heads = new Int32Array(0);
  /** One bit per bucket, set when its list is not empty: empty buckets are skipped 32 at a time. */
  private occupied = new Int32Array(0);
  private bucketCount = 0;
  private perWidth = 0;
  /** The bucket whose items are in the heap; later buckets are in lists. */
  private current = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.heap = new IndexedMinHeap(capacity);
    this.keys = new Float64Array(capacity);
    this.bucketOf = new Int32Array(capacity).fill(-1);
    this.next = new Int32Array(capacity);
    this.previous = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Empty the queue and set its range: keys from 0 to maxKey, over `buckets` buckets of equal
   * width (one bucket, the heap alone, when maxKey is 0 or not finite).
   */
  reset(maxKey: number, buckets: number): void {
    if (!(buckets >= 1)) throw new RangeError(`at least one bucket is needed, got ${buckets}`);
    if (this.count > 0) {
      this.heap.clear();
      for (let b = this.current + 1; b < this.bucketCount; b++) {
        for (let item = this.heads[b]; item >= 0; item = this.next[item]) this.bucketOf[item] = -1;
        this.heads[b] = -1;
      }
      this.occupied.fill(0);
    }
    this.count = 0;
    this.current = 0;
    const finite = maxKey > 0 && Number.isFinite(maxKey);
    this.bucketCount = finite ? Math.floor(buckets) : 1;
    this.perWidth = finite ? (this.bucketCount - 1) / maxKey : 0;
    // Every list is empty here (drained, or cleared above), so only new buckets need setting.
    if (this.heads.length < this.bucketCount) {
      this.heads = new Int32Array(this.bucketCount).fill(-1);
      this.occupied = new Int32Array((this.bucketCount >> 5) + 1);
    }
  }

  /**
   * Insert an item, or lower its key when it is already in and the new key is smaller (a larger
   * one is ignored). The key must be in [last key popped, maxKey] (a larger one is held in the
   * last bucket).
   */
  push(item: number, key: number): void {
    const { bucketOf, keys } = this;
    const wasIn = this.heap.has(item) || bucketOf[item] >= 0;
    if (wasIn) {
      if (!(key < keys[item])) return;
    } else {
      this.count++;
    }
    keys[item] = key;
    const scaled = key * this.perWidth; // NaN for an infinite key with one bucket
    const b = scaled < this.bucketCount - 1 ? Math.floor(scaled) : this.bucketCount - 1;
    if (b <= this.current) {
      if (bucketOf[item] >= 0) this.unlink(item);
      this.heap.push(item, key);
      return;
    }
    if (bucketOf[item] === b) return;
    if (bucketOf[item] >= 0) this.unlink(item);
    const head = this.heads[b];
    this.next[item] = head;
    this.previous[item] = -1;
    if (head >= 0) this.previous[head] = item;
    else this.occupied[b >> 5] |= 1 << (b & 31);
    this.heads[b] = item;
    bucketOf[item] = b;
  }

  /** Remove and return the item of smallest key; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const { heap } = this;
    this.count--;
    if (heap.size > 0) return heap.pop();
    const { heads, next, bucketOf, keys, occupied } = this;
    // The next occupied bucket (there is one: count was > 0 and the heap is empty).
    const from = this.current + 1;
    let word = from >> 5;
    let bits = occupied[word] & (-1 << (from & 31));
    while (bits === 0) bits = occupied[++word];
    const b = (word << 5) + 31 - Math.clz32(bits & -bits);
    occupied[word] = occupied[word] & ~(1 << (b & 31));
    this.current = b;
    const first = heads[b];
    heads[b] = -1;
    bucketOf[first] = -1;
    // A bucket of one item (the usual case with narrow buckets) needs no heap.
    if (next[first] < 0) return first;
    for (let item = first; item >= 0; item = next[item]) {
      bucketOf[item] = -1;
      heap.push(item, keys[item]);
    }
    return heap.pop();
  }

  private unlink(item: number): void {
    const { next, previous } = this;
    const after = next[item];
    const before = previous[item];
    if (before >= 0) next[before] = after;
    else {
      const b = this.bucketOf[item];
      this.heads[b] = after;
      if (after < 0) this.occupied[b >> 5] &= ~(1 << (b & 31));
    }
    if (after >= 0) previous[after] = before;
    this.bucketOf[item] = -1;
  }
}
