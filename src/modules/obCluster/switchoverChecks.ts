/**
 * The switchover and failover pre-checks (ocp-docs/cluster/2600, 2700), on the standby that would
 * become the primary (2800 and 2900 switch "the specified standby cluster"). A cluster that is not
 * a standby is OBE11003 (*inferred* status 400). Each check that fails adds its message to
 * `messages`; `valid` is whether none failed (the samples: two messages and false, none and true).
 * Exported so the switchover and failover operations (2800, 2900) can refuse when it is not valid.
 *
 * What is checked, *inferred* (the pages list no checks; their sample's messages relay
 * OceanBase's switchover status and OCP's own), each message worded after the OCP error text of
 * the same case (English only: OCP relays OceanBase's words):
 * - switchover: the standby has a primary (OBE11017's text); both clusters RUNNING (OBE11007's),
 *   with no task still open on them (OBE11020's, as the sample's "Daily switchover pre-check
 *   failed, ..."), every zone and server of both RUNNING (OBE18004's, OBE11403's) and the OCP
 *   agent of every server's host AVAILABLE (CMP07019's): a switchover needs both sides whole;
 * - failover: the same of the standby alone (a failover is for a primary that is lost).
 */
import { formatMessage, OcpError } from '../../contract/errors.js';
import type { ObClusters } from './clusters.js';
import type { ObClusterRecord } from './fakes/clusters.js';

export interface PreCheckResult {
  messages: string[];
  valid: boolean;
}

const TEXT = {
  noPrimary: 'The primary (non-read-only) cluster of cluster {0} was not found. Please check if the cluster is in the process of switching to a new primary.',
  clusterState: 'Cluster {0} in the [{1}] state does not support this operation.',
  openTask: '{0} pre-check failed, the last operation and maintenance task of cluster {1} is still in progress, task: {2} ({3}).',
  zoneState: 'This operation is not supported in the current status of Zone {0}.',
  serverState: 'The status of the {1} server in the {0} cluster is not ACTIVE.',
  agentState: 'The current state of the OCP Agent on Host {0} does not support this operation.',
} as const;

/** What one cluster fails of the checks both pre-checks make of it. */
function clusterMessages(clusters: ObClusters, cluster: ObClusterRecord, now: number, what: string): string[] {
  const out: string[] = [];
  const st = clusters.statusesAt(now);
  const status = st.cluster(cluster);
  if (status !== 'RUNNING') out.push(formatMessage(TEXT.clusterState, [cluster.name, status]));
  const task = clusters.openTask(cluster.id, now);
  if (task) out.push(formatMessage(TEXT.openTask, [what, cluster.name, task.record.name, task.record.id]));
  for (const zone of cluster.zones) {
    if (st.zone(zone) !== 'RUNNING') out.push(formatMessage(TEXT.zoneState, [`${cluster.name}:${zone.name}`]));
    for (const server of zone.servers) {
      if (st.server(server) !== 'RUNNING') out.push(formatMessage(TEXT.serverState, [cluster.name, `${server.ip}:${server.port}`]));
    }
  }
  for (const server of clusters.servers(cluster)) {
    const host = clusters.compute.findHost(server.hostId);
    if (host && clusters.compute.agentStatus(host, now) !== 'AVAILABLE') out.push(formatMessage(TEXT.agentState, [`${host.id}:${host.innerIpAddress}`]));
  }
  return [...new Set(out)];
}

/** OBE11003 unless the cluster is a standby. */
function requireStandby(cluster: ObClusterRecord): void {
  if (cluster.type !== 'STANDBY') throw new OcpError('clusterTypeForbids', [cluster.id, cluster.type]);
}

/** Keys in alphabetical order, as OCP prints them. */
const result = (messages: string[]): PreCheckResult => ({ messages, valid: messages.length === 0 });

/** Whether the standby `cluster` can switch over with its primary at `now` (2600). */
export function switchoverPreCheck(clusters: ObClusters, cluster: ObClusterRecord, now: number): PreCheckResult {
  requireStandby(cluster);
  const primary = cluster.primaryId === undefined ? undefined : clusters.findCluster(cluster.primaryId);
  const messages = primary ? clusterMessages(clusters, primary, now, 'Daily switchover') : [formatMessage(TEXT.noPrimary, [cluster.name])];
  return result([...messages, ...clusterMessages(clusters, cluster, now, 'Daily switchover')]);
}

/** Whether the standby `cluster` can fail over (become the primary alone) at `now` (2700). */
export function failoverPreCheck(clusters: ObClusters, cluster: ObClusterRecord, now: number): PreCheckResult {
  requireStandby(cluster);
  return result(clusterMessages(clusters, cluster, now, 'Failover'));
}
