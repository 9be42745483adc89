/**
 * zod schemas of OCP's wire shapes: the single source of truth for what a response may hold.
 * Objects are strict (no extra keys) so a test that parses a response proves its exact key set.
 * Optional fields are the ones OCP leaves out when null (e.g. a subtask's `finishTime`).
 */
import { z } from 'zod';
import {
  AGENT_STATUSES,
  HOST_STATUSES,
  OB_CLUSTER_STATUSES,
  OB_CLUSTER_TYPES,
  OB_SERVER_STATUSES,
  OPERATIONS,
  SUBTASK_STATUSES,
  TASK_STATUSES,
  TASK_TYPES,
} from './enums.js';

export const OcpTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?([+-]\d{2}:\d{2}|Z)$/);
export const TraceId = z.string().regex(/^[0-9a-f]{16}$/);

const envelopeBase = {
  duration: z.number().int().nonnegative(),
  server: z.string(),
  status: z.number().int(),
  successful: z.boolean(),
  timestamp: OcpTime,
  traceId: TraceId,
};

/** A successful answer: `data` plus the envelope fields. */
export const successEnvelope = <T extends z.ZodType>(data: T) => z.strictObject({ data, ...envelopeBase });

/** A successful answer that carries no `data` (skip, cancel). */
export const EmptyEnvelope = z.strictObject(envelopeBase);

export const SubErrorSchema = z.strictObject({
  field: z.string(),
  message: z.string(),
  object: z.string(),
  rejectedValue: z.unknown().optional(),
});

export const ErrorEnvelope = z.strictObject({
  ...envelopeBase,
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    subErrors: z.array(SubErrorSchema).optional(),
    target: z.string().optional(),
  }),
  successful: z.literal(false),
});

export const TaskContext = z.strictObject({
  listMap: z.record(z.string(), z.array(z.string())),
  parallel: z.boolean(),
  parallelIdx: z.number().int(),
  stringMap: z.record(z.string(), z.string()),
});

const subtaskCommon = {
  description: z.string(),
  downstreams: z.array(z.number().int()),
  id: z.number().int(),
  name: z.string(),
  nodeType: z.literal('JAVA_TASK'),
  operation: z.enum(OPERATIONS),
  parallelIdx: z.number().int(),
  prohibitRollback: z.boolean(),
  runTime: z.number().int().positive(),
  seriesId: z.number().int(),
  status: z.enum(SUBTASK_STATUSES),
  timeout: z.number().int().positive(),
  upstreams: z.array(z.number().int()),
};

/** A subtask as the submitting call (batchStopAgents) shows it: with `className`, no times; subtask retry adds `createTime` (ocp-docs/task/600). */
export const SubtaskInstance = z.strictObject({
  className: z.string(),
  createTime: OcpTime.optional(),
  ...subtaskCommon,
  executor: z.string().optional(),
  startTime: OcpTime.optional(),
  finishTime: OcpTime.optional(),
});

/** The raw TaskInstance the agent calls answer with (seed example). */
export const TaskInstance = z.strictObject({
  context: TaskContext,
  creator: z.string(),
  executor: z.string(),
  hostId: z.number().int().optional(),
  id: z.number().int(),
  name: z.string(),
  operation: z.enum(OPERATIONS),
  startTime: OcpTime,
  status: z.enum(TASK_STATUSES),
  subtasks: z.array(SubtaskInstance),
  taskDefinitionId: z.number().int(),
  type: z.enum(TASK_TYPES),
});

/** A subtask of the host module's "Prepare host" answer (ocp-docs/host/1500): no `className`. */
export const BareSubtaskInstance = SubtaskInstance.omit({ className: true });

/** The TaskInstance a host module call answers with (ocp-docs/host/1500): no `context`, no `taskDefinitionId`. */
export const BareTaskInstance = TaskInstance.omit({ context: true, taskDefinitionId: true }).extend({ subtasks: z.array(BareSubtaskInstance) });

export const Creator = z.strictObject({ id: z.number().int(), name: z.string() });

/** The cluster a task is about, as the task list and detail print it (ocp-docs/task/100, 200). */
export const TaskCluster = z.strictObject({ id: z.number().int(), name: z.string(), obClusterId: z.number().int(), type: z.enum(['PRIMARY', 'STANDBY']) });

