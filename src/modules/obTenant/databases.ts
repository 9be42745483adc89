/**
 * Each tenant's databases (ocp-docs/tenant/1900_100 to _400): list, create, modify, delete. A
 * tenant's list is its initial one (fakes/databases.ts, a pure function of the seed and the tenant)
 * until a call changes it; from then the slice keeps it, and each change is one state-file command
 * holding the tenant's whole list (`tenantDatabases`: a replay or a compaction's snapshot sets it
 * as it was, whatever came before; a compaction writes one per changed tenant, rank 37, after
 * the tenants' 36). A tenant that is gone (deleted, or its cluster deleted) takes its databases
 * with it: they are read only through the tenant, whose id is never handed out again, and the
 * next compaction leaves them out.
 *
 * What a change checks, with OCP's codes, in this order (a refused call changes nothing):
 * - the tenant as every tenant change (lifecycle.ts `changeable`): the cluster (404 OBE11001, a
 *   standby OBE11003, not RUNNING OBE11007), the tenant (404 OBE21003, its task not ended or not
 *   NORMAL OBE21005, locked OBE21009), the sys tenant (OBE22100, *inferred*: its databases are
 *   OceanBase's own, listed but not managed here);
 * - an Oracle tenant (OBE61006: OCP's code for it; the pages' collation "is invalid for Oracle
 *   tenants", whose schemas are their users');
 * - create: the name (OBE61000: a lowercase letter first, 2 to 128 lowercase letters, digits and
 *   `_`, as OBE61000's text says), taken in the tenant (OBE61001), the collation (OBE61005);
 *   `readonly` is required (COM10001, the table says so);
 * - modify and delete: the database there (404 OBE61002), not a system one (OBE61004); a modify
 *   with none of the fields (OBE61003), without `readonly` (COM10001, required by the table);
 * - a primary zone the tenant's zones (OBE21012, OBE21011: the tenant's own rule, lifecycle.ts).
 *
 * *Inferred*: the collation is any of the tenant create's (`binary`, `utf8mb4_*`, `gbk_*`,
 * `gb18030_*`; the pages list the charsets and default to `utf8mb4_general_ci`), the charset is
 * the collation's; a modify's `primaryZone` of "" takes the database's back (the tenant's applies).
 */
import { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { World } from '../../core/world.js';
import type { ObClusterRecord } from '../obCluster/index.js';
import { type DatabaseRecord, databaseId, initialDatabases, isSystemDatabase, type TenantDatabaseList } from './fakes/databases.js';
import { DEFAULT_COLLATION, type TenantRecord } from './fakes/tenants.js';
import { COLLATIONS, type TenantLifecycle } from './lifecycle.js';
import type { ObTenants } from './tenants.js';

const Id = z.number().int().positive();
const DatabaseSchema = z.strictObject({
  id: Id,
  dbName: z.string(),
  charset: z.string(),
  collation: z.string(),
  primaryZone: z.string().optional(),
  readonly: z.boolean(),
  createTime: z.number().int(),
});
const ListCommand = z.strictObject({
  c: z.literal('tenantDatabases'),
  tenantId: Id,
  nextSeq: Id,
  databases: z.array(DatabaseSchema),
});

/** A collation's charset (the collations are the tenant create's, lifecycle.ts). */
const CHARSET_OF = new Map(Object.entries(COLLATIONS).flatMap(([charset, collations]) => collations.map((c) => [c, charset] as const)));

const NAME = /^[a-z][a-z0-9_]{1,127}$/;

export interface DatabaseCreate {
  dbName?: string;
  collation?: string;
  primaryZone?: string;
  readonly: boolean;
}

export interface DatabaseChange {
  collation?: string;
  primaryZone?: string;
  readonly?: boolean;
}

export class TenantDatabases implements StateSlice {
  readonly commands = { tenantDatabases: commandDef(ListCommand, (c) => this.applyList(c)) };
  /** The lists calls have changed, by tenant id (the others read their initial list). */
  private lists = new Map<number, TenantDatabaseList>();
  /** Tenants of ids below this are the seeded ones (they get databases of their own). */
  private seededBelow = 0;

  constructor(
    readonly world: World,
    readonly tenants: ObTenants,
    readonly lifecycle: TenantLifecycle,
  ) {
    world.use(this);
  }

  /** Registered after the tenants' slice, so its reset has made the seeded tenants. */
  reset(): void {
    this.lists.clear();
    this.seededBelow = this.tenants.nextIds().tenantId;
  }

  private listOf(tenant: TenantRecord): TenantDatabaseList {
    return this.lists.get(tenant.id) ?? initialDatabases(this.world.seed, tenant, tenant.id < this.seededBelow);
  }

  /** 1900_100: the tenant's databases in id order, with its cluster (for the connection strings). */
  list(clusterId: number, tenantId: number): { cluster: ObClusterRecord; tenant: TenantRecord; databases: readonly DatabaseRecord[] } {
    const { cluster, tenant } = this.tenants.tenant(clusterId, tenantId);
    return { cluster, tenant, databases: [...this.listOf(tenant).databases].sort((a, b) => a.id - b.id) };
  }

  /** The tenant as a database change needs it (the file's comment gives the checks). */
  private workable(clusterId: number, tenantId: number): TenantRecord {
    const { tenant } = this.lifecycle.changeable(clusterId, tenantId);
    if (tenant.mode === 'ORACLE') throw new OcpError('oracleTenantForbids', []);
    return tenant;
  }

  private existing(list: TenantDatabaseList, dbName: string): DatabaseRecord {
    const db = list.databases.find((d) => d.dbName === dbName);
    if (!db) throw new OcpError('databaseNotFound', [dbName]);
    if (isSystemDatabase(db.dbName)) throw new OcpError('databaseForbids', [dbName]);
    return db;
  }

  private charsetOf(collation: string): string {
    const charset = CHARSET_OF.get(collation);
    if (!charset) throw new OcpError('databaseCollationInvalid', []);
    return charset;
  }

  /** A primary zone as the tenant's rule takes it; none (or "") is the database's own left unset. */
  private primaryZoneOf(tenant: TenantRecord, asked: string | undefined): string | undefined {
    if (asked === undefined || asked.trim() === '') return undefined;
    return this.lifecycle.primaryZone(
      asked,
      tenant.pools.map((p) => p.zoneName),
    );
  }

  /** 1900_200: a new database of the tenant. */
  create(clusterId: number, tenantId: number, body: DatabaseCreate): DatabaseRecord {
    const tenant = this.workable(clusterId, tenantId);
    const dbName = body.dbName ?? '';
    if (!NAME.test(dbName)) throw new OcpError('databaseNameFormat', []);
    const list = this.listOf(tenant);
    if (list.databases.some((d) => d.dbName === dbName)) throw new OcpError('databaseExists', [dbName]);
    const collation = body.collation ?? DEFAULT_COLLATION;
    const charset = this.charsetOf(collation);
    const primaryZone = this.primaryZoneOf(tenant, body.primaryZone);
    const db: DatabaseRecord = {
      id: databaseId(tenant.obTenantId, list.nextSeq),
      dbName,
      charset,
      collation,
      ...(primaryZone ? { primaryZone } : {}),
      readonly: body.readonly,
      createTime: this.world.now(),
    };
    this.commitList(tenant.id, { nextSeq: list.nextSeq + 1, databases: [...list.databases, db] });
    return db;
  }

  /** 1900_300: a database's collation, primary zone or read-only flag. */
  modify(clusterId: number, tenantId: number, dbName: string, change: DatabaseChange): DatabaseRecord {
    const tenant = this.workable(clusterId, tenantId);
    const list = this.listOf(tenant);
    const db = this.existing(list, dbName);
    if (change.collation === undefined && change.primaryZone === undefined && change.readonly === undefined) throw new OcpError('databaseChangeEmpty', []);
    if (change.readonly === undefined) throw new OcpError('invalidParameter', ['readonly']);
    const collation = change.collation ?? db.collation;
    const charset = this.charsetOf(collation);
    const primaryZone = change.primaryZone === undefined ? db.primaryZone : this.primaryZoneOf(tenant, change.primaryZone);
    const { primaryZone: _old, ...rest } = db;
    const changed: DatabaseRecord = { ...rest, charset, collation, ...(primaryZone ? { primaryZone } : {}), readonly: change.readonly };
    this.commitList(tenant.id, { nextSeq: list.nextSeq, databases: list.databases.map((d) => (d === db ? changed : d)) });
    return changed;
  }

  /** 1900_400. */
  delete(clusterId: number, tenantId: number, dbName: string): void {
    const tenant = this.workable(clusterId, tenantId);
    const list = this.listOf(tenant);
    const db = this.existing(list, dbName);
    this.commitList(tenant.id, { nextSeq: list.nextSeq, databases: list.databases.filter((d) => d !== db) });
  }

  private commitList(tenantId: number, list: TenantDatabaseList): void {
    this.world.commit({ c: 'tenantDatabases', tenantId, nextSeq: list.nextSeq, databases: list.databases } as Command);
  }

  private applyList(command: z.infer<typeof ListCommand>): void {
    this.lists.set(command.tenantId, { nextSeq: command.nextSeq, databases: structuredClone(command.databases) as DatabaseRecord[] });
  }

  /** Each live tenant's changed list, one command each (rank 37: after the tenants' 36); the lists of tenants gone are dropped here. */
  live(): RankedCommands[] {
    if (this.lists.size === 0) return [];
    const alive = new Set(this.tenants.all().map((t) => t.id));
    for (const id of [...this.lists.keys()]) if (!alive.has(id)) this.lists.delete(id);
    const commands = [...this.lists.keys()]
      .sort((a, b) => a - b)
      .map((id) => {
        const list = this.lists.get(id) as TenantDatabaseList;
        return { c: 'tenantDatabases', tenantId: id, nextSeq: list.nextSeq, databases: structuredClone(list.databases) } as Command;
      });
    return commands.length ? [{ rank: 37, commands }] : [];
  }

  liveBound(): number {
    return this.lists.size;
  }
}
