import { IndexedMinHeap } from './heap';

/** A current bucket holding more items than this goes to a heap rather than a sorted run. */
const RUN_LIMIT = 16;

/**
 * A monotone min-priority queue of integer items 0..capacity-1, for keys in [0, maxKey] that
 * never go below the last key popped (as in Dijkstra's algorithm). The caller keeps each item's
 * current key in an array the queue reads: to queue an item or lower its key (decrease-key), it
 * writes the key there and pushes the item with it; once popped, an item is not returned again
 * unless its key is lowered again.
 *
 * Keys are spread over buckets of equal width (Dial's buckets). A push appends an entry (item,
 * key) to its bucket's list in a shared pool, written in sequence: nothing is unlinked, an
 * item pushed again simply has several entries, and only the one with its current key is live.
 * When the queue moves on to the next bucket that has entries, they are sorted into a short
 * run (by insertion: with narrow buckets there are only a few, most often one, which is then
 * returned at once), or put in an `IndexedMinHeap` when there are many, so items come out in
 * exact key order (equal keys in no set order, as from a heap). Each push is O(1), each pop
 * O(1) amortised for narrow buckets (O(log n) in a crowded one), plus a scan of the bucket
 * bitmap (32 buckets a step) over the whole run.
 */
export class BucketQueue {
  private readonly heap: IndexedMinHeap;
  // The pool of entries: item, key, next entry of the same bucket (-1 at the end).
  private entryItem: Int32Array;
  private entryKey: Float64Array;
  private entryNext: Int32Array;
  private entries = 0;
  /** First entry of each bucket's list, -1 when empty. */
  private heads = new Int32Array(0);
  /** One bit per bucket, set when its list is not empty: empty buckets are skipped 32 at a time. */
  private occupied = new Int32Array(0);
  private bucketCount = 1;
  private perWidth = 0;
  /** The bucket whose items are in the run or the heap; later buckets are in lists. */
  private current = 0;
  /** Whether every list is empty (so that a reset needs no clearing). */
  private drained = true;
  /** The current bucket's items by increasing key, from runStart to runEnd - 1. */
  private readonly runItem = new Int32Array(RUN_LIMIT);
  private readonly runKey = new Float64Array(RUN_LIMIT);
  private runStart = 0;
  private runEnd = 0;
  /** The current bucket's items are in the heap rather than the run. */
  private crowded = false;

  /**
   * @param keys Each item's current key, kept by the caller (a Dijkstra's times): an entry is
   *   live while its key is the item's, and an item is popped at most once per key.
   */
  constructor(
    readonly capacity: number,
    private readonly keys: Float64Array,
  ) {
    this.heap = new IndexedMinHeap(capacity);
    const pool = Math.max(16, capacity);
    this.entryItem = new Int32Array(pool);
    this.entryKey = new Float64Array(pool);
    this.entryNext = new Int32Array(pool);
  }

  /**
   * Empty the queue and set its range: keys from 0 to maxKey, over `buckets` buckets of equal
   * width (one bucket, the heap alone, when maxKey is 0 or not finite).
   */
  reset(maxKey: number, buckets: number): void {
    if (!(buckets >= 1)) throw new RangeError(`at least one bucket is needed, got ${buckets}`);
    const finite = maxKey > 0 && Number.isFinite(maxKey);
    const count = finite ? Math.floor(buckets) : 1;
    if (this.heads.length < count) {
      this.heads = new Int32Array(count).fill(-1);
      this.occupied = new Int32Array((count >> 5) + 1);
    } else if (!this.drained) {
      this.heads.fill(-1);
      this.occupied.fill(0);
    }
    this.heap.clear();
    this.bucketCount = count;
    this.perWidth = finite ? (count - 1) / maxKey : 0;
    this.current = 0;
    this.entries = 0;
    this.runStart = this.runEnd = 0;
    this.crowded = false;
    this.drained = false;
  }