/** The tenant a task is about, as the task list and detail print it (ocp-docs/task/100, 200). */
export const TaskTenant = z.strictObject({ id: z.number().int(), mode: z.enum(['MYSQL', 'ORACLE']), name: z.string(), obTenantId: z.number().int() });

/** An OB cluster task as the 'clusterSubtasks' pages answer it (ocp-docs/cluster/1100): the agent shape with `clusterId`. */
export const ClusterSubtasksInstance = TaskInstance.omit({ hostId: true }).extend({ clusterId: z.number().int() });

/** A switchover or failover as 2800 and 2900 answer it: no `context`, subtasks without `className`, the task's `prohibitRollback`. */
export const ClusterRoleInstance = TaskInstance.omit({ hostId: true, context: true }).extend({
  clusterId: z.number().int(),
  prohibitRollback: z.boolean(),
  subtasks: z.array(BareSubtaskInstance),
});

/** An OB cluster task as the 'clusterTasks' pages answer it (ocp-docs/cluster/200, 400): `tasks` of seven keys, the context as a string. */
export const ClusterTasksInstance = z.strictObject({
  cluster: z.strictObject({ id: z.number().int(), name: z.string(), obClusterId: z.number().int() }),
  context: z.string(),
  creator: Creator,
  id: z.number().int(),
  name: z.string(),
  startTime: OcpTime,
  status: z.enum(TASK_STATUSES),
  tasks: z.array(
    z.strictObject({
      description: z.string(),
      downstreams: z.array(z.number().int()),
      id: z.number().int(),
      name: z.string(),
      operation: z.enum(OPERATIONS),
      status: z.enum(SUBTASK_STATUSES),
      upstreams: z.array(z.number().int()),
    }),
  ),
});

/** A subtask as the task query shows it (samples/task_detail_finished_response.json). */
export const WrappedSubtask = z.strictObject({
  createTime: OcpTime,
  ...subtaskCommon,
  executor: z.string().optional(),
  finishTime: OcpTime.optional(),
  startTime: OcpTime.optional(),
});

export const WrappedTaskInstance = z.strictObject({
  cluster: TaskCluster.optional(),
  createTime: OcpTime,
  creator: Creator,
  executor: z.string(),
  finishTime: OcpTime.optional(),
  id: z.number().int(),
  name: z.string(),
  operation: z.enum(OPERATIONS),
  prohibitRollback: z.boolean(),
  startTime: OcpTime,
  status: z.enum(TASK_STATUSES),
  subtasks: z.array(WrappedSubtask),
  taskDefinitionId: z.number().int(),
  tenant: TaskTenant.optional(),
  type: z.enum(TASK_TYPES),
});

/** One row of the task list (samples/task_list_response.json). */
export const BasicTaskInstance = z.strictObject({
  cluster: TaskCluster.optional(),
  creator: Creator,
  finishTime: OcpTime.optional(),
  id: z.number().int(),
  name: z.string(),
  startTime: OcpTime,
  status: z.enum(TASK_STATUSES),
  subtasks: z.array(
    z.strictObject({
      description: z.string(),
      id: z.number().int(),
      name: z.string(),
      operation: z.enum(OPERATIONS),
      status: z.enum(SUBTASK_STATUSES),
    }),
  ),
  tenant: TaskTenant.optional(),
});

export const PageInfo = z.strictObject({
  number: z.number().int().positive(),
  size: z.number().int().positive(),
  totalElements: z.number().int().nonnegative(),
  totalPages: z.number().int().nonnegative(),
});

export const pageOf = <T extends z.ZodType>(item: T) => z.strictObject({ contents: z.array(item), page: PageInfo });

export const HostService = z.strictObject({
  name: z.string(),
  softwarePackageId: z.number().int().nullable(),
  type: z.string(),
  version: z.string(),
});

