/**
 * Rolling a task back (OCP's rollback, by hand or by a scenario's `autoRollback`): every
 * subtask that ran is undone, in reverse DAG order (a node once all its downstreams are undone),
 * each run RUNNING/ROLLBACK then PENDING/ROLLBACK; the task ends SUCCESSFUL with operation ROLLBACK.
 */
import { type NodeState, type SimState, setStatus, touch, touchAll } from './replayState.js';
import type { RunRecord } from './view.js';

export function startRollback(s: SimState, at: number): void {
  s.rollingBack = true;
  s.operation = 'ROLLBACK';
  s.derivedStatus = 'RUNNING';
  s.finishTime = undefined;
  s.rollbacksLeft = 0;
  for (const n of s.nodes) {
    if (n.status === 'READY') n.status = 'PENDING';
    n.needsRollback = n.status !== 'PENDING';
    if (n.needsRollback) s.rollbacksLeft++;
  }
  for (const n of s.nodes) {
    let left = 0;
    for (const d of n.downstreamIdx) if ((s.nodes[d] as NodeState).needsRollback) left++;
    n.downstreamRollbacksLeft = left;
    if (n.needsRollback && left === 0) n.rollbackReadyAt = at;
  }
  touchAll(s);
  settleRollback(s, at);
}

/** Ends the rollback once nothing is left to undo and nothing runs. */
export function settleRollback(s: SimState, at: number): void {
  if (s.rollbacksLeft > 0 || s.active > 0) return;
  s.rollingBack = false;
  s.rolledBack = true;
  s.derivedStatus = 'SUCCESSFUL';
  s.finishTime = at;
  touchAll(s);
}

/** An undo run of `n` ended: the node is PENDING again, and its upstreams may now be undone. */
export function endRollbackRun(s: SimState, n: NodeState, run: RunRecord, at: number): void {
  run.result = 'rollback';
  n.needsRollback = false;
  s.rollbacksLeft--;
  n.rollbackReadyAt = undefined;
  setStatus(s, n, 'PENDING', at);
  for (const u of n.upstreamIdx) {
    const up = s.nodes[u] as NodeState;
    if (up.needsRollback && --up.downstreamRollbacksLeft === 0) {
      up.rollbackReadyAt = at;
      touch(s, up);
    }
  }
}
