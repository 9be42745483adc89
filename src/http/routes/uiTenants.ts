/**
 * The dashboard's tenants panel, as the snapshot carries it: for each cluster the panel lists, its
 * tenants (the fields OCP's tenant list prints: name, mode, status, locked, primary zone), each
 * tenant's units on the servers (as the unit list, `GET .../tenants/{tenantId}/units`, lists them:
 * zone, server), the unit configuration of each unit's pool (its CPU and memory as the details,
 * `GET .../tenants/{tenantId}`, print them; its log disk, which no OCP call prints), and what each
 * server of the cluster holds: its capacity, what the units use of it, what is free.
 *
 * Read from the simulator like the clusters (uiClusters.ts), not through OCP's API: a push every
 * 500 ms must neither fill the journal with the dashboard's own reads nor count as a stub's
 * answer. The readers are the ones the tenant calls answer with (a tenant's status under a running
 * task, the units a running create lists), so the panel shows what a client would read.
 *
 * A server's capacity and free resources are the dashboard's own read (*inferred* arithmetic,
 * obTenant/capacity.ts): OCP 4.2.2's tenant pages expose no server capacity, and a refused create
 * (OBE19018, OBE19019) names only what the best server lacked.
 */
import type { ObClusterRecord } from '../../modules/obCluster/index.js';
import type { Resources } from '../../modules/obTenant/index.js';
import type { Simulator } from '../../simulator/simulator.js';

/** Clusters whose tenants the dashboard lists at most (as uiClusters.ts lists clusters). */
const DASHBOARD_CLUSTERS = 50;
/** The newest tasks a tenant's last task is looked for in (the task list's first page). */
const RECENT_TASKS = 50;

/** GB and cores to two decimals: a push carries no float noise. */
const round = (n: number) => Math.round(n * 100) / 100;
const rounded = (r: Resources): Resources => ({ cpu: round(r.cpu), memory: round(r.memory), logDisk: round(r.logDisk) });

/** Each listed cluster's tenants and servers; `only`: that one cluster's (the panel's own read, `GET /__mock/ui/clusters/{clusterId}/tenants`). */
export function tenantsSnapshot(sim: Simulator, now: number, only?: ObClusterRecord) {
  const book = sim.obCluster.clusters;
  const tenants = sim.obTenant.tenants;
  const st = book.statusesAt(now);
  // Each tenant's newest task among the recent ones: the panel opens a delete's task with it (600 answers no task).
  const lastTask = new Map<number, number>();
  for (const record of sim.tasks.page(0, RECENT_TASKS)) {
    const id = record.subject?.tenant?.id;
    if (id !== undefined && !lastTask.has(id)) lastTask.set(id, record.id);
  }
  return (only ? [only] : book.clusters().slice(0, DASHBOARD_CLUSTERS)).map((c) => {
    const servers = book.servers(c);
    const byId = new Map(servers.map((s) => [s.id, s]));
    return {
      clusterId: c.id,
      tenants: tenants.tenantsOf(c.id).map((t) => ({
        id: t.id,
        name: t.name,
        mode: t.mode,
        status: tenants.statusOf(t, now),
        locked: t.locked,
        primaryZone: t.primaryZone,
        taskId: lastTask.get(t.id) ?? null,
        units: t.pools.flatMap((p) =>
          tenants.visibleUnits(t, p, now).map((u) => ({
            id: u.id,
            zoneName: u.zoneName,
            serverId: u.serverId,
            serverIp: byId.get(u.serverId)?.ip ?? '',
            serverPort: byId.get(u.serverId)?.port ?? 2882,
            spec: p.specName,
            minCpu: p.unitConfig.minCpuCoreCount,
            maxCpu: p.unitConfig.maxCpuCoreCount,
            minMemory: p.unitConfig.minMemorySize,
            maxMemory: p.unitConfig.maxMemorySize,
            logDisk: p.unitConfig.logDiskSize,
          })),
        ),
      })),
      servers: servers.map((s) => {
        const { capacity, used } = tenants.serverResources(s);
        return {
          id: s.id,
          ip: s.ip,
          port: s.port,
          zoneName: s.zoneName,
          status: st.server(s),
          capacity: rounded(capacity),
          used: rounded(used),
          free: rounded({ cpu: capacity.cpu - used.cpu, memory: capacity.memory - used.memory, logDisk: capacity.logDisk - used.logDisk }),
        };
      }),
    };
  });
}
