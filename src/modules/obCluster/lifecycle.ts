/**
 * The checks and submissions of the lifecycle and role operations (lifecycleOperations.ts,
 * roleOperations.ts): each call's request is checked against the world, in the order OCP's own
 * pages suggest (the cluster, its status and last task, then what the request names), and a
 * refusal changes nothing; what passes becomes one task whose subject carries its ClusterChange.
 *
 * The placement rule for a new OB server, in one place (`placeServers`): its host exists
 * (CMP07005), is ONLINE (CMP07006), sits in the zone's IDC (CMP07008), does not already run this
 * cluster (CMP07010; named twice in one request counts), and its agent is AVAILABLE (the agent
 * rule, ObClusters.requireAgents). A host may run servers of several clusters; each more server
 * on a host takes the ports 1000 above (as the seed does, *inferred*).
 */
import type { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import type { Caller } from '../../core/call.js';
import type { TaskView } from '../../engine/index.js';
import { hashUnit } from '../../util/random.js';
import type { HostRecord } from '../compute/index.js';
import type { SoftwarePackages } from '../softwarePackage/index.js';
import type { ClusterChange, NewServer, NewZone } from './changes.js';
import type { ObClusters, StatusReader, Submission } from './clusters.js';
import type { ObClusterRecord, ObServerRecord, ObZoneRecord } from './fakes/clusters.js';
import { LIFECYCLE_OPERATIONS } from './lifecycleOperations.js';
import type { CreateClusterBody } from './requests.js';
import { ROLE_OPERATIONS } from './roleOperations.js';
import { failoverPreCheck, switchoverPreCheck } from './switchoverChecks.js';

/** OceanBase's zone names (OBE18001's rule). */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_]{1,63}$/;
/** An OceanBase rpm's name: `oceanbase[-ce]-{version}-{release}.el7.x86_64.rpm` (200's, 700's, 900's samples). */
const RPM_NAME = /^oceanbase(?:-ce)?-(\d+\.\d+\.\d+(?:\.\d+)?)-(\d{14}|\d+)(?:\.[\w.]+)?\.rpm$/;

/** The version and build an rpm installs, or PKG10000 for a name that is no OceanBase rpm. */
export function rpmVersion(rpmName: string): { obVersion: string; release: string; build: string } {
  const m = RPM_NAME.exec(rpmName);
  if (!m) throw new OcpError('rpmNotFound', ['rpm', rpmName]);
  const [, obVersion, release] = m as unknown as [string, string, string];
  // A build string as the servers print one (2400's `2.2.73_20201117154111-b6aae...(Nov 17 2020 16:09:04)`), the hash drawn from the name.
  const hash = Array.from({ length: 5 }, (_, i) =>
    Math.floor(hashUnit(obVersion.length + i, release.length, Number(release.slice(-6)) || i) * 0xffffffff)
      .toString(16)
      .padStart(8, '0'),
  ).join('');
  return { obVersion, release, build: `${obVersion}_${release}-${hash}` };
}

/** The rpm a cluster runs, by its build (*inferred*: a cluster record keeps its version and build). */
export function rpmNameOf(cluster: ObClusterRecord): string {
  const release = /_(\d+)-/.exec(cluster.build)?.[1] ?? '1';
  return `oceanbase-${cluster.obVersion}-${release}.el7.x86_64.rpm`;
}

const compareVersions = (a: string, b: string) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
};

export type CreateClusterRequest = z.infer<typeof CreateClusterBody>;

export class ClusterLifecycle {
  constructor(
    readonly clusters: ObClusters,
    private readonly packages: Pick<SoftwarePackages, 'findByName'>,
  ) {}

  /** The rpm's version and build, if the package list holds it as an OceanBase rpm; PKG10000 otherwise (*inferred*: OCP's file-store code, as before the list was asked). */
  private storedRpm(rpmName: string): ReturnType<typeof rpmVersion> {
    const pkg = this.packages.findByName(rpmName);
    if (pkg?.type !== 'OB_SERVER_INSTALL_PACKAGE') throw new OcpError('rpmNotFound', ['rpm', rpmName]);
    return rpmVersion(rpmName);
  }

  private get now() {
    return this.clusters.world.now();
  }

  /** The cluster, refused while its last task has not ended for good (OBE11020) or in a status the operation does not start from (OBE11007). */
  private idle(clusterId: number, from: readonly string[], st: StatusReader): ObClusterRecord {
    const cluster = this.clusters.cluster(clusterId);
    if (this.clusters.busy(cluster.id, this.now)) throw new OcpError('clusterBusy', []);
    if (!from.includes(st.cluster(cluster))) throw new OcpError('clusterStateForbids', [cluster.name, st.cluster(cluster)]);
    return cluster;
  }

