/**
 * What a tenant operation's task does to the tenant records, as data (TenantChange, carried in the
 * task's subject into the state file and back) and as three steps, each idempotent so a replay over
 * a compaction's snapshot lands where the live run did (as the cluster module's changes.ts):
 *
 * - `begin` at submission: what the task makes is there at once and takes its servers' resources
 *   (a created tenant reading CREATING, an added zone's pool, a modified pool's new size), so the
 *   next request cannot take them too; tenants.ts lists its units once the operation's
 *   `unitsShowAfter` node has succeeded;
 * - `commit` once the task has succeeded: what it unmakes goes (a deleted tenant, a deleted zone's
 *   pool, a shrunk pool's surplus units);
 * - `undo` once it has been rolled back: what `begin` made goes, a modified pool is as it was.
 */
import { z } from 'zod';
import type { PoolRecord, TenantRecord, UnitRecord } from './fakes/tenants.js';

const Id = z.number().int().positive();

const UnitConfigSchema = z.strictObject({
  maxCpuCoreCount: z.number(),
  minCpuCoreCount: z.number(),
  maxMemorySize: z.number(),
  minMemorySize: z.number(),
  logDiskSize: z.number(),
});
const ReplicaTypeSchema = z.enum(['FULL', 'LOGONLY', 'READONLY']);
const UnitSchema = z.strictObject({ id: Id, poolId: Id, serverId: Id, zoneName: z.string() });
export const PoolSchema = z.strictObject({
  id: Id,
  name: z.string(),
  zoneName: z.string(),
  replicaType: ReplicaTypeSchema,
  specName: z.string(),
  unitConfig: UnitConfigSchema,
  unitCount: z.number().int().nonnegative(),
  units: z.array(UnitSchema),
});
export const TenantSchema = z.strictObject({
  id: Id,
  clusterId: Id,
  obTenantId: z.number().int(),
  name: z.string(),
  mode: z.enum(['MYSQL', 'ORACLE']),
  charset: z.string(),
  collation: z.string(),
  primaryZone: z.string(),
  description: z.string().optional(),
  whitelist: z.string(),
  passwordDigest: z.string().optional(),
  locked: z.boolean(),
  readonly: z.boolean(),
  createTime: z.number().int(),
  status: z.string(),
  pools: z.array(PoolSchema),
});

/** A pool's size and kind, before and after a modification. */
const PoolShape = z.strictObject({
  replicaType: ReplicaTypeSchema,
  specName: z.string(),
  unitConfig: UnitConfigSchema,
  unitCount: z.number().int().nonnegative(),
});

export const TenantChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('createTenant'), tenant: TenantSchema }),
  z.strictObject({ kind: z.literal('deleteTenant') }),
  z.strictObject({ kind: z.literal('addReplica'), pools: z.array(PoolSchema) }),
  z.strictObject({ kind: z.literal('deleteReplica'), zoneNames: z.array(z.string()) }),
  z.strictObject({
    kind: z.literal('modifyReplica'),
    zoneName: z.string(),
    before: PoolShape,
    after: PoolShape,
    addedUnits: z.array(UnitSchema),
    removedUnitIds: z.array(Id),
  }),
]);
export type TenantChange = z.infer<typeof TenantChange>;

/** What the changes need of the tenant slice: tenants by id, and the one way units come and go (it keeps the servers' usage). */
export interface TenantRecords {
  find(id: number): TenantRecord | undefined;
  add(tenant: TenantRecord): void;
  remove(tenant: TenantRecord): void;
  unitsAdded(pool: PoolRecord, units: readonly UnitRecord[]): void;
  unitsRemoved(pool: PoolRecord, units: readonly UnitRecord[]): void;
}

const poolIn = (t: TenantRecord, zoneName: string) => t.pools.find((p) => p.zoneName === zoneName);

export function begin(change: TenantChange, tenantId: number, records: TenantRecords): void {
  const tenant = records.find(tenantId);
  switch (change.kind) {
    case 'createTenant':
      if (!tenant) records.add(structuredClone(change.tenant) as TenantRecord);
      return;
    case 'addReplica':
      if (!tenant) return;
      for (const p of change.pools) {
        if (poolIn(tenant, p.zoneName)) continue;
        const pool: PoolRecord = { ...structuredClone(p), units: [] };
        tenant.pools.push(pool);
        records.unitsAdded(pool, structuredClone(p.units));
      }
      return;
    case 'modifyReplica': {
      const pool = tenant && poolIn(tenant, change.zoneName);
      if (!pool || pool.units.some((u) => change.addedUnits.some((a) => a.id === u.id))) return;
      // The new configuration is held by every unit at once: the old ones are taken out and put back.
      const kept = pool.units;
      records.unitsRemoved(pool, kept);
      Object.assign(pool, structuredClone(change.after));
      pool.units = [];
      records.unitsAdded(pool, [...kept, ...structuredClone(change.addedUnits)]);
      return;
    }
    default:
      return;
  }
}

export function commit(change: TenantChange, tenantId: number, records: TenantRecords): void {
  const tenant = records.find(tenantId);
  if (!tenant) return;
  switch (change.kind) {
    case 'deleteTenant':
      records.remove(tenant);
      return;
    case 'deleteReplica':
      for (const zoneName of change.zoneNames) {
        const pool = poolIn(tenant, zoneName);
        if (!pool) continue;
        records.unitsRemoved(pool, pool.units);
        tenant.pools = tenant.pools.filter((p) => p !== pool);
      }
      return;
    case 'modifyReplica': {
      const pool = poolIn(tenant, change.zoneName);
      if (!pool) return;
      records.unitsRemoved(
        pool,
        pool.units.filter((u) => change.removedUnitIds.includes(u.id)),
      );
      return;
    }
    default:
      return;
  }
}

export function undo(change: TenantChange, tenantId: number, records: TenantRecords): void {
  const tenant = records.find(tenantId);
  if (!tenant) return;
  switch (change.kind) {
    case 'createTenant':
      records.remove(tenant);
      return;
    case 'addReplica':
      for (const p of change.pools) {
        const pool = poolIn(tenant, p.zoneName);
        if (!pool || pool.id !== p.id) continue;
        records.unitsRemoved(pool, pool.units);
        tenant.pools = tenant.pools.filter((x) => x !== pool);
      }
      return;
    case 'modifyReplica': {
      const pool = poolIn(tenant, change.zoneName);
      if (!pool) return;
      const kept = pool.units.filter((u) => !change.addedUnits.some((a) => a.id === u.id));
      records.unitsRemoved(pool, pool.units);
      Object.assign(pool, structuredClone(change.before));
      pool.units = [];
      records.unitsAdded(pool, kept);
      return;
    }
    default:
      return;
  }
}

/** The units a task adds (what `unitsShowAfter` hides until its node has succeeded). */
export function addedUnitIds(change: TenantChange): readonly number[] {
  if (change.kind === 'createTenant') return change.tenant.pools.flatMap((p) => p.units.map((u) => u.id));
  if (change.kind === 'addReplica') return change.pools.flatMap((p) => p.units.map((u) => u.id));
  if (change.kind === 'modifyReplica') return change.addedUnits.map((u) => u.id);
  return [];
}
