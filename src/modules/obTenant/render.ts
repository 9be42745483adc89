/**
 * The tenant module's records in OCP's wire shapes (src/contract/tenantSchemas.ts), keys in
 * alphabetical order as OCP prints them:
 *
 * - a tenant's row (ocp-docs/tenant/100, 200; 500's answer): the samples' keys; the tables'
 *   `description` is in none of the samples' rows (500's request sends one, its answer prints
 *   none), so a row leaves it out (*inferred*), the details print it when the tenant has one;
 * - the details (300): with `clusterStatus`, `obTenantId`, `sqlAuditEnabled` (true, *inferred*)
 *   and a zone per pool, its units as the unit list (900) prints them (`status` ACTIVE);
 * - `locality` as 100's sample prints it (`FULL{1}@zone1, FULL{1}@zone2`), `zoneList` joined by `;`.
 * - `createTime` as it was, milliseconds and all (500's sample prints `.355` for a tenant made by the
 *   call; the seeded ones were made on whole seconds), as the cluster module's times.
 */
import { formatOcpTime } from '../../contract/time.js';
import type { ObClusterRecord, ObServerRecord } from '../obCluster/index.js';
import type { PoolRecord, TenantRecord, UnitRecord } from './fakes/tenants.js';
import type { UnitSpecRecord } from './fakes/unitSpecs.js';

type Json = Record<string, unknown>;

const zoneList = (t: TenantRecord) => t.pools.map((p) => p.zoneName).join(';');
const locality = (t: TenantRecord) => t.pools.map((p) => `${p.replicaType}{1}@${p.zoneName}`).join(', ');

export function renderTenantRow(t: TenantRecord, c: ObClusterRecord, status: string, offset: number): Json {
  return {
    clusterId: c.id,
    clusterName: c.name,
    clusterType: c.type,
    createTime: formatOcpTime(t.createTime, offset),
    id: t.id,
    locality: locality(t),
    locked: t.locked,
    mode: t.mode,
    name: t.name,
    obClusterId: c.obClusterId,
    obVersion: c.obVersion,
    primaryZone: t.primaryZone,
    readonly: t.readonly,
    status,
    zoneList: zoneList(t),
  };
}

export function renderUnit(u: UnitRecord, server: ObServerRecord | undefined): Json {
  return {
    id: u.id,
    resourcePoolId: u.poolId,
    serverId: u.serverId,
    serverIp: server?.ip ?? '',
    serverPort: server?.port ?? 2882,
    status: 'ACTIVE',
    zoneName: u.zoneName,
  };
}

/** 300's details; `units(pool)`: the units the pool lists now (tenants.ts `visibleUnits`); `server(id)`: the cluster's server of that id. */
export function renderTenantDetail(
  t: TenantRecord,
  c: ObClusterRecord,
  status: { tenant: string; cluster: string },
  offset: number,
  units: (pool: PoolRecord) => readonly UnitRecord[],
  server: (id: number) => ObServerRecord | undefined,
): Json {
  return {
    charset: t.charset,
    clusterId: c.id,
    clusterName: c.name,
    clusterStatus: status.cluster,
    clusterType: c.type,
    collation: t.collation,
    createTime: formatOcpTime(t.createTime, offset),
    description: t.description,
    id: t.id,
    locality: locality(t),
    locked: t.locked,
    mode: t.mode,
    name: t.name,
    obClusterId: c.obClusterId,
    obTenantId: t.obTenantId,
    obVersion: c.obVersion,
    primaryZone: t.primaryZone,
    readonly: t.readonly,
    sqlAuditEnabled: true,
    status: status.tenant,
    whitelist: t.whitelist,
    zoneList: zoneList(t),
    zones: t.pools.map((p) => ({
      name: p.zoneName,
      replicaType: p.replicaType,
      resourcePool: {
        id: p.id,
        name: p.name,
        unitConfig: {
          maxCpuCoreCount: p.unitConfig.maxCpuCoreCount,
          maxMemorySize: p.unitConfig.maxMemorySize,
          minCpuCoreCount: p.unitConfig.minCpuCoreCount,
          minMemorySize: p.unitConfig.minMemorySize,
        },
        unitCount: p.unitCount,
      },
      units: units(p).map((u) => renderUnit(u, server(u.serverId))),
    })),
  };
}

export function renderUnitSpec(s: UnitSpecRecord): Json {
  return {
    id: s.id,
    maxCpuCoreCount: s.maxCpuCoreCount,
    maxMemorySize: s.maxMemorySize,
    minCpuCoreCount: s.minCpuCoreCount,
    minMemorySize: s.minMemorySize,
    name: s.name,
    type: s.type,
  };
}
