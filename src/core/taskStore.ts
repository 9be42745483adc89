/**
 * Where tasks live: by id, in submission order (for pages, newest or oldest first), and the newest
 * task on each host (it decides the host's agent; kept when the task is dropped). Every operation
 * costs the same with 10 tasks stored or 200,000 (a page costs its size), so nothing above it
 * needs a scan. Behind a class of its own so another backing could replace memory.
 */
import type { TaskRecord } from '../engine/index.js';

export class TaskStore {
  private taskById = new Map<number, TaskRecord>();
  /**
   * Tasks in submission order (ids rise with it), removed ones left as holes until they outnumber
   * the live ones; `head` skips the holes at the old end, where evictions happen.
   */
  private ordered: (TaskRecord | undefined)[] = [];
  private head = 0;
  private holes = 0;
  private latestByHost = new Map<number, TaskRecord>();

  addTask(task: TaskRecord): void {
    this.taskById.set(task.id, task);
    this.ordered.push(task);
    // Newest by id (ids rise with submission), whatever order a state file replays tasks in.
    // Only a task that works on agents decides one: an OB cluster's runs on its servers' hosts and leaves their agents alone.
    if (task.operation.during === undefined) return;
    for (const h of task.hostIds) if ((this.latestByHost.get(h)?.id ?? 0) < task.id) this.latestByHost.set(h, task);
  }
  /** Removes the task (it stays the newest on its hosts until another comes). */
  removeTask(id: number): void {
    const task = this.taskById.get(id);
    if (!task) return;
    this.taskById.delete(id);
    const at = this.indexOf(task);
    if (at >= 0) this.ordered[at] = undefined;
    this.holes++;
    while (this.head < this.ordered.length && this.ordered[this.head] === undefined) {
      this.head++;
      this.holes--;
    }
    // Amortized O(1): the array is rebuilt only once its dead slots outnumber the live tasks.
    const live = this.taskById.size;
    if ((this.holes > 1024 && this.holes > live) || (this.head > 1024 && this.head > live)) this.compact();
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
      const id = (this.ordered[probe] as TaskRecord).id;
      if (id === task.id) return probe;
      if (id < task.id) lo = probe + 1;
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
  tasksPage(offset: number, count: number, newestFirst: boolean): TaskRecord[] {
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
  oldestTask(): TaskRecord | undefined {
    return this.ordered[this.head];
  }
  task(id: number): TaskRecord | undefined {
    return this.taskById.get(id);
  }
  /** All tasks, newest first (a filter's scan). */
  tasks(): Iterable<TaskRecord> {
    return [...this.taskById.values()].reverse();
  }
  taskCount(): number {
    return this.taskById.size;
  }
  /** The newest task that works on a host. */
  latestTaskOn(hostId: number): TaskRecord | undefined {
    return this.latestByHost.get(hostId);
  }
  /** Tasks no longer stored that are still the newest on some host. */
  droppedLatestTasks(): TaskRecord[] {
    const out = new Set<TaskRecord>();
    for (const t of this.latestByHost.values()) if (this.taskById.get(t.id) !== t) out.add(t);
    return [...out].sort((a, b) => a.id - b.id);
  }
  clear(): void {
    this.taskById.clear();
    this.ordered = [];
    this.head = 0;
    this.holes = 0;
    this.latestByHost.clear();
  }
}
