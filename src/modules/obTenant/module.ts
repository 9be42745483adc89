/**
 * OCP's OB tenant module as its calls see it (ocp-docs/tenant): the tenants of the simulated
 * clusters, their resource pools and units on the clusters' OB servers (tenants.ts), the calls
 * that change them (lifecycle.ts), each tenant's parameters (parameters.ts) and databases
 * (databases.ts). Built after the OB cluster module, which it tells what tenants hold and hears
 * what cluster tasks make and unmake.
 */
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import type { ObClusters } from '../obCluster/index.js';
import { TenantDatabases } from './databases.js';
import { TenantLifecycle } from './lifecycle.js';
import { TenantParameters } from './parameters.js';
import { ObTenants } from './tenants.js';

export class ObTenantModule {
  readonly tenants: ObTenants;
  readonly lifecycle: TenantLifecycle;
  /** Each tenant's parameters (1700, 1800) and databases (1900): slices of their own, registered after the tenants'. */
  readonly parameters: TenantParameters;
  readonly databases: TenantDatabases;

  constructor(
    readonly world: World,
    readonly clusters: ObClusters,
    readonly tasks: Tasks,
  ) {
    this.tenants = new ObTenants(world, clusters, tasks);
    this.lifecycle = new TenantLifecycle(this.tenants, clusters);
    this.parameters = new TenantParameters(world, this.tenants, this.lifecycle);
    this.databases = new TenantDatabases(world, this.tenants, this.lifecycle);
  }
}
