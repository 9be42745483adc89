/**
 * The OB cluster module's read calls (ocp-docs/cluster), CLUSTER_VIEWER each: clusters listed (100)
 * and read (no page documents it: a list row, *inferred*), a cluster's zones (800), its servers
 * (2400), a zone's servers (2500, on the page's own path without `/ob` and on its siblings' with
 * it). An unknown cluster is 404 OBE11001, an unknown zone 404 OBE18002 (*inferred* statuses).
 * The status operations declared in operations.ts (stop, start, restart a cluster, a zone or a
 * server) each get their call here, answering their task as their page prints it; the lifecycle
 * and role operations' calls (create, delete, upgrade, zones, servers, switchover, failover) are
 * lifecycleCalls.ts's, the settings' (password, parameters, pre-checks) parameterCalls.ts's.
 */
import { pageOf } from '../../contract/paging.js';
import { ClusterSubtasksInstance, ClusterTasksInstance, contentsOf, ObCluster, ObServer, ObZone, pageOf as pageSchema } from '../../contract/schemas.js';
import { type CallDecl, defineCall } from '../../core/call.js';
import { renderTaskInstance } from '../task/index.js';
import { LIFECYCLE_CALLS } from './lifecycleCalls.js';
import type { ObClusterModule } from './module.js';
import { CLUSTER_OPERATIONS, type ClusterOperationId } from './operations.js';
import { PARAMETER_CALLS } from './parameterCalls.js';
import { queryClusters, queryServers } from './queries.js';
import { renderCluster, renderServer, renderZone } from './render.js';
import {
  CLUSTER_LIST_ARRAYS,
  ClusterIdAsClusterIdParam,
  ClusterIdParam,
  ClusterIdZoneParams,
  ClusterListQuery,
  ClusterServerParams,
  ClusterZoneParams,
  ServerListQuery,
} from './requests.js';

const call = defineCall<ObClusterModule>();
const TAG = 'OB clusters';

/** A zone's servers (ocp-docs/cluster/2500), whichever path asked. */
function zoneServers(m: ObClusterModule, clusterId: number, zoneName: string) {
  const cluster = m.clusters.cluster(clusterId);
  const zone = m.clusters.zone(cluster, String(zoneName));
  const st = m.clusters.statusesAt(m.world.now());
  return { data: { contents: zone.servers.map((s) => renderServer(s, cluster.build, m.world.offsetMinutes, st)) } };
}

/** The call that submits a cluster operation: the cluster from `{id}`, a zone operation's zone from `{zoneName}`. */
function operationCall(id: ClusterOperationId): CallDecl<ObClusterModule> {
  const { operation, route, scope } = CLUSTER_OPERATIONS[id];
  type Target = { zoneName?: string; serverId?: number };
  const answer = (m: ObClusterModule, clusterId: number, target: Target, caller: { id: number; name: string }, scenario: string) => {
    const view = m.clusters.runOperation(id, clusterId, target, caller, scenario);
    return { data: renderTaskInstance(view, m.world.offsetMinutes), taskId: view.record.id };
  };
  const shared = {
    routeId: id,
    method: 'post',
    path: route.path,
    summary: route.summary,
    tag: TAG,
    permission: route.permission,
    data: operation.answer === 'clusterTasks' ? ClusterTasksInstance : ClusterSubtasksInstance,
  } as const;
  if (scope === 'zone') {
    return call({
      ...shared,
      params: ClusterZoneParams,
      handle: (m, { params, caller, scenario }) => answer(m, params.id, { zoneName: params.zoneName }, caller, scenario),
    });
  }
  if (scope === 'server') {
    return call({
      ...shared,
      params: ClusterServerParams,
      handle: (m, { params, caller, scenario }) => answer(m, params.id, { serverId: params.serverId }, caller, scenario),
    });
  }
  return call({ ...shared, params: ClusterIdParam, handle: (m, { params, caller, scenario }) => answer(m, params.id, {}, caller, scenario) });
}

/** One call per operation of operations.ts, named by its id. */
const operationCalls = Object.fromEntries(Object.keys(CLUSTER_OPERATIONS).map((id) => [id, operationCall(id as ClusterOperationId)])) as Record<
  ClusterOperationId,
  CallDecl<ObClusterModule>
