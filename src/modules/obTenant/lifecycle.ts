/**
 * Every tenant call that changes something, its checks in one place, then its task (tenants.ts
 * submits it) or its edit. A refused call changes nothing: each check runs before anything is
 * taken, and resources are placed on a copy of the ids and a trial over the usage.
 *
 * What is checked, with OCP's codes (statuses *inferred*, 400; which check answers first is the
 * order below):
 * - the cluster: 404 OBE11001; a standby's tenants are its primary's, made there (OBE11003); a
 *   cluster not RUNNING (OBE11007);
 * - the tenant: 404 OBE21003; its last task not ended for good (OBE21005); locked (OBE21009) for
 *   every change but lock, unlock and delete (*inferred*: OCP locks a tenant against logins, and its
 *   console asks to unlock before changing one); the sys tenant cannot be deleted (OBE21006), locked
 *   or have its replicas changed (OBE22100);
 * - a create's fields: name (OBE21000: a letter first, 2 to 64 letters, digits, `_`), taken in the
 *   cluster (OBE21001), mode (OBE21010), charset (COM10001) and collation (OBE21018) among the
 *   page's values for the mode, description (OBE21015), whitelist (OBE21013), the password present
 *   (OBE11012; OCP's strength rule is not applied on create, as the cluster create's: the page's
 *   sample sends "xxxxx"), zones present and distinct (OBE21017), each the cluster's (OBE21021),
 *   its spec known (OBE20002), its unit count 1 to the zone's servers (OBE23001), the units
 *   fitting (OBE19018, OBE19019: capacity.ts), the primary zone naming the tenant's zones
 *   (OBE21011, OBE21012; `RANDOM` and repeats allowed: 400's sample repeats zone2);
 * - replicas: an added zone the cluster's (OBE21021) and not the tenant's yet (OBE21020); a deleted
 *   or modified one the tenant's (OBE21021); at least one zone left (OBE23009).
 */
import { OcpError } from '../../contract/errors.js';
import type { Caller } from '../../core/call.js';
import type { TaskView } from '../../engine/index.js';
import { meetsPasswordRule, type ObClusterRecord, type ObClusters } from '../obCluster/index.js';
import { add, placeUnits, unitDemand } from './capacity.js';
import type { TenantChange } from './changes.js';
import {
  DEFAULT_CHARSET,
  DEFAULT_COLLATION,
  placePools,
  type ReplicaType,
  type TenantMode,
  type TenantRecord,
  USER_OB_TENANT_IDS_FROM,
  usageOf,
} from './fakes/tenants.js';
import { configOf, unitSpecNamed } from './fakes/unitSpecs.js';
import { TENANT_OPERATIONS } from './operations.js';
import type { CreateTenantBody, Replica } from './requests.js';
import { type ObTenants, passwordDigest } from './tenants.js';

/** The page's character sets per mode (ocp-docs/tenant/400), and the collations each takes (*inferred*: OceanBase's). */
const CHARSETS: Record<TenantMode, readonly string[]> = { MYSQL: ['binary', 'utf8mb4', 'gbk', 'gb18030'], ORACLE: ['utf8mb4', 'gbk', 'gb18030'] };
export const COLLATIONS: Record<string, readonly string[]> = {
  binary: ['binary'],
  utf8mb4: ['utf8mb4_general_ci', 'utf8mb4_bin', 'utf8mb4_unicode_ci'],
  gbk: ['gbk_chinese_ci', 'gbk_bin'],
  gb18030: ['gb18030_chinese_ci', 'gb18030_bin'],
};

const NAME = /^[A-Za-z][A-Za-z0-9_]{1,63}$/;

export class TenantLifecycle {
  constructor(
    readonly tenants: ObTenants,
    readonly clusters: ObClusters,
  ) {}

  private get now(): number {
    return this.tenants.world.now();
  }

