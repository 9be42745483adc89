/**
 * Issue 23, first slice: the OB cluster module's world and read calls. Each page's sample request
 * answered path for path and type for type as its sample (test/fixtures/cluster); the seeded
 * clusters on the seeded hosts; a host's services are the clusters on it, and a host that runs one
 * cannot be deleted (CMP07004); the task list's cluster filters.
 *
 * Sample typos and gaps, followed or named here:
 * - 100's table names the page's `totalPage`; its sample (and every list) prints `totalPages`.
 * - 100 and 800 print a root server's SQL port as `sql_port` (followed: OCP prints it so).
 * - 800's table lists `page`; its sample prints `contents` alone (followed); 2400 and 2500 too.
 * - 2400's and 2500's tables list `withRootServer`, `regionName`, `idcName`, `hostTypeName` and
 *   `availableOperations`; their samples print `withRootserver` and none of the others (followed).
 * - 2500 prints its path without `/ob` and its sample request with it: both are served.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentsOf, Host, ObCluster, ObServer, ObZone, pageOf, successEnvelope } from '../../src/contract/schemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/cluster/${name}`, import.meta.url), 'utf8'));
const LIST = sample('list_clusters_response.json');
const ZONES = sample('list_zones_response.json');
const SERVERS = sample('list_servers_response.json');
const ZONE_SERVERS = sample('list_zone_servers_response.json');
const HOST_DETAIL = JSON.parse(readFileSync(new URL('../fixtures/host_detail_response.json', import.meta.url), 'utf8'));

const sorted = (paths: Iterable<string>) => [...new Set(paths)].sort();
/** The paths of a standby's and a primary's rows that 100's table documents and its sample (a lone primary) cannot show. */
const TABLE_ONLY = /^data\.contents\[\]\.(standbyClusters\[\]|primaryCluster|delayTime|syncStatus)/;

