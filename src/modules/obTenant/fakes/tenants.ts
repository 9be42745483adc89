/**
 * The tenant records, and the seeded tenants of the seeded clusters: drawn from the clusters (which
 * the seed lays out on the seeded hosts) and the seed, so the same seed gives the same tenants.
 *
 * Every cluster has its `sys` tenant (obTenantId 1, `sys_pool`: one unit of ocp-docs/tenant/300's
 * configuration in each zone, on the zone's root server). Its user tenants, *inferred*:
 *
 * - `cluster01`: `tpcc` (MYSQL, S2, one unit per zone) and `ora_app` (ORACLE, S1);
 * - `test`: `demo` (MYSQL, S1);
 * - `cluster01_standby`: its primary's user tenants, as a standby cluster replicates them (their
 *   own ids, units on its own servers);
 * - every further cluster (`--clusters`): one or two of `app`, `report`, `ora_erp`, drawn.
 *
 * A seeded tenant that does not fit its cluster's servers (capacity.ts) is left out, so the seeded
 * world always adds up. Ids: tenants from 1000001 (the database pages' tenant), pools and units from
 * 1 (300's `sys_pool` and its unit), user tenants' obTenantId from 1001 in each cluster.
 */
import { hashUnit } from '../../../util/random.js';
import type { ObClusterRecord } from '../../obCluster/index.js';
import { add, type Candidate, NO_RESOURCES, placeUnits, type Resources, serverCapacity, unitDemand } from '../capacity.js';
import { configOf, SYS_UNIT, type UnitConfig, unitSpecNamed } from './unitSpecs.js';

export type TenantMode = 'MYSQL' | 'ORACLE';
export type ReplicaType = 'FULL' | 'LOGONLY' | 'READONLY';

export interface UnitRecord {
  id: number;
  poolId: number;
  serverId: number;
  zoneName: string;
}

/** A tenant's resource pool in one zone (OCP prints one per zone: ocp-docs/tenant/300's `zones[].resourcePool`). */
export interface PoolRecord {
  id: number;
  name: string;
  zoneName: string;
  replicaType: ReplicaType;
  /** The spec it was made with (`sys_pool` has none of the list's). */
  specName: string;
  unitConfig: UnitConfig;
  unitCount: number;
  units: UnitRecord[];
}

export interface TenantRecord {
  id: number;
  clusterId: number;
  obTenantId: number;
  name: string;
  mode: TenantMode;
  charset: string;
  collation: string;
  primaryZone: string;
  description?: string;
  whitelist: string;
  /** A digest of the administrator password last set through the API (none for a seeded tenant: the state file holds no password). */
  passwordDigest?: string;
  locked: boolean;
  readonly: boolean;
  createTime: number;
  /** What it reads once no task is working on it (tenants.ts: a running task's status overrides it). */
  status: string;
  pools: PoolRecord[];
}

export const TENANT_IDS_FROM = 1_000_001;
export const USER_OB_TENANT_IDS_FROM = 1001;

/** Ids the next tenant, pool and unit take; they only grow. */
export interface TenantIds {
  tenantId: number;
  poolId: number;
  unitId: number;
}

export const firstIds = (): TenantIds => ({ tenantId: TENANT_IDS_FROM, poolId: 1, unitId: 1 });

/** A tenant's zones in its pools' order (`zoneList`: `zone1;zone2;zone3`). */
export const zoneNamesOf = (t: TenantRecord) => t.pools.map((p) => p.zoneName);

/** What each server has in use: the units on it. */
export type Usage = Map<number, Resources>;

export function usageOf(usage: Usage, serverId: number): Resources {
  return usage.get(serverId) ?? NO_RESOURCES;
}

/**
 * A trial over `base`: reads fall through to it, writes stay in the trial (its own entries are
 * what the trial changed), so trying a placement costs the servers it touches, not every server.
 */
class UsageTrial extends Map<number, Resources> {
  constructor(private readonly base: ReadonlyMap<number, Resources>) {
    super();
  }
  override get(serverId: number): Resources | undefined {
    return super.has(serverId) ? super.get(serverId) : this.base.get(serverId);
  }
}

export const trialOf = (base: ReadonlyMap<number, Resources>): Usage => new UsageTrial(base);

interface SeedTenant {
  name: string;
  mode: TenantMode;
  spec: string;
}

const PRIMARY_TENANTS: readonly SeedTenant[] = [
  { name: 'tpcc', mode: 'MYSQL', spec: 'S2' },
  { name: 'ora_app', mode: 'ORACLE', spec: 'S1' },
];
const EXTRA_TENANTS: readonly SeedTenant[] = [
  { name: 'app', mode: 'MYSQL', spec: 'S1' },
  { name: 'report', mode: 'MYSQL', spec: 'S0' },
  { name: 'ora_erp', mode: 'ORACLE', spec: 'S1' },
];

const DAY = 86_400_000;

/** The user tenants a seeded cluster has. */
function seedTenantsOf(seed: number, c: ObClusterRecord, clusters: readonly ObClusterRecord[]): readonly SeedTenant[] {
  if (c.name === 'cluster01') return PRIMARY_TENANTS;
  if (c.name === 'test') return [{ name: 'demo', mode: 'MYSQL', spec: 'S1' }];
  if (c.type === 'STANDBY') {
    const primary = clusters.find((p) => p.id === c.primaryId);
    return primary ? seedTenantsOf(seed, primary, clusters) : [];
  }
  const n = 1 + Math.floor(hashUnit(seed, 41, c.id) * 2);
  const first = Math.floor(hashUnit(seed, 42, c.id) * EXTRA_TENANTS.length);
  return Array.from({ length: n }, (_, i) => EXTRA_TENANTS[(first + i) % EXTRA_TENANTS.length] as SeedTenant);
}

