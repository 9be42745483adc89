/**
 * OCP's OB cluster module as its calls see it: the clusters, their zones and their servers, and
 * the services they put on the hosts they run on. A slice of the world without commands yet: the
 * seeded clusters are regenerated from the seeded hosts at every reset (and restore), as the hosts
 * are, and nothing in this module changes them yet. It is registered after the host module, so a
 * reset finds the hosts made first.
 *
 * The host module does not know this one: this module tells it which services each host runs
 * (`compute.useServices`), so a host's `services` name exactly the clusters whose servers run on
 * it, and the host module refuses to delete a host that runs one (CMP07004).
 */
import { OcpError } from '../../contract/errors.js';
import type { RankedCommands, StateSlice } from '../../core/commands.js';
import type { World } from '../../core/world.js';
import { type Compute, type HostRecord, type HostService, NO_SERVICES } from '../compute/index.js';
import { generateClusters, type ObClusterRecord, type ObServerRecord, type ObZoneRecord } from './fakes/clusters.js';

export class ObClusters implements StateSlice {
  readonly commands = {};
  private clusterList: ObClusterRecord[] = [];
  private byId = new Map<number, ObClusterRecord>();
  /** Each host's services (frozen, one array per host: the host rows' cache compares them by identity). */
  private servicesByHost = new Map<number, readonly HostService[]>();

  constructor(
    readonly world: World,
    readonly compute: Compute,
  ) {
    world.use(this);
    compute.useServices({ services: (host: HostRecord) => this.servicesByHost.get(host.id) ?? NO_SERVICES });
  }

  reset(): void {
    this.clusterList = generateClusters(this.world.seed, this.compute.hosts(), this.world.clock.anchor().simStart);
    this.byId = new Map(this.clusterList.map((c) => [c.id, c]));
    const services = new Map<number, HostService[]>();
    for (const c of this.clusterList) {
      // As OCP names a cluster's service: `{name}:{obClusterId}` (ocp-docs/cluster/200's `service_name=terran:1`, the host samples' `cluster01:1`).
      const service: HostService = Object.freeze({ name: `${c.name}:${c.obClusterId}`, softwarePackageId: null, type: 'OB_CLUSTER', version: c.obVersion });
      for (const s of this.servers(c)) {
        const list = services.get(s.hostId) ?? [];
        list.push(service);
        services.set(s.hostId, list);
      }
    }
    this.servicesByHost = new Map([...services].map(([id, list]) => [id, Object.freeze(list)]));
  }

  /** Every cluster, in id order. */
  clusters(): readonly ObClusterRecord[] {
    return this.clusterList;
  }

  /** The cluster with this id, or OCP's 404 (OBE11001, *inferred* status). */
  cluster(id: number): ObClusterRecord {
    const cluster = this.byId.get(id);
    if (!cluster) throw new OcpError('clusterNotFound', [id]);
    return cluster;
  }

  findCluster(id: number): ObClusterRecord | undefined {
    return this.byId.get(id);
  }

  /** The zone of this name in the cluster, or OCP's 404 (OBE18002, *inferred* status). */
  zone(cluster: ObClusterRecord, zoneName: string): ObZoneRecord {
    const zone = cluster.zones.find((z) => z.name === zoneName);
    if (!zone) throw new OcpError('zoneNotFound', [cluster.id, zoneName]);
    return zone;
  }

  /** Every server of the cluster, zone by zone. */
  servers(cluster: ObClusterRecord): ObServerRecord[] {
    return cluster.zones.flatMap((z) => z.servers);
  }

  /** The services on a host (what its `services` print). */
  servicesOn(hostId: number): readonly HostService[] {
    return this.servicesByHost.get(hostId) ?? NO_SERVICES;
  }

  live(): RankedCommands[] {
    return [];
  }

  liveBound(): number {
    return 0;
  }
}
