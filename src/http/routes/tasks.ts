/**
 * OCP's task API (docs 1100.task-management): list and read (TASK_VIEWER), retry, rollback and
 * the subtask actions (TASK_MANAGER). Every state a route shows is the engine's view at `now`.
 */
import { type Context, Hono } from 'hono';
import { TASK_STATUSES, TASK_TYPES } from '../../contract/enums.js';
import { OcpError } from '../../contract/errors.js';
import { subtaskLog } from '../../engine/logs.js';
import { type TaskView, taskAt } from '../../engine/simulate.js';
import type { ActionRequest } from '../../simulator/simulator.js';
import type { UserDirectory } from '../auth.js';
import type { AppEnv } from '../env.js';
import { ok } from '../envelope.js';
import { guard } from '../middleware/guard.js';
import { enumParam, intParam, pageOf, pagingParams, sortParam } from '../query.js';
import { renderBasicTask, renderSubtaskInstance, renderWrappedTask } from '../render.js';

const SORTABLE = ['id', 'name', 'status', 'startTime', 'finishTime'] as const;

function taskId(c: Context<AppEnv>): number {
  return intParam(c.req.param('taskId'), 'taskId') as number;
}
function subtaskId(c: Context<AppEnv>): number {
  return intParam(c.req.param('subtaskId'), 'subtaskId') as number;
}

export function taskRoutes(users: UserDirectory): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const viewer = (id: 'listTasks' | 'getTask' | 'subtaskLog') => guard(users, id, 'TASK_VIEWER');
  const manager = guard(users, 'taskAction', 'TASK_MANAGER');

  app.get('/tasks/instances', viewer('listTasks'), (c) => {
    const sim = c.var.sim;
    const q = (k: string) => c.req.query(k);
    const paging = pagingParams(q);
    const name = q('name')?.toLowerCase();
    const status = enumParam(q('status'), 'status', TASK_STATUSES);
    const type = enumParam(q('type'), 'type', TASK_TYPES);
    const hostId = intParam(q('hostId'), 'hostId');
    const sort = sortParam(q('sort'), SORTABLE, { field: 'id', descending: true });
    const now = sim.now();
    const views: TaskView[] = [];
    for (const record of sim.store.tasks()) {
      if (type && type !== 'MANUAL') continue;
      if (name && !record.name.toLowerCase().includes(name)) continue;
      if (hostId !== undefined && !record.hostIds.includes(hostId)) continue;
      const view = taskAt(record, now);
      if (status && view.status !== status) continue;
      views.push(view);
    }
    const key = (v: TaskView): string | number => {
      switch (sort.field) {
        case 'id':
          return v.record.id;
        case 'name':
          return v.record.name;
        case 'status':
          return v.status;
        case 'startTime':
          return v.startTime;
        case 'finishTime':
          return v.finishTime ?? Number.MAX_SAFE_INTEGER;
      }
    };
    views.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const cmp = x < y ? -1 : x > y ? 1 : a.record.id - b.record.id;
      return sort.descending ? -cmp : cmp;
    });
    const page = pageOf(views, paging);
    return ok(c, { contents: page.contents.map((v) => renderBasicTask(v, sim.offsetMinutes)), page: page.page });
  });

  app.get('/tasks/instances/:taskId', viewer('getTask'), (c) => {
    const sim = c.var.sim;
    return ok(c, renderWrappedTask(sim.view(taskId(c)), sim.offsetMinutes));
  });

  for (const type of ['retry', 'rollback'] as const) {
    app.post(`/tasks/instances/:taskId/${type}`, manager, (c) => {
      const sim = c.var.sim;
      return ok(c, renderWrappedTask(sim.act(taskId(c), { type }), sim.offsetMinutes));
    });
  }

  app.get('/tasks/instances/:taskId/subtasks/:subtaskId/log', viewer('subtaskLog'), (c) => {
    const sim = c.var.sim;
    const view = sim.view(taskId(c));
    const id = subtaskId(c);
    const sub = view.byId.get(id);
    if (!sub) throw new OcpError('taskNotFound', [id]);
    const ip = (hostId: number) => sim.store.host(hostId)?.innerIpAddress ?? 'unknown';
    return ok(c, { log: subtaskLog(view, sub, sim.offsetMinutes, ip) });
  });

  const subtaskActions: Record<string, ActionRequest['type']> = { retry: 'retrySubtask', skip: 'skipSubtask', cancel: 'cancelSubtask' };
  for (const [path, type] of Object.entries(subtaskActions)) {
    app.post(`/tasks/instances/:taskId/subtasks/:subtaskId/${path}`, manager, (c) => {
      const sim = c.var.sim;
      const id = subtaskId(c);
      const view = sim.act(taskId(c), { type, subtaskId: id } as ActionRequest);
      // Subtask retry answers the SubtaskInstance; skip and cancel an envelope without data.
      if (type !== 'retrySubtask') return ok(c);
      return ok(c, renderSubtaskInstance(view, view.byId.get(id) as NonNullable<ReturnType<typeof view.byId.get>>, sim.offsetMinutes));
    });
  }
  return app;
}
