/**
 * OCP's task API (ocp-docs/task): list and read (TASK_VIEWER), retry, rollback and the subtask
 * actions (TASK_MANAGER), over the tasks of every module's operations. Every state a call shows
 * is the engine's view at `now`.
 */
import { OcpError } from '../../contract/errors.js';
import { BasicTaskInstance, pageOf, SubtaskInstance, SubtaskLog, WrappedTaskInstance } from '../../contract/schemas.js';
import { defineCall } from '../../core/call.js';
import { type SubtaskView, subtaskById, subtaskLog } from '../../engine/index.js';
import type { TaskModule } from './module.js';
import { queryTasks } from './queries.js';
import { renderRetriedSubtask, renderWrappedTask } from './render.js';
import { TaskIdParam, TaskListQuery, TaskSubtaskParams } from './requests.js';

const call = defineCall<TaskModule>();
const TAG = 'Tasks';

export const TASK_CALLS = {
  listTasks: call({
    routeId: 'listTasks',
    method: 'get',
    path: '/tasks/instances',
    summary: 'Query the task list',
    tag: TAG,
    permission: 'TASK_VIEWER',
    query: TaskListQuery,
    queryObject: 'taskQuery',
    data: pageOf(BasicTaskInstance),
    handle(m, { query }) {
      const now = m.world.now();
      const { records, page } = queryTasks(m.tasks, query, now);
      return { json: `{"contents":[${records.map((r) => m.answers.row(r, now)).join(',')}],"page":${JSON.stringify(page)}}` };
    },
  }),
  getTask: call({
    routeId: 'getTask',
    method: 'get',
    path: '/tasks/instances/{taskId}',
    summary: 'Query task instance details',
    tag: TAG,
    permission: 'TASK_VIEWER',
    params: TaskIdParam,
    data: WrappedTaskInstance,
    handle: (m, { params }) => ({ json: m.answers.detail(m.tasks.task(params.taskId), m.world.now()) }),
  }),
  retryTask: call({
    routeId: 'taskAction',
    method: 'post',
    path: '/tasks/instances/{taskId}/retry',
    summary: 'Retry a failed task',
    tag: TAG,
    permission: 'TASK_MANAGER',
    params: TaskIdParam,
    data: WrappedTaskInstance,
    handle: (m, { params }) => ({ data: renderWrappedTask(m.tasks.act(params.taskId, { type: 'retry' }), m.world.offsetMinutes) }),
  }),
  rollbackTask: call({
    routeId: 'taskAction',
    method: 'post',
    path: '/tasks/instances/{taskId}/rollback',
    summary: 'Roll back a failed task',
    tag: TAG,
    permission: 'TASK_MANAGER',
    params: TaskIdParam,
    data: WrappedTaskInstance,
    handle: (m, { params }) => ({ data: renderWrappedTask(m.tasks.act(params.taskId, { type: 'rollback' }), m.world.offsetMinutes) }),
  }),
  subtaskLog: call({
    routeId: 'subtaskLog',
    method: 'get',
    path: '/tasks/instances/{taskId}/subtasks/{subtaskId}/log',
    summary: 'Query the log of a subtask',
    tag: TAG,
    permission: 'TASK_VIEWER',
    params: TaskSubtaskParams,
    data: SubtaskLog,
    handle: (m, { params }) => ({ data: { log: m.log(params.taskId, params.subtaskId) } }),
  }),
  retrySubtask: call({
    routeId: 'taskAction',
    method: 'post',
    path: '/tasks/instances/{taskId}/subtasks/{subtaskId}/retry',
    summary: 'Retry a failed subtask',
    tag: TAG,
    permission: 'TASK_MANAGER',
    params: TaskSubtaskParams,
    data: SubtaskInstance,
    handle(m, { params }) {
      const view = m.tasks.act(params.taskId, { type: 'retrySubtask', subtaskId: params.subtaskId });
      // act() succeeded, so the subtask exists.
      return { data: renderRetriedSubtask(view, subtaskById(view, params.subtaskId) as SubtaskView, m.world.offsetMinutes) };
    },
  }),
  // Skip and cancel answer an envelope without data (samples/skip_subtask_response.json).
  skipSubtask: subtaskAction('skip', 'skipSubtask', 'Skip a failed subtask'),
  cancelSubtask: subtaskAction('cancel', 'cancelSubtask', 'Cancel a running subtask'),
};

/** The log of a subtask, as the log call and the dashboard show it (an unknown subtask: 404 TSK10001). */
export function logOf(m: TaskModule, taskId: number, subtaskId: number): string {
  const view = m.tasks.views.at(m.tasks.task(taskId), m.world.now());
  const sub = subtaskById(view, subtaskId);
  if (!sub) throw new OcpError('taskNotFound', [subtaskId]);
  return subtaskLog(view, sub, m.world.offsetMinutes, m.hosts);
}

/** Skipping or cancelling a subtask: done, or OCP's refusal; no data. */
function subtaskAction(verb: 'skip' | 'cancel', type: 'skipSubtask' | 'cancelSubtask', summary: string) {
  return call({
    routeId: 'taskAction',
    method: 'post',
    path: `/tasks/instances/{taskId}/subtasks/{subtaskId}/${verb}`,
    summary,
    tag: TAG,
    permission: 'TASK_MANAGER',
    params: TaskSubtaskParams,
    data: null,
    handle(m, { params }) {
      m.tasks.act(params.taskId, { type, subtaskId: params.subtaskId });
      return {};
    },
  });
}
