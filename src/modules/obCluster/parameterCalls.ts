/**
 * The OB cluster module's synchronous settings calls: a cluster's root password (ocp-docs/cluster/
 * 2000), the parameter catalogue (2100), a cluster's parameters (2200) and their modification
 * (2300), and the switchover and failover pre-checks (2600, 2700). Each answers its page's sample
 * shape (keys in alphabetical order, as OCP prints them); the rules are in parameters.ts,
 * rootPassword.ts and switchoverChecks.ts.
 *
 * Permissions as the pages give them: Update is CLUSTER_MANAGER, Read-only CLUSTER_VIEWER; the
 * pre-check pages name no prerequisite, so any signed-in user may run them (*inferred*: "None").
 * `GET /ob/clusters/parameterInfo` is registered before `GET /ob/clusters/{id}` (calls.ts spreads
 * these first), so Hono gives it the fixed path rather than reading `parameterInfo` as an id.
 */
import { z } from 'zod';
import { ObClusterParameter, ObParameterInfo, ObPreCheck } from '../../contract/clusterSettingsSchemas.js';
import { contentsOf } from '../../contract/schemas.js';
import { defineCall } from '../../core/call.js';
import type { ObClusterRecord } from './fakes/clusters.js';
import type { ParameterDef } from './fakes/parameters.js';
import type { ObClusterModule } from './module.js';
import { ClusterIdParam } from './requests.js';
import { failoverPreCheck, switchoverPreCheck } from './switchoverChecks.js';

const call = defineCall<ObClusterModule>();
const TAG = 'OB clusters';

/** 2000's body: `newPassword` left optional here so that its absence is OCP's OBE11012, not a schema error. */
const ChangePasswordBody = z.object({
  newPassword: z.string({ error: 'must be a text' }).optional(),
  saveToCredential: z.boolean({ error: 'must be true or false' }).optional(),
});

/**
 * 2300's body, a JSON array of `{name, value}`. Its sample sends `"value": 75` where its table
 * says String: a number or boolean is read as its text. At least one entry (*inferred*); a name
 * given twice takes its last value (*inferred*: one SET per entry, in order).
 */
const ModifyParametersBody = z
  .array(
    z.object({
      name: z.string({ error: 'must be a parameter name' }).min(1, { error: 'must be a parameter name' }),
      value: z.union([z.string(), z.number(), z.boolean()], { error: 'must be a text' }).transform(String),
    }),
    { error: 'must be an array of {name, value}' },
  )
  .min(1, { error: 'must name at least one parameter' });

/** A parameter's metadata, as 2100's sample prints it. */
function renderInfo(p: ParameterDef) {
  return {
    allowedStringValues: p.allowedValues,
    defaultValue: p.defaultValue,
    description: p.description,
    explanation: null,
    id: p.id,
    maxValue: p.maxValue,
    minValue: p.minValue,
    name: p.name,
    needRestart: p.needRestart,
    readonly: p.readonly,
    type: p.type,
    version: p.version,
  };
}

/** A cluster's parameter with each server's value, as 2200's sample prints it (a value's servers as `ip:port`). */
function renderParameter(m: ObClusterModule, cluster: ObClusterRecord, p: ParameterDef) {
  const obParameters = m.clusters.servers(cluster).map((s) => ({
    name: p.name,
    svrIp: s.ip,
    svrPort: s.port,
    svrType: 'observer' as const,
    value: m.parameters.valueOn(cluster, s, p),
    zone: s.zoneName,
  }));
  // A Map, so that a value such as `__proto__` is a key like any other.
  const byValue = new Map<string, string[]>();
  for (const o of obParameters) byValue.set(o.value, [...(byValue.get(o.value) ?? []), `${o.svrIp}:${o.svrPort}`]);
  const values = [...byValue.keys()];
  return {
    currentValue: { obParameters, singleValueInCluster: values.length === 1, valueToServers: Object.fromEntries(byValue), values },
    defaultValue: p.defaultValue ?? '',
    description: p.description,
    name: p.name,
    needRestart: p.needRestart,
    readonly: p.readonly,
    section: p.section,
    valueRange: { allowedValues: p.allowedValues, maxValue: p.maxValue, minValue: p.minValue, type: p.type },
  };
}

export const PARAMETER_CALLS = {
  getParameterInfo: call({
    routeId: 'getParameterInfo',
    method: 'get',
    path: '/ob/clusters/parameterInfo',
    summary: 'Query the parameter metadata of OceanBase clusters (查询集群参数元信息)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    // The table says `data` is an array; the sample prints `contents` in an object: the sample is followed.
    data: contentsOf(ObParameterInfo),
    handle: (m) => ({ data: { contents: m.parameters.catalogue().map(renderInfo) } }),
  }),
  listClusterParameters: call({
    routeId: 'listClusterParameters',
    method: 'get',
    path: '/ob/clusters/{id}/parameters',
    summary: 'Query parameters of an OceanBase cluster (查询集群参数列表)',
    tag: TAG,
    permission: 'CLUSTER_VIEWER',
    params: ClusterIdParam,
    data: contentsOf(ObClusterParameter),
    handle(m, { params }) {
      const cluster = m.clusters.cluster(params.id);
      return { data: { contents: m.parameters.visibleOf(cluster).map((p) => renderParameter(m, cluster, p)) } };
    },
  }),
  modifyClusterParameters: call({
    routeId: 'modifyClusterParameters',
    method: 'put',
    path: '/ob/clusters/{id}/parameters',
    summary: 'Modify parameters of an OceanBase cluster (修改集群参数), all or none',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: ClusterIdParam,
    body: ModifyParametersBody,
    bodyIsArray: true,
    bodyObject: 'SetClusterParameterParam',
    data: null,
    handle(m, { params, body }) {
      m.parameters.modify(params.id, body);
      return {};
    },
  }),
  changeClusterPassword: call({
    routeId: 'changeClusterPassword',
    method: 'post',
    path: '/ob/clusters/{id}/changePassword',
    summary: 'Change the root password of an OceanBase cluster (修改集群密码)',
    tag: TAG,
    permission: 'CLUSTER_MANAGER',
    params: ClusterIdParam,
    body: ChangePasswordBody,
    bodyObject: 'changePasswordParam',
    data: null,
    handle(m, { params, body }) {
      m.passwords.change(params.id, body.newPassword, body.saveToCredential ?? false);
      return {};
    },
  }),
  switchoverPreCheck: call({
    routeId: 'switchoverPreCheck',
    method: 'post',
    path: '/ob/clusters/{id}/switchoverPreCheck',
    summary: 'Switchover pre-check of a standby cluster and its primary (主备切换预检查)',
    tag: TAG,
    params: ClusterIdParam,
    data: ObPreCheck,
    handle(m, { params }) {
      return { data: { result: switchoverPreCheck(m.clusters, m.clusters.cluster(params.id), m.world.now()) } };
    },
  }),
  failoverPreCheck: call({
    routeId: 'failoverPreCheck',
    method: 'post',
    path: '/ob/clusters/{id}/failoverPreCheck',
    summary: 'Failover pre-check of a standby cluster (主备容灾切换预检查)',
    tag: TAG,
    params: ClusterIdParam,
    data: ObPreCheck,
    handle(m, { params }) {
      return { data: { result: failoverPreCheck(m.clusters, m.clusters.cluster(params.id), m.world.now()) } };
    },
  }),
};
