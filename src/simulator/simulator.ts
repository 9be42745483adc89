/**
 * The simulator's core, with no transport: hosts, tasks, scenarios and the clock, and the
 * operations OCP's API offers on them. The HTTP layer (src/http) is one adapter around it; the
 * programmatic API and tests use it directly. Task state is never stored: every read asks the
 * engine for the task at the clock's `now`, through one cache of views (taskViews.ts).
 *
 * Every operation that changes what a client can observe is a Command (src/store/commands.ts),
 * applied here and handed to the CommandLog (a state file, or nothing), so a restart can replay
 * them; when the log outgrows what is still retained, it is compacted to what is live.
 */
import type { Clock, ClockAnchor } from '../clock/clock.js';
import type { AgentStatus, HostStatus } from '../contract/enums.js';
import { INFERRED_ERRORS, OcpError } from '../contract/errors.js';
import type { BatchCreateHostsRequest } from '../contract/requests.js';
import { checkAction } from '../engine/actions.js';
import { EventQueue } from '../engine/eventQueue.js';
import { agentStatusAfter } from '../engine/hostAgent.js';
import { OPERATIONS, type OperationDecl, type OperationId } from '../engine/operations.js';
import { nodeCount, planOperation } from '../engine/plan.js';
import { taskAt } from '../engine/simulate.js';
import type { Creator, TaskAction, TaskRecord } from '../engine/task.js';
import type { TaskView } from '../engine/view.js';
import { ADDED_HOST_IDS_FROM, generateAddedHost, generateHosts, generateRunningHost, generateServerAddress, type HostRecord } from '../fakes/hosts.js';
import { generateInventory, type IdcRecord, type Inventory, type RegionRecord } from '../fakes/inventory.js';
import { hashUnit, SALT, Stream } from '../fakes/random.js';
import type { ScenarioRegistry } from '../scenarios/registry.js';
import { resolveBehaviour } from '../scenarios/resolve.js';
import type { Scenario } from '../scenarios/schema.js';
import { type Command, type CommandLog, NO_LOG } from '../store/commands.js';
import { MemoryStore, type Store } from '../store/store.js';
import { AgentProcessChanges, type AgentProcessView } from './agentProcesses.js';
import { InventoryIndex } from './inventoryIndex.js';
import { Retention } from './retention.js';
import { TaskViews } from './taskViews.js';

/** Agent statuses in which a host is busy (an operation runs on it). */
const BUSY_AGENT: ReadonlySet<AgentStatus> = new Set(['STOPPING', 'RESTARTING', 'REINSTALLING']);

/** How errors name each kind of inventory record. */
const KIND_NAMES = { regions: 'region', idcs: 'IDC', hostTypes: 'host type' } as const;

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
  /** Operations of the user's own (`--operations-dir`), beside the shipped ones. */
  operations?: readonly OperationDecl[];
}

/**
 * A part beside the simulator whose changes the state file keeps too (the stubs added or removed at
 * run time): it applies its commands on replay (and a reset), and says what is live for a compaction.
 */
