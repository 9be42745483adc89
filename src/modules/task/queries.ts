/**
 * The task list's query (ocp-docs/task/100): filters by name, status, type, host, cluster (its
 * id, `clusterId`, and a keyword of its name, `cluterName` as the page spells it) and tenant
 * (`tenantId`, and `tenantName`, which the page says "must be used with the ID of the cluster"),
 * sorted by id (newest first), name, status, start or finish time. The plain poll (every task by
 * id) pages straight from the store, a cluster or tenant filter from the store's indexes (by id,
 * or by the names that contain the keyword); another filter or order looks at every task those
 * select (a scan of the cluster's or tenant's tasks, or of the store without either filter).
 *
 * *Inferred*: `tenantName` matches the whole name, case aside (the page's example is `SYS`, the
 * tenant is `sys`); without `clusterId` it is refused (COM10001), as the page requires the pair.
 */
import { OcpError } from '../../contract/errors.js';
import { type PageInfo, pageOf, sortParam } from '../../contract/paging.js';
import type { Tasks } from '../../core/tasks.js';
import type { TaskSummary } from '../../core/taskViews.js';
import type { TaskRecord } from '../../engine/index.js';
import type { TaskListQuery } from './requests.js';

const SORTABLE = ['id', 'name', 'status', 'startTime', 'finishTime'] as const;

interface Row {
  record: TaskRecord;
  summary: TaskSummary | undefined;
}

function sortKey(field: (typeof SORTABLE)[number], row: Row): string | number {
  switch (field) {
    case 'id':
      return row.record.id;
    case 'name':
      return row.record.name;
    case 'status':
      return row.summary?.status ?? '';
    case 'startTime':
      return row.record.createdAt;
    case 'finishTime':
      return row.summary?.finishTime ?? Number.MAX_SAFE_INTEGER;
  }
}

/** The page of tasks a task list asks for, and its `page` object. */
export function queryTasks(tasks: Tasks, q: ReturnType<typeof TaskListQuery.parse>, now: number): { records: readonly TaskRecord[]; page: PageInfo } {
  const sort = sortParam(q.sort, SORTABLE, { field: 'id', descending: true });
  const name = q.name?.toLowerCase();
  const clusterName = q.cluterName?.toLowerCase();
  const tenantName = q.tenantName?.toLowerCase();
  if (tenantName !== undefined && q.clusterId === undefined) throw new OcpError('invalidParameter', ['tenantName']);
  const filtered = !!q.type || !!name || q.hostId !== undefined || !!q.status;
  // The common poll, every task by id: page straight from the store.
  const byIndex = q.clusterId !== undefined || !!clusterName || q.tenantId !== undefined || tenantName !== undefined;
  if (!filtered && !byIndex && sort.field === 'id') {
    const total = tasks.count();
    const records = tasks.page((q.page - 1) * q.size, q.size, sort.descending);
    return { records, page: { number: q.page, size: q.size, totalElements: total, totalPages: Math.ceil(total / q.size) } };
  }
  // A cluster or tenant filter reads the store's index: its cost is the cluster's (tenant's) tasks, not the store's.
  const cluster = { clusterId: q.clusterId, nameKeyword: clusterName || undefined, tenantId: q.tenantId, tenantName };
  if (byIndex && !filtered && sort.field === 'id') {
    const total = tasks.clusterCount(cluster);
    const records = tasks.clusterPage(cluster, (q.page - 1) * q.size, q.size, sort.descending);
    return { records, page: { number: q.page, size: q.size, totalElements: total, totalPages: Math.ceil(total / q.size) } };
  }
  const rows: Row[] = [];
  for (const record of byIndex ? tasks.clusterNewestFirst(cluster) : tasks.newestFirst()) {
    // Every task the simulator runs is MANUAL (taskDefinitionId -1).
    if (q.type && q.type !== 'MANUAL') continue;
    if (name && !record.name.toLowerCase().includes(name)) continue;
    if (q.hostId !== undefined && !record.hostIds.includes(q.hostId)) continue;
    // A cluster's tasks are those about it (its subject); host and agent tasks are on no cluster.
    if (q.clusterId !== undefined && record.subject?.cluster.id !== q.clusterId) continue;
    if (clusterName && !record.subject?.cluster.name.toLowerCase().includes(clusterName)) continue;
    if (q.tenantId !== undefined && record.subject?.tenant?.id !== q.tenantId) continue;
    if (tenantName !== undefined && record.subject?.tenant?.name.toLowerCase() !== tenantName) continue;
    // Status is only computed when a filter or the sort needs it (and is kept once settled).
    const summary = q.status || sort.field === 'status' || sort.field === 'finishTime' ? tasks.views.summary(record, now) : undefined;
    if (q.status && summary?.status !== q.status) continue;
    rows.push({ record, summary });
  }
  // Tasks come newest first, which is id order: only another sort needs sorting.
  if (sort.field === 'id' && !sort.descending) rows.reverse();
  else if (sort.field !== 'id')
    rows.sort((a, b) => {
      const x = sortKey(sort.field, a);
      const y = sortKey(sort.field, b);
      const cmp = x < y ? -1 : x > y ? 1 : a.record.id - b.record.id;
      return sort.descending ? -cmp : cmp;
    });
  // Rows only for the page shown.
  const page = pageOf(rows, q);
  return { records: page.contents.map((row) => row.record), page: page.page };
}
