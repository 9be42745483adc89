/**
 * OCP's host module (ocp-docs/host): hosts, regions, IDCs and host types, and the "Prepare host"
 * task that adding a host runs. What other modules may use of it is exported here.
 */
export { COMPUTE_CALLS } from './calls.js';
export { DEFAULT_HOSTS, DOCUMENTED_HOST_IDS, generateServerAddress, type HostRecord, type HostService, MIN_HOSTS, NO_SERVICES } from './fakes/hosts.js';
export type { HostTypeRecord, IdcRecord, Inventory, RegionRecord } from './fakes/inventory.js';
export { type AgentReader, Compute, type ServiceReader } from './hosts.js';
export type { InventoryKind } from './inventory.js';
export { PREPARE_HOST } from './operations.js';
export { renderHost, renderHostType, renderIdc, renderRegion } from './render.js';
export { BatchCreateHostsRequest, BatchDeleteHostsRequest, HostIdParam, hostIdNumber } from './requests.js';
