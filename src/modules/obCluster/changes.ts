/**
 * What a lifecycle or role operation's task does to the cluster records, as data (ClusterChange,
 * carried in the task's subject into the state file and back) and as three steps, each idempotent
 * so a state file's replay over a compaction's snapshot lands where the live run did:
 *
 * - `begin` at submission: what the task makes appears at once, reading CREATING (a created
 *   cluster, an added zone or server), so its hosts are taken and list the cluster's service;
 * - `commit` once the task has succeeded: what it unmakes goes (a deleted cluster, zone or server,
 *   the server a replacement replaced), an upgrade's version and a switchover's roles are set;
 * - `undo` once it has been rolled back: what `begin` made goes again.
 *
 * A task that failed and waits for a retry or a rollback leaves what it made reading CREATING and
 * what it would unmake as it was (*inferred*: OCP's pages list the statuses, not this).
 */
import { z } from 'zod';
import type { ObClusterRecord, ObServerRecord, ObZoneRecord } from './fakes/clusters.js';

const Id = z.number().int().positive();

export const NewServer = z.strictObject({
  id: Id,
  hostId: Id,
  ip: z.string(),
  port: z.number().int(),
  sqlPort: z.number().int(),
  withRootserver: z.boolean(),
  hostTypeName: z.string(),
  idcName: z.string(),
  regionName: z.string(),
});
export type NewServer = z.infer<typeof NewServer>;

export const NewZone = z.strictObject({
  name: z.string(),
  idcId: z.number().int(),
  idcName: z.string(),
  regionId: z.number().int(),
  regionName: z.string(),
  servers: z.array(NewServer),
});
export type NewZone = z.infer<typeof NewZone>;

export const ClusterChange = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('createCluster'),
    name: z.string(),
    obClusterId: z.number().int(),
    obVersion: z.string(),
    build: z.string(),
    type: z.enum(['PRIMARY', 'STANDBY']),
    creator: z.string(),
    zones: z.array(NewZone),
  }),
  z.strictObject({ kind: z.literal('deleteCluster') }),
  z.strictObject({ kind: z.literal('upgradeCluster'), obVersion: z.string(), build: z.string() }),
  z.strictObject({ kind: z.literal('addZone'), zone: NewZone }),
  z.strictObject({ kind: z.literal('deleteZone'), zoneName: z.string() }),
  z.strictObject({ kind: z.literal('addServers'), zoneName: z.string(), servers: z.array(NewServer) }),
  z.strictObject({ kind: z.literal('deleteServers'), serverIds: z.array(Id) }),
  z.strictObject({ kind: z.literal('replaceServer'), zoneName: z.string(), oldServerId: Id, server: NewServer }),
  /** The roles once it has succeeded: `primaryId` the new primary, `standbyId` its standby. */
  z.strictObject({ kind: z.literal('switchover'), primaryId: Id, standbyId: Id }),
  /** `standbyId` becomes a primary of its own, no longer `formerPrimaryId`'s standby. */
  z.strictObject({ kind: z.literal('failover'), standbyId: Id, formerPrimaryId: Id }),
]);
export type ClusterChange = z.infer<typeof ClusterChange>;

/** What the changes need of the cluster module's records: the clusters by id, and who must hear that a host's servers changed. */
export interface ClusterRecords {
  find(id: number): ObClusterRecord | undefined;
  add(cluster: ObClusterRecord): void;
  remove(cluster: ObClusterRecord): void;
  /** The servers on these hosts changed (their services are read again). */
  hostsChanged(hostIds: readonly number[]): void;
  /** These servers of the cluster are gone (what the tenant module keeps on them moves or goes). */
  serversRemoved(cluster: ObClusterRecord, servers: readonly ObServerRecord[]): void;
}

/** What a running task shows its `during` status on, and its `after` status is folded into. */
export interface Targets {
  clusters: readonly ObClusterRecord[];
  zones: readonly ObZoneRecord[];
  /** Servers beyond those of `zones`. */
  servers: readonly ObServerRecord[];
}

const serverRecord = (s: NewServer, clusterId: number, zoneName: string, at: number): ObServerRecord => ({
  ...s,
  clusterId,
  zoneName,
  startTime: at,
  updateTime: at,
  status: 'CREATING',
});