/** Charset and collation a tenant of `mode` gets by default (ocp-docs/tenant/400: utf8mb4, utf8mb4_general_ci). */
export const DEFAULT_CHARSET = 'utf8mb4';
export const DEFAULT_COLLATION = 'utf8mb4_general_ci';

/**
 * Places one pool per zone of `zones` (each `unitCount` units of `config`) on `cluster`'s servers
 * that `eligible` allows, taking ids from `ids` and adding the units to `usage`. Throws OCP's
 * refusal when one does not fit (nothing is taken then: the caller's `ids` is a copy, its `usage` a trial).
 */
export function placePools(
  cluster: ObClusterRecord,
  tenantName: string,
  zones: readonly { zoneName: string; replicaType: ReplicaType; specName: string; config: UnitConfig; unitCount: number }[],
  ids: TenantIds,
  usage: Usage,
  eligible: (serverId: number) => boolean,
): PoolRecord[] {
  return zones.map((z) => {
    const zone = cluster.zones.find((x) => x.name === z.zoneName);
    const candidates: Candidate[] = (zone?.servers ?? [])
      .filter((s) => eligible(s.id))
      .map((s) => ({ serverId: s.id, free: add(serverCapacity(s.hostTypeName), usageOf(usage, s.id), -1) }));
    const need = unitDemand(z.config);
    const serverIds = placeUnits(candidates, z.unitCount, need);
    const poolId = ids.poolId++;
    const units = serverIds.map((serverId) => {
      usage.set(serverId, add(usageOf(usage, serverId), need));
      return { id: ids.unitId++, poolId, serverId, zoneName: z.zoneName };
    });
    return {
      id: poolId,
      name: tenantName === 'sys' ? 'sys_pool' : `${tenantName}_pool_${z.zoneName}`,
      zoneName: z.zoneName,
      replicaType: z.replicaType,
      specName: z.specName,
      unitConfig: configOf(z.config),
      unitCount: z.unitCount,
      units,
    };
  });
}

/** The sys tenant a cluster gets when it is made: one unit in each zone, on its root server. */
export function sysTenantOf(cluster: ObClusterRecord, ids: TenantIds, usage: Usage, createTime: number): TenantRecord {
  const poolId = ids.poolId++;
  const pools: PoolRecord[] = cluster.zones.map((z) => {
    const root = z.servers.find((s) => s.withRootserver) ?? z.servers[0];
    const units = root ? [{ id: ids.unitId++, poolId, serverId: root.id, zoneName: z.name }] : [];
    for (const u of units) usage.set(u.serverId, add(usageOf(usage, u.serverId), unitDemand(SYS_UNIT)));
    // One pool over every zone, as OceanBase's sys_pool is (its id and name repeat in each zone's row).
    return {
      id: poolId,
      name: 'sys_pool',
      zoneName: z.name,
      replicaType: 'FULL',
      specName: 'sys_unit_config',
      unitConfig: configOf(SYS_UNIT),
      unitCount: 1,
      units,
    };
  });
  return {
    id: ids.tenantId++,
    clusterId: cluster.id,
    obTenantId: 1,
    name: 'sys',
    mode: 'MYSQL',
    charset: DEFAULT_CHARSET,
    collation: DEFAULT_COLLATION,
    primaryZone: cluster.zones[0]?.name ?? 'RANDOM',
    whitelist: '%',
    locked: false,
    readonly: false,
    createTime,
    status: 'NORMAL',
    pools,
  };
}

/** The seeded tenants of the seeded clusters (in cluster id order), the ids after them and what their units use. */
export function generateTenants(seed: number, clusters: readonly ObClusterRecord[]): { tenants: TenantRecord[]; ids: TenantIds; usage: Usage } {
  const ids = firstIds();
  const usage: Usage = new Map();
  const tenants: TenantRecord[] = [];
  const ordered = [...clusters].sort((a, b) => a.id - b.id);
  for (const c of ordered) tenants.push(sysTenantOf(c, ids, usage, c.createTime));
  for (const c of ordered) {
    let obTenantId = USER_OB_TENANT_IDS_FROM;
    for (const t of seedTenantsOf(seed, c, clusters)) {
      const spec = unitSpecNamed(t.spec);
      if (!spec) continue;
      const trialIds = { ...ids };
      const trialUsage = trialOf(usage);
      let pools: PoolRecord[];
      try {
        pools = placePools(
          c,
          t.name,
          c.zones.map((z) => ({ zoneName: z.name, replicaType: 'FULL' as const, specName: spec.name, config: spec, unitCount: 1 })),
          trialIds,
          trialUsage,
          () => true,
        );
      } catch {
        continue;
      }
      Object.assign(ids, trialIds);
      for (const [k, v] of trialUsage) usage.set(k, v);
      const createTime = Math.floor((c.createTime + (1 + Math.floor(hashUnit(seed, 43, c.id * 10 + obTenantId) * 30)) * DAY) / 1000) * 1000;
      tenants.push({
        id: ids.tenantId++,
        clusterId: c.id,
        obTenantId: obTenantId++,
        name: t.name,
        mode: t.mode,
        charset: DEFAULT_CHARSET,
        collation: t.mode === 'ORACLE' ? 'utf8mb4_bin' : DEFAULT_COLLATION,
        primaryZone: 'RANDOM',
        whitelist: '%',
        locked: false,
        readonly: false,
        createTime,
        status: 'NORMAL',
        pools,
      });
    }
  }
  return { tenants, ids, usage };
}
