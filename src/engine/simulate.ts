/**
 * `taskAt(record, now)`: the task as OCP would show it at instant `now`.
 *
 * OCP's task engine rules (shared/contract README, "How a task progresses"):
 * - on submit, subtasks without upstreams are READY, the rest PENDING; task RUNNING, EXECUTE;
 * - PENDING -> READY when all upstreams are SUCCESSFUL; READY -> RUNNING sets `executor` and,
 *   the first time only, `startTime`; a run ends SUCCESSFUL or FAILED with `finishTime`;
 *   a run that goes past `timeout` seconds fails at exactly start + timeout;
 * - any subtask FAILED -> task FAILED; all SUCCESSFUL -> task SUCCESSFUL;
 * - retry, rollback (rollback.ts), skip, cancel as in actions.ts.
 *
 * Nothing runs in the background: the record's accepted actions are replayed in order and the
 * DAG is advanced event by event up to `now`, the next event always taken from a min-heap
 * (eventQueue.ts), so a replay costs O(events log events) however many nodes wait. The same
 * record and `now` always give the same view.
 */
import type { TaskStatus } from '../contract/enums.js';
import { planOperation, type TaskPlan } from './plan.js';
import { initialState, type NodeState, nextEventAt, type SimState, setStatus, specFor, touch, touchAll } from './replayState.js';
import { endRollbackRun, settleRollback, startRollback } from './rollback.js';
import type { TaskAction, TaskRecord } from './task.js';
import { cancelDelay, rollbackDuration, runDuration } from './timing.js';
import { type RunRecord, type TaskView, timeoutOf } from './view.js';

/** Recomputes the task's status from its subtasks (argo's assessDAGPhase), and starts an automatic rollback. */
function assess(s: SimState, at: number): void {
  if (s.rolledBack) return;
  if (s.rollingBack) {
    settleRollback(s, at);
    return;
  }
  const before = s.derivedStatus;
  const status: TaskStatus = s.failed > 0 ? 'FAILED' : s.succeeded === s.nodes.length ? 'SUCCESSFUL' : 'RUNNING';
  if (status === before) return;
  s.derivedStatus = status;
  s.finishTime = status === 'RUNNING' ? undefined : at;
  // READY subtasks are dispatched only while the task runs.
  touchAll(s);
  if (status === 'FAILED' && s.record.autoRollback && !s.autoRolledBack) {
    s.autoRolledBack = true;
    startRollback(s, at);
  }
}

function startRun(s: SimState, n: NodeState, at: number): void {
  const { record } = s;
  n.executor = record.executor;
  n.startTime ??= at;
  if (s.rollingBack) {
    n.operation = 'ROLLBACK';
    const end = at + rollbackDuration(record.seed, n.index);
    n.runs.push({ operation: 'ROLLBACK', runTime: n.runTime, start: at, plannedEnd: end, plannedResult: 'rollback' });
    setStatus(s, n, 'RUNNING', at);
    return;
  }
  const spec = specFor(record, n.index, n.runTime);
  const timeoutMs = timeoutOf(record, n) * 1000;
  const duration = runDuration(record.seed, n.index, n.runTime, spec.durationMs);
  const timesOut = spec.outcome === 'timeout' || duration >= timeoutMs;
  n.runs.push({
    operation: n.operation,
    runTime: n.runTime,
    start: at,
    plannedEnd: at + (timesOut ? timeoutMs : duration),
    plannedResult: timesOut ? 'timeout' : spec.outcome,
    message: spec.message,
  });
  setStatus(s, n, 'RUNNING', at);
}

function endRun(s: SimState, n: NodeState, at: number): void {
  const run = n.runs[n.runs.length - 1] as RunRecord;
  run.end = at;
  n.finishTime = at;
  if (n.status === 'CANCELING') {
    run.result = 'cancel';
    n.cancelEnd = undefined;
    setStatus(s, n, 'FAILED', at);
  } else if (run.plannedResult === 'rollback') {
    endRollbackRun(s, n, run, at);
  } else {
    run.result = run.plannedResult;
    setStatus(s, n, run.plannedResult === 'success' ? 'SUCCESSFUL' : 'FAILED', at);
  }
  // A node that was still running when a rollback began is undone once it ends.
  if (s.rollingBack && n.needsRollback && n.downstreamRollbacksLeft === 0 && n.rollbackReadyAt === undefined) {
    n.rollbackReadyAt = at;
    touch(s, n);
  }
}