  /** A cluster tenants may be made on or changed in: RUNNING, a primary. */
  private workable(clusterId: number): ObClusterRecord {
    const cluster = this.clusters.cluster(clusterId);
    if (cluster.type === 'STANDBY') throw new OcpError('clusterTypeForbids', [cluster.id, cluster.type]);
    const status = this.clusters.statusesAt(this.now).cluster(cluster);
    if (status !== 'RUNNING') throw new OcpError('clusterStateForbids', [cluster.name, status]);
    return cluster;
  }

  /** A tenant that may change now: idle, unlocked unless `lockedOk`, NORMAL (the parameter and database calls ask it too). */
  changeable(clusterId: number, tenantId: number, opts: { lockedOk?: boolean; sysOk?: boolean } = {}): { cluster: ObClusterRecord; tenant: TenantRecord } {
    const { tenant } = this.tenants.tenant(clusterId, tenantId);
    const cluster = this.workable(clusterId);
    if (!opts.sysOk && tenant.name === 'sys') throw new OcpError('tenantOperationForbidden', [tenant.name]);
    if (this.tenants.busy(tenant.id) || this.tenants.statusOf(tenant) !== 'NORMAL') throw new OcpError('tenantBusy', [tenant.name]);
    if (!opts.lockedOk && tenant.locked) throw new OcpError('tenantLocked', [tenant.name]);
    return { cluster, tenant };
  }

  // ---- create (400, 500) ----

  /** 400 (`createTenant`, answering its task) and 500 (`POST .../tenants`, answering the tenant): the same checks and the same task. */
  create(clusterId: number, body: CreateTenantBody, caller: Caller, scenario: string): { view: TaskView; tenant: TenantRecord } {
    const cluster = this.workable(clusterId);
    const name = body.name ?? '';
    if (!NAME.test(name)) throw new OcpError('tenantNameFormat', []);
    if (this.tenants.tenantsOf(cluster.id).some((t) => t.name === name)) throw new OcpError('tenantExists', [cluster.name, name]);
    const mode = (body.mode ?? 'MYSQL') as TenantMode;
    if (mode !== 'MYSQL' && mode !== 'ORACLE') throw new OcpError('tenantModeInvalid', []);
    const charset = body.charset ?? DEFAULT_CHARSET;
    if (!CHARSETS[mode].includes(charset)) throw new OcpError('invalidParameter', ['charset']);
    // The collation "is invalid for Oracle tenants" (400): an Oracle tenant takes its charset's
    // binary one (*inferred*: OceanBase's Oracle mode default, as the seeded Oracle tenants read).
    const collation =
      mode === 'ORACLE'
        ? (COLLATIONS[charset]?.find((c) => c.endsWith('_bin')) as string)
        : (body.collation ?? (charset === DEFAULT_CHARSET ? DEFAULT_COLLATION : (COLLATIONS[charset]?.[0] as string)));
    if (mode === 'MYSQL' && !COLLATIONS[charset]?.includes(collation)) throw new OcpError('collationInvalid', []);
    if ((body.description ?? '').length >= 1024) throw new OcpError('descriptionTooLong', []);
    const whitelist = body.whitelist ?? '%';
    if (whitelist.length >= 65535) throw new OcpError('whitelistTooLong', []);
    if (!body.rootPassword) throw new OcpError('passwordRequired', []);
    const zones = body.zones ?? [];
    if (zones.length === 0 || new Set(zones.map((z) => z.name)).size !== zones.length) throw new OcpError('tenantZonesInvalid', []);
    const asked = zones.map((z) => {
      const zone = cluster.zones.find((x) => x.name === z.name);
      if (!zone) throw new OcpError('tenantZoneNotFound', [z.name]);
      const spec = unitSpecNamed(z.resourcePool.unitSpecName);
      if (!spec) throw new OcpError('unitSpecNotFound', [z.resourcePool.unitSpecName]);
      if (z.resourcePool.unitCount < 1 || z.resourcePool.unitCount > zone.servers.length) throw new OcpError('unitCountInvalid', []);
      return { zoneName: zone.name, replicaType: z.replicaType as ReplicaType, specName: spec.name, config: spec, unitCount: z.resourcePool.unitCount };
    });
    const primaryZone = this.primaryZone(
      body.primaryZone,
      asked.map((z) => z.zoneName),
    );
    const ids = this.tenants.nextIds();
    const st = this.clusters.statusesAt(this.now);
    const running = new Set(
      this.clusters
        .servers(cluster)
        .filter((s) => st.server(s) === 'RUNNING')
        .map((s) => s.id),
    );
    const pools = placePools(cluster, name, asked, ids, this.tenants.usageTrial(), (id) => running.has(id));
    const obTenantId = Math.max(USER_OB_TENANT_IDS_FROM - 1, ...this.tenants.tenantsOf(cluster.id).map((t) => t.obTenantId)) + 1;
    const tenant: TenantRecord = {
      id: ids.tenantId,
      clusterId: cluster.id,
      obTenantId,
      name,
      mode,
      charset,
      collation,
      primaryZone,
      ...(body.description ? { description: body.description } : {}),
      whitelist,
      passwordDigest: passwordDigest(ids.tenantId, body.rootPassword),
      locked: false,
      readonly: false,
      createTime: this.now,
      status: 'CREATING',
      pools,
    };
    const view = this.tenants.submit(TENANT_OPERATIONS.createTenant, cluster, tenant, {}, { kind: 'createTenant', tenant }, caller, scenario);
    return { view, tenant: this.tenants.tenant(cluster.id, tenant.id).tenant };
  }

