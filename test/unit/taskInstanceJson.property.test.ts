/**
 * The batch stop's answer is written as text directly (taskInstanceJson) for speed; the object
 * renderer (renderTaskInstance) is its readable definition. Task-list rows come from a cache
 * (TaskAnswers, kept per view) that must never serve a row the task has moved on from. Over random tasks in every state
 * (running, failed, timed out, retried, rolled back, skipped, cancelled; 1-4 hosts; creators and
 * executors with characters JSON must escape), the two give the same text, key order included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TaskViews } from '../../src/core/taskViews.js';
import { checkAction } from '../../src/engine/actions.js';
import { taskAt } from '../../src/engine/simulate.js';
import { SHIPPED_OPERATIONS as OPERATIONS } from '../../src/modules/index.js';
import { renderBasicTask, renderTaskInstance, TaskAnswers, taskInstanceJson } from '../../src/modules/task/index.js';
import { actionFor, buildRecord, T0, taskCase } from './taskArbitraries.js';

const awkward = fc.oneof(fc.constantFrom('admin', 'ops "lead"', 'back\\slash', '运维', 'tab\tand\nnewline', '\u2028'), fc.string());

describe('taskInstanceJson', () => {
  it('is JSON.stringify(renderTaskInstance(...)) for tasks of every operation in every state', () => {
    fc.assert(
      fc.property(
        taskCase,
        awkward,
        awkward,
        fc.constantFrom(480, 0, -330, 345),
        fc.constantFrom(...Object.values(OPERATIONS)),
        ({ hostIds, rules, autoRollback, seed, steps }, creatorName, executor, offset, operation) => {
          const record = buildRecord(hostIds, rules, autoRollback, seed, { creator: { id: 7, name: creatorName }, executor }, operation);
          let now = T0;
          for (const s of steps) {
            now += s.advanceMs;
            const view = taskAt(record, now);
            expect(taskInstanceJson(view, offset)).toBe(JSON.stringify(renderTaskInstance(view, offset)));
            const action = actionFor(s.kind, s.pick, view, now);
            if (!action) continue;
            try {
              checkAction(view, action);
              record.actions.push(action);
            } catch {
              // Refused: the task goes on as it was.
            }
          }
        },
      ),
      { seed: 20261128, numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('list rows from the row cache are what a fresh rendering gives, as time passes and actions land', () => {
    fc.assert(
      fc.property(taskCase, ({ hostIds, rules, autoRollback, seed, steps }) => {
        const record = buildRecord(hostIds, rules, autoRollback, seed);
        // Rows from the simulator's own cache of views (which serves a settled task's later instants).
        const views = new TaskViews();
        const rows = new TaskAnswers(views, 480);
        let now = T0;
        for (const s of steps) {
          now += s.advanceMs;
          const fresh = () => JSON.stringify(renderBasicTask(taskAt(record, now), 480));
          // Twice: the second read is the cached one.
          expect(rows.row(record, now)).toBe(fresh());
          expect(rows.row(record, now)).toBe(fresh());
          const action = actionFor(s.kind, s.pick, taskAt(record, now), now);
          if (!action) continue;
          try {
            checkAction(taskAt(record, now), action);
            record.actions.push(action);
            expect(rows.row(record, now)).toBe(fresh());
          } catch {
            // Refused: the task goes on as it was.
          }
        }
      }),
      { seed: 20261128, numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});
