/**
 * The OB cluster module's lists: clusters filtered as ocp-docs/cluster/100 documents (a name
 * keyword, statuses as a StringArray) and sorted; a cluster's servers, by region and IDC (2400).
 * Paging is the caller's (pageOf).
 */
import { sortParam, sortRows } from '../../contract/paging.js';
import type { ObClusters, StatusReader } from './clusters.js';
import type { ObClusterRecord, ObServerRecord } from './fakes/clusters.js';
import type { ClusterListQuery, ServerListQuery } from './requests.js';

/** *Inferred*: the fields a cluster list sorts by (the page's example sorts by `name`). */
const SORTABLE = ['id', 'name', 'obClusterId', 'obVersion', 'createTime', 'updateTime', 'type', 'status'] as const;

/** The clusters a cluster list asks for, in its order (by id unless `sort` says otherwise). */
export function queryClusters(m: ObClusters, q: ReturnType<typeof ClusterListQuery.parse>, st: StatusReader): ObClusterRecord[] {
  const clusterStatus = (c: ObClusterRecord) => st.cluster(c);
  const sort = sortParam(q.sort, SORTABLE, { field: 'id', descending: false });
  const name = q.name?.toLowerCase();
  const statuses = q.status?.length ? new Set<string>(q.status) : undefined;
  const rows = m.clusters().filter((c) => (!name || c.name.toLowerCase().includes(name)) && (!statuses || statuses.has(clusterStatus(c))));
  return sortRows(rows, sort.descending, (c) => (sort.field === 'status' ? clusterStatus(c) : c[sort.field]));
}

/** A cluster's servers in the region and IDC asked for (ocp-docs/cluster/2400), zone by zone. */
export function queryServers(m: ObClusters, cluster: ObClusterRecord, q: ReturnType<typeof ServerListQuery.parse>): ObServerRecord[] {
  return m.servers(cluster).filter((s) => (!q.regionName || s.regionName === q.regionName) && (!q.idcName || s.idcName === q.idcName));
}
