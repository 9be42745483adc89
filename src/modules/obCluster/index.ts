/** OCP's OB cluster module (ocp-docs/cluster): clusters, zones and OB servers on the simulated hosts. What other modules may use of it is exported here. */
export { OB_CLUSTER_CALLS } from './calls.js';
export type { ClusterListener, ObClusters, TenantReader } from './clusters.js';
export type { ObClusterRecord, ObServerRecord, ObZoneRecord } from './fakes/clusters.js';
export { DEFAULT_CLUSTERS } from './fakes/extraClusters.js';
export type { ParameterDef } from './fakes/parameters.js';
export { ObClusterModule } from './module.js';
export { CLUSTER_OPERATIONS, type ClusterOperationId } from './operations.js';
export { normalizeValue } from './parameterValues.js';
export { renderCluster, renderServer, renderZone } from './render.js';
export { meetsPasswordRule } from './rootPassword.js';
export { failoverPreCheck, type PreCheckResult, switchoverPreCheck } from './switchoverChecks.js';
