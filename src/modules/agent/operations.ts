/**
 * OCP's async agent operations (ocp-docs/agent/200-500), each one declaration: its route, the
 * task it runs (name, nodes and their order, the documented one-host layout), which agent statuses
 * it may start from and what the agent reads while it runs and after. The calls that submit them
 * are made from these (calls.ts), and so are the node names scenarios may use.
 *
 * Known: names, class names, descriptions, timeouts, stages and layouts, from OCP's samples
 * (samples/stop_agent_single_response.json, restart_agent_single_response.json,
 * batch_stop_agents_response.json, batch_restart_agents_response.json).
 * *Inferred*: the agent statuses (shared/contract README, "Hosts", names STOPPING and OFFLINE for a
 * stop; RESTARTING for a restart is by analogy), which statuses an operation may start from, and
 * the words of each node's log lines (after OCP's class and method names).
 */
import type { Permission } from '../../contract/permissions.js';
import { defineOperation, type LogLine, type NodeRun, type NodeTemplate, type OperationDecl } from '../../engine/index.js';

const OBAGENT = 'com.alipay.ocp.service.task.business.obagent';

/** The agent services' loggers, as Spring abbreviates them. */
const LOGGER = {
  agentService: 'c.a.o.s.compute.agent.HostAgentService',
  processService: 'c.a.o.s.c.p.HostAgentProcessService',
} as const;

/** Stamps line `i` of `count` evenly between 10% and 90% of the run. */
const spread = (at: NodeRun['at'], i: number, count: number) => at(0.1 + (0.8 * (i + 1)) / (count + 1));

const template = (
  name: string,
  simpleClass: string,
  timeout: number,
  defaultSeconds: readonly [number, number],
  more: Partial<NodeTemplate> = {},
  pkg = OBAGENT,
): NodeTemplate => ({ name, className: `${pkg}.${simpleClass}`, description: name, timeout, defaultSeconds, ...more });

/** What undoing a node that changed the agent writes. */
const restoresAgent = ({ node, at }: NodeRun): LogLine[] => [
  { at: at(0.5), logger: LOGGER.agentService, text: `Restoring OCP agent status, hostId=${node.hostId}` },
];

const prepareLog = ({ node, record, at }: NodeRun): LogLine[] => [
  { at: at(0.2), logger: LOGGER.agentService, text: `Finding OCP agent: hostId=${node.hostId}` },
  { at: at(0.4), logger: LOGGER.processService, text: `Getting all OCP agent processes on host ${node.hostId}` },
  { at: at(0.7), logger: LOGGER.agentService, text: `Updating OCP agent status, hostId=${node.hostId}, status=${record.operation.during}` },
];

/** Stopping names the processes the host's agent lists: the workers stop first, the agent's daemon (listed first) last. */
const stopLog = ({ host, run, end, at, processes }: NodeRun): LogLine[] => {
  const names = processes(false);
  const lines: LogLine[] = [{ at: at(0.08), logger: LOGGER.processService, text: `Stopping all OCP agent processes on host ${host}: ${names.join(', ')}` }];
  if (run.plannedResult === 'timeout') {
    // A stuck stop keeps polling the processes until the node's timeout ends it.
    for (let t = 30_000; run.start + t < end; t += 30_000) {
      lines.push({
        at: run.start + t,
        logger: LOGGER.processService,
        level: 'WARN',
        text: `Process ${names[0] ?? 'ocp_agentd'} on host ${host} is still alive, waiting for it to exit`,
      });
    }
  } else {
    [...names].reverse().forEach((name, i) => {
      lines.push({ at: spread(at, i, names.length), logger: LOGGER.processService, text: `Process ${name} on host ${host} stopped` });
    });
  }
  return lines;
};

