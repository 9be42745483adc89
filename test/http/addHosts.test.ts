/**
 * Issue 15: adding hosts (`POST /api/v2/compute/hosts/batchCreate`, ocp-docs/host/1500). Each
 * host gets a "Prepare host" task run by the one engine; the host reads NEW with no agent while
 * it runs and becomes usable (ONLINE, agent AVAILABLE, stoppable) only once it has succeeded.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: task JSON from the API and the samples
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BareTaskInstance, Host, successEnvelope } from '../../src/contract/schemas.js';
import { CALLS as OCP_ROUTES } from '../../src/modules/index.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const sample = JSON.parse(readFileSync(new URL('../fixtures/host-module/batch_create_hosts_response.json', import.meta.url), 'utf8'));

/** The page's sample request (its IDC and type ids swapped for ones of the seed's inventory). */
const request = (over: Record<string, unknown> = {}) => ({
  hostBasicDataList: [{ innerIpAddress: '10.20.30.40' }],
  sshPort: 22,
  typeId: 1,
  idcId: 11,
  kind: 'DEDICATED_PHYSICAL_MACHINE',
  credentialId: 2000001,
  ...over,
});

/** What must equal the sample: everything but ids (relative to the block), times, executor, task and host id. */
function structure(task: any) {
  const min = Math.min(...task.subtasks.map((s: any) => s.id));
  const rel = (id: number) => id - min;
  return {
    keys: Object.keys(task),
    name: task.name,
    operation: task.operation,
    status: task.status,
    type: task.type,
    subtasks: task.subtasks.map((s: any) => ({ ...s, id: rel(s.id), upstreams: s.upstreams.map(rel), downstreams: s.downstreams.map(rel) })),
  };
}

