/**
 * `taskAt(record, now)`: the task as OCP would show it at instant `now`.
 *
 * OCP's task engine rules (shared/contract README, "How a task progresses"):
 * - on submit, subtasks without upstreams are READY, the rest PENDING; task RUNNING, EXECUTE;
 * - PENDING -> READY when all upstreams are SUCCESSFUL; READY -> RUNNING sets `executor` and,
 *   the first time only, `startTime`; a run ends SUCCESSFUL or FAILED with `finishTime`;
 *   a run that goes past `timeout` seconds fails at exactly start + timeout;
 * - any subtask FAILED -> task FAILED; all SUCCESSFUL -> task SUCCESSFUL;
 * - retry, rollback, skip, cancel as in actions.ts.
 *
 * Nothing runs in the background: the record's accepted actions are replayed in order and the
 * DAG is advanced event by event up to `now`. The same record and `now` always give the same view.
 */
import type { Operation, SubtaskStatus, TaskStatus } from '../contract/enums.js';
import { NODE_TEMPLATES, type PlanNode, type TaskPlan } from './plan.js';
import { planOf, type RunSpec, type TaskAction, type TaskRecord } from './task.js';
import { cancelDelay, dispatchDelay, rollbackDuration, runDuration } from './timing.js';

export type RunResult = 'success' | 'fail' | 'timeout' | 'cancel' | 'rollback' | 'skip';

/** One run of a subtask, kept for its log. */
export interface RunRecord {
  operation: Operation;
  runTime: number;
  start: number;
  /** When the run ends or ended; may lie after `now` for a run still in progress. */
  plannedEnd: number;
  end?: number;
  result?: RunResult;
  /** What the run will end as, known from the scenario at its start. */
  plannedResult: RunResult;
  message?: string;
}

export interface SubtaskView {
  node: PlanNode;
  index: number;
  status: SubtaskStatus;
  operation: Operation;
  runTime: number;
  startTime?: number;
  finishTime?: number;
  executor?: string;
  runs: RunRecord[];
}

export interface TaskView {
  record: TaskRecord;
  /** The instant this view is of. */
  at: number;
  status: TaskStatus;
  operation: Operation;
  startTime: number;
  finishTime?: number;
  rollingBack: boolean;
  /** True once a rollback has completed: the task is finished for good. */
  rolledBack: boolean;
  /** No subtask has anything left to do: without a new action, later instants look the same. */
  settled: boolean;
  subtasks: SubtaskView[];
}

/** The subtask with this id, if the task has one (a scan: views are built on every read, lookups are rare). */
export function subtaskById(view: TaskView, id: number): SubtaskView | undefined {
  return view.subtasks.find((t) => t.node.id === id);
}

interface NodeState extends SubtaskView {
  readyAt: number;
  upstreamsSucceeded: number;
  /** Absolute instant of this node's next event, or undefined if it waits on something else. */
  cancelEnd?: number;
  needsRollback: boolean;
  downstreamRollbacksLeft: number;
  rollbackReadyAt?: number;
  upstreamIdx: readonly number[];
  downstreamIdx: readonly number[];
}

interface SimState {
  record: TaskRecord;
  nodes: NodeState[];
  operation: Operation;
  finishTime?: number;
  rollingBack: boolean;
  rolledBack: boolean;
  autoRolledBack: boolean;
  failed: number;
  succeeded: number;
  derivedStatus: TaskStatus;
}

function specFor(record: TaskRecord, index: number, runTime: number): RunSpec {
  const runs = record.behaviour[index]?.runs ?? [];
  const spec = runs[Math.min(runTime, runs.length) - 1];
  if (!spec) throw new Error(`task ${record.id}: node ${index} has no behaviour`);
  return spec;
}

/** A subtask's `timeout` in seconds: the scenario's override, else OCP's. */
export function timeoutOf(record: TaskRecord, sub: Pick<SubtaskView, 'node' | 'index'>): number {
  return record.behaviour[sub.index]?.timeoutSeconds ?? NODE_TEMPLATES[sub.node.kind].timeout;
}

