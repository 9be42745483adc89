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
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { successEnvelope } from '../../src/contract/schemas.js';
import { TenantCreateInstance, TenantSubtasksInstance, TenantTasksInstance } from '../../src/contract/tenantSchemas.js';
import { mock, pathTypes } from '../helpers.js';
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

/** OCP's error texts as its error-code pages print them (test/fixtures/ocp-error-codes.*.md), `{n}` filled with `args`. */
const ERROR_TEXTS = Object.fromEntries(
  (['en', 'zh'] as const).map((lang) => {
    const text = readFileSync(new URL(`../fixtures/ocp-error-codes.${lang}.md`, import.meta.url), 'utf8');
    return [lang, new Map([...text.matchAll(/^\| ([A-Z]{3}\d{5}) \| (.*) \|$/gm)].map((x) => [x[1] as string, (x[2] as string).trim()]))];
  }),
) as Record<'en' | 'zh', Map<string, string>>;
const ocpText = (lang: 'en' | 'zh', code: string, args: readonly unknown[]) =>
  (ERROR_TEXTS[lang].get(code) ?? `no ${code}`).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

/** What a refusal must leave as it was: every tenant's details (units and all), the task count, each cluster's status and tenantCount. */
async function world(m: Mock) {
  const tenants = (await m.call('GET', '/api/v2/ob/tenants?size=100')).json.data.contents;
  const details = [];
  for (const t of tenants) details.push((await detailOf(m, t.clusterId, t.id)).data);
  const tasks = (await m.call('GET', '/api/v2/tasks/instances?size=1')).json.data.page.totalElements;
  const clusters = (await m.call('GET', '/api/v2/ob/clusters?size=100')).json.data.contents.map((c: any) => [c.id, c.status, c.tenantCount]);
  return { details, tasks, clusters };
}

const GB = 1024 ** 3;

