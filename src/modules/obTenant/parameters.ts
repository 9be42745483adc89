/**
 * Each tenant's parameters (ocp-docs/tenant/1700, 1800): the catalogue (fakes/tenantParameters.ts)
 * and what each tenant reads. A tenant reads what a modification set on it, else its own fact for a
 * read-only parameter that names one, else the catalogue's default. A tenant has the parameters of
 * its mode (a parameter with a `compatibleType` only on tenants of that mode); hidden ones are not
 * listed.
 *
 * A modification (1800) is all or none: every entry is checked first, in order (not the tenant's:
 * OBE31301; hidden: OBE31101; read-only: OBE31302; a bad value: OBE31202 or OBE31002, by the cluster
 * module's value rules, so a value reads as OceanBase keeps it), then one command sets them all.
 * The tenant must be changeable as every other change (lifecycle.ts `changeable`: the cluster
 * RUNNING and a primary, the tenant idle, NORMAL and unlocked; the sys tenant's may be set,
 * *inferred*: OceanBase's sys tenant has its variables too). A value reads back at once.
 *
 * The state file keeps each modification (`tenantParameters`, the values set); a compaction
 * writes each tenant's values, one command a tenant (rank 87, after the tenants' 36); a tenant that
 * is gone (deleted, or its cluster deleted) takes its values with it: they are read only through
 * the tenant, whose id is never handed out again, and the next compaction leaves them out.
 */
import { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import { type Command, commandDef, type RankedCommands, type StateSlice } from '../../core/commands.js';
import type { World } from '../../core/world.js';
import { normalizeValue, type ObClusterRecord, type ParameterDef } from '../obCluster/index.js';
import { isHiddenTenantParameter, TENANT_PARAMETER_CATALOGUE, type TenantParameterDef } from './fakes/tenantParameters.js';
import type { TenantRecord } from './fakes/tenants.js';
import type { TenantLifecycle } from './lifecycle.js';
import type { ObTenants } from './tenants.js';

const SetCommand = z.strictObject({
  c: z.literal('tenantParameters'),
  tenantId: z.number().int().positive(),
  values: z.record(z.string(), z.string()),
});

const BY_NAME = new Map(TENANT_PARAMETER_CATALOGUE.map((p) => [p.name, p]));

/** The cluster module's view of a tenant parameter, for its value rules (normalizeValue reads type, range and allowed values only). */
const AS_CLUSTER_DEF = new Map<string, ParameterDef>(
  TENANT_PARAMETER_CATALOGUE.map((p) => [
    p.name,
    {
      id: 0,
      name: p.name,
      version: '0',
      type: p.type,
      defaultValue: p.defaultValue,
      minValue: p.minValue,
      maxValue: p.maxValue,
      allowedValues: p.allowedValues,
      section: 'TENANT',
      needRestart: false,
      readonly: p.readonly,
      description: p.description,
    },
  ]),
);

/** A read-only parameter's value from the tenant's own facts. */
function derivedValue(p: TenantParameterDef, tenant: TenantRecord, cluster: ObClusterRecord): string | undefined {
  switch (p.derived) {
    case 'mode':
      return tenant.mode;
    case 'charset':
      return tenant.charset;
    case 'collation':
      return tenant.collation;
    case 'versionComment':
      return `OceanBase ${cluster.obVersion}`;
    default:
      return undefined;
  }
}

/** Whether a tenant of this mode has the parameter. */
const hasParameter = (p: TenantParameterDef, tenant: TenantRecord) => p.compatibleType === null || p.compatibleType === tenant.mode;

export class TenantParameters implements StateSlice {
  readonly commands = { tenantParameters: commandDef(SetCommand, (c) => this.applySet(c)) };
  /** Each tenant's modified values, by parameter name. */
  private values = new Map<number, Map<string, string>>();

  constructor(
    readonly world: World,
    readonly tenants: ObTenants,
    readonly lifecycle: TenantLifecycle,
  ) {
    world.use(this);
  }

  reset(): void {
    this.values.clear();
  }

  /** The parameters the tenant lists (1700), in name order, each with what it reads now. */
  listOf(clusterId: number, tenantId: number): { def: TenantParameterDef; currentValue: string }[] {
    const { cluster, tenant } = this.tenants.tenant(clusterId, tenantId);
    const mine = this.values.get(tenant.id);
    return TENANT_PARAMETER_CATALOGUE.filter((p) => !isHiddenTenantParameter(p) && hasParameter(p, tenant)).map((def) => ({
      def,
      currentValue: mine?.get(def.name) ?? derivedValue(def, tenant, cluster) ?? normalizedDefault(def),
    }));
  }

  /** Sets the parameters on the tenant, all or none (the file's comment gives the checks): refused, it changes nothing. */
  modify(clusterId: number, tenantId: number, entries: readonly { name: string; value: string }[]): void {
    const { tenant } = this.lifecycle.changeable(clusterId, tenantId, { sysOk: true });
    const values: Record<string, string> = {};
    for (const { name, value } of entries) {
      const p = BY_NAME.get(name);
      if (!p || !hasParameter(p, tenant)) throw new OcpError('tenantParameterNotFound', [name]);
      if (isHiddenTenantParameter(p)) throw new OcpError('tenantVariableHidden', [name]);
      if (p.readonly) throw new OcpError('tenantParameterReadonly', [name]);
      values[name] = normalizeValue(AS_CLUSTER_DEF.get(name) as ParameterDef, value);
    }
    this.world.commit({ c: 'tenantParameters', tenantId: tenant.id, values } as Command);
  }

  private applySet(command: z.infer<typeof SetCommand>): void {
    const mine = this.values.get(command.tenantId) ?? new Map<string, string>();
    for (const [name, value] of Object.entries(command.values)) mine.set(name, value);
    this.values.set(command.tenantId, mine);
  }

  /** Each live tenant's modified values, one command each (rank 87: after the tenants' 36). */
  live(): RankedCommands[] {
    if (this.values.size === 0) return [];
    const alive = new Set(this.tenants.all().map((t) => t.id));
    for (const id of [...this.values.keys()]) if (!alive.has(id)) this.values.delete(id);
    const ids = [...this.values.keys()].sort((a, b) => a - b);
    const commands = ids.map((id) => ({ c: 'tenantParameters', tenantId: id, values: Object.fromEntries(this.values.get(id) ?? []) }) as Command);
    return commands.length ? [{ rank: 87, commands }] : [];
  }

  liveBound(): number {
    return this.values.size;
  }
}

/** How the catalogue's default reads as a current value (`on` as `ON`); a default that does not parse is printed as is. */
function normalizedDefault(p: TenantParameterDef): string {
  try {
    return normalizeValue(AS_CLUSTER_DEF.get(p.name) as ParameterDef, p.defaultValue);
  } catch {
    return p.defaultValue;
  }
}