describe('GET /ob/clusters (ocp-docs/cluster/100)', () => {
  it('answers the sample request as the sample: its row `test` path for path, every row within the table', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/ob/clusters?page=1&size=10');
    expect(res.status, res.text).toBe(200);
    successEnvelope(pageOf(ObCluster)).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    expect(sorted([...pathTypes(res.json)].filter((p) => !TABLE_ONLY.test(p)))).toEqual(sorted(pathTypes(LIST)));
    const row = res.json.data.contents.find((c: any) => c.id === 1000002);
    expect(sorted(pathTypes(row))).toEqual(sorted(pathTypes(LIST.data.contents[0])));
    // The sample's `test` holds no tenant; ours holds its sys tenant and `demo` (issue 24: every seeded cluster has tenants).
    const { createTime: _a, rootServers: _b, zones: _c, tenantCount: _d, ...same } = LIST.data.contents[0];
    expect(row).toMatchObject(same);
    expect(row.tenantCount).toBe(2);
    expect(row.zones).toMatchObject([{ name: 'zone1', innerStatus: 'ACTIVE', operateStatus: 'NORMAL', serverCount: 1, servers: [], status: 'RUNNING' }]);
    expect(row.rootServers).toEqual([{ address: expect.stringMatching(/^172\.\d+\.\d+\.\d+:2882$/), role: 'LEADER', sql_port: 2881 }]);
    expect(res.json.data.page).toEqual({ number: 1, size: 10, totalElements: 3, totalPages: 1 });
  });

  it('a primary with several zones and its standby name each other', async () => {
    const m = mock();
    const rows = (await m.call('GET', '/api/v2/ob/clusters')).json.data.contents as any[];
    expect(rows.map((c) => [c.id, c.name, c.obClusterId, c.type])).toEqual([
      [1, 'cluster01', 1, 'PRIMARY'],
      [100, 'cluster01_standby', 2, 'STANDBY'],
      [1_000_002, 'test', 4, 'PRIMARY'],
    ]);
    const [primary, standby] = rows;
    expect(primary.zones.length).toBeGreaterThanOrEqual(3);
    expect(primary.standbyClusters).toEqual([{ id: 100, name: 'cluster01_standby', obClusterId: 2, type: 'STANDBY' }]);
    expect(standby.primaryCluster).toEqual({ id: 1, name: 'cluster01', obClusterId: 1, type: 'PRIMARY' });
    expect(standby).toMatchObject({ syncStatus: 'VALID', delayTime: 0, standbyClusters: [] });
    expect(primary.rootServers.map((r: any) => r.role)).toEqual(['LEADER', ...primary.zones.slice(1).map(() => 'FOLLOWER')]);
    expect(standby.createTime > primary.createTime).toBe(true);
  });

  it('filters by a name keyword (any case) and statuses (a StringArray), sorts and pages', async () => {
    const m = mock();
    const ids = async (q: string) => ((await m.call('GET', `/api/v2/ob/clusters?${q}`)).json.data.contents as any[]).map((c) => c.id);
    expect(await ids('name=CLUSTER01')).toEqual([1, 100]);
    expect(await ids('name=tes')).toEqual([1_000_002]);
    expect(await ids('name=nothing')).toEqual([]);
    expect(await ids('status=CREATING,RUNNING')).toEqual([1, 100, 1_000_002]);
    expect(await ids('status=STOPPED&status=RUNNING')).toEqual([1, 100, 1_000_002]);
    expect(await ids('status=STOPPED')).toEqual([]);
    expect(await ids('sort=name,asc')).toEqual([1, 100, 1_000_002]);
    expect(await ids('sort=name,desc')).toEqual([1_000_002, 100, 1]);
    expect(await ids('sort=obClusterId,desc')).toEqual([1_000_002, 100, 1]);
    expect(await ids('page=2&size=2')).toEqual([1_000_002]);
    expect(await ids('withStandby=true')).toEqual([1, 100, 1_000_002]);
    const bad = await m.call('GET', '/api/v2/ob/clusters?status=RUNNING,ASLEEP');
    expect([bad.status, bad.json.error.code, bad.json.error.subErrors[0].field]).toEqual([400, 'COM10001', 'status[1]']);
    const sort = await m.call('GET', '/api/v2/ob/clusters?sort=password');
    expect([sort.status, sort.json.error.code]).toEqual([400, 'COM10011']);
    expect((await m.call('GET', '/api/v2/ob/clusters?size=2001')).json.error.code).toBe('COM10001');
  });

  it('needs CLUSTER_VIEWER: ADMIN and CLUSTER_MANAGER grant it, a host and task viewer is 403', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-users-'));
    const usersFile = join(dir, 'users.json');
    const users = [
      { id: 1, username: 'cv', password: 'cv', roles: ['CLUSTER_VIEWER'] },
      { id: 2, username: 'cm', password: 'cm', roles: ['CLUSTER_MANAGER'] },
      { id: 3, username: 'hv', password: 'hv', roles: ['HOST_VIEWER', 'TASK_VIEWER'] },
    ];
    writeFileSync(usersFile, JSON.stringify(users));
    const m = mock({ usersFile });
    const as = async (u: string, path: string) =>
      (await m.call('GET', path, { user: null, headers: { authorization: `Basic ${Buffer.from(`${u}:${u}`).toString('base64')}` } })).status;
    for (const path of [
      '/api/v2/ob/clusters',
      '/api/v2/ob/clusters/1',
      '/api/v2/ob/clusters/1/zones',
      '/api/v2/ob/clusters/1/servers',
      '/api/v2/clusters/1/zones/zone1/servers',
    ]) {
      expect([path, await as('cv', path), await as('cm', path), await as('hv', path)]).toEqual([path, 200, 200, 403]);
    }
    expect((await mock().call('GET', '/api/v2/ob/clusters', { user: 'viewer' })).json.error.code).toBe('IAM11000');
  });
});

describe('GET /ob/clusters/{id} (no page: a list row, inferred)', () => {
  it('answers the list’s row; an unknown cluster is 404 OBE11001 in both languages', async () => {
    const m = mock();
    const rows = (await m.call('GET', '/api/v2/ob/clusters')).json.data.contents as any[];
    for (const row of rows) {
      const one = await m.call('GET', `/ob/clusters/${row.id}`);
      successEnvelope(ObCluster).parse(one.json);
      expect(one.json.data).toEqual(row);
    }
    const en = await m.call('GET', '/api/v2/ob/clusters/999');
    expect([en.status, en.json.error]).toEqual([404, { code: 'OBE11001', message: 'The specified cluster with the ID of 999 does not exist.' }]);
    const zh = await m.call('GET', '/api/v2/ob/clusters/999/zones', { headers: { 'Accept-Language': 'zh-CN' } });
    expect([zh.status, zh.json.error]).toEqual([404, { code: 'OBE11001', message: '指定的集群不存在，id=999' }]);
    for (const path of ['/api/v2/ob/clusters/999/servers', '/api/v2/clusters/999/zones/zone1/servers', '/api/v2/ob/clusters/999/zones/zone1/servers']) {
      expect((await m.call('GET', path)).json.error.code, path).toBe('OBE11001');
    }
    expect((await m.call('GET', '/api/v2/ob/clusters/abc')).json.error.code).toBe('COM10001');
  });
});