describe('refusals answer OCP’s codes in English and Chinese and change nothing', () => {
  it('create, delete, lock, units, replicas, primary zone, password, whitelist, the cluster delete', async () => {
    const m = mock();
    // Room used up: three S3 units fill the big server of cluster01's zone1 to 2.5 free cores, a
    // fourth goes on the other; two S3 units leave `test`'s one server 18 GB of memory.
    for (let i = 1; i <= 4; i++) await created(m, 1, { name: `big${i}`, primaryZone: 'zone1', zones: [zone('zone1', 'S3')] });
    for (let i = 1; i <= 2; i++) await created(m, TEST, { name: `t${i}`, primaryZone: 'zone1', zones: [zone('zone1', 'S3')] });
    expect((await m.call('POST', `/api/v2/ob/clusters/1/tenants/${ORA_APP}/lock`)).status).toBe(200);
    // A tenant whose create still runs.
    const busy = (
      await m.call('POST', '/api/v2/ob/clusters/1/tenants/createTenant', { body: body({ name: 'busy', primaryZone: 'zone2', zones: [zone('zone2')] }) })
    ).json.data.tenantId;
    const tpccUnit = (await m.call('GET', `/api/v2/ob/clusters/1/tenants/${TPCC}/units?zoneName=zone1`)).json.data.contents[0].id;
    const oraUnit = (await m.call('GET', `/api/v2/ob/clusters/1/tenants/${ORA_APP}/units`)).json.data.contents[0].id;
    const before = await world(m);

    const create = (o: Record<string, unknown>, cluster = 1) => ['POST', `/api/v2/ob/clusters/${cluster}/tenants/createTenant`, body(o)] as const;
    const on = (tenant: number, what: string, b?: unknown) => ['POST', `/api/v2/ob/clusters/1/tenants/${tenant}/${what}`, b] as const;
    const cases: [readonly [string, string, unknown], number, string, unknown[]][] = [
      [create({ name: 'tpcc' }), 400, 'OBE21001', ['cluster01', 'tpcc']],
      [create({ name: '1foo' }), 400, 'OBE21000', []],
      [create({ name: 'f' }), 400, 'OBE21000', []],
      // 100's sample spelling is not one of the table's values.
      [create({ mode: 'Oracle' }), 400, 'OBE21010', []],
      [create({ charset: 'latin1' }), 400, 'COM10001', ['charset']],
      [create({ mode: 'ORACLE', charset: 'binary' }), 400, 'COM10001', ['charset']],
      [create({ collation: 'utf8mb4_zh_ci' }), 400, 'OBE21018', []],
      [create({ charset: 'gbk', collation: 'utf8mb4_bin' }), 400, 'OBE21018', []],
      [create({ description: 'd'.repeat(1024) }), 400, 'OBE21015', []],
      [create({ rootPassword: undefined }), 400, 'OBE11012', []],
      [create({ zones: [] }), 400, 'OBE21017', []],
      [create({ zones: [zone('zone1'), zone('zone1')] }), 400, 'OBE21017', []],
      [create({ zones: [zone('zone1'), zone('zone9')] }), 400, 'OBE21021', ['zone9']],
      [create({ zones: [zone('zone2', 'S9')] }), 400, 'OBE20002', ['S9']],
      [create({ zones: [zone('zone2', 'S0', 2)] }), 400, 'OBE23001', []],
      [create({ zones: [zone('zone2', 'S0', 0)] }), 400, 'OBE23001', []],
      [create({ primaryZone: 'zone1;zone4' }), 400, 'OBE21012', []],
      [create({ primaryZone: 'zone1;'.repeat(22) }), 400, 'OBE21011', []],
      // Does not fit: the big server's 2.5 cores, `test`'s 18 GB.
      [create({ primaryZone: 'zone1', zones: [zone('zone1', 'S3')] }), 400, 'OBE19018', [2.5]],
      [create({ primaryZone: 'zone1', zones: [zone('zone1', 'S3')] }, TEST), 400, 'OBE19019', [18 * GB, 32 * GB]],
      [create({}, 100), 400, 'OBE11003', [100, 'STANDBY']],
      [create({}, 999), 404, 'OBE11001', [999]],
      [['DELETE', `/api/v2/ob/clusters/1/tenants/${SYS}`, undefined], 400, 'OBE21006', ['sys']],
      [on(SYS, 'lock'), 400, 'OBE22100', ['sys']],
      [on(SYS, 'addReplica', [{ zoneName: 'zone1' }]), 400, 'OBE22100', ['sys']],
      [['DELETE', '/api/v2/ob/clusters/1/tenants/424242', undefined], 404, 'OBE21003', [424242]],
      [['DELETE', `/api/v2/ob/clusters/${TEST}/tenants/${TPCC}`, undefined], 404, 'OBE21003', [TPCC]],
      // The locked tenant: every change but lock, unlock and delete.
      [on(ORA_APP, 'modifyPrimaryZone', { primaryZone: 'zone1' }), 400, 'OBE21009', ['ora_app']],
      [on(ORA_APP, 'modifyWhitelist', { whitelist: '10.0.0.0/8' }), 400, 'OBE21009', ['ora_app']],
      [on(ORA_APP, 'changePassword', { newPassword: 'Tenant_pass1' }), 400, 'OBE21009', ['ora_app']],
      [on(ORA_APP, 'modifyReplica', [{ zoneName: 'zone1', resourcePool: { unitCount: 1 } }]), 400, 'OBE21009', ['ora_app']],
      [['DELETE', `/api/v2/ob/clusters/1/tenants/${ORA_APP}/units/${oraUnit}`, undefined], 400, 'OBE21009', ['ora_app']],
      // The tenant being created.
      [on(busy, 'lock'), 400, 'OBE21005', ['busy']],
      [['DELETE', `/api/v2/ob/clusters/1/tenants/${busy}`, undefined], 400, 'OBE21005', ['busy']],
      // Units: the only one of its zone, one the tenant lacks.
      [['DELETE', `/api/v2/ob/clusters/1/tenants/${TPCC}/units/${tpccUnit}`, undefined], 400, 'OBE23011', [tpccUnit]],
      [['DELETE', `/api/v2/ob/clusters/1/tenants/${TPCC}/units/${oraUnit}`, undefined], 404, 'OBE21023', [oraUnit]],
      // Replicas.
      [on(TPCC, 'addReplica', [{ zoneName: 'zone9' }]), 400, 'OBE21021', ['zone9']],
      [on(TPCC, 'addReplica', [{ zoneName: 'zone2' }]), 400, 'OBE21020', ['zone2']],
      [on(TPCC, 'deleteReplica', [{ zoneName: 'zone1' }, { zoneName: 'zone2' }, { zoneName: 'zone3' }]), 400, 'OBE23009', []],
      [on(TPCC, 'deleteReplica', [{ zoneName: 'zone9' }]), 400, 'OBE21021', ['zone9']],
      [on(TPCC, 'modifyReplica', [{ zoneName: 'zone2', resourcePool: { unitCount: 2 } }]), 400, 'OBE23001', []],
      [on(TPCC, 'modifyReplica', [{ zoneName: 'zone2', resourcePool: { unitSpecName: 'S9' } }]), 400, 'OBE20002', ['S9']],
      [on(TPCC, 'modifyReplica', [{ zoneName: 'zone1' }, { zoneName: 'zone2' }]), 400, 'OBE21017', []],
      // Settings.
      [on(TPCC, 'modifyPrimaryZone', { primaryZone: 'zone7' }), 400, 'OBE21012', []],
      [on(TPCC, 'modifyPrimaryZone', {}), 400, 'OBE21012', []],
      [on(TPCC, 'changePassword', { newPassword: 'foo' }), 400, 'OBE21014', []],
      [on(TPCC, 'changePassword', {}), 400, 'OBE11012', []],
      [on(TPCC, 'modifyWhitelist', { whitelist: ' ' }), 400, 'COM10001', ['whitelist']],
      [on(TPCC, 'modifyWhitelist', { whitelist: '1'.repeat(65535) }), 400, 'OBE21013', []],
      // A cluster that holds user tenants cannot be deleted.
      [['DELETE', `/api/v2/ob/clusters/${TEST}`, undefined], 400, 'CMP07000', ['OB_CLUSTER', 'test (tenants demo, t1, t2)']],
    ];
    for (const [[method, path, b], status, code, args] of cases) {
      const what = `${method} ${path} ${JSON.stringify(b)?.slice(0, 200)}`;
      const en = await m.call(method, path, b === undefined ? {} : { body: b });
      expect([en.status, en.json?.error?.code], `${what}: ${en.text.slice(0, 300)}`).toEqual([status, code]);
      expect(en.json.error.message, what).toBe(ocpText('en', code, args));
      const zh = await m.call(method, path, { ...(b === undefined ? {} : { body: b }), headers: { 'Accept-Language': 'zh-CN' } });
      expect([zh.status, zh.json.error.code, zh.json.error.message], what).toEqual([status, code, ocpText('zh', code, args)]);
    }
    expect(await world(m)).toEqual(before);
  });
});

