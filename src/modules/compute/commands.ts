/**
 * What the state file keeps of the host module: hosts made to exist (provider states), added
 * through `batchCreate` and deleted, and regions, IDCs and host types created or deleted.
 */
import { z } from 'zod';
import { HOST_STATUSES } from '../../contract/enums.js';

const At = z.number().int();
const Id = z.number().int().positive();

export const EnsureHostCommand = z.strictObject({ c: z.literal('ensureHost'), at: At, id: Id });

/** Hosts deleted (all at once, as one batch delete). */
export const DeleteHostsCommand = z.strictObject({ c: z.literal('deleteHosts'), at: At, hostIds: z.array(Id).min(1) });

/**
 * Hosts added through `batchCreate` (their "Prepare host" tasks are submits of their own), with the
 * names of their IDC, region and type as they were. `status`, `updatedAt`: written by a compaction
 * once the host's task is no longer kept, the status that task left it in and when.
 */
export const AddHostsCommand = z.strictObject({
  c: z.literal('addHosts'),
  at: At,
  hosts: z.array(z.strictObject({ id: Id, innerIpAddress: z.string(), serialNumber: z.string().optional() })).min(1),
  sshPort: z.number().int(),
  kind: z.string(),
  publishPorts: z.string().optional(),
  idc: z.strictObject({ id: Id, name: z.string(), regionId: Id, regionName: z.string() }),
  type: z.strictObject({ id: Id, name: z.string() }),
  credentialId: Id,
  alias: z.string().optional(),
  description: z.string().optional(),
  status: z.enum(HOST_STATUSES).optional(),
  /** With `status`: when that task updated the host (its `updateTime`). */
  updatedAt: At.optional(),
});
export type AddHostsCommand = z.infer<typeof AddHostsCommand>;

/** A region, IDC or host type created (with the id it was given) or deleted. */
export const InventoryCommand = z.strictObject({
  c: z.literal('inventory'),
  at: At,
  action: z.enum(['create', 'delete']),
  kind: z.enum(['regions', 'idcs', 'hostTypes']),
  id: Id,
  name: z.string().optional(),
  description: z.string().nullable().optional(),
  regionId: Id.optional(),
});
export type InventoryCommand = z.infer<typeof InventoryCommand>;