  /** Queue an item at a key in [last key popped, maxKey] (a larger key goes to the last bucket). */
  push(item: number, key: number): void {
    const scaled = key * this.perWidth; // NaN for an infinite key with one bucket
    const b = scaled < this.bucketCount - 1 ? Math.floor(scaled) : this.bucketCount - 1;
    if (b <= this.current) {
      this.toCurrent(item, key);
      return;
    }
    const k = this.entries++;
    if (k === this.entryItem.length) this.growPool();
    this.entryItem[k] = item;
    this.entryKey[k] = key;
    const head = this.heads[b];
    this.entryNext[k] = head;
    if (head < 0) this.occupied[b >> 5] |= 1 << (b & 31);
    this.heads[b] = k;
  }

  /** Remove and return the item of smallest key; -1 when the queue is empty. */
  pop(): number {
    const { keys } = this;
    for (;;) {
      if (this.crowded) {
        // The heap holds each item once, at its least key: every item in it is live.
        if (this.heap.size > 0) return this.heap.pop();
        this.crowded = false;
      }
      while (this.runStart < this.runEnd) {
        const k = this.runStart++;
        const item = this.runItem[k];
        if (this.runKey[k] === keys[item]) return item;
      }
      this.runStart = this.runEnd = 0;
      // On to the next bucket with entries.
      const { occupied, heads, entryItem, entryKey, entryNext } = this;
      const from = this.current + 1;
      const words = (this.bucketCount >> 5) + 1;
      let word = from >> 5;
      let bits = word < words ? occupied[word] & (-1 << (from & 31)) : 0;
      while (bits === 0 && ++word < words) bits = occupied[word];
      if (bits === 0) {
        this.current = this.bucketCount;
        this.drained = true;
        return -1;
      }
      const b = (word << 5) + 31 - Math.clz32(bits & -bits);
      occupied[word] &= ~(1 << (b & 31));
      this.current = b;
      let k = heads[b];
      heads[b] = -1;
      if (entryNext[k] < 0) {
        // A single entry, the usual case with narrow buckets.
        const item = entryItem[k];
        if (entryKey[k] === keys[item]) return item;
        continue;
      }
      for (; k >= 0; k = entryNext[k]) {
        const item = entryItem[k];
        if (entryKey[k] === keys[item]) this.toCurrent(item, entryKey[k]);
      }
    }
  }

  /** Add an item to the current bucket: into the sorted run, or the heap when it is crowded. */
  private toCurrent(item: number, key: number): void {
    if (this.crowded) {
      this.heap.push(item, key);
      return;
    }
    const { runItem, runKey } = this;
    if (this.runEnd === RUN_LIMIT) {
      // Full: move what is left of it to the start, or everything to the heap.
      let n = 0;
      for (let k = this.runStart; k < this.runEnd; k++) {
        runItem[n] = runItem[k];
        runKey[n++] = runKey[k];
      }
      this.runStart = 0;
      this.runEnd = n;
      if (n === RUN_LIMIT) {
        for (let k = 0; k < n; k++) {
          if (runKey[k] === this.keys[runItem[k]]) this.heap.push(runItem[k], runKey[k]);
        }
        this.runEnd = 0;
        this.crowded = true;
        this.heap.push(item, key);
        return;
      }
    }
    let k = this.runEnd++;
    while (k > this.runStart && runKey[k - 1] > key) {
      runItem[k] = runItem[k - 1];
      runKey[k] = runKey[k - 1];
      k--;
    }
    runItem[k] = item;
    runKey[k] = key;
  }

  private growPool(): void {
    const n = 2 * this.entryItem.length;
    const item = new Int32Array(n);
    item.set(this.entryItem);
    const key = new Float64Array(n);
    key.set(this.entryKey);
    const next = new Int32Array(n);
    next.set(this.entryNext);
    this.entryItem = item;
    this.entryKey = key;
    this.entryNext = next;
  }
}
