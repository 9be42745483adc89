/**
 * Every OCP route the simulator serves, declared once: its path, permission and the zod schemas
 * of what it takes and answers. Handlers are registered from these (src/http/routes/*) and the
 * OpenAPI document is built from them (src/http/openapi), so the two cannot drift apart.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import {
  AgentProcessParams,
  BatchCreateHostsRequest,
  BatchDeleteHostsRequest,
  BatchStopAgentsRequest,
  HostIdParam,
  HostListQuery,
  HostTypeCreateRequest,
  HostTypeIdParam,
  IdcCreateRequest,
  IdcIdParam,
  PageQuery,
  RegionCreateRequest,
  RegionIdParam,
  TaskIdParam,
  TaskListQuery,
  TaskSubtaskParams,
} from '../contract/requests.js';
import {
  BareTaskInstance,
  BasicTaskInstance,
  CreatedRecord,
  Host,
  HostAgent,
  HostAgentProcess,
  HostType,
  Idc,
  OcpInfo,
  OcpServerTime,
  pageOf,
  Region,
  SubtaskInstance,
  SubtaskLog,
  TaskInstance,
  WrappedTaskInstance,
} from '../contract/schemas.js';
import type { OperationDecl } from '../engine/operations.js';
import type { RouteId } from '../scenarios/schema.js';
import type { Simulator } from '../simulator/simulator.js';
import type { Permission } from './auth.js';
import type { AppEnv } from './env.js';
import type { OcpHandler } from './gate.js';

export interface OcpRouteSpec {
  /** A shipped route's RouteId (scenarios aim request errors with it), or a user's operation id. */
  id: RouteId | string;
  method: 'get' | 'post' | 'delete' | 'put' | 'patch';
  /** OpenAPI-style, relative to /api/v2 (also served without the prefix). */
  path: string;
  summary: string;
  tag: 'Hosts' | 'Tasks' | 'Agents' | 'Probes' | 'Stubs';
  /** Undefined: any authenticated user. */
  permission?: Permission;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The `data` of a success; null for an envelope without data. */
  data: z.ZodType | null;
}

