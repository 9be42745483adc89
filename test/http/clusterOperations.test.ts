/**
 * Issue 23: the OB cluster operations simulated so far (stop, start, restart a cluster or a zone),
 * each one declaration (src/modules/obCluster/operations.ts) run by the one engine. Each page's
 * sample request answered key for key and type for type as its sample (test/fixtures/cluster), on
 * the seeded cluster `test` (one zone, one server: the samples' shape); statuses that follow the
 * tasks; one operation at a time; the task list's cluster filters; a state file's replay.
 *
 * Sample quirks named here: the 'clusterTasks' pages (400-600) print no seriesId, class name or
 * timeout (the task detail shows ours); 1200/1300 print parallelIdx -1 on "Wait observer active"
 * beside its per-server neighbours' 0 (answered as printed).
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterSubtasksInstance, ClusterTasksInstance, successEnvelope } from '../../src/contract/schemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/cluster/${name}`, import.meta.url), 'utf8'));
const TEST = 1_000_002;
const sorted = (paths: Iterable<string>) => [...new Set(paths)].sort();

/** Each node in the answer's order: its name, and its id, upstreams and downstreams as ranks among the task's ids (1800's sample skips an id). */
function shape(nodes: any[]) {
  const ids = nodes.map((n) => n.id).sort((a, b) => a - b);
  const rank = (id: number) => ids.indexOf(id);
  // parallelIdx where printed (1200/1300's "Wait observer active" -1 beside its per-server neighbours' 0 included).
  const par = (n: any) => n.parallelIdx;
  return nodes.map((n) => ({ name: n.name, id: rank(n.id), up: n.upstreams.map(rank), down: n.downstreams.map(rank), par: par(n) }));
}

const PAGES = [
  {
    page: '400',
    op: 'stop',
    path: `/api/v2/ob/clusters/${TEST}/stop`,
    fixture: 'stop_cluster_response.json',
    schema: ClusterTasksInstance,
    from: 'RUNNING',
    during: 'STOPPING',
    after: 'STOPPED',
  },
  {
    page: '1100',
    op: 'stop zone',
    path: `/api/v2/ob/clusters/${TEST}/zones/zone1/stop`,
    fixture: 'stop_zone_response.json',
    schema: ClusterSubtasksInstance,
    from: 'RUNNING',
    during: 'STOPPING',
    after: 'STOPPED',
  },
  {
    page: '1300',
    op: 'restart zone',
    path: `/api/v2/ob/clusters/${TEST}/zones/zone1/restart`,
    fixture: 'restart_zone_response.json',
    schema: ClusterSubtasksInstance,
    from: 'RUNNING',
    during: 'RESTARTING',
    after: 'RUNNING',
  },
  {
    page: '1600',
    op: 'stop server',
    path: `/api/v2/ob/clusters/${TEST}/servers/1000001/stop`,
    fixture: 'stop_server_response.json',
    schema: ClusterTasksInstance,
  },
  {
    page: '1800',
    op: 'restart server',
    path: `/api/v2/ob/clusters/${TEST}/servers/1000001/restart`,
    fixture: 'restart_server_response.json',
    schema: ClusterSubtasksInstance,
  },
  {
    page: '600',
    op: 'restart',
    path: `/api/v2/ob/clusters/${TEST}/restart`,
    fixture: 'restart_cluster_response.json',
    schema: ClusterTasksInstance,
    from: 'RUNNING',
    during: 'RESTARTING',
    after: 'RUNNING',
  },
] as const;

