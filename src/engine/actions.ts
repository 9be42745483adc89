/**
 * Which actions OCP allows in which state (shared/contract README, "How a task progresses"):
 * - retry task: only when FAILED and not rolling back;
 * - rollback: only when FAILED and `prohibitRollback` is false, else TSK10009;
 * - retry subtask / skip subtask: only when the subtask is FAILED (and no rollback runs);
 * - cancel subtask: only when the subtask is RUNNING (an undo cannot be cancelled).
 * Anything else is 400 TSK10007; an unknown subtask is 404 TSK10001.
 */
import { OcpError } from '../contract/errors.js';
import type { TaskAction } from './task.js';
import { subtaskById, type TaskView } from './view.js';

/** Throws the OcpError OCP would answer if `action` is not allowed on the task as it is in `view`. */
export function checkAction(view: TaskView, action: TaskAction): void {
  const taskId = view.record.id;
  switch (action.type) {
    case 'retry':
      if (view.status !== 'FAILED' || view.rollingBack) throw new OcpError('taskStateForbids', [taskId, view.status]);
      return;
    case 'rollback':
      if (view.status !== 'FAILED' || view.record.prohibitRollback) throw new OcpError('taskCannotRollback', [taskId]);
      return;
    default: {
      const sub = subtaskById(view, action.subtaskId);
      if (!sub) throw new OcpError('taskNotFound', [action.subtaskId]);
      const allowed = action.type === 'cancelSubtask' ? sub.status === 'RUNNING' && sub.operation !== 'ROLLBACK' : sub.status === 'FAILED' && !view.rollingBack;
      if (!allowed) throw new OcpError('taskStateForbids', [action.subtaskId, sub.status]);
    }
  }
}
