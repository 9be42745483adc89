/**
 * Pact provider states are scenarios. A consumer writes `given('node-timeout', {taskStatus:
 * 'FAILED'})`; the verifier posts that to `POST /__mock/provider-states` (README lists the states
 * and params) and this sets the simulator up: reset to the seed's start, the scenario as default,
 * the hosts asked for with running agents, regions, IDCs and host types of the names asked for,
 * hosts added through batchCreate at the addresses asked for (in the first IDC and host type the
 * state made, else the seed's first; prepared unless their own task is the one asked about), and,
 * if asked, a task of an operation (a batch stop unless `operation` says otherwise) already in
 * that status; OB clusters created through OCP's own create (`clusters`), each on free hosts of
 * one IDC, its task run to success; OB tenants created through OCP's own create (`tenants`, on a
 * cluster the state made or a seeded one), their tasks run to success (NORMAL, units listed).
 * The answer carries values for Pact's `fromProviderState` (e.g. `${taskId}`).
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { TASK_STATUSES } from '../contract/enums.js';
import type { Simulator } from './simulator.js';

export const ProviderStateParams = z.strictObject({
  /** Hosts that must exist with running agents (and that a task state runs on). Default [2]. */
  hostIds: z.array(z.number().int().positive()).min(1).max(100).optional(),
  /** A task on `hostIds` that has reached this status... */
  taskStatus: z.enum(TASK_STATUSES).optional(),
  /** ...of this operation (default batchStopAgents; a single-host one runs on the first host). */
  operation: z.string().min(1).optional(),
  /** Regions, IDCs (in the first region given, else beijing) and host types created beside the seed's. */
  regions: z.array(z.string().min(1)).max(20).optional(),
  idcs: z.array(z.string().min(1)).max(20).optional(),
  hostTypes: z.array(z.string().min(1)).max(20).optional(),
  /** Inner IPs of hosts added as batchCreate adds them; their Prepare host tasks run to success unless `operation` is prepareHost. */
  addedHosts: z
    .array(z.string().refine((ip) => isIP(ip) !== 0, { message: 'an IP address' }))
    .min(1)
    .max(100)
    .optional(),
  /** OB clusters created (ocp-docs/cluster/200) on hosts no cluster runs on, one zone of `servers` servers (default 1), RUNNING when the state is set. */
  clusters: z
    .array(z.strictObject({ name: z.string().min(1).max(128), servers: z.number().int().min(1).max(10).optional() }))
    .min(1)
    .max(10)
    .optional(),
  /**
   * OB tenants created (ocp-docs/tenant/400), NORMAL when the state is set: on `clusterId` (default
   * the first cluster the state made, else the seeded cluster01, id 1), in `zones` (default the
   * cluster's first), `unitSpecName` units (default S1), one per zone.
   */
  tenants: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(64),
        clusterId: z.number().int().positive().optional(),
        mode: z.enum(['MYSQL', 'ORACLE']).optional(),
        zones: z.array(z.string().min(1)).min(1).max(10).optional(),
        unitSpecName: z.string().min(1).optional(),
      }),
    )
    .min(1)
    .max(20)
    .optional(),
});
export type ProviderStateParams = z.infer<typeof ProviderStateParams>;

export const ProviderStateRequest = z.object({
  state: z.string().min(1),
  params: ProviderStateParams.nullish(),
  action: z.enum(['setup', 'teardown']).default('setup'),
});

export class ProviderStateError extends Error {}

/** How far the clock may be moved to bring a task to the status asked for (simulated). */
const MAX_WAIT_MS = 6 * 3_600_000;
const STEP_MS = 1_000;

export interface ProviderStateValues {
  taskId?: number;
  /** The "Stop all OCP agent processes" subtask of the first host. */
  stopSubtaskId?: number;
  hostId: number;
  hostIds: number[];
  /** The first region, IDC and host type the state created (for `${regionId}`, ...). */
  regionId?: number;
  idcId?: number;
  hostTypeId?: number;
  /** The hosts added (`addedHosts`), in order, and the first (for `${addedHostId}`). */
  addedHostIds?: number[];
  addedHostId?: number;
  /** The clusters created (`clusters`), in order, and the first (for `${clusterId}`). */
  clusterIds?: number[];
  clusterId?: number;
  /** The tenants created (`tenants`), in order, and the first (for `${tenantId}`). */
  tenantIds?: number[];
  tenantId?: number;
}

