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
  /** The cluster a task is on (ocp-docs/task/100), and a keyword of its name, `cluterName` as the page spells it. */
  clusterId: idField('cluster').optional(),
  cluterName: z.string().optional(),
  /** The tenant a task is on (ocp-docs/task/100): its id, or its name "used with the ID of the cluster". */
  tenantId: idField('tenant').optional(),
  tenantName: z.string().optional(),
  ...PAGE_FIELDS,
});