/** A world whose scenario `tenant-sync-fails` fails "Sync tenant information" (every tenant task has it, after its resources are made). */
function mockWithFailingSync(options: Parameters<typeof mock>[0] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ocp-tenant-scenarios-'));
  writeFileSync(
    join(dir, 'tenant-sync-fails.yaml'),
    [
      'name: tenant-sync-fails',
      `description: '"Sync tenant information" fails; the tenant task ends FAILED.'`,
      'task:',
      '  nodes:',
      '    - node: Sync tenant information',
      '      outcome: fail',
      "      message: 'sync failed: the tenant did not answer'",
      '',
    ].join('\n'),
  );
  return mock({ scenariosDir: dir, ...options });
}
const FAILING = { headers: { 'X-OCP-Mock-Scenario': 'tenant-sync-fails' } };

const unitsOf = async (m: Mock, c: number, t: number) =>
  (await m.call('GET', `/api/v2/ob/clusters/${c}/tenants/${t}/units`)).json.data.contents.map((u: any) => [u.zoneName, u.serverId]);
const tenantCount = async (m: Mock, c: number) => (await m.call('GET', `/api/v2/ob/clusters/${c}`)).json.data.tenantCount;
const subtask = async (m: Mock, taskId: number, name: string) => (await m.task(taskId)).json.data.subtasks.find((s: any) => s.name === name);