const zoneRecord = (z: NewZone, cluster: { id: number; obClusterId: number }, at: number): ObZoneRecord => ({
  name: z.name,
  clusterId: cluster.id,
  obClusterId: cluster.obClusterId,
  idcId: z.idcId,
  idcName: z.idcName,
  regionId: z.regionId,
  regionName: z.regionName,
  createTime: at,
  updateTime: at,
  servers: z.servers.map((s) => serverRecord(s, cluster.id, z.name, at)),
  status: 'CREATING',
});

const hostsOf = (servers: readonly ObServerRecord[]) => servers.map((s) => s.hostId);
const allServers = (c: ObClusterRecord) => c.zones.flatMap((z) => z.servers);
const serversById = (c: ObClusterRecord, ids: readonly number[]) => allServers(c).filter((s) => ids.includes(s.id));

/** Adds servers to a zone where they are not yet (a replay over a snapshot finds them there). */
function addServersTo(records: ClusterRecords, cluster: ObClusterRecord, zoneName: string, servers: readonly NewServer[], at: number): void {
  const zone = cluster.zones.find((z) => z.name === zoneName);
  if (!zone) return;
  const fresh = servers.filter((s) => !zone.servers.some((x) => x.id === s.id));
  zone.servers.push(...fresh.map((s) => serverRecord(s, cluster.id, zoneName, at)));
  records.hostsChanged(fresh.map((s) => s.hostId));
}

function removeServers(records: ClusterRecords, cluster: ObClusterRecord, ids: readonly number[]): void {
  const gone = serversById(cluster, ids);
  for (const z of cluster.zones) z.servers = z.servers.filter((s) => !ids.includes(s.id));
  records.hostsChanged(hostsOf(gone));
  records.serversRemoved(cluster, gone);
}

/** Makes what the task makes (at submission, `at`); `clusterId` is the subject's (a created cluster's new id). */
export function begin(change: ClusterChange, clusterId: number, records: ClusterRecords, at: number): void {
  const cluster = records.find(clusterId);
  switch (change.kind) {
    case 'createCluster': {
      if (cluster) return;
      const made: ObClusterRecord = {
        id: clusterId,
        name: change.name,
        obClusterId: change.obClusterId,
        obVersion: change.obVersion,
        build: change.build,
        type: change.type,
        standbyIds: [],
        creator: change.creator,
        createTime: at,
        updateTime: at,
        zones: change.zones.map((z) => zoneRecord(z, { id: clusterId, obClusterId: change.obClusterId }, at)),
        status: 'CREATING',
      };
      records.add(made);
      records.hostsChanged(hostsOf(allServers(made)));
      return;
    }
    case 'addZone':
      if (!cluster || cluster.zones.some((z) => z.name === change.zone.name)) return;
      cluster.zones.push(zoneRecord(change.zone, cluster, at));
      records.hostsChanged(change.zone.servers.map((s) => s.hostId));
      return;
    case 'addServers':
      if (cluster) addServersTo(records, cluster, change.zoneName, change.servers, at);
      return;
    case 'replaceServer':
      if (cluster) addServersTo(records, cluster, change.zoneName, [change.server], at);
      return;
    default:
      return;
  }
}

/** What the task acts on, as of now: what `begin` made, or what it will unmake or change. */
export function targetsOf(change: ClusterChange, clusterId: number, records: ClusterRecords): Targets {
  const cluster = records.find(clusterId);
  if (!cluster) return { clusters: [], zones: [], servers: [] };
  switch (change.kind) {
    case 'createCluster':
    case 'deleteCluster':
      return { clusters: [cluster], zones: cluster.zones, servers: [] };
    case 'upgradeCluster':
      return { clusters: [cluster], zones: [], servers: [] };
    case 'addZone':
      return { clusters: [], zones: cluster.zones.filter((z) => z.name === change.zone.name), servers: [] };
    case 'deleteZone':
      return { clusters: [], zones: cluster.zones.filter((z) => z.name === change.zoneName), servers: [] };
    case 'addServers':
      return {
        clusters: [],
        zones: [],
        servers: serversById(
          cluster,
          change.servers.map((s) => s.id),
        ),
      };
    case 'deleteServers':
      return { clusters: [], zones: [], servers: serversById(cluster, change.serverIds) };
    case 'replaceServer':
      return { clusters: [], zones: [], servers: serversById(cluster, [change.server.id]) };
    case 'switchover': {
      const pair = [records.find(change.primaryId), records.find(change.standbyId)].filter((c): c is ObClusterRecord => c !== undefined);
      return { clusters: pair, zones: [], servers: [] };
    }
    case 'failover':
      return { clusters: [cluster], zones: [], servers: [] };
  }
}

