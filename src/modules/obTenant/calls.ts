/**
 * The OB tenant module's calls (ocp-docs/tenant), one declaration each: reads CLUSTER_VIEWER,
 * changes CLUSTER_MANAGER (*inferred*: the pages ask for "the Read-only permission on the cluster"
 * and "the Update permission on the tenant"; OCP's tenant roles ride on its cluster ones here).
 *
 * Where a page prints a path unlike its siblings' (300 and 900: `/ob/cluster/{clusterId}/...`,
 * singular, while their samples ask `/ob/clusters/8/...`), both forms are served. The async
 * calls answer their task as their page prints it (400, 1100-1300); 500 answers the tenant, its
 * task running the same "Create tenant"; 600 answers no data, its "Delete tenant" task running.
 */
import { pageOf } from '../../contract/paging.js';
import { pageOf as pageSchema } from '../../contract/schemas.js';
import {
  ObTenant,
  ObTenantDetail,
  ObTenantUnit,
  TenantCreateInstance,
  TenantSubtasksInstance,
  TenantTasksInstance,
  UnitSpec,
} from '../../contract/tenantSchemas.js';
import { type CallDecl, defineCall } from '../../core/call.js';
import { renderTaskInstance } from '../task/index.js';
import type { TenantRecord } from './fakes/tenants.js';
import { UNIT_SPECS } from './fakes/unitSpecs.js';
import type { ObTenantModule } from './module.js';
import { queryTenants } from './queries.js';
import { renderTenantDetail, renderTenantRow, renderUnit, renderUnitSpec } from './render.js';
import {
  ChangePasswordBody,
  ClusterIdParam,
  ClusterTenantsParams,
  CreateTenantBody,
  PrimaryZoneBody,
  ReplicasBody,
  TENANT_LIST_ARRAYS,
  TenantListQuery,
  TenantParams,
  TenantParamsAsClusterId,
  UnitListQuery,
  UnitParams,
  UnitSpecQuery,
  WhitelistBody,
  ZoneRefsBody,
} from './requests.js';

const call = defineCall<ObTenantModule>();
const TAG = 'OB tenants';

/** A page of tenant rows. */
function tenantPage(m: ObTenantModule, rows: readonly TenantRecord[], query: ReturnType<typeof TenantListQuery.parse>) {
  const statusOf = (t: TenantRecord) => m.tenants.statusOf(t);
  const page = pageOf(queryTenants(rows, query, statusOf), query);
  return {
    data: {
      contents: page.contents.map((t) => renderTenantRow(t, m.clusters.cluster(t.clusterId), statusOf(t), m.world.offsetMinutes)),
      page: page.page,
    },
  };
}

function detail(m: ObTenantModule, clusterId: number, tenantId: number) {
  const { cluster, tenant } = m.tenants.tenant(clusterId, tenantId);
  const servers = new Map(m.clusters.servers(cluster).map((s) => [s.id, s]));
  const st = m.clusters.statusesAt(m.world.now());
  return {
    data: renderTenantDetail(
      tenant,
      cluster,
      { tenant: m.tenants.statusOf(tenant), cluster: st.cluster(cluster) },
      m.world.offsetMinutes,
      (p) => m.tenants.visibleUnits(tenant, p),
      (id) => servers.get(id),
    ),
  };
}

function units(m: ObTenantModule, clusterId: number, tenantId: number, zoneName: string | undefined) {
  const { cluster, tenant } = m.tenants.tenant(clusterId, tenantId);
  const servers = new Map(m.clusters.servers(cluster).map((s) => [s.id, s]));
  const pools = tenant.pools.filter((p) => !zoneName || p.zoneName === zoneName);
  return { data: { contents: pools.flatMap((p) => m.tenants.visibleUnits(tenant, p).map((u) => renderUnit(u, servers.get(u.serverId)))) } };
}

const taskAnswer = (m: ObTenantModule, view: Parameters<typeof renderTaskInstance>[0]) => ({
  data: renderTaskInstance(view, m.world.offsetMinutes),
  taskId: view.record.id,
});

/** A synchronous change of one tenant (no data in the answer). */
function change(
  routeId: string,
  path: string,
  summary: string,
  run: (m: ObTenantModule, clusterId: number, tenantId: number) => void,
): CallDecl<ObTenantModule> {
  return call({
    routeId,
    method: 'post',
    path,
    summary,
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    data: null,
    handle(m, { params }) {
      run(m, params.id, params.tenantId);
      return {};
    },
  });
}

