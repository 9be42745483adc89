/**
 * Issue 23: the operations that make and unmake clusters, zones and servers (ocp-docs/cluster/200,
 * 300, 700, 900, 1000, 1400, 1500, 1900) and change roles (2800, 2900), each one declaration
 * (src/modules/obCluster/lifecycleOperations.ts, roleOperations.ts) run by the one engine. Each
 * page's sample request answered key for key and type for type as its sample (test/fixtures/cluster);
 * the records follow the tasks (made at once reading CREATING, gone once a delete has succeeded,
 * gone again once a create is rolled back); refusals with OCP's codes change nothing; a state
 * file's replay and a compaction keep what was made.
 *
 * Sample quirks named here: 1900's sample is 1400's task ("Add OB server", the page prints no
 * other); the 'clusterTasks' pages print no seriesId, class name or timeout; the samples' contexts
 * name their own hosts and zones (`host.1.zone`, `zone1.idc`): keys are compared with those named alike.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterRoleInstance, ClusterSubtasksInstance, ClusterTasksInstance, successEnvelope } from '../../src/contract/schemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

type Mock = ReturnType<typeof mock>;
const sample = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/cluster/${name}`, import.meta.url), 'utf8'));
const sorted = (paths: Iterable<string>) => [...new Set(paths)].sort();
const RPM_73 = 'oceanbase-2.2.73-20201211175814.el7.x86_64.rpm';
const RPM_75 = 'oceanbase-2.2.75-20210108170301.el7.x86_64.rpm';
const TEST = 1_000_002;

/** Each node in the answer's order: its name, its id, upstreams and downstreams as ranks among the task's ids, its parallelIdx where printed. */
function shape(nodes: any[]) {
  const ids = nodes.map((n) => n.id).sort((a, b) => a - b);
  const rank = (id: number) => ids.indexOf(id);
  return nodes.map((n) => ({ name: n.name, id: rank(n.id), up: n.upstreams.map(rank), down: n.downstreams.map(rank), par: n.parallelIdx }));
}