/** A tenant created as a client would (400's createTenant), its task run to success. */
function createTenant(sim: Simulator, t: NonNullable<ProviderStateParams['tenants']>[number], defaultCluster: number): number {
  const clusterId = t.clusterId ?? defaultCluster;
  try {
    const cluster = sim.obCluster.clusters.cluster(clusterId);
    const zones = t.zones ?? [cluster.zones[0]?.name ?? 'zone1'];
    const { view, tenant } = sim.obTenant.lifecycle.create(
      clusterId,
      {
        name: t.name,
        mode: t.mode ?? 'MYSQL',
        rootPassword: 'provider-state',
        zones: zones.map((name) => ({ name, replicaType: 'FULL', resourcePool: { unitSpecName: t.unitSpecName ?? 'S1', unitCount: 1 } })),
      },
      { id: 100, name: 'admin' },
      'success',
    );
    const wait = msUntil(sim, view.record.id, 'SUCCESSFUL', 'success');
    if (wait > 0) sim.advanceClock(wait);
    return tenant.id;
  } catch (e) {
    if (e instanceof ProviderStateError) throw e;
    throw new ProviderStateError(`tenant ${t.name} cannot be created on cluster ${clusterId}: ${(e as Error).message}`);
  }
}

/** A cluster created as a client would, on the IDC with the most hosts no cluster runs on, its task run to success. */
function createCluster(sim: Simulator, name: string, servers: number): number {
  const now = sim.world.now();
  const byIdc = new Map<string, number[]>();
  for (const h of sim.compute.hosts()) {
    const free =
      sim.compute.hostStatus(h, now) === 'ONLINE' && sim.compute.agentStatus(h, now) === 'AVAILABLE' && sim.obCluster.clusters.serversOn(h.id).length === 0;
    if (free) byIdc.set(h.idcName, [...(byIdc.get(h.idcName) ?? []), h.id]);
  }
  const [idc, hosts] = [...byIdc].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  if (hosts.length < servers) throw new ProviderStateError(`cluster ${name}: no IDC has ${servers} free hosts (start with more --hosts)`);
  try {
    const view = sim.obCluster.lifecycle.create(
      {
        name,
        rpmName: 'oceanbase-2.2.76-20210219154519.el7.x86_64.rpm',
        type: 'PRIMARY',
        password: 'provider-state',
        zones: [{ name: 'zone1', idcName: idc, servers: hosts.slice(0, servers) }],
      },
      { id: 100, name: 'admin' },
      'success',
    );
    const wait = msUntil(sim, view.record.id, 'SUCCESSFUL', 'success');
    if (wait > 0) sim.advanceClock(wait);
    return view.record.subject?.cluster.id as number;
  } catch (e) {
    if (e instanceof ProviderStateError) throw e;
    throw new ProviderStateError(`cluster ${name} cannot be created: ${(e as Error).message}`);
  }
}

/** How far the clock must move for task `taskId` to read `status` (from now), or a ProviderStateError. */
function msUntil(sim: Simulator, taskId: number, status: string, state: string): number {
  const start = sim.now();
  let waited = 0;
  const record = sim.tasks.task(taskId);
  let current = sim.tasks.views.at(record, start);
  while (current.status !== status) {
    if (waited >= MAX_WAIT_MS || current.status !== 'RUNNING') {
      throw new ProviderStateError(
        `under scenario "${state}" the task does not reach ${status} (it ends ${current.status}); choose a scenario where it does, e.g. node-timeout for FAILED`,
      );
    }
    waited += STEP_MS;
    current = sim.tasks.views.at(record, start + waited);
  }
  return waited;
}