export const OB_TENANT_CALLS = {
  listAllTenants: call({
    routeId: 'listAllTenants',
    method: 'get',
    path: '/ob/tenants',
    summary: 'Query all tenants (查询所有租户)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    query: TenantListQuery,
    queryObject: 'tenantQuery',
    queryArrays: TENANT_LIST_ARRAYS,
    data: pageSchema(ObTenant),
    handle: (m, { query }) => tenantPage(m, m.tenants.all(), query),
  }),
  listUnitSpecs: call({
    routeId: 'listUnitSpecs',
    method: 'get',
    path: '/ob/unitSpecs',
    summary: 'Obtain a list of unit specifications (查询 unit 规格列表)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    query: UnitSpecQuery,
    data: pageSchema(UnitSpec),
    handle(_m, { query }) {
      const rows = UNIT_SPECS.filter((s) => (!query.name || s.name === query.name) && (!query.type || s.type === query.type));
      const page = pageOf(rows, query);
      return { data: { contents: page.contents.map(renderUnitSpec), page: page.page } };
    },
  }),
  listClusterTenants: call({
    routeId: 'listClusterTenants',
    method: 'get',
    path: '/ob/clusters/{clusterId}/tenants',
    summary: 'Query tenants of a cluster (查询集群的租户列表)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: ClusterTenantsParams,
    query: TenantListQuery,
    queryObject: 'tenantQuery',
    queryArrays: TENANT_LIST_ARRAYS,
    data: pageSchema(ObTenant),
    handle(m, { params, query }) {
      const cluster = m.clusters.cluster(params.clusterId);
      return tenantPage(m, m.tenants.tenantsOf(cluster.id), query);
    },
  }),
  createTenant: call({
    routeId: 'createTenant',
    method: 'post',
    path: '/ob/clusters/{id}/tenants/createTenant',
    summary: 'Create a tenant, answering its task (创建租户, 异步)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: ClusterIdParam,
    body: CreateTenantBody,
    bodyObject: 'createTenantParam',
    data: TenantCreateInstance,
    handle: (m, { params, body, caller, scenario }) => taskAnswer(m, m.lifecycle.create(params.id, body, caller, scenario).view),
  }),
  createTenantSync: call({
    routeId: 'createTenantSync',
    method: 'post',
    path: '/ob/clusters/{id}/tenants',
    summary: 'Create a tenant, answering the tenant (创建租户); its task runs as createTenant’s',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: ClusterIdParam,
    body: CreateTenantBody,
    bodyObject: 'createTenantParam',
    data: ObTenant,
    handle(m, { params, body, caller, scenario }) {
      const { tenant } = m.lifecycle.create(params.id, body, caller, scenario);
      return { data: renderTenantRow(tenant, m.clusters.cluster(tenant.clusterId), m.tenants.statusOf(tenant), m.world.offsetMinutes) };
    },
  }),
  getTenant: call({
    routeId: 'getTenant',
    method: 'get',
    path: '/ob/cluster/{clusterId}/tenants/{tenantId}',
    summary: 'Query details about a tenant (查询租户详情), on the page’s path',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: TenantParamsAsClusterId,
    data: ObTenantDetail,
    handle: (m, { params }) => detail(m, params.clusterId, params.tenantId),
  }),
  getTenantPlural: call({
    routeId: 'getTenant',
    inferred: 'ocp-docs/tenant/300 prints /ob/cluster/{clusterId}/... (singular); its sample request and every sibling page use /ob/clusters/{id}/...',
    method: 'get',
    path: '/ob/clusters/{id}/tenants/{tenantId}',
    summary: 'Query details about a tenant, on its siblings’ path (the page’s sample asks this one)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: TenantParams,
    data: ObTenantDetail,
    handle: (m, { params }) => detail(m, params.id, params.tenantId),
  }),
  listTenantUnits: call({
    routeId: 'listTenantUnits',
    method: 'get',
    path: '/ob/cluster/{clusterId}/tenants/{tenantId}/units',
    summary: 'Query units of a tenant (查询租户的 unit 列表), on the page’s path',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: TenantParamsAsClusterId,
    query: UnitListQuery,
    data: UnitListSchema(),
    handle: (m, { params, query }) => units(m, params.clusterId, params.tenantId, query.zoneName),
  }),
  listTenantUnitsPlural: call({
    routeId: 'listTenantUnits',
    inferred: 'ocp-docs/tenant/900 prints /ob/cluster/{clusterId}/... (singular); its sample request and every sibling page use /ob/clusters/{id}/...',
    method: 'get',
    path: '/ob/clusters/{id}/tenants/{tenantId}/units',
    summary: 'Query units of a tenant, on its siblings’ path (the page’s sample asks this one)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: TenantParams,
    query: UnitListQuery,
    data: UnitListSchema(),
    handle: (m, { params, query }) => units(m, params.id, params.tenantId, query.zoneName),
  }),
  deleteTenant: call({
    routeId: 'deleteTenant',
    method: 'delete',
    path: '/ob/clusters/{id}/tenants/{tenantId}',
    summary: 'Delete a tenant (删除租户); its "Delete tenant" task runs',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    data: null,
    handle(m, { params, caller, scenario }) {
      const view = m.lifecycle.delete(params.id, params.tenantId, caller, scenario);
      return { taskId: view.record.id };
    },
  }),
  lockTenant: change('lockTenant', '/ob/clusters/{id}/tenants/{tenantId}/lock', 'Lock a tenant (锁定租户)', (m, c, t) => m.lifecycle.setLocked(c, t, true)),
  unlockTenant: change('unlockTenant', '/ob/clusters/{id}/tenants/{tenantId}/unlock', 'Unlock a tenant (解锁租户)', (m, c, t) =>
    m.lifecycle.setLocked(c, t, false),
  ),
  deleteTenantUnit: call({
    routeId: 'deleteTenantUnit',
    method: 'delete',
    path: '/ob/clusters/{id}/tenants/{tenantId}/units/{unitId}',
    summary: 'Delete a unit from a tenant (删除租户的 unit)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: UnitParams,
    data: null,
    handle(m, { params }) {
      m.lifecycle.deleteUnit(params.id, params.tenantId, params.unitId);
      return {};
    },
  }),
  addTenantReplica: call({
    routeId: 'addTenantReplica',
    method: 'post',
    path: '/ob/clusters/{id}/tenants/{tenantId}/addReplica',
    summary: 'Add a replica for a tenant (新增租户副本)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    body: ReplicasBody,
    bodyArrayOrObject: true,
    bodyObject: 'addReplicaParam',
    data: TenantSubtasksInstance,
    handle: (m, { params, body, caller, scenario }) => taskAnswer(m, m.lifecycle.addReplicas(params.id, params.tenantId, body, caller, scenario)),
  }),
  deleteTenantReplica: call({
    routeId: 'deleteTenantReplica',
    method: 'post',
    path: '/ob/clusters/{id}/tenants/{tenantId}/deleteReplica',
    summary: 'Delete a replica of a tenant (删除租户副本)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    body: ZoneRefsBody,
    bodyArrayOrObject: true,
    bodyObject: 'deleteReplicaParam',
    data: TenantSubtasksInstance,
    handle: (m, { params, body, caller, scenario }) => taskAnswer(m, m.lifecycle.deleteReplicas(params.id, params.tenantId, body, caller, scenario)),
  }),
  modifyTenantReplica: call({
    routeId: 'modifyTenantReplica',
    method: 'post',
    path: '/ob/clusters/{id}/tenants/{tenantId}/modifyReplica',
    summary: 'Modify a replica of a tenant (修改租户副本)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    body: ReplicasBody,
    bodyArrayOrObject: true,
    bodyObject: 'modifyReplicaParam',
    data: TenantTasksInstance,
    handle: (m, { params, body, caller, scenario }) => taskAnswer(m, m.lifecycle.modifyReplica(params.id, params.tenantId, body, caller, scenario)),
  }),
  modifyTenantPrimaryZone: call({
    routeId: 'modifyTenantPrimaryZone',
    method: 'post',
    path: '/ob/clusters/{id}/tenants/{tenantId}/modifyPrimaryZone',
    summary: 'Modify zone priorities of a tenant (修改租户 Zone 优先级)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    body: PrimaryZoneBody,
    bodyObject: 'modifyPrimaryZoneParam',
    data: null,
    handle(m, { params, body }) {
      m.lifecycle.modifyPrimaryZone(params.id, params.tenantId, body.primaryZone);
      return {};
    },
  }),
  changeTenantPassword: call({
    routeId: 'changeTenantPassword',
    method: 'post',
    path: '/ob/clusters/{id}/tenants/{tenantId}/changePassword',
    summary: 'Change the administrator password of a tenant (修改租户管理员密码)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    body: ChangePasswordBody,
    bodyObject: 'changePasswordParam',
    data: null,
    handle(m, { params, body }) {
      m.lifecycle.changePassword(params.id, params.tenantId, body.newPassword, body.saveToCredential ?? true);
      return {};
    },
  }),
  modifyTenantWhitelist: call({
    routeId: 'modifyTenantWhitelist',
    method: 'post',
    path: '/ob/clusters/{id}/tenants/{tenantId}/modifyWhitelist',
    summary: 'Modify the whitelist of a tenant (修改租户白名单)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    body: WhitelistBody,
    bodyObject: 'modifyWhitelistParam',
    data: null,
    handle(m, { params, body }) {
      m.lifecycle.modifyWhitelist(params.id, params.tenantId, body.whitelist);
      return {};
    },
  }),
};

function UnitListSchema() {
  return pageSchema(ObTenantUnit).omit({ page: true });
}
