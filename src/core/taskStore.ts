/**
 * Where tasks live: by id, in submission order (for pages, newest or oldest first), by the cluster
 * they are about (their subject: the task list's `clusterId` and `cluterName` filters), by the
 * tenant they are about (`tenantId`, and `tenantName` within a cluster), and the
 * newest task on each host (it decides the host's agent; kept when the task is dropped). Every
 * operation costs the same with 10 tasks stored or 200,000 (a page costs its size), so nothing
 * above it needs a scan. Behind a class of its own so another backing could replace memory.
 * Replay, eviction, compaction and reset all go through addTask/removeTask/clear, which keep
 * every index.
 */
import type { TaskRecord } from '../engine/index.js';
import { mergeNewestFirst, OrderedTasks } from './orderedTasks.js';

/** One cluster's tasks: keyed by its id and name together, so every task in `tasks` matches both. */
interface ClusterTasks {
  id: number;
  lowerName: string;
  tasks: OrderedTasks;
}

/** One tenant's tasks, with the cluster its tasks name (a tenant lives in one cluster). */
interface TenantTasks {
  clusterId: number;
  lowerClusterName: string;
  tasks: OrderedTasks;
}

/**
 * Which tasks an indexed filter selects: clusters by id, and by a keyword of the name (already
 * lower-cased); tenants by id, and by name (lower-cased, the whole name) within the cluster filter.
 */
export interface ClusterFilter {
  clusterId?: number;
  nameKeyword?: string;
  tenantId?: number;
  tenantName?: string;
}

export class TaskStore {
  private taskById = new Map<number, TaskRecord>();
  private all = new OrderedTasks();
  /** Key: `${id}\u0000${name}` of the task's subject cluster. */
  private byCluster = new Map<string, ClusterTasks>();
  private clusterKeysById = new Map<number, Set<string>>();
  private byTenant = new Map<number, TenantTasks>();
  /** Key: the lower-cased tenant name: the tenants (over time, in any cluster) of that name. */
  private tenantIdsByName = new Map<string, Set<number>>();
  private latestByHost = new Map<number, TaskRecord>();

