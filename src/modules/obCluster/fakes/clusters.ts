/**
 * The seeded OB clusters, their zones and their servers, laid out on the seeded hosts: drawn from
 * the host inventory (which the seed makes) and the seed, so the same seed and host count give the
 * same world byte for byte. Three clusters, with the ids and names of OCP's samples where they do
 * not clash:
 *
 * - `cluster01` (id 1, obClusterId 1, 2.2.76, PRIMARY): the host samples' `cluster01:1`
 *   (ocp-docs/host/1300, 1400) and the id the server samples ask for (2400, 2500:
 *   `/ob/clusters/1/servers`, `.../zones/zone1/servers`). Its servers run on the documented hosts
 *   (2, 20, 1001, 1002), so those hosts show the samples' service; a zone per IDC they sit in,
 *   and more zones on other hosts until it has three (if the inventory has the IDCs).
 * - `test` (id 1000002, obClusterId 4, 2.2.73, PRIMARY): the cluster list's sample row (100):
 *   one zone, `zone1`, one server, whose id is 1000001 (the server samples' id).
 * - `cluster01_standby` (id 100, obClusterId 2, 2.2.76, STANDBY of cluster01): the id the zone
 *   sample asks for (800: `/ob/clusters/100/zones`); up to as many zones as its primary, each in
 *   another IDC, one server each, on the highest free hosts.
 *
 * Servers run on ONLINE hosts only, one per host per cluster, each in its zone's IDC. A host runs
 * a server of one cluster where the inventory allows; only a small inventory (`--hosts 4`) makes
 * a cluster share a host another cluster runs on, and then its server takes the ports 1000 above
 * (3881/3882: *inferred*, OCP's samples only print 2881/2882).
 *
 * *Inferred* here, in one place: the layout above, the build strings of 2.2.76, the instants
 * (created a year or so before the clock's start, servers started minutes later), `creator`
 * admin. The clusters' tenants are the tenant module's (obTenant/fakes/tenants.ts): `tenantCount` is theirs.
 */
import { hashUnit } from '../../../util/random.js';
import { DOCUMENTED_HOST_IDS, type HostRecord } from '../../compute/index.js';
import { DEFAULT_CLUSTERS, extraClusterPlans, type ClusterPlan as Plan } from './extraClusters.js';

export interface ObServerRecord {
  id: number;
  clusterId: number;
  zoneName: string;
  hostId: number;
  ip: string;
  /** RPC port (2882) and SQL port (2881), as OCP prints them. */
  port: number;
  sqlPort: number;
  /** The zone's root server (the first server of each zone, OceanBase's RS list). */
  withRootserver: boolean;
  hostTypeName: string;
  idcName: string;
  regionName: string;
  startTime: number;
  updateTime: number;
  /** What it reads once no task is working on it (clusters.ts: a running task's status overrides it). */
  status: string;
}

export interface ObZoneRecord {
  name: string;
  clusterId: number;
  obClusterId: number;
  idcId: number;
  idcName: string;
  regionId: number;
  regionName: string;
  createTime: number;
  updateTime: number;
  servers: ObServerRecord[];
  status: string;
}

export interface ObClusterRecord {
  id: number;
  name: string;
  obClusterId: number;
  /** `2.2.76`, as the cluster list and a host's service print it. */
  obVersion: string;
  /** The build a server prints as its `version`. */
  build: string;
  type: 'PRIMARY' | 'STANDBY';
  /** A standby's primary (its id). */
  primaryId?: number;
  /** A primary's standbys (their ids). */
  standbyIds: number[];
  creator: string;
  createTime: number;
  updateTime: number;
  zones: ObZoneRecord[];
  status: string;
}

/** The builds the servers print (2.2.73's is ocp-docs/cluster/2400's; 2.2.76's date is the rpm's of 200, its hash made up). */
const BUILDS: Record<string, string> = {
  '2.2.73': '2.2.73_20201117154111-b6aae37ffa2e72f45705508d7e5e93f9c48263b0(Nov 17 2020 16:09:04)',
  '2.2.76': '2.2.76_20210219154519-2f3d3c1e6a9b4c7d8e0f1a2b3c4d5e6f7a8b9c0d(Feb 19 2021 15:45:19)',
};

/** Server ids start where the server samples' do (ocp-docs/cluster/2400: 1000001). */
export const SERVER_IDS_FROM = 1_000_001;

const DAY = 86_400_000;
const SALT = { cluster: 31, zone: 32, server: 33 } as const;

/** Whole seconds: `days` (drawn) days before `start`. */
function daysBefore(start: number, seed: number, salt: number, id: number, min: number, span: number): number {
  return Math.floor((start - (min + Math.floor(hashUnit(seed, salt, id) * span)) * DAY) / 1000) * 1000;
}