describe('batchCreate answers as OCP does', () => {
  it('the page’s sample, path for path and type for type, node for node', async () => {
    const m = mock();
    const res = await m.call('POST', '/api/v2/compute/hosts/batchCreate', { body: request() });
    expect(res.status, res.text).toBe(200);
    successEnvelope(OCP_ROUTES.addHosts.data).parse(res.json);
    expect([...pathTypes(res.json)].sort()).toEqual([...pathTypes(sample)].sort());
    expect(unsortedKeys(res.json)).toEqual([]);
    const task = res.json.data.contents[0];
    BareTaskInstance.parse(task);
    expect(structure(task)).toEqual(structure(sample.data.contents[0]));
    expect(task.creator).toBe('admin');
    expect(task.hostId).toBeGreaterThanOrEqual(4_000_001);
  });

  it('one task per host, each its own host; the hosts read as given while their tasks run', async () => {
    const m = mock();
    const res = await m.call('POST', '/api/v2/compute/hosts/batchCreate', {
      body: request({
        hostBasicDataList: [{ innerIpAddress: '10.20.30.41', serialNumber: '6CU4120W67' }, { innerIpAddress: '10.20.30.42' }, { innerIpAddress: 'fd00::42' }],
        kind: 'DEDICATED_CONTAINER',
        publishPorts: ['8080:8080', '8090:8090'],
        sshPort: 2022,
        idcId: 21,
        typeId: 3,
        description: 'Test server',
      }),
    });
    expect(res.status, res.text).toBe(200);
    const tasks = res.json.data.contents;
    expect(tasks.map((t: any) => t.name)).toEqual(['Prepare host', 'Prepare host', 'Prepare host']);
    expect(new Set(tasks.map((t: any) => t.id)).size).toBe(3);
    const hostIds = tasks.map((t: any) => t.hostId);
    expect(new Set(hostIds).size).toBe(3);
    const host = (await m.call('GET', `/api/v2/compute/hosts/${hostIds[0]}`)).json;
    successEnvelope(Host).parse(host);
    expect(host.data).toMatchObject({
      innerIpAddress: '10.20.30.41',
      serialNumber: '6CU4120W67',
      sshPort: 2022,
      kind: 'DEDICATED_CONTAINER',
      publishPorts: '8080:8080,8090:8090',
      description: 'Test server',
      alias: null,
      idcId: 21,
      idcName: 'hz-idc1',
      regionId: 2,
      regionName: 'hangzhou',
      typeId: 3,
      typeName: 'highmem-32c256g',
      status: 'NEW',
      hostAgentStatus: 'OFFLINE',
      services: [],
    });
    expect((await m.call('GET', '/api/v2/compute/hosts?status=NEW&size=100')).json.data.contents.map((h: any) => h.id)).toEqual(hostIds);
    // Each task is a task like any other: polled, listed by host.
    const polled = (await m.task(tasks[1].id)).json.data;
    expect(polled).toMatchObject({ name: 'Prepare host', status: 'RUNNING' });
  });

  it('a host can be stopped with batchStopAgents once its Prepare host task has succeeded, and not before', async () => {
    const m = mock();
    const task = (await m.call('POST', '/api/v2/compute/hosts/batchCreate', { body: request({ alias: 'Server 1' }) })).json.data.contents[0];
    const refused = await m.stop([task.hostId]);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('CMP07019');
    // Nor deleted while it is being prepared.
    expect((await m.call('DELETE', `/api/v2/compute/hosts/${task.hostId}`)).json.error.code).toBe('CMP07019');
    // Step by step: still NEW (agent OFFLINE) while any node runs, the last included.
    for (let i = 0; i < 20; i++) {
      m.advance(10_000);
      const t = (await m.task(task.id)).json.data;
      if (t.status !== 'RUNNING') break;
      const h = (await m.call('GET', `/api/v2/compute/hosts/${task.hostId}`)).json.data;
      expect([h.status, h.hostAgentStatus]).toEqual(['NEW', 'OFFLINE']);
      expect((await m.stop([task.hostId])).status).toBe(400);
    }
    m.advance(3_600_000);
    expect((await m.task(task.id)).json.data.status).toBe('SUCCESSFUL');
    const host = (await m.call('GET', `/api/v2/compute/hosts/${task.hostId}`)).json.data;
    expect(host).toMatchObject({ status: 'ONLINE', hostAgentStatus: 'AVAILABLE', alias: 'Server 1' });
    // Updated when its task's "Update host status" finished (to the second, as host times print).
    const update = (await m.task(task.id)).json.data.subtasks.find((s: any) => s.name === 'Update host status');
    expect(Date.parse(host.updateTime)).toBe(Math.floor(Date.parse(update.finishTime) / 1000) * 1000);
    expect(host.updateTime).not.toBe(host.createTime);
    const stopped = await m.stop([task.hostId]);
    expect(stopped.status, stopped.text).toBe(200);
    expect((await m.call('GET', `/api/v2/compute/hosts/${task.hostId}`)).json.data.hostAgentStatus).toBe('STOPPING');
  });

  it('a scenario can make it fail: the host stays NEW with no agent until a retry succeeds', async () => {
    const m = mock();
    const task = (await m.call('POST', '/api/v2/compute/hosts/batchCreate', { body: request(), headers: { 'X-OCP-Mock-Scenario': 'host-install-fails' } })).json
      .data.contents[0];
    m.advance(3_600_000);
    const failed = (await m.task(task.id)).json.data;
    expect(failed.status).toBe('FAILED');
    expect(failed.subtasks.find((s: any) => s.status === 'FAILED').name).toBe('Install ocp agent');
    expect((await m.call('GET', `/api/v2/compute/hosts/${task.hostId}`)).json.data).toMatchObject({ status: 'NEW', hostAgentStatus: 'OFFLINE' });
    expect((await m.stop([task.hostId])).status).toBe(400);
    // Nor restarted: there is no agent yet, though it reads OFFLINE like a stopped one.
    expect((await m.call('POST', `/api/v2/compute/hosts/${task.hostId}/agent/restart`)).json.error.code).toBe('CMP07019');
    expect((await m.call('POST', `/api/v2/tasks/instances/${task.id}/retry`)).status).toBe(200);
    m.advance(3_600_000);
    expect((await m.call('GET', `/api/v2/compute/hosts/${task.hostId}`)).json.data).toMatchObject({ status: 'ONLINE', hostAgentStatus: 'AVAILABLE' });
    // A host that failed to be added can be deleted (nothing runs on it).
    const other = (
      await m.call('POST', '/api/v2/compute/hosts/batchCreate', {
        body: request({ hostBasicDataList: [{ innerIpAddress: '10.20.30.99' }] }),
        headers: { 'X-OCP-Mock-Scenario': 'host-install-fails' },
      })
    ).json.data.contents[0];
    m.advance(3_600_000);
    expect((await m.call('DELETE', `/api/v2/compute/hosts/${other.hostId}`)).status).toBe(200);
    expect((await m.call('GET', `/api/v2/compute/hosts/${other.hostId}`)).status).toBe(404);
  });
});

