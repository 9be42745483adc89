/**
 * The OB cluster operations that make and unmake what a cluster is: create (ocp-docs/cluster/200)
 * and delete (300) a cluster, upgrade it (700), add (900) and delete (1000) a zone, add (1400),
 * delete (1500) and replace (1900) OB servers. One declaration each, as operations.ts declares the
 * status operations: the task as the page's sample prints it (names, order, Wait nodes, layout,
 * context keys in the page's order); `change` names what the task does to the cluster's records,
 * which clusters.ts (through changes.ts) applies as the task goes.
 *
 * *Inferred*, here only: which stages have a node per server or per zone on bigger requests (where
 * the node's name says observer, or the stage works on a host), the statuses (the pages list
 * CREATING, DELETING, OPERATING; not when each is set), and 1900: its page prints the task of 1400
 * ("Add OB server" on the new host), so a replacement is that task, and the replaced server is
 * removed once it has succeeded.
 */
import type { SubjectFacts, TaskContext } from '../../engine/index.js';
import { type ClusterOperation, layout, MANAGER, op } from './nodeTemplates.js';

/** A 'clusterTasks' page's layout: its tasks are listed by id, so position and (inferred) seriesId are the id offset. */
const byId = (offsets: readonly number[]) => layout(offsets.map((o) => [o, o, o] as const));

const service = (f: SubjectFacts) => `${f.cluster.name}:${f.cluster.obClusterId}`;
const lists = (f: SubjectFacts, key: string) => [...(f.lists[key] ?? [])];

/** The keys 900, 1400 and 1900 print about a cluster that gains servers. */
const gainContext = (f: SubjectFacts, withZone: boolean): TaskContext => {
  const zone = f.zones[0] ?? '';
  return {
    stringMap: {
      cluster_name: f.cluster.name,
      cluster_id: String(f.cluster.id),
      service_type: 'OB_CLUSTER',
      rpm_name: f.extra.rpm_name ?? '',
      service_name: service(f),
      service_version: f.cluster.obVersion,
      ...Object.fromEntries(f.hostIds.map((h) => [`host.${h}.zone`, zone])),
      ob_cluster_id: String(f.cluster.obClusterId),
      ...(withZone ? { [`${zone}.idc`]: f.extra.idc ?? '', [`${zone}.region`]: f.extra.region ?? '' } : {}),
    },
    listMap: { root_server_ips: lists(f, 'root_server_ips'), server_ids: f.serverIds.map(String), host_ids: f.hostIds.map(String), zone_names: [...f.zones] },
  };
};

/** What a call that adds servers (1400) or replaces one (1900) submits: the same task. */
const addServers = (id: string) =>
  op({
    id,
    taskName: 'Add OB server',
    answer: 'clusterTasks',
    stages: [
      'prepareAddServer',
      'reserveHost',
      'preCheckInstall',
      'waitNode',
      'installRpm',
      'waitNode',
      'makeDir',
      'waitNode',
      'startServerWithParam',
      'waitNode',
      'addServer',
      'waitServerActive',
      'restartServerProcess',
      'waitServerActive',
      'startAgentService',
      'waitNode',
      'updateServerStatus',
      'waitNode',
      'updateZoneStatus',
      'syncClusterInfo',
      'updateClusterStatus',
    ],
    each: {
      preCheckInstall: 'server',
      installRpm: 'server',
      makeDir: 'server',
      startServerWithParam: 'server',
      addServer: 'server',
      waitServerActive: 'server',
      restartServerProcess: 'server',
      startAgentService: 'server',
      updateServerStatus: 'server',
    },
    oneHostLayout: byId([16, 20, 9, 0, 13, 19, 15, 11, 1, 14, 17, 5, 4, 7, 18, 2, 8, 10, 6, 12, 3]),
    context: (f) => gainContext(f, false),
  });

