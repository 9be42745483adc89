/**
 * The OB cluster module's records in OCP's wire shapes (src/contract/schemas.ts), keys in
 * alphabetical order as OCP prints them. Each answer holds the keys its page's sample prints:
 *
 * - a cluster's row (ocp-docs/cluster/100): its zones print `servers` empty, as the sample's
 *   zone does beside `serverCount: 1`; a primary's `standbyClusters` and a standby's
 *   `primaryCluster` name the other cluster by `{id, name, obClusterId, type}` (*inferred*: the
 *   sample's list is empty, the table says no more; those are the fields a task's `cluster` has);
 *   a standby also prints `syncStatus` and `delayTime` (the table's, *inferred* values VALID, 0);
 * - a zone (800): with its servers, whose `startTime` and `stopTime` print as OceanBase prints
 *   them (UTC, microseconds: the sample's `2021-09-02T08:39:29.295684Z`, `1970-01-01T00:00:00Z`);
 * - a server in the server lists (2400, 2500): the sample's keys; the table's `regionName`,
 *   `idcName`, `hostTypeName` and `availableOperations` are not in either sample and are left out.
 */
import { formatOcpTime } from '../../contract/time.js';
import type { StatusReader } from './clusters.js';
import type { ObClusterRecord, ObServerRecord, ObZoneRecord } from './fakes/clusters.js';

/** A stopped zone or server reads INACTIVE inside OceanBase (*inferred*: the samples print ACTIVE only). */
const inner = (status: string) => (status === 'STOPPED' ? 'INACTIVE' : 'ACTIVE');

type Json = Record<string, unknown>;

/** A root server as the cluster and zone answers print one. */
function rootServer(s: ObServerRecord, leader: boolean): Json {
  return { address: `${s.ip}:${s.port}`, role: leader ? 'LEADER' : 'FOLLOWER', sql_port: s.sqlPort };
}

/** The zone's root server (its first server); the first zone's leads. */
function zoneRootServer(cluster: ObClusterRecord, zone: ObZoneRecord): Json {
  return rootServer(zone.servers[0] as ObServerRecord, cluster.zones[0] === zone);
}

function ref(c: ObClusterRecord): Json {
  return { id: c.id, name: c.name, obClusterId: c.obClusterId, type: c.type };
}

/** A time as OceanBase prints it: UTC with microseconds (*inferred*: the microseconds below the millisecond are drawn from the server's id). */
export function formatObTime(epochMs: number, micros = 0): string {
  if (epochMs === 0 && micros === 0) return '1970-01-01T00:00:00Z';
  return new Date(epochMs).toISOString().replace(/Z$/, `${String(micros).padStart(3, '0')}Z`);
}

/** A cluster's row (ocp-docs/cluster/100), also `GET /ob/clusters/{id}`'s answer (*inferred*: no page documents it). */
export function renderCluster(
  c: ObClusterRecord,
  lookup: (id: number) => ObClusterRecord | undefined,
  offset: number,
  st: StatusReader,
  tenantCount = 0,
): Json {
  const servers = c.zones.flatMap((z) => z.servers);
  const standby = c.type === 'STANDBY';
  const primary = c.primaryId !== undefined ? lookup(c.primaryId) : undefined;
  return {
    createTime: formatOcpTime(c.createTime, offset),
    creator: c.creator,
    delayTime: standby ? 0 : undefined,
    id: c.id,
    name: c.name,
    obClusterId: c.obClusterId,
    obVersion: c.obVersion,
    primaryCluster: primary ? ref(primary) : undefined,
    regionCount: new Set(c.zones.map((z) => z.regionId)).size,
    rootServers: c.zones.map((z) => zoneRootServer(c, z)),
    serverCount: servers.length,
    standbyClusters: c.standbyIds.flatMap((id) => {
      const s = lookup(id);
      return s ? [ref(s)] : [];
    }),
    status: st.cluster(c),
    syncStatus: standby ? 'VALID' : undefined,
    tenantCount,
    type: c.type,
    zones: c.zones.map((z) => ({
      idcId: z.idcId,
      idcName: z.idcName,
      innerStatus: inner(st.zone(z)),
      name: z.name,
      operateStatus: 'NORMAL',
      regionName: z.regionName,
      serverCount: z.servers.length,
      servers: [],
      status: st.zone(z),
    })),
  };
}

/** A server as the server lists print it (ocp-docs/cluster/2400, 2500): OCP's times, whole seconds. */
export function renderServer(s: ObServerRecord, build: string, offset: number, st: StatusReader): Json {
  return {
    clusterId: s.clusterId,
    hostId: s.hostId,
    id: s.id,
    innerStatus: inner(st.server(s)),
    ip: s.ip,
    port: s.port,
    sqlPort: s.sqlPort,
    startTime: formatOcpTime(Math.floor(s.startTime / 1000) * 1000, offset),
    status: st.server(s),
    stopTime: formatOcpTime(0, offset),
    updateTime: formatOcpTime(s.updateTime, offset),
    version: build,
    withRootserver: s.withRootserver,
    zoneName: s.zoneName,
  };
}

/** The object with its keys in alphabetical order, as OCP prints them. */
function alphabetical(o: Json): Json {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** A zone (ocp-docs/cluster/800), with its servers. */
export function renderZone(c: ObClusterRecord, z: ObZoneRecord, offset: number, st: StatusReader): Json {
  return {
    clusterId: c.id,
    compactionStatus: 'IDLE',
    createTime: formatOcpTime(z.createTime, offset),
    hostCount: new Set(z.servers.map((s) => s.hostId)).size,
    idcId: z.idcId,
    idcName: z.idcName,
    innerStatus: inner(st.zone(z)),
    name: z.name,
    obClusterId: c.obClusterId,
    regionName: z.regionName,
    rootServer: zoneRootServer(c, z),
    serverCount: z.servers.length,
    servers: z.servers.map((s) =>
      alphabetical({
        ...renderServer(s, c.build, offset, st),
        hostTypeName: s.hostTypeName,
        idcName: s.idcName,
        regionName: s.regionName,
        startTime: formatObTime(s.startTime, (s.id * 7919) % 1000),
        stopTime: formatObTime(0),
      }),
    ),
    status: st.zone(z),
    updateTime: formatOcpTime(z.updateTime, offset),
  };
}