export interface CommandExtension {
  apply(command: Command): void;
  live(): Command[];
  /** At most how many commands `live()` gives, in O(1) (a compaction is due by it). */
  liveBound(): number;
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
  private extension: CommandExtension | undefined;
  /** True while a state file's commands are replayed: they were accepted once, so nothing is checked again. */
  private replaying = false;
  /** Hosts added beyond the seed's inventory, with the instant they were added (for a compaction). */
  private ensured: { id: number; at: number }[] = [];
  /**
   * Agents whose status a dropped, finished task decided, as a compacted state file records them
   * (in a live run the dropped task itself still decides; see Store.latestTaskOn).
   */
  private agentOverrides = new Map<number, AgentStatus>();
  /** Hosts added through `batchCreate`, in the order they were (a compaction writes them all, deleted ones too: their tasks name them). */
  private added: HostRecord[] = [];
  private nextAddedHostId = ADDED_HOST_IDS_FROM;
  /** Each added host's "Prepare host" task: until it has succeeded, the host reads NEW. */
  private readonly preparing = new Map<number, TaskRecord>();
  /** Hosts deleted through the API (a compaction writes them as one deletion). */
  private readonly deletedHosts = new Set<number>();
  /** Agent processes stopped or restarted through the API. */
  private readonly processChanges = new AgentProcessChanges();
  private readonly views = new TaskViews();
  /** Regions, IDCs and host types, as generated for the seed (dated from the clock's start). */
  private inventoryNow = new InventoryIndex({ regions: [], idcs: [], hostTypes: [] });
  private operationsById: ReadonlyMap<OperationId, OperationDecl>;
  private operationList: readonly OperationDecl[];
  private readonly retention: Retention;
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
    this.operationsById = new Map([...Object.values(OPERATIONS), ...(options.operations ?? [])].map((op) => [op.id, op]));
    this.operationList = [...this.operationsById.values()];
    this.store = new MemoryStore([]);
    this.retention = new Retention((record) => this.store.task(record.id) === record);
    this.startFresh();
  }

  /** Commands in the state file before the appended ones (what the last compaction wrote, or what was loaded). */
  private compactedLines = 0;
  /**
   * When each dropped task that was still running finishes: until then a compaction must keep it
   * whole (see liveCommands), after that it folds into one line. Counts toward what is live.
   */
  private pendingDropped = new EventQueue();

  /** Where the state file's history starts: a compaction writes only what came after it. */
  private logStart: { simStart: number; defaultScenario: string } = { simStart: 0, defaultScenario: '' };

  /**
   * From now on, accepted commands also go to `log` (a state file), whose header starts from
   * `start` (its clock anchor and default scenario).
   */
  attachLog(log: CommandLog, start: { clock: ClockAnchor; defaultScenario: string }, linesInFile = 0): void {
    this.log = log;
    this.logStart = { simStart: start.clock.simStart, defaultScenario: start.defaultScenario };
    this.compactedLines = linesInFile;
    // A file that outgrew what it holds (a restart after a long run) is compacted at once.
    this.compactLogIfDue();
  }

  /**
   * Rebuilds the state a state file describes: the clock anchor and default scenario it starts
   * from, then its commands in order (not logged again).
   */
  restore(start: { clock: ClockAnchor; defaultScenario: string }, commands: readonly Command[]): void {
    this.clock.restore(start.clock);
    this.startFresh(false);
    if (this.scenarios.has(start.defaultScenario)) this.defaultScenarioName = start.defaultScenario;
    this.replaying = true;
    try {
      for (const command of commands) this.apply(command);
    } finally {
      this.replaying = false;
    }
  }

  private apply(command: Command): void {
    switch (command.c) {
      case 'submit': {
        const { record } = this.doSubmit(command.creator, command.hostIds, command.scenario, command.at, command);
        for (const action of command.actions ?? []) record.actions.push(action as TaskAction);
        if (command.dropped) this.dropTask(record);
        return;
      }
      case 'inventory':
        this.applyInventory(command);
        return;
      case 'deleteHosts':
        this.doDeleteHosts(command.hostIds);
        return;
      case 'agents':
        for (const id of command.hostIds) this.agentOverrides.set(id, command.status);
        return;
      case 'process':
        this.processChanges.set(command.hostId, command.processId, { running: command.running, at: command.at, run: command.run });
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
        this.extension?.apply(command);
        return;
      case 'stub':
        this.extension?.apply(command);
        return;
      case 'ensureHost':
        this.doEnsureHost(command.id, command.at);
        return;
      case 'addHosts':
        this.applyAddHosts(command);
        return;
      case 'ids':
        this.nextTaskId = Math.max(this.nextTaskId, command.nextTaskId);
        this.nextSubtaskId = Math.max(this.nextSubtaskId, command.nextSubtaskId);
        return;
    }
  }

  /** Lets `extension` keep its changes in the state file (set before a state file is attached). */
  useExtension(extension: CommandExtension): void {
    this.extension = extension;
  }

  /** Keeps an extension's change in the state file (if any). */
  appendCommand(command: Command): void {
    this.log.append(command);
    this.compactLogIfDue();
  }

  /** Every operation this simulator runs: the shipped ones, then the user's. */
  get operations(): readonly OperationDecl[] {
    return this.operationList;
  }

  /**
   * New declarations of the user's operations (`--watch`), for tasks submitted from now on (a task
   * keeps the declaration it was born with). The same ids only: a route is registered once.
   */
  replaceUserOperations(operations: readonly OperationDecl[]): void {
    const byId = new Map(this.operationsById);
    for (const op of operations) {
      if (!byId.has(op.id) || (OPERATIONS as Record<string, OperationDecl>)[op.id]) throw new Error(`operation ${op.id} is not one of the user's`);
      byId.set(op.id, op);
    }
    this.operationsById = byId;
    this.operationList = [...byId.values()];
  }

  /** The operation with this id (a programming error if unknown: routes and files are checked first). */
  operation(id: OperationId): OperationDecl {
    const op = this.operationsById.get(id);
    if (!op) throw new Error(`unknown operation ${id}; known: ${[...this.operationsById.keys()].join(', ')}`);
    return op;
  }

  /** Back to the seed's start state: clock, hosts, tasks, ids, trace ids and the default scenario. */
  reset(): void {
    this.startFresh();
    const clock = this.clock.anchor();
    this.log.restart({ c: 'reset', clock });
    // The file's header keeps its default scenario; only the clock starts anew.
    this.logStart = { ...this.logStart, simStart: clock.simStart };
  }

  private startFresh(resetClock = true): void {
    if (resetClock) this.clock.reset();
    // Hosts are dated from the clock's start, so a restart rebuilds them byte for byte.
    this.store.clear(generateHosts(this.seed, this.options.hostCount, this.clock.anchor().simStart));
    this.inventoryNow = new InventoryIndex(generateInventory(this.seed, this.clock.anchor().simStart));
    this.views.clear();
    this.retention.clear();
    this.pendingDropped = new EventQueue();
    this.ensured = [];
    this.added = [];
    this.nextAddedHostId = ADDED_HOST_IDS_FROM;
    this.preparing.clear();
    this.agentOverrides.clear();
    this.deletedHosts.clear();
    this.processChanges.clear();
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
    this.compactLogIfDue();
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
    // A compacted file lists a host ensured, deleted and ensured again twice.
    const existing = this.store.host(id);
    if (existing) return existing;
    const host = generateRunningHost(this.seed, id, this.store.hosts().length, at);
    this.store.addHosts([host]);
    this.ensured.push({ id, at });
    this.deletedHosts.delete(id);
    return host;
  }

  /**
   * Adds hosts (ocp-docs/host/1500): each a NEW host without an agent, and a "Prepare host" task of
   * its own that installs one (operations.ts), run in `scenarioName`. All or none: an unknown IDC or
   * host type 404 COM10002, an address a host already has 400 CMP07001 (both *inferred*). Returns the
   * tasks in the order of the hosts.
   */
  addHosts(request: BatchCreateHostsRequest, creator: Creator, scenarioName: string): TaskView[] {
    const at = this.now();
    const idc = this.inventoryRecord('idcs', request.idcId) as IdcRecord;
    const type = this.inventoryRecord('hostTypes', request.typeId);
    const region = this.inventoryRecord('regions', idc.regionId);
    this.scenarios.get(scenarioName);
    for (const h of request.hostBasicDataList) {
      if (this.store.hostWithAddress(h.innerIpAddress)) throw new OcpError('hostExists', [h.innerIpAddress, request.sshPort]);
    }
    const command: Extract<Command, { c: 'addHosts' }> = {
      c: 'addHosts',
      at,
      hosts: request.hostBasicDataList.map((h, i) => ({
        id: this.nextAddedHostId + i,
        innerIpAddress: h.innerIpAddress,
        ...(h.serialNumber !== undefined ? { serialNumber: h.serialNumber } : {}),
      })),
      sshPort: request.sshPort,
      kind: request.kind,
      // The host calls print the mapping as one text (ocp-docs/host/1400).
      ...(request.publishPorts !== undefined ? { publishPorts: request.publishPorts.join(',') } : {}),
      idc: { id: idc.id, name: idc.name, regionId: region.id, regionName: region.name },
      type: { id: type.id, name: type.name },
      credentialId: request.credentialId,
      ...(request.alias !== undefined ? { alias: request.alias } : {}),
      ...(request.description !== undefined ? { description: request.description } : {}),
    };
    this.applyAddHosts(command);
    this.log.append(command);
    return command.hosts.map((h) => this.submit('prepareHost', creator, [h.id], scenarioName));
  }

  private applyAddHosts(command: Extract<Command, { c: 'addHosts' }>): void {
    const { c: _, at, hosts, status, updatedAt, ...shared } = command;
    const records = hosts.map(({ id, ...one }) => {
      const host = generateAddedHost(this.seed, id, { ...shared, ...one }, at);
      return status === undefined ? host : { ...host, status, updateTime: updatedAt ?? host.updateTime };
    });
    this.store.addHosts(records);
    for (const host of records) {
      this.added.push(host);
      this.deletedHosts.delete(host.id);
      this.nextAddedHostId = Math.max(this.nextAddedHostId, host.id + 1);
    }
  }

  /**
   * The host's own status: a host being added reads NEW until its "Prepare host" task has done what
   * the operation declares (operations.ts, `hostStatusAfter`); any other host, its record's.
   */
  hostStatus(host: HostRecord, now = this.now()): HostStatus {
    return this.prepared(host, now)?.status ?? host.status;
  }

  /** The host's status and `updateTime` (epoch ms): a host its task updated was updated when that node finished. */
  hostState(host: HostRecord, now = this.now()): { status: HostStatus; updateTime: number } {
    const done = this.prepared(host, now);
    return done ? { status: done.status, updateTime: Math.floor(done.at / 1000) * 1000 } : { status: host.status, updateTime: host.updateTime };
  }

  /** What a host's "Prepare host" task has made of it, once it has: its status and when. */
  private prepared(host: HostRecord, now: number): { status: HostStatus; at: number } | undefined {
    const task = host.status === 'NEW' ? this.preparing.get(host.id) : undefined;
    const effect = task?.operation.hostStatusAfter;
    if (!task || !effect) return undefined;
    const node = this.views.subtasksOn(task, host.id, now).onHost.find((s) => s.node.kind === effect.after);
    if (node?.status !== 'SUCCESSFUL' || node.operation === 'ROLLBACK') return undefined;
    return { status: effect.status, at: node.finishTime ?? now };
  }

  /** The regions, IDCs and host types, each in id order. */
  get inventory(): Readonly<Inventory> {
    return this.inventoryNow.lists;
  }

  /**
   * Creates a region, IDC or host type (ids from 1000001 on, as OCP's samples show for created
   * ones). A taken name is 400 COM10006; an IDC's unknown region 404 COM10002 (both *inferred*).
   */
  createInventory(kind: keyof Inventory, fields: { name: string; description?: string; regionId?: number }): RegionRecord | IdcRecord {
    const at = this.now();
    if (kind === 'idcs') this.inventoryRecord('regions', fields.regionId as number);
    if (this.inventoryNow.nameTaken(kind, fields.name, fields.regionId)) throw new OcpError('nameTaken', [KIND_NAMES[kind], `name=${fields.name}`]);
    const id = Math.max(1_000_000, this.inventoryNow.lastId(kind)) + 1;
    const command = {
      c: 'inventory',
      at,
      action: 'create',
      kind,
      id,
      name: fields.name,
      description: fields.description ?? null,
      regionId: fields.regionId,
    } as const;
    const record = this.applyInventory(command);
    this.log.append(command);
    this.compactLogIfDue();
    return record as RegionRecord;
  }

  /** Deletes a region (none of its IDCs left), an IDC or a host type (no host on it): else 400 CMP07000 (*inferred*). */
  deleteInventory(kind: keyof Inventory, id: number): void {
    const record = this.inventoryRecord(kind, id);
    const inUse = kind === 'regions' ? this.inventoryNow.idcsIn(id) > 0 : this.store.hostsUsing(kind === 'idcs' ? 'idc' : 'type', id) > 0;
    if (inUse) throw new OcpError('hasSubResources', [KIND_NAMES[kind], record.name]);
    const command = { c: 'inventory', at: this.now(), action: 'delete', kind, id } as const;
    this.applyInventory(command);
    this.log.append(command);
    this.compactLogIfDue();
  }

  private applyInventory(command: Extract<Command, { c: 'inventory' }>): RegionRecord | undefined {
    if (command.action === 'delete') {
      this.inventoryNow.remove(command.kind, command.id);
      return undefined;
    }
    const record: RegionRecord | IdcRecord = {
      id: command.id,
      name: command.name ?? '',
      description: command.description ?? null,
      createTime: Math.floor(command.at / 1000) * 1000,
      updateTime: Math.floor(command.at / 1000) * 1000,
      ...(command.kind === 'idcs' ? { regionId: command.regionId as number } : {}),
    };
    // Ids only grow (a state file replays them in the order they were given).
    this.inventoryNow.add(command.kind, record);
    return record;
  }

  /** The region, IDC or host type with this id, if there is one. */
  findInventory<K extends keyof Inventory>(kind: K, id: number): Inventory[K][number] | undefined {
    return this.inventoryNow.find(kind, id);
  }

  /** The region, IDC or host type with this id, or OCP's 404 (COM10002, *inferred* for these). */
  inventoryRecord<K extends keyof Inventory>(kind: K, id: number): Inventory[K][number] {
    const found = this.inventoryNow.find(kind, id);
    if (!found) throw new OcpError('noRecords', [KIND_NAMES[kind], `id=${id}`]);
    return found;
  }

  /**
   * Deletes hosts, all or none: an unknown one is 404 CMP07005, one with an operation still
   * running on its agent (or an agent busy otherwise: STOPPING, RESTARTING, REINSTALLING) 400
   * CMP07019. Their tasks stay readable.
   */
  deleteHosts(hostIds: readonly number[]): void {
    const at = this.now();
    for (const id of hostIds) {
      const host = this.host(id);
      const latest = this.store.latestTaskOn(id);
      const busy = (latest !== undefined && this.views.at(latest, at).status === 'RUNNING') || BUSY_AGENT.has(this.agentStatus(host, at));
      if (busy) throw new OcpError('agentStateForbids', [`${host.id}:${host.innerIpAddress}`]);
    }
    this.doDeleteHosts(hostIds);
    this.log.append({ c: 'deleteHosts', at, hostIds: [...hostIds] });
    this.compactLogIfDue();
  }

  private doDeleteHosts(hostIds: readonly number[]): void {
    for (const id of hostIds) {
      this.deletedHosts.add(id);
      this.preparing.delete(id);
    }
    this.store.removeHosts(new Set(hostIds));
  }

  /** Every host, in id order. */
  hosts(): readonly HostRecord[] {
    return this.store.hosts();
  }

  /** The host with this id, if there is one. */
  findHost(id: number): HostRecord | undefined {
    return this.store.host(id);
  }

  /** The agent's status now: its own, or what the newest task on the host has made of it. */
  agentStatus(host: HostRecord, now = this.now()): AgentStatus {
    const base = this.agentOverrides.get(host.id) ?? host.baseAgentStatus;
    const task = this.store.latestTaskOn(host.id);
    if (!task) return base;
    const { view, onHost } = this.views.subtasksOn(task, host.id, now);
    // What the agent read when the task began (a restart of a stopped agent that is rolled back leaves it stopped).
    const before = task.agentBefore?.[task.hostIds.indexOf(host.id)] ?? base;
    return agentStatusAfter(view, onHost, before);
  }

  /** The agent's processes on `host` at `now`. */
  agentProcesses(host: HostRecord, now = this.now()): AgentProcessView[] {
    let down = this.agentStatus(host, now) === 'OFFLINE';
    let restartedAt: number | undefined;
    const task = this.store.latestTaskOn(host.id);
    if (task) {
      const { onHost } = this.views.subtasksOn(task, host.id, now);
      const done = (kind: string) => onHost.find((s) => s.node.kind === kind && s.status === 'SUCCESSFUL' && s.operation !== 'ROLLBACK');
      const started = done('start');
      if (started) restartedAt = started.finishTime;
      else if (done('stop')) down = true;
    }
    return this.processChanges.view(this.seed, host, down, restartedAt, now);
  }

  /**
   * Stops or restarts one process of a host's agent, at once (OCP answers with the process).
   * Unknown host 404 CMP07005, unknown process 404 CMP07054, a basic process (not `operable`)
   * 400 (inferred), an agent that is not running 400 CMP07019.
   */
  actOnAgentProcess(hostId: number, processId: number, action: 'stop' | 'restart'): AgentProcessView {
    const host = this.host(hostId);
    const now = this.now();
    const before = this.agentProcesses(host, now).find((p) => p.base.id === processId);
    if (!before) throw new OcpError('agentProcessNotFound', [hostId, processId]);
    if (!before.base.template.operable) throw new OcpError(INFERRED_ERRORS.agentProcessNotOperable, [hostId, before.base.template.alias]);
    if (this.agentStatus(host, now) !== 'AVAILABLE') throw new OcpError('agentStateForbids', [`${host.id}:${host.innerIpAddress}`]);
    const run = (this.processChanges.get(hostId, processId)?.run ?? 0) + (action === 'restart' ? 1 : 0);
    const running = action === 'restart';
    this.processChanges.set(hostId, processId, { running, at: now, run });
    this.log.append({ c: 'process', at: now, hostId, processId, running, run });
    this.compactLogIfDue();
    return this.agentProcesses(host, now).find((p) => p.base.id === processId) as AgentProcessView;
  }

  /**
   * Submits an operation (operations.ts) on `hostIds` (already validated as distinct positive
   * ids; one for a single-host operation). Unknown host: 404 CMP07005; an agent whose status the
   * operation may not start from (another operation runs on it, say): 400 CMP07019. Check and
   * claim happen in one synchronous step, so of two concurrent operations on a host exactly one wins.
   */
  submit(operation: OperationId, creator: Creator, hostIds: readonly number[], scenarioName: string): TaskView {
    const at = this.now();
    const view = this.doSubmit(creator, hostIds, scenarioName, at, { operation });
    // Without a state file there is nothing to keep: not even the command is built (a load test submits thousands a second).
    if (this.log !== NO_LOG) {
      this.log.append(submitCommand(view.record));
      this.compactLogIfDue();
    }
    return view;
  }

  /** `ids`: the ids a replayed command was given (else the next ones). */
  private doSubmit(
    creator: Creator,
    hostIds: readonly number[],
    scenarioName: string,
    at: number,
    ids: { operation?: OperationId; taskId?: number; firstSubtaskId?: number; agentBefore?: readonly AgentStatus[] },
  ): TaskView {
    const op = this.operation(ids.operation ?? 'batchStopAgents');
    const scenario = this.scenarios.get(scenarioName);
    const hosts = hostIds.map((id) => this.host(id));
    // What each agent reads now: checked against the operation, and kept on the task only where it
    // differs from the host's own status (rare: after an earlier operation).
    let agentBefore = ids.agentBefore;
    if (!this.replaying) {
      let differs = false;
      const now = hosts.map((host) => {
        // One operation at a time on an agent: its status must allow this one, and no task on it may still run
        // (a stop's agent reads OFFLINE before its Finish node has run).
        const latest = this.store.latestTaskOn(host.id);
        const busy = latest !== undefined && this.views.at(latest, at).status === 'RUNNING';
        const status = this.agentStatus(host, at);
        // A host still being added has no agent to act on, whatever it reads: only its own preparation runs on it.
        const unprepared = !op.hostStatusAfter && this.hostStatus(host, at) === 'NEW';
        if (busy || unprepared || !op.startsFrom.includes(status)) throw new OcpError('agentStateForbids', [`${host.id}:${host.innerIpAddress}`]);
        if (status !== (this.agentOverrides.get(host.id) ?? host.baseAgentStatus)) differs = true;
        return status;
      });
      if (differs) agentBefore = now;
    }
    const id = ids.taskId ?? this.nextTaskId;
    const firstSubtaskId = ids.firstSubtaskId ?? this.nextSubtaskId;
    this.nextTaskId = Math.max(this.nextTaskId, id + 1);
    this.nextSubtaskId = Math.max(this.nextSubtaskId, firstSubtaskId + nodeCount(op, hostIds.length));
    const taskSeed = Math.floor(hashUnit(this.seed, id) * 0x7fffffff);
    const plan = planOperation(op, hostIds, firstSubtaskId, taskSeed);
    const record: TaskRecord = {
      id,
      operation: op,
      name: op.taskName,
      hostIds: [...hostIds],
      creator: this.internCreator(creator),
      createdAt: at,
      executor: this.serverAddress,
      prohibitRollback: false,
      scenario: scenario.name,
      seed: taskSeed,
      firstSubtaskId,
      layoutSeed: taskSeed,
      behaviour: resolveBehaviour(scenario, op, plan, hostIds.length),
      autoRollback: scenario.task.autoRollback,
      actions: [],
    };
    if (agentBefore) record.agentBefore = agentBefore;
    if (op.hostStatusAfter) for (const h of hostIds) this.preparing.set(h, record);
    this.store.addTask(record);
    this.retention.submitted(record, plan, this.store.taskCount() * 2 >= this.maxTasks);
    this.evictBeyondLimit(at);
    // The plan built above serves this first view, which is not cached: a load test's stops are
    // mostly never read at this instant, and caching each would churn the old generation.
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

  /**
   * Keeps at most `maxTasks`: the oldest finished task goes first, the oldest of all if
   * none has finished (retention.ts). O(log n) a drop, whatever the store holds.
   */
  private evictBeyondLimit(at: number): void {
    while (this.store.taskCount() > this.maxTasks) {
      this.dropTask(this.retention.oldestFinished(at) ?? (this.store.oldestTask() as TaskRecord));
    }
  }

  private dropTask(record: TaskRecord): void {
    this.store.removeTask(record.id);
    this.views.forget(record);
    this.retention.noteStale();
    if (this.log === NO_LOG && !this.replaying) return;
    const doneAt = taskAt(record, Number.POSITIVE_INFINITY).finishTime ?? Number.POSITIVE_INFINITY;
    if (doneAt > this.now()) this.pendingDropped.push(doneAt, 0);
  }

  /**
   * Rewrites the state file as what is live once the file holds more than twice that (dropped
   * tasks outweigh retained ones, or dropped running ones have since finished), so the file and a
   * restart follow what is retained. What is live grows by at most one command per command
   * appended, so a compaction is due only after as many appends as it writes: O(1) a command.
   */
  private compactLogIfDue(): void {
    if (this.log === NO_LOG) return;
    const now = this.now();
    while ((this.pendingDropped.peekAt() ?? Number.POSITIVE_INFINITY) <= now) this.pendingDropped.pop();
    const live = this.store.taskCount() + this.pendingDropped.size + this.ensured.length + this.added.length + (this.extension?.liveBound() ?? 0) + 4;
    if (this.compactedLines + this.log.appended > 2 * live + 64) this.compactStateFile();
  }

  /** Rewrites the state file (if any) as what is live now; the simulator does it by itself as the file grows. */
  compactStateFile(): void {
    const commands = this.liveCommands();
    this.log.compact(commands);
    this.compactedLines = commands.length;
  }

  /**
   * The commands that rebuild the state as it is now (what a compacted state file holds), in an
   * order that replays: settings and hosts first, the inventory and added hosts, then the tasks
   * that name them, deletions last.
   */
  private liveCommands(): Command[] {
    const out: Command[] = [];
    const now = this.now();
    const moved = this.clock.anchor().simStart - this.logStart.simStart;
    if (moved > 0) out.push({ c: 'advance', ms: moved });
    if (this.defaultScenarioName !== this.logStart.defaultScenario) out.push({ c: 'scenario', name: this.defaultScenarioName });
    for (const { id, at } of this.ensured) out.push({ c: 'ensureHost', id, at });
    out.push(...this.inventoryCommands(now));
    out.push(...this.addedHostCommands(now));
    // Dropped tasks that still decide a host's agent: a finished one as what it left the agent
    // reading; one still running in full, dropped again at once (so the store never holds more
    // than it does now). Then the stored tasks, oldest first.
    const agents = new Map(this.agentOverrides);
    for (const record of this.store.droppedLatestTasks()) {
      if (!this.views.at(record, now).settled) {
        out.push({ ...submitCommand(record), actions: record.actions.map((a) => ({ ...a })), dropped: true });
        continue;
      }
      for (const id of record.hostIds) {
        const host = this.store.host(id);
        if (!host || this.store.latestTaskOn(id) !== record) continue;
        const status = this.agentStatus(host, now);
        if (status === host.baseAgentStatus) agents.delete(id);
        else agents.set(id, status);
      }
    }
    const byStatus = new Map<AgentStatus, number[]>();
    for (const [id, status] of agents) {
      const ids = byStatus.get(status) ?? [];
      ids.push(id);
      byStatus.set(status, ids);
    }
    for (const [status, hostIds] of byStatus) out.push({ c: 'agents', status, hostIds: hostIds.sort((a, b) => a - b) });
    for (const { hostId, processId, change } of this.processChanges.all()) out.push({ c: 'process', hostId, processId, ...change });
    for (const record of this.store.tasksPage(0, this.store.taskCount(), false)) {
      out.push(submitCommand(record));
      for (const { at, ...action } of record.actions) out.push({ c: 'act', at, taskId: record.id, action: action as ActionRequest });
    }
    // Deleted last: the tasks above may name them.
    if (this.deletedHosts.size > 0) out.push({ c: 'deleteHosts', at: now, hostIds: [...this.deletedHosts].sort((a, b) => a - b) });
    out.push(...(this.extension?.live() ?? []));
    out.push({ c: 'ids', nextTaskId: this.nextTaskId, nextSubtaskId: this.nextSubtaskId });
    return out;
  }

  /** The inventory as it differs from the seed's: seeded records deleted, records created. */
  private inventoryCommands(now: number): Command[] {
    const out: Command[] = [];
    const seeded = generateInventory(this.seed, this.logStart.simStart);
    for (const kind of ['regions', 'idcs', 'hostTypes'] as const) {
      const kept = new Set(this.inventoryNow.lists[kind].map((r) => r.id));
      for (const r of seeded[kind]) if (!kept.has(r.id)) out.push({ c: 'inventory', at: now, action: 'delete', kind, id: r.id });
      const born = new Set(seeded[kind].map((r) => r.id));
      for (const r of this.inventoryNow.lists[kind]) {
        if (born.has(r.id)) continue;
        const regionId = (r as IdcRecord).regionId;
        out.push({
          c: 'inventory',
          at: r.createTime,
          action: 'create',
          kind,
          id: r.id,
          name: r.name,
          description: r.description,
          ...(regionId ? { regionId } : {}),
        });
      }
    }
    return out;
  }

  /**
   * Hosts added through the API, one line each, with the names they were given (whatever the
   * inventory holds now). One whose task will not be replayed (dropped and over) is written with
   * the status that task left it in.
   */
  private addedHostCommands(now: number): Command[] {
    return this.added.map((host) => {
      const task = this.preparing.get(host.id);
      const replayed = task !== undefined && (this.store.task(task.id) === task || !this.views.at(task, now).settled);
      const state = task && !replayed ? this.hostState(host, now) : { status: host.status, updateTime: host.updateTime };
      return {
        c: 'addHosts',
        at: host.createTime,
        hosts: [{ id: host.id, innerIpAddress: host.innerIpAddress, ...(host.serialNumber !== undefined ? { serialNumber: host.serialNumber } : {}) }],
        sshPort: host.sshPort,
        kind: host.kind,
        ...(host.publishPorts !== undefined ? { publishPorts: host.publishPorts } : {}),
        idc: { id: host.idcId, name: host.idcName, regionId: host.regionId, regionName: host.regionName },
        type: { id: host.typeId, name: host.typeName },
        credentialId: host.credentialId as number,
        ...(host.alias !== undefined ? { alias: host.alias } : {}),
        ...(host.description !== undefined ? { description: host.description } : {}),
        ...(state.status !== 'NEW' ? { status: state.status, updatedAt: state.updateTime } : {}),
      };
    });
  }

  /** How many tasks are stored. */
  taskCount(): number {
    return this.store.taskCount();
  }

  /** `count` tasks from `offset`, newest first (or oldest first). */
  tasksPage(offset: number, count: number, newestFirst = true): TaskRecord[] {
    return this.store.tasksPage(offset, count, newestFirst);
  }

  /** Every stored task, newest first. */
  tasksNewestFirst(): Iterable<TaskRecord> {
    return this.store.tasks();
  }

  /** The stored task with this id, if there is one. */
  findTask(id: number): TaskRecord | undefined {
    return this.store.task(id);
  }

  task(id: number): TaskRecord {
    const record = this.store.task(id);
    if (!record) throw new OcpError('taskNotFound', [id]);
    return record;
  }

  view(id: number, now = this.now()): TaskView {
    return this.views.at(this.task(id), now);
  }

  /** The stored task `record` at `now`, from the one cache of views. */
  viewOf(record: TaskRecord, now = this.now()): TaskView {
    return this.views.at(record, now);
  }

  /**
   * A task's status and finish time at `now`, for lists and filters. A settled task (nothing left
   * to happen until someone acts on it) is remembered, so lists over many finished tasks stay cheap.
   */
  summary(record: TaskRecord, now = this.now()): TaskSummary {
    const cached = this.settledSummaries.get(record);
    if (cached && cached.actions === record.actions.length && cached.since <= now) return cached;
    const view = this.views.at(record, now);
    const summary = { status: view.status, finishTime: view.finishTime, actions: record.actions.length, since: now };
    if (view.settled) this.settledSummaries.set(record, summary);
    return summary;
  }

  /** Applies an action if OCP allows it in the task's current state (else throws OCP's error). */
  act(taskId: number, request: ActionRequest): TaskView {
    const at = this.now();
    const view = this.doAct(taskId, request, at);
    this.log.append({ c: 'act', at, taskId, action: request });
    this.compactLogIfDue();
    return view;
  }

  private doAct(taskId: number, request: ActionRequest, at: number): TaskView {
    const record = this.task(taskId);
    const action = { ...request, at } as TaskAction;
    if (!this.replaying) checkAction(this.views.at(record, at), action);
    record.actions.push(action);
    this.retention.acted(record);
    return this.views.at(record, at);
  }
}

/** The state-file command that rebuilds `record`'s submission, ids included. */
function submitCommand(record: TaskRecord): Extract<Command, { c: 'submit' }> {
  return {
    c: 'submit',
    // The first operation needs no name: state files from before operations were declared replay as they did.
    ...(record.operation.id === 'batchStopAgents' ? {} : { operation: record.operation.id }),
    at: record.createdAt,
    creator: { id: record.creator.id, name: record.creator.name },
    hostIds: [...record.hostIds],
    scenario: record.scenario,
    taskId: record.id,
    firstSubtaskId: record.firstSubtaskId,
    ...(record.agentBefore ? { agentBefore: [...record.agentBefore] } : {}),
  };
}