describe('GET /ob/clusters/{id}/zones (ocp-docs/cluster/800)', () => {
  it('answers the sample request (cluster 100) path for path as the sample, times of servers as OceanBase prints them', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/ob/clusters/100/zones');
    expect(res.status, res.text).toBe(200);
    successEnvelope(contentsOf(ObZone)).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    expect(sorted(pathTypes(res.json))).toEqual(sorted(pathTypes(ZONES)));
    const zone = res.json.data.contents[0];
    expect(zone).toMatchObject({ clusterId: 100, obClusterId: 2, name: 'zone1', compactionStatus: 'IDLE', innerStatus: 'ACTIVE', status: 'RUNNING' });
    expect(zone.rootServer).toEqual({ address: `${zone.servers[0].ip}:2882`, role: 'LEADER', sql_port: 2881 });
    expect(zone.servers[0].startTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(zone.servers[0].stopTime).toBe('1970-01-01T00:00:00Z');
    expect(zone.hostCount).toBe(zone.serverCount);
  });
});

describe('GET /ob/clusters/{clusterId}/servers (ocp-docs/cluster/2400)', () => {
  it('answers the sample request (cluster 1) path for path as the sample; filters by region and IDC', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/ob/clusters/1/servers');
    expect(res.status, res.text).toBe(200);
    successEnvelope(contentsOf(ObServer)).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    expect(sorted(pathTypes(res.json))).toEqual(sorted(pathTypes(SERVERS)));
    const servers = res.json.data.contents as any[];
    expect(servers.map((s) => s.hostId).sort((a, b) => a - b)).toEqual(expect.arrayContaining([2, 20, 1001, 1002]));
    for (const s of servers) expect(s).toMatchObject({ clusterId: 1, port: 2882, sqlPort: 2881, status: 'RUNNING', stopTime: '1970-01-01T08:00:00+08:00' });
    expect(servers[0].version).toMatch(/^2\.2\.76_\d{14}-[0-9a-f]{40}\(.+\)$/);
    // The region and IDC of each server are its host's.
    const zones = (await m.call('GET', '/api/v2/ob/clusters/1/zones')).json.data.contents as any[];
    const where = new Map(zones.flatMap((z) => z.servers.map((s: any) => [s.id, s])));
    const one = where.get(servers[0].id) as any;
    const host = (await m.call('GET', `/api/v2/compute/hosts/${one.hostId}`)).json.data;
    expect([one.idcName, one.regionName, one.hostTypeName, one.ip]).toEqual([host.idcName, host.regionName, host.typeName, host.innerIpAddress]);
    const ids = async (q: string) => ((await m.call('GET', `/api/v2/ob/clusters/1/servers?${q}`)).json.data.contents as any[]).map((s) => s.id);
    expect(await ids(`idcName=${one.idcName}`)).toEqual([...where.values()].filter((s: any) => s.idcName === one.idcName).map((s: any) => s.id));
    expect(await ids(`regionName=${one.regionName}`)).toEqual([...where.values()].filter((s: any) => s.regionName === one.regionName).map((s: any) => s.id));
    expect(await ids('idcName=nowhere')).toEqual([]);
  });

  it('the list sample’s cluster `test` runs the server samples’ server 1000001, of the sample’s version', async () => {
    const m = mock();
    const [server] = (await m.call('GET', '/api/v2/ob/clusters/1000002/servers')).json.data.contents;
    const { hostId: _h, ip: _i, startTime: _s, updateTime: _u, stopTime: _t, ...same } = SERVERS.data.contents[0];
    expect(server).toMatchObject(same);
  });
});

