/**
 * The host module's state: the hosts (the seed's, those a provider state made exist, those added
 * through `batchCreate` and those deleted) and the inventory they sit in. A host added through the
 * API reads NEW until its "Prepare host" task has done what the operation declares. A slice of the
 * world: its commands are what the state file keeps of hosts.
 *
 * The host module sits below the agent module, but a host's answer shows its agent and a host
 * whose agent is busy cannot be deleted: the agent module tells (`useAgents`), the host module
 * does not import it. Likewise the OB cluster module tells which clusters run on a host
 * (`useServices`): a host's `services` are those, and a host with any cannot be deleted (CMP07004).
 */
import type { AgentStatus, HostStatus } from '../../contract/enums.js';
import { OcpError } from '../../contract/errors.js';
import { commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import type { Creator, TaskRecord, TaskView } from '../../engine/index.js';
import { TaskJsonWriter } from '../task/index.js';
import { type AddHostsCommand, AddHostsCommand as AddHostsSchema, DeleteHostsCommand, EnsureHostCommand } from './commands.js';
import { ADDED_HOST_IDS_FROM, generateAddedHost, generateHosts, generateRunningHost, type HostRecord, type HostService, NO_SERVICES } from './fakes/hosts.js';
import type { IdcRecord } from './fakes/inventory.js';
import { HostStore } from './hostStore.js';
import { InventoryState } from './inventory.js';
import { PREPARE_HOST } from './operations.js';
import { type HostDescriptions, HostRowCache } from './render.js';
import type { BatchCreateHostsRequest } from './requests.js';

/** What the host module needs to know of a host's agent (the agent module answers). */
export interface AgentReader {
  /** The agent's status now. */
  agentStatus(host: HostRecord, now: number): AgentStatus;
  /** Why the host cannot be deleted now (an operation runs on its agent), or undefined. */
  deleteRefusal(host: HostRecord, now: number): OcpError | undefined;
}

/** What the host module needs to know of the services on a host (the OB cluster module answers). */
export interface ServiceReader {
  /** The services deployed on the host now (the same frozen array while they do not change). */
  services(host: HostRecord): readonly HostService[];
}

/** Before the OB cluster module tells: no host runs anything. */
const NO_SERVICE_READER: ServiceReader = { services: () => NO_SERVICES };

/** Before the agent module tells: every agent reads what the seed gave it. */
const SEEDED_AGENTS: AgentReader = { agentStatus: (host) => host.baseAgentStatus, deleteRefusal: () => undefined };

export class Compute implements StateSlice {
  readonly store = new HostStore();
  readonly inventory: InventoryState;
  /** Hosts as JSON, kept per host; the tasks this module answers, as JSON. */
  readonly rows: HostRowCache;
  readonly taskJson = new TaskJsonWriter();
  private agents: AgentReader = SEEDED_AGENTS;
  private serviceReader: ServiceReader = NO_SERVICE_READER;
  /** Hosts made to exist beyond the seed's (provider states), with the instant they were. */
  private ensured: { id: number; at: number }[] = [];
  /** Hosts added through `batchCreate`, in the order they were (a compaction writes them all, deleted ones too: their tasks name them). */
  private added: HostRecord[] = [];
  private nextAddedHostId = ADDED_HOST_IDS_FROM;
  /** Each added host's "Prepare host" task: until it has succeeded, the host reads NEW. */
  private readonly preparing = new Map<number, TaskRecord>();
  /** Hosts deleted through the API (a compaction writes them as one deletion). */
  private readonly deletedHosts = new Set<number>();

  readonly commands = {
    ensureHost: commandDef(EnsureHostCommand, (c) => this.applyEnsureHost(c.id, c.at)),
    addHosts: commandDef(AddHostsSchema, (c) => this.applyAddHosts(c)),
    deleteHosts: commandDef(DeleteHostsCommand, (c) => this.applyDeleteHosts(c.hostIds)),
  };

  constructor(
    readonly world: World,
    readonly tasks: Tasks,
    private readonly hostCount: number,
  ) {
    this.rows = new HostRowCache(
      world.offsetMinutes,
      (h) => this.hostDescriptions(h),
      (h) => this.services(h),
    );
    this.inventory = new InventoryState(world, this.store);
    world.use(this);
    world.use(this.inventory);
    tasks.declare(PREPARE_HOST);
    tasks.onSubmit((record) => {
      if (record.operation.hostStatusAfter) for (const h of record.hostIds) this.preparing.set(h, record);
    });
  }

  /** The agent module tells how a host's agent reads (set once, when the modules are put together). */
  useAgents(agents: AgentReader): void {
    this.agents = agents;
  }

  /** The OB cluster module tells which services run on a host (set once, when the modules are put together). */
  useServices(reader: ServiceReader): void {
    this.serviceReader = reader;
  }

  /** The services deployed on `host` (its `services` in the host answers). */
  services(host: HostRecord): readonly HostService[] {
    return this.serviceReader.services(host);
  }

  reset(): void {
    // Hosts are dated from the clock's start, so a restart rebuilds them byte for byte.
    this.store.clear(generateHosts(this.world.seed, this.hostCount, this.world.clock.anchor().simStart));
    this.ensured = [];
    this.added = [];
    this.nextAddedHostId = ADDED_HOST_IDS_FROM;
    this.preparing.clear();
    this.deletedHosts.clear();
  }

  /** The host with this id, or OCP's 404 (CMP07005). */
  host(id: number): HostRecord {
    const host = this.store.host(id);
    if (!host) throw new OcpError('hostNotFound', [id, null]);
    return host;
  }

  /** The host with this id, if there is one. */
  findHost(id: number): HostRecord | undefined {
    return this.store.host(id);
  }

  /** Every host, in id order. */
  hosts(): readonly HostRecord[] {
    return this.store.hosts();
  }

  /** The descriptions of the IDC, region and host type `host` points at (null where one has none). */
  hostDescriptions(host: HostRecord): HostDescriptions {
    const inventory = this.inventory;
    return {
      idc: inventory.find('idcs', host.idcId)?.description ?? null,
      region: inventory.find('regions', host.regionId)?.description ?? null,
      type: inventory.find('hostTypes', host.typeId)?.description ?? null,
    };
  }

  /** The host's agent status now (what the agent module says). */
  agentStatus(host: HostRecord, now = this.world.now()): AgentStatus {
    return this.agents.agentStatus(host, now);
  }

  /** Makes sure a host with this id exists (a new one has a running agent). */
  ensureHost(id: number): HostRecord {
    return this.store.host(id) ?? (this.world.commit({ c: 'ensureHost', id, at: this.world.now() }) as HostRecord);
  }

  private applyEnsureHost(id: number, at: number): HostRecord {
    // A compacted file lists a host ensured, deleted and ensured again twice.
    const existing = this.store.host(id);
    if (existing) return existing;
    const host = generateRunningHost(this.world.seed, id, this.store.hosts().length, at);
    this.store.addHosts([host]);
    this.ensured.push({ id, at });
    this.deletedHosts.delete(id);
    return host;
  }

  /**
   * Adds hosts (ocp-docs/host/1500): each a NEW host without an agent, and a "Prepare host" task of
   * its own that installs one, run in `scenarioName`. All or none: an unknown IDC or host type 404
   * COM10002, an address a host already has 400 CMP07001 (both *inferred*). Returns the tasks in
   * the order of the hosts.
   */
  addHosts(request: BatchCreateHostsRequest, creator: Creator, scenarioName: string): TaskView[] {
    const idc = this.inventory.record('idcs', request.idcId) as IdcRecord;
    const type = this.inventory.record('hostTypes', request.typeId);
    const region = this.inventory.record('regions', idc.regionId);
    this.world.scenarios.get(scenarioName);
    for (const h of request.hostBasicDataList) {
      if (this.store.hostWithAddress(h.innerIpAddress)) throw new OcpError('hostExists', [h.innerIpAddress, request.sshPort]);
    }
    const command: AddHostsCommand = {
      c: 'addHosts',
      at: this.world.now(),
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
    this.world.commit(command);
    // A new host has no task on it and an agent that is not installed: nothing to check before its own preparation.
    return command.hosts.map((h) => this.tasks.submit(PREPARE_HOST, creator, [h.id], scenarioName));
  }

  private applyAddHosts(command: AddHostsCommand): void {
    const { c: _, at, hosts, status, updatedAt, ...shared } = command;
    const records = hosts.map(({ id, ...one }) => {
      const host = generateAddedHost(this.world.seed, id, { ...shared, ...one }, at);
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
   * the operation declares (`hostStatusAfter`); any other host, its record's.
   */
  hostStatus(host: HostRecord, now = this.world.now()): HostStatus {
    return this.prepared(host, now)?.status ?? host.status;
  }

  /** The host's status and `updateTime` (epoch ms): a host its task updated was updated when that node finished. */
  hostState(host: HostRecord, now = this.world.now()): { status: HostStatus; updateTime: number } {
    const done = this.prepared(host, now);
    return done ? { status: done.status, updateTime: Math.floor(done.at / 1000) * 1000 } : { status: host.status, updateTime: host.updateTime };
  }

  /** What a host's "Prepare host" task has made of it, once it has: its status and when. */
  private prepared(host: HostRecord, now: number): { status: HostStatus; at: number } | undefined {
    const task = host.status === 'NEW' ? this.preparing.get(host.id) : undefined;
    const effect = task?.operation.hostStatusAfter;
    if (!task || !effect) return undefined;
    const node = this.tasks.views.subtasksOn(task, host.id, now).onHost.find((s) => s.node.kind === effect.after);
    if (node?.status !== 'SUCCESSFUL' || node.operation === 'ROLLBACK') return undefined;
    return { status: effect.status, at: node.finishTime ?? now };
  }

  /**
   * Deletes hosts, all or none: an unknown one is 404 CMP07005, one with an operation still
   * running on its agent (or an agent busy otherwise) 400 CMP07019, one a service runs on (an OB
   * server) 400 CMP07004. Their tasks stay readable.
   */
  deleteHosts(hostIds: readonly number[]): void {
    const at = this.world.now();
    for (const id of hostIds) {
      const host = this.host(id);
      const refusal = this.agents.deleteRefusal(host, at);
      if (refusal) throw refusal;
      // *Inferred*: {0} names the host as CMP07019 does (id:address), {1} the status a released host reads.
      if (this.services(host).length > 0) throw new OcpError('hostInUse', [`${host.id}:${host.innerIpAddress}`, 'ONLINE']);
    }
    this.world.commit({ c: 'deleteHosts', at, hostIds: [...hostIds] });
  }

  private applyDeleteHosts(hostIds: readonly number[]): void {
    for (const id of hostIds) {
      this.deletedHosts.add(id);
      this.preparing.delete(id);
    }
    this.store.removeHosts(new Set(hostIds));
  }

  liveBound(): number {
    return this.ensured.length + this.added.length + (this.deletedHosts.size > 0 ? 1 : 0);
  }

  /** Hosts ensured and added first (tasks name them), deleted ones last. */
  live(now: number): RankedCommands[] {
    const deleted = [...this.deletedHosts].sort((a, b) => a - b);
    return [
      { rank: 10, commands: this.ensured.map(({ id, at }) => ({ c: 'ensureHost', id, at })) },
      { rank: 30, commands: this.addedHostCommands(now) },
      { rank: 70, commands: deleted.length > 0 ? [{ c: 'deleteHosts', at: now, hostIds: deleted }] : [] },
    ];
  }

  /**
   * Hosts added through the API, one line each, with the names they were given (whatever the
   * inventory holds now). One whose task will not be replayed (dropped and over) is written with
   * the status that task left it in.
   */
  private addedHostCommands(now: number): AddHostsCommand[] {
    return this.added.map((host) => {
      const task = this.preparing.get(host.id);
      const replayed = task !== undefined && (this.tasks.find(task.id) === task || !this.tasks.views.at(task, now).settled);
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
}
