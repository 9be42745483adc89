/**
 * The task store's cluster index (src/core/taskStore.ts) against a scan: over random sets of tasks
 * (about random clusters, some about none, a cluster id seen under two names), random removals
 * (enough to leave holes and force compaction) and resets, every cluster filter's page, count and
 * list equal what filtering every stored task gives; and the task list's query (queries.ts) with
 * the cluster filters combined with the others answers what a plain scan answers. The same for
 * the tenant filters (`tenantId`, `tenantName` within a cluster), a tenant name reused by a
 * tenant made again under a new id.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ClusterFilter, TaskStore } from '../../src/core/taskStore.js';
import type { Tasks } from '../../src/core/tasks.js';
import type { TaskRecord } from '../../src/engine/index.js';
import { queryTasks } from '../../src/modules/task/queries.js';
import { TaskListQuery } from '../../src/modules/task/requests.js';

const NAMES = ['obcluster-1', 'obcluster-2', 'ob-cluster-10', 'Prod_OB', 'standby'];
const TASK_NAMES = ['Create cluster', 'Stop zone', 'Restart server', 'Stop agent'];

/** Tenants a task may be about; a tenant lives in one cluster, `app` is made twice in obcluster-1 (ids 12 and 13). */
const TENANTS = [
  { id: 11, name: 'sys', cluster: { id: 1, name: 'obcluster-1' } },
  { id: 12, name: 'app', cluster: { id: 1, name: 'obcluster-1' } },
  { id: 13, name: 'app', cluster: { id: 1, name: 'obcluster-1' } },
  { id: 21, name: 'sys', cluster: { id: 2, name: 'obcluster-2' } },
  { id: 22, name: 'App', cluster: { id: 2, name: 'obcluster-2' } },
];

function fakeTask(id: number, cluster: { id: number; name: string } | undefined, name: string, hostIds: number[], tenantPick?: number): TaskRecord {
  const tenant = tenantPick === undefined ? undefined : TENANTS[tenantPick % TENANTS.length];
  const about = tenant?.cluster ?? cluster;
  return {
    id,
    name,
    hostIds,
    createdAt: id * 1000,
    operation: {},
    subject: about && {
      cluster: { ...about, obClusterId: about.id, type: 'PRIMARY' },
      ...(tenant ? { tenant: { id: tenant.id, name: tenant.name, obTenantId: 1000 + tenant.id, mode: 'MYSQL' } } : {}),
    },
  } as unknown as TaskRecord;
}

