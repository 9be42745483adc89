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
  task(id: number): TaskRecord | undefined;
  /** All tasks, newest first. */
  tasks(): Iterable<TaskRecord>;
  taskCount(): number;
  /** The newest task that works on a host: it decides the host's agent status. */
  latestTaskOn(hostId: number): TaskRecord | undefined;
  clear(hosts: HostRecord[]): void;
}

export class MemoryStore implements Store {
  private hostList: HostRecord[] = [];
  private hostById = new Map<number, HostRecord>();
  private taskById = new Map<number, TaskRecord>();
  private ordered: TaskRecord[] = [];
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
  task(id: number): TaskRecord | undefined {
    return this.taskById.get(id);
  }
  *tasks(): Iterable<TaskRecord> {
    for (let i = this.ordered.length - 1; i >= 0; i--) yield this.ordered[i] as TaskRecord;
  }
  taskCount(): number {
    return this.ordered.length;
  }
  latestTaskOn(hostId: number): TaskRecord | undefined {
    return this.latestByHost.get(hostId);
  }
  clear(hosts: HostRecord[]): void {
    this.hostList = hosts;
    this.hostById = new Map(hosts.map((h) => [h.id, h]));
    this.taskById.clear();
    this.ordered = [];
    this.latestByHost.clear();
  }
}
