/** What the task module's calls accept (ocp-docs/task). */
import { z } from 'zod';
import { TASK_STATUSES, TASK_TYPES } from '../../contract/enums.js';
import { idField, oneOf, PAGE_FIELDS } from '../../contract/requests.js';

export const TaskIdParam = z.object({ taskId: idField('task') });
export const TaskSubtaskParams = z.object({ taskId: idField('task'), subtaskId: idField('subtask') });

export const TaskListQuery = z.object({
  name: z.string().optional(),
  status: oneOf(TASK_STATUSES).optional(),
  type: oneOf(TASK_TYPES).optional(),
  hostId: idField('host').optional(),
  ...PAGE_FIELDS,
});
