/**
 * What a task looks like at one instant: the engine's answer (see simulate.ts) and everything
 * that reads it (renderers, agent status, actions) works on these shapes.
 */
import type { Operation, SubtaskStatus, TaskStatus } from '../contract/enums.js';
import type { NodeTemplate } from './operation.js';
import type { PlanNode } from './plan.js';
import type { TaskRecord } from './task.js';

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

/** The subtask with this id, if the task has one (a scan: lookups are rare). */
export function subtaskById(view: TaskView, id: number): SubtaskView | undefined {
  return view.subtasks.find((t) => t.node.id === id);
}

/** A subtask's `timeout` in seconds: the scenario's override, else OCP's. */
export function timeoutOf(record: TaskRecord, sub: Pick<SubtaskView, 'node' | 'index'>): number {
  return record.behaviour[sub.index]?.timeoutSeconds ?? templateOf(record, sub.node).timeout;
}

/** The template (name, class, description, timeout) of a node of `record`'s operation. */
export function templateOf(record: TaskRecord, node: Pick<PlanNode, 'kind'>): NodeTemplate {
  const t = record.operation.templates[node.kind];
  if (!t) throw new Error(`operation ${record.operation.id} has no node ${node.kind}`);
  return t;
}
