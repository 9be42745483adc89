/**
 * OCP's task API (docs 1100.task-management): list and read (TASK_VIEWER), retry, rollback and
 * the subtask actions (TASK_MANAGER). Every state a route shows is the engine's view at `now`.
 */
import { Hono } from 'hono';
import { OcpError } from '../../contract/errors.js';
import { parseRequest, TaskIdParam, TaskListQuery, TaskSubtaskParams } from '../../contract/requests.js';
import { subtaskLog } from '../../engine/logs.js';
import { type SubtaskView, subtaskById } from '../../engine/simulate.js';
import type { TaskRecord } from '../../engine/task.js';
import type { TaskSummary } from '../../simulator/simulator.js';
import type { UserDirectory } from '../auth.js';
import type { AppEnv } from '../env.js';
import { ok, okSerialized } from '../envelope.js';
import { OCP_ROUTES, register } from '../ocpRoutes.js';
import { type PageInfo, pageOf, sortParam } from '../query.js';
import { renderSubtaskInstance, renderWrappedTask } from '../render.js';
import type { TaskDetailCache } from '../taskDetailCache.js';
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

export function taskRoutes(users: UserDirectory, details: TaskDetailCache): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** A page of the task list as JSON, `{"contents":[...],"page":{...}}`, its rows from the row cache. */
  const rowCache = new TaskRowCache();
  const listJson = (records: readonly TaskRecord[], page: PageInfo, now: number, offsetMinutes: number) =>
    `{"contents":[${records.map((r) => rowCache.json(r, now, offsetMinutes)).join(',')}],"page":${JSON.stringify(page)}}`;

  register(app, users, OCP_ROUTES.listTasks, (c) => {
    const sim = c.get('sim');
    const q = parseRequest(TaskListQuery, c.req.query(), 'taskQuery');
    const sort = sortParam(q.sort, SORTABLE, { field: 'id', descending: true });
    const name = q.name?.toLowerCase();
    const now = sim.now();
    // The common poll, every task by id: page straight from the store.
    if (!q.type && !name && q.hostId === undefined && !q.status && sort.field === 'id') {
      const total = sim.store.taskCount();
      const records = sim.store.tasksPage((q.page - 1) * q.size, q.size, sort.descending);
      const page = { number: q.page, size: q.size, totalElements: total, totalPages: Math.ceil(total / q.size) };
      return okSerialized(c, listJson(records, page, now, sim.offsetMinutes));
    }
    const rows: Row[] = [];
    for (const record of sim.store.tasks()) {
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
    const shown = page.contents.map((r) => r.record);
    return okSerialized(c, listJson(shown, page.page, now, sim.offsetMinutes));
  });

  register(app, users, OCP_ROUTES.getTask, (c) => {
    const sim = c.get('sim');
    const { taskId } = parseRequest(TaskIdParam, c.req.param(), 'path');
    return okSerialized(c, details.json(sim.task(taskId), sim.now(), sim.offsetMinutes));
  });

  register(app, users, OCP_ROUTES.retryTask, (c) => {
    const { taskId } = parseRequest(TaskIdParam, c.req.param(), 'path');
    return ok(c, renderWrappedTask(c.get('sim').act(taskId, { type: 'retry' }), c.get('sim').offsetMinutes));
  });
  register(app, users, OCP_ROUTES.rollbackTask, (c) => {
    const { taskId } = parseRequest(TaskIdParam, c.req.param(), 'path');
    return ok(c, renderWrappedTask(c.get('sim').act(taskId, { type: 'rollback' }), c.get('sim').offsetMinutes));
  });

  register(app, users, OCP_ROUTES.subtaskLog, (c) => {
    const sim = c.get('sim');
    const { taskId, subtaskId } = parseRequest(TaskSubtaskParams, c.req.param(), 'path');
    const view = sim.view(taskId);
    const sub = subtaskById(view, subtaskId);
    if (!sub) throw new OcpError('taskNotFound', [subtaskId]);
    const ip = (hostId: number) => sim.store.host(hostId)?.innerIpAddress ?? 'unknown';
    return ok(c, { log: subtaskLog(view, sub, sim.offsetMinutes, ip) });
  });

  register(app, users, OCP_ROUTES.retrySubtask, (c) => {
    const sim = c.get('sim');
    const { taskId, subtaskId } = parseRequest(TaskSubtaskParams, c.req.param(), 'path');
    const view = sim.act(taskId, { type: 'retrySubtask', subtaskId });
    // act() succeeded, so the subtask exists.
    return ok(c, renderSubtaskInstance(view, subtaskById(view, subtaskId) as SubtaskView, sim.offsetMinutes));
  });
  // Skip and cancel answer an envelope without data (samples/skip_subtask_response.json).
  register(app, users, OCP_ROUTES.skipSubtask, (c) => {
    const { taskId, subtaskId } = parseRequest(TaskSubtaskParams, c.req.param(), 'path');
    c.get('sim').act(taskId, { type: 'skipSubtask', subtaskId });
    return ok(c);
  });
  register(app, users, OCP_ROUTES.cancelSubtask, (c) => {
    const { taskId, subtaskId } = parseRequest(TaskSubtaskParams, c.req.param(), 'path');
    c.get('sim').act(taskId, { type: 'cancelSubtask', subtaskId });
    return ok(c);
  });
  return app;
}