  /** New servers on these hosts, in a zone of `idcName` (the placement rule above); `cluster` absent for a cluster not made yet. */
  private placeServers(cluster: ObClusterRecord | undefined, idcName: string, hostIds: readonly number[], firstId: number, rootFirst: boolean): NewServer[] {
    const seen = new Set<number>();
    const hosts = hostIds.map((id): HostRecord => {
      const host = this.clusters.compute.findHost(id);
      if (!host) throw new OcpError('hostNotFound', [id, '']);
      const status = this.clusters.compute.hostStatus(host, this.now);
      if (status !== 'ONLINE') throw new OcpError('hostStateForbids', [status]);
      if (host.idcName !== idcName) throw new OcpError('hostIdcMismatch', [`${host.id}:${host.innerIpAddress}`]);
      const runsIt = cluster !== undefined && this.clusters.serversOn(id).some((s) => s.clusterId === cluster.id);
      if (runsIt || seen.has(id)) throw new OcpError('hostRunsService', [`${host.id}:${host.innerIpAddress}`, 'OB_CLUSTER']);
      seen.add(id);
      return host;
    });
    this.clusters.requireAgents(hostIds, this.now);
    return hosts.map((h, i) => {
      const shared = this.clusters.serversOn(h.id).length;
      return {
        id: firstId + i,
        hostId: h.id,
        ip: h.innerIpAddress,
        port: 2882 + 1000 * shared,
        sqlPort: 2881 + 1000 * shared,
        withRootserver: rootFirst && i === 0,
        hostTypeName: h.typeName,
        idcName: h.idcName,
        regionName: h.regionName,
      };
    });
  }

  /** A new zone's IDC and region, from its first host (the rule above has checked they all sit there). */
  private newZone(name: string, servers: NewServer[]): NewZone {
    const host = this.clusters.compute.findHost(servers[0]?.hostId ?? 0) as HostRecord;
    return { name, idcId: host.idcId, idcName: host.idcName, regionId: host.regionId, regionName: host.regionName, servers };
  }

  private checkZoneName(name: string): void {
    if (!ZONE_NAME.test(name)) throw new OcpError('zoneNameInvalid', []);
  }

  /** 200: a cluster on fresh hosts; it reads CREATING until its task has succeeded. */
  create(req: CreateClusterRequest, caller: Caller, scenario: string): TaskView {
    if (!req.rpmName) throw new OcpError('rpmRequired', []);
    if (!req.password) throw new OcpError('passwordRequired', []);
    const version = this.storedRpm(req.rpmName);
    if (this.clusters.clusters().some((c) => c.name === req.name)) throw new OcpError('clusterExists', []);
    const names = req.zones.map((z) => z.name);
    if (new Set(names).size !== names.length) throw new OcpError('zonesDuplicate', []);
    for (const z of req.zones) {
      this.checkZoneName(z.name);
      if (z.servers.length === 0) throw new OcpError('clusterServersEmpty', [req.name]);
    }
    const total = req.zones.reduce((n, z) => n + z.servers.length, 0);
    const ids = this.clusters.nextIds(total);
    let next = ids.serverIds[0] as number;
    const allHosts = new Set<number>();
    const zones = req.zones.map((z) => {
      for (const h of z.servers) if (allHosts.has(h)) throw new OcpError('hostRunsService', [String(h), 'OB_CLUSTER']);
      for (const h of z.servers) allHosts.add(h);
      const servers = this.placeServers(undefined, z.idcName, z.servers, next, true);
      next += servers.length;
      return this.newZone(z.name, servers);
    });
    const change: ClusterChange = {
      kind: 'createCluster',
      name: req.name,
      obClusterId: ids.obClusterId,
      obVersion: version.obVersion,
      build: version.build,
      type: req.type,
      creator: caller.name,
      zones,
    };
    const decl = req.type === 'STANDBY' ? LIFECYCLE_OPERATIONS.createStandbyCluster : LIFECYCLE_OPERATIONS.createCluster;
    const servers = zones.flatMap((z, zi) => z.servers.map((s) => ({ id: s.id, hostId: s.hostId, zone: zi })));
    const roots = zones.map((z) => z.servers[0] as NewServer);
    return this.clusters.submit(
      decl,
      {
        cluster: { id: ids.clusterId, name: req.name, obClusterId: ids.obClusterId, type: req.type, status: 'CREATING', obVersion: version.obVersion },
        zones: names,
        servers,
        extra: {
          rpm_name: req.rpmName,
          primary_zone: req.primaryZone ?? '',
          connect_address: roots[0]?.ip ?? '',
          ...Object.fromEntries(req.zones.map((z) => [`${z.name}.idc`, z.idcName])),
        },
        lists: { root_servers: roots.map((s) => String(s.hostId)), root_server_ips: roots.map((s) => s.ip) },
        change,
      },
      caller,
      scenario,
    );
  }

