/**
 * The dashboard's OB clusters panel, as the snapshot carries it: each cluster with its zones and
 * their servers, each server on its host, statuses at the simulator's now (the same reader the
 * cluster calls answer with). Read from the simulator like the host list, not through
 * `GET /api/v2/ob/clusters`: a push every 500 ms must neither fill the journal with the
 * dashboard's own reads nor count as a stub's answer (a stub of the cluster list is for the
 * client under test). The panel's actions do go through the OCP API (ui/clusters.js).
 */
import type { Simulator } from '../../simulator/simulator.js';

/** Clusters the dashboard lists at most (the seed makes three; a demo creates a few more). */
const DASHBOARD_CLUSTERS = 50;

export function clustersSnapshot(sim: Simulator, now: number) {
  const book = sim.obCluster.clusters;
  const st = book.statusesAt(now);
  const hosts = new Map(sim.hosts().map((h) => [h.id, h]));
  return book
    .clusters()
    .slice(0, DASHBOARD_CLUSTERS)
    .map((c) => ({
      id: c.id,
      name: c.name,
      obClusterId: c.obClusterId,
      type: c.type,
      version: c.obVersion,
      status: st.cluster(c),
      zones: c.zones.map((z) => ({
        name: z.name,
        region: z.regionName,
        idc: z.idcName,
        status: st.zone(z),
        servers: z.servers.map((s) => ({
          id: s.id,
          ip: s.ip,
          port: s.port,
          status: st.server(s),
          hostId: s.hostId,
          hostName: hosts.get(s.hostId)?.name ?? null,
          hostIp: hosts.get(s.hostId)?.innerIpAddress ?? s.ip,
          idc: s.idcName,
        })),
      })),
    }));
}

/** The hosts some cluster's server runs on (the create form offers the others). */
export function hostsInClusters(sim: Simulator): number[] {
  const book = sim.obCluster.clusters;
  return [...new Set(book.clusters().flatMap((c) => book.servers(c).map((s) => s.hostId)))].sort((a, b) => a - b);
}
