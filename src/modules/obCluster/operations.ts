/**
 * OCP's async OB cluster operations (ocp-docs/cluster), each one declaration run by the one
 * engine: its route, the task it submits (name, nodes in the page's order, which stages have a
 * node per zone or per server, the sample's layout), the context its answer prints, and what the
 * cluster, its zones and servers read while it runs and after (`statuses`, which clusters.ts applies).
 *
 * Known, from each page's sample answer: the task name, the node names, the DAG (upstreams and
 * downstreams; where a Wait node stands), ids, positions and (on the 'clusterSubtasks' pages) the
 * seriesIds, class names and timeouts; the context keys and their order.
 * *Inferred*, in this file only: the class names and timeouts of nodes only the 'clusterTasks'
 * pages print (which print neither; named after their siblings'), their seriesIds (listed in the
 * page's order), which stages have a node per zone or per server on a cluster of several zones
 * (where the node's name says zone or observer), how long each node takes, and the statuses.
 * A known difference kept: on 1200/1300 "Wait observer active" prints parallelIdx -1 beside its
 * per-server neighbours; here it has its server's index like them.
 */
import type { Permission } from '../../contract/permissions.js';
import { defineOperation, type NodeTemplate, type OperationDecl, type SubjectFacts, type TaskContext } from '../../engine/index.js';

const BUSINESS = 'com.alipay.ocp.service.task.business';

/** A node: `cls` relative to OCP's task business package; timeout in seconds; how long a run takes [min, max] seconds. */
const node = (name: string, cls: string, timeout: number, seconds: readonly [number, number]): NodeTemplate => ({
  name,
  className: `${BUSINESS}.${cls}`,
  description: name,
  timeout,
  defaultSeconds: seconds,
});

const QUICK = [0.3, 2] as const;
const PROCESS = [4, 20] as const;

/** Every node the cluster operations use, by kind. Class names and timeouts marked (i) are *inferred*. */
export const CLUSTER_NODE_TEMPLATES = {
  waitNode: node('Wait node', 'WaitNode', 30, [0.2, 1.2]),
  prepareStopCluster: node('Prepare stop cluster', 'cluster.PrepareStopObClusterTask', 30, QUICK), // (i)
  prepareStartCluster: node('Prepare start cluster', 'cluster.PrepareStartObClusterTask', 30, QUICK), // (i)
  prepareRestartCluster: node('Prepare restart cluster', 'cluster.PrepareRestartObClusterTask', 30, QUICK), // (i)
  setZoneContext: node('Set zone context', 'zone.SetZoneContextTask', 30, QUICK), // (i)
  prepareStopZone: node('Prepare stop OB zone', 'zone.PrepareStopObZoneTask', 1800, QUICK),
  prepareStartZone: node('Prepare start OB zone', 'zone.PrepareStartObZoneTask', 1800, QUICK),
  prepareRestartZone: node('Prepare restart OB zone', 'zone.PrepareRestartObZoneTask', 1800, QUICK),
  stopZone: node('Stop zone', 'zone.StopObZoneTask', 1800, [2, 8]),
  startZone: node('Start zone', 'zone.StartObZoneTask', 1800, [2, 8]),
  updateZoneStatus: node('Update zone status', 'zone.UpdateObZoneStatusTask', 1800, QUICK),
  prepareStopServer: node('Prepare stop observer', 'server.PrepareStopObServerTask', 300, QUICK),
  prepareStartServer: node('Prepare start observer', 'server.PrepareStartObServerTask', 300, QUICK),
  prepareRestartServer: node('Prepare restart observer', 'server.PrepareRestartObServerTask', 300, QUICK),
  stopServerProcess: node('Stop observer process', 'server.StopObServerProcessTask', 1200, PROCESS),
  startServerProcess: node('Start observer process', 'server.StartObServerProcessTask', 1200, PROCESS),
  waitServerAccessible: node('Wait observer accessible', 'server.WaitObServerAccessibleTask', 1800, [3, 15]), // (i)
  waitServerActive: node('Wait observer active', 'server.WaitObServerActiveTask', 1800, [3, 15]),
  startAgentService: node('Start ocp agent service', 'obagent.StartOcpAgentServiceTask', 1800, [1, 5]),
  startServer: node('Start server', 'server.StartObServerTask', 300, [1, 5]),
  stopServer: node('Stop server', 'server.StopObServerTask', 300, [1, 5]),
  waitServerStop: node('Wait observer stop', 'server.WaitObServerStopTask', 1800, [2, 10]), // (i)
  updateServerStatus: node('Update observer status', 'server.UpdateObServerStatusTask', 300, QUICK),
  syncClusterInfo: node('Sync cluster info', 'cluster.SyncClusterInfoTask', 30, QUICK),
  syncTenants: node('Sync all tenant information', 'tenant.SyncAllTenantInfoTask', 300, [0.5, 3]), // (i)
  updateClusterStatus: node('Update OB cluster status', 'cluster.UpdateObClusterStatusTask', 30, QUICK),
} as const satisfies Record<string, NodeTemplate>;