const taskSpec = fc.record({
  cluster: fc.option(fc.record({ id: fc.integer({ min: 1, max: 6 }), name: fc.constantFrom(...NAMES) }), { nil: undefined }),
  name: fc.constantFrom(...TASK_NAMES),
  hostIds: fc.uniqueArray(fc.integer({ min: 1, max: 5 }), { maxLength: 3 }),
  tenant: fc.option(fc.nat(), { nil: undefined }),
});
/** Add a task, remove a stored one (by a pick), or reset the store. */
const step = fc.oneof(
  { weight: 30, arbitrary: taskSpec.map((t) => ({ kind: 'add' as const, ...t })) },
  { weight: 15, arbitrary: fc.nat().map((pick) => ({ kind: 'remove' as const, pick })) },
  { weight: 5, arbitrary: fc.nat().map((count) => ({ kind: 'removeOldest' as const, count: count % 2000 })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);
const filterArb = fc.record({
  clusterId: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
  nameKeyword: fc.option(fc.constantFrom('ob', 'cluster-1', 'prod', 'stand', 'x', '-'), { nil: undefined }),
  tenantId: fc.option(fc.constantFrom(11, 12, 13, 21, 22, 99), { nil: undefined }),
  tenantName: fc.option(fc.constantFrom('sys', 'app', 'ap'), { nil: undefined }),
});

/** Builds a store from the steps; `bulk` tasks first so removals leave enough holes to compact. */
function build(steps: { kind: string; [k: string]: unknown }[], bulk: number): TaskStore {
  const store = new TaskStore();
  let nextId = 1;
  for (let i = 0; i < bulk; i++) store.addTask(fakeTask(nextId++, { id: (i % 3) + 1, name: NAMES[i % 3] as string }, 'Bulk', []));
  for (const s of steps) {
    if (s.kind === 'add')
      store.addTask(
        fakeTask(nextId++, s.cluster as { id: number; name: string } | undefined, s.name as string, s.hostIds as number[], s.tenant as number | undefined),
      );
    else if (s.kind === 'remove' && store.taskCount() > 0) {
      const page = store.tasksPage((s.pick as number) % store.taskCount(), 1, true);
      if (page[0]) store.removeTask(page[0].id);
    } else if (s.kind === 'removeOldest') {
      for (let i = 0; i < (s.count as number) && store.taskCount() > 0; i++) store.removeTask((store.oldestTask() as TaskRecord).id);
    } else if (s.kind === 'clear') store.clear();
  }
  return store;
}

function scan(store: TaskStore, f: ClusterFilter): TaskRecord[] {
  return [...store.tasks()].filter((t) => {
    const c = t.subject?.cluster;
    if (!c) return false;
    if (f.clusterId !== undefined && c.id !== f.clusterId) return false;
    const tenant = t.subject?.tenant;
    if (f.tenantId !== undefined && tenant?.id !== f.tenantId) return false;
    if (f.tenantName !== undefined && tenant?.name.toLowerCase() !== f.tenantName) return false;
    return f.nameKeyword === undefined || c.name.toLowerCase().includes(f.nameKeyword);
  });
}

describe('the cluster index of the task store', () => {
  it('answers every cluster filter as a scan does, through removals, compaction and resets', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 60 }),
        fc.constantFrom(0, 0, 3000),
        filterArb,
        fc.nat({ max: 40 }),
        fc.integer({ min: 1, max: 15 }),
        fc.boolean(),
        (steps, bulk, filter, offset, count, newestFirst) => {
          const store = build(steps, bulk);
          const expected = scan(store, filter);
          expect(store.clusterTaskCount(filter)).toBe(expected.length);
          expect([...store.clusterTasks(filter)].map((t) => t.id)).toEqual(expected.map((t) => t.id));
          const ordered = newestFirst ? expected : [...expected].reverse();
          expect(store.clusterTasksPage(filter, offset, count, newestFirst).map((t) => t.id)).toEqual(ordered.slice(offset, offset + count).map((t) => t.id));
          // The plain list, rebuilt by the same class, still pages as the scan does.
          const all = [...store.tasks()];
          expect(store.tasksPage(offset, count, true).map((t) => t.id)).toEqual(all.slice(offset, offset + count).map((t) => t.id));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Just what queryTasks reads of Tasks, over a real TaskStore (status: a function of the id). */
function tasksOver(store: TaskStore): Tasks {
  return {
    count: () => store.taskCount(),
    page: (o: number, c: number, n = true) => store.tasksPage(o, c, n),
    newestFirst: () => store.tasks(),
    clusterCount: (f: ClusterFilter) => store.clusterTaskCount(f),
    clusterPage: (f: ClusterFilter, o: number, c: number, n = true) => store.clusterTasksPage(f, o, c, n),
    clusterNewestFirst: (f: ClusterFilter) => store.clusterTasks(f),
    views: { summary: (r: TaskRecord) => ({ status: r.id % 3 === 0 ? 'FAILED' : 'SUCCESSFUL', finishTime: r.id * 7 }) },
  } as unknown as Tasks;
}

const queryArb = fc.record({
  clusterId: fc.option(fc.integer({ min: 1, max: 7 }).map(String), { nil: undefined }),
  cluterName: fc.option(fc.constantFrom('OB', 'cluster-1', 'prod', 'x', ''), { nil: undefined }),
  name: fc.option(fc.constantFrom('stop', 'create', ''), { nil: undefined }),
  hostId: fc.option(fc.integer({ min: 1, max: 5 }).map(String), { nil: undefined }),
  status: fc.option(fc.constantFrom('FAILED', 'SUCCESSFUL'), { nil: undefined }),
  tenantId: fc.option(fc.constantFrom('11', '12', '22', '99'), { nil: undefined }),
  tenantName: fc.option(fc.constantFrom('SYS', 'app'), { nil: undefined }),
  sort: fc.option(fc.constantFrom('id', 'id,asc', 'name,desc', 'finishTime,asc'), { nil: undefined }),
  page: fc.integer({ min: 1, max: 4 }).map(String),
  size: fc.integer({ min: 1, max: 12 }).map(String),
});

describe('the task list query with cluster filters', () => {
  it('answers as a scan of every stored task does', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), queryArb, (steps, raw) => {
        const store = build(steps, 0);
        const query = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined));
        const q = TaskListQuery.parse(query);
        // A tenant name without the cluster's id is refused, as the page requires the pair.
        if (q.tenantName !== undefined && q.clusterId === undefined) {
          expect(() => queryTasks(tasksOver(store), q, 0)).toThrow();
          return;
        }
        const got = queryTasks(tasksOver(store), q, 0);
        // The reference: the scan as queries.ts did it before the index (every stored task, then sort and page).
        const status = (r: TaskRecord) => (r.id % 3 === 0 ? 'FAILED' : 'SUCCESSFUL');
        let rows = [...store.tasks()].filter(
          (r) =>
            (!q.name || r.name.toLowerCase().includes(q.name.toLowerCase())) &&
            (q.hostId === undefined || r.hostIds.includes(q.hostId)) &&
            (q.clusterId === undefined || r.subject?.cluster.id === q.clusterId) &&
            (!q.cluterName || r.subject?.cluster.name.toLowerCase().includes(q.cluterName.toLowerCase())) &&
            (q.tenantId === undefined || r.subject?.tenant?.id === q.tenantId) &&
            (q.tenantName === undefined || r.subject?.tenant?.name.toLowerCase() === q.tenantName.toLowerCase()) &&
            (!q.status || status(r) === q.status),
        );
        const sort = q.sort ?? 'id,desc';
        if (sort === 'id' || sort === 'id,asc') rows = rows.reverse();
        else if (sort === 'name,desc') rows.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : b.id - a.id));
        else if (sort === 'finishTime,asc') rows.sort((a, b) => a.id - b.id);
        const start = (q.page - 1) * q.size;
        expect(got.records.map((r) => r.id)).toEqual(rows.slice(start, start + q.size).map((r) => r.id));
        expect(got.page).toEqual({ number: q.page, size: q.size, totalElements: rows.length, totalPages: Math.ceil(rows.length / q.size) });
      }),
      { numRuns: 300 },
    );
  });
});