export const OCP_ROUTES = {
  batchStopAgents: {
    id: 'batchStopAgents',
    method: 'post',
    path: '/compute/hosts/batchStopAgents',
    summary: 'Batch stop the basic processes of the OCP agents of hosts (批量停止主机的 OCP Agent 的基础进程)',
    tag: 'Agents',
    permission: 'HOST_MANAGER',
    body: BatchStopAgentsRequest,
    data: TaskInstance,
  },
  batchRestartAgents: {
    id: 'batchRestartAgents',
    method: 'post',
    path: '/compute/hosts/batchRestartAgents',
    summary: 'Batch restart the basic processes of the OCP agents of hosts (批量重启主机的 OCP Agent 的基础进程)',
    tag: 'Agents',
    permission: 'HOST_MANAGER',
    body: BatchStopAgentsRequest,
    data: TaskInstance,
  },
  stopAgent: {
    id: 'stopAgent',
    method: 'post',
    path: '/compute/hosts/{hostId}/agent/stop',
    summary: 'Stop the basic processes of the OCP agent on a host (停止主机上 OCP Agent 的基础进程)',
    tag: 'Agents',
    permission: 'HOST_MANAGER',
    params: HostIdParam,
    data: TaskInstance,
  },
  restartAgent: {
    id: 'restartAgent',
    method: 'post',
    path: '/compute/hosts/{hostId}/agent/restart',
    summary: 'Restart the basic processes of the OCP agent on a host (重启主机上 OCP Agent 的基础进程)',
    tag: 'Agents',
    permission: 'HOST_MANAGER',
    params: HostIdParam,
    data: TaskInstance,
  },
  listHosts: {
    id: 'listHosts',
    method: 'get',
    path: '/compute/hosts',
    summary: 'Query hosts',
    tag: 'Hosts',
    permission: 'HOST_VIEWER',
    query: HostListQuery,
    data: pageOf(Host),
  },
  getHost: {
    id: 'getHost',
    method: 'get',
    path: '/compute/hosts/{hostId}',
    summary: 'Query a host',
    tag: 'Hosts',
    permission: 'HOST_VIEWER',
    params: HostIdParam,
    data: Host,
  },
  getHostAgent: {
    id: 'getHostAgent',
    method: 'get',
    path: '/compute/hosts/{hostId}/agent',
    summary: 'Query the details of the OCP agent on a host (查询主机上的 OCP Agent 详情)',
    tag: 'Agents',
    permission: 'HOST_VIEWER',
    params: HostIdParam,
    data: HostAgent,
  },
  listAgentProcesses: {
    id: 'listAgentProcesses',
    method: 'get',
    path: '/compute/hosts/{hostId}/agent/processes',
    summary: 'Query the OCP agent processes on a host (查询主机上的 OCP Agent 进程)',
    tag: 'Agents',
    permission: 'HOST_VIEWER',
    params: HostIdParam,
    query: PageQuery,
    data: pageOf(HostAgentProcess),
  },
  stopAgentProcess: {
    id: 'agentProcessAction',
    method: 'post',
    path: '/compute/hosts/{hostId}/agent/processes/{agentProcessId}/stop',
    summary: 'Stop a worker process of the OCP agent on a host (停止主机上 OCP Agent 的工作进程)',
    tag: 'Agents',
    permission: 'HOST_MANAGER',
    params: AgentProcessParams,
    data: HostAgentProcess,
  },
  restartAgentProcess: {
    id: 'agentProcessAction',
    method: 'post',
    path: '/compute/hosts/{hostId}/agent/processes/{agentProcessId}/restart',
    summary: 'Restart a worker process of the OCP agent on a host (重启主机上 OCP Agent 的工作进程)',
    tag: 'Agents',
    permission: 'HOST_MANAGER',
    params: AgentProcessParams,
    data: HostAgentProcess,
  },
  addHosts: {
    id: 'addHosts',
    method: 'post',
    path: '/compute/hosts/batchCreate',
    summary: 'Add hosts, each through a "Prepare host" task (批量添加主机)',
    tag: 'Hosts',
    permission: 'HOST_MANAGER',
    body: BatchCreateHostsRequest,
    data: z.strictObject({ contents: z.array(BareTaskInstance) }),
  },
  deleteHost: {
    id: 'deleteHosts',
    method: 'delete',
    path: '/compute/hosts/{hostId}',
    summary: 'Delete a host (删除主机)',
    tag: 'Hosts',
    permission: 'HOST_MANAGER',
    params: HostIdParam,
    data: null,
  },
  batchDeleteHosts: {
    id: 'deleteHosts',
    method: 'post',
    path: '/compute/hosts/batchDelete',
    summary: 'Delete hosts (批量删除主机)',
    tag: 'Hosts',
    permission: 'HOST_MANAGER',
    body: BatchDeleteHostsRequest,
    data: null,
  },
  listRegions: {
    id: 'listRegions',
    method: 'get',
    path: '/compute/regions',
    summary: 'Query the region list (查询区域列表)',
    tag: 'Hosts',
    permission: 'HOST_VIEWER',
    query: PageQuery,
    data: pageOf(Region),
  },
  getRegion: {
    id: 'getRegion',
    method: 'get',
    path: '/compute/regions/{regionId}',
    summary: 'Query a region (查询区域详情)',
    tag: 'Hosts',
    permission: 'HOST_VIEWER',
    params: RegionIdParam,
    data: Region,
  },
  listIdcs: {
    id: 'listIdcs',
    method: 'get',
    path: '/compute/idcs',
    summary: 'Query the IDC list (查询机房列表)',
    tag: 'Hosts',
    permission: 'HOST_VIEWER',
    query: PageQuery,
    data: pageOf(Idc),
  },
  getIdc: {
    id: 'getIdc',
    method: 'get',
    path: '/compute/idcs/{idcId}',
    summary: 'Query an IDC (查询机房详情)',
    tag: 'Hosts',
    permission: 'HOST_VIEWER',
    params: IdcIdParam,
    data: Idc,
  },
  listHostTypes: {
    id: 'listHostTypes',
    method: 'get',
    path: '/compute/hostTypes',
    summary: 'Query the host types (查询机型列表)',
    tag: 'Hosts',
    permission: 'HOST_VIEWER',
    query: PageQuery,
    data: pageOf(HostType),
  },
  getHostType: {
    id: 'getHostType',
    method: 'get',
    path: '/compute/hostTypes/{hostTypeId}',
    summary: 'Query a host type (查询机型详情)',
    tag: 'Hosts',
    permission: 'HOST_VIEWER',
    params: HostTypeIdParam,
    data: HostType,
  },
  createRegion: {
    id: 'changeInventory',
    method: 'post',
    path: '/compute/regions',
    summary: 'Create a region (新增区域)',
    tag: 'Hosts',
    permission: 'HOST_MANAGER',
    body: RegionCreateRequest,
    data: CreatedRecord,
  },
  deleteRegion: {
    id: 'changeInventory',
    method: 'delete',
    path: '/compute/regions/{regionId}',
    summary: 'Delete a region (删除区域)',
    tag: 'Hosts',
    permission: 'HOST_MANAGER',
    params: RegionIdParam,
    data: null,
  },
  createIdc: {
    id: 'changeInventory',
    method: 'post',
    path: '/compute/idcs',
    summary: 'Create an IDC (新增机房)',
    tag: 'Hosts',
    permission: 'HOST_MANAGER',
    body: IdcCreateRequest,
    data: Idc,
  },
  deleteIdc: {
    id: 'changeInventory',
    method: 'delete',
    path: '/compute/idcs/{idcId}',
    summary: 'Delete an IDC (删除机房)',
    tag: 'Hosts',
    permission: 'HOST_MANAGER',
    params: IdcIdParam,
    data: null,
  },
  createHostType: {
    id: 'changeInventory',
    method: 'post',
    path: '/compute/hostTypes',
    summary: 'Create a host type (新增机型)',
    tag: 'Hosts',
    permission: 'HOST_MANAGER',
    body: HostTypeCreateRequest,
    data: CreatedRecord,
  },
  deleteHostType: {
    id: 'changeInventory',
    method: 'delete',
    path: '/compute/hostTypes/{hostTypeId}',
    summary: 'Delete a host type (删除机型)',
    tag: 'Hosts',
    permission: 'HOST_MANAGER',
    params: HostTypeIdParam,
    data: null,
  },
  listTasks: {
    id: 'listTasks',
    method: 'get',
    path: '/tasks/instances',
    summary: 'Query the task list',
    tag: 'Tasks',
    permission: 'TASK_VIEWER',
    query: TaskListQuery,
    data: pageOf(BasicTaskInstance),
  },
  getTask: {
    id: 'getTask',
    method: 'get',
    path: '/tasks/instances/{taskId}',
    summary: 'Query task instance details',
    tag: 'Tasks',
    permission: 'TASK_VIEWER',
    params: TaskIdParam,
    data: WrappedTaskInstance,
  },
  retryTask: {
    id: 'taskAction',
    method: 'post',
    path: '/tasks/instances/{taskId}/retry',
    summary: 'Retry a failed task',
    tag: 'Tasks',
    permission: 'TASK_MANAGER',
    params: TaskIdParam,
    data: WrappedTaskInstance,
  },
  rollbackTask: {
    id: 'taskAction',
    method: 'post',
    path: '/tasks/instances/{taskId}/rollback',
    summary: 'Roll back a failed task',
    tag: 'Tasks',
    permission: 'TASK_MANAGER',
    params: TaskIdParam,
    data: WrappedTaskInstance,
  },
  subtaskLog: {
    id: 'subtaskLog',
    method: 'get',
    path: '/tasks/instances/{taskId}/subtasks/{subtaskId}/log',
    summary: 'Query the log of a subtask',
    tag: 'Tasks',
    permission: 'TASK_VIEWER',
    params: TaskSubtaskParams,
    data: SubtaskLog,
  },
  retrySubtask: {
    id: 'taskAction',
    method: 'post',
    path: '/tasks/instances/{taskId}/subtasks/{subtaskId}/retry',
    summary: 'Retry a failed subtask',
    tag: 'Tasks',
    permission: 'TASK_MANAGER',
    params: TaskSubtaskParams,
    data: SubtaskInstance,
  },
  skipSubtask: {
    id: 'taskAction',
    method: 'post',
    path: '/tasks/instances/{taskId}/subtasks/{subtaskId}/skip',
    summary: 'Skip a failed subtask',
    tag: 'Tasks',
    permission: 'TASK_MANAGER',
    params: TaskSubtaskParams,
    data: null,
  },
  cancelSubtask: {
    id: 'taskAction',
    method: 'post',
    path: '/tasks/instances/{taskId}/subtasks/{subtaskId}/cancel',
    summary: 'Cancel a running subtask',
    tag: 'Tasks',
    permission: 'TASK_MANAGER',
    params: TaskSubtaskParams,
    data: null,
  },
  time: { id: 'time', method: 'get', path: '/time', summary: "The server's current time (a probe)", tag: 'Probes', data: OcpServerTime },
  info: { id: 'info', method: 'get', path: '/info', summary: 'The OCP version (a probe)', tag: 'Probes', data: OcpInfo },
} as const satisfies Record<string, OcpRouteSpec>;

