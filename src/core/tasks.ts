/**
 * The tasks of every module's async operations, run by the one engine: submitted (a module checks
 * what its operation needs first), acted on (retry, rollback, skip, cancel, as OCP allows), read
 * through the one cache of views, and kept to `maxTasks` (the oldest finished go first). A slice of
 * the world: its commands (`submit`, `act`, `ids`) are what the state file keeps of tasks.
 *
 * Task state is never stored: every read asks the engine for the task at `now`.
 */
import { z } from 'zod';
import { AGENT_STATUSES, type AgentStatus } from '../contract/enums.js';
import { OcpError } from '../contract/errors.js';
import { EventQueue } from '../engine/eventQueue.js';
import {
  type Creator,
  checkAction,
  nodeCount,
  type OperationDecl,
  type TaskAction,
  type TaskRecord,
  type TaskSubject,
  type TaskView,
} from '../engine/index.js';
import { BehaviourResolver } from '../scenarios/resolve.js';
import { hashUnit } from '../util/random.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from './commands.js';
import { Retention } from './retention.js';
import { type ClusterFilter, TaskStore } from './taskStore.js';
import { TaskViews } from './taskViews.js';
import type { World } from './world.js';

const At = z.number().int();
const Id = z.number().int().positive();
const ACTION_TYPES = ['retry', 'rollback', 'retrySubtask', 'skipSubtask', 'cancelSubtask'] as const;