/** The agent operations' nodes, by kind (a node's `kind` names its template within its operation). */
export const AGENT_NODE_TEMPLATES = {
  prepare: template('Prepare stop OCP agent', 'PrepareStopOcpAgentTask', 60, [0.4, 2.5], { log: prepareLog, rollbackLog: restoresAgent }),
  prepareRestart: template('Prepare restart OCP agent', 'PrepareRestartOcpAgentTask', 60, [0.4, 2.5], { log: prepareLog, rollbackLog: restoresAgent }),
  restartPosProxy: template('Restart pos proxy', 'RestartPosProxyTask', 60, [1, 6], {
    log: ({ host, at }) => [
      { at: at(0.3), logger: LOGGER.processService, text: `Restarting process pos_proxy on host ${host}` },
      { at: at(0.8), logger: LOGGER.processService, text: `Process pos_proxy on host ${host} started` },
    ],
  }),
  wait: template(
    'Wait node',
    'WaitNode',
    30,
    [0.2, 1.2],
    { log: ({ node, logger, at }) => [{ at: at(0.5), logger, text: `All ${node.upstreams.length} upstream subtasks finished, continue` }] },
    'com.alipay.ocp.service.task.business',
  ),
  stop: template('Stop all OCP agent processes', 'StopAllOcpAgentProcessesTask', 600, [8, 40], { log: stopLog, rollbackLog: restoresAgent, processes: 'stop' }),
  start: template('Start all OCP agent processes', 'StartAllOcpAgentProcessesTask', 600, [6, 30], {
    processes: 'start',
    rollbackLog: restoresAgent,
    log: ({ host, at, processes }) => {
      const names = processes(true);
      return [
        { at: at(0.1), logger: LOGGER.processService, text: `Starting all OCP agent processes on host ${host}: ${names.join(', ')}` },
        ...names.map((name, i) => ({ at: spread(at, i, names.length), logger: LOGGER.processService, text: `Process ${name} on host ${host} started` })),
      ];
    },
  }),
  finish: template('Finish OCP agent operation', 'FinishOcpAgentOperationTask', 60, [0.3, 2], {
    log: ({ node, record, at }) => [
      { at: at(0.5), logger: LOGGER.agentService, text: `Updated agent ${node.hostId} status ${record.operation.effects?.at(-1)?.status}` },
    ],
  }),
} as const satisfies Record<string, NodeTemplate>;

/** The call that submits an operation: a single-host one takes `{hostId}` in its path, a batch `{"hostIds": [...]}`. */
export interface OperationRoute {
  path: string;
  summary: string;
  permission: Permission;
}

/** An operation and the call that submits it. */
export interface RoutedOperation {
  operation: OperationDecl;
  route: OperationRoute;
}

/** The stages the stop operations share, and the restart ones (a batch puts Wait barriers between them). */
const STOP_STAGES = ['prepare', 'stop', 'finish'] as const;
const RESTART_STAGES = ['prepareRestart', 'restartPosProxy', 'stop', 'start', 'finish'] as const;
const STOP_EFFECTS = [{ after: 'stop', status: 'OFFLINE' }] as const;
const RESTART_EFFECTS = [
  { after: 'stop', status: 'OFFLINE' },
  { after: 'start', status: 'AVAILABLE' },
] as const;

export const AGENT_OPERATIONS = {
  batchStopAgents: {
    route: {
      path: '/compute/hosts/batchStopAgents',
      summary: 'Batch stop the basic processes of the OCP agents of hosts (批量停止主机的 OCP Agent 的基础进程)',
      permission: 'HOST_MANAGER',
    },
    operation: defineOperation({
      id: 'batchStopAgents',
      templates: AGENT_NODE_TEMPLATES,
      answer: 'agent',
      taskName: 'Batch stop OCP agent',
      singleHost: false,
      stages: STOP_STAGES,
      barrier: 'wait',
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
    }),
  },
  stopAgent: {
    route: {
      path: '/compute/hosts/{hostId}/agent/stop',
      summary: 'Stop the basic processes of the OCP agent on a host (停止主机上 OCP Agent 的基础进程)',
      permission: 'HOST_MANAGER',
    },
    operation: defineOperation({
      id: 'stopAgent',
      templates: AGENT_NODE_TEMPLATES,
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
    }),
  },
  restartAgent: {
    route: {
      path: '/compute/hosts/{hostId}/agent/restart',
      summary: 'Restart the basic processes of the OCP agent on a host (重启主机上 OCP Agent 的基础进程)',
      permission: 'HOST_MANAGER',
    },
    operation: defineOperation({
      id: 'restartAgent',
      templates: AGENT_NODE_TEMPLATES,
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
    }),
  },
  batchRestartAgents: {
    route: {
      path: '/compute/hosts/batchRestartAgents',
      summary: 'Batch restart the basic processes of the OCP agents of hosts (批量重启主机的 OCP Agent 的基础进程)',
      permission: 'HOST_MANAGER',
    },
    operation: defineOperation({
      id: 'batchRestartAgents',
      templates: AGENT_NODE_TEMPLATES,
      answer: 'agent',
      taskName: 'Batch restart OCP agent',
      singleHost: false,
      stages: RESTART_STAGES,
      barrier: 'wait',
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
    }),
  },
} as const satisfies Record<string, RoutedOperation>;

/** The shipped agent operations' ids: the compiler checks every use. */
export type AgentOperationId = keyof typeof AGENT_OPERATIONS;

/** The batchStopAgents example of OCP's documentation, which the default seed reproduces. */
export const DOCUMENTED_EXAMPLE = { seed: 1, taskId: 31173, firstSubtaskId: 32854, server: '192.168.0.1' } as const;
