/**
 * The OB tenant calls page by page (ocp-docs/tenant 100-1600, 2000; src/modules/obTenant): each
 * page's sample request answered path for path, type for type and key order for key order as its
 * sample answer (test/fixtures/tenant, values are world data), an async one with its task's shape
 * (name, nodes in order, DAG as ranks, context keys in order); the documented refusals with OCP's
 * codes in English and Chinese, changing nothing.
 *
 * Sample quirks named where they are met: 100's and 200's sample rows print `"mode":"Oracle"` (the
 * tables' values are MYSQL and ORACLE); 100's and 200's envelopes print `data` last (ours is
 * alphabetical, as 300's and 2000's samples print it); 400's (and 500's) sample body repeats zone2
 * in its primary zone `zone1,zone2;zone2`, and 500's answer prints `zone1,zone2;zone3`, not what
 * was sent; 1200's sample path says addReplica; 1400's sample answer misses its closing brace
 * (fixed in the fixture); 1500's sample password `foo` breaks OCP's rule (OBE21014).
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { successEnvelope } from '../../src/contract/schemas.js';
import { TenantCreateInstance, TenantSubtasksInstance, TenantTasksInstance } from '../../src/contract/tenantSchemas.js';
import { mock } from '../helpers.js';
import { contextKeys, dagShape, treeDiff } from './sampleTree.js';

type Mock = ReturnType<typeof mock>;
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/tenant/${name}`, import.meta.url), 'utf8'));
const TEST = 1_000_002;
const SYS = 1_000_001;
const TPCC = 1_000_004;
const ORA_APP = 1_000_005;
const HOUR = 3_600_000;

/** The sample's `data` against ours (both absent for the pages that answer none). */
function expectLikeSample(res: any, name: string) {
  expect(res.status, res.text).toBe(200);
  const want = fixture(name);
  expect(treeDiff(res.json.data, want.data)).toEqual([]);
  // The envelope: the sample's keys, alphabetical (100 and 200 print `data` last: a print order of theirs).
  expect(Object.keys(res.json)).toEqual(Object.keys(want).sort());
  return want;
}

/** An async answer: its sample's tree, schema, task name, DAG and context keys. */
function expectTaskLikeSample(res: any, name: string, schema: any) {
  const want = expectLikeSample(res, name);
  successEnvelope(schema).parse(res.json);
  expect(res.json.data.name).toBe(want.data.name);
  expect(dagShape(res.json.data.subtasks ?? res.json.data.tasks)).toEqual(dagShape(want.data.subtasks ?? want.data.tasks));
  expect(contextKeys(res.json.data.context)).toEqual(contextKeys(want.data.context));
  return want;
}

const body = (o: Record<string, unknown> = {}) => ({ ...fixture('create_tenant_request.json'), ...o });
const zone = (name: string, unitSpecName = 'S0', unitCount = 1) => ({ name, replicaType: 'FULL', resourcePool: { unitSpecName, unitCount } });

/** Creates a tenant and runs its task to the end; its id. */
async function created(m: Mock, clusterId: number, o: Record<string, unknown>) {
  const res = await m.call('POST', `/api/v2/ob/clusters/${clusterId}/tenants/createTenant`, { body: body(o) });
  expect(res.status, res.text).toBe(200);
  m.advance(HOUR);
  expect((await m.task(res.json.data.id)).json.data.status).toBe('SUCCESSFUL');
  return res.json.data.tenantId as number;
}

const detailOf = async (m: Mock, c: number, t: number) => (await m.call('GET', `/api/v2/ob/clusters/${c}/tenants/${t}`)).json;