type Kind = keyof typeof CLUSTER_NODE_TEMPLATES;

/** Layout entries as [idOffset, seriesId, position], in DAG order (the stage order), read off the sample. */
const layout = (slots: readonly (readonly [number, number, number])[]) => slots.map(([idOffset, seriesId, position]) => ({ idOffset, seriesId, position }));

/** What a cluster operation acts on: the whole cluster, one zone of it (`zone_name`), or one server (`server_id`). */
export type ClusterScope = 'cluster' | 'zone' | 'server';

/**
 * What the cluster (for a 'cluster' operation), the zone(s) and their servers read while the task
 * runs (`during`) and once it has succeeded (`after`); a task that fails or is rolled back leaves
 * what they read before (*inferred*: the pages list the statuses, not when each is set).
 */
export interface ClusterStatuses {
  from: readonly string[];
  during: string;
  after: string;
}

export interface ClusterOperation {
  operation: OperationDecl;
  route: { path: string; summary: string; permission: Permission };
  scope: ClusterScope;
  statuses: ClusterStatuses;
}

const base = (f: SubjectFacts) => ({ cluster_name: f.cluster.name, cluster_id: String(f.cluster.id) });
const zoneContext = (f: SubjectFacts): TaskContext => ({
  stringMap: {
    ...base(f),
    ocpagent_service_name: 'agent',
    prohibit_rollback: String(f.prohibitRollback),
    former_cluster_status: f.cluster.status,
    zone_name: f.extra.zone_name ?? '',
    target_cluster_status: f.cluster.status,
  },
  listMap: { server_ids: f.serverIds.map(String) },
});

/** A server operation's context (1600-1800): its zone's statuses around the cluster's, `server_id` last. */
const serverContext =
  (named: boolean, withAgent: boolean, withRollback: boolean) =>
  (f: SubjectFacts): TaskContext => ({
    stringMap: {
      ...(named ? { cluster_name: f.cluster.name } : {}),
      cluster_id: String(f.cluster.id),
      ...(withAgent ? { ocpagent_service_name: 'agent' } : {}),
      ...(withRollback ? { prohibit_rollback: String(f.prohibitRollback) } : {}),
      former_cluster_status: f.cluster.status,
      target_zone_status: f.extra.zone_status ?? 'RUNNING',
      former_zone_status: f.extra.zone_status ?? 'RUNNING',
      zone_name: f.extra.zone_name ?? '',
      target_cluster_status: f.cluster.status,
      server_id: String(f.serverIds[0]),
    },
    listMap: { server_ids: f.serverIds.map(String) },
  });

const op = <K extends Kind>(d: Omit<Parameters<typeof defineOperation<K>>[0], 'templates' | 'singleHost'>) =>
  defineOperation<K>({ ...d, templates: CLUSTER_NODE_TEMPLATES, singleHost: false });

const STOPPED = { from: ['RUNNING'], during: 'STOPPING', after: 'STOPPED' } as const;
const STARTED = { from: ['STOPPED'], during: 'STARTING', after: 'RUNNING' } as const;
const RESTARTED = { from: ['RUNNING'], during: 'RESTARTING', after: 'RUNNING' } as const;
const MANAGER: Permission = 'CLUSTER_MANAGER';

