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
import type { AgentStatus, HostStatus } from '../contract/enums.js';

export interface NodeTemplate {
  name: string;
  className: string;
  description: string;
  /** Seconds, as OCP prints `timeout`. */
  timeout: number;
  /**
   * How long a run takes where a scenario says nothing, in seconds [min, max] (*inferred* from the
   * timestamps in OCP's samples: Prepare and Finish a second or two, a Wait node about a second,
   * stopping or starting the agent's processes tens of seconds).
   */
  defaultSeconds: readonly [number, number];
}

const OBAGENT = 'com.alipay.ocp.service.task.business.obagent';

const template = (name: string, simpleClass: string, timeout: number, defaultSeconds: readonly [number, number], pkg = OBAGENT): NodeTemplate => ({
  name,
  className: `${pkg}.${simpleClass}`,
  description: name,
  timeout,
  defaultSeconds,
});

/** The shipped nodes, by kind (a node's `kind` names its template within its operation). */
export const NODE_TEMPLATES: Readonly<Record<string, NodeTemplate>> = {
  prepare: template('Prepare stop OCP agent', 'PrepareStopOcpAgentTask', 60, [0.4, 2.5]),
  prepareRestart: template('Prepare restart OCP agent', 'PrepareRestartOcpAgentTask', 60, [0.4, 2.5]),
  restartPosProxy: template('Restart pos proxy', 'RestartPosProxyTask', 60, [1, 6]),
  wait: template('Wait node', 'WaitNode', 30, [0.2, 1.2], 'com.alipay.ocp.service.task.business'),
  stop: template('Stop all OCP agent processes', 'StopAllOcpAgentProcessesTask', 600, [8, 40]),
  start: template('Start all OCP agent processes', 'StartAllOcpAgentProcessesTask', 600, [6, 30]),
  finish: template('Finish OCP agent operation', 'FinishOcpAgentOperationTask', 60, [0.3, 2]),
};

/**
 * OCP's "Prepare host" task, which adding a host starts (ocp-docs/host/1500). Names, descriptions,
 * timeouts and the layout are the page's; its answer shows no `className`, so the class names
 * (package and simple names) are *inferred* after the agent ones, as are the durations.
 */
const HOST_TASKS = 'com.alipay.ocp.service.task.business.host';
export const PREPARE_HOST_TEMPLATES: Readonly<Record<string, NodeTemplate>> = {
  precheck: template('Pre check for create host', 'PreCheckCreateHostTask', 1800, [1, 4], HOST_TASKS),
  uninstallObAgent: template('Uninstall legacy obagent', 'UninstallLegacyObAgentTask', 2100, [2, 10], HOST_TASKS),
  uninstallOcpAgent: template('Uninstall legacy ocp agent', 'UninstallLegacyOcpAgentTask', 600, [2, 10], HOST_TASKS),
  installAgent: template('Install ocp agent', 'InstallOcpAgentTask', 5400, [20, 90], HOST_TASKS),
  updateHostStatus: template('Update host status', 'UpdateHostStatusTask', 1800, [0.3, 2], HOST_TASKS),
};

/** A node's kind: a key of its operation's `templates` (the shipped ones: keys of NODE_TEMPLATES). */
export type NodeKind = string;

/** Every node name of the shipped operations (a scenario may refer to these, and to user operations' nodes). */
export const NODE_NAMES: readonly string[] = [...new Set([...Object.values(NODE_TEMPLATES), ...Object.values(PREPARE_HOST_TEMPLATES)].map((t) => t.name))];

/** A one-host task's slot (stage nodes and, in a batch, Waits, in DAG order): id offset in the block, seriesId, position in `subtasks`. */
export interface SlotLayout {
  idOffset: number;
  seriesId: number;
  position: number;
}

/** The shipped operations' ids (a user's operation files add their own). */
export const OPERATION_IDS = ['batchStopAgents', 'stopAgent', 'restartAgent', 'batchRestartAgents', 'prepareHost'] as const;
export type OperationId = string;

export interface OperationDecl {
  id: OperationId;
  taskName: string;
  /** The node of each kind this operation uses (its stages' and, in a batch, 'wait'). */
  templates: Readonly<Record<NodeKind, NodeTemplate>>;
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
  /**
   * The submitting call's TaskInstance: 'agent' as the agent module's samples print it (`context`,
   * `taskDefinitionId`, subtasks with `className`); 'bare' as the host module's "Prepare host"
   * sample (ocp-docs/host/1500) prints it, without those three.
   */
  answer: 'agent' | 'bare';
  /**
   * The host's own status once the node `after` has succeeded on it (adding a host: NEW until its
   * "Prepare host" task has updated it to ONLINE). Absent: the operation leaves the host's status alone.
   */
  hostStatusAfter?: { after: NodeKind; status: HostStatus };
  /** A user's operation: the route that submits it (the shipped ones are declared in src/http/ocpRoutes.ts). */
  route?: { path: string; permission: 'HOST_MANAGER' | 'HOST_VIEWER' | 'TASK_MANAGER' | 'TASK_VIEWER' };
}

/** The stages the stop operations share, and the restart ones (a batch puts Wait barriers between them). */
const STOP_STAGES = ['prepare', 'stop', 'finish'] as const;
const RESTART_STAGES = ['prepareRestart', 'restartPosProxy', 'stop', 'start', 'finish'] as const;

const STOP_EFFECTS = [{ after: 'stop', status: 'OFFLINE' }] as const;
const RESTART_EFFECTS = [
  { after: 'stop', status: 'OFFLINE' },
  { after: 'start', status: 'AVAILABLE' },
] as const;

export const OPERATIONS: Readonly<Record<(typeof OPERATION_IDS)[number], OperationDecl>> = {
  batchStopAgents: {
    id: 'batchStopAgents',
    templates: NODE_TEMPLATES,
    answer: 'agent',
    taskName: 'Batch stop OCP agent',
    singleHost: false,
    stages: STOP_STAGES,
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
    templates: NODE_TEMPLATES,
    answer: 'agent',
    taskName: 'Stop OCP agent',
    singleHost: true,
    stages: STOP_STAGES,
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
    templates: NODE_TEMPLATES,
    answer: 'agent',
    taskName: 'Restart OCP agent',
    singleHost: true,
    stages: RESTART_STAGES,
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
    templates: NODE_TEMPLATES,
    answer: 'agent',
    taskName: 'Batch restart OCP agent',
    singleHost: false,
    stages: RESTART_STAGES,
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
  prepareHost: {
    id: 'prepareHost',
    templates: PREPARE_HOST_TEMPLATES,
    answer: 'bare',
    taskName: 'Prepare host',
    singleHost: true,
    stages: ['precheck', 'uninstallObAgent', 'uninstallOcpAgent', 'installAgent', 'updateHostStatus'],
    // ocp-docs/host/1500's sample: subtasks 13006990-13006994.
    oneHostLayout: [
      { idOffset: 2, seriesId: 1, position: 2 },
      { idOffset: 1, seriesId: 3, position: 4 },
      { idOffset: 0, seriesId: 2, position: 1 },
      { idOffset: 4, seriesId: 0, position: 3 },
      { idOffset: 3, seriesId: 4, position: 0 },
    ],
    // *Inferred*: a host being added has no agent yet (OFFLINE) until its task has installed one and
    // updated the host; then the agent runs and the host is ONLINE. Only batchCreate starts it.
    startsFrom: ['OFFLINE'],
    during: 'OFFLINE',
    effects: [{ after: 'updateHostStatus', status: 'AVAILABLE' }],
    hostStatusAfter: { after: 'updateHostStatus', status: 'ONLINE' },
  },
};