/** The seeded clusters on `hosts` (the seeded inventory, in id order), dated from `start`: the three above, and `count - 3` more (extraClusters.ts). */
export function generateClusters(seed: number, hosts: readonly HostRecord[], start: number, count = DEFAULT_CLUSTERS): ObClusterRecord[] {
  const eligible = hosts.filter((h) => h.status === 'ONLINE');
  const documented = new Set<number>(DOCUMENTED_HOST_IDS);
  const taken = new Set<number>();
  const take = (h: HostRecord) => {
    taken.add(h.id);
    return h;
  };
  const free = () => eligible.filter((h) => !taken.has(h.id) && !documented.has(h.id));

  // The documented hosts are cluster01's: a zone per IDC they sit in.
  const primaryZones: { idcId: number; hosts: HostRecord[] }[] = [];
  for (const h of eligible.filter((x) => documented.has(x.id))) {
    const zone = primaryZones.find((z) => z.idcId === h.idcId);
    if (zone) zone.hosts.push(take(h));
    else primaryZones.push({ idcId: h.idcId, hosts: [take(h)] });
  }
  // `test`: the first free host (or, in an inventory of the documented hosts alone, the last of them).
  const testHost = free()[0] ?? (eligible[eligible.length - 1] as HostRecord);
  take(testHost);
  // cluster01 grows to three zones on free hosts of other IDCs.
  for (const h of free()) {
    if (primaryZones.length >= 3) break;
    if (primaryZones.some((z) => z.idcId === h.idcId)) continue;
    primaryZones.push({ idcId: h.idcId, hosts: [take(h)] });
  }
  // The standby: a zone per IDC on free hosts, as many as its primary has; at least one (sharing a host if none is free).
  const standbyZones: { idcId: number; hosts: HostRecord[] }[] = [];
  // It takes hosts from the top of the inventory (the primary and `test` from the bottom), so the
  // hosts in between stay free for whatever a client does with hosts.
  for (const h of free().reverse()) {
    if (standbyZones.length >= primaryZones.length) break;
    if (standbyZones.some((z) => z.idcId === h.idcId)) continue;
    standbyZones.push({ idcId: h.idcId, hosts: [take(h)] });
  }
  if (standbyZones.length === 0) {
    const h = eligible.find((x) => x.id !== testHost.id) ?? (eligible[0] as HostRecord);
    standbyZones.push({ idcId: h.idcId, hosts: [h] });
  }

  // Listed in the order their servers are numbered: `test` first, so its server is the samples' 1000001.
  const plans: Plan[] = [
    { id: 1_000_002, name: 'test', obClusterId: 4, obVersion: '2.2.73', type: 'PRIMARY', zones: [{ hosts: [testHost] }] },
    { id: 1, name: 'cluster01', obClusterId: 1, obVersion: '2.2.76', type: 'PRIMARY', zones: primaryZones },
    { id: 100, name: 'cluster01_standby', obClusterId: 2, obVersion: '2.2.76', type: 'STANDBY', primaryId: 1, zones: standbyZones },
  ];
  if (count > DEFAULT_CLUSTERS) {
    for (const h of standbyZones.flatMap((z) => z.hosts)) taken.add(h.id);
    plans.push(...extraClusterPlans(seed, free(), count - DEFAULT_CLUSTERS));
  }
  const serversOnHost = new Map<number, number>();
  let nextServerId = SERVER_IDS_FROM;
  const created = new Map<number, number>();
  const clusters = plans.map((plan): ObClusterRecord => {
    // A standby is made after its primary (a few days to a month later).
    const primaryMade = plan.primaryId !== undefined ? created.get(plan.primaryId) : undefined;
    const createTime =
      primaryMade !== undefined
        ? primaryMade + (3 + Math.floor(hashUnit(seed, SALT.cluster, plan.id) * 27)) * DAY
        : daysBefore(start, seed, SALT.cluster, plan.id, 200, 300);
    created.set(plan.id, createTime);
    const updateTime = daysBefore(start, seed, SALT.cluster + 100, plan.id, 1, 60);
    const zones = plan.zones.map((z, zi): ObZoneRecord => {
      const first = z.hosts[0] as HostRecord;
      const name = `zone${zi + 1}`;
      const zoneKey = plan.id * 100 + zi;
      const servers = z.hosts.map((h, si): ObServerRecord => {
        const id = nextServerId++;
        const shared = serversOnHost.get(h.id) ?? 0;
        serversOnHost.set(h.id, shared + 1);
        return {
          id,
          clusterId: plan.id,
          zoneName: name,
          hostId: h.id,
          ip: h.innerIpAddress,
          port: 2882 + 1000 * shared,
          sqlPort: 2881 + 1000 * shared,
          withRootserver: si === 0,
          hostTypeName: h.typeName,
          idcName: h.idcName,
          regionName: h.regionName,
          // Started minutes after the cluster was made (milliseconds kept: OceanBase prints microseconds).
          startTime: createTime + Math.floor(hashUnit(seed, SALT.server, id) * 900_000) + 60_000,
          updateTime: daysBefore(start, seed, SALT.server + 100, id, 1, 30),
          status: 'RUNNING',
        };
      });
      return {
        name,
        clusterId: plan.id,
        obClusterId: plan.obClusterId,
        idcId: first.idcId,
        idcName: first.idcName,
        regionId: first.regionId,
        regionName: first.regionName,
        createTime,
        updateTime: daysBefore(start, seed, SALT.zone, zoneKey, 1, 30),
        servers,
        status: 'RUNNING',
      };
    });
    return {
      id: plan.id,
      name: plan.name,
      obClusterId: plan.obClusterId,
      obVersion: plan.obVersion,
      build: BUILDS[plan.obVersion] as string,
      type: plan.type,
      ...(plan.primaryId !== undefined ? { primaryId: plan.primaryId } : {}),
      standbyIds: [],
      creator: 'admin',
      createTime,
      updateTime,
      zones,
      status: 'RUNNING',
    };
  });
  const byId = new Map(clusters.map((c) => [c.id, c]));
  for (const c of clusters) if (c.primaryId !== undefined) byId.get(c.primaryId)?.standbyIds.push(c.id);
  return clusters.sort((a, b) => a.id - b.id);
}