export function setUpProviderState(sim: Simulator, state: string, params: ProviderStateParams = {}): ProviderStateValues {
  if (!sim.scenarios.has(state)) {
    throw new ProviderStateError(`unknown provider state "${state}"; the states are the scenario names: ${sim.scenarios.names().join(', ')}`);
  }
  sim.reset();
  sim.setDefaultScenario(state);
  const hostIds = params.hostIds ?? [2];
  for (const id of hostIds) sim.compute.ensureHost(id);
  const values: ProviderStateValues = { hostId: hostIds[0] as number, hostIds };
  try {
    const inventory = sim.compute.inventory;
    const regions = (params.regions ?? []).map((name) => inventory.create('regions', { name }).id);
    const inRegion = regions[0] ?? 1;
    const idcs = (params.idcs ?? []).map((name) => inventory.create('idcs', { name, regionId: inRegion }).id);
    const types = (params.hostTypes ?? []).map((name) => inventory.create('hostTypes', { name }).id);
    [values.regionId, values.idcId, values.hostTypeId] = [regions[0], idcs[0], types[0]];
  } catch (e) {
    throw new ProviderStateError(`the inventory asked for cannot be made: ${(e as Error).message}`);
  }
  const asksAboutPreparation = params.operation === 'prepareHost';
  let preparation: number | undefined;
  if (params.addedHosts) {
    let views: ReturnType<Simulator['compute']['addHosts']>;
    try {
      views = sim.compute.addHosts(
        {
          hostBasicDataList: params.addedHosts.map((innerIpAddress) => ({ innerIpAddress })),
          sshPort: 22,
          kind: 'DEDICATED_PHYSICAL_MACHINE',
          idcId: values.idcId ?? (sim.compute.inventory.lists.idcs[0]?.id as number),
          typeId: values.hostTypeId ?? (sim.compute.inventory.lists.hostTypes[0]?.id as number),
          credentialId: 1,
        },
        { id: 100, name: 'admin' },
        // Prepared for sure, unless their own task is the one asked about.
        asksAboutPreparation ? state : 'success',
      );
    } catch (e) {
      throw new ProviderStateError(`the hosts asked for cannot be added: ${(e as Error).message}`);
    }
    values.addedHostIds = views.map((v) => v.record.hostIds[0] as number);
    values.addedHostId = values.addedHostIds[0];
    if (asksAboutPreparation) preparation = views[0]?.record.id;
    else {
      const wait = Math.max(...views.map((v) => msUntil(sim, v.record.id, 'SUCCESSFUL', 'success')));
      if (wait > 0) sim.advanceClock(wait);
    }
  }
  if (params.clusters) values.clusterIds = params.clusters.map((c) => createCluster(sim, c.name, c.servers ?? 1));
  values.clusterId = values.clusterIds?.[0];
  if (params.tenants) values.tenantIds = params.tenants.map((t) => createTenant(sim, t, values.clusterId ?? 1));
  values.tenantId = values.tenantIds?.[0];
  if (!params.taskStatus) return values;
  if (asksAboutPreparation) {
    if (preparation === undefined) throw new ProviderStateError('operation prepareHost needs addedHosts: the hosts whose Prepare host task it is');
    values.taskId = preparation;
    const wait = msUntil(sim, preparation, params.taskStatus, state);
    if (wait > 0) sim.advanceClock(wait);
    return values;
  }

  // A request-level error (permission-denied) must not stop the set-up itself, so submit directly.
  const operation = sim.tasks.operations.find((op) => op.id === (params.operation ?? 'batchStopAgents'));
  if (!operation) {
    throw new ProviderStateError(`unknown operation "${params.operation}"; the operations are ${sim.tasks.operations.map((op) => op.id).join(', ')}`);
  }
  const view = sim.agent.agents.runOperation(operation, { id: 100, name: 'admin' }, operation.singleHost ? hostIds.slice(0, 1) : hostIds, state);
  values.taskId = view.record.id;
  // The node that stops the agent's processes (the agent operations' "Stop all OCP agent processes").
  values.stopSubtaskId = view.subtasks.find((s) => operation.templates[s.node.kind]?.processes === 'stop')?.node.id;
  // Find how far the clock must move for the task to reach the status, then move it once.
  const waited = msUntil(sim, values.taskId, params.taskStatus, state);
  if (waited > 0) sim.advanceClock(waited);
  return values;
}
