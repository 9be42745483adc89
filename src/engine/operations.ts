/**
 * OCP's async agent operations, declared as data: each is a task name, the node of each stage
 * (per host in a batch, with Wait barriers between stages; a chain on a single-host task), the
 * documented layout of a one-host task, which agent statuses it allows to start from, and what the
 * agent reads while it runs and after. One engine (simulate.ts) runs them all; plan.ts lays them
 * out; the routes that submit them are declared beside the other routes (src/http/ocpRoutes.ts).
 *
 * Known: names, class names, descriptions, timeouts, stages and layouts, from OCP's samples
 * (samples/stop_agent_single_response.json, restart_agent_single_response.json,
 * batch_stop_agents_response.json, batch_restart_agents_response.json).
 * *Inferred*: the agent statuses (shared/contract README, "Hosts", names STOPPING and OFFLINE for a
 * stop; RESTARTING for a restart is by analogy) and which statuses an operation may start from.
 */
import type { AgentStatus } from '../contract/enums.js';

export interface NodeTemplate {
  name: string;
  className: string;
  description: string;
  /** Seconds, as OCP prints `timeout`. */
  timeout: number;
}

const OBAGENT = 'com.alipay.ocp.service.task.business.obagent';

export const NODE_TEMPLATES = {
  prepare: { name: 'Prepare stop OCP agent', className: `${OBAGENT}.PrepareStopOcpAgentTask`, description: 'Prepare stop OCP agent', timeout: 60 },
  prepareRestart: {
    name: 'Prepare restart OCP agent',
    className: `${OBAGENT}.PrepareRestartOcpAgentTask`,
    description: 'Prepare restart OCP agent',
    timeout: 60,
  },
  restartPosProxy: { name: 'Restart pos proxy', className: `${OBAGENT}.RestartPosProxyTask`, description: 'Restart pos proxy', timeout: 60 },
  wait: { name: 'Wait node', className: 'com.alipay.ocp.service.task.business.WaitNode', description: 'Wait node', timeout: 30 },
  stop: {
    name: 'Stop all OCP agent processes',
    className: `${OBAGENT}.StopAllOcpAgentProcessesTask`,
    description: 'Stop all OCP agent processes',
    timeout: 600,
  },
  start: {
    name: 'Start all OCP agent processes',
    className: `${OBAGENT}.StartAllOcpAgentProcessesTask`,
    description: 'Start all OCP agent processes',
    timeout: 600,
  },
  finish: {
    name: 'Finish OCP agent operation',
    className: `${OBAGENT}.FinishOcpAgentOperationTask`,
    description: 'Finish OCP agent operation',
    timeout: 60,
  },
} as const satisfies Record<string, NodeTemplate>;

export type NodeKind = keyof typeof NODE_TEMPLATES;

/** Every node name a scenario may refer to. */
export const NODE_NAMES: readonly string[] = [...new Set(Object.values(NODE_TEMPLATES).map((t) => t.name))];

/** A one-host task's slot (stage nodes and, in a batch, Waits, in DAG order): id offset in the block, seriesId, position in `subtasks`. */
export interface SlotLayout {
  idOffset: number;
  seriesId: number;
  position: number;
}

export const OPERATION_IDS = ['batchStopAgents', 'stopAgent', 'restartAgent', 'batchRestartAgents'] as const;
export type OperationId = (typeof OPERATION_IDS)[number];

export interface OperationDecl {
  id: OperationId;
  taskName: string;
  /** One host, its nodes in a chain, parallelIdx -1, `hostId` and `stringMap.host_id` on the task; else a batch. */
  singleHost: boolean;
  /** The node of each stage, in DAG order. */
  stages: readonly NodeKind[];
  oneHostLayout: readonly SlotLayout[];
  /** Agent statuses the operation may start from (else CMP07019). */
  startsFrom: readonly AgentStatus[];
  /** What the agent reads while the task works on its host. */
  during: AgentStatus;
  /**
   * What the agent reads once a node on its host has succeeded (and not been undone), in DAG order;
   * the last entry is the operation's end for that host. Until then (or after a failure that left
   * none succeeded) the agent reads `during` while the task runs, else what it read before.
   */
  effects: readonly { after: NodeKind; status: AgentStatus }[];
}

const STOP_EFFECTS = [{ after: 'stop', status: 'OFFLINE' }] as const;
const RESTART_EFFECTS = [
  { after: 'stop', status: 'OFFLINE' },
  { after: 'start', status: 'AVAILABLE' },
] as const;

export const OPERATIONS: Record<OperationId, OperationDecl> = {
  batchStopAgents: {
    id: 'batchStopAgents',
    taskName: 'Batch stop OCP agent',
    singleHost: false,
    stages: ['prepare', 'stop', 'finish'],
    // prepare, wait, stop, wait, finish (the seed example: task 31173, subtasks 32854-32858).
    oneHostLayout: [
      { idOffset: 4, seriesId: 4, position: 2 },
      { idOffset: 2, seriesId: 0, position: 1 },
      { idOffset: 3, seriesId: 3, position: 3 },
      { idOffset: 0, seriesId: 1, position: 0 },
      { idOffset: 1, seriesId: 2, position: 4 },
    ],
    startsFrom: ['AVAILABLE'],
    during: 'STOPPING',
    effects: STOP_EFFECTS,
  },
  stopAgent: {
    id: 'stopAgent',
    taskName: 'Stop OCP agent',
    singleHost: true,
    stages: ['prepare', 'stop', 'finish'],
    oneHostLayout: [
      { idOffset: 2, seriesId: 2, position: 0 },
      { idOffset: 1, seriesId: 1, position: 2 },
      { idOffset: 0, seriesId: 0, position: 1 },
    ],
    startsFrom: ['AVAILABLE'],
    during: 'STOPPING',
    effects: STOP_EFFECTS,
  },
  restartAgent: {
    id: 'restartAgent',
    taskName: 'Restart OCP agent',
    singleHost: true,
    stages: ['prepareRestart', 'restartPosProxy', 'stop', 'start', 'finish'],
    oneHostLayout: [
      { idOffset: 4, seriesId: 2, position: 4 },
      { idOffset: 0, seriesId: 0, position: 0 },
      { idOffset: 3, seriesId: 4, position: 1 },
      { idOffset: 1, seriesId: 1, position: 2 },
      { idOffset: 2, seriesId: 3, position: 3 },
    ],
    startsFrom: ['AVAILABLE', 'OFFLINE'],
    during: 'RESTARTING',
    effects: RESTART_EFFECTS,
  },
  batchRestartAgents: {
    id: 'batchRestartAgents',
    taskName: 'Batch restart OCP agent',
    singleHost: false,
    stages: ['prepareRestart', 'restartPosProxy', 'stop', 'start', 'finish'],
    // prepare, wait, pos proxy, wait, stop, wait, start, wait, finish
    oneHostLayout: [
      { idOffset: 8, seriesId: 2, position: 8 },
      { idOffset: 0, seriesId: 0, position: 7 },
      { idOffset: 3, seriesId: 8, position: 5 },
      { idOffset: 1, seriesId: 4, position: 3 },
      { idOffset: 6, seriesId: 1, position: 1 },
      { idOffset: 4, seriesId: 7, position: 6 },
      { idOffset: 5, seriesId: 5, position: 0 },
      { idOffset: 2, seriesId: 3, position: 4 },
      { idOffset: 7, seriesId: 6, position: 2 },
    ],
    startsFrom: ['AVAILABLE', 'OFFLINE'],
    during: 'RESTARTING',
    effects: RESTART_EFFECTS,
  },
};