/** A host as `GET /api/v2/compute/hosts/{id}` shows it; nulls are printed here, as in the samples. */
export const Host = z.strictObject({
  alias: z.string().nullable(),
  architecture: z.string(),
  createTime: OcpTime,
  description: z.string().nullable(),
  hostAgentId: z.number().int(),
  hostAgentStatus: z.enum(AGENT_STATUSES),
  hostAgentVersion: z.string(),
  id: z.number().int(),
  idcDescription: z.string().nullable(),
  idcId: z.number().int(),
  idcName: z.string(),
  innerIpAddress: z.string(),
  kind: z.string(),
  name: z.string(),
  operatingSystem: z.string(),
  operatingSystemRelease: z.string(),
  publishPorts: z.string().nullable(),
  regionDescription: z.string().nullable(),
  regionId: z.number().int(),
  regionName: z.string(),
  serialNumber: z.string().nullable(),
  services: z.array(HostService),
  sshPort: z.number().int(),
  status: z.enum(HOST_STATUSES),
  typeDescription: z.string().nullable(),
  typeId: z.number().int(),
  typeName: z.string(),
  updateTime: OcpTime,
});

/** A region (ocp-docs/host/100, 200): the samples print no description. */
/** A region (ocp-docs/host/200): `description` only when it has one (src/http/render.ts). */
export const Region = z.strictObject({ createTime: OcpTime, description: z.string().optional(), id: z.number().int(), name: z.string(), updateTime: OcpTime });

/** What creating a region or a host type answers (ocp-docs/host/300, 1100): the times still null. */
export const CreatedRecord = z.strictObject({ createTime: OcpTime.nullable(), id: z.number().int(), name: z.string(), updateTime: OcpTime.nullable() });

/** An IDC (ocp-docs/host/600; the list page's sample is a copy of the region list's, so rows take this shape: *inferred*). */
export const Idc = z.strictObject({
  createTime: OcpTime,
  description: z.string().nullable(),
  id: z.number().int(),
  name: z.string(),
  regionId: z.number().int(),
  regionName: z.string(),
  updateTime: OcpTime,
});

/** A host type, "model" in OCP's English pages (ocp-docs/host/900, 1000). */
export const HostType = z.strictObject({
  createTime: OcpTime,
  description: z.string().nullable(),
  id: z.number().int(),
  name: z.string(),
  updateTime: OcpTime,
});

/** A process of a host's OCP agent (ocp-docs/agent/600, 700, 800); a stopped one prints nulls where the sample does. */
export const HostAgentProcess = z.strictObject({
  alias: z.string(),
  createTime: OcpTime,
  elapsedTime: z.number().int(),
  hostId: z.number().int(),
  id: z.number().int(),
  lastActiveTime: OcpTime,
  logFilePattern: z.string(),
  operable: z.boolean(),
  pid: z.number().int(),
  ports: z.string().nullable(),
  startCommand: z.string().nullable(),
  status: z.enum(['STARTED', 'STOPPED']),
  updateTime: OcpTime,
  user: z.string().nullable(),
});

/** `GET /api/v2/compute/hosts/{id}/agent` (ocp-docs/agent/100): `status` is the agent's (AVAILABLE, OFFLINE, ...) as in the sample. */
export const HostAgent = z.strictObject({
  createTime: OcpTime,
  hostId: z.number().int(),
  hostInnerIpAddress: z.string(),
  id: z.number().int(),
  installHome: z.string(),
  lastAvailableTime: OcpTime,
  logHome: z.string(),
  processes: z.array(HostAgentProcess),
  status: z.enum(AGENT_STATUSES),
  updateTime: OcpTime,
  version: z.string(),
});

export const SubtaskLog = z.strictObject({ log: z.string() });

/** *inferred* shape of `GET /api/v2/info` (OCP's version probe). */
export const OcpInfo = z.strictObject({ buildTime: OcpTime, buildVersion: z.string() });

/** `GET /api/v2/time` answers the server's current time (*inferred*: an OCP time string). */
export const OcpServerTime = OcpTime;

// OB clusters (ocp-docs/cluster). Each object holds the keys its page's sample prints; where the
// page's table lists more than its sample, the sample is followed (the keys are named in the module).

/** A time as OceanBase itself prints it (ocp-docs/cluster/800's servers): UTC, microseconds. */
export const ObTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/);

/** A root server (ocp-docs/cluster/100 `rootServers`, 800 `rootServer`): `sql_port` as OCP spells it. */
export const ObRootServer = z.strictObject({ address: z.string(), role: z.enum(['LEADER', 'FOLLOWER']), sql_port: z.number().int() });

