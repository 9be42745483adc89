/**
 * What an async operation is, as data: a task name, the node template of each kind it uses, the
 * node of each stage (per host in a batch, with a barrier node between stages; a chain on a
 * single-host task), the documented layout of a one-host task, which agent statuses it may start
 * from, and what the agent (and the host) read while it runs and after. Everything a node kind
 * means is in its template: its texts, what it logs, what it does to the agent's processes.
 *
 * The engine runs any declaration (plan.ts lays it out, simulate.ts runs it); the declarations
 * themselves live in the module that owns the call (src/modules/agent/operations.ts,
 * src/modules/compute/operations.ts), or in a user's file (src/modules/agent/userOperations.ts).
 */
import type { AgentStatus, HostStatus } from '../contract/enums.js';
import type { PlanNode } from './plan.js';
import type { TaskRecord } from './task.js';
import type { RunRecord } from './view.js';

/** One line of a subtask log, with its instant. */
export interface LogLine {
  at: number;
  logger: string;
  text: string;
  level?: 'INFO' | 'WARN' | 'ERROR';
}

/** What a node template's log lines are written from: one run of one node. */
export interface NodeRun {
  record: TaskRecord;
  node: PlanNode;
  run: RunRecord;
  /** `hostId:innerIp` of the node's host ('' for a barrier node). */
  host: string;
  /** The node's own logger (Spring's abbreviation of its class name). */
  logger: string;
  /** The instant at this fraction of the run. */
  at(fraction: number): number;
  /** When the run ends (or is planned to). */
  end: number;
  /** The processes of the host's agent a whole-agent stop (`starting` false) or start (true) acts on, as the agent lists them. */
  processes(starting: boolean): readonly string[];
}

export interface NodeTemplate {
  name: string;
  className: string;
  description: string;
  /** Seconds, as OCP prints `timeout`. */
  timeout: number;
  /**
   * How long a run takes where a scenario says nothing, in seconds [min, max] (*inferred* from the
   * timestamps in OCP's samples).
   */
  defaultSeconds: readonly [number, number];
  /** The lines a run writes between its `begin` and `end` lines (the words are *inferred*). */
  log?: (run: NodeRun) => LogLine[];
  /** The lines a rollback run writes between its `rollback begin` and `rollback end` lines. */
  rollbackLog?: (run: NodeRun) => LogLine[];
  /** What the node does to the host agent's processes once it has succeeded there (and not been undone). */
  processes?: 'stop' | 'start';
}

/** A one-host task's slot (stage nodes and, in a batch, barriers, in DAG order): id offset in the block, seriesId, position in `subtasks`. */
export interface SlotLayout {
  idOffset: number;
  seriesId: number;
  position: number;
  /** Where the sample prints a node's parallelIdx unlike the rule (plan.ts) would: its value (ocp-docs/cluster/1200, 2900). */
  parallelIdx?: number;
}

/**
 * An operation over node kinds `K` (the keys of its `templates`): the compiler checks that its
 * stages, barrier and effects name nodes it has. `defineOperation` keeps that check where it is declared.
 */