  addTask(task: TaskRecord): void {
    this.taskById.set(task.id, task);
    this.all.add(task);
    const cluster = task.subject?.cluster;
    if (cluster) {
      const key = `${cluster.id}\u0000${cluster.name}`;
      let entry = this.byCluster.get(key);
      if (!entry) {
        entry = { id: cluster.id, lowerName: cluster.name.toLowerCase(), tasks: new OrderedTasks() };
        this.byCluster.set(key, entry);
        const keys = this.clusterKeysById.get(cluster.id) ?? new Set<string>();
        this.clusterKeysById.set(cluster.id, keys.add(key));
      }
      entry.tasks.add(task);
      const tenant = task.subject?.tenant;
      if (tenant) {
        let t = this.byTenant.get(tenant.id);
        if (!t) {
          t = { clusterId: cluster.id, lowerClusterName: cluster.name.toLowerCase(), tasks: new OrderedTasks() };
          this.byTenant.set(tenant.id, t);
          const nameKey = tenant.name.toLowerCase();
          this.tenantIdsByName.set(nameKey, (this.tenantIdsByName.get(nameKey) ?? new Set<number>()).add(tenant.id));
        }
        t.tasks.add(task);
      }
    }
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
    this.all.remove(task);
    const cluster = task.subject?.cluster;
    if (!cluster) return;
    const tenant = task.subject?.tenant;
    const t = tenant ? this.byTenant.get(tenant.id) : undefined;
    if (tenant && t) {
      t.tasks.remove(task);
      if (t.tasks.size === 0) {
        this.byTenant.delete(tenant.id);
        const nameKey = tenant.name.toLowerCase();
        const ids = this.tenantIdsByName.get(nameKey);
        ids?.delete(tenant.id);
        if (ids?.size === 0) this.tenantIdsByName.delete(nameKey);
      }
    }
    const key = `${cluster.id}\u0000${cluster.name}`;
    const entry = this.byCluster.get(key);
    if (!entry) return;
    entry.tasks.remove(task);
    // A cluster with no stored task leaves no trace (clusters come and go: the index stays their tasks' size).
    if (entry.tasks.size > 0) return;
    this.byCluster.delete(key);
    const keys = this.clusterKeysById.get(cluster.id);
    keys?.delete(key);
    if (keys?.size === 0) this.clusterKeysById.delete(cluster.id);
  }
  /** `count` tasks from position `offset` in newest-first (or oldest-first) order. */
  tasksPage(offset: number, count: number, newestFirst: boolean): TaskRecord[] {
    return this.all.page(offset, count, newestFirst);
  }
  /** The lists of the clusters (or tenants) a filter selects (their tasks are exactly the filter's). */
  private clusterLists(filter: ClusterFilter): OrderedTasks[] {
    const keyword = filter.nameKeyword;
    if (filter.tenantId !== undefined || filter.tenantName !== undefined) {
      // A tenant's tasks all name its cluster: the cluster conditions are the tenant entry's.
      const ids =
        filter.tenantName === undefined
          ? [filter.tenantId as number]
          : [...(this.tenantIdsByName.get(filter.tenantName) ?? [])].filter((id) => filter.tenantId === undefined || id === filter.tenantId);
      return ids
        .map((id) => this.byTenant.get(id))
        .filter((t): t is TenantTasks => t !== undefined)
        .filter((t) => (filter.clusterId === undefined || t.clusterId === filter.clusterId) && (keyword === undefined || t.lowerClusterName.includes(keyword)))
        .map((t) => t.tasks);
    }
    const entries =
      filter.clusterId !== undefined
        ? [...(this.clusterKeysById.get(filter.clusterId) ?? [])].map((k) => this.byCluster.get(k) as ClusterTasks)
        : [...this.byCluster.values()];
    return entries.filter((e) => keyword === undefined || e.lowerName.includes(keyword)).map((e) => e.tasks);
  }
  /** How many stored tasks a cluster filter selects (a sum over the clusters, not a scan). */
  clusterTaskCount(filter: ClusterFilter): number {
    let n = 0;
    for (const list of this.clusterLists(filter)) n += list.size;
    return n;
  }
  /** The tasks a cluster filter selects, newest first, lazily (a page stops when it is full). */
  clusterTasks(filter: ClusterFilter): Iterable<TaskRecord> {
    const lists = this.clusterLists(filter);
    return lists.length === 0 ? [] : mergeNewestFirst(lists);
  }
  /** `count` tasks a cluster filter selects from position `offset`, newest first (or oldest first). */
  clusterTasksPage(filter: ClusterFilter, offset: number, count: number, newestFirst: boolean): TaskRecord[] {
    const lists = this.clusterLists(filter);
    if (lists.length === 1) return (lists[0] as OrderedTasks).page(offset, count, newestFirst);
    const total = lists.reduce((n, l) => n + l.size, 0);
    // Oldest first over several lists: the newest-first walk's mirror positions.
    const from = newestFirst ? offset : Math.max(0, total - offset - count);
    const to = newestFirst ? offset + count : total - offset;
    const out: TaskRecord[] = [];
    let i = 0;
    for (const t of mergeNewestFirst(lists)) {
      if (i >= to) break;
      if (i++ >= from) out.push(t);
    }
    return newestFirst ? out : out.reverse();
  }
  oldestTask(): TaskRecord | undefined {
    return this.all.oldest();
  }
  task(id: number): TaskRecord | undefined {
    return this.taskById.get(id);
  }
  /** All tasks, newest first (a filter's scan). */
  tasks(): Iterable<TaskRecord> {
    return this.all.newestFirst();
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
    this.all.clear();
    this.byCluster.clear();
    this.clusterKeysById.clear();
    this.byTenant.clear();
    this.tenantIdsByName.clear();
    this.latestByHost.clear();
  }
}