>;

export const OB_CLUSTER_CALLS = {
  // First: `GET /ob/clusters/parameterInfo` must be registered before `GET /ob/clusters/{id}`.
  ...PARAMETER_CALLS,
  ...operationCalls,
  ...LIFECYCLE_CALLS,
  listClusters: call({
    routeId: 'listClusters',
    method: 'get',
    path: '/ob/clusters',
    summary: 'Query clusters (查询集群列表)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    query: ClusterListQuery,
    queryObject: 'obClusterQuery',
    queryArrays: CLUSTER_LIST_ARRAYS,
    data: pageSchema(ObCluster),
    handle(m, { query }) {
      const st = m.clusters.statusesAt(m.world.now());
      const page = pageOf(queryClusters(m.clusters, query, st), query);
      const lookup = (id: number) => m.clusters.findCluster(id);
      return {
        data: {
          contents: page.contents.map((c) => renderCluster(c, lookup, m.world.offsetMinutes, st, m.clusters.tenants.tenantCount(c.id))),
          page: page.page,
        },
      };
    },
  }),
  getCluster: call({
    routeId: 'getCluster',
    method: 'get',
    path: '/ob/clusters/{id}',
    summary: 'Query a cluster (a row of the cluster list: no page documents this call, *inferred*)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    inferred: 'No page documents reading one cluster; every client asks for it (issue 23). It answers a row of the cluster list.',
    params: ClusterIdParam,
    data: ObCluster,
    handle(m, { params }) {
      const cluster = m.clusters.cluster(params.id);
      const st = m.clusters.statusesAt(m.world.now());
      return { data: renderCluster(cluster, (id) => m.clusters.findCluster(id), m.world.offsetMinutes, st, m.clusters.tenants.tenantCount(cluster.id)) };
    },
  }),
  listZones: call({
    routeId: 'listZones',
    method: 'get',
    path: '/ob/clusters/{id}/zones',
    summary: 'Query zones of an OceanBase cluster (查询集群 Zone 列表)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: ClusterIdParam,
    // The page's table lists `page`, its sample prints `contents` alone: the sample is followed.
    data: contentsOf(ObZone),
    handle(m, { params }) {
      const cluster = m.clusters.cluster(params.id);
      const st = m.clusters.statusesAt(m.world.now());
      return { data: { contents: cluster.zones.map((z) => renderZone(cluster, z, m.world.offsetMinutes, st)) } };
    },
  }),
  listServers: call({
    routeId: 'listServers',
    method: 'get',
    path: '/ob/clusters/{clusterId}/servers',
    summary: 'Query servers (查询集群 OBServer 列表)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: ClusterIdAsClusterIdParam,
    query: ServerListQuery,
    queryObject: 'serverQuery',
    data: contentsOf(ObServer),
    handle(m, { params, query }) {
      const cluster = m.clusters.cluster(params.clusterId);
      const st = m.clusters.statusesAt(m.world.now());
      return { data: { contents: queryServers(m.clusters, cluster, query).map((s) => renderServer(s, cluster.build, m.world.offsetMinutes, st)) } };
    },
  }),
  // ocp-docs/cluster/2500 prints its path without `/ob` (unlike its siblings and its own sample request): both are served.
  listZoneServers: call({
    routeId: 'listZoneServers',
    method: 'get',
    path: '/clusters/{clusterId}/zones/{zoneName}/servers',
    summary: 'Query servers in a zone (查询 Zone 的 OBServer 列表), the path as the page prints it',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: ClusterIdZoneParams,
    data: contentsOf(ObServer),
    handle: (m, { params }) => zoneServers(m, params.clusterId, params.zoneName),
  }),
  listZoneServersOb: call({
    routeId: 'listZoneServers',
    method: 'get',
    path: '/ob/clusters/{id}/zones/{zoneName}/servers',
    summary: "Query servers in a zone, on its siblings' path (the page's own sample request asks this one)",
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    inferred: 'ocp-docs/cluster/2500 prints its path without /ob; its sample request and every sibling page use /ob/clusters/{id}/...',
    params: ClusterZoneParams,
    data: contentsOf(ObServer),
    handle: (m, { params }) => zoneServers(m, params.id, params.zoneName),
  }),
};