export const CLUSTER_OPERATIONS = {
  stopCluster: {
    route: { path: '/ob/clusters/{id}/stop', summary: 'Stop an OceanBase cluster (停止集群)', permission: MANAGER },
    scope: 'cluster',
    statuses: STOPPED,
    operation: op({
      id: 'stopCluster',
      taskName: 'Stop OB cluster',
      answer: 'clusterTasks',
      stages: [
        'prepareStopCluster',
        'prepareStopZone',
        'waitNode',
        'prepareStopServer',
        'waitNode',
        'stopServerProcess',
        'waitNode',
        'updateServerStatus',
        'waitNode',
        'updateZoneStatus',
        'updateClusterStatus',
      ],
      each: { prepareStopZone: 'zone', prepareStopServer: 'server', stopServerProcess: 'server', updateServerStatus: 'server', updateZoneStatus: 'zone' },
      oneHostLayout: layout([
        [6, 6, 6],
        [3, 3, 3],
        [8, 8, 8],
        [1, 1, 1],
        [0, 0, 0],
        [7, 7, 7],
        [5, 5, 5],
        [9, 9, 9],
        [4, 4, 4],
        [10, 10, 10],
        [2, 2, 2],
      ]),
      context: (f) => ({
        stringMap: { ...base(f), former_cluster_status: f.cluster.status },
        listMap: { server_ids: f.serverIds.map(String), zone_names: [...f.zones] },
      }),
    }),
  },
  startCluster: {
    route: { path: '/ob/clusters/{id}/start', summary: 'Start an OceanBase cluster (启动集群)', permission: MANAGER },
    scope: 'cluster',
    statuses: STARTED,
    operation: op({
      id: 'startCluster',
      taskName: 'Start OB cluster',
      answer: 'clusterTasks',
      stages: [
        'prepareStartCluster',
        'prepareStartZone',
        'waitNode',
        'prepareStartServer',
        'waitNode',
        'startServerProcess',
        'waitServerAccessible',
        'startAgentService',
        'waitNode',
        'startServer',
        'waitNode',
        'startZone',
        'waitNode',
        'updateServerStatus',
        'waitNode',
        'updateZoneStatus',
        'syncTenants',
        'updateClusterStatus',
      ],
      each: {
        prepareStartZone: 'zone',
        prepareStartServer: 'server',
        startServerProcess: 'server',
        waitServerAccessible: 'server',
        startAgentService: 'server',
        startServer: 'server',
        startZone: 'zone',
        updateServerStatus: 'server',
        updateZoneStatus: 'zone',
      },
      oneHostLayout: layout([
        [4, 4, 4],
        [10, 10, 10],
        [16, 16, 16],
        [8, 8, 8],
        [15, 15, 15],
        [14, 14, 14],
        [5, 5, 5],
        [3, 3, 3],
        [17, 17, 17],
        [7, 7, 7],
        [0, 0, 0],
        [12, 12, 12],
        [11, 11, 11],
        [6, 6, 6],
        [1, 1, 1],
        [9, 9, 9],
        [13, 13, 13],
        [2, 2, 2],
      ]),
      context: (f) => ({
        stringMap: { ...base(f), ocpagent_service_name: 'agent' },
        listMap: { server_ids: f.serverIds.map(String), host_ids: f.hostIds.map(String), zone_names: [...f.zones] },
      }),
    }),
  },
  restartCluster: {
    route: { path: '/ob/clusters/{id}/restart', summary: 'Restart an OceanBase cluster (重启集群)', permission: MANAGER },
    scope: 'cluster',
    statuses: RESTARTED,
    operation: op({
      id: 'restartCluster',
      taskName: 'Restart OB cluster',
      answer: 'clusterTasks',
      stages: [
        'prepareRestartCluster',
        'setZoneContext',
        'prepareRestartZone',
        'prepareRestartServer',
        'waitNode',
        'stopServerProcess',
        'waitNode',
        'startServerProcess',
        'waitServerAccessible',
        'startAgentService',
        'waitNode',
        'startServer',
        'waitNode',
        'updateServerStatus',
        'startZone',
        'updateZoneStatus',
        'syncClusterInfo',
        'syncTenants',
        'updateClusterStatus',
      ],
      each: {
        setZoneContext: 'zone',
        prepareRestartZone: 'zone',
        prepareRestartServer: 'server',
        stopServerProcess: 'server',
        startServerProcess: 'server',
        waitServerAccessible: 'server',
        startAgentService: 'server',
        startServer: 'server',
        updateServerStatus: 'server',
        startZone: 'zone',
        updateZoneStatus: 'zone',
      },
      oneHostLayout: layout([
        [11, 11, 11],
        [9, 9, 9],
        [2, 2, 2],
        [7, 7, 7],
        [10, 10, 10],
        [3, 3, 3],
        [6, 6, 6],
        [12, 12, 12],
        [8, 8, 8],
        [0, 0, 0],
        [14, 14, 14],
        [13, 13, 13],
        [4, 4, 4],
        [17, 17, 17],
        [18, 18, 18],
        [1, 1, 1],
        [5, 5, 5],
        [15, 15, 15],
        [16, 16, 16],
      ]),
      context: (f) => {
        // The page prints each zone's servers and hosts under `{clusterId}.{zone}.` keys.
        const listMap: Record<string, string[]> = {};
        f.zones.forEach((zone, z) => {
          const mine = f.serverIds.flatMap((id, i) => (f.serverZones[i] === z ? [i] : []));
          listMap[`${f.cluster.id}.${zone}.server_ids`] = mine.map((i) => String(f.serverIds[i]));
          listMap[`${f.cluster.id}.${zone}.host_ids`] = mine.map((i) => String(f.hostIds[i]));
        });
        listMap.zone_names = [...f.zones];
        return { stringMap: { ...base(f), ocpagent_service_name: 'agent', former_cluster_status: f.cluster.status }, listMap };
      },
    }),
  },
  stopZone: {
    route: { path: '/ob/clusters/{id}/zones/{zoneName}/stop', summary: 'Stop a zone of an OceanBase cluster (停止 Zone)', permission: MANAGER },
    scope: 'zone',
    statuses: STOPPED,
    operation: op({
      id: 'stopZone',
      taskName: 'Stop OB zone',
      answer: 'clusterSubtasks',
      stages: [
        'prepareStopZone',
        'stopZone',
        'prepareStopServer',
        'waitNode',
        'stopServerProcess',
        'waitNode',
        'updateServerStatus',
        'updateZoneStatus',
        'syncClusterInfo',
        'updateClusterStatus',
      ],
      each: { prepareStopServer: 'server', stopServerProcess: 'server', updateServerStatus: 'server' },
      oneHostLayout: layout([
        [4, 9, 3],
        [5, 0, 1],
        [9, 1, 2],
        [7, 8, 6],
        [6, 3, 7],
        [8, 7, 4],
        [2, 5, 5],
        [0, 4, 9],
        [1, 2, 0],
        [3, 6, 8],
      ]),
      context: zoneContext,
    }),
  },
  startZone: {
    route: { path: '/ob/clusters/{id}/zones/{zoneName}/start', summary: 'Start a zone of an OceanBase cluster (启动 Zone)', permission: MANAGER },
    scope: 'zone',
    statuses: STARTED,
    operation: op({
      id: 'startZone',
      taskName: 'Start OB zone',
      answer: 'clusterSubtasks',
      stages: [
        'prepareStartZone',
        'prepareStartServer',
        'waitNode',
        'startServerProcess',
        'waitServerActive',
        'startAgentService',
        'waitNode',
        'updateServerStatus',
        'startZone',
        'updateZoneStatus',
        'syncClusterInfo',
        'updateClusterStatus',
      ],
      each: {
        prepareStartServer: 'server',
        startServerProcess: 'server',
        waitServerActive: 'server',
        startAgentService: 'server',
        updateServerStatus: 'server',
      },
      oneHostLayout: layout([
        [5, 5, 7],
        [9, 6, 6],
        [10, 7, 3],
        [11, 10, 10],
        [6, 8, 11],
        [0, 3, 0],
        [1, 0, 1],
        [7, 2, 5],
        [3, 11, 2],
        [8, 9, 8],
        [2, 1, 4],
        [4, 4, 9],
      ]),
      context: zoneContext,
    }),
  },
  restartZone: {
    route: { path: '/ob/clusters/{id}/zones/{zoneName}/restart', summary: 'Restart a zone of an OceanBase cluster (重启 Zone)', permission: MANAGER },
    scope: 'zone',
    statuses: RESTARTED,
    operation: op({
      id: 'restartZone',
      taskName: 'Restart OB zone',
      answer: 'clusterSubtasks',
      stages: [
        'prepareRestartZone',
        'stopZone',
        'prepareRestartServer',
        'waitNode',
        'stopServerProcess',
        'waitNode',
        'startServerProcess',
        'waitServerActive',
        'startAgentService',
        'waitNode',
        'updateServerStatus',
        'startZone',
        'updateZoneStatus',
        'syncClusterInfo',
        'updateClusterStatus',
      ],
      each: {
        prepareRestartServer: 'server',
        stopServerProcess: 'server',
        startServerProcess: 'server',
        waitServerActive: 'server',
        startAgentService: 'server',
        updateServerStatus: 'server',
      },
      oneHostLayout: layout([
        [0, 6, 12],
        [8, 3, 1],
        [2, 9, 8],
        [7, 4, 3],
        [3, 1, 14],
        [11, 13, 5],
        [5, 7, 11],
        [10, 5, 10],
        [12, 0, 2],
        [9, 8, 7],
        [13, 10, 0],
        [1, 11, 4],
        [4, 12, 9],
        [6, 2, 13],
        [14, 14, 6],
      ]),
      context: zoneContext,
    }),
  },
  // One server: every node is single (the server pages print parallelIdx -1 throughout).
  stopServer: {
    route: { path: '/ob/clusters/{id}/servers/{serverId}/stop', summary: 'Stop an OB server (停止 OBServer)', permission: MANAGER },
    scope: 'server',
    statuses: STOPPED,
    operation: op({
      id: 'stopServer',
      taskName: 'Stop OB server',
      answer: 'clusterTasks',
      stages: [
        'prepareStopServer',
        'stopServer',
        'stopServerProcess',
        'waitServerStop',
        'updateServerStatus',
        'updateZoneStatus',
        'syncClusterInfo',
        'updateClusterStatus',
      ],
      each: {},
      oneHostLayout: layout([
        [5, 5, 5],
        [3, 3, 3],
        [1, 1, 1],
        [0, 0, 0],
        [6, 6, 6],
        [7, 7, 7],
        [4, 4, 4],
        [2, 2, 2],
      ]),
      context: serverContext(false, false, false),
    }),
  },
  startServer: {
    route: { path: '/ob/clusters/{id}/servers/{serverId}/start', summary: 'Start an OB server (启动 OBServer)', permission: MANAGER },
    scope: 'server',
    statuses: STARTED,
    operation: op({
      id: 'startServer',
      taskName: 'Start OB server',
      answer: 'clusterTasks',
      stages: [
        'prepareStartServer',
        'startServerProcess',
        'waitServerActive',
        'startAgentService',
        'startServer',
        'updateServerStatus',
        'updateZoneStatus',
        'syncClusterInfo',
        'updateClusterStatus',
      ],
      each: {},
      oneHostLayout: layout([
        [7, 7, 7],
        [0, 0, 0],
        [4, 4, 4],
        [5, 5, 5],
        [3, 3, 3],
        [1, 1, 1],
        [2, 2, 2],
        [8, 8, 8],
        [6, 6, 6],
      ]),
      context: serverContext(true, true, false),
    }),
  },
  restartServer: {
    route: { path: '/ob/clusters/{id}/servers/{serverId}/restart', summary: 'Restart an OB server (重启 OBServer)', permission: MANAGER },
    scope: 'server',
    statuses: RESTARTED,
    operation: op({
      id: 'restartServer',
      taskName: 'Restart OB server',
      answer: 'clusterSubtasks',
      stages: [
        'prepareRestartServer',
        'stopServer',
        'stopServerProcess',
        'startServerProcess',
        'waitServerActive',
        'startAgentService',
        'startServer',
        'updateServerStatus',
        'updateZoneStatus',
        'syncClusterInfo',
        'updateClusterStatus',
      ],
      each: {},
      // The sample's ids skip one (no node has the sixth): ours are contiguous, in the sample's order (*inferred*).
      oneHostLayout: layout([
        [3, 6, 2],
        [9, 7, 7],
        [4, 2, 10],
        [6, 10, 6],
        [8, 1, 9],
        [0, 3, 1],
        [10, 8, 8],
        [1, 0, 4],
        [5, 9, 5],
        [7, 4, 0],
        [2, 5, 3],
      ]),
      context: serverContext(true, true, true),
    }),
  },
} as const satisfies Record<string, ClusterOperation>;

export type ClusterOperationId = keyof typeof CLUSTER_OPERATIONS;
