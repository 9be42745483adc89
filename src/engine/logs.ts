/**
 * Subtask logs that read like OCP's (samples/subtask_log_response.json): each run opens with
 * `############{OPERATION}{<ISO time>}############`, then Spring-style lines stamped between the
 * run's start and end. Only lines stamped at or before `now` are shown, so a log grows as the
 * subtask runs. The engine writes the frame (run, begin, end, failure, state change); what a node
 * does in between is its template's `log` (declared with its operation). The words of each line
 * are *inferred* from OCP's class and method names; what they name is what the API shows: the
 * context as the task carries it (a single-host task's `stringMap.host_id` and empty `listMap`, as
 * the sample prints it) and the processes the host's agent lists.
 */
import { formatLogTime, formatOcpTime } from '../contract/time.js';
import { hashUnit, Stream } from '../util/random.js';
import type { LogLine, NodeRun, NodeTemplate } from './operation.js';
import { type RunRecord, type SubtaskView, type TaskView, templateOf } from './view.js';

/** The task engine's own loggers (every node's run opens and closes through them). */
const LOGGER = {
  entity: 'c.a.o.c.m.t.model.SubtaskInstanceEntity',
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

/** What a log needs to know of the hosts its task ran on (their module knows). */
export interface LogHosts {
  /** The host's inner IP ('unknown' for a host since deleted). */
  address(hostId: number): string;
  /**
   * The processes of `hostId`'s agent a whole-agent stop (`starting` false) or start (true) at `at`
   * acts on, by alias, in the order the agent lists them.
   */
  processes(hostId: number, starting: boolean, at: number): readonly string[];
}

/** The lines one run writes, each with its instant: the engine's frame around what the node's template logs. */
function runLines(view: TaskView, sub: SubtaskView, run: RunRecord, hosts: LogHosts): LogLine[] {
  const { node } = sub;
  const record = view.record;
  const t = templateOf(record, node);
  const end = run.end ?? run.plannedEnd;
  const span = Math.max(end - run.start, 1);
  const logger = taskLogger(t);
  const nodeRun: NodeRun = {
    record,
    node,
    run,
    host: node.hostId === undefined ? '' : `${node.hostId}:${hosts.address(node.hostId)}`,
    logger,
    at: (fraction) => run.start + Math.round(span * fraction),
    end,
    processes: (starting) => (node.hostId === undefined ? [] : hosts.processes(node.hostId, starting, run.start)),
  };
  const at = nodeRun.at;
  // The task's context: a single-host task carries its host in stringMap.host_id and nothing in listMap (as its answer does).
  const listMap = record.operation.singleHost ? '{}' : `{host_ids=[${record.hostIds.join(', ')}]}`;
  const ctx = `Context(parallelIdx=${node.parallelIdx}, stringMap={prohibit_rollback=${record.prohibitRollback}, task_instance_id=${record.id}, task_operation=${run.operation.toLowerCase()}, sub_task_instance_id=${node.id}${node.hostId === undefined ? '' : `, host_id=${node.hostId}`}}, listMap=${listMap})`;
  const lines: LogLine[] = [
    { at: run.start + 9, logger: LOGGER.entity, text: `Run subtask, id=${node.id}, context=${ctx}, executor=${sub.executor ?? record.executor}` },
  ];
  if (run.operation === 'SKIP') {
    return [{ at: run.start, logger: LOGGER.entity, text: `Subtask ${node.id} skipped by user, set state to SUCCESSFUL` }];
  }
  if (run.operation === 'ROLLBACK') {
    lines.push({ at: at(0.2), logger, text: `[${simpleName(t)}] rollback begin` });
    lines.push(...(t.rollbackLog?.(nodeRun) ?? []));
    lines.push({ at: at(0.9), logger, text: `[${simpleName(t)}] rollback end` });
    if (run.result === 'rollback') {
      lines.push({ at: end, logger: LOGGER.entity, text: `Set state for subtask: ${node.id}, current state: RUNNING, new state: PENDING` });
    }
    return lines;
  }
  lines.push({ at: at(0.05), logger, text: `[${simpleName(t)}] begin` });
  lines.push(...(t.log?.(nodeRun) ?? []));
  if (run.plannedResult === 'success') {
    lines.push({ at: at(0.95), logger, text: `[${simpleName(t)}] end` });
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
    lines.push({ at: end - 1, logger, level: 'ERROR', text: `[${simpleName(t)}] failed: ${run.message ?? 'execution failed'}` });
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
export function subtaskLog(view: TaskView, sub: SubtaskView, offsetMinutes: number, hosts: LogHosts): string {
  const now = view.at;
  const pid = 50000 + Math.floor(hashUnit(view.record.seed, 7) * 9999);
  let out = '';
  sub.runs.forEach((run, i) => {
    if (run.start > now) return;
    const ids = new Stream(view.record.seed, sub.index * 1000 + i);
    const thread = `pool-subtask-executor-thread-${1 + Math.floor(ids.next() * 64)},${ids.hex(16)},${ids.hex(12)}`;
    out += `############{${run.operation}}{${formatOcpTime(run.start, offsetMinutes)}}############\n`;
    const lines = runLines(view, sub, run, hosts).sort((a, b) => a.at - b.at);
    for (const line of lines) {
      if (line.at > now) break;
      const level = (line.level ?? 'INFO').padStart(5, ' ');
      out += `${formatLogTime(line.at, offsetMinutes)} ${level} ${pid} --- [${thread}] ${line.logger.padEnd(40, ' ')} : ${line.text}\n\n`;
    }
  });
  return out;
}
