/** OCP's OB tenant module (ocp-docs/tenant): tenants, resource pools and units on the simulated clusters. What other modules may use of it is exported here. */
export { OB_TENANT_CALLS } from './calls.js';
export type { Resources } from './capacity.js';
export { TENANT_DATABASE_CALLS } from './databaseCalls.js';
export type { PoolRecord, TenantRecord, UnitRecord } from './fakes/tenants.js';
export { UNIT_SPECS } from './fakes/unitSpecs.js';
export { ObTenantModule } from './module.js';
export { TENANT_OPERATIONS, type TenantOperationId } from './operations.js';
export { TENANT_PARAMETER_CALLS } from './parameterCalls.js';
export { renderTenantRow } from './render.js';
export type { ObTenants } from './tenants.js';