function initialState(record: TaskRecord, plan: TaskPlan): SimState {
  const nodes: NodeState[] = plan.nodes.map((node, index) => ({
    node,
    index,
    status: node.upstreams.length === 0 ? 'READY' : 'PENDING',
    operation: 'EXECUTE',
    runTime: 1,
    runs: [],
    readyAt: record.createdAt,
    upstreamsSucceeded: 0,
    needsRollback: false,
    downstreamRollbacksLeft: 0,
    upstreamIdx: plan.upstreamIdx[index] as readonly number[],
    downstreamIdx: plan.downstreamIdx[index] as readonly number[],
  }));
  return {
    record,
    nodes,
    operation: 'EXECUTE',
    rollingBack: false,
    rolledBack: false,
    autoRolledBack: false,
    failed: 0,
    succeeded: 0,
    derivedStatus: 'RUNNING',
  };
}

function setStatus(s: SimState, n: NodeState, status: SubtaskStatus, at: number): void {
  if (n.status === status) return;
  if (n.status === 'FAILED') s.failed--;
  if (n.status === 'SUCCESSFUL') {
    s.succeeded--;
    for (const d of n.downstreamIdx) (s.nodes[d] as NodeState).upstreamsSucceeded--;
  }
  n.status = status;
  if (status === 'FAILED') s.failed++;
  if (status === 'SUCCESSFUL') {
    s.succeeded++;
    for (const d of n.downstreamIdx) {
      const down = s.nodes[d] as NodeState;
      down.upstreamsSucceeded++;
      if (!s.rollingBack && down.status === 'PENDING' && down.upstreamsSucceeded === down.upstreamIdx.length) {
        down.status = 'READY';
        down.readyAt = at;
      }
    }
  }
}

/** Recomputes the task's status from its subtasks (argo's assessDAGPhase), and starts an automatic rollback. */
function assess(s: SimState, at: number): void {
  if (s.rolledBack) return;
  if (s.rollingBack) {
    const busy = s.nodes.some((n) => n.needsRollback || n.status === 'RUNNING' || n.status === 'CANCELING');
    if (!busy) {
      s.rollingBack = false;
      s.rolledBack = true;
      s.derivedStatus = 'SUCCESSFUL';
      s.finishTime = at;
    }
    return;
  }
  const before = s.derivedStatus;
  const status: TaskStatus = s.failed > 0 ? 'FAILED' : s.succeeded === s.nodes.length ? 'SUCCESSFUL' : 'RUNNING';
  s.derivedStatus = status;
  if (status !== before) s.finishTime = status === 'RUNNING' ? undefined : at;
  if (status === 'FAILED' && before !== 'FAILED' && s.record.autoRollback && !s.autoRolledBack) {
    s.autoRolledBack = true;
    startRollback(s, at);
  }
}

function startRollback(s: SimState, at: number): void {
  s.rollingBack = true;
  s.operation = 'ROLLBACK';
  s.derivedStatus = 'RUNNING';
  s.finishTime = undefined;
  for (const n of s.nodes) {
    if (n.status === 'READY') n.status = 'PENDING';
    n.needsRollback = n.status !== 'PENDING';
  }
  for (const n of s.nodes) {
    n.downstreamRollbacksLeft = n.downstreamIdx.filter((d) => (s.nodes[d] as NodeState).needsRollback).length;
    if (n.needsRollback && n.downstreamRollbacksLeft === 0) n.rollbackReadyAt = at;
  }
  assess(s, at);
}

function isFinished(n: NodeState): boolean {
  return n.status === 'SUCCESSFUL' || n.status === 'FAILED';
}

