/**
 * OCP's OB cluster module as its calls see it: the clusters, their zones and their servers, and
 * the services they put on the hosts they run on. The seeded clusters are regenerated from the
 * seeded hosts at every reset (and restore), as the hosts are. It is registered after the host
 * module, so a reset finds the hosts made first.
 *
 * Statuses follow the tasks (operations.ts): an operation's task is the cluster's `pending` one;
 * while it runs, what it acts on reads the operation's `during` status; once it has succeeded the
 * `after` one is kept (folded into the records); a task that failed or was rolled back leaves what
 * they read before. One operation at a time: while the cluster's last task runs or has failed
 * (open to a retry or a rollback) the next is refused, OBE11020 (*inferred*: OCP's text for it).
 * Folding is a pure function of the task and the instant, so a state file's replay of the same
 * submissions folds the same way; a compaction writes the folded statuses (`clusterStatuses`).
 *
 * The host module does not know this one: this module tells it which services each host runs
 * (`compute.useServices`), so a host's `services` name exactly the clusters whose servers run on
 * it, and the host module refuses to delete a host that runs one (CMP07004).
 */
import { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import type { Caller } from '../../core/call.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import type { TaskRecord, TaskSubject, TaskView } from '../../engine/index.js';
import { type Compute, type HostRecord, type HostService, NO_SERVICES } from '../compute/index.js';
import { generateClusters, type ObClusterRecord, type ObServerRecord, type ObZoneRecord } from './fakes/clusters.js';
import { CLUSTER_OPERATIONS, type ClusterOperation, type ClusterOperationId } from './operations.js';

/** The statuses a compaction keeps: every cluster's, zone's and server's, folded. */
const StatusesCommand = z.strictObject({
  c: z.literal('clusterStatuses'),
  clusters: z.array(
    z.strictObject({ id: z.number().int(), status: z.string(), zones: z.record(z.string(), z.string()), servers: z.record(z.string(), z.string()) }),
  ),
});

/** A cluster's last operation while it may still change what the cluster reads. */
interface Pending {
  task: TaskRecord;
  decl: ClusterOperation;
  /** The zone a zone operation acts on. */
  zone?: ObZoneRecord;
  /** The server a server operation acts on. */
  server?: ObServerRecord;
}

/** What an operation acts on: the cluster itself (a cluster operation), its zones and their servers. */
interface Targets {
  cluster: boolean;
  zones: readonly ObZoneRecord[];
  /** Servers acted on beyond those of `zones` (a server operation's one). */
  servers: readonly ObServerRecord[];
}

/** Where the statuses of one read come from: the records, and the tasks still working on them. */
export interface StatusReader {
  cluster(c: ObClusterRecord): string;
  zone(z: ObZoneRecord): string;
  server(s: ObServerRecord): string;
}

const OPERATION_BY_ID = new Map<string, ClusterOperation>(Object.values(CLUSTER_OPERATIONS).map((o) => [o.operation.id, o]));

export class ObClusters implements StateSlice {
  readonly commands = {
    clusterStatuses: commandDef(StatusesCommand, (c) => this.applyStatuses(c)),
  };
  /** Each cluster's last operation, while it may still change what the cluster reads (running, or failed and open to retry). */
  private pending = new Map<number, Pending>();
  /** Whether any status was ever folded (a compaction writes them only then). */
  private folded = false;
  private clusterList: ObClusterRecord[] = [];
  private byId = new Map<number, ObClusterRecord>();
  /** Each host's services (frozen, one array per host: the host rows' cache compares them by identity). */
  private servicesByHost = new Map<number, readonly HostService[]>();

  constructor(
    readonly world: World,
    readonly compute: Compute,
    readonly tasks: Tasks,
  ) {
    world.use(this);
    for (const o of OPERATION_BY_ID.values()) tasks.declare(o.operation);
    tasks.onSubmit((record) => this.follow(record));
    compute.useServices({ services: (host: HostRecord) => this.servicesByHost.get(host.id) ?? NO_SERVICES });
  }

  reset(): void {
    this.clusterList = generateClusters(this.world.seed, this.compute.hosts(), this.world.clock.anchor().simStart);
    this.byId = new Map(this.clusterList.map((c) => [c.id, c]));
    this.pending.clear();
    this.folded = false;
    const services = new Map<number, HostService[]>();
    for (const c of this.clusterList) {
      // As OCP names a cluster's service: `{name}:{obClusterId}` (ocp-docs/cluster/200's `service_name=terran:1`, the host samples' `cluster01:1`).
      const service: HostService = Object.freeze({ name: `${c.name}:${c.obClusterId}`, softwarePackageId: null, type: 'OB_CLUSTER', version: c.obVersion });
      for (const s of this.servers(c)) {
        const list = services.get(s.hostId) ?? [];
        list.push(service);
        services.set(s.hostId, list);
      }
    }
    this.servicesByHost = new Map([...services].map(([id, list]) => [id, Object.freeze(list)]));
  }

  /** Every cluster, in id order. */
  clusters(): readonly ObClusterRecord[] {
    return this.clusterList;
  }

  /** The cluster with this id, or OCP's 404 (OBE11001, *inferred* status). */
  cluster(id: number): ObClusterRecord {
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
    const clusterDuring = new Map<number, string>();
    const zoneDuring = new Map<ObZoneRecord, string>();
    const serverDuring = new Map<ObServerRecord, string>();
    for (const [id, p] of this.pending) {
      const view = this.tasks.views.at(p.task, now);
      if (view.status !== 'RUNNING') continue;
      const targets = this.targetsOf(this.byId.get(id) as ObClusterRecord, p);
      if (targets.cluster) clusterDuring.set(id, p.decl.statuses.during);
      for (const z of targets.zones) zoneDuring.set(z, p.decl.statuses.during);
      for (const sv of targets.servers) serverDuring.set(sv, p.decl.statuses.during);
    }
    const zoneOf = (s: ObServerRecord) => this.byId.get(s.clusterId)?.zones.find((z) => z.name === s.zoneName);
    return {
      cluster: (c) => clusterDuring.get(c.id) ?? c.status,
      zone: (z) => zoneDuring.get(z) ?? z.status,
      server: (s) => {
        const z = zoneDuring.size > 0 ? zoneOf(s) : undefined;
        return (z && zoneDuring.get(z)) ?? serverDuring.get(s) ?? s.status;
      },
    };
  }

  /** Folds every pending task that has settled for good (succeeded, or rolled back) at `now`. */
  private settle(now: number): void {
    for (const [id, p] of this.pending) this.settleOne(this.byId.get(id) as ObClusterRecord, p, now);
  }

  private settleOne(cluster: ObClusterRecord, p: Pending, now: number): TaskView {
    const view = this.tasks.views.at(p.task, now);
    if (view.status === 'SUCCESSFUL') {
      const targets = this.targetsOf(cluster, p);
      const after = p.decl.statuses.after;
      if (targets.cluster) cluster.status = after;
      for (const z of targets.zones) {
        z.status = after;
        for (const s of z.servers) s.status = after;
      }
      for (const s of targets.servers) s.status = after;
      this.folded = true;
      this.pending.delete(cluster.id);
    } else if (view.rolledBack) {
      this.pending.delete(cluster.id);
    }
    return view;
  }

  private targetsOf(cluster: ObClusterRecord, p: Pending): Targets {
    if (p.decl.scope === 'cluster') return { cluster: true, zones: cluster.zones, servers: [] };
    return { cluster: false, zones: p.zone ? [p.zone] : [], servers: p.server ? [p.server] : [] };
  }

  /** A cluster operation's task, submitted (live or replayed): it becomes its cluster's pending one, the one before folded as of then. */
  private follow(record: TaskRecord): void {
    const decl = OPERATION_BY_ID.get(record.operation.id);
    const cluster = record.subject ? this.byId.get(record.subject.cluster.id) : undefined;
    if (!decl || !cluster) return;
    const before = this.pending.get(cluster.id);
    if (before) this.settleOne(cluster, before, record.createdAt);
    const zoneName = record.subject?.context.stringMap.zone_name;
    const zone = decl.scope === 'zone' ? cluster.zones.find((z) => z.name === zoneName) : undefined;
    const serverId = record.subject?.serverIds[0];
    const server = decl.scope === 'server' ? this.servers(cluster).find((s) => s.id === serverId) : undefined;
    this.pending.set(cluster.id, { task: record, decl, zone, server });
  }

  /**
   * Runs a cluster operation (on one zone, for a zone operation): refused while the cluster's last
   * task has not ended for good (OBE11020), when what it acts on is in another status than the
   * operation starts from (OBE11007, OBE18004), or when an OCP agent on one of its servers' hosts
   * is not AVAILABLE (CMP07019: *inferred*, the one place this rule is: OCP runs every observer step
   * through the host's agent, so it is refused at once rather than left to fail a node).
   */
  runOperation(id: ClusterOperationId, clusterId: number, target: { zoneName?: string; serverId?: number }, caller: Caller, scenario: string): TaskView {
    const decl: ClusterOperation = CLUSTER_OPERATIONS[id];
    const now = this.world.now();
    const cluster = this.cluster(clusterId);
    const server = decl.scope === 'server' ? this.server(cluster, Number(target.serverId)) : undefined;
    const zone = decl.scope === 'zone' ? this.zone(cluster, String(target.zoneName)) : server ? this.zone(cluster, server.zoneName) : undefined;
    this.world.scenarios.get(scenario);
    const statuses = this.statusesAt(now);
    const last = this.pending.get(cluster.id);
    if (last && !this.tasks.views.at(last.task, now).rolledBack) throw new OcpError('clusterBusy', []);
    if (server) {
      if (!decl.statuses.from.includes(statuses.server(server))) throw new OcpError('serverStateForbids', [decl.statuses.from.join(',')]);
    } else if (zone) {
      if (!decl.statuses.from.includes(statuses.zone(zone))) throw new OcpError('zoneStateForbids', [zone.name]);
    } else if (!decl.statuses.from.includes(statuses.cluster(cluster))) {
      throw new OcpError('clusterStateForbids', [cluster.name, statuses.cluster(cluster)]);
    }
    const zones = zone ? [zone] : cluster.zones;
    const servers = server ? [server] : zones.flatMap((z) => z.servers);
    for (const s of servers) {
      const host = this.compute.findHost(s.hostId);
      if (host && this.compute.agentStatus(host, now) !== 'AVAILABLE') throw new OcpError('agentStateForbids', [`${host.id}:${host.innerIpAddress}`]);
    }
    const subjectCluster = { id: cluster.id, name: cluster.name, obClusterId: cluster.obClusterId, type: cluster.type };
    const serverZones = servers.map((s) => zones.findIndex((z) => z.name === s.zoneName));
    const hostIds = servers.map((s) => s.hostId);
    const context = decl.operation.context?.({
      cluster: { ...subjectCluster, status: statuses.cluster(cluster), obVersion: cluster.obVersion },
      zones: zones.map((z) => z.name),
      serverIds: servers.map((s) => s.id),
      serverZones,
      hostIds,
      prohibitRollback: false,
      extra: zone ? { zone_name: zone.name, zone_status: statuses.zone(zone) } : {},
    }) ?? { stringMap: {}, listMap: {} };
    const subject: TaskSubject = { cluster: subjectCluster, zones: zones.map((z) => z.name), serverIds: servers.map((s) => s.id), serverZones, context };
    return this.tasks.submit(decl.operation, caller, hostIds, scenario, undefined, subject);
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
    this.folded = true;
  }

  /** The folded statuses, once any changed (before the tasks, rank 35: their replay folds the rest again). */
  live(now: number): RankedCommands[] {
    this.settle(now);
    if (!this.folded) return [];
    const clusters = this.clusterList.map((c) => ({
      id: c.id,
      status: c.status,
      zones: Object.fromEntries(c.zones.map((z) => [z.name, z.status])),
      servers: Object.fromEntries(c.zones.flatMap((z) => z.servers.map((s) => [String(s.id), s.status]))),
    }));
    return [{ rank: 35, commands: [{ c: 'clusterStatuses', clusters } as Command] }];
  }

  liveBound(): number {
    return this.folded ? 1 : 0;
  }
}