describe('each page answers its sample request as its sample', () => {
  it('100: a cluster’s tenants (the sample’s "Oracle" is the tables’ ORACLE)', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/ob/clusters/1/tenants');
    const want = expectLikeSample(res, 'list_cluster_tenants_response.json');
    expect(want.data.contents[0].mode).toBe('Oracle');
    expect(res.json.data.contents.map((t: any) => [t.name, t.mode])).toEqual([
      ['sys', 'MYSQL'],
      ['tpcc', 'MYSQL'],
      ['ora_app', 'ORACLE'],
    ]);
    expect(res.json.data.contents.every((t: any) => t.clusterId === 1)).toBe(true);
  });

  it('200: all tenants, the sample request verbatim (name keyword, two statuses, page 2 of 10)', async () => {
    const m = mock();
    // Eleven tenants named foo1..foo11 on `test`, so that page 2 holds one.
    for (let i = 1; i <= 11; i++) {
      const res = await m.call('POST', `/api/v2/ob/clusters/${TEST}/tenants`, {
        body: body({ name: `foo${i}`, primaryZone: 'zone1', zones: [zone('zone1')] }),
      });
      expect(res.status, res.text).toBe(200);
    }
    const res = await m.call('GET', '/api/v2/ob/tenants?name=foo&status=NORMAL,CREATING&page=2&size=10');
    const want = expectLikeSample(res, 'list_all_tenants_response.json');
    expect(want.data.contents[0].mode).toBe('Oracle');
    expect(res.json.data.contents.map((t: any) => [t.name, t.status])).toEqual([['foo11', 'CREATING']]);
    expect(res.json.data.page).toEqual({ number: 2, size: 10, totalElements: 11, totalPages: 2 });
    m.advance(HOUR);
    expect((await m.call('GET', '/api/v2/ob/tenants?name=FOO&status=CREATING')).json.data.contents).toEqual([]);
    expect((await m.call('GET', '/api/v2/ob/tenants?name=foo&status=NORMAL&size=100')).json.data.page.totalElements).toBe(11);
  });

  it('300: a tenant’s details (the sample’s is a sys tenant), on the sample’s path and the page’s singular one', async () => {
    const m = mock();
    const res = await m.call('GET', `/api/v2/ob/clusters/${TEST}/tenants/1000003`);
    expectLikeSample(res, 'get_tenant_response.json');
    expect([res.json.data.name, res.json.data.obTenantId, res.json.data.zones[0].resourcePool.name]).toEqual(['sys', 1, 'sys_pool']);
    expect((await m.call('GET', `/api/v2/ob/cluster/${TEST}/tenants/1000003`)).json.data).toEqual(res.json.data);
  });

  it('900: a tenant’s units, on the sample’s path and the page’s singular one', async () => {
    const m = mock();
    const res = await m.call('GET', `/api/v2/ob/clusters/${TEST}/tenants/1000003/units`);
    expectLikeSample(res, 'list_units_response.json');
    expect((await m.call('GET', `/api/v2/ob/cluster/${TEST}/tenants/1000003/units`)).json.data).toEqual(res.json.data);
    const tpcc = (await m.call('GET', `/api/v2/ob/clusters/1/tenants/${TPCC}/units?zoneName=zone2`)).json.data.contents;
    expect(tpcc.map((u: any) => u.zoneName)).toEqual(['zone2']);
  });

  it('2000: the unit specifications', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/ob/unitSpecs');
    const want = expectLikeSample(res, 'list_unit_specs_response.json');
    // The sample's two specs are among ours, as printed.
    for (const s of want.data.contents) expect(res.json.data.contents).toContainEqual(s);
  });

  it('400: create, its task as the sample (the sample body repeats zone2 in its primary zone: taken as sent)', async () => {
    const m = mock();
    const sent = fixture('create_tenant_request.json');
    expect(sent.primaryZone).toBe('zone1,zone2;zone2');
    const res = await m.call('POST', '/api/v2/ob/clusters/1/tenants/createTenant', { body: sent });
    expectTaskLikeSample(res, 'create_tenant_response.json', TenantCreateInstance);
    expect(res.json.data.clusterId).toBe(1);
    const t = (await detailOf(m, 1, res.json.data.tenantId)).data;
    expect([t.name, t.status, t.primaryZone, t.description, t.zoneList]).toEqual(['foo', 'CREATING', 'zone1,zone2;zone2', 'bar', 'zone1;zone2;zone3']);
  });

  it('500: create answering the tenant (the sample answer’s primary zone is not the one its request sent)', async () => {
    const m = mock();
    const sent = fixture('create_tenant_sync_request.json');
    const res = await m.call('POST', '/api/v2/ob/clusters/1/tenants', { body: sent });
    const want = expectLikeSample(res, 'create_tenant_sync_response.json');
    expect([want.data.primaryZone, sent.primaryZone]).toEqual(['zone1,zone2;zone3', 'zone1,zone2;zone2']);
    expect([res.json.data.name, res.json.data.status, res.json.data.primaryZone]).toEqual(['foo', 'CREATING', 'zone1,zone2;zone2']);
    // Its task is 400's.
    const tasks = (await m.call('GET', '/api/v2/tasks/instances')).json.data.contents;
    expect(tasks.map((x: any) => [x.name, x.tenant?.id])).toEqual([['Create tenant', res.json.data.id]]);
  });

  it('600, 700, 800, 1000, 1400, 1600: the changes that answer no data', async () => {
    const m = mock();
    // A tenant with two units in zone1 (1000 deletes one).
    const id = await created(m, 1, { name: 'units2', primaryZone: 'zone1', zones: [zone('zone1', 'S0', 2)] });
    const units = (await m.call('GET', `/api/v2/ob/clusters/1/tenants/${id}/units`)).json.data.contents;
    expect(units).toHaveLength(2);
    const base = `/api/v2/ob/clusters/1/tenants/${TPCC}`;
    expectLikeSample(await m.call('POST', `${base}/lock`), 'lock_tenant_response.json');
    expect((await detailOf(m, 1, TPCC)).data.locked).toBe(true);
    expectLikeSample(await m.call('POST', `${base}/unlock`), 'unlock_tenant_response.json');
    expect((await detailOf(m, 1, TPCC)).data.locked).toBe(false);
    expectLikeSample(
      await m.call('POST', `${base}/modifyPrimaryZone`, { body: fixture('modify_primary_zone_request.json') }),
      'modify_primary_zone_response.json',
    );
    expect((await detailOf(m, 1, TPCC)).data.primaryZone).toBe('zone1;zone2,zone3');
    expectLikeSample(await m.call('POST', `${base}/modifyWhitelist`, { body: fixture('modify_whitelist_request.json') }), 'modify_whitelist_response.json');
    expect((await detailOf(m, 1, TPCC)).data.whitelist).toBe('xxx.xxx.xxx.xxx');
    expectLikeSample(await m.call('DELETE', `/api/v2/ob/clusters/1/tenants/${id}/units/${units[1].id}`), 'delete_unit_response.json');
    const left = (await detailOf(m, 1, id)).data.zones[0];
    expect([left.resourcePool.unitCount, left.units.map((u: any) => u.id)]).toEqual([1, [units[0].id]]);
    expectLikeSample(await m.call('DELETE', `/api/v2/ob/clusters/1/tenants/${id}`), 'delete_tenant_response.json');
    expect((await detailOf(m, 1, id)).data.status).toBe('DELETING');
  });

  it('1500: the sample’s password `foo` breaks OCP’s rule (OBE21014); a strong one answers as the sample', async () => {
    const m = mock();
    const path = `/api/v2/ob/clusters/1/tenants/${TPCC}/changePassword`;
    const weak = await m.call('POST', path, { body: fixture('change_password_request.json') });
    expect([weak.status, weak.json.error.code]).toEqual([400, 'OBE21014']);
    expectLikeSample(await m.call('POST', path, { body: { newPassword: 'Tenant_pass1' } }), 'change_password_response.json');
  });

  it('1100 add a replica, 1300 modify one, 1200 delete replicas (its sample path says addReplica)', async () => {
    const m = mock();
    // 1100's sample adds zone1: a tenant in zone2 and zone3 takes it.
    const id = await created(m, 1, { name: 'two_zones', primaryZone: 'zone2', zones: [zone('zone2'), zone('zone3')] });
    const add = await m.call('POST', `/api/v2/ob/clusters/1/tenants/${id}/addReplica`, { body: fixture('add_replica_request.json') });
    expectTaskLikeSample(add, 'add_replica_response.json', TenantSubtasksInstance);
    expect([add.json.data.tenantId, add.json.data.clusterId, add.json.data.context.stringMap]).toEqual([
      id,
      1,
      { tenant_id: String(id), cluster_id: '1', zone_name: 'zone1' },
    ]);
    m.advance(HOUR);
    // The added zone comes last (*inferred* in src: the pools in the order they were made).
    expect((await detailOf(m, 1, id)).data.zoneList).toBe('zone2;zone3;zone1');
    const modify = await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/modifyReplica`, { body: fixture('modify_replica_request.json') });
    expectTaskLikeSample(modify, 'modify_replica_response.json', TenantTasksInstance);
    expect(modify.json.data.tenant).toEqual({ id: TPCC, name: 'tpcc' });
    expect(modify.json.data.context).toBe(`Context(parallelIdx=-1, stringMap={tenant_id=${TPCC}, cluster_id=1, zone_name=zone1}, listMap={})`);
    m.advance(HOUR);
    expect((await detailOf(m, 1, TPCC)).data.zones[0].resourcePool.unitConfig.maxMemorySize).toBe(6);
    // 1200's sample path says addReplica: there its body is an add of zones the tenant has (OBE21020).
    const sent = fixture('delete_replica_request.json');
    expect((await m.call('POST', `/api/v2/ob/clusters/1/tenants/${id}/addReplica`, { body: sent })).json.error.code).toBe('OBE21020');
    const del = await m.call('POST', `/api/v2/ob/clusters/1/tenants/${id}/deleteReplica`, { body: sent });
    expectTaskLikeSample(del, 'delete_replica_response.json', TenantSubtasksInstance);
    expect(del.json.data.context.listMap).toEqual({ zone_names: ['zone1', 'zone2'] });
    m.advance(HOUR);
    expect((await detailOf(m, 1, id)).data.zoneList).toBe('zone3');
    expect((await m.call('GET', `/api/v2/ob/clusters/1/tenants/${id}/units`)).json.data.contents.map((u: any) => u.zoneName)).toEqual(['zone3']);
  });
});