  /** The primary zone asked for, checked against the tenant's zones (default RANDOM, OceanBase's); a database's is checked the same way. */
  primaryZone(asked: string | undefined, zones: readonly string[]): string {
    const value = asked?.trim() || 'RANDOM';
    if (value.length >= 128) throw new OcpError('primaryZoneTooLong', []);
    if (value === 'RANDOM') return value;
    const named = value.split(/[;,]/).map((z) => z.trim());
    if (named.some((z) => z === '' || !zones.includes(z))) throw new OcpError('primaryZoneInvalid', []);
    return value;
  }

  // ---- delete, lock, unlock (600, 700, 800) ----

  delete(clusterId: number, tenantId: number, caller: Caller, scenario: string): TaskView {
    const { tenant } = this.tenants.tenant(clusterId, tenantId);
    if (tenant.name === 'sys') throw new OcpError('tenantUndeletable', [tenant.name]);
    const { cluster } = this.changeable(clusterId, tenantId, { lockedOk: true });
    return this.tenants.submit(TENANT_OPERATIONS.deleteTenant, cluster, tenant, {}, { kind: 'deleteTenant' }, caller, scenario);
  }

  setLocked(clusterId: number, tenantId: number, locked: boolean): void {
    const { tenant } = this.changeable(clusterId, tenantId, { lockedOk: true });
    this.tenants.edit(tenant.id, { kind: 'locked', locked });
  }

  // ---- replicas (1100, 1200, 1300) ----

