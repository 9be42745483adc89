/**
 * The OB tenant calls page by page (ocp-docs/tenant 100-1600, 2000; src/modules/obTenant): each
 * page's sample request answered path for path, type for type and key order for key order as its
 * sample answer (test/fixtures/tenant, values are world data), an async one with its task's shape
 * (name, nodes in order, DAG as ranks, node constants, context keys in order); tenants following
 * their tasks (creates, deletes, rollbacks, the task list's tenant); the state file's replay and
 * compaction. The refusals are in tenantRefusals.test.ts, the replica calls in tenantReplicas.test.ts.
 *
 * Sample quirks named where they are met: 100's and 200's sample rows print `"mode":"Oracle"` (the
 * tables' values are MYSQL and ORACLE); 100's and 200's envelopes print `data` last (ours is
 * alphabetical, as 300's and 2000's samples print it); 400's (and 500's) sample body repeats zone2
 * in its primary zone `zone1,zone2;zone2`, and 500's answer prints `zone1,zone2;zone3`, not what
 * was sent; 1200's sample path says addReplica; 1400's sample answer misses its closing brace
 * (fixed in the fixture); 1500's sample password `foo` breaks OCP's rule (OBE21014).
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TenantCreateInstance } from '../../src/contract/tenantSchemas.js';
import { passwordDigest } from '../../src/modules/obTenant/tenants.js';
import { mock, pathTypes } from '../helpers.js';
import {
  body,
  created,
  detailOf,
  expectLikeSample,
  expectTaskLikeSample,
  FAILING,
  FAILING_ONCE,
  fixture,
  HOUR,
  type Mock,
  mockWithFailingSync,
  ORA_APP,
  stepUntil,
  TEST,
  TPCC,
  tenantCount,
  unitsOf,
  world,
  zone,
} from './tenantWorld.js';

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
    // 100's table says `name` is "the keyword in the cluster name"; 200's, the tenant's, as both answer here (*inferred* in src: the tenant's).
    const named = async (q: string) => (await m.call('GET', `/api/v2/ob/clusters/1/tenants?name=${q}`)).json.data.contents.map((t: any) => t.name);
    expect([await named('TP'), await named('clu')]).toEqual([['tpcc'], []]);
    // The other filters of the table: mode, locked, readonly, status (a StringArray), paging.
    expect((await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/lock`)).status).toBe(200);
    const q = async (query: string) => (await m.call('GET', `/api/v2/ob/clusters/1/tenants?${query}`)).json.data;
    expect((await q('mode=ORACLE')).contents.map((t: any) => t.name)).toEqual(['ora_app']);
    expect((await q('locked=true')).contents.map((t: any) => t.name)).toEqual(['tpcc']);
    expect((await q('readonly=true')).contents).toEqual([]);
    expect((await q('status=NORMAL&status=CREATING&size=2&page=2')).contents.map((t: any) => t.name)).toEqual(['ora_app']);
    expect((await q('status=MODIFYING')).page.totalElements).toBe(0);
  });

  it('100: the table’s sort example `asc,name` (direction first) sorts as `name,asc`', async () => {
    const m = mock();
    const names = async (sort: string) =>
      ((await m.call('GET', `/api/v2/ob/clusters/1/tenants?sort=${sort}`)).json.data.contents as { name: string }[]).map((t) => t.name);
    const ascending = await names('name,asc');
    expect(ascending).toEqual([...ascending].sort());
    expect(await names('asc,name')).toEqual(ascending);
    expect(await names('desc,name')).toEqual([...ascending].reverse());
    const refused = await m.call('GET', '/api/v2/ob/clusters/1/tenants?sort=asc,nosuch');
    expect([refused.status, refused.json.error.code]).toEqual([400, 'COM10011']);
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
    // Once created: NORMAL, none CREATING; the keyword in any case.
    expect((await m.call('GET', '/api/v2/ob/tenants?name=foo&status=CREATING')).json.data.contents).toEqual([]);
    expect((await m.call('GET', '/api/v2/ob/tenants?name=FOO&status=NORMAL&size=100')).json.data.page.totalElements).toBe(11);
  });

  it('300: a tenant’s details (the sample’s is a sys tenant), on the sample’s path and the page’s singular one', async () => {
    const m = mock();
    const res = await m.call('GET', `/api/v2/ob/clusters/${TEST}/tenants/1000003`);
    expectLikeSample(res, 'get_tenant_response.json');
    // A sys tenant reads as the sample's: its settings, its pool's configuration, its unit's port and status.
    const pick = (d: any) => ({
      ...Object.fromEntries(
        ['charset', 'collation', 'locked', 'mode', 'name', 'obTenantId', 'readonly', 'sqlAuditEnabled', 'status', 'whitelist'].map((k) => [k, d[k]]),
      ),
      replicaType: d.zones[0].replicaType,
      pool: { ...d.zones[0].resourcePool, id: undefined },
      unit: { serverPort: d.zones[0].units[0].serverPort, status: d.zones[0].units[0].status },
    });
    expect(pick(res.json.data)).toEqual(pick(fixture('get_tenant_response.json').data));
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
    // The table's filters: name (the example S1), type.
    const names = async (q: string) => (await m.call('GET', `/api/v2/ob/unitSpecs?${q}`)).json.data.contents.map((x: any) => x.name);
    expect([await names('name=S1'), await names('type=CUSTOM'), await names('type=SYSTEM&name=C1')]).toEqual([['S1'], ['C1'], []]);
    expect((await m.call('GET', '/api/v2/ob/unitSpecs?type=OTHER')).json.error.code).toBe('COM10001');
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
    // Made now: its createTime the instant of the request, milliseconds and all, as the sample's (`.355`) and its task's start.
    expect(want.data.createTime).toBe('2020-12-15T18:29:29.355+08:00');
    const task = (await m.call('GET', '/api/v2/tasks/instances')).json.data.contents[0];
    expect(res.json.data.createTime).toBe(task.startTime);
    expect(res.json.data.createTime).toMatch(/\.\d{1,3}\+08:00$/);
    expect((await detailOf(m, 1, res.json.data.id)).data.createTime).toBe(res.json.data.createTime);
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
    // 1400's sample answer misses its closing brace as printed: the fixture has it (test/fixtures/tenant/README.md).
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
    const digest = () => m.simulator.obTenant.tenants.tenant(1, TPCC).tenant.passwordDigest;
    expect(digest()).toBeUndefined();
    expectLikeSample(await m.call('POST', path, { body: { newPassword: 'Tenant_pass1' } }), 'change_password_response.json');
    // A digest is kept, never the password; a refused change leaves it.
    expect(digest()).toBe(passwordDigest(TPCC, 'Tenant_pass1'));
    expect((await m.call('POST', path, { body: { newPassword: 'weak' } })).status).toBe(400);
    expect(digest()).toBe(passwordDigest(TPCC, 'Tenant_pass1'));
  });
});

describe('what a create takes as sent and what it chooses', () => {
  it('an Oracle tenant ignores the collation sent (400: "invalid for Oracle tenants") and reads its charset’s, as the seeded ones do', async () => {
    const m = mock();
    const seeded = (await detailOf(m, 1, ORA_APP)).data;
    expect([seeded.mode, seeded.charset, seeded.collation]).toEqual(['ORACLE', 'utf8mb4', 'utf8mb4_bin']);
    const cases = [
      [{ charset: 'utf8mb4', collation: 'utf8mb4_general_ci' }, 'utf8mb4', 'utf8mb4_bin'],
      [{ charset: 'gbk', collation: 'nonsense' }, 'gbk', 'gbk_bin'],
      [{ charset: undefined, collation: undefined }, 'utf8mb4', 'utf8mb4_bin'],
    ] as const;
    for (const [i, [o, charset, collation]] of cases.entries()) {
      const res = await m.call('POST', `/api/v2/ob/clusters/${TEST}/tenants`, {
        body: body({ ...o, name: `ora${i}`, mode: 'ORACLE', primaryZone: 'zone1', zones: [zone('zone1')] }),
      });
      expect(res.status, res.text).toBe(200);
      const t = (await detailOf(m, TEST, res.json.data.id)).data;
      expect([t.mode, t.charset, t.collation]).toEqual(['ORACLE', charset, collation]);
    }
    // A MySQL tenant takes the collation sent, or its charset's default.
    const my = await m.call('POST', `/api/v2/ob/clusters/${TEST}/tenants`, {
      body: body({ name: 'my_gbk', charset: 'gbk', collation: undefined, primaryZone: 'zone1', zones: [zone('zone1')] }),
    });
    expect((await detailOf(m, TEST, my.json.data.id)).data.collation).toBe('gbk_chinese_ci');
  });
});

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

  it('a create that failed is retried to the end: NORMAL with its units', async () => {
    const m = mockWithFailingSync();
    const res = await m.call('POST', `/api/v2/ob/clusters/${TEST}/tenants/createTenant`, {
      body: body({ name: 'retried', primaryZone: 'zone1', zones: [zone('zone1')] }),
      ...FAILING_ONCE,
    });
    const { id: taskId, tenantId } = res.json.data;
    m.advance(HOUR);
    expect((await m.task(taskId)).json.data.status).toBe('FAILED');
    expect((await detailOf(m, TEST, tenantId)).data.status).toBe('CREATING');
    expect((await m.call('POST', `/api/v2/tasks/instances/${taskId}/retry`)).status).toBe(200);
    expect((await detailOf(m, TEST, tenantId)).data.status).toBe('CREATING');
    m.advance(HOUR);
    expect((await m.task(taskId)).json.data.status).toBe('SUCCESSFUL');
    const t = (await detailOf(m, TEST, tenantId)).data;
    expect([t.status, t.zones[0].units.length]).toEqual(['NORMAL', 1]);
    expect((await m.call('POST', `/api/v2/ob/clusters/${TEST}/tenants/${tenantId}/lock`)).status).toBe(200);
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
    // Its name is free again; a user tenant holds the cluster (CMP07000) until it is deleted too.
    const again = await created(m, TEST, { name: 'demo', primaryZone: 'zone1', zones: [zone('zone1')] });
    expect((await m.call('DELETE', `/api/v2/ob/clusters/${TEST}`)).json.error.code).toBe('CMP07000');
    expect((await m.call('DELETE', `/api/v2/ob/clusters/${TEST}/tenants/${again}`)).status).toBe(200);
    m.advance(HOUR);
    expect((await m.call('DELETE', `/api/v2/ob/clusters/${TEST}`)).status).toBe(200);
    m.advance(HOUR);
    expect((await m.call('GET', `/api/v2/ob/clusters/${TEST}/tenants`)).json.error.code).toBe('OBE11001');
  });
});

describe('a state file keeps the tenants', () => {
  it('a restart from the file (as after kill -9) replays every change; a compaction writes the records and replays to the same world', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-tenants-')), 'state.jsonl');
    // Every world with the scenario the failed task ran under (a restart takes the same options).
    const a = mockWithFailingSync({ stateFile });
    // Made and changed: a create, lock, primary zone, whitelist, password, a unit deleted, a replica added, a tenant deleted.
    const kept = await created(a, 1, { name: 'kept', primaryZone: 'zone1', zones: [zone('zone1', 'S0', 2), zone('zone2')] });
    const base = `/api/v2/ob/clusters/1/tenants/${kept}`;
    expect((await a.call('POST', `${base}/modifyPrimaryZone`, { body: { primaryZone: 'zone2;zone1' } })).status).toBe(200);
    expect((await a.call('POST', `${base}/modifyWhitelist`, { body: { whitelist: '10.0.0.0/8' } })).status).toBe(200);
    expect((await a.call('POST', `${base}/changePassword`, { body: { newPassword: 'Tenant_pass1', saveToCredential: false } })).status).toBe(200);
    const unit = (await a.call('GET', `${base}/units?zoneName=zone1`)).json.data.contents[1].id;
    expect((await a.call('DELETE', `${base}/units/${unit}`)).status).toBe(200);
    expect((await a.call('POST', `${base}/addReplica`, { body: [{ zoneName: 'zone3' }] })).status).toBe(200);
    // A create that fails and is rolled back.
    const gone = (
      await a.call('POST', '/api/v2/ob/clusters/1/tenants/createTenant', {
        body: body({ name: 'gone', primaryZone: 'zone3', zones: [zone('zone3')] }),
        ...FAILING,
      })
    ).json.data.id;
    a.advance(HOUR);
    expect((await a.call('POST', `/api/v2/tasks/instances/${gone}/rollback`)).status).toBe(200);
    expect((await a.call('POST', `${base}/lock`)).status).toBe(200);
    const demo = (await a.call('GET', `/api/v2/ob/clusters/${TEST}/tenants?name=demo`)).json.data.contents[0].id;
    expect((await a.call('DELETE', `/api/v2/ob/clusters/${TEST}/tenants/${demo}`)).status).toBe(200);
    a.advance(HOUR);
    // Still running when the file is read: a create (its units hidden), a replica change, a delete.
    expect((await a.call('DELETE', `/api/v2/ob/clusters/1/tenants/${ORA_APP}`)).status).toBe(200);
    expect(
      (await a.call('POST', `/api/v2/ob/clusters/${TEST}/tenants`, { body: body({ name: 'inflight', primaryZone: 'zone1', zones: [zone('zone1')] }) })).status,
    ).toBe(200);
    expect(
      (await a.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/modifyReplica`, { body: [{ zoneName: 'zone1', resourcePool: { unitCount: 2 } }] })).status,
    ).toBe(200);
    const seen = async (m: Mock) => ({ world: await world(m), now: m.simulator.now() });
    const before = await seen(a);
    expect(before.world.details.find((t: any) => t.name === 'kept')).toMatchObject({
      locked: true,
      primaryZone: 'zone2;zone1',
      whitelist: '10.0.0.0/8',
      zoneList: 'zone1;zone2;zone3',
    });
    expect(before.world.details.map((t: any) => t.name)).not.toContain('demo');
    expect(before.world.details.map((t: any) => t.name)).not.toContain('gone');
    // b: a restart from a copy of the file as it stands (so b's own writes stay out of a's).
    const copy = `${stateFile}.copy`;
    copyFileSync(stateFile, copy);
    const b = mockWithFailingSync({ stateFile: copy });
    expect(await seen(b)).toEqual(before);
    expect(b.simulator.obTenant.tenants.tenant(1, kept).tenant.passwordDigest).toBe(passwordDigest(kept, 'Tenant_pass1'));
    // A compaction while both tasks still run, read back from a copy (c): the same world.
    a.simulator.compactStateFile();
    expect(readFileSync(stateFile, 'utf8')).toContain('"c":"obTenants"');
    const copied = `${stateFile}.compacted`;
    copyFileSync(stateFile, copied);
    const c = mockWithFailingSync({ stateFile: copied });
    expect(await seen(c)).toEqual(before);
    // All three run on alike: the running tasks end alike, the hidden units shown, the surplus counted.
    for (const m of [a, b, c]) m.advance(HOUR);
    const after = await seen(a);
    expect(await seen(b)).toEqual(after);
    const compacted = await seen(c);
    expect(compacted).toEqual(after);
    expect(compacted.world.details.find((t: any) => t.name === 'inflight').zones[0].units).toHaveLength(1);
    expect(compacted.world.details.find((t: any) => t.name === 'tpcc').zones[0].units).toHaveLength(2);
    expect(before.world.details.find((t: any) => t.id === ORA_APP).status).toBe('DELETING');
    expect(compacted.world.details.map((t: any) => t.id)).not.toContain(ORA_APP);
    // Ids keep growing after a replay: the next tenant takes the id the live world would.
    const next = await c.call('POST', `/api/v2/ob/clusters/${TEST}/tenants`, { body: body({ name: 'after', primaryZone: 'zone1', zones: [zone('zone1')] }) });
    expect(next.json.data.id).toBeGreaterThan(Math.max(...compacted.world.details.map((t: any) => t.id)));
    const live = await a.call('POST', `/api/v2/ob/clusters/${TEST}/tenants`, { body: body({ name: 'after', primaryZone: 'zone1', zones: [zone('zone1')] }) });
    expect(next.json.data.id).toBe(live.json.data.id);
    expect((await c.call('GET', `/api/v2/ob/clusters/${TEST}/tenants/${next.json.data.id}/units`)).json.data.contents).toEqual([]);
  });
});
