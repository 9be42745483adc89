/**
 * zod schemas of the OB tenant module's answers (ocp-docs/tenant), beside schemas.ts. Each object
 * holds the keys its page's sample prints, strict as in schemas.ts; the task answers are
 * TenantCreateInstance (400), TenantSubtasksInstance (1100, 1200) and TenantTasksInstance (1300).
 */
import { z } from 'zod';
import { ClusterRoleInstance, ClusterSubtasksInstance, ClusterTasksInstance, OcpTime, SubtaskInstance } from './schemas.js';

const int = z.number().int();

/** A row of the tenant lists (100, 200) and 500's answer. */
export const ObTenant = z.strictObject({
  clusterId: int,
  clusterName: z.string(),
  clusterType: z.enum(['PRIMARY', 'STANDBY']),
  createTime: OcpTime,
  id: int,
  locality: z.string(),
  locked: z.boolean(),
  mode: z.enum(['MYSQL', 'ORACLE']),
  name: z.string(),
  obClusterId: int,
  obVersion: z.string(),
  primaryZone: z.string(),
  readonly: z.boolean(),
  status: z.string(),
  zoneList: z.string(),
});

export const ObTenantUnit = z.strictObject({
  id: int,
  resourcePoolId: int,
  serverId: int,
  serverIp: z.string(),
  serverPort: int,
  status: z.string(),
  zoneName: z.string(),
});

/** 300's tenant details. */
export const ObTenantDetail = z.strictObject({
  charset: z.string(),
  clusterId: int,
  clusterName: z.string(),
  clusterStatus: z.string(),
  clusterType: z.enum(['PRIMARY', 'STANDBY']),
  collation: z.string(),
  createTime: OcpTime,
  description: z.string().optional(),
  id: int,
  locality: z.string(),
  locked: z.boolean(),
  mode: z.enum(['MYSQL', 'ORACLE']),
  name: z.string(),
  obClusterId: int,
  obTenantId: int,
  obVersion: z.string(),
  primaryZone: z.string(),
  readonly: z.boolean(),
  sqlAuditEnabled: z.boolean(),
  status: z.string(),
  whitelist: z.string(),
  zoneList: z.string(),
  zones: z.array(
    z.strictObject({
      name: z.string(),
      replicaType: z.enum(['FULL', 'LOGONLY', 'READONLY']),
      resourcePool: z.strictObject({
        id: int,
        name: z.string(),
        unitConfig: z.strictObject({ maxCpuCoreCount: z.number(), maxMemorySize: z.number(), minCpuCoreCount: z.number(), minMemorySize: z.number() }),
        unitCount: int,
      }),
      units: z.array(ObTenantUnit),
    }),
  ),
});

/** 2000's unit specification. */
export const UnitSpec = z.strictObject({
  id: int,
  maxCpuCoreCount: z.number(),
  maxMemorySize: z.number(),
  minCpuCoreCount: z.number(),
  minMemorySize: z.number(),
  name: z.string(),
  type: z.enum(['SYSTEM', 'CUSTOM']),
});

/** 400: the 'clusterRole' shape with `tenantId`. */
export const TenantCreateInstance = ClusterRoleInstance.extend({ tenantId: int });
/** 1100, 1200: the 'clusterSubtasks' shape with `tenantId`, subtasks without `prohibitRollback`. */
export const TenantSubtasksInstance = ClusterSubtasksInstance.extend({ subtasks: z.array(SubtaskInstance.omit({ prohibitRollback: true })), tenantId: int });
/** 1300: the 'clusterTasks' shape with `tenant`. */
export const TenantTasksInstance = ClusterTasksInstance.extend({ tenant: z.strictObject({ id: int, name: z.string() }) });

/**
 * 1700's TenantParameter, as its sample prints it: `compatibleType` only for a parameter of one
 * mode, `valueRange`'s bounds and allowed values only where the parameter has them (the sample's
 * ENUM rows print `allowedValues` and `type` alone).
 */
export const TenantParameter = z.strictObject({
  compatibleType: z.enum(['MYSQL', 'ORACLE']).optional(),
  currentValue: z.string(),
  defaultValue: z.string(),
  description: z.string(),
  name: z.string(),
  readonly: z.boolean(),
  valueRange: z.strictObject({
    allowedValues: z.string().optional(),
    maxValue: z.string().optional(),
    minValue: z.string().optional(),
    type: z.string(),
  }),
});

/** 1900_200's and _300's database, as their samples print it (no `connectionUrls`, `primaryZone` only when the database has one). */
export const ObDatabase = z.strictObject({
  charset: z.string(),
  collation: z.string(),
  createTime: OcpTime,
  dbName: z.string(),
  id: int,
  primaryZone: z.string().optional(),
  readonly: z.boolean(),
});

/** 1900_100's row: the database with its connection strings (the sample prints `type`, the table `connectionStringType`). */
export const ObDatabaseRow = ObDatabase.extend({
  connectionUrls: z.array(z.strictObject({ connectionString: z.string(), type: z.enum(['DIRECT', 'OBPROXY']) })),
});
