/**
 * A tenant's databases (ocp-docs/tenant/1900_100 to _400), one declaration each; the rules are in
 * databases.ts. Each answers its page's sample shape, keys in alphabetical order as OCP prints
 * them:
 * - the list (_100) prints each database with `connectionUrls` (`{connectionString, type}`: the
 *   sample's `type`, where the table says `connectionStringType`), a DIRECT one to the OB server of
 *   the tenant's first unit (*inferred*: the mock has no OBProxy); no paging (the page has none);
 * - create (_200) and modify (_300) print the database without `connectionUrls`, as their samples;
 * - `primaryZone` only for a database given one, `requiredSize` never (no sample prints them
 *   otherwise, *inferred*: OCP leaves nulls out);
 * - the samples' requests repeat the path's ids as a query (`?id=1&tenantId=1000001&dbName=db1`):
 *   a query is not read.
 * Permissions as the pages give them: Read-only is CLUSTER_VIEWER, Update CLUSTER_MANAGER.
 */
import { z } from 'zod';
import { idField } from '../../contract/requests.js';
import { contentsOf } from '../../contract/schemas.js';
import { ObDatabase, ObDatabaseRow } from '../../contract/tenantSchemas.js';
import { formatOcpTime } from '../../contract/time.js';
import { defineCall } from '../../core/call.js';
import type { ObClusterRecord } from '../obCluster/index.js';
import type { DatabaseRecord } from './fakes/databases.js';
import type { TenantRecord } from './fakes/tenants.js';
import type { ObTenantModule } from './module.js';
import { TenantParams } from './requests.js';

const call = defineCall<ObTenantModule>();
const TAG = 'OB tenants';

const DatabaseParams = z.object({ id: idField('cluster'), tenantId: idField('tenant'), dbName: z.string() });

/** _200's body; `dbName` left optional so that its absence is OCP's OBE61000, `readonly` required as the table says. */
const CreateDatabaseBody = z.object({
  dbName: z.string({ error: "must be the database's name" }).optional(),
  collation: z.string({ error: 'must be a collation' }).optional(),
  primaryZone: z.string({ error: 'must be a text' }).optional(),
  readonly: z.boolean({ error: 'must be true or false' }),
});

/** _300's body: all optional here, so that an empty one is OCP's OBE61003 (databases.ts asks for `readonly` then). */
const ModifyDatabaseBody = z.object({
  collation: z.string({ error: 'must be a collation' }).optional(),
  primaryZone: z.string({ error: 'must be a text' }).optional(),
  readonly: z.boolean({ error: 'must be true or false' }).optional(),
});

function renderDatabase(db: DatabaseRecord, offset: number) {
  return {
    charset: db.charset,
    collation: db.collation,
    createTime: formatOcpTime(db.createTime, offset),
    dbName: db.dbName,
    id: db.id,
    ...(db.primaryZone ? { primaryZone: db.primaryZone } : {}),
    readonly: db.readonly,
  };
}

/** A row of _100: the database with its connection string between `collation` and `createTime`, as the sample orders them. */
function renderRow(db: DatabaseRecord, address: string | undefined, offset: number) {
  const { charset, collation, ...rest } = renderDatabase(db, offset);
  return {
    charset,
    collation,
    connectionUrls: address ? [{ connectionString: `jdbc:mysql://${address}/${db.dbName}`, type: 'DIRECT' as const }] : [],
    ...rest,
  };
}

/** The OB server a DIRECT connection string names: the one of the tenant's first unit, if it has one. */
function directAddress(m: ObTenantModule, cluster: ObClusterRecord, tenant: TenantRecord): string | undefined {
  const unit = tenant.pools.flatMap((p) => p.units)[0];
  const server = unit && m.clusters.servers(cluster).find((s) => s.id === unit.serverId);
  return server ? `${server.ip}:${server.sqlPort}` : undefined;
}

export const TENANT_DATABASE_CALLS = {
  listDatabases: call({
    routeId: 'listDatabases',
    method: 'get',
    path: '/ob/clusters/{id}/tenants/{tenantId}/databases',
    summary: 'Query databases of a tenant (查询数据库列表)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: TenantParams,
    data: contentsOf(ObDatabaseRow),
    handle(m, { params }) {
      const { cluster, tenant, databases } = m.databases.list(params.id, params.tenantId);
      const address = directAddress(m, cluster, tenant);
      return { data: { contents: databases.map((db) => renderRow(db, address, m.world.offsetMinutes)) } };
    },
  }),
  createDatabase: call({
    routeId: 'createDatabase',
    method: 'post',
    path: '/ob/clusters/{id}/tenants/{tenantId}/databases',
    summary: 'Create a database in a tenant (创建数据库)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    body: CreateDatabaseBody,
    bodyObject: 'createDatabaseParam',
    data: ObDatabase,
    handle: (m, { params, body }) => ({ data: renderDatabase(m.databases.create(params.id, params.tenantId, body), m.world.offsetMinutes) }),
  }),
  modifyDatabase: call({
    routeId: 'modifyDatabase',
    method: 'put',
    path: '/ob/clusters/{id}/tenants/{tenantId}/databases/{dbName}',
    summary: 'Modify a database of a tenant (修改数据库)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: DatabaseParams,
    body: ModifyDatabaseBody,
    bodyObject: 'modifyDatabaseParam',
    data: ObDatabase,
    handle: (m, { params, body }) => ({
      data: renderDatabase(m.databases.modify(params.id, params.tenantId, params.dbName, body), m.world.offsetMinutes),
    }),
  }),
  deleteDatabase: call({
    routeId: 'deleteDatabase',
    method: 'delete',
    path: '/ob/clusters/{id}/tenants/{tenantId}/databases/{dbName}',
    summary: 'Delete a database of a tenant (删除数据库)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: DatabaseParams,
    data: null,
    handle(m, { params }) {
      m.databases.delete(params.id, params.tenantId, params.dbName);
      return {};
    },
  }),
};
