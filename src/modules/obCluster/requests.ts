/** What the OB cluster module's calls accept (ocp-docs/cluster): path ids and names, the cluster and server lists' queries. */
import { z } from 'zod';
import { OB_CLUSTER_STATUSES } from '../../contract/enums.js';
import { idField, listOf, PAGE_FIELDS } from '../../contract/requests.js';

/** `{id}`, as most cluster pages name it. */
export const ClusterIdParam = z.object({ id: idField('cluster') });
/** `{clusterId}`, as 2400 and 2500 name it. */
export const ClusterIdAsClusterIdParam = z.object({ clusterId: idField('cluster') });
const zoneName = z.string().min(1, { error: 'must be a zone name' });
export const ClusterZoneParams = z.object({ id: idField('cluster'), zoneName });
/** `{id}` and `{serverId}`, as the server pages (1600-1900) name them. */
export const ClusterServerParams = z.object({ id: idField('cluster'), serverId: idField('server') });
export const ClusterIdZoneParams = z.object({ clusterId: idField('cluster'), zoneName });

/** ocp-docs/cluster/100: `name` a case-insensitive keyword, `status` a StringArray; `withStandby` "no longer in use" (taken, ignored). */
export const ClusterListQuery = z.object({
  name: z.string().optional(),
  status: listOf(OB_CLUSTER_STATUSES).optional(),
  withStandby: z.string().optional(),
  ...PAGE_FIELDS,
});
export const CLUSTER_LIST_ARRAYS = ['status'] as const;

/** ocp-docs/cluster/2400: the region and IDC the servers are in (*inferred*: exact names). */
export const ServerListQuery = z.object({
  regionName: z.string().optional(),
  idcName: z.string().optional(),
});
