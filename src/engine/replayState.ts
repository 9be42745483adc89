/**
 * The replay's working state: one NodeState per subtask (the SubtaskView it will be shown as,
 * plus what the replay needs to schedule it), the task-level flags, and the event queue.
 * Every change to a node that can move its next event goes through `touch`, which queues the
 * event anew; simulate.ts and rollback.ts share these helpers.
 */
import type { Operation, SubtaskStatus, TaskStatus } from '../contract/enums.js';
import { EventQueue } from './eventQueue.js';
import type { TaskPlan } from './plan.js';
import type { RunSpec, TaskRecord } from './task.js';
import { dispatchDelay } from './timing.js';
import type { SubtaskView } from './view.js';

export interface NodeState extends SubtaskView {
  readyAt: number;
  upstreamsSucceeded: number;
  /** Absolute instant a cancel completes, while CANCELING. */
  cancelEnd?: number;
  needsRollback: boolean;
  downstreamRollbacksLeft: number;
  rollbackReadyAt?: number;
  upstreamIdx: readonly number[];
  downstreamIdx: readonly number[];
}

export interface SimState {
  record: TaskRecord;
  nodes: NodeState[];
  queue: EventQueue;
  operation: Operation;
  finishTime?: number;
  rollingBack: boolean;
  rolledBack: boolean;
  autoRolledBack: boolean;
  failed: number;
  succeeded: number;
  /** Nodes RUNNING or CANCELING. */
  active: number;
  /** Nodes still to be undone by a rollback. */
  rollbacksLeft: number;
  derivedStatus: TaskStatus;
}

export function initialState(record: TaskRecord, plan: TaskPlan): SimState {
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
  const s: SimState = {
    record,
    nodes,
    queue: new EventQueue(),
    operation: 'EXECUTE',
    rollingBack: false,
    rolledBack: false,
    autoRolledBack: false,
    failed: 0,
    succeeded: 0,
    active: 0,
    rollbacksLeft: 0,
    derivedStatus: 'RUNNING',
  };
  touchAll(s);
  return s;
}

export function specFor(record: TaskRecord, index: number, runTime: number): RunSpec {
  const runs = record.behaviour[index]?.runs ?? [];
  const spec = runs[Math.min(runTime, runs.length) - 1];
  if (!spec) throw new Error(`task ${record.id}: node ${index} has no behaviour`);
  return spec;
}

function isFinished(n: NodeState): boolean {
  return n.status === 'SUCCESSFUL' || n.status === 'FAILED';
}

/** The instant of a node's next event, if it has one of its own. */
export function nextEventAt(s: SimState, n: NodeState): number | undefined {
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

/** Queues `n`'s next event as it now stands (an older entry for it goes stale). */
export function touch(s: SimState, n: NodeState): void {
  const at = nextEventAt(s, n);
  if (at !== undefined) s.queue.push(at, n.index);
}

/** After a task-wide change (its status, a rollback, a retry): every node's next event anew. */
export function touchAll(s: SimState): void {
  for (const n of s.nodes) touch(s, n);
}

export function setStatus(s: SimState, n: NodeState, status: SubtaskStatus, at: number): void {
  if (n.status === status) return;
  if (n.status === 'FAILED') s.failed--;
  if (n.status === 'RUNNING' || n.status === 'CANCELING') s.active--;
  if (n.status === 'SUCCESSFUL') {
    s.succeeded--;
    for (const d of n.downstreamIdx) (s.nodes[d] as NodeState).upstreamsSucceeded--;
  }
  n.status = status;
  if (status === 'FAILED') s.failed++;
  if (status === 'RUNNING' || status === 'CANCELING') s.active++;
  if (status === 'SUCCESSFUL') {
    s.succeeded++;
    for (const d of n.downstreamIdx) {
      const down = s.nodes[d] as NodeState;
      down.upstreamsSucceeded++;
      if (!s.rollingBack && down.status === 'PENDING' && down.upstreamsSucceeded === down.upstreamIdx.length) {
        down.status = 'READY';
        down.readyAt = at;
        touch(s, down);
      }
    }
  }
  touch(s, n);
}
