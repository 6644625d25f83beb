/**
 * A binary min-heap of integer items keyed by a number, for the best-first growths of the
 * generator (département outline, EPCI partition, road paths). Ties pop in insertion order, so
 * results never depend on the heap's internal layout.
 */
export class PriorityQueue {
  private readonly keys: number[] = [];
  private readonly items: number[] = [];
  private readonly order: number[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(item: number, key: number): void {
    this.keys.push(key);
    this.items.push(item);
    this.order.push(this.counter++);
    this.up(this.items.length - 1);
  }

  /** The item with the smallest key and that key; throws when empty. */
  pop(): { item: number; key: number } {
    if (this.items.length === 0) throw new RangeError('PriorityQueue.pop: empty queue');
    const top = { item: this.items[0], key: this.keys[0] };
    const last = this.items.length - 1;
    this.swap(0, last);
    this.keys.pop();
    this.items.pop();
    this.order.pop();
    this.down(0);
    return top;
  }

  private less(i: number, j: number): boolean {
    return (
      this.keys[i] < this.keys[j] ||
      (this.keys[i] === this.keys[j] && this.order[i] < this.order[j])
    );
  }

  private swap(i: number, j: number): void {
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
    [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
