/**
 * OCP's task API (docs 1100.task-management): list and read (TASK_VIEWER), retry, rollback and
 * the subtask actions (TASK_MANAGER). Every state a route shows is the engine's view at `now`.
 */
import { Hono } from 'hono';
import { OcpError } from '../../contract/errors.js';
import { pathIds, TaskIdParam, TaskListQuery, TaskSubtaskParams } from '../../contract/requests.js';
import { subtaskLog } from '../../engine/logs.js';
import type { TaskRecord } from '../../engine/task.js';
import { type SubtaskView, subtaskById } from '../../engine/view.js';
import type { TaskSummary } from '../../simulator/simulator.js';
import type { AppEnv } from '../env.js';
import { ok, okJson } from '../envelope.js';
import { OCP_ROUTES, type RouteKit } from '../ocpRoutes.js';
import { type PageInfo, pageOf, sortParam } from '../query.js';
import { QueryCache } from '../queryCache.js';
import { renderRetriedSubtask, renderWrappedTask } from '../render.js';
import { TaskDetailCache } from '../taskDetailCache.js';
import { TaskRowCache } from '../taskRowCache.js';

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

export function taskRoutes({ sim, register }: RouteKit): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const taskQueries = new QueryCache(TaskListQuery, 'taskQuery');
  const details = new TaskDetailCache(sim);

  /** A page of the task list as JSON, `{"contents":[...],"page":{...}}`, its rows from the row cache. */
  const rowCache = new TaskRowCache(sim);
  const listJson = (records: readonly TaskRecord[], page: PageInfo, now: number) =>
    `{"contents":[${records.map((r) => rowCache.json(r, now)).join(',')}],"page":${JSON.stringify(page)}}`;

  register(app, OCP_ROUTES.listTasks, (c, r) => {
    const q = taskQueries.of(r, () => c.req.query());
    const sort = sortParam(q.sort, SORTABLE, { field: 'id', descending: true });
    const name = q.name?.toLowerCase();
    const now = sim.now();
    // The common poll, every task by id: page straight from the store.
    if (!q.type && !name && q.hostId === undefined && !q.status && sort.field === 'id') {
      const total = sim.taskCount();
      const records = sim.tasksPage((q.page - 1) * q.size, q.size, sort.descending);
      const page = { number: q.page, size: q.size, totalElements: total, totalPages: Math.ceil(total / q.size) };
      return okJson(c, sim, r, listJson(records, page, now));
    }
    // A filter or another order looks at every stored task (a scan; the plain poll above does not).
    const rows: Row[] = [];
    for (const record of sim.tasksNewestFirst()) {
      // Every task the simulator runs is MANUAL (taskDefinitionId -1).
      if (q.type && q.type !== 'MANUAL') continue;
      if (name && !record.name.toLowerCase().includes(name)) continue;
      if (q.hostId !== undefined && !record.hostIds.includes(q.hostId)) continue;
      // Status is only computed when a filter or the sort needs it (and is cached once settled).
      const summary = q.status || sort.field === 'status' || sort.field === 'finishTime' ? sim.summary(record, now) : undefined;
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
    const shown = page.contents.map((row) => row.record);
    return okJson(c, sim, r, listJson(shown, page.page, now));
  });

  register(app, OCP_ROUTES.getTask, (c, r) => {
    const { taskId } = pathIds({ taskId: c.req.param('taskId') }, TaskIdParam);
    return okJson(c, sim, r, details.json(sim.task(taskId), sim.now()));
  });

  register(app, OCP_ROUTES.retryTask, (c, r) => {
    const { taskId } = pathIds({ taskId: c.req.param('taskId') }, TaskIdParam);
    return ok(c, sim, r, renderWrappedTask(sim.act(taskId, { type: 'retry' }), sim.offsetMinutes));
  });
  register(app, OCP_ROUTES.rollbackTask, (c, r) => {
    const { taskId } = pathIds({ taskId: c.req.param('taskId') }, TaskIdParam);
    return ok(c, sim, r, renderWrappedTask(sim.act(taskId, { type: 'rollback' }), sim.offsetMinutes));
  });

  register(app, OCP_ROUTES.subtaskLog, (c, r) => {
    const { taskId, subtaskId } = pathIds({ taskId: c.req.param('taskId'), subtaskId: c.req.param('subtaskId') }, TaskSubtaskParams);
    const view = sim.view(taskId);
    const sub = subtaskById(view, subtaskId);
    if (!sub) throw new OcpError('taskNotFound', [subtaskId]);
    const ip = (hostId: number) => sim.findHost(hostId)?.innerIpAddress ?? 'unknown';
    return ok(c, sim, r, { log: subtaskLog(view, sub, sim.offsetMinutes, ip, (hostId, starting, at) => sim.agentProcessNames(hostId, starting, at)) });
  });

  register(app, OCP_ROUTES.retrySubtask, (c, r) => {
    const { taskId, subtaskId } = pathIds({ taskId: c.req.param('taskId'), subtaskId: c.req.param('subtaskId') }, TaskSubtaskParams);
    const view = sim.act(taskId, { type: 'retrySubtask', subtaskId });
    // act() succeeded, so the subtask exists.
    return ok(c, sim, r, renderRetriedSubtask(view, subtaskById(view, subtaskId) as SubtaskView, sim.offsetMinutes));
  });
  // Skip and cancel answer an envelope without data (samples/skip_subtask_response.json).
  register(app, OCP_ROUTES.skipSubtask, (c, r) => {
    const { taskId, subtaskId } = pathIds({ taskId: c.req.param('taskId'), subtaskId: c.req.param('subtaskId') }, TaskSubtaskParams);
    sim.act(taskId, { type: 'skipSubtask', subtaskId });
    return ok(c, sim, r);
  });
  register(app, OCP_ROUTES.cancelSubtask, (c, r) => {
    const { taskId, subtaskId } = pathIds({ taskId: c.req.param('taskId'), subtaskId: c.req.param('subtaskId') }, TaskSubtaskParams);
    sim.act(taskId, { type: 'cancelSubtask', subtaskId });
    return ok(c, sim, r);
  });
  return app;
}