/** A cluster named in another's row: its primary, its standbys (*inferred*: the fields a task's `cluster` has). */
export const ObClusterRef = z.strictObject({ id: z.number().int(), name: z.string(), obClusterId: z.number().int(), type: z.enum(OB_CLUSTER_TYPES) });

/** A zone in a cluster's row (ocp-docs/cluster/100): its `servers` print empty, as the sample's do. */
export const ObClusterZone = z.strictObject({
  idcId: z.number().int(),
  idcName: z.string(),
  innerStatus: z.string(),
  name: z.string(),
  operateStatus: z.string(),
  regionName: z.string(),
  serverCount: z.number().int(),
  servers: z.array(z.unknown()).max(0),
  status: z.string(),
});

/** A cluster's row (ocp-docs/cluster/100); a standby's also names its primary and its sync state (the page's table). */
export const ObCluster = z.strictObject({
  createTime: OcpTime,
  creator: z.string(),
  delayTime: z.number().optional(),
  id: z.number().int(),
  name: z.string(),
  obClusterId: z.number().int(),
  obVersion: z.string(),
  primaryCluster: ObClusterRef.optional(),
  regionCount: z.number().int(),
  rootServers: z.array(ObRootServer),
  serverCount: z.number().int(),
  standbyClusters: z.array(ObClusterRef),
  status: z.enum(OB_CLUSTER_STATUSES),
  syncStatus: z.enum(['VALID', 'DISABLED', 'SYNCHRONIZING']).optional(),
  tenantCount: z.number().int(),
  type: z.enum(OB_CLUSTER_TYPES),
  zones: z.array(ObClusterZone),
});

/** A server as the server lists print it (ocp-docs/cluster/2400, 2500). */
export const ObServer = z.strictObject({
  clusterId: z.number().int(),
  hostId: z.number().int(),
  id: z.number().int(),
  innerStatus: z.string(),
  ip: z.string(),
  port: z.number().int(),
  sqlPort: z.number().int(),
  startTime: OcpTime,
  status: z.enum(OB_SERVER_STATUSES),
  stopTime: OcpTime,
  updateTime: OcpTime,
  version: z.string(),
  withRootserver: z.boolean(),
  zoneName: z.string(),
});

/** A server in a zone's answer (ocp-docs/cluster/800): with its host type, IDC and region, its times as OceanBase prints them. */
export const ObZoneServer = ObServer.extend({ hostTypeName: z.string(), idcName: z.string(), regionName: z.string(), startTime: ObTime, stopTime: ObTime });

/** A zone (ocp-docs/cluster/800). */
export const ObZone = z.strictObject({
  clusterId: z.number().int(),
  compactionStatus: z.string(),
  createTime: OcpTime,
  hostCount: z.number().int(),
  idcId: z.number().int(),
  idcName: z.string(),
  innerStatus: z.string(),
  name: z.string(),
  obClusterId: z.number().int(),
  regionName: z.string(),
  rootServer: ObRootServer,
  serverCount: z.number().int(),
  servers: z.array(ObZoneServer),
  status: z.string(),
  updateTime: OcpTime,
});

/** A list without paging (ocp-docs/cluster/800, 2400, 2500 print `contents` alone). */
export const contentsOf = <T extends z.ZodType>(item: T) => z.strictObject({ contents: z.array(item) });

/** A software package as uploaded (ocp-docs/software-package/200's sample, field for field). */
export const SoftwarePackageMeta = z.strictObject({
  architecture: z.string(),
  buildNumber: z.string(),
  downloadUrl: z.string(),
  extension: z.string(),
  fileName: z.string(),
  id: z.number().int(),
  name: z.string(),
  operatingSystem: z.string(),
  sha1: z.string(),
  size: z.number().int(),
  type: z.enum(['OB_SERVER_INSTALL_PACKAGE', 'OCP_AGENT_INSTALL_PACKAGE', 'OBPROXY_INSTALL_PACKAGE', 'OB_BACKUP_AGENT_INSTALL_PACKAGE']),
  version: z.string(),
});

/** A row of the package list (100's sample: the upload's fields and `createTime`, `deletable`, `installationDataList`). */
export const SoftwarePackageRow = SoftwarePackageMeta.extend({
  createTime: OcpTime,
  deletable: z.boolean(),
  /** *inferred*: always empty (the sample's rows print `[]`, and no page says what fills it). */
  installationDataList: z.array(z.unknown()),
});
