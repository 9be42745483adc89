/** Issue 2, points 4 and 7: the seeded host inventory, OCP's host routes, determinism (and issue 15's list filters). */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Host, HostAgent, PageInfo, pageOf, successEnvelope } from '../../src/contract/schemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const SAMPLE_DETAIL = JSON.parse(readFileSync(new URL('../fixtures/host_detail_response.json', import.meta.url), 'utf8'));
const SAMPLE_LIST = JSON.parse(readFileSync(new URL('../fixtures/host_list_response.json', import.meta.url), 'utf8'));
/**
 * A host's paths and types, its descriptions read as the samples' host's: its IDC, region and type
 * have none (null), where a host's are its records' (issue 22.3), a string for a type that has one.
 */
const asSampleHost = (paths: Iterable<string>) => [...paths].map((p) => p.replace(/((?:idc|region|type)Description): string$/, '$1: null'));

describe('hosts', () => {
  it('always holds the documented host ids, with running agents', async () => {
    for (const seed of [1, 2, 99]) {
      const m = mock({ seed, hosts: 4 });
      const { json } = await m.call('GET', '/api/v2/compute/hosts?size=100');
      const ids = json.data.contents.map((h: { id: number }) => h.id);
      expect(ids).toEqual([2, 20, 1001, 1002]);
      for (const h of json.data.contents) expect(h.hostAgentStatus).toBe('AVAILABLE');
    }
  });

  it('host detail has the sample’s paths and types and key order', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/compute/hosts/1001');
    expect(res.status).toBe(200);
    successEnvelope(Host).parse(res.json);
    expect(asSampleHost(pathTypes(res.json)).sort()).toEqual([...pathTypes(SAMPLE_DETAIL)].sort());
    expect(unsortedKeys(res.json)).toEqual([]);
    expect(res.json.data.innerIpAddress).toMatch(/^172\.(1[6-9]|2\d|3[01])\.\d+\.\d+$/);
  });

  it('host list has the sample’s shape, pages from 1, and filters', async () => {
    const m = mock({ hosts: 30 });
    const first = await m.call('GET', '/api/v2/compute/hosts');
    successEnvelope(pageOf(Host)).parse(first.json);
    expect([...new Set(asSampleHost(pathTypes(first.json)))].filter((p) => !p.includes('services[]')).sort()).toEqual(
      [...pathTypes(SAMPLE_LIST)].filter((p) => !p.includes('services[]')).sort(),
    );
    expect(first.json.data.page).toEqual({ number: 1, size: 10, totalElements: 30, totalPages: 3 });
    const third = await m.call('GET', '/api/v2/compute/hosts?page=3&size=10');
    expect(third.json.data.contents).toHaveLength(10);
    const beyond = await m.call('GET', '/api/v2/compute/hosts?page=4&size=10');
    expect(beyond.json.data.contents).toHaveLength(0);
    PageInfo.parse(beyond.json.data.page);

    const offline = await m.call('GET', '/api/v2/compute/hosts?status=OFFLINE&size=100');
    for (const h of offline.json.data.contents) expect(h.status).toBe('OFFLINE');
    const one = first.json.data.contents[1];
    const byKeyword = await m.call('GET', `/api/v2/compute/hosts?keyword=${encodeURIComponent(one.name.slice(0, 12))}&size=100`);
    expect(byKeyword.json.data.contents.map((h: { id: number }) => h.id)).toContain(one.id);
    const byIp = await m.call('GET', `/api/v2/compute/hosts?keyword=${one.innerIpAddress}`);
    expect(byIp.json.data.contents.map((h: { id: number }) => h.id)).toEqual([one.id]);
    const sorted = await m.call('GET', '/api/v2/compute/hosts?sort=id,desc&size=3');
    expect(sorted.json.data.contents.map((h: { id: number }) => h.id)).toEqual([1028, 1027, 1026]);
  });

  it('filters as ocp-docs/host/1300 documents: status lists, keyword by name, IP or service, service types in and out', async () => {
    const m = mock({ hosts: 60 });
    const all = (await m.call('GET', '/api/v2/compute/hosts?size=2000')).json.data.contents as any[];
    const ids = async (query: string) => ((await m.call('GET', `/api/v2/compute/hosts?size=2000&${query}`)).json.data.contents as any[]).map((h) => h.id);
    const where = (f: (h: any) => boolean) => all.filter(f).map((h) => h.id);
    expect(where((h) => h.status === 'OFFLINE').length).toBeGreaterThan(0);
    expect(await ids('status=ONLINE,OFFLINE')).toEqual(where((h) => h.status === 'ONLINE' || h.status === 'OFFLINE'));
    expect(await ids('status=OFFLINE&status=ONLINE')).toEqual(where((h) => h.status === 'ONLINE' || h.status === 'OFFLINE'));
    expect(await ids('status=OFFLINE')).toEqual(where((h) => h.status === 'OFFLINE'));
    // A service's name (obclusterNN:N) finds the hosts that serve that cluster.
    expect(await ids('keyword=OBCLUSTER02')).toEqual(where((h) => h.services.some((s: any) => s.name.startsWith('obcluster02'))));
    const clustered = where((h) => h.services.some((s: any) => s.type === 'OB_CLUSTER'));
    expect(clustered.length).toBeGreaterThan(0);
    expect(clustered.length).toBeLessThan(all.length);
    expect(await ids('includedServiceType=OB_CLUSTER,OB_PROXY')).toEqual(clustered);
    expect(await ids('excludedServiceType=OB_CLUSTER')).toEqual(where((h) => !clustered.includes(h.id)));
    expect(await ids('includedServiceType=OMS')).toEqual([]);
    const bad = await m.call('GET', '/api/v2/compute/hosts?includedServiceType=OB_CLUSTER,TOASTER');
    expect(bad.json.error.subErrors[0]).toMatchObject({ field: 'includedServiceType[1]', message: expect.stringContaining('must be one of OB_CLUSTER') });
  });

  it('issue 22.3: a host’s typeDescription, idcDescription and regionDescription are its type’s, IDC’s and region’s', async () => {
    const m = mock({ hosts: 40 });
    const get = async (path: string) => (await m.call('GET', `/api/v2/compute/${path}`)).json.data;
    const host20 = await get('hosts/20');
    expect(host20.typeDescription).toBe((await get(`hostTypes/${host20.typeId}`)).description);
    expect(host20.typeDescription).toMatch(/^\d+core \d+GB$/);
    for (const h of (await get('hosts?size=100')).contents) {
      expect(h.typeDescription).toBe((await get(`hostTypes/${h.typeId}`)).description);
      expect(h.idcDescription).toBe((await get(`idcs/${h.idcId}`)).description);
      expect(h.regionDescription).toBe((await get(`regions/${h.regionId}`)).description ?? null);
    }
    // A host added into an IDC (and region) created with a description.
    const region = (await m.call('POST', '/api/v2/compute/regions', { body: { name: 'shenzhen', description: 'The Shenzhen region.' } })).json.data;
    const idc = (await m.call('POST', '/api/v2/compute/idcs', { body: { name: 'sz-idc1', description: 'Shenzhen IDC 1', regionId: region.id } })).json.data;
    const type = (await m.call('POST', '/api/v2/compute/hostTypes', { body: { name: 'tiny', description: '2core 16GB' } })).json.data;
    const added = await m.call('POST', '/api/v2/compute/hosts/batchCreate', {
      body: {
        hostBasicDataList: [{ innerIpAddress: '10.8.0.1' }],
        sshPort: 22,
        kind: 'DEDICATED_PHYSICAL_MACHINE',
        idcId: idc.id,
        typeId: type.id,
        credentialId: 1,
      },
    });
    const hostId = added.json.data.contents[0].hostId;
    const host = await m.call('GET', `/api/v2/compute/hosts/${hostId}`);
    successEnvelope(Host).parse(host.json);
    expect(host.json.data).toMatchObject({ idcDescription: 'Shenzhen IDC 1', regionDescription: 'The Shenzhen region.', typeDescription: '2core 16GB' });
    const row = (await get('hosts?size=100')).contents.find((h: any) => h.id === hostId);
    expect(row).toMatchObject({ idcDescription: 'Shenzhen IDC 1', regionDescription: 'The Shenzhen region.', typeDescription: '2core 16GB' });
  });

  it('most agents run and a few are in other states', async () => {
    const m = mock({ hosts: 200 });
    const { json } = await m.call('GET', '/api/v2/compute/hosts?size=2000');
    const counts: Record<string, number> = {};
    for (const h of json.data.contents) counts[h.hostAgentStatus] = (counts[h.hostAgentStatus] ?? 0) + 1;
    expect(counts.AVAILABLE).toBeGreaterThan(140);
    expect(Object.keys(counts).length).toBeGreaterThan(2);
  });

  it('refuses bad paging and sorting with clear errors', async () => {
    const m = mock();
    expect((await m.call('GET', '/api/v2/compute/hosts?size=2001')).json.error.code).toBe('COM10001');
    expect((await m.call('GET', '/api/v2/compute/hosts?page=0')).json.error.code).toBe('COM10001');
    expect((await m.call('GET', '/api/v2/compute/hosts?status=SLEEPING')).json.error.code).toBe('COM10001');
    const sort = await m.call('GET', '/api/v2/compute/hosts?sort=password');
    expect(sort.status).toBe(400);
    expect(sort.json.error).toMatchObject({ code: 'COM10011', message: 'The password field cannot be used for sorting.' });
    expect((await m.call('GET', '/api/v2/compute/hosts/abc')).json.error.code).toBe('COM10001');
  });

  it('GET /compute/hosts/{id}/agent', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/compute/hosts/20/agent', { user: 'viewer' });
    const body = successEnvelope(HostAgent).parse(res.json);
    expect(body.data).toMatchObject({ hostId: 20, status: 'AVAILABLE' });
  });
  // The agent's details and processes in full: test/http/agentProcesses.test.ts.
});

describe('determinism', () => {
  const normalise = (text: string) => text.replace(/"(timestamp|duration)":("[^"]*"|\d+)/g, '"$1":0');
  async function session(seed: number) {
    const m = mock({ seed, hosts: 20 });
    const out = [
      await m.call('GET', '/api/v2/compute/hosts?size=100'),
      await m.stop([2, 1001]),
      await m.stop([20]),
      await m.call('GET', '/api/v2/compute/hosts/1003'),
    ];
    m.advance(60_000);
    out.push(await m.task(out[1]!.json.data.id));
    return out.map((r) => normalise(r.text));
  }
  it('the same seed gives the same bytes; another seed does not', async () => {
    const a = await session(7);
    const b = await session(7);
    expect(a).toEqual(b);
    const c = await session(8);
    expect(c[0]).not.toEqual(a[0]);
  });
});
