/**
 * OCP's OB cluster module as its calls see it: the clusters, their zones and their servers, and
 * the services they put on the hosts they run on. The seeded clusters are regenerated from the
 * seeded hosts at every reset (and restore), as the hosts are. It is registered after the host
 * module, so a reset finds the hosts made first.
 *
 * Everything follows the tasks. An operation's task is its cluster's `pending` one: while it runs,
 * what it acts on (its targets) reads the operation's `during` status; once it has succeeded the
 * `after` one is kept (folded into the records) and its change committed (changes.ts: what a
 * delete unmakes goes, an upgrade's version is set); once rolled back what it made goes again; a
 * failed task leaves the rest as it read before. One operation at a time: while the cluster's last
 * task runs or has failed (open to a retry or a rollback) the next is refused, OBE11020
 * (*inferred*: OCP's text for it). Folding is a pure function of the task and the instant, so a
 * state file's replay of the same submissions folds the same way; a compaction writes the records
 * as they are (`obClusters`), and the replay of the tasks after it lands on them unchanged.
 *
 * The host module does not know this one: this module tells it which services each host runs
 * (`compute.useServices`), so a host's `services` name exactly the clusters whose servers run on
 * it, and the host module refuses to delete a host that runs one (CMP07004).
 */
import type { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import type { Caller } from '../../core/call.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import type { SubjectFacts, TaskRecord, TaskSubject, TaskView } from '../../engine/index.js';
import { type Compute, type HostRecord, type HostService, NO_SERVICES } from '../compute/index.js';
import { begin, ClusterChange, type ClusterRecords, commit, type Targets, targetsOf, undo } from './changes.js';
import { generateClusters, type ObClusterRecord, type ObServerRecord, type ObZoneRecord, SERVER_IDS_FROM } from './fakes/clusters.js';
import { DEFAULT_CLUSTERS } from './fakes/extraClusters.js';
import { LIFECYCLE_OPERATIONS } from './lifecycleOperations.js';
import type { ClusterOperation } from './nodeTemplates.js';
import { CLUSTER_OPERATIONS, type ClusterOperationId } from './operations.js';
import { ROLE_OPERATIONS } from './roleOperations.js';
import { ClusterSnapshot, StatusesCommand } from './snapshot.js';

/** A cluster's last operation while it may still change what the cluster reads. */
interface Pending {
  task: TaskRecord;
  decl: ClusterOperation;
  change?: ClusterChange;
  targets: Targets;
}

/** Where the statuses of one read come from: the records, and the tasks still working on them. */
export interface StatusReader {
  cluster(c: ObClusterRecord): string;
  zone(z: ObZoneRecord): string;
  server(s: ObServerRecord): string;
}

/** What a submission is about: its cluster (as it will be, for a create), zones, servers and the operation's own facts. */
export interface Submission {
  cluster: { id: number; name: string; obClusterId: number; type: 'PRIMARY' | 'STANDBY'; status: string; obVersion: string };
  zones: readonly string[];
  servers: readonly { id: number; hostId: number; zone: number }[];
  extra?: Record<string, string>;
  lists?: Record<string, readonly string[]>;
  change?: ClusterChange;
}

/** Every cluster operation by its id: the status ones, the lifecycle ones, switchover and failover. */
const OPERATION_BY_ID = new Map<string, ClusterOperation>(
  [...Object.values(CLUSTER_OPERATIONS), ...Object.values(LIFECYCLE_OPERATIONS), ...Object.values(ROLE_OPERATIONS)].map((o) => [o.operation.id, o]),
);

const NO_TARGETS: Targets = { clusters: [], zones: [], servers: [] };

/**
 * What the cluster module needs of the tenant module above it, which tells it (`useTenants`): the
 * tenants a cluster holds, and whether what a delete removes holds what tenants need (it throws
 * OCP's refusal: a cluster with user tenants, a zone with their units, servers their units cannot
 * leave).
 */
export interface TenantReader {
  tenantCount(clusterId: number): number;
  refuseRemoval(
    cluster: ObClusterRecord,
    what: { kind: 'cluster' } | { kind: 'zone'; zoneName: string } | { kind: 'servers'; serverIds: readonly number[] },
  ): void;
}

/** Who hears what a task's change made or unmade (the tenant module: a new cluster's sys tenant, units on removed servers). */
export interface ClusterListener {
  clusterAdded(cluster: ObClusterRecord): void;
  clusterRemoved(cluster: ObClusterRecord): void;
  serversRemoved(cluster: ObClusterRecord, servers: readonly ObServerRecord[]): void;
}

const NO_TENANTS: TenantReader = { tenantCount: () => 0, refuseRemoval: () => {} };

export class ObClusters implements StateSlice {
  readonly commands = {
    clusterStatuses: commandDef(StatusesCommand, (c) => this.applyStatuses(c)),
    obClusters: commandDef(ClusterSnapshot, (c) => this.applySnapshot(c)),
  };
  /** Each cluster's last operation, while it may still change what the cluster reads (running, or failed and open to retry). */
  private pending = new Map<number, Pending>();
  /** Whether anything was folded or made since the seed (a compaction writes the records only then). */
  private changed = false;
  private clusterList: ObClusterRecord[] = [];
  private byId = new Map<number, ObClusterRecord>();
  /** Each host's servers, of every cluster. */
  private serversByHost = new Map<number, ObServerRecord[]>();
  /** Each host's services (frozen, one array per host: the host rows' cache compares them by identity). */
  private servicesByHost = new Map<number, readonly HostService[]>();
  /** The next ids a create hands out; they only grow, so a deleted cluster's id is never reused (its tasks keep it). */
  private next = { clusterId: 1, obClusterId: 1, serverId: SERVER_IDS_FROM };
  private readonly records: ClusterRecords = {
    find: (id) => this.byId.get(id),
    add: (c) => this.addCluster(c),
    remove: (c) => this.removeCluster(c),
    hostsChanged: (hostIds) => this.hostsChanged(hostIds),
    serversRemoved: (c, servers) => {
      for (const l of this.listeners) l.serversRemoved(c, servers);
    },
  };
  /** The tenant module, once it has registered (`useTenants`). */
  tenants: TenantReader = NO_TENANTS;
  private listeners: ClusterListener[] = [];

  constructor(
    readonly world: World,
    readonly compute: Compute,
    readonly tasks: Tasks,
    /** How many clusters the seed lays out (`--clusters`). */
    private readonly seededCount = DEFAULT_CLUSTERS,
  ) {
    world.use(this);
    for (const o of OPERATION_BY_ID.values()) tasks.declare(o.operation);
    tasks.onSubmit((record) => this.follow(record));
    compute.useServices({ services: (host: HostRecord) => this.servicesByHost.get(host.id) ?? NO_SERVICES });
  }

  reset(): void {
    this.setClusters(generateClusters(this.world.seed, this.compute.hosts(), this.world.clock.anchor().simStart, this.seededCount));
    this.pending.clear();
    this.changed = false;
  }

  private setClusters(clusters: ObClusterRecord[]): void {
    this.clusterList = clusters;
    this.byId = new Map(clusters.map((c) => [c.id, c]));
    this.servicesByHost = new Map();
    this.next = { clusterId: 1, obClusterId: 1, serverId: SERVER_IDS_FROM };
    for (const c of clusters) this.countIds(c);
    this.hostsChanged([...new Set(clusters.flatMap((c) => this.servers(c).map((s) => s.hostId)))]);
  }

  private countIds(c: ObClusterRecord): void {
    this.next.clusterId = Math.max(this.next.clusterId, c.id + 1);
    this.next.obClusterId = Math.max(this.next.obClusterId, c.obClusterId + 1);
    for (const s of this.servers(c)) this.next.serverId = Math.max(this.next.serverId, s.id + 1);
  }

  /** The ids the next create or server addition takes (`servers` of them). */
  nextIds(servers: number): { clusterId: number; obClusterId: number; serverIds: number[] } {
    return { clusterId: this.next.clusterId, obClusterId: this.next.obClusterId, serverIds: Array.from({ length: servers }, (_, i) => this.next.serverId + i) };
  }

  /** The ids a change hands out are taken, made or not (a replay over a snapshot may find them made). */
  private noteIds(change: ClusterChange, clusterId: number): void {
    const servers =
      change.kind === 'createCluster'
        ? change.zones.flatMap((z) => z.servers)
        : change.kind === 'addZone'
          ? change.zone.servers
          : change.kind === 'addServers'
            ? change.servers
            : change.kind === 'replaceServer'
              ? [change.server]
              : [];
    for (const s of servers) this.next.serverId = Math.max(this.next.serverId, s.id + 1);
    if (change.kind !== 'createCluster') return;
    this.next.clusterId = Math.max(this.next.clusterId, clusterId + 1);
    this.next.obClusterId = Math.max(this.next.obClusterId, change.obClusterId + 1);
  }

  private addCluster(c: ObClusterRecord): void {
    this.byId.set(c.id, c);
    this.clusterList = [...this.clusterList.filter((x) => x.id !== c.id), c].sort((a, b) => a.id - b.id);
    this.countIds(c);
    for (const l of this.listeners) l.clusterAdded(c);
  }

  private removeCluster(c: ObClusterRecord): void {
    this.byId.delete(c.id);
    this.clusterList = this.clusterList.filter((x) => x !== c);
    for (const l of this.listeners) l.clusterRemoved(c);
  }

  /** The tenant module registers here: what the clusters' rows and deletes ask of tenants, and what it hears of clusters made and unmade. */
  useTenants(reader: TenantReader, listener: ClusterListener): void {
    this.tenants = reader;
    this.listeners.push(listener);
  }

  /** Folds what has settled at the world's now (a module above reads the records after it). */
  settleNow(): void {
    this.settle(this.world.now());
  }

  /**
   * Reads the servers of these hosts again: the index of servers by host is rebuilt (a structural
   * change is rare: one per task submission or fold), the services of these hosts only, so the
   * other hosts' rows stay cached.
   */
  private hostsChanged(hostIds: readonly number[]): void {
    const byHost = new Map<number, ObServerRecord[]>();
    for (const c of this.clusterList) {
      for (const s of this.servers(c)) {
        const list = byHost.get(s.hostId);
        if (list) list.push(s);
        else byHost.set(s.hostId, [s]);
      }
    }
    this.serversByHost = byHost;
    for (const hostId of hostIds) {
      const clusterIds = [...new Set((byHost.get(hostId) ?? []).map((s) => s.clusterId))];
      const services = clusterIds.map((id) => this.serviceOf(this.byId.get(id) as ObClusterRecord));
      if (services.length === 0) this.servicesByHost.delete(hostId);
      else this.servicesByHost.set(hostId, Object.freeze(services));
    }
  }

  /** As OCP names a cluster's service: `{name}:{obClusterId}` (ocp-docs/cluster/200's `service_name=terran:1`, the host samples' `cluster01:1`). */
  private serviceOf(c: ObClusterRecord): HostService {
    return Object.freeze({ name: `${c.name}:${c.obClusterId}`, softwarePackageId: null, type: 'OB_CLUSTER', version: c.obVersion });
  }

  /** Every cluster, in id order. */
  clusters(): readonly ObClusterRecord[] {
    this.settle(this.world.now());
    return this.clusterList;
  }

  /** The cluster with this id, or OCP's 404 (OBE11001, *inferred* status). */
  cluster(id: number): ObClusterRecord {
    // What a settled task unmade (a deleted cluster) is gone before anyone looks it up.
    this.settle(this.world.now());
    const cluster = this.byId.get(id);
    if (!cluster) throw new OcpError('clusterNotFound', [id]);
    return cluster;
  }

  findCluster(id: number): ObClusterRecord | undefined {
    return this.byId.get(id);
  }

  /** The zone of this name in the cluster, or OCP's 404 (OBE18002, *inferred* status). */
  zone(cluster: ObClusterRecord, zoneName: string): ObZoneRecord {
    const zone = cluster.zones.find((z) => z.name === zoneName);
    if (!zone) throw new OcpError('zoneNotFound', [cluster.id, zoneName]);
    return zone;
  }

  /** The server of this id in the cluster, or OCP's 404 (OBE19001, *inferred* status). */
  server(cluster: ObClusterRecord, serverId: number): ObServerRecord {
    const server = this.servers(cluster).find((s) => s.id === serverId);
    if (!server) throw new OcpError('serverNotFound', [serverId]);
    return server;
  }

  /** Every server of the cluster, zone by zone. */
  servers(cluster: ObClusterRecord): ObServerRecord[] {
    return cluster.zones.flatMap((z) => z.servers);
  }

  /** The servers, of every cluster, on a host. */
  serversOn(hostId: number): readonly ObServerRecord[] {
    return this.serversByHost.get(hostId) ?? [];
  }

  /** The services on a host (what its `services` print). */
  servicesOn(hostId: number): readonly HostService[] {
    return this.servicesByHost.get(hostId) ?? NO_SERVICES;
  }

  /** The cluster's last task while it has not ended for good (running, or failed and open to a retry or a rollback): what refuses the next operation (OBE11020). */
  openTask(clusterId: number, now: number): TaskView | undefined {
    const last = this.pending.get(clusterId);
    if (!last) return undefined;
    const view = this.tasks.views.at(last.task, now);
    return view.status === 'SUCCESSFUL' || view.rolledBack ? undefined : view;
  }

  /** Statuses at `now`: what has settled is folded first, then a running task's status shows over the records'. */
  statusesAt(now: number): StatusReader {
    this.settle(now);
    const clusterDuring = new Map<ObClusterRecord, string>();
    const zoneDuring = new Map<ObZoneRecord, string>();
    const serverDuring = new Map<ObServerRecord, string>();
    for (const p of this.pending.values()) {
      if (this.tasks.views.at(p.task, now).status !== 'RUNNING') continue;
      for (const c of p.targets.clusters) clusterDuring.set(c, p.decl.statuses.during);
      for (const z of p.targets.zones) zoneDuring.set(z, p.decl.statuses.during);
      for (const sv of p.targets.servers) serverDuring.set(sv, p.decl.statuses.during);
    }
    const zoneOf = (s: ObServerRecord) => this.byId.get(s.clusterId)?.zones.find((z) => z.name === s.zoneName);
    return {
      cluster: (c) => clusterDuring.get(c) ?? c.status,
      zone: (z) => zoneDuring.get(z) ?? z.status,
      server: (s) => {
        const z = zoneDuring.size > 0 ? zoneOf(s) : undefined;
        return (z && zoneDuring.get(z)) ?? serverDuring.get(s) ?? s.status;
      },
    };
  }

  /** Whether the cluster's last task has not ended for good (running, or failed and open to a retry or rollback). */
  busy(clusterId: number, now: number): boolean {
    // A switchover works on both clusters of its pair: either is busy while it has not ended for good.
    for (const [id, p] of this.pending) {
      const pair = p.change?.kind === 'switchover' && (p.change.primaryId === clusterId || p.change.standbyId === clusterId);
      if ((id === clusterId || pair) && !this.tasks.views.at(p.task, now).rolledBack) return true;
    }
    return false;
  }

  /** Folds every pending task that has settled for good (succeeded, or rolled back) at `now`. */
  private settle(now: number): void {
    for (const [id, p] of this.pending) this.settleOne(id, p, now);
  }

  private settleOne(clusterId: number, p: Pending, now: number): void {
    const view = this.tasks.views.at(p.task, now);
    // A rolled-back task also reads SUCCESSFUL (its rollback succeeded): it is asked first.
    if (view.rolledBack) {
      if (p.change) undo(p.change, clusterId, this.records);
      this.pending.delete(clusterId);
    } else if (view.status === 'SUCCESSFUL') {
      const { after } = p.decl.statuses;
      if (after !== 'DELETED') {
        for (const c of p.targets.clusters) c.status = after;
        for (const z of p.targets.zones) {
          z.status = after;
          for (const s of z.servers) s.status = after;
        }
        for (const s of p.targets.servers) s.status = after;
      }
      if (p.change) commit(p.change, clusterId, this.records);
      this.changed = true;
      this.pending.delete(clusterId);
    }
  }

  /** A status operation's targets: the whole cluster, the zone named, or the one server. */
  private statusTargets(cluster: ObClusterRecord, decl: ClusterOperation, subject: TaskSubject): Targets {
    if (decl.scope === 'cluster') return { clusters: [cluster], zones: cluster.zones, servers: [] };
    if (decl.scope === 'zone') return { clusters: [], zones: cluster.zones.filter((z) => z.name === subject.context.stringMap.zone_name), servers: [] };
    return { clusters: [], zones: [], servers: this.servers(cluster).filter((s) => s.id === subject.serverIds[0]) };
  }

  /** A cluster operation's task, submitted (live or replayed): it becomes its cluster's pending one, the one before folded as of then. */
  private follow(record: TaskRecord): void {
    const decl = OPERATION_BY_ID.get(record.operation.id);
    const subject = record.subject;
    if (!decl || !subject) return;
    const clusterId = subject.cluster.id;
    const before = this.pending.get(clusterId);
    if (before) this.settleOne(clusterId, before, record.createdAt);
    const parsed = subject.change ? ClusterChange.safeParse(subject.change) : undefined;
    const change = parsed?.success ? parsed.data : undefined;
    if (change) {
      begin(change, clusterId, this.records, record.createdAt);
      this.noteIds(change, clusterId);
    }
    const cluster = this.byId.get(clusterId);
    if (!cluster) return;
    const targets = change ? targetsOf(change, clusterId, this.records) : this.statusTargets(cluster, decl, subject);
    this.pending.set(clusterId, { task: record, decl, change, targets: targets ?? NO_TARGETS });
    if (change) this.changed = true;
  }

  /** Submits a cluster operation's task about `s` (checked by the caller: nothing is refused here). */
  submit(decl: ClusterOperation, s: Submission, caller: Caller, scenario: string): TaskView {
    const hostIds = s.servers.map((x) => x.hostId);
    const serverZones = s.servers.map((x) => x.zone);
    const facts: SubjectFacts = {
      cluster: s.cluster,
      zones: s.zones,
      serverIds: s.servers.map((x) => x.id),
      serverZones,
      hostIds,
      prohibitRollback: false,
      extra: s.extra ?? {},
      lists: s.lists ?? {},
    };
    const context = decl.operation.context?.(facts) ?? { stringMap: {}, listMap: {} };
    const { id, name, obClusterId, type } = s.cluster;
    const subject: TaskSubject = {
      cluster: { id, name, obClusterId, type },
      zones: [...s.zones],
      serverIds: facts.serverIds,
      serverZones,
      context,
      ...(s.change ? { change: s.change } : {}),
    };
    return this.tasks.submit(decl.operation, caller, hostIds, scenario, undefined, subject);
  }

  /** The cluster as a submission names it, with its status now. */
  facts(cluster: ObClusterRecord, st: StatusReader): Submission['cluster'] {
    return {
      id: cluster.id,
      name: cluster.name,
      obClusterId: cluster.obClusterId,
      type: cluster.type,
      status: st.cluster(cluster),
      obVersion: cluster.obVersion,
    };
  }

  /**
   * The one place the agent rule is (*inferred*): OCP runs every observer step through the host's
   * agent, so an operation on a server whose host's agent is not AVAILABLE is refused at once
   * (CMP07019) rather than left to fail a node.
   */
  requireAgents(hostIds: readonly number[], now: number): void {
    for (const id of hostIds) {
      const host = this.compute.findHost(id);
      if (host && this.compute.agentStatus(host, now) !== 'AVAILABLE') throw new OcpError('agentStateForbids', [`${host.id}:${host.innerIpAddress}`]);
    }
  }

  /**
   * Runs a status operation (stop, start, restart a cluster, a zone or a server): refused while
   * the cluster's last task has not ended for good (OBE11020), when what it acts on is in another
   * status than the operation starts from (OBE11007, OBE18004, OBE19003), or by the agent rule.
   */
  runOperation(id: ClusterOperationId, clusterId: number, target: { zoneName?: string; serverId?: number }, caller: Caller, scenario: string): TaskView {
    const decl: ClusterOperation = CLUSTER_OPERATIONS[id];
    const now = this.world.now();
    const cluster = this.cluster(clusterId);
    const server = decl.scope === 'server' ? this.server(cluster, Number(target.serverId)) : undefined;
    const zone = decl.scope === 'zone' ? this.zone(cluster, String(target.zoneName)) : server ? this.zone(cluster, server.zoneName) : undefined;
    this.world.scenarios.get(scenario);
    const statuses = this.statusesAt(now);
    if (this.busy(cluster.id, now)) throw new OcpError('clusterBusy', []);
    if (server) {
      if (!decl.statuses.from.includes(statuses.server(server))) throw new OcpError('serverStateForbids', [decl.statuses.from.join(',')]);
    } else if (zone) {
      if (!decl.statuses.from.includes(statuses.zone(zone))) throw new OcpError('zoneStateForbids', [zone.name]);
    } else if (!decl.statuses.from.includes(statuses.cluster(cluster))) {
      throw new OcpError('clusterStateForbids', [cluster.name, statuses.cluster(cluster)]);
    }
    const zones = zone ? [zone] : cluster.zones;
    const servers = server ? [server] : zones.flatMap((z) => z.servers);
    this.requireAgents(
      servers.map((s) => s.hostId),
      now,
    );
    return this.submit(
      decl,
      {
        cluster: this.facts(cluster, statuses),
        zones: zones.map((z) => z.name),
        servers: servers.map((s) => ({ id: s.id, hostId: s.hostId, zone: zones.findIndex((z) => z.name === s.zoneName) })),
        extra: zone ? { zone_name: zone.name, zone_status: statuses.zone(zone) } : {},
      },
      caller,
      scenario,
    );
  }

  private applyStatuses(command: z.infer<typeof StatusesCommand>): void {
    for (const entry of command.clusters) {
      const cluster = this.byId.get(entry.id);
      if (!cluster) continue;
      cluster.status = entry.status;
      for (const z of cluster.zones) {
        z.status = entry.zones[z.name] ?? z.status;
        for (const s of z.servers) s.status = entry.servers[String(s.id)] ?? s.status;
      }
    }
    this.changed = true;
  }

  private applySnapshot(command: z.infer<typeof ClusterSnapshot>): void {
    const clusters = command.clusters.map((c) => structuredClone(c) as ObClusterRecord);
    this.setClusters(clusters);
    this.next.clusterId = Math.max(this.next.clusterId, command.next.clusterId);
    this.next.obClusterId = Math.max(this.next.obClusterId, command.next.obClusterId);
    this.next.serverId = Math.max(this.next.serverId, command.next.serverId);
    this.pending.clear();
    this.changed = true;
  }

  /** The records as they are, once anything changed (before the tasks, rank 35: their replay lands on them unchanged). */
  live(now: number): RankedCommands[] {
    this.settle(now);
    if (!this.changed) return [];
    return [{ rank: 35, commands: [{ c: 'obClusters', clusters: structuredClone(this.clusterList), next: { ...this.next } } as Command] }];
  }

  liveBound(): number {
    return this.changed ? 1 : 0;
  }
}
