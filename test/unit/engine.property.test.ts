/**
 * Issue 3, point 7: random host sets, outcomes, actions and clock steps; OCP's invariants are
 * checked on every read of the pure engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OcpError } from '../../src/contract/errors.js';
import { checkAction } from '../../src/engine/actions.js';
import { planOperation } from '../../src/engine/plan.js';
import { taskAt } from '../../src/engine/simulate.js';
import { subtaskById, type TaskView } from '../../src/engine/view.js';
import { actionFor, buildRecord, T0, taskCase } from './taskArbitraries.js';

function checkInvariants(v: TaskView): void {
  const byId = new Map(v.subtasks.map((s) => [s.node.id, s]));
  for (const s of v.subtasks) {
    if (s.status !== 'PENDING') {
      for (const u of s.node.upstreams) expect(byId.get(u)?.status, `upstream of ${s.node.id} (${s.status})`).toBe('SUCCESSFUL');
    }
    if (s.startTime !== undefined && s.finishTime !== undefined) expect(s.finishTime).toBeGreaterThanOrEqual(s.startTime);
    if (s.status === 'SUCCESSFUL' || s.status === 'FAILED') expect(s.finishTime).toBeDefined();
    if (s.status === 'RUNNING') expect(s.executor).toBeDefined();
    expect(s.runTime).toBeGreaterThanOrEqual(1);
    for (const run of s.runs) if (run.end !== undefined) expect(run.end).toBeGreaterThanOrEqual(run.start);
  }
  const statuses = v.subtasks.map((s) => s.status);
  if (v.operation !== 'ROLLBACK') {
    const expected = statuses.includes('FAILED') ? 'FAILED' : statuses.every((s) => s === 'SUCCESSFUL') ? 'SUCCESSFUL' : 'RUNNING';
    expect(v.status).toBe(expected);
  } else if (v.status === 'SUCCESSFUL') {
    expect(statuses.every((s) => s === 'PENDING')).toBe(true);
  }
  if (v.status === 'RUNNING') expect(v.finishTime).toBeUndefined();
  else expect(v.finishTime).toBeGreaterThanOrEqual(v.startTime);
}

describe('engine invariants under random scenarios, actions and clock steps', () => {
  it('hold on every read', () => {
    fc.assert(
      fc.property(taskCase, ({ hostIds, rules, autoRollback, seed, steps }) => {
        const record = buildRecord(hostIds, rules, autoRollback, seed);
        const ids = planOperation(record.operation, record.hostIds, record.firstSubtaskId, record.layoutSeed)
          .nodes.map((n) => n.id)
          .join();
        let now = T0;
        let previous = taskAt(record, now);
        checkInvariants(previous);
        for (const s of steps) {
          now += s.advanceMs;
          const view = taskAt(record, now);
          checkInvariants(view);
          expect(view.subtasks.map((t) => t.node.id).join()).toBe(ids);
          // Time alone never unfinishes a finished subtask; only a rollback (asked for, or the
          // scenario's automatic one) undoes work.
          if (previous.operation !== 'ROLLBACK' && view.operation !== 'ROLLBACK') {
            for (const before of previous.subtasks) {
              const after = subtaskById(view, before.node.id)!;
              if (before.status === 'SUCCESSFUL' || before.status === 'FAILED') {
                expect(after.status).toBe(before.status);
                expect(after.finishTime).toBe(before.finishTime);
              }
            }
          }
          // The past is stable: reading an earlier instant again gives the same answer.
          expect(JSON.stringify(taskAt(record, previous.at).subtasks.map((t) => [t.status, t.finishTime]))).toBe(
            JSON.stringify(previous.subtasks.map((t) => [t.status, t.finishTime])),
          );
          const action = actionFor(s.kind, s.pick, view, now);
          if (action) {
            try {
              checkAction(view, action);
              record.actions.push(action);
              checkInvariants(taskAt(record, now));
            } catch (e) {
              expect(e).toBeInstanceOf(OcpError);
              // A refused action changes nothing.
              expect(JSON.stringify(taskAt(record, now).subtasks.map((t) => [t.status, t.runTime]))).toBe(
                JSON.stringify(view.subtasks.map((t) => [t.status, t.runTime])),
              );
            }
          }
          previous = taskAt(record, now);
        }
      }),
      { seed: 20261128, numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
