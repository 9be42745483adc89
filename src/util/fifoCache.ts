/**
 * A cache bounded by the weight of what it holds (characters, subtasks, nodes), oldest out.
 * Lookups are one Map access; eviction pops a queue, so each insertion costs O(1) amortized.
 * (Evicting by iterating a Map from its start would not: V8 walks past every entry deleted since
 * the table was last rebuilt, which makes a full cache quadratic.)
 */
interface Slot<V> {
  value: V;
  weight: number;
  seq: number;
}

export class FifoCache<K, V> {
  private readonly map = new Map<K, Slot<V>>();
  private queue: { key: K; seq: number }[] = [];
  private head = 0;
  private seq = 0;
  private total = 0;
  /** Queue entries whose key was deleted or set again since. */
  private stale = 0;

  constructor(
    private readonly maxWeight: number,
    private readonly weigh: (value: V) => number,
  ) {}

  get(key: K): V | undefined {
    return this.map.get(key)?.value;
  }

  /** Keeps `value` for `key` (replacing what was kept), then drops the oldest past the bound, never this one. */
  set(key: K, value: V): V {
    this.delete(key);
    const slot = { value, weight: this.weigh(value), seq: ++this.seq };
    this.map.set(key, slot);
    this.queue.push({ key, seq: slot.seq });
    this.total += slot.weight;
    while (this.total > this.maxWeight && this.head < this.queue.length - 1) {
      const oldest = this.queue[this.head++] as { key: K; seq: number };
      const kept = this.map.get(oldest.key);
      // A queue entry whose key was set again since is stale: the newer one stands later.
      if (kept && kept.seq === oldest.seq) {
        this.map.delete(oldest.key);
        this.total -= kept.weight;
      }
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    // A key set again and again (a task polled at new instants) leaves stale entries behind:
    // rebuild the queue from the map (whose order is insertion order) once they dominate.
    if (this.stale > 1024 && this.stale * 2 > this.queue.length - this.head) {
      this.queue = [...this.map].map(([k, s]) => ({ key: k, seq: s.seq }));
      this.head = 0;
      this.stale = 0;
    }
    return value;
  }

  delete(key: K): void {
    const kept = this.map.get(key);
    if (!kept) return;
    this.map.delete(key);
    this.total -= kept.weight;
    this.stale++;
  }

  clear(): void {
    this.map.clear();
    this.queue = [];
    this.head = 0;
    this.total = 0;
    this.stale = 0;
  }
}
