/**
 * What the one world costs as it grows: building the simulator (hosts, inventory, the seeded OB
 * clusters on those hosts), a host page, the cluster list and a cluster's servers, a 1000-host
 * batch stop and reading it, and deleting hosts (each checked for servers and busy agents), on 12
 * and on 20,000 seeded hosts, through the Hono app in-process (the one request path, no socket).
 * `npm run bench:world`. A second table: many clusters (`--clusters 200`) and 200,000 stored tasks.
 */
import { buildOcpMock } from '../src/app.js';

const AUTH = `Basic ${Buffer.from('admin:admin').toString('base64')}`;
const HEADERS = { authorization: AUTH, 'content-type': 'application/json' };

/** Mean milliseconds of `n` runs of `f` (after one uncounted run). */
async function timed(n: number, f: () => Promise<unknown>): Promise<number> {
  await f();
  const t = performance.now();
  for (let i = 0; i < n; i++) await f();
  return (performance.now() - t) / n;
}

const rows: string[] = [];
for (const hosts of [12, 20_000]) {
  let t = performance.now();
  const { app, simulator } = buildOcpMock({ clock: 'manual', hosts });
  const buildMs = performance.now() - t;
  const get = async (path: string) => {
    const res = await app.request(path, { headers: HEADERS });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return res.text();
  };
  const post = async (path: string, body: unknown) => {
    const res = await app.request(path, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return res.json() as Promise<{ data: { id: number } }>;
  };
  const hostPage = await timed(200, () => get('/api/v2/compute/hosts?size=100'));
  const clusterList = await timed(200, () => get('/api/v2/ob/clusters'));
  const servers = await timed(200, () => get('/api/v2/ob/clusters/1/servers'));
  // Hosts without services and with running agents, for a batch stop and for deleting.
  const free = simulator
    .hosts()
    .filter((h) => simulator.compute.services(h).length === 0 && simulator.compute.agentStatus(h) === 'AVAILABLE')
    .map((h) => h.id);
  // Up to 1000 to stop and up to 200 others to delete (half and half of a small inventory).
  const spare = Math.min(200, Math.floor(free.length / 2));
  const batch = free.slice(0, Math.min(1000, free.length - spare));
  t = performance.now();
  const stop = await post('/api/v2/compute/hosts/batchStopAgents', { hostIds: batch });
  const stopMs = performance.now() - t;
  simulator.advanceClock(5_000);
  t = performance.now();
  await get(`/api/v2/tasks/instances/${stop.data.id}`);
  const readMs = performance.now() - t;
  const toDelete = free.slice(free.length - spare);
  const half = Math.ceil(toDelete.length / 2);
  t = performance.now();
  for (const id of toDelete.slice(0, half)) {
    const res = await app.request(`/api/v2/compute/hosts/${id}`, { method: 'DELETE', headers: HEADERS });
    if (res.status !== 200) throw new Error(`delete ${id} answered ${res.status}`);
  }
  const deleteMs = (performance.now() - t) / half;
  t = performance.now();
  await post('/api/v2/compute/hosts/batchDelete', { hostIdList: toDelete.slice(half) });
  const batchDeleteMs = performance.now() - t;
  rows.push(
    `| ${hosts.toLocaleString('en')} | ${buildMs.toFixed(0)} ms | ${hostPage.toFixed(2)} ms | ${clusterList.toFixed(3)} ms | ${servers.toFixed(3)} ms | ${batch.length}: ${stopMs.toFixed(0)} ms, read ${readMs.toFixed(0)} ms | ${deleteMs.toFixed(2)} ms | ${batchDeleteMs.toFixed(1)} ms |`,
  );
}
console.log(
  '| seeded hosts | build | host page (100) | cluster list | cluster 1 servers | batch stop, then its read | delete one host | batchDelete of the rest (up to 100) |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);

/**
 * Many clusters and a large store: the cluster list page, cluster 1's servers, and the task list
 * filtered by cluster (clusterId, and a cluterName keyword; page 1 of 10 from the store's cluster
 * index), beside a filter the index does not serve (a task-name keyword: a scan of the store),
 * with the default 3 clusters on 12 hosts and 100 tasks, and with 200 clusters on 20,000 hosts and
 * 200,000 tasks. Tasks are restarts of the clusters (one real one each, then copies of it), round
 * robin, so each cluster holds about the same share.
 */
const clusterRows: string[] = [];
for (const [clusters, hosts, tasks] of [
  [3, 12, 100],
  [200, 20_000, 200_000],
] as const) {
  let t = performance.now();
  const { app, simulator } = buildOcpMock({ clock: 'manual', hosts, clusters, maxTasks: 250_000 });
  const buildMs = performance.now() - t;
  const get = async (path: string) => {
    const res = await app.request(path, { headers: HEADERS });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return res.text();
  };
  const caller = { id: 1, name: 'admin' };
  // A cluster whose server sits on a host with a stopped agent refuses (CMP07019): it gets no tasks.
  const seeds = simulator.obCluster.clusters.clusters().flatMap((c) => {
    try {
      return [simulator.obCluster.clusters.runOperation('restartCluster', c.id, {}, caller, 'success').record];
    } catch {
      return [];
    }
  });
  t = performance.now();
  for (let i = seeds.length; i < tasks; i++) {
    const r = seeds[i % seeds.length] as (typeof seeds)[number];
    simulator.tasks.submit(r.operation, r.creator, r.hostIds, r.scenario, undefined, r.subject);
  }
  const fillMs = performance.now() - t;
  const clusterPage = await timed(200, () => get('/api/v2/ob/clusters?page=1&size=10'));
  const servers = await timed(200, () => get('/api/v2/ob/clusters/1/servers'));
  const byId = await timed(200, () => get('/api/v2/tasks/instances?clusterId=1&page=1&size=10'));
  const byName = await timed(200, () => get('/api/v2/tasks/instances?cluterName=cluster01_standby&page=1&size=10'));
  const scan = await timed(5, () => get('/api/v2/tasks/instances?name=restart&page=1&size=10'));
  clusterRows.push(
    `| ${clusters} / ${hosts.toLocaleString('en')} / ${simulator.tasks.count().toLocaleString('en')} | ${buildMs.toFixed(0)} ms, fill ${fillMs.toFixed(0)} ms | ${clusterPage.toFixed(3)} ms | ${servers.toFixed(3)} ms | ${byId.toFixed(3)} ms | ${byName.toFixed(3)} ms | ${scan.toFixed(1)} ms |`,
  );
}
console.log('');
console.log(
  '| clusters / hosts / stored tasks | build, fill | cluster list page (10) | cluster 1 servers | tasks ?clusterId=1 (10) | tasks ?cluterName=cluster01_standby (10) | tasks ?name=restart (10, a scan) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of clusterRows) console.log(r);

/**
 * Many tenants (issue 24): the tenant list page (all clusters' and one cluster's), a tenant's
 * details and units, and the task list filtered by tenant, with the seeded tenants of the default
 * world and with 1,000 more made through the tenant module's create (S0 units, round robin over
 * 200 primary clusters' first zones), their tasks run to NORMAL.
 */
const tenantRows: string[] = [];
for (const [clusters, hosts, extra] of [
  [3, 12, 0],
  [200, 20_000, 1_000],
] as const) {
  const { app, simulator } = buildOcpMock({ clock: 'manual', hosts, clusters });
  const get = async (path: string) => {
    const res = await app.request(path, { headers: HEADERS });
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    return res.text();
  };
  const caller = { id: 1, name: 'admin' };
  const primaries = simulator.obCluster.clusters.clusters().filter((c) => c.type === 'PRIMARY');
  const t = performance.now();
  let made = 0;
  for (let i = 0; made < extra && i < extra * 3; i++) {
    const c = primaries[i % primaries.length] as (typeof primaries)[number];
    try {
      simulator.obTenant.lifecycle.create(
        c.id,
        {
          name: `bench_${i}`,
          rootPassword: 'x',
          zones: [{ name: c.zones[0]?.name ?? 'zone1', replicaType: 'FULL', resourcePool: { unitSpecName: 'S0', unitCount: 1 } }],
        },
        caller,
        'success',
      );
      made++;
    } catch {
      // A zone that is full refuses (OBE19018/OBE19019): the next cluster takes it.
    }
  }
  simulator.advanceClock(3_600_000);
  const fillMs = performance.now() - t;
  const all = simulator.obTenant.tenants.all();
  const tenant = all.find((x) => x.clusterId === 1 && x.name !== 'sys') as (typeof all)[number];
  const list = await timed(200, () => get('/api/v2/ob/tenants?page=1&size=10'));
  const ofCluster = await timed(200, () => get('/api/v2/ob/clusters/1/tenants?page=1&size=10'));
  const detail = await timed(200, () => get(`/api/v2/ob/clusters/1/tenants/${tenant.id}`));
  const units = await timed(200, () => get(`/api/v2/ob/clusters/1/tenants/${tenant.id}/units`));
  const tasks = await timed(200, () => get(`/api/v2/tasks/instances?clusterId=1&tenantName=${tenant.name}&page=1&size=10`));
  tenantRows.push(
    `| ${all.length.toLocaleString('en')} / ${clusters} | fill ${fillMs.toFixed(0)} ms | ${list.toFixed(3)} ms | ${ofCluster.toFixed(3)} ms | ${detail.toFixed(3)} ms | ${units.toFixed(3)} ms | ${tasks.toFixed(3)} ms |`,
  );
}
console.log('');
console.log(
  '| tenants / clusters | create and run | tenant list page (10) | cluster 1 tenants (10) | a tenant | its units | tasks ?clusterId=1&tenantName= (10) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const r of tenantRows) console.log(r);