describe('GET /clusters/{clusterId}/zones/{zoneName}/servers (ocp-docs/cluster/2500), with and without /ob', () => {
  it('answers the sample request on both paths path for path as the sample; an unknown zone is 404 OBE18002', async () => {
    const m = mock();
    const ob = await m.call('GET', '/api/v2/ob/clusters/1/zones/zone1/servers');
    const bare = await m.call('GET', '/api/v2/clusters/1/zones/zone1/servers');
    expect([ob.status, bare.status]).toEqual([200, 200]);
    successEnvelope(contentsOf(ObServer)).parse(ob.json);
    expect(unsortedKeys(ob.json)).toEqual([]);
    expect(sorted(pathTypes(ob.json))).toEqual(sorted(pathTypes(ZONE_SERVERS)));
    expect(bare.json.data).toEqual(ob.json.data);
    expect((await m.call('GET', '/clusters/1/zones/zone1/servers')).json.data).toEqual(ob.json.data);
    const all = (await m.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents as any[];
    expect(ob.json.data.contents).toEqual(all.filter((s) => s.zoneName === 'zone1'));
    const en = await m.call('GET', '/api/v2/ob/clusters/1/zones/zone9/servers');
    expect([en.status, en.json.error]).toEqual([404, { code: 'OBE18002', message: 'Zone zone9 is not found in the cluster with the ID of 1.' }]);
    const zh = await m.call('GET', '/api/v2/clusters/1/zones/zone9/servers', { headers: { 'Accept-Language': 'zh-CN' } });
    expect(zh.json.error).toEqual({ code: 'OBE18002', message: '集群id=1下未找到zone=zone9' });
  });
});

/** hostId -> the services its host should show: `name:obClusterId` of every cluster with a server on it. */
async function servicesFromServers(m: ReturnType<typeof mock>): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  for (const c of (await m.call('GET', '/api/v2/ob/clusters?size=2000')).json.data.contents as any[]) {
    for (const s of (await m.call('GET', `/api/v2/ob/clusters/${c.id}/servers`)).json.data.contents as any[]) {
      out.set(s.hostId, [...(out.get(s.hostId) ?? []), `${c.name}:${c.obClusterId}`]);
    }
  }
  return out;
}