/** The instant of a node's next event, if it has one of its own. */
function nextEventAt(s: SimState, n: NodeState): number | undefined {
  switch (n.status) {
    case 'RUNNING':
      return n.runs[n.runs.length - 1]?.plannedEnd;
    case 'CANCELING':
      return n.cancelEnd;
    case 'READY':
      if (s.rollingBack || s.derivedStatus !== 'RUNNING') return undefined;
      return n.readyAt + dispatchDelay(s.record.seed, n.index, n.runs.length + 1);
    default:
      if (s.rollingBack && n.needsRollback && n.rollbackReadyAt !== undefined && isFinished(n)) {
        return n.rollbackReadyAt + dispatchDelay(s.record.seed, n.index, n.runs.length + 1);
      }
      return undefined;
  }
}

function startRun(s: SimState, n: NodeState, at: number): void {
  const { record } = s;
  n.executor = record.executor;
  n.startTime ??= at;
  if (s.rollingBack) {
    setStatus(s, n, 'RUNNING', at);
    n.operation = 'ROLLBACK';
    const end = at + rollbackDuration(record.seed, n.index);
    n.runs.push({ operation: 'ROLLBACK', runTime: n.runTime, start: at, plannedEnd: end, plannedResult: 'rollback' });
    return;
  }
  setStatus(s, n, 'RUNNING', at);
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
    run.result = 'rollback';
    n.needsRollback = false;
    n.rollbackReadyAt = undefined;
    setStatus(s, n, 'PENDING', at);
    for (const u of n.upstreamIdx) {
      const up = s.nodes[u] as NodeState;
      if (up.needsRollback && --up.downstreamRollbacksLeft === 0) up.rollbackReadyAt = at;
    }
  } else {
    run.result = run.plannedResult;
    setStatus(s, n, run.plannedResult === 'success' ? 'SUCCESSFUL' : 'FAILED', at);
  }
  // A node that was still running when a rollback began is undone once it ends.
  if (s.rollingBack && n.needsRollback && n.downstreamRollbacksLeft === 0) n.rollbackReadyAt ??= at;
}

/** Advances the DAG through every event up to and including `until`. */
function advance(s: SimState, until: number): void {
  for (;;) {
    let best: NodeState | undefined;
    let bestAt = Number.POSITIVE_INFINITY;
    for (const n of s.nodes) {
      const at = nextEventAt(s, n);
      if (at !== undefined && at < bestAt) {
        bestAt = at;
        best = n;
      }
    }
    if (!best || bestAt > until) return;
    if (best.status === 'RUNNING' || best.status === 'CANCELING') endRun(s, best, bestAt);
    else startRun(s, best, bestAt);
    assess(s, bestAt);
  }
}

/** Brings READY subtasks of a halted task back into the schedule from instant `at`. */
function resume(s: SimState, at: number): void {
  for (const n of s.nodes) if (n.status === 'READY') n.readyAt = Math.max(n.readyAt, at);
}

function applyAction(s: SimState, action: TaskAction): void {
  const at = action.at;
  switch (action.type) {
    case 'retry':
      s.operation = 'RETRY';
      resume(s, at);
      for (const n of s.nodes) {
        if (n.status === 'FAILED') {
          setStatus(s, n, 'READY', at);
          n.operation = 'RETRY';
          n.runTime++;
          n.readyAt = at;
        }
      }
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
        setStatus(s, n, 'READY', at);
        n.operation = 'RETRY';
        n.runTime++;
        n.readyAt = at;
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
  assess(s, at);
}

/** The task as OCP shows it at instant `now`. Pure: no clock, no I/O. */
/** `plan` is the record's plan (planOf's, unless the caller has just built it). */
export function taskAt(record: TaskRecord, now: number, plan: TaskPlan = planOf(record)): TaskView {
  const s = initialState(record, plan);
  for (const action of record.actions) {
    if (action.at > now) break;
    advance(s, action.at);
    applyAction(s, action);
  }
  advance(s, now);
  const subtasks: SubtaskView[] = s.nodes;
  const settled = s.nodes.every((n) => nextEventAt(s, n) === undefined);
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
    subtasks,
  };
}
