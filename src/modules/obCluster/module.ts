/**
 * OCP's OB cluster module as its calls see it (ocp-docs/cluster): the clusters, their zones and
 * servers on the host module's hosts (clusters.ts). Built after the host module, which it tells
 * which services each host runs.
 */
import type { Tasks } from '../../core/tasks.js';
import type { World } from '../../core/world.js';
import type { Compute } from '../compute/index.js';
import { ObClusters } from './clusters.js';
import { ClusterLifecycle } from './lifecycle.js';

export class ObClusterModule {
  readonly clusters: ObClusters;
  /** Creating, deleting, upgrading; zones and servers added and deleted; switchover and failover. */
  readonly lifecycle: ClusterLifecycle;

  constructor(
    readonly world: World,
    readonly compute: Compute,
    readonly tasks: Tasks,
  ) {
    this.clusters = new ObClusters(world, compute, tasks);
    this.lifecycle = new ClusterLifecycle(this.clusters);
  }
}