/** The context's keys, host ids and zone names in them named alike. */
function contextKeys(ctx: any): string[] {
  const norm = (k: string) => k.replace(/^host\.\d+\.zone$/, 'host.N.zone').replace(/^zone\d+\./, 'Z.');
  if (typeof ctx === 'string') return [...ctx.matchAll(/[{ ]([a-z_.0-9]+)=/g)].map((x) => norm(x[1] as string));
  if (!ctx) return [];
  return [...Object.keys(ctx.stringMap), '|', ...Object.keys(ctx.listMap)].map(norm);
}

/** Hosts that run nothing, ONLINE with an AVAILABLE agent, by IDC. */
async function freeHosts(m: Mock): Promise<Map<string, number[]>> {
  const hosts = (await m.call('GET', '/api/v2/compute/hosts?size=500')).json.data.contents;
  const byIdc = new Map<string, number[]>();
  for (const h of hosts) {
    if (h.status !== 'ONLINE' || h.hostAgentStatus !== 'AVAILABLE' || h.services.length > 0) continue;
    byIdc.set(h.idcName, [...(byIdc.get(h.idcName) ?? []), h.id]);
  }
  return byIdc;
}

/** An IDC with at least `n` free hosts, and those hosts. */
async function idcWith(m: Mock, n: number): Promise<{ idc: string; hosts: number[] }> {
  for (const [idc, hosts] of await freeHosts(m)) if (hosts.length >= n) return { idc, hosts };
  throw new Error(`no IDC with ${n} free hosts`);
}

const createBody = (name: string, idc: string, servers: number[], extra: Record<string, unknown> = {}) => ({
  type: 'PRIMARY',
  name,
  password: 'xxxxx',
  primaryZone: '',
  rpmName: RPM_73,
  zones: [{ name: 'zone1', idcName: idc, servers }],
  ...extra,
});

async function created(m: Mock, name: string, idc: string, servers: number[]) {
  const res = await m.call('POST', '/api/v2/ob/clusters', { body: createBody(name, idc, servers) });
  expect(res.status, res.text).toBe(200);
  m.advance(3_600_000);
  return res.json.data.cluster.id as number;
}

const clusterIds = async (m: Mock) => (await m.call('GET', '/api/v2/ob/clusters?size=100')).json.data.contents.map((c: any) => [c.id, c.status]);
const serversOf = async (m: Mock, id: number) => (await m.call('GET', `/api/v2/ob/clusters/${id}/servers`)).json.data.contents;
const servicesOf = async (m: Mock, hostId: number) => (await m.call('GET', `/api/v2/compute/hosts/${hostId}`)).json.data.services.map((s: any) => s.name);

/** Checks an answer against its page's sample: envelope, keys sorted, paths and types, task name, DAG, context keys. */
function expectAsSample(res: any, fixture: string, schema: any) {
  expect(res.status, res.text).toBe(200);
  successEnvelope(schema).parse(res.json);
  expect(unsortedKeys(res.json)).toEqual([]);
  const want = sample(fixture);
  expect(sorted(pathTypes(res.json.data))).toEqual(sorted(pathTypes(want.data)));
  expect(res.json.data.name).toBe(want.data.name);
  expect(shape(res.json.data.tasks ?? res.json.data.subtasks)).toEqual(shape(want.data.tasks ?? want.data.subtasks));
  expect(contextKeys(res.json.data.context)).toEqual(contextKeys(want.data.context));
}

describe('each page answers as its sample', () => {
  it('200 create, 1400 add a server, 1900 replace it, 1500 delete servers, 300 delete the cluster', async () => {
    const m = mock({ hosts: 40 });
    const { idc, hosts } = await idcWith(m, 4);
    const create = await m.call('POST', '/api/v2/ob/clusters', { body: createBody('terran', idc, [hosts[0] as number]) });
    expectAsSample(create, 'create_cluster_response.json', ClusterTasksInstance);
    const id = create.json.data.cluster.id;
    m.advance(3_600_000);
    const add = await m.call('POST', `/api/v2/ob/clusters/${id}/servers`, { body: { zoneName: 'zone1', servers: [hosts[1]] } });
    expectAsSample(add, 'add_server_response.json', ClusterTasksInstance);
    m.advance(3_600_000);
    const added = (await serversOf(m, id)).find((s: any) => s.status === 'RUNNING' && !s.withRootserver);
    const replace = await m.call('POST', `/api/v2/ob/clusters/${id}/servers/${added.id}/replace`, { body: { hostId: hosts[2] } });
    expectAsSample(replace, 'replace_server_response.json', ClusterTasksInstance);
    m.advance(3_600_000);
    const replacement = (await serversOf(m, id)).find((s: any) => !s.withRootserver);
    const del = await m.call('POST', `/api/v2/ob/clusters/${id}/servers/batchDelete`, { body: { servers: [replacement.id] } });
    expectAsSample(del, 'delete_servers_response.json', ClusterSubtasksInstance);
    expect(del.json.data.clusterId).toBe(id);
    m.advance(3_600_000);
    const gone = await m.call('DELETE', `/api/v2/ob/clusters/${id}`);
    expectAsSample(gone, 'delete_cluster_response.json', ClusterTasksInstance);
  });

  it('700 upgrade, 900 add a zone, 1000 delete it (on the one-server cluster `test`)', async () => {
    const m = mock();
    expectAsSample(
      await m.call('POST', `/api/v2/ob/clusters/${TEST}/upgrade`, { body: { rpmFileName: RPM_75 } }),
      'upgrade_cluster_response.json',
      ClusterTasksInstance,
    );
    m.advance(3_600_000);
    const { idc, hosts } = await idcWith(m, 1);
    const add = await m.call('POST', `/api/v2/ob/clusters/${TEST}/zones`, { body: { name: 'zone2', idcName: idc, servers: [hosts[0]] } });
    expectAsSample(add, 'add_zone_response.json', ClusterTasksInstance);
    m.advance(3_600_000);
    expectAsSample(await m.call('DELETE', `/api/v2/ob/clusters/${TEST}/zones/zone2`), 'delete_zone_response.json', ClusterTasksInstance);
  });

  it('2800 switchover, 2900 failover (on the seeded standby)', async () => {
    const m = mock();
    const sw = await m.call('POST', '/api/v2/ob/clusters/100/switchover');
    expectAsSample(sw, 'switchover_response.json', ClusterRoleInstance);
    expect(sw.json.data.clusterId).toBe(100);
    m.advance(3_600_000);
    // Cluster 1 is the standby now.
    expectAsSample(await m.call('POST', '/api/v2/ob/clusters/1/failover'), 'failover_response.json', ClusterRoleInstance);
  });
});

describe('a cluster created through the API', () => {
  it('reads CREATING while its task runs, RUNNING after, its servers listed and its hosts naming it', async () => {
    const m = mock({ hosts: 40 });
    const free = [...(await freeHosts(m))].filter(([, h]) => h.length >= 1).slice(0, 2);
    const [[idc1, h1], [idc2, h2]] = free as [[string, number[]], [string, number[]]];
    const res = await m.call('POST', '/api/v2/ob/clusters', {
      body: {
        ...createBody('terran', idc1, [h1[0] as number]),
        zones: [
          { name: 'zone1', idcName: idc1, servers: [h1[0]] },
          { name: 'zone2', idcName: idc2, servers: [h2[0]] },
        ],
      },
    });
    expect(res.status, res.text).toBe(200);
    const id = res.json.data.cluster.id;
    // Two zones: a node per server where the node works on an observer.
    expect(res.json.data.tasks.filter((t: any) => t.name === 'Install rpm')).toHaveLength(2);
    expect(res.json.data.tasks.filter((t: any) => t.name === 'Bootstrap ob')).toHaveLength(1);
    const during = (await m.call('GET', `/api/v2/ob/clusters/${id}`)).json.data;
    expect([during.status, ...during.zones.map((z: any) => z.status)]).toEqual(['CREATING', 'CREATING', 'CREATING']);
    expect(await servicesOf(m, h1[0] as number)).toEqual(['terran:5']);
    // A host a server is being made on cannot be deleted.
    expect((await m.call('DELETE', `/api/v2/compute/hosts/${h2[0]}`)).text).toContain('CMP07004');
    m.advance(3_600_000);
    expect((await m.task(res.json.data.id)).json.data.status).toBe('SUCCESSFUL');
    const after = (await m.call('GET', `/api/v2/ob/clusters/${id}`)).json.data;
    expect([after.status, ...after.zones.map((z: any) => z.status)]).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(after.obVersion).toBe('2.2.73');
    const servers = await serversOf(m, id);
    expect(servers.map((s: any) => [s.status, s.zoneName])).toEqual([
      ['RUNNING', 'zone1'],
      ['RUNNING', 'zone2'],
    ]);
    // Its tasks are found by the task list's cluster filters.
    const tasks = (await m.call('GET', `/api/v2/tasks/instances?clusterId=${id}`)).json.data.contents;
    expect(tasks.map((t: any) => t.name)).toEqual(['Create primary OB cluster']);
    // Delete: DELETING, then gone, its hosts free (and deletable) again.
    const del = await m.call('DELETE', `/api/v2/ob/clusters/${id}`);
    expect(del.status, del.text).toBe(200);
    expect((await m.call('GET', `/api/v2/ob/clusters/${id}`)).json.data.status).toBe('DELETING');
    m.advance(3_600_000);
    expect((await m.call('GET', `/api/v2/ob/clusters/${id}`)).status).toBe(404);
    expect(await servicesOf(m, h1[0] as number)).toEqual([]);
    expect((await m.call('DELETE', `/api/v2/compute/hosts/${h2[0]}`)).status).toBe(200);
  });

  it('a create that fails leaves the cluster CREATING (busy, OBE11020); its rollback takes it away', async () => {
    const m = mock();
    const { idc, hosts } = await idcWith(m, 1);
    const res = await m.call('POST', '/api/v2/ob/clusters', {
      body: createBody('zerg', idc, [hosts[0] as number]),
      headers: { 'X-OCP-Mock-Scenario': 'cluster-create-fails' },
    });
    expect(res.status, res.text).toBe(200);
    const id = res.json.data.cluster.id;
    m.advance(86_400_000);
    const task = (await m.task(res.json.data.id)).json.data;
    expect(task.status).toBe('FAILED');
    expect((await m.call('GET', `/api/v2/ob/clusters/${id}`)).json.data.status).toBe('CREATING');
    expect((await m.call('DELETE', `/api/v2/ob/clusters/${id}`)).text).toContain('OBE11020');
    expect((await m.call('POST', `/api/v2/tasks/instances/${task.id}/rollback`)).status).toBe(200);
    m.advance(86_400_000);
    const rolledBack = (await m.task(task.id)).json.data;
    expect([rolledBack.operation, rolledBack.status]).toEqual(['ROLLBACK', 'SUCCESSFUL']);
    expect((await m.call('GET', `/api/v2/ob/clusters/${id}`)).status).toBe(404);
    expect((await clusterIds(m)).map(([cid]: any) => cid)).not.toContain(id);
    expect(await servicesOf(m, hosts[0] as number)).toEqual([]);
  });
});

describe('refusals answer OCP codes and change nothing', () => {
  it('create: name taken, zones, hosts, rpm, password, agents', async () => {
    const m = mock();
    const { idc, hosts } = await idcWith(m, 2);
    const h = hosts[0] as number;
    const hostsOf = (await m.call('GET', '/api/v2/compute/hosts?size=100')).json.data.contents;
    const foreign = hostsOf.find((x: any) => x.idcName !== idc && x.services.length === 0).id;
    const taken = hostsOf.find((x: any) => x.services.length > 0 && x.idcName === idc)?.id;
    const stopped = (await m.stop([hosts[1] as number], { headers: { 'X-OCP-Mock-Scenario': 'success' } })).json.data.id;
    m.advance(3_600_000);
    expect((await m.task(stopped)).json.data.status).toBe('SUCCESSFUL');
    const before = { clusters: await clusterIds(m), tasks: (await m.call('GET', '/api/v2/tasks/instances?size=100')).json.data.page.totalElements };
    const cases: [unknown, string][] = [
      [createBody('cluster01', idc, [h]), 'OBE11014'],
      [{ ...createBody('a', idc, [h]), rpmName: undefined }, 'OBE11013'],
      [{ ...createBody('a', idc, [h]), password: '' }, 'OBE11012'],
      [{ ...createBody('a', idc, [h]), rpmName: 'mysql-8.0.rpm' }, 'PKG10000'],
      [
        {
          ...createBody('a', idc, [h]),
          zones: [
            { name: 'zone1', idcName: idc, servers: [h] },
            { name: 'zone1', idcName: idc, servers: [h] },
          ],
        },
        'OBE18009',
      ],
      [{ ...createBody('a', idc, [h]), zones: [{ name: '1zone', idcName: idc, servers: [h] }] }, 'OBE18001'],
      [{ ...createBody('a', idc, [h]), zones: [{ name: 'zone1', idcName: idc, servers: [] }] }, 'OBE11019'],
      [createBody('a', idc, [999_999]), 'CMP07005'],
      [createBody('a', idc, [foreign]), 'CMP07008'],
      [createBody('a', idc, [h, h]), 'CMP07010'],
      [createBody('a', idc, [hosts[1] as number]), 'CMP07019'],
      [{ ...createBody('a', idc, [h]), type: 'ARBITRATION' }, 'COM10001'],
    ];
    if (taken)
      cases.push([
        {
          ...createBody('a', idc, [h]),
          zones: [
            { name: 'zone1', idcName: idc, servers: [h] },
            { name: 'zone2', idcName: idc, servers: [h] },
          ],
        },
        'CMP07010',
      ]);
    for (const [body, code] of cases) {
      const res = await m.call('POST', '/api/v2/ob/clusters', { body });
      expect(res.status, `${code}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.json.error.code, JSON.stringify(body)).toBe(code);
    }
    const zh = await m.call('POST', '/api/v2/ob/clusters', { body: createBody('cluster01', idc, [h]), headers: { 'Accept-Language': 'zh-CN' } });
    expect(zh.json.error.message).toBe('待创建集群已经存在');
    expect({ clusters: await clusterIds(m), tasks: (await m.call('GET', '/api/v2/tasks/instances?size=100')).json.data.page.totalElements }).toEqual(before);
    expect(await servicesOf(m, h)).toEqual([]);
  });

  it('zones, servers, delete, upgrade, switchover: their codes', async () => {
    const m = mock();
    const before = JSON.stringify(await Promise.all([1, 100, TEST].map((id) => m.call('GET', `/api/v2/ob/clusters/${id}`).then((r) => r.json.data))));
    const cases: [string, string, unknown, string][] = [
      ['DELETE', '/api/v2/ob/clusters/1', undefined, 'OBE11015'],
      ['POST', `/api/v2/ob/clusters/${TEST}/upgrade`, { rpmFileName: RPM_73 }, 'OBE11063'],
      ['POST', `/api/v2/ob/clusters/${TEST}/upgrade`, {}, 'OBE11013'],
      ['POST', '/api/v2/ob/clusters/1/zones', { name: 'zone1', idcName: 'x', servers: [1004] }, 'OBE18003'],
      ['DELETE', `/api/v2/ob/clusters/${TEST}/zones/zone1`, undefined, 'OBE18010'],
      ['DELETE', '/api/v2/ob/clusters/1/zones/zone9', undefined, 'OBE18002'],
      ['POST', `/api/v2/ob/clusters/${TEST}/servers/batchDelete`, { servers: [1_000_001] }, 'OBE19011'],
      ['POST', '/api/v2/ob/clusters/1/servers/batchDelete', { servers: [42] }, 'OBE19001'],
      ['POST', '/api/v2/ob/clusters/1/servers', { zoneName: 'zone9', servers: [1004] }, 'OBE18002'],
      ['POST', '/api/v2/ob/clusters/1/switchover', undefined, 'OBE11003'],
      ['POST', '/api/v2/ob/clusters/1/failover', undefined, 'OBE11003'],
      ['POST', '/api/v2/ob/clusters/999/switchover', undefined, 'OBE11001'],
    ];
    for (const [method, path, body, code] of cases) {
      const res = await m.call(method, path, body === undefined ? {} : { body });
      expect(res.json?.error?.code, `${method} ${path}: ${res.text}`).toBe(code);
    }
    expect(JSON.stringify(await Promise.all([1, 100, TEST].map((id) => m.call('GET', `/api/v2/ob/clusters/${id}`).then((r) => r.json.data))))).toBe(before);
  });

  it('one operation at a time: a running one refuses the next (OBE11020); a switchover holds both clusters', async () => {
    const m = mock();
    expect((await m.call('POST', '/api/v2/ob/clusters/100/switchover')).status).toBe(200);
    expect((await m.call('GET', '/api/v2/ob/clusters/1')).json.data.status).toBe('SWITCHOVER');
    expect((await m.call('POST', '/api/v2/ob/clusters/1/stop')).json.error.code).toBe('OBE11020');
    expect((await m.call('POST', '/api/v2/ob/clusters/100/failover')).json.error.code).toBe('OBE11020');
    m.advance(3_600_000);
    const [one, standby] = [(await m.call('GET', '/api/v2/ob/clusters/1')).json.data, (await m.call('GET', '/api/v2/ob/clusters/100')).json.data];
    expect([one.type, one.status, standby.type, standby.status]).toEqual(['STANDBY', 'RUNNING', 'PRIMARY', 'RUNNING']);
    expect(standby.standbyClusters.map((c: any) => c.id)).toEqual([1]);
    expect(one.primaryCluster.id).toBe(100);
    // Failover: cluster 1 (the standby now) becomes a primary of its own.
    expect((await m.call('POST', '/api/v2/ob/clusters/1/failover')).status).toBe(200);
    m.advance(3_600_000);
    const [a, b] = [(await m.call('GET', '/api/v2/ob/clusters/1')).json.data, (await m.call('GET', '/api/v2/ob/clusters/100')).json.data];
    expect([a.type, a.primaryCluster, b.type, b.standbyClusters]).toEqual(['PRIMARY', undefined, 'PRIMARY', []]);
  });
});

describe('switchover and failover refuse what their pre-checks refuse', () => {
  it('a stopped zone of the standby: 2600 says invalid, 2800 and 2900 answer OBE11077 with its messages, nothing changes', async () => {
    const m = mock();
    expect((await m.call('POST', '/api/v2/ob/clusters/100/zones/zone1/stop')).status).toBe(200);
    m.advance(3_600_000);
    const check = (await m.call('POST', '/api/v2/ob/clusters/100/switchoverPreCheck')).json;
    const before = JSON.stringify(await clusterIds(m));
    for (const op of ['switchover', 'failover']) {
      const res = await m.call('POST', `/api/v2/ob/clusters/100/${op}`);
      expect(res.json.error.code, res.text).toBe('OBE11077');
      expect(res.json.error.message).toContain('zone1');
    }
    expect(check.data.result.valid).toBe(false);
    expect(JSON.stringify(await clusterIds(m))).toBe(before);
  });
});

describe('zones and servers follow their tasks', () => {
  it('an added zone and server read CREATING, then RUNNING; a deleted one DELETING, then gone; an upgrade sets the version', async () => {
    const m = mock({ hosts: 40 });
    const { idc, hosts } = await idcWith(m, 3);
    const id = await created(m, 'protoss', idc, [hosts[0] as number]);
    expect((await m.call('POST', `/api/v2/ob/clusters/${id}/zones`, { body: { name: 'zone2', idcName: idc, servers: [hosts[1]] } })).status).toBe(200);
    expect((await m.call('GET', `/api/v2/ob/clusters/${id}/zones`)).json.data.contents.map((z: any) => z.status)).toEqual(['RUNNING', 'CREATING']);
    m.advance(3_600_000);
    expect((await m.call('GET', `/api/v2/ob/clusters/${id}/zones`)).json.data.contents.map((z: any) => z.status)).toEqual(['RUNNING', 'RUNNING']);
    // The task's host ids may name a host of the cluster (the page's table says host ids): the server on it.
    expect((await m.call('POST', `/api/v2/ob/clusters/${id}/servers`, { body: { zoneName: 'zone2', servers: [hosts[2]] } })).status).toBe(200);
    m.advance(3_600_000);
    expect((await m.call('POST', `/api/v2/ob/clusters/${id}/servers/batchDelete`, { body: { servers: [hosts[2]] } })).status).toBe(200);
    expect((await serversOf(m, id)).map((s: any) => s.status)).toEqual(['RUNNING', 'RUNNING', 'DELETING']);
    m.advance(3_600_000);
    expect((await serversOf(m, id)).length).toBe(2);
    expect(await servicesOf(m, hosts[2] as number)).toEqual([]);
    expect((await m.call('DELETE', `/api/v2/ob/clusters/${id}/zones/zone2`)).status).toBe(200);
    expect((await m.call('GET', `/api/v2/ob/clusters/${id}/zones`)).json.data.contents.map((z: any) => z.status)).toEqual(['RUNNING', 'DELETING']);
    m.advance(3_600_000);
    expect((await m.call('GET', `/api/v2/ob/clusters/${id}/zones`)).json.data.contents.map((z: any) => z.name)).toEqual(['zone1']);
    expect((await m.call('POST', `/api/v2/ob/clusters/${id}/upgrade`, { body: { rpmFileName: RPM_75 } })).status).toBe(200);
    expect((await m.call('GET', `/api/v2/ob/clusters/${id}`)).json.data.status).toBe('OPERATING');
    m.advance(3_600_000);
    const up = (await m.call('GET', `/api/v2/ob/clusters/${id}`)).json.data;
    expect([up.status, up.obVersion]).toEqual(['RUNNING', '2.2.75']);
    expect((await m.call('GET', `/api/v2/compute/hosts/${hosts[0]}`)).json.data.services[0].version).toBe('2.2.75');
    expect((await serversOf(m, id))[0].version).toMatch(/^2\.2\.75_20210108170301-/);
  });
});

describe('a state file keeps what was made', () => {
  it('a restart replays creates and deletes; a compaction writes the records and replays to the same world', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-lifecycle-'));
    const stateFile = join(dir, 'state.jsonl');
    const a = mock({ stateFile, hosts: 40 });
    const { idc, hosts } = await idcWith(a, 2);
    const id = await created(a, 'terran', idc, [hosts[0] as number]);
    expect((await a.call('POST', `/api/v2/ob/clusters/${id}/servers`, { body: { zoneName: 'zone1', servers: [hosts[1]] } })).status).toBe(200);
    // `test` holds the user tenant `demo` (refused otherwise, CMP07000: tenantLifecycle.test.ts): it goes first.
    const demo = (await a.call('GET', `/api/v2/ob/clusters/${TEST}/tenants?name=demo`)).json.data.contents[0];
    expect((await a.call('DELETE', `/api/v2/ob/clusters/${TEST}/tenants/${demo.id}`)).status).toBe(200);
    a.advance(3_600_000);
    expect((await a.call('DELETE', `/api/v2/ob/clusters/${TEST}`)).status).toBe(200);
    const world = async (m: Mock) => ({ clusters: await clusterIds(m), servers: await serversOf(m, id), services: await servicesOf(m, hosts[1] as number) });
    const before = await world(a);
    const b = mock({ stateFile, hosts: 40 });
    expect(await world(b)).toEqual(before);
    a.advance(3_600_000);
    a.simulator.compactStateFile();
    expect(readFileSync(stateFile, 'utf8')).toContain('"c":"obClusters"');
    const c = mock({ stateFile, hosts: 40 });
    expect(await world(c)).toEqual(await world(a));
    expect((await clusterIds(c)).map(([cid]: any) => cid)).not.toContain(TEST);
    // Ids keep growing after a replay: the next create takes a new id.
    const { idc: idc2, hosts: more } = await idcWith(c, 1);
    const next = await created(c, 'zerg', idc2, [more[0] as number]);
    expect(next).toBeGreaterThan(id);
  });
});
