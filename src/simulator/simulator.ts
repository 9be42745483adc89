/**
 * The simulator's core, with no transport: hosts, tasks, scenarios and the clock, and the
 * operations OCP's API offers on them. The HTTP layer (src/http) is one adapter around it; the
 * programmatic API and tests use it directly. Task state is never stored: every read asks the
 * engine for the task at the clock's `now`.
 *
 * Every operation that changes what a client can observe is a Command (commands.ts), applied
 * here and handed to the CommandLog (a state file, or nothing), so a restart can replay them.
 */
import type { Clock, ClockAnchor } from '../clock/clock.js';
import type { AgentStatus } from '../contract/enums.js';
import { OcpError } from '../contract/errors.js';
import { checkAction } from '../engine/actions.js';
import { agentStatusAfter, canStopAgent } from '../engine/hostAgent.js';
import { BATCH_STOP_TASK_NAME, batchStopNodeCount, planBatchStop } from '../engine/plan.js';
import { type TaskView, taskAt } from '../engine/simulate.js';
import type { Creator, TaskAction, TaskRecord } from '../engine/task.js';
import { generateHosts, generateRunningHost, generateServerAddress, type HostRecord } from '../fakes/hosts.js';
import { hashUnit, SALT, Stream } from '../fakes/random.js';
import type { ScenarioRegistry } from '../scenarios/registry.js';
import { resolveBehaviour } from '../scenarios/resolve.js';
import type { Scenario } from '../scenarios/schema.js';
import { MemoryStore, type Store } from '../store/store.js';
import { type Command, type CommandLog, NO_LOG } from './commands.js';

/** The batchStopAgents example of OCP's documentation, which the default seed reproduces. */
export const DOCUMENTED_EXAMPLE = { seed: 1, taskId: 31173, firstSubtaskId: 32854, server: '192.168.0.1' } as const;

export interface SimulatorOptions {
  seed: number;
  hostCount: number;
  /** The server's UTC offset in minutes (`--tz`). */
  offsetMinutes: number;
  clock: Clock;
  scenarios: ScenarioRegistry;
  defaultScenario: string;
  /** Printed as `executor` and `server`; default: an inner IP drawn from the seed. */
  serverAddress?: string;
  /** Tasks kept; beyond it the oldest finished ones are dropped (default 100000). */
  maxTasks?: number;
}

export interface TaskSummary {
  status: TaskView['status'];
  finishTime: number | undefined;
  /** How many actions the record had when this was computed. */
  actions: number;
  /** The instant it was computed at (a settled summary holds from then on). */
  since: number;
}

/** Without an action's instant: the simulator stamps it with the clock. */
export type ActionRequest = { type: 'retry' | 'rollback' } | { type: 'retrySubtask' | 'skipSubtask' | 'cancelSubtask'; subtaskId: number };

export class Simulator {
  readonly clock: Clock;
  readonly scenarios: ScenarioRegistry;
  readonly store: Store;
  readonly seed: number;
  readonly offsetMinutes: number;
  readonly serverAddress: string;
  readonly maxTasks: number;
  private readonly options: SimulatorOptions;
  private defaultScenarioName: string;
  private traceIds!: Stream;
  private requestDraws!: Stream;
  private nextTaskId = 0;
  private nextSubtaskId = 0;
  private log: CommandLog = NO_LOG;
  private readonly settledSummaries = new WeakMap<TaskRecord, TaskSummary>();
  /** One object per user id (a user renamed in a users file gets a new one). */
  private readonly creators = new Map<number, Creator>();

  constructor(options: SimulatorOptions) {
    this.options = options;
    this.clock = options.clock;
    this.scenarios = options.scenarios;
    this.seed = options.seed;
    this.offsetMinutes = options.offsetMinutes;
    this.maxTasks = options.maxTasks ?? 100_000;
    this.serverAddress = options.serverAddress ?? (options.seed === DOCUMENTED_EXAMPLE.seed ? DOCUMENTED_EXAMPLE.server : generateServerAddress(options.seed));
    this.scenarios.get(options.defaultScenario, 'scenario');
    this.defaultScenarioName = options.defaultScenario;
    this.store = new MemoryStore([]);
    this.startFresh();
  }

  /** From now on, accepted commands also go to `log` (a state file). */
  attachLog(log: CommandLog): void {
    this.log = log;
  }