describe('batchCreate refuses, and a refusal changes nothing', () => {
  const cases: [string, Record<string, unknown>, number, string, string?][] = [
    ['an unknown IDC', { idcId: 999 }, 404, 'COM10002'],
    ['an unknown host type', { typeId: 999 }, 404, 'COM10002'],
    ['an address a host already has', { hostBasicDataList: [{ innerIpAddress: '10.9.9.9' }, { innerIpAddress: 'ADDRESS_OF_HOST_2' }] }, 400, 'CMP07001'],
    ['no hosts', { hostBasicDataList: [] }, 400, 'COM10001', 'hostBasicDataList'],
    ['a bad address', { hostBasicDataList: [{ innerIpAddress: '10.1.2' }] }, 400, 'COM10001', 'hostBasicDataList[0].innerIpAddress'],
    [
      'one address twice',
      { hostBasicDataList: [{ innerIpAddress: '10.1.2.3' }, { innerIpAddress: '10.1.2.3' }] },
      400,
      'COM10001',
      'hostBasicDataList[1].innerIpAddress',
    ],
    ['a bad port', { sshPort: 70000 }, 400, 'COM10001', 'sshPort'],
    ['a bad kind', { kind: 'VIRTUAL' }, 400, 'COM10001', 'kind'],
    ['a container without port mapping', { kind: 'DEDICATED_CONTAINER' }, 400, 'COM10001', 'publishPorts'],
    [
      'an alias for several hosts',
      { alias: 'x', hostBasicDataList: [{ innerIpAddress: '10.1.2.3' }, { innerIpAddress: '10.1.2.4' }] },
      400,
      'COM10001',
      'alias',
    ],
    ['no credential', { credentialId: undefined }, 400, 'COM10001', 'credentialId'],
    ['a credential id that is not positive', { credentialId: 0 }, 400, 'COM10001', 'credentialId'],
  ];
  it.each(cases)('%s', async (_name, over, status, code, field) => {
    const m = mock();
    const strip = (text: string) => text.replace(/"(timestamp|traceId|duration)":("[^"]*"|\d+),?/g, '');
    const hostsBefore = strip((await m.call('GET', '/api/v2/compute/hosts?size=100')).text);
    const tasksBefore = m.simulator.taskCount();
    const ip2 = (await m.call('GET', '/api/v2/compute/hosts/2')).json.data.innerIpAddress;
    const body = JSON.parse(JSON.stringify(request(over)).replace('ADDRESS_OF_HOST_2', ip2));
    const res = await m.call('POST', '/api/v2/compute/hosts/batchCreate', { body });
    expect(res.status, res.text).toBe(status);
    expect(res.json.error.code).toBe(code);
    if (field) expect(res.json.error.subErrors[0].field).toBe(field);
    if (code === 'CMP07001') expect(res.json.error.message).toBe(`Host <${ip2}:22> already exists. Modify the settings and try again.`);
    expect(strip((await m.call('GET', '/api/v2/compute/hosts?size=100')).text)).toBe(hostsBefore);
    expect(m.simulator.taskCount()).toBe(tasksBefore);
  });

  it('in Chinese for Accept-Language zh-CN; 403 for a viewer; 401 without credentials', async () => {
    const m = mock();
    const ip2 = (await m.call('GET', '/api/v2/compute/hosts/2')).json.data.innerIpAddress;
    const zh = await m.call('POST', '/api/v2/compute/hosts/batchCreate', {
      body: request({ hostBasicDataList: [{ innerIpAddress: ip2 }] }),
      headers: { 'Accept-Language': 'zh-CN' },
    });
    expect(zh.json.error.message).toBe(`主机<${ip2}:22>已经存在，请修改后重试`);
    expect((await m.call('POST', '/api/v2/compute/hosts/batchCreate', { body: request(), user: 'viewer' })).status).toBe(403);
    expect((await m.call('POST', '/api/v2/compute/hosts/batchCreate', { body: request(), user: null })).status).toBe(401);
  });
});

describe('added hosts are kept', () => {
  it('a restart with the same state file, and a compacted one, show every added host and its task as before', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-added-')), 'state.jsonl');
    const options = { stateFile, maxTasks: 2 };
    const m = mock(options);
    const add = async (ip: string, scenario = 'success') =>
      (
        await m.call('POST', '/api/v2/compute/hosts/batchCreate', {
          body: request({ hostBasicDataList: [{ innerIpAddress: ip }] }),
          headers: { 'X-OCP-Mock-Scenario': scenario },
        })
      ).json.data.contents[0];
    const done = await add('10.0.0.1');
    m.advance(3_600_000);
    // Its task is dropped by --max-tasks 2 as three more come: the host must keep what the task made of it.
    const failed = await add('10.0.0.2', 'host-install-fails');
    const deleted = await add('10.0.0.3');
    m.advance(3_600_000);
    expect((await m.call('DELETE', `/api/v2/compute/hosts/${deleted.hostId}`)).status).toBe(200);
    const running = await add('10.0.0.4');
    m.advance(5_000);
    // Both dropped (the oldest finished go first): the hosts keep what their tasks made of them.
    expect(m.simulator.findTask(done.id)).toBeUndefined();
    expect(m.simulator.findTask(failed.id)).toBeUndefined();
    const read = async (x: ReturnType<typeof mock>) =>
      (await Promise.all([x.call('GET', '/api/v2/compute/hosts?size=100'), x.task(deleted.id), x.task(running.id)])).map((a) =>
        a.text.replace(/"(timestamp|traceId|duration)":("[^"]*"|\d+),?/g, ''),
      );
    const before = await read(m);
    m.simulator.compactStateFile();
    const lines = readFileSync(stateFile, 'utf8').trim().split('\n');
    expect(lines.filter((l) => l.includes('"c":"addHosts"'))).toHaveLength(4);
    const again = mock(options);
    expect(await read(again)).toEqual(before);
    const hosts = (await again.call('GET', '/api/v2/compute/hosts?size=100')).json.data.contents;
    expect(hosts.filter((h: any) => h.id >= 4_000_001).map((h: any) => [h.innerIpAddress, h.status, h.hostAgentStatus])).toEqual([
      ['10.0.0.1', 'ONLINE', 'AVAILABLE'],
      ['10.0.0.2', 'NEW', 'OFFLINE'],
      ['10.0.0.4', 'NEW', 'OFFLINE'],
    ]);
    // And it carries on: the next host takes the next id, not the deleted one's.
    const next = await (async () =>
      (await again.call('POST', '/api/v2/compute/hosts/batchCreate', { body: request({ hostBasicDataList: [{ innerIpAddress: '10.0.0.5' }] }) })).json.data
        .contents[0])();
    expect(next.hostId).toBe(running.hostId + 1);
    expect((await again.stop([done.hostId])).status).toBe(200);
  });
});