export interface OperationDecl<K extends string = string> {
  id: string;
  taskName: string;
  /** The node of each kind this operation uses. */
  templates: Readonly<Record<K, NodeTemplate>>;
  /** One host, its nodes in a chain, parallelIdx -1, `hostId` and `stringMap.host_id` on the task; else a batch. */
  singleHost: boolean;
  /** The node of each stage, in DAG order. */
  stages: readonly K[];
  /** A batch's node between two stages, which waits for every host's node of the stage before (OCP's Wait node). */
  barrier?: K;
  /**
   * A task about an OB cluster (its `subject`): the stages that have a node per zone or per OB
   * server of the subject; every other stage has one node. Its barriers are stages of their own,
   * placed where the page's sample places its Wait nodes (no `barrier`). Between two stages a
   * per-server node follows its own server's (or its zone's) node, a per-zone node its zone's
   * servers' nodes; a single node joins or fans out to every node of the stage beside it.
   */
  each?: Readonly<Partial<Record<K, StageScope>>>;
  oneHostLayout: readonly SlotLayout[];
  /**
   * Agent statuses the operation may start from (else CMP07019). The three agent fields are absent
   * on an operation that does not work on agents (an OB cluster's): its tasks leave agents alone.
   */
  startsFrom?: readonly AgentStatus[];
  /** What the agent reads while the task works on its host. */
  during?: AgentStatus;
  /**
   * What the agent reads once a node on its host has succeeded (and not been undone), in DAG order;
   * the last entry is the operation's end for that host. Until then (or after a failure that left
   * none succeeded) the agent reads `during` while the task runs, else what it read before.
   */
  effects?: readonly { after: K; status: AgentStatus }[];
  /**
   * The submitting call's TaskInstance: 'agent' as the agent module's samples print it (`context`,
   * `taskDefinitionId`, subtasks with `className`); 'bare' as the host module's "Prepare host"
   * sample (ocp-docs/host/1500) prints it, without those three. An OB cluster's pages print one of
   * two (ocp-docs/cluster): 'clusterSubtasks' (1100-1300, 1500, 1800, 2800, 2900) the agent shape with
   * `clusterId` and the subject's context; 'clusterTasks' (the others) `tasks` of seven keys, a
   * `cluster` and a `creator` object and the context as Java's `Context(...)` string; 'clusterRole'
   * (2800, 2900: switchover, failover) the 'clusterSubtasks' shape without `context` and the
   * subtasks' `className`, with the task's `prohibitRollback`. An OB tenant's pages
   * (ocp-docs/tenant) print three more: 'tenantCreate' (400) the 'clusterRole' shape with
   * `tenantId`; 'tenantSubtasks' (1100, 1200) the 'clusterSubtasks' shape with `tenantId`, its
   * subtasks without `prohibitRollback`; 'tenantTasks' (1300) the 'clusterTasks' shape with a
   * `tenant` object `{id, name}`.
   */
  answer: 'agent' | 'bare' | 'clusterSubtasks' | 'clusterTasks' | 'clusterRole' | 'tenantCreate' | 'tenantSubtasks' | 'tenantTasks';
  /** An OB cluster operation's `context` (its stringMap and listMap, in the page's key order), made at submission from what it is about. */
  context?: (subject: SubjectFacts) => TaskContext;
  /**
   * The host's own status once the node `after` has succeeded on it (adding a host: NEW until its
   * "Prepare host" task has updated it to ONLINE). Absent: the operation leaves the host's status alone.
   */
  hostStatusAfter?: { after: K; status: HostStatus };
}

/** A stage with a node per zone or per OB server of the task's subject. */
export type StageScope = 'zone' | 'server';

/** A task's context as OCP prints it: keys in the page's order (Java's HashMap order, which no rule gives). */
export interface TaskContext {
  stringMap: Readonly<Record<string, string>>;
  listMap: Readonly<Record<string, readonly string[]>>;
}

/** What an OB cluster operation's context is made from: the task's subject and its operation's own facts (a zone's name, a target version). */
export interface SubjectFacts {
  cluster: { id: number; name: string; obClusterId: number; type: string; status: string; obVersion: string };
  zones: readonly string[];
  serverIds: readonly number[];
  /** Per server (as serverIds), the index of its zone in `zones`. */
  serverZones: readonly number[];
  hostIds: readonly number[];
  prohibitRollback: boolean;
  /** What the call asked beyond the cluster (the operation's own keys: `zone_name`, `rpm_name`, ...). */
  extra: Readonly<Record<string, string>>;
  /** The operation's own lists (`root_server_ips`, a zone's `host_ids`, ...). */
  lists: Readonly<Record<string, readonly string[]>>;
}

/** An operation, checked against its own node kinds, as every module and user file declares one. */
export function defineOperation<K extends string>(op: OperationDecl<K>): OperationDecl {
  if (!op.singleHost && !op.each && op.stages.length > 1 && op.barrier === undefined) throw new Error(`operation ${op.id}: a batch needs a barrier node`);
  return op as unknown as OperationDecl;
}

/** The node names an operation has (a scenario may name these). */
export function nodeNamesOf(op: OperationDecl): string[] {
  return Object.values(op.templates).map((t) => t.name);
}