export type OcpRouteName = keyof typeof OCP_ROUTES;

/** `/tasks/instances/{taskId}` -> `/tasks/instances/:taskId` */
export function honoPath(spec: OcpRouteSpec): string {
  return spec.path.replace(/\{(\w+)\}/g, ':$1');
}

/** The route of an operation of the user's own (src/operations/userOperations.ts). */
export function operationRouteSpec(op: OperationDecl): OcpRouteSpec | undefined {
  if (!op.route) return undefined;
  return {
    id: op.id,
    method: 'post',
    path: op.route.path,
    summary: `${op.taskName} (an operation of your own, --operations-dir)`,
    tag: 'Agents',
    permission: op.route.permission,
    ...(op.singleHost ? { params: HostIdParam } : { body: BatchStopAgentsRequest }),
    data: TaskInstance,
  };
}

/** What a route module is given: the simulator to ask, and how to register a declared route behind its gate. */
export interface RouteKit {
  sim: Simulator;
  register(app: Hono<AppEnv>, spec: OcpRouteSpec, handler: OcpHandler): void;
}

const PATTERNS = Object.values(OCP_ROUTES).map((spec) => ({
  method: spec.method.toUpperCase(),
  regex: new RegExp(`^(?:/api/v2)?${spec.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
}));

/** The methods some OCP route serves at `path` (for 405 with `Allow`). */
export function methodsFor(path: string): string[] {
  return [...new Set(PATTERNS.filter((p) => p.regex.test(path)).map((p) => p.method))];
}