  /** 300: refused while it has standbys (OBE11015); its servers' hosts are freed once the task has succeeded. */
  delete(clusterId: number, caller: Caller, scenario: string): TaskView {
    const st = this.clusters.statusesAt(this.now);
    const cluster = this.idle(clusterId, LIFECYCLE_OPERATIONS.deleteCluster.statuses.from, st);
    if (cluster.standbyIds.some((id) => this.clusters.findCluster(id))) throw new OcpError('clusterHasStandby', []);
    this.clusters.tenants.refuseRemoval(cluster, { kind: 'cluster' });
    const decl = cluster.type === 'STANDBY' ? LIFECYCLE_OPERATIONS.deleteStandbyCluster : LIFECYCLE_OPERATIONS.deleteCluster;
    return this.clusters.submit(decl, { ...this.whole(cluster, st), change: { kind: 'deleteCluster' } }, caller, scenario);
  }

  /** 700: to a higher version only (OBE11063 otherwise); the version is the cluster's once the task has succeeded. */
  upgrade(clusterId: number, rpmFileName: string | undefined, caller: Caller, scenario: string): TaskView {
    const st = this.clusters.statusesAt(this.now);
    const cluster = this.idle(clusterId, LIFECYCLE_OPERATIONS.upgradeCluster.statuses.from, st);
    if (!rpmFileName) throw new OcpError('rpmRequired', []);
    const target = this.storedRpm(rpmFileName);
    if (compareVersions(target.obVersion, cluster.obVersion) <= 0) throw new OcpError('upgradePathNotFound', [cluster.obVersion, target.obVersion]);
    this.clusters.requireAgents(
      this.clusters.servers(cluster).map((s) => s.hostId),
      this.now,
    );
    const from = cluster.obVersion.split('.').map(Number);
    const to = target.obVersion.split('.').map(Number);
    // The path: each patch release between, then the rpm's (700's sample: 2.2.73 to 2.2.75 goes by 2.2.74).
    const between: string[] = [];
    if (from[0] === to[0] && from[1] === to[1]) for (let p = (from[2] ?? 0) + 1; p < (to[2] ?? 0); p++) between.push(`${to[0]}.${to[1]}.${p}`);
    const targetName = `${target.obVersion}-${target.release}`;
    return this.clusters.submit(
      LIFECYCLE_OPERATIONS.upgradeCluster,
      {
        cluster: this.clusters.facts(cluster, st),
        zones: [],
        servers: [],
        extra: { cluster_version: `${cluster.obVersion}-${/_(\d+)-/.exec(cluster.build)?.[1] ?? ''}` },
        lists: { binary_upgrade_versions: [targetName], upgrade_versions: [...between, targetName] },
        change: { kind: 'upgradeCluster', obVersion: target.obVersion, build: target.build },
      },
      caller,
      scenario,
    );
  }

  /** 900: a new zone of new servers; it reads CREATING until its task has succeeded. */
  addZone(clusterId: number, req: { name: string; idcName: string; servers: number[] }, caller: Caller, scenario: string): TaskView {
    const st = this.clusters.statusesAt(this.now);
    const cluster = this.idle(clusterId, ['RUNNING'], st);
    this.checkZoneName(req.name);
    if (cluster.zones.some((z) => z.name === req.name)) throw new OcpError('zoneExists', [cluster.id, req.name]);
    if (req.servers.length === 0) throw new OcpError('clusterServersEmpty', [cluster.name]);
    const servers = this.placeServers(cluster, req.idcName, req.servers, this.clusters.nextIds(req.servers.length).serverIds[0] as number, true);
    const zone = this.newZone(req.name, servers);
    return this.clusters.submit(
      LIFECYCLE_OPERATIONS.addZone,
      {
        cluster: this.clusters.facts(cluster, st),
        zones: [req.name],
        servers: servers.map((s) => ({ id: s.id, hostId: s.hostId, zone: 0 })),
        extra: { rpm_name: rpmNameOf(cluster), idc: zone.idcName, region: zone.regionName },
        lists: { root_server_ips: [servers[0]?.ip ?? ''] },
        change: { kind: 'addZone', zone },
      },
      caller,
      scenario,
    );
  }