/**
 * The next event due at or before `until`, or undefined. Entries that no longer match their
 * node's next event are dropped on the way.
 */
function dueNode(s: SimState, until: number): NodeState | undefined {
  const q = s.queue;
  for (;;) {
    const at = q.peekAt();
    if (at === undefined) return undefined;
    const n = s.nodes[q.peekIdx() as number] as NodeState;
    if (nextEventAt(s, n) !== at) {
      q.pop();
      continue;
    }
    if (at > until) return undefined;
    q.pop();
    return n;
  }
}

/** Advances the DAG through every event up to and including `until`. */
function advance(s: SimState, until: number): void {
  for (let n = dueNode(s, until); n; n = dueNode(s, until)) {
    const at = nextEventAt(s, n) as number;
    if (n.status === 'RUNNING' || n.status === 'CANCELING') endRun(s, n, at);
    else startRun(s, n, at);
    assess(s, at);
  }
}

/** Brings READY subtasks of a halted task back into the schedule from instant `at`. */
function resume(s: SimState, at: number): void {
  for (const n of s.nodes) if (n.status === 'READY') n.readyAt = Math.max(n.readyAt, at);
}

function retryNode(s: SimState, n: NodeState, at: number): void {
  setStatus(s, n, 'READY', at);
  n.operation = 'RETRY';
  n.runTime++;
  n.readyAt = at;
}

function applyAction(s: SimState, action: TaskAction): void {
  const at = action.at;
  switch (action.type) {
    case 'retry':
      s.operation = 'RETRY';
      resume(s, at);
      for (const n of s.nodes) if (n.status === 'FAILED') retryNode(s, n, at);
      break;
    case 'rollback':
      startRollback(s, at);
      return;
    case 'retrySubtask':
    case 'skipSubtask':
    case 'cancelSubtask': {
      const n = s.nodes.find((x) => x.node.id === action.subtaskId);
      if (!n) return;
      if (action.type === 'retrySubtask') {
        s.operation = 'RETRY';
        resume(s, at);
        retryNode(s, n, at);
      } else if (action.type === 'skipSubtask') {
        resume(s, at);
        n.operation = 'SKIP';
        n.finishTime = at;
        n.runs.push({ operation: 'SKIP', runTime: n.runTime, start: at, plannedEnd: at, end: at, result: 'skip', plannedResult: 'skip' });
        setStatus(s, n, 'SUCCESSFUL', at);
      } else {
        n.operation = 'CANCEL';
        n.cancelEnd = at + cancelDelay(s.record.seed, n.index, n.runTime);
        const run = n.runs[n.runs.length - 1];
        if (run) run.plannedEnd = n.cancelEnd;
        setStatus(s, n, 'CANCELING', at);
      }
      break;
    }
  }
  // An action moves ready times and statuses across the task: schedule everything anew.
  touchAll(s);
  assess(s, at);
}

/**
 * The task as OCP shows it at instant `now`. Pure: no clock, no I/O.
 * `plan` is the record's plan (a PlanCache keeps them; without one it is laid out anew).
 */
export function taskAt(
  record: TaskRecord,
  now: number,
  plan: TaskPlan = planOperation(record.operation, record.hostIds, record.firstSubtaskId, record.layoutSeed, undefined, record.subject),
): TaskView {
  const s = initialState(record, plan);
  for (const action of record.actions) {
    if (action.at > now) break;
    advance(s, action.at);
    applyAction(s, action);
  }
  advance(s, now);
  // Settled: nothing is queued that is still due to happen.
  const settled = dueNode(s, Number.POSITIVE_INFINITY) === undefined;
  return {
    record,
    at: now,
    status: s.derivedStatus,
    operation: s.operation,
    startTime: record.createdAt,
    finishTime: s.finishTime,
    rollingBack: s.rollingBack,
    rolledBack: s.rolledBack,
    settled,
    subtasks: s.nodes,
  };
}