/** Finishes what a succeeded task does, once its `after` status has been folded into its targets. */
export function commit(change: ClusterChange, clusterId: number, records: ClusterRecords): void {
  const cluster = records.find(clusterId);
  if (!cluster) return;
  switch (change.kind) {
    case 'deleteCluster':
      records.remove(cluster);
      records.hostsChanged(hostsOf(allServers(cluster)));
      for (const c of [cluster.primaryId, ...cluster.standbyIds]) {
        const other = c === undefined ? undefined : records.find(c);
        if (!other) continue;
        other.standbyIds = other.standbyIds.filter((id) => id !== cluster.id);
        if (other.primaryId === cluster.id) delete other.primaryId;
      }
      return;
    case 'upgradeCluster':
      cluster.obVersion = change.obVersion;
      cluster.build = change.build;
      records.hostsChanged(hostsOf(allServers(cluster)));
      return;
    case 'deleteZone': {
      const zone = cluster.zones.find((z) => z.name === change.zoneName);
      if (!zone) return;
      cluster.zones = cluster.zones.filter((z) => z !== zone);
      records.hostsChanged(hostsOf(zone.servers));
      records.serversRemoved(cluster, zone.servers);
      return;
    }
    case 'deleteServers':
      removeServers(records, cluster, change.serverIds);
      return;
    case 'replaceServer': {
      // The replacement takes over the replaced server's root-server role.
      const [replaced] = serversById(cluster, [change.oldServerId]);
      const [replacement] = serversById(cluster, [change.server.id]);
      if (replaced?.withRootserver && replacement) replacement.withRootserver = true;
      removeServers(records, cluster, [change.oldServerId]);
      return;
    }
    case 'switchover': {
      const primary = records.find(change.primaryId);
      const standby = records.find(change.standbyId);
      if (!primary || !standby) return;
      // The new primary keeps the old one's other standbys (*inferred*: OCP's pair has one).
      const others = [...primary.standbyIds, ...standby.standbyIds].filter((id) => id !== primary.id && id !== standby.id);
      primary.type = 'PRIMARY';
      delete primary.primaryId;
      primary.standbyIds = [...new Set([standby.id, ...others])];
      standby.type = 'STANDBY';
      standby.primaryId = primary.id;
      standby.standbyIds = [];
      for (const id of others) {
        const other = records.find(id);
        if (other) other.primaryId = primary.id;
      }
      records.hostsChanged([...hostsOf(allServers(primary)), ...hostsOf(allServers(standby))]);
      return;
    }
    case 'failover': {
      const former = records.find(change.formerPrimaryId);
      if (former) former.standbyIds = former.standbyIds.filter((id) => id !== cluster.id);
      cluster.type = 'PRIMARY';
      delete cluster.primaryId;
      return;
    }
    default:
      return;
  }
}

/** Takes away what `begin` made, once the task has been rolled back. */
export function undo(change: ClusterChange, clusterId: number, records: ClusterRecords): void {
  const cluster = records.find(clusterId);
  if (!cluster) return;
  switch (change.kind) {
    case 'createCluster':
      records.remove(cluster);
      records.hostsChanged(hostsOf(allServers(cluster)));
      return;
    case 'addZone': {
      const zone = cluster.zones.find((z) => z.name === change.zone.name);
      if (!zone) return;
      cluster.zones = cluster.zones.filter((z) => z !== zone);
      records.hostsChanged(hostsOf(zone.servers));
      return;
    }
    case 'addServers':
      removeServers(
        records,
        cluster,
        change.servers.map((s) => s.id),
      );
      return;
    case 'replaceServer':
      removeServers(records, cluster, [change.server.id]);
      return;
    default:
      return;
  }
}