  /**
   * Rebuilds the state a state file describes: the clock anchor and default scenario it starts
   * from, then its commands in order (not logged again).
   */
  restore(start: { clock: ClockAnchor; defaultScenario: string }, commands: readonly Command[]): void {
    this.clock.restore(start.clock);
    this.startFresh(false);
    if (this.scenarios.has(start.defaultScenario)) this.defaultScenarioName = start.defaultScenario;
    for (const command of commands) this.apply(command);
  }

  private apply(command: Command): void {
    switch (command.c) {
      case 'submit':
        this.doSubmit(command.creator, command.hostIds, command.scenario, command.at);
        return;
      case 'act':
        this.doAct(command.taskId, command.action, command.at);
        return;
      case 'advance':
        this.clock.advance(command.ms);
        return;
      case 'scenario':
        this.setDefaultScenarioNow(command.name);
        return;
      case 'reset':
        this.clock.restore(command.clock);
        this.startFresh(false);
        return;
      case 'ensureHost':
        this.doEnsureHost(command.id, command.at);
        return;
    }
  }

  /** Back to the seed's start state: clock, hosts, tasks, ids, trace ids and the default scenario. */
  reset(): void {
    this.startFresh();
    this.log.restart({ c: 'reset', clock: this.clock.anchor() });
  }

  private startFresh(resetClock = true): void {
    if (resetClock) this.clock.reset();
    // Hosts are dated from the clock's start, so a restart rebuilds them byte for byte.
    this.store.clear(generateHosts(this.seed, this.options.hostCount, this.clock.anchor().simStart));
    this.traceIds = new Stream(this.seed, SALT.traceIds);
    this.requestDraws = new Stream(this.seed, SALT.requestDraws);
    // Ids increase from a realistic base. The default seed starts where OCP's documented example
    // does (task 31173, subtasks 32854-32858), so a request copied from the docs gets the docs' ids.
    const ids = new Stream(this.seed, SALT.idBases);
    const documented = this.seed === DOCUMENTED_EXAMPLE.seed;
    this.nextTaskId = documented ? DOCUMENTED_EXAMPLE.taskId : 31000 + ids.int(0, 999);
    this.nextSubtaskId = documented ? DOCUMENTED_EXAMPLE.firstSubtaskId : this.nextTaskId + 1500 + ids.int(0, 499);
    this.defaultScenarioName = this.options.defaultScenario;
  }

  now(): number {
    return this.clock.now();
  }

  /** Moves simulated time on (kept in the state file). */
  advanceClock(ms: number): void {
    this.clock.advance(ms);
    this.log.append({ c: 'advance', ms });
  }

  nextTraceId(): string {
    return this.traceIds.hex(16);
  }

  /** A uniform draw for request-level behaviour (latency, faults), repeatable for a seed. */
  nextRequestDraw(): number {
    return this.requestDraws.next();
  }

  get defaultScenario(): string {
    return this.defaultScenarioName;
  }

  setDefaultScenario(name: string): void {
    this.setDefaultScenarioNow(name);
    this.log.append({ c: 'scenario', name });
  }

  private setDefaultScenarioNow(name: string): void {
    this.scenarios.get(name, 'name');
    this.defaultScenarioName = name;
  }

  scenario(name: string): Scenario {
    return this.scenarios.get(name);
  }

  host(id: number): HostRecord {
    const host = this.store.host(id);
    if (!host) throw new OcpError('hostNotFound', [id, null]);
    return host;
  }

  /** Makes sure a host with this id exists (a new one has a running agent). */
  ensureHost(id: number): HostRecord {
    const existing = this.store.host(id);
    if (existing) return existing;
    const at = this.now();
    this.log.append({ c: 'ensureHost', id, at });
    return this.doEnsureHost(id, at);
  }

  private doEnsureHost(id: number, at: number): HostRecord {
    const host = generateRunningHost(this.seed, id, this.store.hosts().length, at);
    this.store.addHost(host);
    return host;
  }

  /** The agent's status now: its own, or what the newest task on the host has made of it. */
  agentStatus(host: HostRecord, now = this.now()): AgentStatus {
    const task = this.store.latestTaskOn(host.id);
    if (!task) return host.baseAgentStatus;
    return agentStatusAfter(taskAt(task, now), host.id, host.baseAgentStatus);
  }

