/**
 * The cluster module's state-file commands (src/core/commands.ts): `obClusters`, the records as a
 * compaction writes them, and `clusterStatuses`, the folded statuses an older compaction wrote
 * (still read, so those state files replay).
 */
import { z } from 'zod';

const Id = z.number().int().positive();
const At = z.number().int();

const ServerRecord = z.strictObject({
  id: Id,
  clusterId: Id,
  zoneName: z.string(),
  hostId: Id,
  ip: z.string(),
  port: z.number().int(),
  sqlPort: z.number().int(),
  withRootserver: z.boolean(),
  hostTypeName: z.string(),
  idcName: z.string(),
  regionName: z.string(),
  startTime: At,
  updateTime: At,
  status: z.string(),
});

const ZoneRecord = z.strictObject({
  name: z.string(),
  clusterId: Id,
  obClusterId: z.number().int(),
  idcId: z.number().int(),
  idcName: z.string(),
  regionId: z.number().int(),
  regionName: z.string(),
  createTime: At,
  updateTime: At,
  servers: z.array(ServerRecord),
  status: z.string(),
});

const ClusterRecord = z.strictObject({
  id: Id,
  name: z.string(),
  obClusterId: z.number().int(),
  obVersion: z.string(),
  build: z.string(),
  type: z.enum(['PRIMARY', 'STANDBY']),
  primaryId: Id.optional(),
  standbyIds: z.array(Id),
  creator: z.string(),
  createTime: At,
  updateTime: At,
  zones: z.array(ZoneRecord),
  status: z.string(),
});

export const ClusterSnapshot = z.strictObject({
  c: z.literal('obClusters'),
  clusters: z.array(ClusterRecord),
  next: z.strictObject({ clusterId: Id, obClusterId: z.number().int(), serverId: Id }),
});

export const StatusesCommand = z.strictObject({
  c: z.literal('clusterStatuses'),
  clusters: z.array(
    z.strictObject({ id: z.number().int(), status: z.string(), zones: z.record(z.string(), z.string()), servers: z.record(z.string(), z.string()) }),
  ),
});
