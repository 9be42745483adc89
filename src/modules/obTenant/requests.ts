/**
 * What the OB tenant module's calls accept (ocp-docs/tenant). Fields whose absence or bad value
 * OCP answers with a code of its own (a tenant name, a mode, a password, a zone) are left loose
 * here so that tenants.ts answers that code rather than a schema error.
 */
import { z } from 'zod';
import { idField, listOf, PAGE_FIELDS } from '../../contract/requests.js';

export const TENANT_STATUSES = ['NORMAL', 'CREATING', 'MODIFYING', 'DELETING'] as const;
export const TENANT_MODES = ['MYSQL', 'ORACLE'] as const;
export const REPLICA_TYPES = ['FULL', 'LOGONLY', 'READONLY'] as const;

/** `true` / `false` in a query string. */
const queryBoolean = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

/** 100 and 200: `mode` is a String on 100, a StringArray on 200; both take a list (one value is a list of one). */
export const TenantListQuery = z.object({
  name: z.string().optional(),
  mode: listOf(TENANT_MODES).optional(),
  locked: queryBoolean.optional(),
  readonly: queryBoolean.optional(),
  status: listOf(TENANT_STATUSES).optional(),
  ...PAGE_FIELDS,
});
export const TENANT_LIST_ARRAYS = ['status', 'mode'] as const;

/** `{clusterId}` on 100 (and on 300 and 900's own paths), `{id}` on the others: both name the cluster. */
export const ClusterTenantsParams = z.object({ clusterId: idField('cluster') });
export const ClusterIdParam = z.object({ id: idField('cluster') });
export const TenantParams = z.object({ id: idField('cluster'), tenantId: idField('tenant') });
export const TenantParamsAsClusterId = z.object({ clusterId: idField('cluster'), tenantId: idField('tenant') });
export const UnitParams = z.object({ id: idField('cluster'), tenantId: idField('tenant'), unitId: idField('unit') });

export const UnitListQuery = z.object({ zoneName: z.string().optional() });
export const UnitSpecQuery = z.object({
  name: z.string().optional(),
  type: z.enum(['SYSTEM', 'CUSTOM'], { error: 'must be SYSTEM or CUSTOM' }).optional(),
  ...PAGE_FIELDS,
});

const ResourcePool = z.object({
  unitSpecName: z.string({ error: "must be a unit specification's name" }),
  unitCount: z.number({ error: 'must be a number of units' }).int({ error: 'must be an integer' }),
});

/** 400 and 500's body (the same on both pages). */
export const CreateTenantBody = z.object({
  name: z.string({ error: "must be the tenant's name" }).optional(),
  mode: z.string({ error: 'must be MYSQL or ORACLE' }).optional(),
  primaryZone: z.string({ error: 'must be a text' }).optional(),
  charset: z.string({ error: 'must be a character set' }).optional(),
  collation: z.string({ error: 'must be a collation' }).optional(),
  description: z.string({ error: 'must be a text' }).optional(),
  whitelist: z.string({ error: 'must be a text' }).optional(),
  rootPassword: z.string({ error: 'must be a text' }).optional(),
  saveToCredential: z.boolean({ error: 'must be true or false' }).optional(),
  zones: z
    .array(
      z.object({
        name: z.string({ error: "must be a zone's name" }),
        replicaType: z.enum(REPLICA_TYPES, { error: `must be one of ${REPLICA_TYPES.join(', ')}` }),
        resourcePool: ResourcePool,
      }),
      { error: 'must be an array of zones' },
    )
    .optional(),
});
export type CreateTenantBody = z.infer<typeof CreateTenantBody>;

/**
 * One replica of 1100 and 1300: the tables describe one object with `zoneNname` (sic), the samples
 * send an array of `{zoneName, ...}`: both are taken, either name, an array or one object.
 */
const Replica = z
  .object({
    zoneName: z.string({ error: "must be a zone's name" }).optional(),
    zoneNname: z.string({ error: "must be a zone's name" }).optional(),
    replicaType: z.enum(REPLICA_TYPES, { error: `must be one of ${REPLICA_TYPES.join(', ')}` }).optional(),
    resourcePool: z
      .object({
        unitSpecName: z.string({ error: "must be a unit specification's name" }).optional(),
        unitCount: z.number({ error: 'must be a number of units' }).int({ error: 'must be an integer' }).optional(),
      })
      .optional(),
  })
  .transform(({ zoneNname, zoneName, ...rest }) => ({ ...rest, zoneName: zoneName ?? zoneNname }));
export const ReplicasBody = z.union([z.array(Replica), Replica]).transform((r) => (Array.isArray(r) ? r : [r]));
export type Replica = z.output<typeof Replica>;

/** 1200: `[{zoneName}, ...]` (the sample) or `{zoneNname}` (the table). */
const ZoneRef = z
  .object({ zoneName: z.string({ error: "must be a zone's name" }).optional(), zoneNname: z.string({ error: "must be a zone's name" }).optional() })
  .transform(({ zoneName, zoneNname }) => zoneName ?? zoneNname);
export const ZoneRefsBody = z.union([z.array(ZoneRef), ZoneRef]).transform((r) => (Array.isArray(r) ? r : [r]));

export const PrimaryZoneBody = z.object({ primaryZone: z.string({ error: 'must be a text' }).optional() });
export const ChangePasswordBody = z.object({ newPassword: z.string({ error: 'must be a text' }).optional(), saveToCredential: z.boolean().optional() });
export const WhitelistBody = z.object({ whitelist: z.string({ error: 'must be a text' }).optional() });