/** A create (200): the page's task is a primary's; a standby's is named alike (*inferred*). */
const createCluster = (id: string, taskName: string) =>
  op({
    id,
    taskName,
    answer: 'clusterTasks',
    stages: [
      'prepareInstallCluster',
      'preCheckInstall',
      'waitNode',
      'installRpm',
      'waitNode',
      'makeDir',
      'waitNode',
      'ioBench',
      'bootstrap',
      'restartServerProcess',
      'waitServerAccessible',
      'setSysPassword',
      'createDefaultUser',
      'setSysPrimaryZone',
      'waitClusterAccessible',
      'refreshAgentConfig',
      'waitNode',
      'startAgentService',
      'syncClusterInfo',
      'syncTenants',
      'updateClusterStatus',
      'triggerCompaction',
      'linkObproxy',
    ],
    each: {
      preCheckInstall: 'server',
      installRpm: 'server',
      makeDir: 'server',
      ioBench: 'server',
      restartServerProcess: 'server',
      waitServerAccessible: 'server',
      refreshAgentConfig: 'server',
      startAgentService: 'server',
    },
    oneHostLayout: byId([10, 14, 6, 21, 20, 5, 3, 17, 15, 12, 13, 18, 2, 1, 7, 19, 4, 22, 9, 8, 11, 0, 16]),
    context: (f) => ({
      stringMap: {
        cluster_version: f.cluster.obVersion,
        cluster_name: f.cluster.name,
        startup_option_string: 'system_memory=5G',
        ob_version: f.cluster.obVersion,
        service_name: service(f),
        ob_connect_address: f.extra.connect_address ?? '',
        cluster_type: f.cluster.type,
        ob_cluster_id: String(f.cluster.obClusterId),
        link_obproxy: 'false',
        ...Object.fromEntries(f.zones.map((z) => [`${z}.idc`, f.extra[`${z}.idc`] ?? ''])),
        primary_zone: f.extra.primary_zone ?? '',
        sql_port: '2881',
        service_type: 'OB_CLUSTER',
        cluster_id: String(f.cluster.id),
        rpm_name: f.extra.rpm_name ?? '',
        target_cluster_status: 'RUNNING',
      },
      listMap: {
        root_servers: lists(f, 'root_servers'),
        root_server_ips: lists(f, 'root_server_ips'),
        host_ids: f.hostIds.map(String),
        ...Object.fromEntries(f.zones.map((z, zi) => [`${z}.host_ids`, f.hostIds.filter((_, i) => f.serverZones[i] === zi).map(String)])),
        zone_names: [...f.zones],
      },
    }),
  });

/** A delete (300): the page's task is a primary's; a standby's is named alike (*inferred*). */
const deleteCluster = (id: string, taskName: string) =>
  op({
    id,
    taskName,
    answer: 'clusterTasks',
    stages: ['prepareDeleteCluster', 'stopAgentService', 'waitNode', 'cleanServerHost', 'deleteClusterInfo', 'unreserveHost'],
    each: { stopAgentService: 'server', cleanServerHost: 'server' },
    oneHostLayout: byId([0, 3, 4, 1, 2, 5]),
    context: (f) => ({
      stringMap: {
        cluster_name: f.cluster.name,
        cluster_id: String(f.cluster.id),
        service_type: 'OB_CLUSTER',
        former_cluster_status: f.cluster.status,
        service_name: service(f),
        service_version: f.cluster.obVersion,
        ob_cluster_id: String(f.cluster.obClusterId),
      },
      listMap: { host_ids: f.hostIds.map(String) },
    }),
  });

/** What each lifecycle operation does to the records (changes.ts). */
export type ChangeKind = 'createCluster' | 'deleteCluster' | 'upgradeCluster' | 'addZone' | 'deleteZone' | 'addServers' | 'deleteServers' | 'replaceServer';

export interface LifecycleOperation extends ClusterOperation {
  change: ChangeKind;
}

/** Made anew: what it makes reads CREATING until the task has succeeded (then RUNNING); a rollback takes it away. */
const MADE = { from: ['RUNNING'], during: 'CREATING', after: 'RUNNING' } as const;
/** Taken away: what it deletes reads DELETING until the task has succeeded (then it is gone). */
const UNMADE = { from: ['RUNNING', 'STOPPED'], during: 'DELETING', after: 'DELETED' } as const;