  addReplicas(clusterId: number, tenantId: number, replicas: readonly Replica[], caller: Caller, scenario: string): TaskView {
    const { cluster, tenant } = this.changeable(clusterId, tenantId);
    if (replicas.length === 0 || new Set(replicas.map((r) => r.zoneName)).size !== replicas.length) throw new OcpError('tenantZonesInvalid', []);
    const template = tenant.pools[0];
    const asked = replicas.map((r) => {
      const zone = cluster.zones.find((z) => z.name === r.zoneName);
      if (!zone) throw new OcpError('tenantZoneNotFound', [r.zoneName]);
      if (tenant.pools.some((p) => p.zoneName === zone.name)) throw new OcpError('tenantZoneInvalid', [zone.name]);
      // *Inferred*: what the table leaves out is the tenant's first zone's (its spec and count), FULL.
      const specName = r.resourcePool?.unitSpecName ?? template?.specName ?? 'S1';
      const spec = unitSpecNamed(specName);
      if (!spec) throw new OcpError('unitSpecNotFound', [specName]);
      const unitCount = r.resourcePool?.unitCount ?? template?.unitCount ?? 1;
      if (unitCount < 1 || unitCount > zone.servers.length) throw new OcpError('unitCountInvalid', []);
      return { zoneName: zone.name, replicaType: (r.replicaType ?? 'FULL') as ReplicaType, specName, config: spec, unitCount };
    });
    const st = this.clusters.statusesAt(this.now);
    const running = new Set(
      this.clusters
        .servers(cluster)
        .filter((s) => st.server(s) === 'RUNNING')
        .map((s) => s.id),
    );
    const pools = placePools(cluster, tenant.name, asked, this.tenants.nextIds(), this.tenants.usageTrial(), (id) => running.has(id));
    return this.tenants.submit(
      TENANT_OPERATIONS.addTenantReplica,
      cluster,
      tenant,
      { extra: { zone_name: asked[0]?.zoneName ?? '' } },
      { kind: 'addReplica', pools },
      caller,
      scenario,
    );
  }

  deleteReplicas(clusterId: number, tenantId: number, zoneNames: readonly (string | undefined)[], caller: Caller, scenario: string): TaskView {
    const { cluster, tenant } = this.changeable(clusterId, tenantId);
    if (zoneNames.length === 0 || new Set(zoneNames).size !== zoneNames.length) throw new OcpError('tenantZonesInvalid', []);
    const names = zoneNames.map((z) => {
      if (!z || !tenant.pools.some((p) => p.zoneName === z)) throw new OcpError('tenantZoneNotFound', [z]);
      return z;
    });
    if (tenant.pools.length - names.length < 1) throw new OcpError('tenantZonesTooFew', []);
    return this.tenants.submit(
      TENANT_OPERATIONS.deleteTenantReplica,
      cluster,
      tenant,
      { lists: { zone_names: names } },
      { kind: 'deleteReplica', zoneNames: names },
      caller,
      scenario,
    );
  }

  /** 1300: one zone's replica type, spec or unit count (*inferred*: one zone per call; the sample sends one). */
  modifyReplica(clusterId: number, tenantId: number, replicas: readonly Replica[], caller: Caller, scenario: string): TaskView {
    const { cluster, tenant } = this.changeable(clusterId, tenantId);
    if (replicas.length !== 1) throw new OcpError('tenantZonesInvalid', []);
    const r = replicas[0] as Replica;
    const pool = tenant.pools.find((p) => p.zoneName === r.zoneName);
    if (!pool) throw new OcpError('tenantZoneNotFound', [r.zoneName]);
    const zone = cluster.zones.find((z) => z.name === pool.zoneName);
    const specName = r.resourcePool?.unitSpecName ?? pool.specName;
    const spec = specName === pool.specName ? { ...pool.unitConfig, name: specName } : unitSpecNamed(specName);
    if (!spec) throw new OcpError('unitSpecNotFound', [specName]);
    const unitCount = r.resourcePool?.unitCount ?? pool.unitCount;
    if (unitCount < 1 || unitCount > (zone?.servers.length ?? 0)) throw new OcpError('unitCountInvalid', []);
    // The kept units take the new size where they are; the added ones go where they fit. Both on a trial over the usage.
    const usage = this.tenants.usageTrial();
    const oldNeed = unitDemand(pool.unitConfig);
    const newNeed = unitDemand(spec);
    const kept = [...pool.units].sort((a, b) => a.id - b.id).slice(0, unitCount);
    const removed = pool.units.filter((u) => !kept.includes(u));
    for (const u of kept) {
      const server = zone?.servers.find((s) => s.id === u.serverId);
      const [here] = this.tenants.candidates(server ? [server] : [], usage);
      if (!here) continue;
      // What the server has free once this unit's old size is given back must hold its new size.
      placeUnits([{ serverId: u.serverId, free: add(here.free, oldNeed) }], 1, newNeed);
      usage.set(u.serverId, add(add(usageOf(usage, u.serverId), oldNeed, -1), newNeed));
    }
    const st = this.clusters.statusesAt(this.now);
    const holding = new Set(pool.units.map((u) => u.serverId));
    const free = (zone?.servers ?? []).filter((s) => st.server(s) === 'RUNNING' && !holding.has(s.id));
    const ids = this.tenants.nextIds();
    const addedServers = unitCount > pool.units.length ? placeUnits(this.tenants.candidates(free, usage), unitCount - pool.units.length, newNeed) : [];
    const addedUnits = addedServers.map((serverId) => ({ id: ids.unitId++, poolId: pool.id, serverId, zoneName: pool.zoneName }));
    const shape = (p: { replicaType: ReplicaType; specName: string; unitConfig: ReturnType<typeof configOf>; unitCount: number }) => ({
      replicaType: p.replicaType,
      specName: p.specName,
      unitConfig: configOf(p.unitConfig),
      unitCount: p.unitCount,
    });
    const change: TenantChange = {
      kind: 'modifyReplica',
      zoneName: pool.zoneName,
      before: shape(pool),
      after: shape({ replicaType: (r.replicaType ?? pool.replicaType) as ReplicaType, specName, unitConfig: configOf(spec), unitCount }),
      addedUnits,
      removedUnitIds: removed.map((u) => u.id),
    };
    return this.tenants.submit(TENANT_OPERATIONS.modifyTenantReplica, cluster, tenant, { extra: { zone_name: pool.zoneName } }, change, caller, scenario);
  }

