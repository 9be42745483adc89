/**
 * Subtask logs that read like OCP's (samples/subtask_log_response.json): each run opens with
 * `############{OPERATION}{<ISO time>}############`, then Spring-style lines stamped between the
 * run's start and end. Only lines stamped at or before `now` are shown, so a log grows as the
 * subtask runs. The words of each line are *inferred* from OCP's class and method names; what
 * they name is what the API shows: the context as the task carries it (a single-host task's
 * `stringMap.host_id` and empty `listMap`, as the sample prints it) and the processes the host's
 * agent lists.
 */
import { formatLogTime, formatOcpTime } from '../contract/time.js';
import { hashUnit, Stream } from '../fakes/random.js';
import type { NodeTemplate } from './operations.js';
import { type RunRecord, type SubtaskView, type TaskView, templateOf } from './view.js';

const LOGGER = {
  entity: 'c.a.o.c.m.t.model.SubtaskInstanceEntity',
  agentService: 'c.a.o.s.compute.agent.HostAgentService',
  processService: 'c.a.o.s.c.p.HostAgentProcessService',
  executor: 'c.a.o.c.m.task.engine.SubtaskExecutor',
} as const;

/** `PrepareStopOcpAgentTask`, from the node's class name. */
function simpleName(t: NodeTemplate): string {
  return t.className.split('.').pop() as string;
}

/** Spring's abbreviated logger name: `a.o.s.t.b.o.PrepareStopOcpAgentTask`, each package to its initial. */
function taskLogger(t: NodeTemplate): string {
  // Spring shortens to fit: the Wait node's logger keeps more of its (shorter) package.
  if (t.className === 'com.alipay.ocp.service.task.business.WaitNode') return 'c.a.o.s.task.business.WaitNode';
  const parts = t.className.split('.');
  const last = parts.pop() as string;
  return [...parts.slice(1).map((p) => p[0]), last].join('.');
}

/**
 * The processes of `hostId`'s agent a whole-agent stop (`starting` false) or start (true) at `at`
 * acts on, by alias, in the order the agent lists them.
 */
export type AgentProcessNames = (hostId: number, starting: boolean, at: number) => readonly string[];

interface Line {
  at: number;
  logger: string;
  text: string;
  level?: 'INFO' | 'WARN' | 'ERROR';
}

