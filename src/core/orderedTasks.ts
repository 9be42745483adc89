/**
 * Tasks in submission order (ids rise with it), for pages newest or oldest first. A removed task
 * leaves a hole until the holes outnumber the live tasks; `head` skips the holes at the old end,
 * where evictions happen. Every operation is amortized O(1) or O(log n) but a page's walk past
 * holes, so a list of 200,000 costs what a list of 100 does. The task store keeps one for all its
 * tasks and one per cluster (the cluster filters of the task list page from it).
 */
import type { TaskRecord } from '../engine/index.js';

export class OrderedTasks {
  private ordered: (TaskRecord | undefined)[] = [];
  private head = 0;
  private holes = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }
  /** Appends a task (its id is above every stored one's: ids rise with submission). */
  add(task: TaskRecord): void {
    this.ordered.push(task);
    this.live++;
  }
  /** Removes the task if it is here; whether it was. */
  remove(task: TaskRecord): boolean {
    const at = this.indexOf(task);
    if (at < 0) return false;
    this.ordered[at] = undefined;
    this.live--;
    this.holes++;
    while (this.head < this.ordered.length && this.ordered[this.head] === undefined) {
      this.head++;
      this.holes--;
    }
    // Amortized O(1): the array is rebuilt only once its dead slots outnumber the live tasks.
    if ((this.holes > 1024 && this.holes > this.live) || (this.head > 1024 && this.head > this.live)) this.compact();
    return true;
  }
  /** Where `task` stands in `ordered` (binary search by id: ids rise with submission). */
  private indexOf(task: TaskRecord): number {
    let lo = this.head;
    let hi = this.ordered.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      // A hole's neighbours tell where it stands: step to the nearest live entry.
      let probe = mid;
      while (probe <= hi && this.ordered[probe] === undefined) probe++;
      if (probe > hi) {
        hi = mid - 1;
        continue;
      }
      const found = this.ordered[probe] as TaskRecord;
      if (found.id === task.id) return found === task ? probe : -1;
      if (found.id < task.id) lo = probe + 1;
      else hi = mid - 1;
    }
    return -1;
  }
  private compact(): void {
    this.ordered = this.ordered.filter((t) => t !== undefined);
    this.head = 0;
    this.holes = 0;
  }
  /** `count` tasks from position `offset` in newest-first (or oldest-first) order. */
  page(offset: number, count: number, newestFirst: boolean): TaskRecord[] {
    const out: TaskRecord[] = [];
    if (this.holes === 0) {
      const n = this.ordered.length - this.head;
      for (let i = offset; i < offset + count && i < n; i++) out.push(this.ordered[newestFirst ? this.ordered.length - 1 - i : this.head + i] as TaskRecord);
      return out;
    }
    // Holes in the middle: walk past them (fewer than the live tasks, and usually none near the new end).
    let skipped = 0;
    const step = newestFirst ? -1 : 1;
    for (let i = newestFirst ? this.ordered.length - 1 : this.head; i >= this.head && i < this.ordered.length && out.length < count; i += step) {
      const t = this.ordered[i];
      if (t === undefined) continue;
      if (skipped++ >= offset) out.push(t);
    }
    return out;
  }
  /** Every task, newest first (lazily: a merge or a filter stops when it has enough). */
  *newestFirst(): Generator<TaskRecord> {
    for (let i = this.ordered.length - 1; i >= this.head; i--) {
      const t = this.ordered[i];
      if (t !== undefined) yield t;
    }
  }
  oldest(): TaskRecord | undefined {
    return this.ordered[this.head];
  }
  clear(): void {
    this.ordered = [];
    this.head = 0;
    this.holes = 0;
    this.live = 0;
  }
}

/** Several lists' tasks as one, newest first (a k-way merge by id: each list is newest first already). */
export function* mergeNewestFirst(lists: readonly OrderedTasks[]): Generator<TaskRecord> {
  if (lists.length === 1) {
    yield* (lists[0] as OrderedTasks).newestFirst();
    return;
  }
  // A max-heap of each list's next task, by id.
  const heap: { task: TaskRecord; rest: Generator<TaskRecord> }[] = [];
  const up = (i: number): void => {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((heap[p] as (typeof heap)[number]).task.id >= (heap[i] as (typeof heap)[number]).task.id) return;
      [heap[p], heap[i]] = [heap[i] as (typeof heap)[number], heap[p] as (typeof heap)[number]];
      i = p;
    }
  };
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && (heap[l] as (typeof heap)[number]).task.id > (heap[m] as (typeof heap)[number]).task.id) m = l;
      if (r < heap.length && (heap[r] as (typeof heap)[number]).task.id > (heap[m] as (typeof heap)[number]).task.id) m = r;
      if (m === i) return;
      [heap[m], heap[i]] = [heap[i] as (typeof heap)[number], heap[m] as (typeof heap)[number]];
      i = m;
    }
  };
  for (const list of lists) {
    const rest = list.newestFirst();
    const first = rest.next();
    if (!first.done) {
      heap.push({ task: first.value, rest });
      up(heap.length - 1);
    }
  }
  while (heap.length > 0) {
    const top = heap[0] as (typeof heap)[number];
    yield top.task;
    const next = top.rest.next();
    if (next.done) {
      const last = heap.pop() as (typeof heap)[number];
      if (heap.length === 0) return;
      heap[0] = last;
    } else top.task = next.value;
    down(0);
  }
}