export const SubmitCommand = z.strictObject({
  c: z.literal('submit'),
  /** Default: the world's first operation (TasksOptions.unnamedOperation). */
  operation: z.string().min(1).optional(),
  at: At,
  creator: z.strictObject({ id: z.number().int(), name: z.string() }),
  /** Empty only on an OB cluster task without servers (its subject says what it is about). */
  hostIds: z.array(Id),
  scenario: z.string(),
  taskId: Id.optional(),
  firstSubtaskId: Id.optional(),
  /** What each host's agent read at submission, where that was not the host's own status. */
  agentBefore: z.array(z.enum(AGENT_STATUSES)).optional(),
  /** A compacted task no longer listed: its actions, then it is dropped again. */
  actions: z.array(z.object({ at: At, type: z.enum(ACTION_TYPES), subtaskId: z.number().int().optional() })).optional(),
  dropped: z.literal(true).optional(),
  /** An OB cluster or tenant task's cluster, zones, servers, context and tenant (TaskSubject). */
  subject: z
    .strictObject({
      cluster: z.strictObject({ id: Id, name: z.string(), obClusterId: z.number().int(), type: z.enum(['PRIMARY', 'STANDBY']) }),
      zones: z.array(z.string()),
      serverIds: z.array(z.number().int()),
      serverZones: z.array(z.number().int().nonnegative()),
      context: z.strictObject({ stringMap: z.record(z.string(), z.string()), listMap: z.record(z.string(), z.array(z.string())) }),
      tenant: z.strictObject({ id: Id, name: z.string(), obTenantId: z.number().int(), mode: z.enum(['MYSQL', 'ORACLE']) }).optional(),
      change: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
});
export type SubmitCommand = z.infer<typeof SubmitCommand>;

export const ActCommand = z.strictObject({
  c: z.literal('act'),
  at: At,
  taskId: z.number().int(),
  action: z.union([
    z.strictObject({ type: z.enum(['retry', 'rollback']) }),
    z.strictObject({ type: z.enum(['retrySubtask', 'skipSubtask', 'cancelSubtask']), subtaskId: z.number().int() }),
  ]),
});

/** The next ids to hand out (written by a compaction, whose dropped tasks took ids too). */
export const IdsCommand = z.strictObject({ c: z.literal('ids'), nextTaskId: Id, nextSubtaskId: Id });

/** Without an action's instant: the world stamps it with the clock. */
export type ActionRequest = { type: 'retry' | 'rollback' } | { type: 'retrySubtask' | 'skipSubtask' | 'cancelSubtask'; subtaskId: number };

export interface TasksOptions {
  /** Tasks kept; beyond it the oldest finished ones are dropped. */
  maxTasks: number;
  /** A submit command without `operation` runs this one (state files from before operations were named). */
  unnamedOperation: string;
  /** The first task and subtask ids for a seed (ids rise from a realistic base). */
  firstIds(seed: number): { taskId: number; subtaskId: number };
}

export class Tasks implements StateSlice {
  readonly views = new TaskViews();
  private readonly store = new TaskStore();
  private readonly retention: Retention;
  private readonly resolver = new BehaviourResolver();
  /**
   * When each dropped task that was still running finishes: until then a compaction must keep it
   * whole, after that it folds into what it left behind. Counts toward what is live.
   */
  private pendingDropped = new EventQueue();
  private nextTaskId = 0;
  private nextSubtaskId = 0;
  /** One object per user id (a user renamed in a users file gets a new one). */
  private readonly creators = new Map<number, Creator>();
  private readonly operationsById = new Map<string, OperationDecl>();
  private readonly submitted: ((record: TaskRecord) => void)[] = [];

  readonly commands = {
    submit: commandDef(SubmitCommand, (c) => this.applySubmit(c)),
    act: commandDef(ActCommand, (c) => this.applyAct(c.taskId, c.action, c.at)),
    ids: commandDef(IdsCommand, (c) => {
      this.nextTaskId = Math.max(this.nextTaskId, c.nextTaskId);
      this.nextSubtaskId = Math.max(this.nextSubtaskId, c.nextSubtaskId);
    }),
  };

  constructor(
    private readonly world: World,
    private readonly options: TasksOptions,
  ) {
    this.retention = new Retention((record) => this.store.task(record.id) === record, this.views);
    world.use(this);
  }

  get maxTasks(): number {
    return this.options.maxTasks;
  }

  /** Makes an operation runnable (and a state file's tasks of it replayable). */
  declare(op: OperationDecl): void {
    if (this.operationsById.has(op.id)) throw new Error(`two operations are called ${op.id}`);
    this.operationsById.set(op.id, op);
  }

  /** A new declaration of an operation already declared (`--watch`): tasks submitted from now on run it, each task keeps its own. */
  redeclare(op: OperationDecl): void {
    if (!this.operationsById.has(op.id)) throw new Error(`operation ${op.id} was never declared`);
    this.operationsById.set(op.id, op);
  }

  /** Every operation declared, in the order they were. */
  get operations(): readonly OperationDecl[] {
    return [...this.operationsById.values()];
  }

  /** The operation with this id (a programming error if unknown: routes and files are checked first). */
  operation(id: string): OperationDecl {
    const op = this.operationsById.get(id);
    if (!op) throw new Error(`unknown operation ${id}; known: ${[...this.operationsById.keys()].join(', ')}`);
    return op;
  }

  /** Calls `listener` with every task submitted, live or replayed (a module that follows its operation's tasks). */
  onSubmit(listener: (record: TaskRecord) => void): void {
    this.submitted.push(listener);
  }

  reset(): void {
    this.store.clear();
    this.views.clear();
    this.retention.clear();
    this.resolver.clear();
    this.creators.clear();
    this.pendingDropped = new EventQueue();
    const ids = this.options.firstIds(this.world.seed);
    this.nextTaskId = ids.taskId;
    this.nextSubtaskId = ids.subtaskId;
  }

  /**
   * Submits `op` on `hostIds` (already checked by the module that owns the operation) under
   * `scenarioName`; `agentBefore`: what each agent read, where that differs from its host's own.
   * Returns the new task as of now.
   */
  submit(
    op: OperationDecl,
    creator: Creator,
    hostIds: readonly number[],
    scenarioName: string,
    agentBefore?: readonly AgentStatus[],
    subject?: TaskSubject,
  ): TaskView {
    this.world.scenarios.get(scenarioName);
    const command: SubmitCommand = {
      c: 'submit',
      // The first operation needs no name: state files from before operations were declared replay as they did.
      ...(op.id === this.options.unnamedOperation ? {} : { operation: op.id }),
      at: this.world.now(),
      creator: { id: creator.id, name: creator.name },
      hostIds: [...hostIds],
      scenario: scenarioName,
      taskId: this.nextTaskId,
      firstSubtaskId: this.nextSubtaskId,
      ...(agentBefore ? { agentBefore: [...agentBefore] } : {}),
      ...(subject ? { subject: subject as SubmitCommand['subject'] } : {}),
    };
    return this.world.commit(command) as TaskView;
  }

  private applySubmit(command: SubmitCommand): TaskView {
    const op = this.operation(command.operation ?? this.options.unnamedOperation);
    const scenario = this.world.scenarios.get(command.scenario);
    const { at, hostIds } = command;
    const id = command.taskId ?? this.nextTaskId;
    const firstSubtaskId = command.firstSubtaskId ?? this.nextSubtaskId;
    this.nextTaskId = Math.max(this.nextTaskId, id + 1);
    const subject = command.subject as TaskSubject | undefined;
    this.nextSubtaskId = Math.max(this.nextSubtaskId, firstSubtaskId + nodeCount(op, hostIds.length, subject?.zones.length));
    const taskSeed = Math.floor(hashUnit(this.world.seed, id) * 0x7fffffff);
    const plan = this.views.layOut(op, hostIds, firstSubtaskId, taskSeed, subject);
    const record: TaskRecord = {
      id,
      operation: op,
      name: op.taskName,
      hostIds,
      creator: this.internCreator(command.creator),
      createdAt: at,
      executor: this.world.serverAddress,
      prohibitRollback: false,
      scenario: scenario.name,
      seed: taskSeed,
      firstSubtaskId,
      layoutSeed: taskSeed,
      behaviour: this.resolver.resolve(scenario, op, plan, hostIds.length),
      autoRollback: scenario.task.autoRollback,
      actions: [],
    };
    if (command.agentBefore) record.agentBefore = command.agentBefore;
    if (subject) record.subject = subject;
    this.store.addTask(record);
    this.retention.submitted(record, plan, this.store.taskCount() * 2 >= this.options.maxTasks);
    this.evictBeyondLimit(at);
    for (const listener of this.submitted) listener(record);
    for (const action of command.actions ?? []) record.actions.push(action as TaskAction);
    if (command.dropped) this.drop(record);
    // The plan built above serves this first view, which is not cached: a load test's stops are
    // mostly never read at this instant, and caching each would churn the old generation.
    return this.views.compute(record, at, plan);
  }

  /** One object per user, shared by their tasks. */
  private internCreator(creator: Creator): Creator {
    const found = this.creators.get(creator.id);
    if (found && found.name === creator.name) return found;
    const fresh = { id: creator.id, name: creator.name };
    this.creators.set(creator.id, fresh);
    return fresh;
  }

  /**
   * Keeps at most `maxTasks`: the oldest finished task goes first, the oldest of all if none has
   * finished (retention.ts). O(log n) a drop, whatever the store holds.
   */
  private evictBeyondLimit(at: number): void {
    while (this.store.taskCount() > this.options.maxTasks) {
      this.drop(this.retention.oldestFinished(at) ?? (this.store.oldestTask() as TaskRecord));
    }
  }

  private drop(record: TaskRecord): void {
    this.store.removeTask(record.id);
    this.views.forget(record);
    this.retention.noteStale();
    // Only a compaction needs to know when a dropped task finishes.
    if (!this.world.persistence.keeping && !this.world.restoring) return;
    const doneAt = this.views.compute(record, Number.POSITIVE_INFINITY).finishTime ?? Number.POSITIVE_INFINITY;
    if (doneAt > this.world.now()) this.pendingDropped.push(doneAt, 0);
  }

  /** Applies an action if OCP allows it in the task's current state (else throws OCP's error). */
  act(taskId: number, request: ActionRequest): TaskView {
    const at = this.world.now();
    const record = this.task(taskId);
    checkAction(this.views.at(record, at), { ...request, at } as TaskAction);
    return this.world.commit({ c: 'act', at, taskId, action: request } as Command) as TaskView;
  }

  private applyAct(taskId: number, request: ActionRequest, at: number): TaskView {
    const record = this.task(taskId);
    record.actions.push({ ...request, at } as TaskAction);
    this.retention.acted(record);
    return this.views.at(record, at);
  }

  /** The stored task with this id, or OCP's 404 (TSK10001). */
  task(id: number): TaskRecord {
    const record = this.store.task(id);
    if (!record) throw new OcpError('taskNotFound', [id]);
    return record;
  }

  /** The stored task with this id, if there is one. */
  find(id: number): TaskRecord | undefined {
    return this.store.task(id);
  }

  count(): number {
    return this.store.taskCount();
  }

  /** `count` tasks from `offset`, newest first (or oldest first). */
  page(offset: number, count: number, newestFirst = true): TaskRecord[] {
    return this.store.tasksPage(offset, count, newestFirst);
  }

  /** Every stored task, newest first. */
  newestFirst(): Iterable<TaskRecord> {
    return this.store.tasks();
  }

  /** How many stored tasks are about the clusters a filter selects (by id, by a lower-cased keyword of the name). */
  clusterCount(filter: ClusterFilter): number {
    return this.store.clusterTaskCount(filter);
  }

  /** `count` tasks about the clusters a filter selects, from `offset`, newest first (or oldest first). */
  clusterPage(filter: ClusterFilter, offset: number, count: number, newestFirst = true): TaskRecord[] {
    return this.store.clusterTasksPage(filter, offset, count, newestFirst);
  }

  /** Every stored task about the clusters a filter selects, newest first (from the store's cluster index). */
  clusterNewestFirst(filter: ClusterFilter): Iterable<TaskRecord> {
    return this.store.clusterTasks(filter);
  }

  /** The newest task on a host (stored or not): it decides the host's agent. */
  latestOn(hostId: number): TaskRecord | undefined {
    return this.store.latestTaskOn(hostId);
  }

  /** Tasks no longer stored that are still the newest on some host, oldest first. */
  droppedLatest(): TaskRecord[] {
    return this.store.droppedLatestTasks();
  }

  /** Whether an operation still runs on the host (its newest task is RUNNING). */
  runningOn(hostId: number, now: number): boolean {
    const latest = this.store.latestTaskOn(hostId);
    return latest !== undefined && this.views.at(latest, now).status === 'RUNNING';
  }

  liveBound(now: number): number {
    while ((this.pendingDropped.peekAt() ?? Number.POSITIVE_INFINITY) <= now) this.pendingDropped.pop();
    return this.store.taskCount() + this.pendingDropped.size;
  }

  /**
   * Dropped tasks that still run, in full, dropped again at once (so the store never holds more than
   * it does now); then the stored tasks, oldest first, with their actions; then the next ids.
   */
  live(now: number): RankedCommands[] {
    const dropped: Command[] = [];
    for (const record of this.store.droppedLatestTasks()) {
      if (!this.views.at(record, now).settled) dropped.push({ ...this.submitCommandOf(record), actions: record.actions.map((a) => ({ ...a })), dropped: true });
    }
    const stored: Command[] = [];
    for (const record of this.store.tasksPage(0, this.store.taskCount(), false)) {
      stored.push(this.submitCommandOf(record));
      for (const { at, ...action } of record.actions) stored.push({ c: 'act', at, taskId: record.id, action } as Command);
    }
    return [
      { rank: 40, commands: dropped },
      { rank: 60, commands: stored },
      { rank: 90, commands: [{ c: 'ids', nextTaskId: this.nextTaskId, nextSubtaskId: this.nextSubtaskId } as Command] },
    ];
  }

  /** The command that rebuilds `record`'s submission, ids included. */
  private submitCommandOf(record: TaskRecord): SubmitCommand {
    return {
      c: 'submit',
      ...(record.operation.id === this.options.unnamedOperation ? {} : { operation: record.operation.id }),
      at: record.createdAt,
      creator: { id: record.creator.id, name: record.creator.name },
      hostIds: [...record.hostIds],
      scenario: record.scenario,
      taskId: record.id,
      firstSubtaskId: record.firstSubtaskId,
      ...(record.agentBefore ? { agentBefore: [...record.agentBefore] } : {}),
      ...(record.subject ? { subject: record.subject as SubmitCommand['subject'] } : {}),
    };
  }
}
