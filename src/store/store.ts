/**
 * Where tasks and hosts live, behind one interface so another backing (a file, a database) can
 * replace memory without touching the engine or the routes. Every operation here costs the same
 * with 10 tasks stored or 200,000 (a page costs its size), so nothing above it needs a scan.
 */
import type { TaskRecord } from '../engine/task.js';
import type { HostRecord } from '../fakes/hosts.js';

export interface Store {
  hosts(): readonly HostRecord[];
  host(id: number): HostRecord | undefined;
  /** Adds hosts, keeping `hosts()` in id order. */
  addHosts(hosts: readonly HostRecord[]): void;
  /** Removes these hosts (their tasks stay). */
  removeHosts(ids: ReadonlySet<number>): void;
  /** A host with this inner IP address, if any. */
  hostWithAddress(ip: string): HostRecord | undefined;
  /** How many hosts are in this IDC, or of this host type (an IDC or type in use cannot be deleted). */
  hostsUsing(kind: 'idc' | 'type', id: number): number;
  addTask(task: TaskRecord): void;
  removeTask(id: number): void;
  task(id: number): TaskRecord | undefined;
  /** All tasks, newest first (a filter's scan). */
  tasks(): Iterable<TaskRecord>;
  /** `count` tasks from position `offset` in newest-first (or oldest-first) order. */
  tasksPage(offset: number, count: number, newestFirst: boolean): TaskRecord[];
  /** The oldest task still stored. */
  oldestTask(): TaskRecord | undefined;
  taskCount(): number;
  /** The newest task that works on a host: it decides the host's agent status (kept when the task is dropped). */
  latestTaskOn(hostId: number): TaskRecord | undefined;
  /** Tasks no longer stored that are still the newest on some host. */
  droppedLatestTasks(): TaskRecord[];
  clear(hosts: HostRecord[]): void;
}

export class MemoryStore implements Store {
  private hostList: HostRecord[] = [];
  private hostById = new Map<number, HostRecord>();
  /** Hosts per IDC and per host type, kept with every change. */
  private readonly using = { idc: new Map<number, number>(), type: new Map<number, number>() };
  /** Hosts by inner IP: made when first asked (adding hosts), then kept up to date. */
  private hostByAddress: Map<string, HostRecord> | undefined;
  private taskById = new Map<number, TaskRecord>();
  /**
   * Tasks in submission order (ids rise with it), removed ones left as holes until they outnumber
   * the live ones; `head` skips the holes at the old end, where evictions happen.
   */
  private ordered: (TaskRecord | undefined)[] = [];
  private head = 0;
  private holes = 0;
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
  addHosts(hosts: readonly HostRecord[]): void {
    // Added hosts take the next ids: appended in place, the list stays in id order (O(1) a host, with
    // any number stored). Readers never hold the list across a turn of the event loop.
    for (const h of hosts) {
      const last = this.hostList[this.hostList.length - 1];
      this.hostList.push(h);
      if (last && last.id > h.id) this.hostList.sort((a, b) => a.id - b.id);
      this.hostById.set(h.id, h);
      this.hostByAddress?.set(h.innerIpAddress, h);
      this.count(h, 1);
    }
  }
  private count(h: HostRecord, delta: number): void {
    this.using.idc.set(h.idcId, (this.using.idc.get(h.idcId) ?? 0) + delta);
    this.using.type.set(h.typeId, (this.using.type.get(h.typeId) ?? 0) + delta);
  }
  hostsUsing(kind: 'idc' | 'type', id: number): number {
    return this.using[kind].get(id) ?? 0;
  }
  removeHosts(ids: ReadonlySet<number>): void {
    // A few hosts: each cut out where a binary search finds it (the list is in id order); many: one pass.
    if (ids.size > 64) this.hostList = this.hostList.filter((h) => !ids.has(h.id));
    else for (const id of ids) this.cutOut(id);
    const freed = new Set<string>();
    for (const id of ids) {
      const host = this.hostById.get(id);
      if (host) this.count(host, -1);
      this.hostById.delete(id);
      if (host && this.hostByAddress?.get(host.innerIpAddress) === host) {
        this.hostByAddress.delete(host.innerIpAddress);
        freed.add(host.innerIpAddress);
      }
    }
    // Seeded hosts may share an address (drawn at random): another one keeps it (one pass, as the filter above).
    if (freed.size > 0) for (const h of this.hostList) if (freed.has(h.innerIpAddress)) this.hostByAddress?.set(h.innerIpAddress, h);
  }
  private cutOut(id: number): void {
    let lo = 0;
    let hi = this.hostList.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = (this.hostList[mid] as HostRecord).id;
      if (at === id) {
        this.hostList.splice(mid, 1);
        return;
      }
      if (at < id) lo = mid + 1;
      else hi = mid - 1;
    }
  }
  hostWithAddress(ip: string): HostRecord | undefined {
    if (!this.hostByAddress) this.hostByAddress = new Map(this.hostList.map((h) => [h.innerIpAddress, h]));
    return this.hostByAddress.get(ip);
  }
  addTask(task: TaskRecord): void {
    this.taskById.set(task.id, task);
    this.ordered.push(task);
    // Newest by id (ids rise with submission), whatever order a state file replays tasks in.
    for (const h of task.hostIds) if ((this.latestByHost.get(h)?.id ?? 0) < task.id) this.latestByHost.set(h, task);
  }
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
  tasks(): Iterable<TaskRecord> {
    return [...this.taskById.values()].reverse();
  }
  taskCount(): number {
    return this.taskById.size;
  }
  latestTaskOn(hostId: number): TaskRecord | undefined {
    return this.latestByHost.get(hostId);
  }
  droppedLatestTasks(): TaskRecord[] {
    const out = new Set<TaskRecord>();
    for (const t of this.latestByHost.values()) if (this.taskById.get(t.id) !== t) out.add(t);
    return [...out].sort((a, b) => a.id - b.id);
  }
  clear(hosts: HostRecord[]): void {
    this.hostList = hosts;
    this.hostById = new Map(hosts.map((h) => [h.id, h]));
    this.hostByAddress = undefined;
    this.using.idc.clear();
    this.using.type.clear();
    for (const h of hosts) this.count(h, 1);
    this.taskById.clear();
    this.ordered = [];
    this.head = 0;
    this.holes = 0;
    this.latestByHost.clear();
  }
}