  /** 1000: a zone and its servers; the cluster keeps at least one zone (OBE18010). */
  deleteZone(clusterId: number, zoneName: string, caller: Caller, scenario: string): TaskView {
    const st = this.clusters.statusesAt(this.now);
    const cluster = this.clusters.cluster(clusterId);
    const zone = this.clusters.zone(cluster, zoneName);
    this.idle(clusterId, ['RUNNING', 'STOPPED'], st);
    if (!(LIFECYCLE_OPERATIONS.deleteZone.statuses.from as readonly string[]).includes(st.zone(zone))) throw new OcpError('zoneStateForbids', [zone.name]);
    if (cluster.zones.length <= 1) throw new OcpError('zonesTooFew', [cluster.zones.length - 1, 1]);
    this.clusters.tenants.refuseRemoval(cluster, { kind: 'zone', zoneName: zone.name });
    return this.clusters.submit(
      LIFECYCLE_OPERATIONS.deleteZone,
      {
        cluster: this.clusters.facts(cluster, st),
        zones: [zone.name],
        servers: zone.servers.map((s) => ({ id: s.id, hostId: s.hostId, zone: 0 })),
        change: { kind: 'deleteZone', zoneName: zone.name },
      },
      caller,
      scenario,
    );
  }

  /** 1400: new servers in a zone; they read CREATING until the task has succeeded. */
  addServers(clusterId: number, req: { zoneName: string; servers: number[] }, caller: Caller, scenario: string): TaskView {
    const st = this.clusters.statusesAt(this.now);
    const cluster = this.clusters.cluster(clusterId);
    const zone = this.clusters.zone(cluster, req.zoneName);
    this.idle(clusterId, ['RUNNING'], st);
    if (req.servers.length === 0) throw new OcpError('clusterServersEmpty', [cluster.name]);
    const servers = this.placeServers(cluster, zone.idcName, req.servers, this.clusters.nextIds(req.servers.length).serverIds[0] as number, false);
    return this.gain(LIFECYCLE_OPERATIONS.addServers, cluster, zone, servers, st, { kind: 'addServers', zoneName: zone.name, servers }, caller, scenario);
  }

  /** 1900: a server on a new host of its zone's IDC; the replaced one goes once the task has succeeded. */
  replaceServer(clusterId: number, serverId: number, hostId: number, caller: Caller, scenario: string): TaskView {
    const st = this.clusters.statusesAt(this.now);
    const cluster = this.clusters.cluster(clusterId);
    const old = this.clusters.server(cluster, serverId);
    const zone = this.clusters.zone(cluster, old.zoneName);
    this.idle(clusterId, ['RUNNING'], st);
    const [server] = this.placeServers(cluster, zone.idcName, [hostId], this.clusters.nextIds(1).serverIds[0] as number, false) as [NewServer];
    const change: ClusterChange = { kind: 'replaceServer', zoneName: zone.name, oldServerId: old.id, server };
    return this.gain(LIFECYCLE_OPERATIONS.replaceServer, cluster, zone, [server], st, change, caller, scenario);
  }

  private gain(
    decl: (typeof LIFECYCLE_OPERATIONS)['addServers' | 'replaceServer'],
    cluster: ObClusterRecord,
    zone: ObZoneRecord,
    servers: NewServer[],
    st: StatusReader,
    change: ClusterChange,
    caller: Caller,
    scenario: string,
  ): TaskView {
    const root = zone.servers.find((s) => s.withRootserver) ?? zone.servers[0];
    return this.clusters.submit(
      decl,
      {
        cluster: this.clusters.facts(cluster, st),
        zones: [zone.name],
        servers: servers.map((s) => ({ id: s.id, hostId: s.hostId, zone: 0 })),
        extra: { rpm_name: rpmNameOf(cluster) },
        lists: { root_server_ips: root ? [root.ip] : [] },
        change,
      },
      caller,
      scenario,
    );
  }