/** Steps the clock a second at a time until `name` of the task has succeeded, checking `before` at every step until then; `after` once. */
async function stepUntil(m: Mock, taskId: number, name: string, before: () => Promise<void>, after: () => Promise<void>) {
  for (let i = 0; i < 600; i++) {
    if ((await subtask(m, taskId, name)).status === 'SUCCESSFUL') {
      expect((await m.task(taskId)).json.data.status).toBe('RUNNING');
      return after();
    }
    await before();
    m.advance(1000);
  }
  throw new Error(`${name} never succeeded`);
}

describe('tenants follow their tasks', () => {
  it('a create reads CREATING, its units show once "Create ob tenant" has succeeded, then NORMAL; the cluster’s tenantCount follows', async () => {
    const m = mock();
    expect(await tenantCount(m, TEST)).toBe(2);
    const res = await m.call('POST', `/api/v2/ob/clusters/${TEST}/tenants/createTenant`, {
      body: body({ name: 'shown', primaryZone: 'zone1', zones: [zone('zone1', 'S1')] }),
    });
    const { id: taskId, tenantId } = res.json.data;
    expect(await tenantCount(m, TEST)).toBe(3);
    const row = async () => (await m.call('GET', `/api/v2/ob/clusters/${TEST}/tenants?name=shown`)).json.data.contents[0];
    expect((await row()).status).toBe('CREATING');
    await stepUntil(
      m,
      taskId,
      'Create ob tenant',
      async () => {
        expect(await unitsOf(m, TEST, tenantId)).toEqual([]);
        expect((await detailOf(m, TEST, tenantId)).data.zones.map((z: any) => z.units)).toEqual([[]]);
        expect((await row()).status).toBe('CREATING');
      },
      async () => {
        expect(await unitsOf(m, TEST, tenantId)).toEqual([['zone1', 1_000_001]]);
        expect((await detailOf(m, TEST, tenantId)).data.zones[0].units).toHaveLength(1);
        expect((await row()).status).toBe('CREATING');
      },
    );
    m.advance(HOUR);
    expect((await m.task(taskId)).json.data.status).toBe('SUCCESSFUL');
    expect((await row()).status).toBe('NORMAL');
    expect(await tenantCount(m, TEST)).toBe(3);
    // The task list's row and the task's details carry the tenant, as the task pages print it.
    const listed = (await m.call('GET', '/api/v2/tasks/instances')).json.data.contents[0];
    expect(listed.tenant).toEqual({ id: tenantId, mode: 'MYSQL', name: 'shown', obTenantId: 1002 });
    expect(listed.cluster).toEqual({ id: TEST, name: 'test', obClusterId: 4, type: 'PRIMARY' });
    const sampleRow = JSON.parse(readFileSync(new URL('../fixtures/task_list_response.json', import.meta.url), 'utf8')).data.contents[0];
    expect([...pathTypes(listed)].sort()).toEqual([...pathTypes(sampleRow)].sort());
    expect((await m.task(taskId)).json.data.tenant).toEqual(listed.tenant);
  });

  it('a create rolled back takes the tenant and its units away; its name and room are free again', async () => {
    const m = mockWithFailingSync();
    const before = await world(m);
    const res = await m.call('POST', `/api/v2/ob/clusters/${TEST}/tenants/createTenant`, {
      body: body({ name: 'doomed', primaryZone: 'zone1', zones: [zone('zone1', 'S3')] }),
      ...FAILING,
    });
    const { id: taskId, tenantId } = res.json.data;
    m.advance(HOUR);
    expect((await m.task(taskId)).json.data.status).toBe('FAILED');
    // Failed after "Create ob tenant": the tenant reads what it read, its units are there, it is busy.
    expect((await detailOf(m, TEST, tenantId)).data.status).toBe('CREATING');
    expect(await unitsOf(m, TEST, tenantId)).toEqual([['zone1', 1_000_001]]);
    expect((await m.call('POST', `/api/v2/ob/clusters/${TEST}/tenants/${tenantId}/lock`)).json.error.code).toBe('OBE21005');
    expect((await m.call('POST', `/api/v2/tasks/instances/${taskId}/rollback`)).status).toBe(200);
    m.advance(HOUR);
    expect((await m.task(taskId)).json.data.status).toBe('SUCCESSFUL');
    expect((await detailOf(m, TEST, tenantId)).error.code).toBe('OBE21003');
    const after = await world(m);
    expect({ ...after, tasks: after.tasks - 1 }).toEqual(before);
    // Room for two S3 units on `test` again: the name and both fit.
    await created(m, TEST, { name: 'doomed', primaryZone: 'zone1', zones: [zone('zone1', 'S3')] });
    await created(m, TEST, { name: 'doomed2', primaryZone: 'zone1', zones: [zone('zone1', 'S3')] });
  });

  it('a delete reads DELETING, then the tenant is gone with its units; the cluster’s tenantCount follows and the cluster may go', async () => {
    const m = mock();
    const demo = (await m.call('GET', `/api/v2/ob/clusters/${TEST}/tenants?name=demo`)).json.data.contents[0].id;
    // A locked tenant may be deleted.
    expect((await m.call('POST', `/api/v2/ob/clusters/${TEST}/tenants/${demo}/lock`)).status).toBe(200);
    expect((await m.call('DELETE', `/api/v2/ob/clusters/${TEST}/tenants/${demo}`)).status).toBe(200);
    expect((await detailOf(m, TEST, demo)).data.status).toBe('DELETING');
    expect(await tenantCount(m, TEST)).toBe(2);
    m.advance(HOUR);
    expect((await detailOf(m, TEST, demo)).error.code).toBe('OBE21003');
    expect((await m.call('GET', `/api/v2/ob/clusters/${TEST}/tenants/${demo}/units`)).status).toBe(404);
    expect(await tenantCount(m, TEST)).toBe(1);
    const task = (await m.call('GET', '/api/v2/tasks/instances')).json.data.contents[0];
    expect([task.name, task.status, task.tenant.name]).toEqual(['Delete tenant', 'SUCCESSFUL', 'demo']);
    expect((await m.call('DELETE', `/api/v2/ob/clusters/${TEST}`)).status).toBe(200);
  });

  it('an added replica reads MODIFYING, its units show once "Wait alter locality" has succeeded; a rollback takes it away', async () => {
    const m = mockWithFailingSync();
    const id = await created(m, 1, { name: 'grows', primaryZone: 'zone2', zones: [zone('zone2'), zone('zone3')] });
    const two = await unitsOf(m, 1, id);
    const res = await m.call('POST', `/api/v2/ob/clusters/1/tenants/${id}/addReplica`, {
      body: [{ zoneName: 'zone1', resourcePool: { unitSpecName: 'S0', unitCount: 1 } }],
    });
    expect(res.status, res.text).toBe(200);
    expect((await detailOf(m, 1, id)).data.status).toBe('MODIFYING');
    await stepUntil(
      m,
      res.json.data.id,
      'Wait alter locality',
      async () => expect(await unitsOf(m, 1, id)).toEqual(two),
      async () => expect((await unitsOf(m, 1, id)).map(([z]: any) => z)).toEqual(['zone2', 'zone3', 'zone1']),
    );
    m.advance(HOUR);
    const grown = (await detailOf(m, 1, id)).data;
    expect([grown.status, grown.zoneList, grown.locality]).toEqual(['NORMAL', 'zone2;zone3;zone1', 'FULL{1}@zone2, FULL{1}@zone3, FULL{1}@zone1']);
    // Rolled back: as before the add.
    const other = await created(m, 1, { name: 'stays', primaryZone: 'zone2', zones: [zone('zone2'), zone('zone3')] });
    const before = (await detailOf(m, 1, other)).data;
    const add = (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${other}/addReplica`, { body: [{ zoneName: 'zone1' }], ...FAILING })).json.data;
    m.advance(HOUR);
    expect((await m.task(add.id)).json.data.status).toBe('FAILED');
    expect((await unitsOf(m, 1, other)).map(([z]: any) => z)).toEqual(['zone2', 'zone3', 'zone1']);
    expect((await m.call('POST', `/api/v2/tasks/instances/${add.id}/rollback`)).status).toBe(200);
    m.advance(HOUR);
    expect((await detailOf(m, 1, other)).data).toEqual(before);
  });

  it('a deleted replica goes once its task has succeeded, and stays if it is rolled back', async () => {
    const m = mockWithFailingSync();
    const before = (await detailOf(m, 1, TPCC)).data;
    const del = (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/deleteReplica`, { body: [{ zoneName: 'zone3' }], ...FAILING })).json.data;
    expect((await detailOf(m, 1, TPCC)).data.status).toBe('MODIFYING');
    m.advance(HOUR);
    expect((await m.task(del.id)).json.data.status).toBe('FAILED');
    expect((await m.call('POST', `/api/v2/tasks/instances/${del.id}/rollback`)).status).toBe(200);
    m.advance(HOUR);
    expect((await detailOf(m, 1, TPCC)).data).toEqual(before);
    expect((await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/deleteReplica`, { body: { zoneNname: 'zone3' } })).status).toBe(200);
    expect((await unitsOf(m, 1, TPCC)).map(([z]: any) => z)).toEqual(['zone1', 'zone2', 'zone3']);
    m.advance(HOUR);
    const after = (await detailOf(m, 1, TPCC)).data;
    expect([after.status, after.zoneList, after.zones.length]).toEqual(['NORMAL', 'zone1;zone2', 2]);
    expect((await unitsOf(m, 1, TPCC)).map(([z]: any) => z)).toEqual(['zone1', 'zone2']);
  });

  it('a modified replica takes its new size and count as its task succeeds, and is as it was once rolled back', async () => {
    const m = mockWithFailingSync();
    const before = (await detailOf(m, 1, TPCC)).data;
    const modify = { body: [{ zoneName: 'zone1', resourcePool: { unitSpecName: 'S1', unitCount: 2 } }] };
    const failed = (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/modifyReplica`, { ...modify, ...FAILING })).json.data;
    m.advance(HOUR);
    expect((await m.task(failed.id)).json.data.status).toBe('FAILED');
    expect((await m.call('POST', `/api/v2/tasks/instances/${failed.id}/rollback`)).status).toBe(200);
    m.advance(HOUR);
    expect((await detailOf(m, 1, TPCC)).data).toEqual(before);
    const res = (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/modifyReplica`, modify)).json.data;
    expect((await detailOf(m, 1, TPCC)).data.status).toBe('MODIFYING');
    await stepUntil(
      m,
      res.id,
      'Wait alter locality',
      async () => expect((await unitsOf(m, 1, TPCC)).filter(([z]: any) => z === 'zone1')).toHaveLength(1),
      async () => expect((await unitsOf(m, 1, TPCC)).filter(([z]: any) => z === 'zone1')).toHaveLength(2),
    );
    m.advance(HOUR);
    const z1 = (await detailOf(m, 1, TPCC)).data.zones[0];
    expect([z1.resourcePool.unitCount, z1.resourcePool.unitConfig, z1.units.length]).toEqual([
      2,
      { maxCpuCoreCount: 1.5, maxMemorySize: 6, minCpuCoreCount: 1.5, minMemorySize: 6 },
      2,
    ]);
    // And back to one unit: the surplus goes once the task has succeeded.
    expect(
      (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/modifyReplica`, { body: { zoneNname: 'zone1', resourcePool: { unitCount: 1 } } })).status,
    ).toBe(200);
    m.advance(HOUR);
    expect((await unitsOf(m, 1, TPCC)).filter(([z]: any) => z === 'zone1')).toHaveLength(1);
  });
});
