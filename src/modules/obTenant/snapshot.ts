/**
 * The tenant slice's commands in the state file: a compaction's snapshot of every tenant record
 * (pools, units and all) with the next ids, and the synchronous edits (lock, unlock, primary zone,
 * whitelist, password digest, a unit deleted) as they are made.
 */
import { z } from 'zod';
import { TenantSchema } from './changes.js';

const Id = z.number().int().positive();

export const TenantSnapshot = z.strictObject({
  c: z.literal('obTenants'),
  tenants: z.array(TenantSchema),
  next: z.strictObject({ tenantId: Id, poolId: Id, unitId: Id }),
});

export const TenantEditCommand = z.strictObject({
  c: z.literal('tenantEdit'),
  tenantId: Id,
  edit: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('locked'), locked: z.boolean() }),
    z.strictObject({ kind: z.literal('primaryZone'), primaryZone: z.string() }),
    z.strictObject({ kind: z.literal('whitelist'), whitelist: z.string() }),
    z.strictObject({ kind: z.literal('password'), digest: z.string().regex(/^[0-9a-f]{64}$/), saveToCredential: z.boolean() }),
    z.strictObject({ kind: z.literal('deleteUnit'), unitId: Id }),
  ]),
});