  /**
   * 1500: servers by id; the page's table calls `servers` host ids, its context deletes server ids,
   * so an id that is no server of the cluster is taken as a host id (*inferred*: both accepted).
   * Each zone keeps at least one server (OBE19011).
   */
  deleteServers(clusterId: number, ids: readonly number[], caller: Caller, scenario: string): TaskView {
    const st = this.clusters.statusesAt(this.now);
    const cluster = this.clusters.cluster(clusterId);
    const all = this.clusters.servers(cluster);
    const servers = [...new Set(ids)].map((id): ObServerRecord => {
      const s = all.find((x) => x.id === id) ?? all.find((x) => x.hostId === id);
      if (!s) throw new OcpError('serverNotFound', [id]);
      return s;
    });
    this.idle(clusterId, ['RUNNING', 'STOPPED'], st);
    for (const s of servers) {
      if (!(LIFECYCLE_OPERATIONS.deleteServers.statuses.from as readonly string[]).includes(st.server(s)))
        throw new OcpError('serverStateForbids', [LIFECYCLE_OPERATIONS.deleteServers.statuses.from.join(',')]);
    }
    const zones = cluster.zones.filter((z) => servers.some((s) => s.zoneName === z.name));
    for (const z of zones) {
      if (z.servers.every((s) => servers.includes(s)))
        throw new OcpError('serverDeleteRefused', [`zone ${z.name} would have no OBServer left; delete the zone instead`]);
    }
    this.clusters.tenants.refuseRemoval(cluster, { kind: 'servers', serverIds: servers.map((s) => s.id) });
    return this.clusters.submit(
      LIFECYCLE_OPERATIONS.deleteServers,
      {
        cluster: this.clusters.facts(cluster, st),
        zones: zones.map((z) => z.name),
        servers: servers.map((s) => ({ id: s.id, hostId: s.hostId, zone: zones.findIndex((z) => z.name === s.zoneName) })),
        change: { kind: 'deleteServers', serverIds: servers.map((s) => s.id) },
      },
      caller,
      scenario,
    );
  }

  /** The standby a switchover or failover is called on, and its primary (OBE11003 on a primary). */
  private standbyPair(clusterId: number): { standby: ObClusterRecord; primary: ObClusterRecord | undefined } {
    const standby = this.clusters.cluster(clusterId);
    if (standby.type !== 'STANDBY') throw new OcpError('clusterTypeForbids', [standby.id, standby.type]);
    return { standby, primary: standby.primaryId === undefined ? undefined : this.clusters.findCluster(standby.primaryId) };
  }

  /** 2800: both clusters idle (OBE11020) and 2600's pre-check valid (OBE11077 otherwise); the roles swap once the task has succeeded. */
  switchover(clusterId: number, caller: Caller, scenario: string): TaskView {
    const st = this.clusters.statusesAt(this.now);
    const { standby, primary } = this.standbyPair(clusterId);
    this.idle(standby.id, ['RUNNING'], st);
    if (primary && this.clusters.busy(primary.id, this.now)) throw new OcpError('clusterBusy', []);
    // What 2600 checks refuses the switchover (OBE11077, its messages as the cause).
    const check = switchoverPreCheck(this.clusters, standby, this.now);
    if (!check.valid || !primary) throw new OcpError('switchoverCheckFailed', [standby.id, check.messages.join(' ')]);
    return this.clusters.submit(
      ROLE_OPERATIONS.switchover,
      { cluster: this.clusters.facts(standby, st), zones: [], servers: [], change: { kind: 'switchover', primaryId: standby.id, standbyId: primary.id } },
      caller,
      scenario,
    );
  }

  /** 2900: the standby idle and 2700's pre-check valid, whatever its primary reads (a failover is for a primary that is gone). */
  failover(clusterId: number, caller: Caller, scenario: string): TaskView {
    const st = this.clusters.statusesAt(this.now);
    const { standby } = this.standbyPair(clusterId);
    this.idle(standby.id, ['RUNNING'], st);
    // What 2700 checks refuses the failover (OBE11077, its messages as the cause).
    const check = failoverPreCheck(this.clusters, standby, this.now);
    if (!check.valid) throw new OcpError('switchoverCheckFailed', [standby.id, check.messages.join(' ')]);
    return this.clusters.submit(
      ROLE_OPERATIONS.failover,
      {
        cluster: this.clusters.facts(standby, st),
        zones: [],
        servers: [],
        change: { kind: 'failover', standbyId: standby.id, formerPrimaryId: standby.primaryId ?? standby.id },
      },
      caller,
      scenario,
    );
  }

  /** A whole cluster as a submission: its zones and every server. */
  private whole(cluster: ObClusterRecord, st: StatusReader): Submission {
    return {
      cluster: this.clusters.facts(cluster, st),
      zones: cluster.zones.map((z) => z.name),
      servers: cluster.zones.flatMap((z, zi) => z.servers.map((s) => ({ id: s.id, hostId: s.hostId, zone: zi }))),
    };
  }
}
