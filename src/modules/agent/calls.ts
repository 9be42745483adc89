/**
 * OCP's agent module (ocp-docs/agent): stop and restart one host's agent or a batch's
 * (HOST_MANAGER; async, answering the task: one call per declaration of operations.ts, and one per
 * operation of the user's own); a host's agent details and its processes (HOST_VIEWER); a worker
 * process stopped or restarted at once (HOST_MANAGER), answering the process.
 */
import { pageOf } from '../../contract/paging.js';
import { PageQuery } from '../../contract/requests.js';
import { HostAgent, HostAgentProcess, pageOf as pageSchema, TaskInstance } from '../../contract/schemas.js';
import { type CallDecl, defineCall } from '../../core/call.js';
import { HostIdParam } from '../compute/index.js';
import type { AgentModule } from './module.js';
import { AGENT_OPERATIONS, type AgentOperationId, type RoutedOperation } from './operations.js';
import { renderAgentProcess, renderHostAgent } from './render.js';
import { AgentProcessParams, BATCH_HINT, BatchStopAgentsRequest, plainHostIds, requestObject } from './requests.js';

const call = defineCall<AgentModule>();
const TAG = 'Agents';

/**
 * The call that submits an operation: a single-host one (a `{hostId}` route) takes its host from
 * the path, a batch `{"hostIds": [...]}`; it answers the new task's TaskInstance.
 */
export function operationCall({ operation, route }: RoutedOperation): CallDecl<AgentModule> {
  const shared = {
    routeId: operation.id,
    method: 'post',
    path: route.path,
    summary: route.summary,
    tag: TAG,
    permission: route.permission,
    data: TaskInstance,
  } as const;
  const answer = (m: AgentModule, hostIds: readonly number[], caller: { id: number; name: string }, scenario: string) => {
    // The declaration in force now (a user's may be declared again under --watch; a task keeps its own).
    const view = m.agents.runOperation(m.tasks.operation(operation.id), caller, hostIds, scenario);
    return { json: m.taskJson.taskInstance(view, m.world.offsetMinutes), taskId: view.record.id };
  };
  if (operation.singleHost) {
    return call({ ...shared, params: HostIdParam, handle: (m, { params, caller, scenario }) => answer(m, [params.hostId], caller, scenario) });
  }
  return call({
    ...shared,
    body: BatchStopAgentsRequest,
    bodyObject: requestObject(operation.id),
    bodyHint: BATCH_HINT,
    plainBody: (body) => {
      const hostIds = plainHostIds(body);
      return hostIds && { hostIds };
    },
    handle: (m, { body, caller, scenario }) => answer(m, body.hostIds, caller, scenario),
  });
}

/** One call per operation of operations.ts, named by its id: declaring an operation there is all it takes. */
const operationCalls = Object.fromEntries(Object.entries(AGENT_OPERATIONS).map(([id, op]) => [id, operationCall(op)])) as Record<
  AgentOperationId,
  CallDecl<AgentModule>
>;

export const AGENT_CALLS = {
  ...operationCalls,
  getHostAgent: call({
    routeId: 'getHostAgent',
    method: 'get',
    path: '/compute/hosts/{hostId}/agent',
    summary: 'Query the details of the OCP agent on a host (查询主机上的 OCP Agent 详情)',
    tag: TAG,
    permission: 'HOST_VIEWER',
    params: HostIdParam,
    data: HostAgent,
    handle(m, { params }) {
      const host = m.compute.host(params.hostId);
      const now = m.world.now();
      return {
        data: renderHostAgent(host, m.agents.agentStatus(host, now), m.agents.processes(host, now), now, m.world.offsetMinutes, m.agents.updateTime(host, now)),
      };
    },
  }),
  listAgentProcesses: call({
    routeId: 'listAgentProcesses',
    method: 'get',
    path: '/compute/hosts/{hostId}/agent/processes',
    summary: 'Query the OCP agent processes on a host (查询主机上的 OCP Agent 进程)',
    tag: TAG,
    permission: 'HOST_VIEWER',
    params: HostIdParam,
    query: PageQuery,
    queryObject: 'agentProcessQuery',
    data: pageSchema(HostAgentProcess),
    handle(m, { params, query }) {
      const host = m.compute.host(params.hostId);
      const now = m.world.now();
      const page = pageOf(m.agents.processes(host, now), query);
      return { data: { contents: page.contents.map((p) => renderAgentProcess(p, now, m.world.offsetMinutes)), page: page.page } };
    },
  }),
  stopAgentProcess: processCall('stop', 'Stop a worker process of the OCP agent on a host (停止主机上 OCP Agent 的工作进程)'),
  restartAgentProcess: processCall('restart', 'Restart a worker process of the OCP agent on a host (重启主机上 OCP Agent 的工作进程)'),
};

function processCall(action: 'stop' | 'restart', summary: string) {
  return call({
    routeId: 'agentProcessAction',
    method: 'post',
    path: `/compute/hosts/{hostId}/agent/processes/{agentProcessId}/${action}`,
    summary,
    tag: TAG,
    permission: 'HOST_MANAGER',
    params: AgentProcessParams,
    data: HostAgentProcess,
    handle(m, { params }) {
      const process = m.agents.actOnProcess(params.hostId, params.agentProcessId, action);
      return { data: renderAgentProcess(process, m.world.now(), m.world.offsetMinutes) };
    },
  });
}
