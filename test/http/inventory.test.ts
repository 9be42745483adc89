/**
 * Issue 15 (in part): regions, IDCs and host types, read as OCP's host module answers them
 * (samples from ocp-docs/host/100, 200, 600, 1000 in test/fixtures/host-module), and one
 * inventory that hangs together with the hosts that point at it.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostType, Idc, pageOf, Region, successEnvelope } from '../../src/contract/schemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/host-module/${name}`, import.meta.url), 'utf8'));
const shape = (v: unknown) => [...pathTypes(v)].sort();

describe('regions, IDCs and host types', () => {
  it.each([
    ['/api/v2/compute/regions', 'region_list_response.json', pageOf(Region)],
    ['/api/v2/compute/regions/1', 'region_detail_response.json', Region],
    ['/api/v2/compute/idcs/11', 'idc_detail_response.json', Idc],
    ['/api/v2/compute/hostTypes/1', 'host_type_detail_response.json', HostType],
  ] as const)('GET %s answers its page’s sample, path for path and type for type', async (path, sample, schema) => {
    const m = mock();
    const res = await m.call('GET', path, { user: 'viewer' });
    expect(res.status, res.text).toBe(200);
    successEnvelope(schema).parse(res.json);
    expect(shape(res.json)).toEqual(shape(fixture(sample)));
    expect(unsortedKeys(res.json)).toEqual([]);
  });

  it('lists page and sort as OCP lists do; IDC and host type rows have their details’ shape', async () => {
    const m = mock();
    const regions = (await m.call('GET', '/api/v2/compute/regions?size=2&sort=name,desc')).json.data;
    expect(regions.page).toEqual({ number: 1, size: 2, totalElements: 3, totalPages: 2 });
    expect(regions.contents.map((r: any) => r.name)).toEqual(['shanghai', 'hangzhou']);
    const idcs = (await m.call('GET', '/api/v2/compute/idcs?size=100')).json;
    successEnvelope(pageOf(Idc)).parse(idcs);
    expect(idcs.data.contents.map((i: any) => i.id)).toEqual([11, 12, 21, 22, 31]);
    successEnvelope(pageOf(HostType)).parse((await m.call('GET', '/api/v2/compute/hostTypes')).json);
    expect((await m.call('GET', '/api/v2/compute/regions?sort=password')).json.error.code).toBe('COM10011');
  });

  it('hangs together: every host’s region, IDC and type exist, names and all', async () => {
    const m = mock({ hosts: 60 });
    const hosts = (await m.call('GET', '/api/v2/compute/hosts?size=100')).json.data.contents;
    for (const h of hosts) {
      const idc = (await m.call('GET', `/api/v2/compute/idcs/${h.idcId}`)).json.data;
      expect(idc).toMatchObject({ name: h.idcName, regionId: h.regionId, regionName: h.regionName });
      expect((await m.call('GET', `/api/v2/compute/regions/${h.regionId}`)).json.data.name).toBe(h.regionName);
      expect((await m.call('GET', `/api/v2/compute/hostTypes/${h.typeId}`)).json.data.name).toBe(h.typeName);
    }
  });

  it('refuses an unknown id (404 COM10002, inferred), a bad id (400) and a caller without credentials (401)', async () => {
    const m = mock();
    const unknown = await m.call('GET', '/api/v2/compute/regions/999');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error).toMatchObject({
      code: 'COM10002',
      message: 'No records of the region type found based on the id=999 parameter. Please check and try again.',
    });
    expect((await m.call('GET', '/api/v2/compute/idcs/abc')).json.error.code).toBe('COM10001');
    expect((await m.call('GET', '/api/v2/compute/hostTypes', { user: null })).status).toBe(401);
  });

  it('creates and deletes regions, IDCs and host types; refusals change nothing', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-mock-inventory-')), 'state.jsonl');
    const m = mock({ stateFile });
    const region = await m.call('POST', '/api/v2/compute/regions', { body: { name: 'shenzhen', description: 'The Shenzhen region.' } });
    expect(region.status, region.text).toBe(200);
    expect(region.json.data).toMatchObject({ createTime: null, id: 1_000_001, name: 'shenzhen', updateTime: null });
    const idc = await m.call('POST', '/api/v2/compute/idcs', { body: { name: 'sz-idc1', regionId: 1_000_001 } });
    expect(idc.json.data).toMatchObject({ id: 1_000_001, name: 'sz-idc1', regionId: 1_000_001, regionName: 'shenzhen', description: null });
    const type = await m.call('POST', '/api/v2/compute/hostTypes', { body: { name: 'tiny', description: '2core 16gb' } });
    expect(type.json.data).toMatchObject({ createTime: null, id: 1_000_001, name: 'tiny', updateTime: null });
    expect((await m.call('GET', '/api/v2/compute/hostTypes/1000001')).json.data.description).toBe('2core 16gb');

    const before = JSON.stringify((await m.call('GET', '/api/v2/compute/idcs?size=100')).json.data);
    const refusals: Array<[string, string, unknown, number, string]> = [
      ['POST', '/api/v2/compute/regions', { name: 'beijing' }, 400, 'COM10006'],
      ['POST', '/api/v2/compute/idcs', { name: 'x', regionId: 999 }, 404, 'COM10002'],
      ['POST', '/api/v2/compute/idcs', { name: 'bj-idc1', regionId: 1 }, 400, 'COM10006'],
      ['POST', '/api/v2/compute/regions', { description: 'no name' }, 400, 'COM10001'],
      ['DELETE', '/api/v2/compute/regions/1000001', undefined, 400, 'CMP07000'],
      ['DELETE', '/api/v2/compute/regions/1', undefined, 400, 'CMP07000'],
      ['DELETE', '/api/v2/compute/idcs/11', undefined, 400, 'CMP07000'],
      ['DELETE', '/api/v2/compute/hostTypes/1', undefined, 400, 'CMP07000'],
      ['DELETE', '/api/v2/compute/hostTypes/424242', undefined, 404, 'COM10002'],
    ];
    for (const [method, path, body, status, code] of refusals) {
      const res = await m.call(method, path, body === undefined ? {} : { body });
      expect([res.status, res.json.error?.code], `${method} ${path}`).toEqual([status, code]);
    }
    expect((await m.call('POST', '/api/v2/compute/regions', { user: 'viewer', body: { name: 'v' } })).status).toBe(403);
    expect(JSON.stringify((await m.call('GET', '/api/v2/compute/idcs?size=100')).json.data)).toBe(before);
    expect((await m.call('GET', '/api/v2/compute/regions')).json.data.page.totalElements).toBe(4);

    // Deleted in order: the IDC, then its region; the state file keeps it all.
    expect((await m.call('DELETE', '/api/v2/compute/idcs/1000001')).json).toMatchObject({ status: 200, successful: true });
    expect((await m.call('DELETE', '/api/v2/compute/regions/1000001')).status).toBe(200);
    // A seeded host type no host uses, deleted too; then the file compacted to what is live.
    const usedTypes = new Set((await m.call('GET', '/api/v2/compute/hosts?size=100')).json.data.contents.map((h: any) => h.typeId));
    const unused = [1, 2, 3].find((t) => !usedTypes.has(t));
    if (unused) expect((await m.call('DELETE', `/api/v2/compute/hostTypes/${unused}`)).status).toBe(200);
    m.simulator.compactStateFile();
    const again = mock({ stateFile });
    for (const path of ['/api/v2/compute/regions?size=100', '/api/v2/compute/idcs?size=100', '/api/v2/compute/hostTypes?size=100']) {
      expect((await again.call('GET', path)).json.data).toEqual((await m.call('GET', path)).json.data);
    }
    expect((await again.call('GET', '/api/v2/compute/hostTypes/1000001')).json.data.name).toBe('tiny');
    // Reset: the seed's inventory again.
    await again.call('POST', '/__mock/reset');
    expect((await again.call('GET', '/api/v2/compute/hostTypes')).json.data.page.totalElements).toBe(3);
    expect((await again.call('GET', '/api/v2/compute/regions')).json.data.page.totalElements).toBe(3);
  });

  it('issue 22.4: a region created with a description returns it, as host/200’s table lists it', async () => {
    const m = mock();
    const description = 'The Shenzhen region.';
    const created = await m.call('POST', '/api/v2/compute/regions', { body: { name: 'shenzhen', description } });
    expect(created.status, created.text).toBe(200);
    const id = created.json.data.id;
    const detail = await m.call('GET', `/api/v2/compute/regions/${id}`, { user: 'viewer' });
    successEnvelope(Region).parse(detail.json);
    expect(unsortedKeys(detail.json)).toEqual([]);
    expect(detail.json.data).toMatchObject({ id, name: 'shenzhen', description });
    const listed = (await m.call('GET', '/api/v2/compute/regions?size=100')).json.data.contents.find((r: any) => r.id === id);
    expect(listed).toEqual(detail.json.data);
    // One without a description prints none, as the page's samples (host/100, 200) print a region.
    const bare = (await m.call('POST', '/api/v2/compute/regions', { body: { name: 'chengdu' } })).json.data.id;
    expect(shape((await m.call('GET', `/api/v2/compute/regions/${bare}`)).json)).toEqual(shape(fixture('region_detail_response.json')));
  });

  it('deletes hosts, one or a batch, all or none; a host whose agent is busy stays', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-mock-hosts-')), 'state.jsonl');
    const m = mock({ stateFile, hosts: 20 });
    const deleted = await m.call('DELETE', '/api/v2/compute/hosts/1005');
    expect(deleted.status).toBe(200);
    expect(deleted.json.data).toBeUndefined();
    expect((await m.call('GET', '/api/v2/compute/hosts/1005')).json.error.code).toBe('CMP07005');
    await m.stop([1001]);
    // A busy agent (a stop runs on 1001) or an unknown host refuses the whole batch.
    const busy = await m.call('POST', '/api/v2/compute/hosts/batchDelete', { body: { hostIdList: [1006, 1001] } });
    expect([busy.status, busy.json.error.code]).toEqual([400, 'CMP07019']);
    expect((await m.call('POST', '/api/v2/compute/hosts/batchDelete', { body: { hostIdList: [1006, 424242] } })).json.error.code).toBe('CMP07005');
    expect((await m.call('GET', '/api/v2/compute/hosts/1006')).status).toBe(200);
    expect((await m.call('POST', '/api/v2/compute/hosts/batchDelete', { body: { hostIdList: [] } })).json.error.code).toBe('COM10001');
    expect((await m.call('POST', '/api/v2/compute/hosts/batchDelete', { body: { hostIdList: [1006, 1007] } })).status).toBe(200);
    expect((await m.call('GET', '/api/v2/compute/hosts?size=100')).json.data.page.totalElements).toBe(17);
    // The stop on 1001 still reads; a restart keeps the deletions; reset brings the hosts back.
    expect((await m.call('GET', '/api/v2/tasks/instances?hostId=1001')).json.data.page.totalElements).toBe(1);
    m.simulator.compactStateFile();
    const again = mock({ stateFile, hosts: 20 });
    expect((await again.call('GET', '/api/v2/compute/hosts?size=100')).json.data).toEqual((await m.call('GET', '/api/v2/compute/hosts?size=100')).json.data);
    await again.call('POST', '/__mock/reset');
    expect((await again.call('GET', '/api/v2/compute/hosts?size=100')).json.data.page.totalElements).toBe(20);
  });
});
