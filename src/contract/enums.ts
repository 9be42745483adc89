/** OCP's enumerations (shared/contract README, "Enumerations" and "Hosts"). */

export const TASK_STATUSES = ['RUNNING', 'FAILED', 'SUCCESSFUL'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const SUBTASK_STATUSES = ['PENDING', 'READY', 'RUNNING', 'CANCELING', 'FAILED', 'SUCCESSFUL'] as const;
export type SubtaskStatus = (typeof SUBTASK_STATUSES)[number];

export const OPERATIONS = ['EXECUTE', 'RETRY', 'ROLLBACK', 'SKIP', 'CANCEL'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** The values ocp-docs/task/100 lists for `type`, in its order; `SYS_ONECE` is OCP's own spelling (a one-time system task). */
export const TASK_TYPES = ['MANUAL', 'SYS_ONECE', 'SCHEDULED', 'SYS_SCHEDULED'] as const;
export type TaskType = (typeof TASK_TYPES)[number];

export const HOST_STATUSES = ['NEW', 'AVAILABLE', 'ONLINE', 'OFFLINE', 'DELETING'] as const;
/** A host's service types (ocp-docs/host/1300, 1400). */
export const SERVICE_TYPES = ['OB_CLUSTER', 'OB_PROXY', 'OCP_AGENT', 'BACKUP_AGENT', 'RESTORE_AGENT', 'BACKUP_RESTORE_AGENT', 'OMS'] as const;
export type HostStatus = (typeof HOST_STATUSES)[number];

export const AGENT_STATUSES = ['AVAILABLE', 'RESTARTING', 'STOPPING', 'REINSTALLING', 'OFFLINE', 'DELETED'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
