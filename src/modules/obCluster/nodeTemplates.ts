/**
 * What every OB cluster operation is made of (operations.ts, lifecycleOperations.ts,
 * roleOperations.ts): the node templates, by kind, with their names as the pages print them; the
 * layout helper; what an operation declares beside its task (route, scope, statuses).
 * Class names and timeouts marked (i) are *inferred* (the 'clusterTasks' pages print neither;
 * named after their siblings'); how long each node takes is *inferred* from the samples' instants.
 */
import type { Permission } from '../../contract/permissions.js';
import { defineOperation, type NodeTemplate, type OperationDecl, type SubjectFacts } from '../../engine/index.js';

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
  // Creating and deleting clusters, zones and servers (200, 300, 900, 1000, 1400, 1500, 1900); upgrading (700).
  // 1500 prints class names and timeouts for the nodes it has; the others are (i).
  startNode: node('Start node', 'StartNode', 30, [0.1, 0.5]),
  prepareInstallCluster: node('Prepare install cluster', 'cluster.PrepareInstallObClusterTask', 300, QUICK), // (i)
  preCheckInstall: node('Pre check for install OB', 'server.PreCheckInstallObServerTask', 600, [1, 4]), // (i)
  installRpm: node('Install rpm', 'server.InstallObRpmTask', 1800, [5, 25]), // (i)
  makeDir: node('Make dir for ob', 'server.MakeObDirTask', 300, QUICK), // (i)
  ioBench: node('Do io bench', 'server.DoIoBenchTask', 1800, [5, 20]), // (i)
  bootstrap: node('Bootstrap ob', 'cluster.BootstrapObClusterTask', 1800, [10, 40]), // (i)
  restartServerProcess: node('Restart observer process', 'server.RestartObServerProcessTask', 1200, PROCESS), // (i)
  setSysPassword: node('Set sys password', 'cluster.SetSysPasswordTask', 300, QUICK), // (i)
  createDefaultUser: node('Create default user', 'cluster.CreateDefaultUserTask', 300, QUICK), // (i)
  setSysPrimaryZone: node('Set sys Primary Zone', 'tenant.SetSysPrimaryZoneTask', 300, QUICK), // (i)
  waitClusterAccessible: node('Wait cluster accessible', 'cluster.WaitObClusterAccessibleTask', 1800, [2, 10]), // (i)
  refreshAgentConfig: node('Refresh ocp agent config', 'obagent.RefreshOcpAgentConfigTask', 300, QUICK), // (i)
  triggerCompaction: node('Trigger compaction', 'cluster.TriggerCompactionTask', 300, QUICK), // (i)
  linkObproxy: node('Link obproxy', 'cluster.LinkObproxyTask', 300, QUICK), // (i)
  prepareDeleteCluster: node('Prepare delete cluster', 'cluster.PrepareDeleteObClusterTask', 300, QUICK), // (i)
  stopAgentService: node('Stop ocp agent service', 'obagent.StopOcpAgentServiceTask', 3600, [1, 5]),
  cleanServerHost: node('Clean observer host', 'server.CleanObServerTask', 1800, [2, 10]),
  deleteClusterInfo: node('Delete cluster info', 'cluster.DeleteObClusterInfoTask', 300, QUICK), // (i)
  unreserveHost: node('Unreserve host', 'host.UnReserveHostTask', 1800, QUICK),
  reserveHost: node('Reserve host', 'host.ReserveHostTask', 1800, QUICK), // (i)
  prepareUpgrade: node('Prepare upgrade cluster', 'cluster.PrepareUpgradeObClusterTask', 300, QUICK), // (i)
  submitUpgrade: node('Submit cluster upgrade task', 'cluster.SubmitUpgradeObClusterTask', 300, QUICK), // (i)
  waitDagSuccess: node('Wait dag success', 'cluster.WaitDagSuccessTask', 86400, [20, 60]), // (i)
  prepareAddZone: node('Prepare add zone', 'zone.PrepareAddObZoneTask', 300, QUICK), // (i)
  addZone: node('Add zone', 'zone.AddObZoneTask', 1800, [1, 4]), // (i)
  setZoneIdc: node('Set zone idc info', 'zone.SetObZoneIdcTask', 300, QUICK), // (i)
  startServerWithParam: node('Start observer process with param', 'server.StartObServerProcessWithParamTask', 1200, PROCESS), // (i)
  addServer: node('Add observer', 'server.AddObServerTask', 1800, [1, 5]), // (i)
  prepareDeleteZone: node('Prepare delete OB zone', 'zone.PrepareDeleteObZoneTask', 1800, QUICK), // (i)
  prepareDeleteServer: node('Prepare delete observer', 'server.PrepareDeleteObServerTask', 300, QUICK),
  deleteServer: node('Delete observer', 'server.DeleteObServerTask', 1800, [1, 5]),
  waitServerDelete: node('Wait observer delete', 'server.WaitObServerDeleteTask', 604800, [3, 15]),
  deleteZone: node('Delete zone', 'zone.DeleteObZoneTask', 1800, [1, 4]), // (i)
  deleteZoneMeta: node('Delete zone meta info', 'zone.DeleteObZoneInfoTask', 1800, QUICK), // (i)
  prepareAddServer: node('Prepare add observer', 'server.PrepareAddObServerTask', 300, QUICK), // (i)
  deleteServerMeta: node('Delete observer meta info', 'server.DeleteObServerInfoTask', 1800, QUICK),
  // Switchover and failover (2800, 2900): the pages print no class names (i); the timeouts are theirs.
  lockClusters: node('Mc lock ob clusters', 'cluster.McLockObClustersTask', 60, QUICK),
  prepareSwitchover: node('Prepare switchover', 'cluster.PrepareSwitchoverTask', 300, QUICK),
  switchoverToStandby: node('Switchover to standby', 'cluster.SwitchoverToStandbyTask', 300, [2, 8]),
  switchoverPrimaryCheck: node('Switchover to primary check', 'cluster.SwitchoverToPrimaryCheckTask', 300, [1, 4]),
  switchoverToPrimary: node('Switchover to primary', 'cluster.SwitchoverToPrimaryTask', 300, [2, 8]),
  switchoverUpdateRole: node('Switchover Update Role Task', 'cluster.SwitchoverUpdateRoleTask', 60, QUICK),
  unlockClusters: node('Mc unlock ob clusters', 'cluster.McUnlockObClustersTask', 60, QUICK),
  failoverCheck: node('Failover to Primary Check', 'cluster.FailoverToPrimaryCheckTask', 1800, [1, 4]),
  failoverToPrimary: node('Failover to Primary', 'cluster.FailoverToPrimaryTask', 1800, [3, 12]),
  failoverUpdateCluster: node('Mc ob failover update mc ob cluster', 'cluster.McObFailoverUpdateTask', 60, QUICK),
  syncAllClusterInfo: node('Sync all cluster info', 'cluster.SyncAllClusterInfoTask', 60, QUICK),
  removeStandby: node('Remove standby cluster', 'cluster.RemoveStandbyClusterTask', 1800, [1, 5]),
} as const satisfies Record<string, NodeTemplate>;

export type ClusterNodeKind = keyof typeof CLUSTER_NODE_TEMPLATES;

/** Layout entries as [idOffset, seriesId, position], in DAG order (the stage order), read off the sample. */
export const layout = (slots: readonly (readonly [number, number, number, number?])[]) =>
  slots.map(([idOffset, seriesId, position, parallelIdx]) => ({ idOffset, seriesId, position, ...(parallelIdx === undefined ? {} : { parallelIdx }) }));

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

export const base = (f: SubjectFacts) => ({ cluster_name: f.cluster.name, cluster_id: String(f.cluster.id) });
/** An operation over the cluster node templates (a cluster task is never a one-host chain). */
export const op = <K extends ClusterNodeKind>(d: Omit<Parameters<typeof defineOperation<K>>[0], 'templates' | 'singleHost'>) =>
  defineOperation<K>({ ...d, templates: CLUSTER_NODE_TEMPLATES, singleHost: false });

export const MANAGER: Permission = 'CLUSTER_MANAGER';
