/**
 * Random tasks for the property tests: scenario rules, host sets, clock steps and actions, built
 * straight on the pure engine (no server), shared by the engine and rendering properties.
 */
import fc from 'fast-check';
import type { OperationDecl } from '../../src/engine/operation.js';
import { planOperation } from '../../src/engine/plan.js';
import type { Creator, TaskAction, TaskRecord } from '../../src/engine/task.js';
import type { TaskView } from '../../src/engine/view.js';
import { SHIPPED_OPERATIONS as OPERATIONS, SHIPPED_VOCABULARY } from '../../src/modules/index.js';
import { resolveBehaviour } from '../../src/scenarios/resolve.js';
import { scenarioSchema } from '../../src/scenarios/schema.js';

const NODE_NAMES = ['Prepare stop OCP agent', 'Wait node', 'Stop all OCP agent processes', 'Finish OCP agent operation'];
const outcome = fc.constantFrom('success', 'success', 'fail', 'timeout');
export const rule = fc.record({
  node: fc.constantFrom(...NODE_NAMES),
  seconds: fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 })).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]),
  timeout: fc.option(fc.integer({ min: 1, max: 120 }), { nil: undefined }),
  runs: fc.array(fc.record({ outcome }), { minLength: 1, maxLength: 3 }),
  batchIndex: fc.option(fc.constantFrom('first', 'last', 0, 1), { nil: undefined }),
});
const actionKind = fc.constantFrom('retry', 'rollback', 'retrySubtask', 'skipSubtask', 'cancelSubtask', 'none', 'none');
export const step = fc.record({ advanceMs: fc.integer({ min: 0, max: 200_000 }), kind: actionKind, pick: fc.nat() });

/** A random task (its hosts, scenario rules, whether a failure rolls back, its seed) and what then happens to it. */
export const taskCase = fc.record({
  hostIds: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
  rules: fc.array(rule, { maxLength: 4 }),
  autoRollback: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  steps: fc.array(step, { minLength: 1, maxLength: 25 }),
});

export const T0 = Date.parse('2021-09-03T15:01:10.636+08:00');

export function buildRecord(
  hostIds: number[],
  rules: unknown[],
  autoRollback: boolean,
  seed: number,
  people: { creator: Creator; executor: string } = { creator: { id: 100, name: 'admin' }, executor: '10.0.0.1' },
  operation: OperationDecl = OPERATIONS.batchStopAgents,
): TaskRecord {
  // A single-host operation runs on the first host only.
  if (operation.singleHost) hostIds = hostIds.slice(0, 1);
  const scenario = scenarioSchema(SHIPPED_VOCABULARY).parse({ name: 'prop', description: 'generated', task: { autoRollback, nodes: rules } });
  const plan = planOperation(operation, hostIds, 50_000, seed);
  return {
    id: 40_000,
    operation,
    name: operation.taskName,
    hostIds,
    creator: people.creator,
    createdAt: T0,
    executor: people.executor,
    prohibitRollback: false,
    scenario: 'prop',
    seed,
    firstSubtaskId: 50_000,
    layoutSeed: seed,
    behaviour: resolveBehaviour(scenario, operation, plan, hostIds.length),
    autoRollback,
    actions: [],
  };
}

export function actionFor(kind: string, pick: number, v: TaskView, at: number): TaskAction | undefined {
  const sub = v.subtasks[pick % v.subtasks.length];
  switch (kind) {
    case 'retry':
    case 'rollback':
      return { type: kind, at };
    case 'retrySubtask':
    case 'skipSubtask':
    case 'cancelSubtask':
      return { type: kind, at, subtaskId: sub?.node.id ?? 0 };
    default:
      return undefined;
  }
}
