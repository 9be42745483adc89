/**
 * Where tasks and hosts live, behind one interface so another backing (a file, a database) can
 * replace memory without touching the engine or the routes.
 */
import type { TaskRecord } from '../engine/task.js';
import type { HostRecord } from '../fakes/hosts.js';

export interface Store {
  hosts(): readonly HostRecord[];
  host(id: number): HostRecord | undefined;
  addHost(host: HostRecord): void;
  addTask(task: TaskRecord): void;
  removeTask(id: number): void;
  task(id: number): TaskRecord | undefined;
  /** All tasks, newest first. */
  tasks(): Iterable<TaskRecord>;
  /** `count` tasks from position `offset` in newest-first order (cheap: no full listing). */
  tasksPage(offset: number, count: number, newestFirst: boolean): TaskRecord[];
  tasksOldestFirst(): IterableIterator<TaskRecord>;
  taskCount(): number;
  /** The newest task that works on a host: it decides the host's agent status. */
  latestTaskOn(hostId: number): TaskRecord | undefined;
  clear(hosts: HostRecord[]): void;
}

export class MemoryStore implements Store {
  private hostList: HostRecord[] = [];
  private hostById = new Map<number, HostRecord>();
  /** Insertion order is submission order: oldest first. */
  private taskById = new Map<number, TaskRecord>();
  /** The same, as an array for paging; removed tasks are dropped from it in batches. */
  private ordered: TaskRecord[] = [];
  private removedSinceCompaction = 0;
  private latestByHost = new Map<number, TaskRecord>();

  constructor(hosts: HostRecord[]) {
    this.clear(hosts);
  }

  hosts(): readonly HostRecord[] {
    return this.hostList;
  }
  host(id: number): HostRecord | undefined {
    return this.hostById.get(id);
  }
  addHost(host: HostRecord): void {
    this.hostList = [...this.hostList, host].sort((a, b) => a.id - b.id);
    this.hostById.set(host.id, host);
  }
  addTask(task: TaskRecord): void {
    this.taskById.set(task.id, task);
    this.ordered.push(task);
    for (const h of task.hostIds) this.latestByHost.set(h, task);
  }
  removeTask(id: number): void {
    // A host keeps its newest task even when it is dropped: the agent's status still follows it.
    this.taskById.delete(id);
    if (++this.removedSinceCompaction > 1024) this.compact();
  }
  private compact(): void {
    this.ordered = this.ordered.filter((t) => this.taskById.get(t.id) === t);
    this.removedSinceCompaction = 0;
  }
  tasksPage(offset: number, count: number, newestFirst: boolean): TaskRecord[] {
    if (this.removedSinceCompaction > 0) this.compact();
    const n = this.ordered.length;
    const out: TaskRecord[] = [];
    for (let i = offset; i < offset + count && i < n; i++) out.push(this.ordered[newestFirst ? n - 1 - i : i] as TaskRecord);
    return out;
  }
  task(id: number): TaskRecord | undefined {
    return this.taskById.get(id);
  }
  tasks(): Iterable<TaskRecord> {
    return [...this.taskById.values()].reverse();
  }
  tasksOldestFirst(): IterableIterator<TaskRecord> {
    return this.taskById.values();
  }
  taskCount(): number {
    return this.taskById.size;
  }
  latestTaskOn(hostId: number): TaskRecord | undefined {
    return this.latestByHost.get(hostId);
  }
  clear(hosts: HostRecord[]): void {
    this.hostList = hosts;
    this.hostById = new Map(hosts.map((h) => [h.id, h]));
    this.taskById.clear();
    this.ordered = [];
    this.removedSinceCompaction = 0;
    this.latestByHost.clear();
  }
}
