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

/** An OB cluster's statuses (ocp-docs/cluster/100, its `status` filter and field). */
export const OB_CLUSTER_STATUSES = [
  'RUNNING',
  'CREATING',
  'DELETING',
  'STARTING',
  'RESTARTING',
  'STOPPING',
  'STOPPED',
  'TAKINGOVER',
  'MOVINGOUT',
  'SWITCHOVER',
  'FAILOVER',
  'OPERATING',
] as const;
export type ObClusterStatus = (typeof OB_CLUSTER_STATUSES)[number];
/** An OB server's statuses (ocp-docs/cluster/2400, 2500). */
export const OB_SERVER_STATUSES = [
  'CREATING',
  'RUNNING',
  'STOPPING',
  'STOPPED',
  'STARTING',
  'RESTARTING',
  'DELETING',
  'UNAVAILABLE',
  'OPERATING',
  'DELETED',
] as const;
export type ObServerStatus = (typeof OB_SERVER_STATUSES)[number];
/** An OB cluster's types (ocp-docs/cluster/100, 200). */
export const OB_CLUSTER_TYPES = ['PRIMARY', 'STANDBY'] as const;
export type ObClusterType = (typeof OB_CLUSTER_TYPES)[number];

export const AGENT_STATUSES = ['AVAILABLE', 'RESTARTING', 'STOPPING', 'REINSTALLING', 'OFFLINE', 'DELETED'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