  /** 1000: a unit of the tenant; the only unit of its zone stays (OBE23011). */
  deleteUnit(clusterId: number, tenantId: number, unitId: number): void {
    const { tenant } = this.changeable(clusterId, tenantId);
    const pool = tenant.pools.find((p) => p.units.some((u) => u.id === unitId));
    if (!pool) throw new OcpError('unitNotFound', [unitId]);
    if (pool.units.length <= 1) throw new OcpError('lastUnitInZone', [unitId]);
    this.tenants.edit(tenant.id, { kind: 'deleteUnit', unitId });
  }

  // ---- settings (1400, 1500, 1600) ----

  modifyPrimaryZone(clusterId: number, tenantId: number, primaryZone: string | undefined): void {
    const { tenant } = this.changeable(clusterId, tenantId, { sysOk: true });
    if (!primaryZone) throw new OcpError('primaryZoneInvalid', []);
    const value = this.primaryZone(
      primaryZone,
      tenant.pools.map((p) => p.zoneName),
    );
    this.tenants.edit(tenant.id, { kind: 'primaryZone', primaryZone: value });
  }

  /** 1500: OCP's strength rule applies (OBE21014, the same rule as the cluster's OBE11029 states); the page's example `foo` breaks it and is refused, as the cluster's 2000 is. */
  changePassword(clusterId: number, tenantId: number, newPassword: string | undefined, saveToCredential: boolean): void {
    const { tenant } = this.changeable(clusterId, tenantId, { sysOk: true });
    if (!newPassword) throw new OcpError('passwordRequired', []);
    if (!meetsPasswordRule(newPassword)) throw new OcpError('tenantPasswordFormat', []);
    this.tenants.edit(tenant.id, { kind: 'password', digest: passwordDigest(tenant.id, newPassword), saveToCredential });
  }

  modifyWhitelist(clusterId: number, tenantId: number, whitelist: string | undefined): void {
    const { tenant } = this.changeable(clusterId, tenantId, { sysOk: true });
    if (whitelist === undefined || whitelist.trim() === '') throw new OcpError('invalidParameter', ['whitelist']);
    if (whitelist.length >= 65535) throw new OcpError('whitelistTooLong', []);
    this.tenants.edit(tenant.id, { kind: 'whitelist', whitelist });
  }
}
