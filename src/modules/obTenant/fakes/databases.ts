/**
 * The database records of a tenant (ocp-docs/tenant/1900), and the ones a tenant has before any
 * call changed them: a pure function of the seed and the tenant record, so nothing needs keeping
 * until a database is created, modified or deleted (databases.ts keeps the tenant's list from then).
 *
 * As 1900_100's sample prints them (*inferred* where it is silent):
 * - a MySQL tenant, the sys tenant included, has OceanBase's `oceanbase`, `information_schema`
 *   and `mysql` (its system databases: they cannot be modified or deleted, OBE61004) and `test`;
 * - a seeded MySQL user tenant also has two databases of its own, drawn from the seed and the
 *   tenant's name (so a standby's copy of a tenant has its primary's), created hours after it;
 * - an Oracle tenant has none (its schemas are its users', which these calls do not manage);
 * - ids as the sample's: the tenant's obTenantId shifted by 40 bits plus a sequence (the system
 *   databases 1 to 3, `test` 1000, the rest from 1001, never handed out twice in a tenant);
 * - charset and collation the tenant's, no primary zone (the tenant's applies), not read-only;
 *   the system databases created with the tenant (within its first second, as the sample's).
 */
import { hashUnit } from '../../../util/random.js';
import type { TenantRecord } from './tenants.js';

export interface DatabaseRecord {
  id: number;
  dbName: string;
  charset: string;
  collation: string;
  /** Set only when the database was given one (the tenant's applies otherwise, and the answer prints none). */
  primaryZone?: string;
  readonly: boolean;
  createTime: number;
}

/** A tenant's databases with the next sequence its next database takes. */
export interface TenantDatabaseList {
  nextSeq: number;
  databases: DatabaseRecord[];
}

/** OceanBase's system databases with their sequences; `test` is an ordinary database. */
const SYSTEM_DATABASES: readonly (readonly [string, number])[] = [
  ['oceanbase', 1],
  ['information_schema', 2],
  ['mysql', 3],
];
const SYSTEM_NAMES = new Set(SYSTEM_DATABASES.map(([name]) => name));
export const TEST_SEQ = 1000;
const SEED_NAMES = ['orders', 'inventory', 'billing', 'analytics', 'crm', 'audit_log', 'catalog', 'payments'] as const;

const HOUR = 3_600_000;

/** Whether a database is one of OceanBase's own (modifying or deleting it is OBE61004). */
export const isSystemDatabase = (dbName: string) => SYSTEM_NAMES.has(dbName);

/** The id of a tenant's database of this sequence: OceanBase's, the tenant id in the high bits (2^40 keeps it a safe integer). */
export const databaseId = (obTenantId: number, seq: number) => obTenantId * 2 ** 40 + seq;

/** A text as a number for the seeded draws. */
function textKey(text: string): number {
  let h = 0;
  for (const ch of text) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) | 0;
  return h;
}

/**
 * What a tenant has before any call changed its databases: nothing for an Oracle tenant, the
 * system databases and `test` for a MySQL one, and two of its own for a seeded MySQL user tenant.
 */
export function initialDatabases(seed: number, tenant: TenantRecord, seeded: boolean): TenantDatabaseList {
  if (tenant.mode !== 'MYSQL') return { nextSeq: TEST_SEQ + 1, databases: [] };
  const key = textKey(tenant.name);
  const made = (dbName: string, seq: number, createTime: number): DatabaseRecord => ({
    id: databaseId(tenant.obTenantId, seq),
    dbName,
    charset: tenant.charset,
    collation: tenant.collation,
    readonly: false,
    createTime,
  });
  const databases = [...SYSTEM_DATABASES, ['test', TEST_SEQ] as const].map(([name, seq], i) =>
    made(name, seq, tenant.createTime + 500 + i * 10 + Math.floor(hashUnit(seed, 51, key, seq) * 10)),
  );
  let nextSeq = TEST_SEQ + 1;
  if (seeded && tenant.name !== 'sys') {
    const first = Math.floor(hashUnit(seed, 52, key) * SEED_NAMES.length);
    const step = 1 + Math.floor(hashUnit(seed, 53, key) * (SEED_NAMES.length - 1));
    for (const i of [0, 1]) {
      const name = SEED_NAMES[(first + i * step) % SEED_NAMES.length] as string;
      const after = (1 + Math.floor(hashUnit(seed, 54, key, i) * 12)) * HOUR + Math.floor(hashUnit(seed, 55, key, i) * 1000);
      databases.push(made(name, nextSeq++, tenant.createTime + after + i * HOUR));
    }
  }
  return { nextSeq, databases };
}
