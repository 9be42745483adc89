/**
 * What a task is, as stored: everything needed to recompute its state at any instant.
 * A task's state is never stored; it is a pure function of this record and `now`
 * (see simulate.ts), so a record is small and a restart loses nothing.
 */
import type { AgentStatus } from '../contract/enums.js';
import type { OperationDecl, TaskContext } from './operation.js';

export type RunOutcome = 'success' | 'fail' | 'timeout';

/** What one run (one `runTime`) of a node does. */
export interface RunSpec {
  outcome: RunOutcome;
  /** Milliseconds [min, max]; the run's duration is drawn from this range, per task, from the seed. */
  durationMs: readonly [number, number];
  /** The failure message written to the log for `fail`. */
  message?: string;
}

/** Run k of a node (k from 1) follows runs[k-1]; runs past the end repeat the last entry. */
export interface NodeBehaviour {
  runs: readonly RunSpec[];
  /** Overrides the node template's `timeout` (seconds). */
  timeoutSeconds?: number;
}

export type TaskAction =
  | { type: 'retry'; at: number }
  | { type: 'rollback'; at: number }
  | { type: 'retrySubtask'; at: number; subtaskId: number }
  | { type: 'skipSubtask'; at: number; subtaskId: number }
  | { type: 'cancelSubtask'; at: number; subtaskId: number };

/**
 * What a task about an OB cluster works on: the cluster as the task pages print it, its zones in
 * the task, and per host of the task (`hostIds`) the OB server on it and the index of its zone.
 * Fixed at submission (a renamed cluster keeps its old tasks' names, as a log would).
 */
export interface TaskSubject {
  cluster: { id: number; name: string; obClusterId: number; type: 'PRIMARY' | 'STANDBY' };
  zones: readonly string[];
  serverIds: readonly number[];
  serverZones: readonly number[];
  context: TaskContext;
  /** An OB tenant task's tenant, as the task list and detail print it (ocp-docs/task/100, 200). */
  tenant?: { id: number; name: string; obTenantId: number; mode: 'MYSQL' | 'ORACLE' };
  /**
   * What the task makes or unmakes, as its module describes it (an OB cluster module's
   * ClusterChange: the cluster to create, the servers to delete, ...). The engine carries it, into
   * the state file and back, without reading it.
   */
  change?: Readonly<Record<string, unknown>>;
}

export interface Creator {
  id: number;
  name: string;
}

export interface TaskRecord {
  id: number;
  /** The operation (declared in its module, or in a user's file) the task runs: its name, nodes, stages and effect on agents. */
  operation: OperationDecl;
  name: string;
  hostIds: readonly number[];
  creator: Creator;
  /** Epoch ms of submission: `startTime`. */
  createdAt: number;
  /** The OCP server that runs the task (`executor`). */
  executor: string;
  prohibitRollback: boolean;
  /** The scenario the task was born with; it keeps it for life. */
  scenario: string;
  /** Seed for the draws of durations and delays of this task. */
  seed: number;
  /** The plan is not stored but rebuilt from these when needed (planOf): it is a pure function of them. */
  firstSubtaskId: number;
  layoutSeed: number;
  /** Indexed like the plan's nodes. */
  behaviour: readonly NodeBehaviour[];
  /** Whether a failure rolls the task back by itself. */
  autoRollback: boolean;
  /** Accepted actions, in the order (and at the instants) they were accepted. */
  actions: TaskAction[];
  /** What each host's agent read at submission (indexed like hostIds); absent: each host's own status. */
  agentBefore?: readonly AgentStatus[];
  /** An OB cluster task's cluster, zones and servers (absent on host and agent tasks). */
  subject?: TaskSubject;
}