export const LIFECYCLE_OPERATIONS = {
  createCluster: {
    route: { path: '/ob/clusters', summary: 'Create an OceanBase cluster (创建集群)', permission: MANAGER },
    scope: 'cluster',
    change: 'createCluster',
    statuses: { from: [], during: 'CREATING', after: 'RUNNING' },
    operation: createCluster('createCluster', 'Create primary OB cluster'),
  },
  createStandbyCluster: {
    route: { path: '/ob/clusters', summary: 'Create an OceanBase cluster (创建集群)', permission: MANAGER },
    scope: 'cluster',
    change: 'createCluster',
    statuses: { from: [], during: 'CREATING', after: 'RUNNING' },
    operation: createCluster('createStandbyCluster', 'Create standby OB cluster'),
  },
  deleteCluster: {
    route: { path: '/ob/clusters/{id}', summary: 'Delete an OceanBase cluster (删除集群)', permission: MANAGER },
    scope: 'cluster',
    change: 'deleteCluster',
    statuses: UNMADE,
    operation: deleteCluster('deleteCluster', 'Delete primary OB cluster'),
  },
  deleteStandbyCluster: {
    route: { path: '/ob/clusters/{id}', summary: 'Delete an OceanBase cluster (删除集群)', permission: MANAGER },
    scope: 'cluster',
    change: 'deleteCluster',
    statuses: UNMADE,
    operation: deleteCluster('deleteStandbyCluster', 'Delete standby OB cluster'),
  },
  upgradeCluster: {
    route: { path: '/ob/clusters/{id}/upgrade', summary: 'Upgrade an OceanBase cluster (升级集群)', permission: MANAGER },
    scope: 'cluster',
    change: 'upgradeCluster',
    // The cluster list has no UPGRADING: an upgrade is maintenance, OPERATING (*inferred*).
    statuses: { from: ['RUNNING'], during: 'OPERATING', after: 'RUNNING' },
    operation: op({
      id: 'upgradeCluster',
      taskName: 'Submit upgrade OB cluster dag',
      answer: 'clusterTasks',
      stages: ['startNode', 'prepareUpgrade', 'submitUpgrade', 'waitDagSuccess', 'updateClusterStatus'],
      each: {},
      oneHostLayout: byId([2, 3, 4, 1, 0]),
      context: (f) => ({
        stringMap: {
          cluster_version: f.extra.cluster_version ?? '',
          cluster_name: f.cluster.name,
          cluster_id: String(f.cluster.id),
          target_cluster_status: 'RUNNING',
          primary_cluster_id: String(f.cluster.id),
        },
        listMap: {
          binary_upgrade_versions: lists(f, 'binary_upgrade_versions'),
          cluster_ids: [String(f.cluster.id)],
          upgrade_versions: lists(f, 'upgrade_versions'),
        },
      }),
    }),
  },
  addZone: {
    route: { path: '/ob/clusters/{id}/zones', summary: 'Create a zone for an OceanBase cluster (添加 Zone)', permission: MANAGER },
    scope: 'zone',
    change: 'addZone',
    statuses: MADE,
    operation: op({
      id: 'addZone',
      taskName: 'Add OB zone',
      answer: 'clusterTasks',
      stages: [
        'prepareAddZone',
        'reserveHost',
        'preCheckInstall',
        'waitNode',
        'addZone',
        'waitNode',
        'startZone',
        'setZoneIdc',
        'installRpm',
        'waitNode',
        'makeDir',
        'waitNode',
        'startServerWithParam',
        'waitNode',
        'addServer',
        'waitServerActive',
        'restartServerProcess',
        'waitServerActive',
        'startAgentService',
        'waitNode',
        'updateServerStatus',
        'waitNode',
        'updateZoneStatus',
        'syncClusterInfo',
        'updateClusterStatus',
      ],
      each: {
        preCheckInstall: 'server',
        installRpm: 'server',
        makeDir: 'server',
        startServerWithParam: 'server',
        addServer: 'server',
        waitServerActive: 'server',
        restartServerProcess: 'server',
        startAgentService: 'server',
        updateServerStatus: 'server',
      },
      oneHostLayout: byId([7, 18, 0, 11, 2, 8, 1, 13, 17, 10, 5, 6, 14, 3, 9, 4, 19, 12, 16, 15, 24, 20, 21, 22, 23]),
      context: (f) => gainContext(f, true),
    }),
  },
  deleteZone: {
    route: { path: '/ob/clusters/{id}/zones/{zoneName}', summary: 'Delete a zone from an OceanBase cluster (删除 Zone)', permission: MANAGER },
    scope: 'zone',
    change: 'deleteZone',
    statuses: UNMADE,
    operation: op({
      id: 'deleteZone',
      taskName: 'Delete OB zone',
      answer: 'clusterTasks',
      stages: [
        'prepareDeleteZone',
        'prepareDeleteServer',
        'stopZone',
        'deleteServer',
        'waitServerDelete',
        'stopAgentService',
        'waitNode',
        'cleanServerHost',
        'deleteZone',
        'unreserveHost',
        'deleteZoneMeta',
        'syncClusterInfo',
        'updateClusterStatus',
      ],
      each: { prepareDeleteServer: 'server', deleteServer: 'server', waitServerDelete: 'server', stopAgentService: 'server', cleanServerHost: 'server' },
      oneHostLayout: byId([2, 12, 3, 8, 4, 5, 11, 6, 10, 1, 7, 0, 9]),
      context: (f) => ({
        stringMap: {
          cluster_name: f.cluster.name,
          cluster_id: String(f.cluster.id),
          service_type: 'OB_CLUSTER',
          service_name: service(f),
          former_cluster_status: f.cluster.status,
          zone_name: f.zones[0] ?? '',
          target_cluster_status: f.cluster.status,
          service_version: f.cluster.obVersion,
          ob_cluster_id: String(f.cluster.obClusterId),
        },
        listMap: { server_ids: f.serverIds.map(String), host_ids: f.hostIds.map(String) },
      }),
    }),
  },
  addServers: {
    route: { path: '/ob/clusters/{id}/servers', summary: 'Add OBServers to a zone (添加 OBServer)', permission: MANAGER },
    scope: 'server',
    change: 'addServers',
    statuses: MADE,
    operation: addServers('addServers'),
  },
  deleteServers: {
    route: { path: '/ob/clusters/{id}/servers/batchDelete', summary: 'Delete OBServers in a batch (批量删除 OBServer)', permission: MANAGER },
    scope: 'server',
    change: 'deleteServers',
    statuses: UNMADE,
    operation: op({
      id: 'deleteServers',
      taskName: 'Delete OB server',
      answer: 'clusterSubtasks',
      stages: [
        'startNode',
        'prepareDeleteServer',
        'waitNode',
        'deleteServer',
        'waitServerDelete',
        'stopAgentService',
        'waitNode',
        'cleanServerHost',
        'unreserveHost',
        'deleteServerMeta',
        'waitNode',
        'updateZoneStatus',
        'syncClusterInfo',
        'updateClusterStatus',
      ],
      each: {
        prepareDeleteServer: 'server',
        deleteServer: 'server',
        stopAgentService: 'server',
        cleanServerHost: 'server',
        deleteServerMeta: 'server',
        updateZoneStatus: 'zone',
      },
      // [idOffset, seriesId, position, parallelIdx]: the sample prints parallelIdx 0 on its one zone's "Update zone status".
      oneHostLayout: layout([
        [10, 4, 13],
        [1, 9, 8],
        [11, 8, 2],
        [13, 3, 7],
        [3, 6, 11],
        [6, 5, 0],
        [14, 13, 5],
        [4, 7, 1],
        [8, 12, 9],
        [5, 0, 12],
        [9, 10, 10],
        [0, 1, 3, 0],
        [2, 11, 6],
        [7, 2, 4],
      ]),
      context: (f) => ({
        stringMap: {
          cluster_name: f.cluster.name,
          prohibit_rollback: String(f.prohibitRollback),
          service_name: service(f),
          former_cluster_status: f.cluster.status,
          target_zone_status: 'RUNNING',
          ob_log_disk_path: '/data/log1',
          former_zone_status: 'RUNNING',
          service_version: f.cluster.obVersion,
          ob_install_path: '/home/admin/oceanbase',
          cluster_id: String(f.cluster.id),
          service_type: 'OB_CLUSTER',
          target_cluster_status: f.cluster.status,
          former_server_status: 'RUNNING',
          ob_data_disk_path: '/data/1',
        },
        listMap: { server_ids: f.serverIds.map(String), host_ids: f.hostIds.map(String), zone_names: [...f.zones] },
      }),
    }),
  },
  replaceServer: {
    route: { path: '/ob/clusters/{id}/servers/{serverId}/replace', summary: 'Replace an OBServer (替换 OBServer)', permission: MANAGER },
    scope: 'server',
    change: 'replaceServer',
    statuses: MADE,
    operation: addServers('replaceServer'),
  },
} as const satisfies Record<string, LifecycleOperation>;

export type LifecycleOperationId = keyof typeof LIFECYCLE_OPERATIONS;
