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

/** A host or server id in a body (a number, as the pages' samples send them). */
const bodyId = (what: string) =>
  z
    .number({ error: `must be a ${what} id` })
    .int({ error: `must be an integer ${what} id` })
    .positive({ error: `must be a positive ${what} id` });
const hostIds = z.array(bodyId('host'), { error: 'must be an array of host ids' });

/**
 * ocp-docs/cluster/200. `password` and `rpmName` may be absent here so that their own codes answer
 * (OBE11012, OBE11013); `primaryZone` is in the sample, not the table (taken). OCP's password rules
 * (OBE11029) are not applied: the page's own sample sends "xxxxx" (*inferred*).
 */
export const CreateClusterBody = z.object({
  name: z.string({ error: "must be the cluster's name" }).trim().min(1, { error: 'must not be empty' }).max(128, { error: 'must be at most 128 characters' }),
  rpmName: z.string({ error: 'must be an rpm name' }).optional(),
  type: z.enum(['PRIMARY', 'STANDBY'], { error: 'must be PRIMARY or STANDBY' }),
  password: z.string({ error: 'must be a text' }).optional(),
  primaryZone: z.string({ error: 'must be a text' }).optional(),
  zones: z
    .array(z.object({ name: z.string({ error: "must be a zone's name" }), idcName: z.string({ error: "must be an IDC's name" }), servers: hostIds }), {
      error: 'must be an array of zones',
    })
    .min(1, { error: 'must not be empty' }),
});

/** ocp-docs/cluster/700. */
export const UpgradeClusterBody = z.object({ rpmFileName: z.string({ error: 'must be an rpm name' }).optional() });
/** ocp-docs/cluster/900. */
export const AddZoneBody = z.object({
  name: z.string({ error: "must be a zone's name" }),
  idcName: z.string({ error: "must be an IDC's name" }),
  servers: hostIds,
});
/** ocp-docs/cluster/1400. */
export const AddServersBody = z.object({ zoneName: z.string({ error: "must be a zone's name" }), servers: hostIds.min(1, { error: 'must not be empty' }) });
/** ocp-docs/cluster/1500: `servers` the OB servers' ids (the table says host ids; both are taken, lifecycle.ts). */
export const DeleteServersBody = z.object({ servers: z.array(bodyId('server'), { error: 'must be an array of ids' }).min(1, { error: 'must not be empty' }) });
/** ocp-docs/cluster/1900. */
export const ReplaceServerBody = z.object({ hostId: bodyId('host') });
