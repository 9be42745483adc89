/**
 * A tenant's parameters (ocp-docs/tenant/1700) and their modification (1800), one declaration
 * each; the rules are in parameters.ts. Both answer their page's sample shape, keys in alphabetical
 * order as OCP prints them: 1700's table says `data` is an array, its sample prints `{contents: [...]}`
 * (the sample is followed, as the cluster parameters' 2200 is). Permissions as the module's:
 * reading CLUSTER_VIEWER, changing CLUSTER_MANAGER.
 */
import { z } from 'zod';
import { contentsOf } from '../../contract/schemas.js';
import { TenantParameter } from '../../contract/tenantSchemas.js';
import { defineCall } from '../../core/call.js';
import type { TenantParameterDef } from './fakes/tenantParameters.js';
import type { ObTenantModule } from './module.js';
import { TenantParams } from './requests.js';

const call = defineCall<ObTenantModule>();
const TAG = 'OB tenants';

/**
 * 1800's body, a JSON array of `{name, value}`. Its table types `value` as String while its sample
 * sends `"value": 2`, a number: both are taken, a number or boolean read as its text. At least one
 * entry (*inferred*); a name given twice takes its last value (*inferred*: one SET per entry, in order).
 */
const ModifyTenantParametersBody = z
  .array(
    z.object({
      name: z.string({ error: 'must be a parameter name' }).min(1, { error: 'must be a parameter name' }),
      value: z.union([z.string(), z.number(), z.boolean()], { error: 'must be a text' }).transform(String),
    }),
    { error: 'must be an array of {name, value}' },
  )
  .min(1, { error: 'must name at least one parameter' });

/** A parameter as 1700's sample prints it: what the parameter has not (a mode of its own, a bound) is left out. */
function renderParameter(p: TenantParameterDef, currentValue: string) {
  return {
    ...(p.compatibleType ? { compatibleType: p.compatibleType } : {}),
    currentValue,
    defaultValue: p.defaultValue,
    description: p.description,
    name: p.name,
    readonly: p.readonly,
    valueRange: {
      ...(p.allowedValues !== null ? { allowedValues: p.allowedValues } : {}),
      ...(p.maxValue !== null ? { maxValue: p.maxValue } : {}),
      ...(p.minValue !== null ? { minValue: p.minValue } : {}),
      type: p.type,
    },
  };
}

export const TENANT_PARAMETER_CALLS = {
  listTenantParameters: call({
    routeId: 'listTenantParameters',
    method: 'get',
    path: '/ob/clusters/{id}/tenants/{tenantId}/parameters',
    summary: 'Query parameters of a tenant (查询租户参数列表)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: TenantParams,
    data: contentsOf(TenantParameter),
    handle: (m, { params }) => ({
      data: { contents: m.parameters.listOf(params.id, params.tenantId).map(({ def, currentValue }) => renderParameter(def, currentValue)) },
    }),
  }),
  modifyTenantParameters: call({
    routeId: 'modifyTenantParameters',
    method: 'put',
    path: '/ob/clusters/{id}/tenants/{tenantId}/parameters',
    summary: 'Modify parameters of a tenant (修改租户参数), all or none',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: TenantParams,
    body: ModifyTenantParametersBody,
    bodyIsArray: true,
    bodyObject: 'TenantParameterParam',
    data: null,
    handle(m, { params, body }) {
      m.parameters.modify(params.id, params.tenantId, body);
      return {};
    },
  }),
};
