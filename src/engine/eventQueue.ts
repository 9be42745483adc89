/**
 * The replay's schedule: a binary min-heap of (instant, node index), earliest first and, at one
 * instant, the lowest index first (the order the engine has always processed ties in).
 *
 * Entries are never updated in place: when a node's next event may have changed, a new entry is
 * pushed, and the replay drops an entry that no longer matches its node when it reaches the top.
 * So each event costs O(log entries) instead of a scan of every node.
 */
export class EventQueue {
  private readonly ats: number[] = [];
  private readonly idxs: number[] = [];

  get size(): number {
    return this.ats.length;
  }

  push(at: number, idx: number): void {
    const ats = this.ats;
    const idxs = this.idxs;
    let i = ats.length;
    ats.push(at);
    idxs.push(idx);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pa = ats[parent] as number;
      if (pa < at || (pa === at && (idxs[parent] as number) <= idx)) break;
      ats[i] = pa;
      idxs[i] = idxs[parent] as number;
      i = parent;
    }
    ats[i] = at;
    idxs[i] = idx;
  }

  /** The earliest entry's instant (undefined when empty). */
  peekAt(): number | undefined {
    return this.ats[0];
  }

  /** The earliest entry's node index (undefined when empty). */
  peekIdx(): number | undefined {
    return this.idxs[0];
  }

  /** Removes the earliest entry. */
  pop(): void {
    const ats = this.ats;
    const idxs = this.idxs;
    const lastAt = ats.pop() as number;
    const lastIdx = idxs.pop() as number;
    const n = ats.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n) {
        const ar = ats[r] as number;
        const al = ats[l] as number;
        if (ar < al || (ar === al && (idxs[r] as number) < (idxs[l] as number))) c = r;
      }
      const ac = ats[c] as number;
      if (lastAt < ac || (lastAt === ac && lastIdx <= (idxs[c] as number))) break;
      ats[i] = ac;
      idxs[i] = idxs[c] as number;
      i = c;
    }
    ats[i] = lastAt;
    idxs[i] = lastIdx;
  }
}
