/**
 * The OB tenant calls' refusals (ocp-docs/tenant; src/modules/obTenant/lifecycle.ts lists the checks):
 * OCP's codes with their English and Chinese texts as OCP's error-code pages print them
 * (test/fixtures/ocp-error-codes.*.md), each leaving the world as it was (every tenant's details
 * with their units, the task count, each cluster's status and tenantCount); the units' room on
 * RUNNING servers only; the permissions; a cluster that is not RUNNING.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';
import { body, created, detailOf, GB, HOUR, ORA_APP, ocpText, SYS, TEST, TPCC, unitsOf, world, zone } from './tenantWorld.js';

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
      // Taken by a tenant still being created too.
      [create({ name: 'busy' }), 400, 'OBE21001', ['cluster01', 'busy']],
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
      // zone2's server: 11 GB free (sys, tpcc, ora_app, busy), with tpcc's 16 given back 27, S3 needs 32.
      [on(TPCC, 'modifyReplica', [{ zoneName: 'zone2', resourcePool: { unitSpecName: 'S3' } }]), 400, 'OBE19019', [27 * GB, 32 * GB]],
      [on(TPCC, 'addReplica', { zoneNname: 'zone1' }), 400, 'OBE21020', ['zone1']],
      [on(TPCC, 'modifyReplica', [{ zoneName: 'zone1' }, { zoneName: 'zone2' }]), 400, 'OBE21017', []],
      // Settings.
      [on(TPCC, 'modifyPrimaryZone', { primaryZone: 'zone7' }), 400, 'OBE21012', []],
      [on(TPCC, 'modifyPrimaryZone', {}), 400, 'OBE21012', []],
      [on(TPCC, 'changePassword', { newPassword: 'foo' }), 400, 'OBE21014', []],
      [on(TPCC, 'changePassword', {}), 400, 'OBE11012', []],
      [on(TPCC, 'modifyWhitelist', { whitelist: ' ' }), 400, 'COM10001', ['whitelist']],
      [on(TPCC, 'modifyWhitelist', { whitelist: '1'.repeat(65535) }), 400, 'OBE21013', []],
      // A zone or servers that hold user tenants' units (the cluster module asks this one).
      [['DELETE', '/api/v2/ob/clusters/1/zones/zone3', undefined], 400, 'OBE18007', ['zone3']],
      [['POST', '/api/v2/ob/clusters/1/servers/batchDelete', { servers: [1_000_003] }], 400, 'OBE19010', ['tpcc', 'zone1']],
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

describe('units go on RUNNING servers only', () => {
  it('with one of zone1’s two servers stopped: two units do not fit the count (OBE23001), one goes on the running server', async () => {
    const m = mock();
    expect((await m.call('POST', '/api/v2/ob/clusters/1/servers/1000003/stop')).status).toBe(200);
    m.advance(HOUR);
    const before = await world(m);
    const res = await m.call('POST', '/api/v2/ob/clusters/1/tenants/createTenant', {
      body: body({ name: 'two', primaryZone: 'zone1', zones: [zone('zone1', 'S0', 2)] }),
    });
    expect([res.status, res.json.error.code, res.json.error.message]).toEqual([400, 'OBE23001', ocpText('en', 'OBE23001', [])]);
    expect(await world(m)).toEqual(before);
    const one = await created(m, 1, { name: 'one', primaryZone: 'zone1', zones: [zone('zone1', 'S0', 1)] });
    expect(await unitsOf(m, 1, one)).toEqual([['zone1', 1_000_002]]);
  });
});

describe('permissions: reads CLUSTER_VIEWER, changes CLUSTER_MANAGER (inferred from the pages’ cluster and tenant permissions)', () => {
  it('a cluster viewer reads every tenant call and is refused every change (IAM11000), which changes nothing; a cluster manager changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-tenant-users-'));
    const usersFile = join(dir, 'users.json');
    writeFileSync(
      usersFile,
      JSON.stringify([
        { id: 1, username: 'cv', password: 'cv', roles: ['CLUSTER_VIEWER'] },
        { id: 2, username: 'cm', password: 'cm', roles: ['CLUSTER_MANAGER'] },
        { id: 100, username: 'admin', password: 'admin', roles: ['ADMIN'] },
      ]),
    );
    const m = mock({ usersFile });
    const as = (u: string) => ({ user: null, headers: { authorization: `Basic ${Buffer.from(`${u}:${u}`).toString('base64')}` } });
    for (const path of [
      '/api/v2/ob/tenants',
      '/api/v2/ob/unitSpecs',
      '/api/v2/ob/clusters/1/tenants',
      `/api/v2/ob/clusters/1/tenants/${TPCC}`,
      `/api/v2/ob/cluster/1/tenants/${TPCC}`,
      `/api/v2/ob/clusters/1/tenants/${TPCC}/units`,
      `/api/v2/ob/cluster/1/tenants/${TPCC}/units`,
    ]) {
      expect([path, (await m.call('GET', path, as('cv'))).status]).toEqual([path, 200]);
    }
    const before = await world(m);
    const t = `/api/v2/ob/clusters/1/tenants/${TPCC}`;
    const changes: [string, string, unknown][] = [
      ['POST', '/api/v2/ob/clusters/1/tenants/createTenant', body({ name: 'cv1' })],
      ['POST', '/api/v2/ob/clusters/1/tenants', body({ name: 'cv2' })],
      ['DELETE', t, undefined],
      ['POST', `${t}/lock`, undefined],
      ['POST', `${t}/unlock`, undefined],
      ['DELETE', `${t}/units/8`, undefined],
      ['POST', `${t}/addReplica`, [{ zoneName: 'zone1' }]],
      ['POST', `${t}/deleteReplica`, [{ zoneName: 'zone1' }]],
      ['POST', `${t}/modifyReplica`, [{ zoneName: 'zone1' }]],
      ['POST', `${t}/modifyPrimaryZone`, { primaryZone: 'zone1' }],
      ['POST', `${t}/changePassword`, { newPassword: 'Tenant_pass1' }],
      ['POST', `${t}/modifyWhitelist`, { whitelist: '10.0.0.0/8' }],
    ];
    for (const [method, path, b] of changes) {
      const res = await m.call(method, path, { ...as('cv'), ...(b === undefined ? {} : { body: b }) });
      expect([method, path, res.status, res.json.error.code]).toEqual([method, path, 403, 'IAM11000']);
    }
    expect(await world(m)).toEqual(before);
    expect((await m.call('POST', `${t}/lock`, as('cm'))).status).toBe(200);
    expect((await detailOf(m, 1, TPCC)).data.locked).toBe(true);
  });
});

describe('a cluster that is not RUNNING takes no tenant change (OBE11007)', () => {
  it('while `test` stops and once it has stopped: create, lock, delete refused, nothing changed', async () => {
    const m = mock();
    const demo = (await m.call('GET', `/api/v2/ob/clusters/${TEST}/tenants?name=demo`)).json.data.contents[0].id;
    expect((await m.call('POST', `/api/v2/ob/clusters/${TEST}/stop`)).status).toBe(200);
    for (const status of ['STOPPING', 'STOPPED']) {
      const before = await world(m);
      for (const [method, path, b] of [
        ['POST', `/api/v2/ob/clusters/${TEST}/tenants/createTenant`, body({ primaryZone: 'zone1', zones: [zone('zone1')] })],
        ['POST', `/api/v2/ob/clusters/${TEST}/tenants/${demo}/lock`, undefined],
        ['DELETE', `/api/v2/ob/clusters/${TEST}/tenants/${demo}`, undefined],
      ] as const) {
        const res = await m.call(method, path, b === undefined ? {} : { body: b });
        expect([res.status, res.json.error.code, res.json.error.message], path).toEqual([400, 'OBE11007', ocpText('en', 'OBE11007', ['test', status])]);
        const zh = await m.call(method, path, { ...(b === undefined ? {} : { body: b }), headers: { 'Accept-Language': 'zh-CN' } });
        expect(zh.json.error.message).toBe(ocpText('zh', 'OBE11007', ['test', status]));
      }
      expect(await world(m)).toEqual(before);
      m.advance(HOUR);
    }
  });
});
