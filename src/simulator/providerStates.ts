/**
 * Pact provider states are scenarios. A consumer writes `given('node-timeout', {taskStatus:
 * 'FAILED'})`; the verifier posts that to `POST /__mock/provider-states` (README lists the states
 * and params) and this sets the simulator up: reset to the seed's start, the scenario as default,
 * the hosts asked for with running agents, regions, IDCs and host types of the names asked for,
 * and, if asked, a task of an operation (a batch stop unless `operation` says otherwise) already
 * in that status.
 * The answer carries values for Pact's `fromProviderState` (e.g. `${taskId}`).
 */
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
}

export function setUpProviderState(sim: Simulator, state: string, params: ProviderStateParams = {}): ProviderStateValues {
  if (!sim.scenarios.has(state)) {
    throw new ProviderStateError(`unknown provider state "${state}"; the states are the scenario names: ${sim.scenarios.names().join(', ')}`);
  }
  sim.reset();
  sim.setDefaultScenario(state);
  const hostIds = params.hostIds ?? [2];
  for (const id of hostIds) sim.ensureHost(id);
  const values: ProviderStateValues = { hostId: hostIds[0] as number, hostIds };
  try {
    const regions = (params.regions ?? []).map((name) => sim.createInventory('regions', { name }).id);
    const inRegion = regions[0] ?? 1;
    const idcs = (params.idcs ?? []).map((name) => sim.createInventory('idcs', { name, regionId: inRegion }).id);
    const types = (params.hostTypes ?? []).map((name) => sim.createInventory('hostTypes', { name }).id);
    [values.regionId, values.idcId, values.hostTypeId] = [regions[0], idcs[0], types[0]];
  } catch (e) {
    throw new ProviderStateError(`the inventory asked for cannot be made: ${(e as Error).message}`);
  }
  if (!params.taskStatus) return values;

  // A request-level error (permission-denied) must not stop the set-up itself, so submit directly.
  const operation = sim.operations.find((op) => op.id === (params.operation ?? 'batchStopAgents'));
  if (!operation) {
    throw new ProviderStateError(`unknown operation "${params.operation}"; the operations are ${sim.operations.map((op) => op.id).join(', ')}`);
  }
  const view = sim.submit(operation.id, { id: 100, name: 'admin' }, operation.singleHost ? hostIds.slice(0, 1) : hostIds, state);
  values.taskId = view.record.id;
  values.stopSubtaskId = view.subtasks.find((s) => s.node.kind === 'stop')?.node.id;
  // Find how far the clock must move for the task to reach the status, then move it once.
  const start = sim.now();
  let waited = 0;
  let current = view;
  while (current.status !== params.taskStatus) {
    if (waited >= MAX_WAIT_MS || current.status !== 'RUNNING') {
      throw new ProviderStateError(
        `under scenario "${state}" the task does not reach ${params.taskStatus} (it ends ${current.status}); choose a scenario where it does, e.g. node-timeout for FAILED`,
      );
    }
    waited += STEP_MS;
    current = sim.view(values.taskId, start + waited);
  }
  if (waited > 0) sim.advanceClock(waited);
  return values;
}