/** The lines one run writes, each with its instant. */
function runLines(view: TaskView, sub: SubtaskView, run: RunRecord, ip: (hostId: number) => string, processes: AgentProcessNames): Line[] {
  const { node } = sub;
  const kind = node.kind;
  const op = view.record.operation;
  const t = templateOf(view.record, node);
  const end = run.end ?? run.plannedEnd;
  const span = Math.max(end - run.start, 1);
  const at = (fraction: number) => run.start + Math.round(span * fraction);
  const host = node.hostId === undefined ? '' : `${node.hostId}:${ip(node.hostId)}`;
  // The task's context: a single-host task carries its host in stringMap.host_id and nothing in listMap (render.ts).
  const listMap = op.singleHost ? '{}' : `{host_ids=[${view.record.hostIds.join(', ')}]}`;
  const ctx = `Context(parallelIdx=${node.parallelIdx}, stringMap={prohibit_rollback=${view.record.prohibitRollback}, task_instance_id=${view.record.id}, task_operation=${run.operation.toLowerCase()}, sub_task_instance_id=${node.id}${node.hostId === undefined ? '' : `, host_id=${node.hostId}`}}, listMap=${listMap})`;
  /** Stamps `count` lines evenly between 10% and 90% of the run. */
  const spread = (i: number, count: number) => at(0.1 + (0.8 * (i + 1)) / (count + 1));
  const lines: Line[] = [
    { at: run.start + 9, logger: LOGGER.entity, text: `Run subtask, id=${node.id}, context=${ctx}, executor=${sub.executor ?? view.record.executor}` },
  ];
  if (run.operation === 'SKIP') {
    return [{ at: run.start, logger: LOGGER.entity, text: `Subtask ${node.id} skipped by user, set state to SUCCESSFUL` }];
  }
  if (run.operation === 'ROLLBACK') {
    lines.push({ at: at(0.2), logger: taskLogger(t), text: `[${simpleName(t)}] rollback begin` });
    if (kind === 'stop' || kind === 'prepare' || kind === 'prepareRestart' || kind === 'start') {
      lines.push({ at: at(0.5), logger: LOGGER.agentService, text: `Restoring OCP agent status, hostId=${node.hostId}` });
    }
    lines.push({ at: at(0.9), logger: taskLogger(t), text: `[${simpleName(t)}] rollback end` });
    if (run.result === 'rollback') {
      lines.push({ at: end, logger: LOGGER.entity, text: `Set state for subtask: ${node.id}, current state: RUNNING, new state: PENDING` });
    }
    return lines;
  }
  lines.push({ at: at(0.05), logger: taskLogger(t), text: `[${simpleName(t)}] begin` });
  switch (kind) {
    case 'prepare':
    case 'prepareRestart':
      lines.push({ at: at(0.2), logger: LOGGER.agentService, text: `Finding OCP agent: hostId=${node.hostId}` });
      lines.push({ at: at(0.4), logger: LOGGER.processService, text: `Getting all OCP agent processes on host ${node.hostId}` });
      lines.push({ at: at(0.7), logger: LOGGER.agentService, text: `Updating OCP agent status, hostId=${node.hostId}, status=${op.during}` });
      break;
    case 'restartPosProxy':
      lines.push({ at: at(0.3), logger: LOGGER.processService, text: `Restarting process pos_proxy on host ${host}` });
      lines.push({ at: at(0.8), logger: LOGGER.processService, text: `Process pos_proxy on host ${host} started` });
      break;
    case 'start': {
      const names = node.hostId === undefined ? [] : processes(node.hostId, true, run.start);
      lines.push({ at: at(0.1), logger: LOGGER.processService, text: `Starting all OCP agent processes on host ${host}: ${names.join(', ')}` });
      names.forEach((name, i) => {
        lines.push({ at: spread(i, names.length), logger: LOGGER.processService, text: `Process ${name} on host ${host} started` });
      });
      break;
    }
    case 'wait':
      lines.push({ at: at(0.5), logger: taskLogger(t), text: `All ${node.upstreams.length} upstream subtasks finished, continue` });
      break;
    case 'stop': {
      const names = node.hostId === undefined ? [] : processes(node.hostId, false, run.start);
      lines.push({ at: at(0.08), logger: LOGGER.processService, text: `Stopping all OCP agent processes on host ${host}: ${names.join(', ')}` });
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
        // The workers first, the agent's daemon (listed first) last.
        [...names].reverse().forEach((name, i) => {
          lines.push({ at: spread(i, names.length), logger: LOGGER.processService, text: `Process ${name} on host ${host} stopped` });
        });
      }
      break;
    }
    case 'finish':
      lines.push({ at: at(0.5), logger: LOGGER.agentService, text: `Updated agent ${node.hostId} status ${op.effects[op.effects.length - 1]?.status}` });
      break;
  }
  if (run.plannedResult === 'success') {
    lines.push({ at: at(0.95), logger: taskLogger(t), text: `[${simpleName(t)}] end` });
  }
  if (run.result === undefined) return lines;
  if (run.result === 'timeout') {
    const seconds = Math.round((end - run.start) / 1000);
    lines.push({
      at: end,
      logger: LOGGER.executor,
      level: 'ERROR',
      text: `Subtask ${node.id} timed out after ${seconds} seconds, timeout=${seconds}s, interrupt it`,
    });
  } else if (run.result === 'fail') {
    lines.push({ at: end - 1, logger: taskLogger(t), level: 'ERROR', text: `[${simpleName(t)}] failed: ${run.message ?? 'execution failed'}` });
  } else if (run.result === 'cancel') {
    lines.push({ at: end - 1, logger: LOGGER.executor, level: 'WARN', text: `Subtask ${node.id} cancelled by user, interrupt it` });
  }
  const newState = run.result === 'success' ? 'SUCCESSFUL' : 'FAILED';
  lines.push({
    at: end,
    logger: LOGGER.entity,
    text: `Set state for subtask: ${node.id}, current state: ${run.result === 'cancel' ? 'CANCELING' : 'RUNNING'}, new state: ${newState}`,
  });
  return lines;
}

/** The subtask's log as OCP's `.../subtasks/{id}/log` shows it at the view's instant. */
export function subtaskLog(view: TaskView, sub: SubtaskView, offsetMinutes: number, ip: (hostId: number) => string, processes: AgentProcessNames): string {
  const now = view.at;
  const pid = 50000 + Math.floor(hashUnit(view.record.seed, 7) * 9999);
  let out = '';
  sub.runs.forEach((run, i) => {
    if (run.start > now) return;
    const ids = new Stream(view.record.seed, sub.index * 1000 + i);
    const thread = `pool-subtask-executor-thread-${1 + Math.floor(ids.next() * 64)},${ids.hex(16)},${ids.hex(12)}`;
    out += `############{${run.operation}}{${formatOcpTime(run.start, offsetMinutes)}}############\n`;
    const lines = runLines(view, sub, run, ip, processes).sort((a, b) => a.at - b.at);
    for (const line of lines) {
      if (line.at > now) break;
      const level = (line.level ?? 'INFO').padStart(5, ' ');
      out += `${formatLogTime(line.at, offsetMinutes)} ${level} ${pid} --- [${thread}] ${line.logger.padEnd(40, ' ')} : ${line.text}\n\n`;
    }
  });
  return out;
}