describe('one world: the clusters on the hosts', () => {
  it('a host’s services are exactly the clusters whose servers run on it, each server on an ONLINE host in its zone’s IDC', async () => {
    for (const [seed, hosts] of [
      [1, 12],
      [2, 40],
      [99, 4],
      [7, 200],
    ] as const) {
      const m = mock({ seed, hosts });
      const expected = await servicesFromServers(m);
      const all = (await m.call('GET', '/api/v2/compute/hosts?size=2000')).json.data.contents as any[];
      for (const h of all) {
        expect(
          h.services.map((s: any) => s.name),
          `seed ${seed} host ${h.id}`,
        ).toEqual(expected.get(h.id) ?? []);
        for (const s of h.services) expect(s).toMatchObject({ softwarePackageId: null, type: 'OB_CLUSTER', version: expect.stringMatching(/^2\.2\.7[36]$/) });
      }
      const byId = new Map(all.map((h) => [h.id, h]));
      for (const c of (await m.call('GET', '/api/v2/ob/clusters')).json.data.contents as any[]) {
        const zones = (await m.call('GET', `/api/v2/ob/clusters/${c.id}/zones`)).json.data.contents as any[];
        expect(zones.length, `seed ${seed} cluster ${c.id}`).toBeGreaterThan(0);
        const onHosts = new Set<number>();
        for (const z of zones) {
          for (const s of z.servers) {
            const host = byId.get(s.hostId);
            expect(host?.status).toBe('ONLINE');
            expect([host?.idcId, host?.innerIpAddress]).toEqual([z.idcId, s.ip]);
            expect(onHosts.has(s.hostId), 'one server per host per cluster').toBe(false);
            onHosts.add(s.hostId);
          }
        }
      }
      // The documented hosts run cluster01, as the host samples show (`cluster01:1`).
      for (const id of [2, 20, 1001, 1002]) expect(byId.get(id).services[0].name, `seed ${seed}`).toBe('cluster01:1');
    }
  });

  it('the documented hosts show the host sample’s services; hosts with and without clusters filter apart', async () => {
    const m = mock({ hosts: 60 });
    const host = (await m.call('GET', '/api/v2/compute/hosts/1001')).json;
    successEnvelope(Host).parse(host);
    expect(host.data.services).toEqual([{ ...HOST_DETAIL.data.services[0], version: '2.2.76' }]);
    const ids = async (q: string) => ((await m.call('GET', `/api/v2/compute/hosts?size=2000&${q}`)).json.data.contents as any[]).map((h) => h.id);
    const expected = await servicesFromServers(m);
    const clustered = [...expected.keys()].sort((a, b) => a - b);
    expect(await ids('includedServiceType=OB_CLUSTER')).toEqual(clustered);
    expect((await ids('excludedServiceType=OB_CLUSTER')).some((id) => expected.has(id))).toBe(false);
    expect(await ids('keyword=cluster01_STANDBY')).toEqual(clustered.filter((id) => expected.get(id)?.includes('cluster01_standby:2')));
    expect((await ids('keyword=cluster01:1')).sort((a, b) => a - b)).toEqual(clustered.filter((id) => expected.get(id)?.includes('cluster01:1')));
  });

  it('a host that runs an OB server cannot be deleted (400 CMP07004, both languages) and nothing changes; a free one can', async () => {
    const m = mock();
    const before = (await m.call('GET', '/api/v2/compute/hosts?size=100')).text;
    const en = await m.call('DELETE', '/api/v2/compute/hosts/1001');
    const host = (await m.call('GET', '/api/v2/compute/hosts/1001')).json.data;
    expect([en.status, en.json.error]).toEqual([
      400,
      {
        code: 'CMP07004',
        message: `Current host 1001:${host.innerIpAddress} is offline or in use. Release the host, restore its status to ONLINE, and try again.`,
      },
    ]);
    const zh = await m.call('DELETE', '/api/v2/compute/hosts/1001', { headers: { 'Accept-Language': 'zh-CN' } });
    expect(zh.json.error).toEqual({ code: 'CMP07004', message: `当前主机1001:${host.innerIpAddress}离线或使用中，请释放主机并恢复状态为ONLINE再重试` });
    const all = (await m.call('GET', '/api/v2/compute/hosts?size=100')).json.data.contents as any[];
    const free = all.find((h) => h.services.length === 0);
    const busy = all.find((h) => h.services.length > 0 && h.id !== 1001);
    // All or none: a free host beside a busy one is not deleted either.
    const batch = await m.call('POST', '/api/v2/compute/hosts/batchDelete', { body: { hostIdList: [free.id, busy.id] } });
    expect([batch.status, batch.json.error.code]).toEqual([400, 'CMP07004']);
    expect((await m.call('GET', '/api/v2/compute/hosts?size=100')).text.replace(/"(timestamp|duration|traceId)":("[^"]*"|\d+)/g, '')).toBe(
      before.replace(/"(timestamp|duration|traceId)":("[^"]*"|\d+)/g, ''),
    );
    expect((await m.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents.map((s: any) => s.hostId)).toContain(1001);
    expect((await m.call('DELETE', `/api/v2/compute/hosts/${free.id}`)).status).toBe(200);
    expect((await m.call('GET', `/api/v2/compute/hosts/${free.id}`)).json.error.code).toBe('CMP07005');
  });

  it('is the same for the same seed, byte for byte, and comes back at reset', async () => {
    const texts = async (m: ReturnType<typeof mock>) =>
      Promise.all(
        ['/api/v2/ob/clusters', '/api/v2/ob/clusters/1/zones', '/api/v2/ob/clusters/100/zones', '/api/v2/ob/clusters/1000002/servers'].map(
          async (p) => (await m.call('GET', p)).json.data,
        ),
      );
    const a = mock({ seed: 5, hosts: 30 });
    const b = mock({ seed: 5, hosts: 30 });
    expect(await texts(a)).toEqual(await texts(b));
    expect(await texts(mock({ seed: 6, hosts: 30 }))).not.toEqual(await texts(a));
    const first = await texts(a);
    await a.call('POST', '/__mock/reset');
    expect(await texts(a)).toEqual(first);
  });

  it('in an inventory of the documented hosts alone, clusters share hosts on other ports', async () => {
    const m = mock({ hosts: 4 });
    const expected = await servicesFromServers(m);
    expect([...expected.values()].some((names) => names.length > 1)).toBe(true);
    const ports = new Map<number, number[]>();
    for (const id of [1, 100, 1_000_002]) {
      for (const s of (await m.call('GET', `/api/v2/ob/clusters/${id}/servers`)).json.data.contents as any[])
        ports.set(s.hostId, [...(ports.get(s.hostId) ?? []), s.port]);
    }
    for (const list of ports.values()) expect(new Set(list).size).toBe(list.length);
  });
});

describe('the task list’s cluster filters (ocp-docs/task/100: clusterId, cluterName)', () => {
  it('are applied: no task is on a cluster yet, so asking for one lists none', async () => {
    const m = mock();
    await m.stop([2]);
    await m.stop([20]);
    const total = (await m.call('GET', '/api/v2/tasks/instances')).json.data.page.totalElements;
    expect(total).toBe(2);
    for (const q of ['clusterId=999', 'clusterId=1', 'cluterName=cluster01', 'cluterName=meta&sort=name,asc', 'clusterId=1&hostId=2']) {
      const res = await m.call('GET', `/api/v2/tasks/instances?${q}`);
      expect([q, res.status, res.json.data.contents, res.json.data.page.totalElements]).toEqual([q, 200, [], 0]);
    }
    expect((await m.call('GET', '/api/v2/tasks/instances?cluterName=')).json.data.page.totalElements).toBe(2);
    const bad = await m.call('GET', '/api/v2/tasks/instances?clusterId=abc');
    expect([bad.status, bad.json.error.code, bad.json.error.subErrors[0].field]).toEqual([400, 'COM10001', 'clusterId']);
  });
});