describe('cluster operations answer their page', () => {
  for (const p of PAGES) {
    it(`${p.op} (ocp-docs/cluster/${p.page}): path for path, type for type, DAG and context keys as the sample`, async () => {
      const m = mock();
      const res = await m.call('POST', p.path);
      expect(res.status, res.text).toBe(200);
      successEnvelope(p.schema).parse(res.json);
      expect(unsortedKeys(res.json)).toEqual([]);
      const want = sample(p.fixture);
      // The submitting answer of a running task: its nodes print no times or executor yet.
      expect(sorted(pathTypes(res.json.data))).toEqual(sorted(pathTypes(want.data)));
      const nodes = res.json.data.tasks ?? res.json.data.subtasks;
      const wantNodes = want.data.tasks ?? want.data.subtasks;
      expect(shape(nodes)).toEqual(shape(wantNodes));
      expect(res.json.data.name).toBe(want.data.name);
      const ctx = res.json.data.context;
      if (typeof ctx === 'string') {
        const keys = (s: string) => [...s.matchAll(/[{ ]([a-z_.0-9]+)=/g)].map((x) => x[1]?.replace(/^\d+\.zone\d\./, 'Z.'));
        expect(keys(ctx)).toEqual(keys(want.data.context));
      } else {
        expect(Object.keys(ctx.stringMap)).toEqual(Object.keys(want.data.context.stringMap));
        expect(Object.keys(ctx.listMap)).toEqual(Object.keys(want.data.context.listMap));
        expect(res.json.data.clusterId).toBe(TEST);
      }
    });
  }

  it('start (500, 1200) answers as its sample once the cluster (or zone) is stopped', async () => {
    for (const [stop, start, fixture, schema] of [
      [`/api/v2/ob/clusters/${TEST}/stop`, `/api/v2/ob/clusters/${TEST}/start`, 'start_cluster_response.json', ClusterTasksInstance],
      [`/api/v2/ob/clusters/${TEST}/zones/zone1/stop`, `/api/v2/ob/clusters/${TEST}/zones/zone1/start`, 'start_zone_response.json', ClusterSubtasksInstance],
      [
        `/api/v2/ob/clusters/${TEST}/servers/1000001/stop`,
        `/api/v2/ob/clusters/${TEST}/servers/1000001/start`,
        'start_server_response.json',
        ClusterTasksInstance,
      ],
    ] as const) {
      const m = mock();
      expect((await m.call('POST', stop)).status).toBe(200);
      m.advance(3_600_000);
      const res = await m.call('POST', start);
      expect(res.status, res.text).toBe(200);
      successEnvelope(schema).parse(res.json);
      const want = sample(fixture);
      expect(sorted(pathTypes(res.json.data))).toEqual(sorted(pathTypes(want.data)));
      expect(shape(res.json.data.tasks ?? res.json.data.subtasks)).toEqual(shape(want.data.tasks ?? want.data.subtasks));
    }
  });
});

const statusOf = async (m: ReturnType<typeof mock>, id = TEST) => {
  const c = (await m.call('GET', `/api/v2/ob/clusters/${id}`)).json.data;
  const servers = (await m.call('GET', `/api/v2/ob/clusters/${id}/servers`)).json.data.contents;
  return { cluster: c.status, zones: c.zones.map((z: any) => z.status), servers: servers.map((s: any) => s.status) };
};

describe('statuses follow the tasks', () => {
  it('a cluster stop: STOPPING while it runs, STOPPED after; then a start brings it back to RUNNING', async () => {
    const m = mock();
    const res = await m.call('POST', '/api/v2/ob/clusters/1/stop');
    expect(res.status, res.text).toBe(200);
    expect(await statusOf(m, 1)).toEqual({ cluster: 'STOPPING', zones: ['STOPPING', 'STOPPING', 'STOPPING'], servers: expect.arrayContaining(['STOPPING']) });
    // Several zones and servers: a node per zone and per server, the task still one DAG.
    const servers = (await m.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents.length;
    expect(res.json.data.tasks.filter((t: any) => t.name === 'Stop observer process')).toHaveLength(servers);
    expect(res.json.data.tasks.filter((t: any) => t.name === 'Prepare stop OB zone')).toHaveLength(3);
    m.advance(3_600_000);
    expect((await m.task(res.json.data.id)).json.data.status).toBe('SUCCESSFUL');
    const stopped = await statusOf(m, 1);
    expect(stopped.cluster).toBe('STOPPED');
    expect(new Set([...stopped.zones, ...stopped.servers])).toEqual(new Set(['STOPPED']));
    const list = (await m.call('GET', '/api/v2/ob/clusters?status=STOPPED')).json.data.contents.map((c: any) => c.id);
    expect(list).toEqual([1]);
    expect((await m.call('POST', '/api/v2/ob/clusters/1/start')).status).toBe(200);
    m.advance(3_600_000);
    expect((await statusOf(m, 1)).cluster).toBe('RUNNING');
  });

  it('a server stop changes that server only (OBE19003 for a start of a running one, OBE19001 for an unknown one)', async () => {
    const m = mock();
    const servers = (await m.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents;
    const [first, ...rest] = servers;
    const refused = await m.call('POST', `/api/v2/ob/clusters/1/servers/${first.id}/start`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('OBE19003');
    expect((await m.call('POST', '/api/v2/ob/clusters/1/servers/42/stop')).text).toContain('OBE19001');
    expect((await m.call('POST', `/api/v2/ob/clusters/1/servers/${first.id}/stop`)).status).toBe(200);
    expect((await m.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents[0].status).toBe('STOPPING');
    m.advance(3_600_000);
    const after = (await m.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents;
    expect(after[0].status).toBe('STOPPED');
    expect(after.slice(1).map((s: any) => s.status)).toEqual(rest.map(() => 'RUNNING'));
    expect((await statusOf(m, 1)).cluster).toBe('RUNNING');
  });

  it('a zone stop changes that zone and its servers only', async () => {
    const m = mock();
    expect((await m.call('POST', '/api/v2/ob/clusters/1/zones/zone2/stop')).status).toBe(200);
    m.advance(3_600_000);
    const zones = (await m.call('GET', '/api/v2/ob/clusters/1/zones')).json.data.contents;
    expect(zones.map((z: any) => [z.name, z.status])).toEqual([
      ['zone1', 'RUNNING'],
      ['zone2', 'STOPPED'],
      ['zone3', 'RUNNING'],
    ]);
    expect(zones[1].servers.every((s: any) => s.status === 'STOPPED' && s.innerStatus === 'INACTIVE')).toBe(true);
    expect((await statusOf(m, 1)).cluster).toBe('RUNNING');
  });

  it('a failed task leaves what the cluster read before; refused meanwhile (OBE11020); a retry that succeeds applies it', async () => {
    const m = mock();
    // The cluster restarts: its observer fails to start (scenarios/observer-start-fails.yaml).
    const res = await m.call('POST', `/api/v2/ob/clusters/${TEST}/zones/zone1/stop`);
    m.advance(3_600_000);
    const start = await m.call('POST', `/api/v2/ob/clusters/${TEST}/zones/zone1/start`, { headers: { 'X-OCP-Mock-Scenario': 'observer-start-fails' } });
    expect(start.status, start.text).toBe(200);
    expect(res.status).toBe(200);
    expect((await statusOf(m)).zones).toEqual(['STARTING']);
    m.advance(3_600_000);
    expect((await m.task(start.json.data.id)).json.data.status).toBe('FAILED');
    expect((await statusOf(m)).zones).toEqual(['STOPPED']);
    const tasksBefore = (await m.call('GET', '/api/v2/tasks/instances')).json.data.page.totalElements;
    const refused = await m.call('POST', `/api/v2/ob/clusters/${TEST}/restart`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('OBE11020');
    expect((await m.call('GET', '/api/v2/tasks/instances')).json.data.page.totalElements).toBe(tasksBefore);
    expect((await m.call('POST', `/api/v2/tasks/instances/${start.json.data.id}/retry`)).status).toBe(200);
    m.advance(3_600_000);
    expect((await statusOf(m)).zones).toEqual(['RUNNING']);
    expect((await statusOf(m)).servers).toEqual(['RUNNING']);
  });

  it('a rolled-back task frees the cluster and leaves it as it was', async () => {
    const m = mock();
    const res = await m.call('POST', `/api/v2/ob/clusters/${TEST}/restart`, { headers: { 'X-OCP-Mock-Scenario': 'observer-start-fails' } });
    m.advance(3_600_000);
    expect((await m.task(res.json.data.id)).json.data.status).toBe('FAILED');
    expect((await m.call('POST', `/api/v2/tasks/instances/${res.json.data.id}/rollback`)).status).toBe(200);
    m.advance(3_600_000);
    expect((await statusOf(m)).cluster).toBe('RUNNING');
    expect((await m.call('POST', `/api/v2/ob/clusters/${TEST}/stop`)).status).toBe(200);
  });

  it('refuses what the status does not allow (OBE11007, OBE18004) in both languages, and an agent that is not AVAILABLE (CMP07019)', async () => {
    const m = mock();
    const start = await m.call('POST', `/api/v2/ob/clusters/${TEST}/start`);
    expect(start.status).toBe(400);
    expect(start.text).toContain('OBE11007');
    const zh = await m.call('POST', `/api/v2/ob/clusters/${TEST}/zones/zone1/start`, { headers: { 'Accept-Language': 'zh-CN' } });
    expect(zh.status).toBe(400);
    expect(zh.text).toContain('OBE18004');
    expect(zh.text).toContain('当前状态不支持此操作');
    const unknown = await m.call('POST', '/api/v2/ob/clusters/999/stop');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('OBE11001');
    const badZone = await m.call('POST', `/api/v2/ob/clusters/${TEST}/zones/nope/stop`);
    expect(badZone.status).toBe(404);
    // Stop the agent on the test cluster's host: its cluster operations are refused until it runs again.
    const servers = (await m.call('GET', `/api/v2/ob/clusters/${TEST}/servers`)).json.data.contents;
    const hostId = servers[0].hostId;
    expect((await m.call('POST', `/api/v2/compute/hosts/${hostId}/agent/stop`)).status).toBe(200);
    m.advance(3_600_000);
    const refused = await m.call('POST', `/api/v2/ob/clusters/${TEST}/stop`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('CMP07019');
    expect((await statusOf(m)).cluster).toBe('RUNNING');
  });

  it('leaves agents alone: a cluster task on a host does not change its agent status', async () => {
    const m = mock();
    const servers = (await m.call('GET', `/api/v2/ob/clusters/${TEST}/servers`)).json.data.contents;
    expect((await m.call('POST', `/api/v2/ob/clusters/${TEST}/stop`)).status).toBe(200);
    const host = (await m.call('GET', `/api/v2/compute/hosts/${servers[0].hostId}`)).json.data;
    expect(host.hostAgentStatus).toBe('AVAILABLE');
  });
});

describe('cluster tasks in the task API', () => {
  it('carry their cluster in the task list and detail, and the clusterId / cluterName filters find them', async () => {
    const m = mock();
    const res = await m.call('POST', `/api/v2/ob/clusters/${TEST}/stop`);
    const id = res.json.data.id;
    await m.call('POST', '/api/v2/compute/hosts/batchStopAgents', { body: { hostIds: [2] } });
    const byId = (await m.call('GET', `/api/v2/tasks/instances?clusterId=${TEST}`)).json.data.contents;
    expect(byId.map((t: any) => t.id)).toEqual([id]);
    expect(byId[0].cluster).toEqual({ id: TEST, name: 'test', obClusterId: 4, type: 'PRIMARY' });
    expect(Object.keys(byId[0])[0]).toBe('cluster');
    const byName = (await m.call('GET', '/api/v2/tasks/instances?cluterName=TES')).json.data.contents;
    expect(byName.map((t: any) => t.id)).toEqual([id]);
    expect((await m.call('GET', '/api/v2/tasks/instances?clusterId=999')).json.data.contents).toEqual([]);
    const detail = (await m.call('GET', `/api/v2/tasks/instances/${id}`)).json.data;
    expect(detail.cluster.name).toBe('test');
    expect(detail.subtasks.every((s: any) => s.className === undefined && typeof s.timeout === 'number')).toBe(true);
    // Logs of a cluster node, as of any subtask.
    m.advance(3_600_000);
    const log = await m.call('GET', `/api/v2/tasks/instances/${id}/subtasks/${detail.subtasks[0].id}/log`);
    expect(log.status, log.text).toBe(200);
  });
});

describe('a state file keeps cluster statuses', () => {
  it('a restart replays the operations (and a compaction keeps the folded statuses)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-cluster-'));
    const stateFile = join(dir, 'state.jsonl');
    const a = mock({ stateFile });
    expect((await a.call('POST', '/api/v2/ob/clusters/1/zones/zone1/stop')).status).toBe(200);
    a.advance(3_600_000);
    expect((await a.call('POST', `/api/v2/ob/clusters/${TEST}/stop`)).status).toBe(200);
    const before = { one: await statusOf(a, 1), test: await statusOf(a) };
    const b = mock({ stateFile });
    expect({ one: await statusOf(b, 1), test: await statusOf(b) }).toEqual(before);
    b.advance(3_600_000);
    expect((await statusOf(b)).cluster).toBe('STOPPED');
    // Compacted: the folded statuses are written, the replay of what is retained gives the same world.
    a.advance(3_600_000);
    a.simulator.compactStateFile();
    expect(readFileSync(stateFile, 'utf8')).toContain('"c":"obClusters"');
    const c = mock({ stateFile });
    expect({ one: await statusOf(c, 1), test: await statusOf(c) }).toEqual({ one: await statusOf(a, 1), test: await statusOf(a) });
  });
});