  /**
   * Submits "Batch stop OCP agent" on `hostIds` (already validated as distinct positive ids).
   * Unknown host: 404 CMP07005; an agent that is not running: 400 CMP07019. Check and claim
   * happen in one synchronous step, so of two concurrent stops on a host exactly one wins.
   */
  submitBatchStop(creator: Creator, hostIds: readonly number[], scenarioName: string): TaskView {
    const at = this.now();
    const view = this.doSubmit(creator, hostIds, scenarioName, at);
    // Without a state file there is nothing to keep: not even the command is built (a load test submits thousands a second).
    if (this.log !== NO_LOG) this.log.append({ c: 'submit', at, creator, hostIds: [...hostIds], scenario: scenarioName });
    return view;
  }

  private doSubmit(creator: Creator, hostIds: readonly number[], scenarioName: string, at: number): TaskView {
    const scenario = this.scenarios.get(scenarioName);
    const hosts = hostIds.map((id) => this.host(id));
    for (const host of hosts) {
      if (!canStopAgent(this.agentStatus(host, at))) {
        throw new OcpError('agentStateForbids', [`${host.id}:${host.innerIpAddress}`]);
      }
    }
    const id = this.nextTaskId++;
    const firstSubtaskId = this.nextSubtaskId;
    this.nextSubtaskId += batchStopNodeCount(hostIds.length);
    const taskSeed = Math.floor(hashUnit(this.seed, id) * 0x7fffffff);
    const plan = planBatchStop(hostIds, firstSubtaskId, taskSeed);
    const record: TaskRecord = {
      id,
      name: BATCH_STOP_TASK_NAME,
      hostIds: [...hostIds],
      creator: this.internCreator(creator),
      createdAt: at,
      executor: this.serverAddress,
      prohibitRollback: false,
      scenario: scenario.name,
      seed: taskSeed,
      firstSubtaskId,
      layoutSeed: taskSeed,
      behaviour: resolveBehaviour(scenario, plan, hostIds.length),
      autoRollback: scenario.task.autoRollback,
      actions: [],
    };
    this.store.addTask(record);
    this.evictBeyondLimit(at);
    // The plan built above serves this first view; it is cached only once someone reads the task
    // (caching every new task's plan would turn a load test's stops into old-generation garbage).
    return taskAt(record, at, plan);
  }

  /** One object per user, shared by their tasks. */
  private internCreator(creator: Creator): Creator {
    const found = this.creators.get(creator.id);
    if (found && found.name === creator.name) return found;
    const fresh = { id: creator.id, name: creator.name };
    this.creators.set(creator.id, fresh);
    return fresh;
  }

  /** Keeps at most `maxTasks`: the oldest finished tasks go first (the oldest of all if none has finished). */
  private evictBeyondLimit(at: number): void {
    while (this.store.taskCount() > this.maxTasks) {
      let victim: TaskRecord | undefined;
      for (const record of this.store.tasksOldestFirst()) {
        if (this.summary(record, at).status !== 'RUNNING') {
          victim = record;
          break;
        }
      }
      victim ??= this.store.tasksOldestFirst().next().value as TaskRecord;
      this.store.removeTask(victim.id);
    }
  }

  task(id: number): TaskRecord {
    const record = this.store.task(id);
    if (!record) throw new OcpError('taskNotFound', [id]);
    return record;
  }

  view(id: number, now = this.now()): TaskView {
    return taskAt(this.task(id), now);
  }

  /**
   * A task's status and finish time at `now`, for lists and filters. A settled task (nothing left
   * to happen until someone acts on it) is remembered, so lists over many finished tasks stay cheap.
   */
  summary(record: TaskRecord, now = this.now()): TaskSummary {
    const cached = this.settledSummaries.get(record);
    if (cached && cached.actions === record.actions.length && cached.since <= now) return cached;
    const view = taskAt(record, now);
    const summary = { status: view.status, finishTime: view.finishTime, actions: record.actions.length, since: now };
    if (view.settled) this.settledSummaries.set(record, summary);
    return summary;
  }

  /** Applies an action if OCP allows it in the task's current state (else throws OCP's error). */
  act(taskId: number, request: ActionRequest): TaskView {
    const at = this.now();
    const view = this.doAct(taskId, request, at);
    this.log.append({ c: 'act', at, taskId, action: request });
    return view;
  }

  private doAct(taskId: number, request: ActionRequest, at: number): TaskView {
    const record = this.task(taskId);
    const action = { ...request, at } as TaskAction;
    checkAction(taskAt(record, at), action);
    record.actions.push(action);
    return taskAt(record, at);
  }
}
