/**
 * OCP's OB cluster module as its calls see it (ocp-docs/cluster): the clusters, their zones and
 * servers on the host module's hosts (clusters.ts). Built after the host module, which it tells
 * which services each host runs.
 */
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import type { Compute } from '../compute/index.js';
import type { SoftwarePackages } from '../softwarePackage/index.js';
import { ObClusters } from './clusters.js';
import { ClusterLifecycle, rpmNameOf } from './lifecycle.js';
import { ClusterParameters } from './parameters.js';
import { ClusterPasswords } from './rootPassword.js';

export class ObClusterModule {
  readonly clusters: ObClusters;
  /** Creating, deleting, upgrading; zones and servers added and deleted; switchover and failover. */
  readonly lifecycle: ClusterLifecycle;
  /** Each cluster's OceanBase parameters (2100-2300) and root password (2000): slices of their own, registered after the clusters. */
  readonly parameters: ClusterParameters;
  readonly passwords: ClusterPasswords;

  constructor(
    readonly world: World,
    readonly compute: Compute,
    readonly tasks: Tasks,
    readonly packages: SoftwarePackages,
    clusterCount?: number,
  ) {
    this.clusters = new ObClusters(world, compute, tasks, clusterCount);
    // *inferred*: a cluster runs the OceanBase package named as its rpm (rpmNameOf), or any OceanBase
    // package of its version (a seeded cluster's build need not be the stored rpm's release).
    packages.usePackageUsers(
      (pkg) => pkg.type === 'OB_SERVER_INSTALL_PACKAGE' && this.clusters.clusters().some((c) => rpmNameOf(c) === pkg.fileName || c.obVersion === pkg.version),
    );
    this.lifecycle = new ClusterLifecycle(this.clusters, packages);
    this.parameters = new ClusterParameters(world, this.clusters);
    this.passwords = new ClusterPasswords(world, this.clusters);
  }
}
