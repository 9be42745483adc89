/**
 * Issue 15 (in part): regions, IDCs and host types, read as OCP's host module answers them
 * (samples from ocp-docs/host/100, 200, 600, 1000 in test/fixtures/host-module), and one
 * inventory that hangs together with the hosts that point at it.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { readFileSync } from 'node:fs';
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
});
