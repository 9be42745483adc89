/**
 * A tenant's databases (ocp-docs/tenant/1900_100 to _400): each page's sample request answered
 * path for path and type for type as its sample (test/fixtures/tenant); OCP's errors in both
 * languages; a refused change changes nothing; the lists survive a state file and its
 * compaction, go with their tenant, and a reset forgets what was changed.
 *
 * Samples and the seeded world, named here:
 * - the samples ask tenant 1000001 of cluster 1, which is the sys tenant here: the list sample is
 *   answered there (OceanBase's system databases and `test`, as the sample lists them, ids
 *   likewise the tenant's obTenantId shifted by 40 bits plus 1, 2, 3 and 1000); the sys tenant's
 *   databases are not changed through these calls (OBE22100), so the create, modify and delete
 *   samples are answered on cluster 1's `tpcc`;
 * - the list's sample prints `connectionUrls[].type` where the table says `connectionStringType`
 *   (the sample is followed); create and modify print no `connectionUrls` (followed);
 * - the samples' paths repeat the ids as a query (`?id=1&tenantId=...`): sent as they are.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentsOf, EmptyEnvelope, successEnvelope } from '../../src/contract/schemas.js';
import { ObDatabase, ObDatabaseRow } from '../../src/contract/tenantSchemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/tenant/${name}`, import.meta.url), 'utf8'));
const LIST = sample('list_databases_response.json');
const CREATE_BODY = sample('create_database_request.json');
const CREATE = sample('create_database_response.json');
const MODIFY_BODY = sample('modify_database_request.json');
const MODIFY = sample('modify_database_response.json');
const DELETE = sample('delete_database_response.json');
const sorted = (paths: Iterable<string>) => [...new Set(paths)].sort();
const envelopeKeys = (json: any) => Object.keys(json).sort();
const TENANT_BITS = 2 ** 40;

const SYS = 1_000_001;
const TPCC = 1_000_004;
const ORA_APP = 1_000_005;
const STANDBY_TPCC = 1_000_006;
const DEMO = 1_000_008;
const TEST_CLUSTER = 1_000_002;

type Mock = ReturnType<typeof mock>;
const base = (cluster: number, tenant: number) => `/api/v2/ob/clusters/${cluster}/tenants/${tenant}`;
const databases = async (m: Mock, tenant = TPCC, cluster = 1) => (await m.call('GET', `${base(cluster, tenant)}/databases`)).json.data.contents as any[];
const names = async (m: Mock, tenant = TPCC, cluster = 1) => (await databases(m, tenant, cluster)).map((d) => d.dbName);
const create = (m: Mock, body: unknown, o: { cluster?: number; tenant?: number; headers?: Record<string, string> } = {}) =>
  m.call('POST', `${base(o.cluster ?? 1, o.tenant ?? TPCC)}/databases`, { body, headers: o.headers });
const modify = (m: Mock, dbName: string, body: unknown, o: { cluster?: number; tenant?: number; headers?: Record<string, string> } = {}) =>
  m.call('PUT', `${base(o.cluster ?? 1, o.tenant ?? TPCC)}/databases/${dbName}`, { body, headers: o.headers });
const remove = (m: Mock, dbName: string, o: { cluster?: number; tenant?: number; headers?: Record<string, string> } = {}) =>
  m.call('DELETE', `${base(o.cluster ?? 1, o.tenant ?? TPCC)}/databases/${dbName}`, { headers: o.headers });

describe('GET /ob/clusters/{id}/tenants/{tenantId}/databases (ocp-docs/tenant/1900_100)', () => {
  it('answers the sample request path for path, the sample’s databases in its order and with its ids', async () => {
    const m = mock();
    const res = await m.call('GET', `${base(1, SYS)}/databases?id=1&tenantId=${SYS}`);
    expect(res.status, res.text).toBe(200);
    successEnvelope(contentsOf(ObDatabaseRow)).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    expect(sorted(pathTypes(res.json))).toEqual(sorted(pathTypes(LIST)));
    const rows = res.json.data.contents as any[];
    expect(rows.map((d) => d.dbName)).toEqual(LIST.data.contents.map((d: any) => d.dbName));
    // The sample's tenant has obTenantId 1001, the sys tenant 1: the same sequences under them.
    expect(rows.map((d) => d.id - TENANT_BITS)).toEqual(LIST.data.contents.map((d: any) => d.id - 1001 * TENANT_BITS));
    for (const d of rows) {
      expect([d.charset, d.collation, d.readonly, d.connectionUrls.length]).toEqual(['utf8mb4', 'utf8mb4_general_ci', false, 1]);
      expect(d.connectionUrls[0]).toEqual({
        connectionString: expect.stringMatching(new RegExp(`^jdbc:mysql://\\d+\\.\\d+\\.\\d+\\.\\d+:2881/${d.dbName}$`)),
        type: 'DIRECT',
      });
    }
    // The connection is to an OB server of the tenant's.
    const ips = (await m.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents.map((s: any) => s.ip);
    expect(ips).toContain(rows[0].connectionUrls[0].connectionString.split('//')[1].split(':')[0]);
  });

  it('a seeded MySQL user tenant has two databases of its own, the same on every start and on its standby copy; an Oracle tenant none', async () => {
    const m = mock();
    const tpcc = await databases(m);
    expect(tpcc.map((d) => d.dbName).slice(0, 4)).toEqual(['oceanbase', 'information_schema', 'mysql', 'test']);
    expect(tpcc).toHaveLength(6);
    expect(tpcc.map((d) => d.id - 1001 * TENANT_BITS)).toEqual([1, 2, 3, 1000, 1001, 1002]);
    expect(tpcc.every((d) => d.createTime && !('primaryZone' in d))).toBe(true);
    expect(await databases(mock())).toEqual(tpcc);
    expect(await names(m, STANDBY_TPCC, 100)).toEqual(tpcc.map((d) => d.dbName));
    expect(await names(m, SYS)).toHaveLength(4);
    expect(await databases(m, ORA_APP)).toEqual([]);
    expect((await m.call('GET', `${base(1, 21)}/databases`)).json.error.code).toBe('OBE21003');
    expect((await m.call('GET', `${base(999, TPCC)}/databases`)).json.error.code).toBe('OBE11001');
    expect((await m.call('GET', `${base(1, TPCC)}/databases`, { user: null })).status).toBe(401);
  });
});

describe('POST, PUT and DELETE .../databases (ocp-docs/tenant/1900_200, _300, _400)', () => {
  it('creates with the sample body and answers as the sample; the list shows it with its connection string', async () => {
    const m = mock();
    const res = await m.call('POST', `${base(1, TPCC)}/databases?id=1&tenantId=${TPCC}`, { body: CREATE_BODY });
    expect(res.status, res.text).toBe(200);
    successEnvelope(ObDatabase).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    expect(sorted(pathTypes(res.json))).toEqual(sorted(pathTypes(CREATE)));
    const { createTime, id, ...rest } = res.json.data;
    const { createTime: _t, id: _i, ...sampleRest } = CREATE.data;
    expect(rest).toEqual(sampleRest);
    expect(id).toBe(1001 * TENANT_BITS + 1003);
    expect(createTime).toBe(res.json.timestamp);
    const listed = (await databases(m)).find((d) => d.dbName === 'db1');
    expect(listed).toMatchObject({ ...res.json.data, connectionUrls: [{ connectionString: expect.stringMatching(/:2881\/db1$/), type: 'DIRECT' }] });
    // Another collation takes its charset; no primary zone, none printed.
    const gbk = await create(m, { dbName: 'db_gbk', collation: 'gbk_bin', readonly: true });
    expect(gbk.json.data).toMatchObject({ charset: 'gbk', collation: 'gbk_bin', readonly: true, id: 1001 * TENANT_BITS + 1004 });
    expect('primaryZone' in gbk.json.data).toBe(false);
    expect((await create(m, { dbName: 'db_default', readonly: false })).json.data).toMatchObject({ charset: 'utf8mb4', collation: 'utf8mb4_general_ci' });
  });

  it('modifies with the sample path and body and answers as the sample; a collation, a primary zone, the read-only flag change', async () => {
    const m = mock();
    expect((await create(m, { dbName: 'db1', readonly: true, collation: 'utf8mb4_bin' })).status).toBe(200);
    const res = await m.call('PUT', `${base(1, TPCC)}/databases/db1?id=1&tenantId=${TPCC}&dbName=db1`, { body: MODIFY_BODY });
    expect(res.status, res.text).toBe(200);
    successEnvelope(ObDatabase).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    expect(sorted(pathTypes(res.json))).toEqual(sorted(pathTypes(MODIFY)));
    const { createTime: _c, id: _i, ...rest } = res.json.data;
    const { createTime: _t, id: _j, ...sampleRest } = MODIFY.data;
    expect(rest).toEqual(sampleRest);
    const changed = await modify(m, 'db1', { collation: 'gb18030_chinese_ci', primaryZone: 'zone2;zone1,zone3', readonly: true });
    expect(changed.json.data).toMatchObject({ charset: 'gb18030', collation: 'gb18030_chinese_ci', primaryZone: 'zone2;zone1,zone3', readonly: true });
    // An empty primary zone gives the database's back: the tenant's applies, none is printed.
    const cleared = await modify(m, 'db1', { primaryZone: '', readonly: false });
    expect('primaryZone' in cleared.json.data).toBe(false);
    expect(cleared.json.data).toMatchObject({ collation: 'gb18030_chinese_ci', readonly: false, id: changed.json.data.id });
    expect((await databases(m)).find((d) => d.dbName === 'db1')).toMatchObject(cleared.json.data);
    // `test` is an ordinary database.
    expect((await modify(m, 'test', { readonly: true })).json.data.readonly).toBe(true);
  });

  it('deletes with the sample path and answers as the sample; a name freed is taken again with a new id', async () => {
    const m = mock();
    const made = (await create(m, CREATE_BODY)).json.data;
    const res = await m.call('DELETE', `${base(1, TPCC)}/databases/db1?id=1&tenantId=${TPCC}&dbName=db1`);
    expect(res.status, res.text).toBe(200);
    EmptyEnvelope.parse(res.json);
    expect(envelopeKeys(res.json)).toEqual(envelopeKeys(DELETE));
    expect(await names(m)).not.toContain('db1');
    const again = await remove(m, 'db1');
    expect([again.status, again.json.error.code, again.json.error.message]).toEqual([404, 'OBE61002', 'Database db1 does not exist.']);
    const remade = (await create(m, CREATE_BODY)).json.data;
    expect(remade.id).toBe(made.id + 1);
    expect((await remove(m, 'test')).status).toBe(200);
    expect(await names(m)).not.toContain('test');
  });

  const REFUSALS: [string, (m: Mock, o: { headers?: Record<string, string> }) => Promise<any>, number, string, string, string][] = [
    [
      'a name of the wrong form',
      (m, o) => create(m, { dbName: 'Db1', readonly: false }, o),
      400,
      'OBE61000',
      'Invalid database name format. The database name must start with a letter. It must be 2 to 128 characters in length, and can contain lowercase letters, digits, and underscores (_).',
      '输入的数据库名格式不正确，需要以英文字母开头，可包括小写字母、数字和下划线，长度在2与128之间',
    ],
    [
      'a name taken',
      (m, o) => create(m, { dbName: 'test', readonly: false }, o),
      400,
      'OBE61001',
      'Database name test already exists.',
      '输入的数据库名test已经存在',
    ],
    [
      'an unknown collation',
      (m, o) => create(m, { dbName: 'db1', collation: 'latin1_swedish_ci', readonly: false }, o),
      400,
      'OBE61005',
      'Invalid collation.',
      '传入的collation不正确',
    ],
    [
      'a zone not the tenant’s',
      (m, o) => create(m, { dbName: 'db1', primaryZone: 'zone9', readonly: false }, o),
      400,
      'OBE21012',
      'Invalid primary zone name.',
      '输入的primary zone不正确',
    ],
    ['a modify of nothing', (m, o) => modify(m, 'test', {}, o), 400, 'OBE61003', 'You must specify the database parameters.', '修改数据库传参不能为空'],
    [
      'a modify of a database not there',
      (m, o) => modify(m, 'nope', { readonly: true }, o),
      404,
      'OBE61002',
      'Database nope does not exist.',
      '指定的数据库nope不存在',
    ],
    [
      'a system database modified',
      (m, o) => modify(m, 'mysql', { readonly: true }, o),
      400,
      'OBE61004',
      'Database mysql does not support this operation.',
      '数据库mysql不允许进行该操作',
    ],
    [
      'a system database deleted',
      (m, o) => remove(m, 'oceanbase', o),
      400,
      'OBE61004',
      'Database oceanbase does not support this operation.',
      '数据库oceanbase不允许进行该操作',
    ],
    [
      'an Oracle tenant’s',
      (m, o) => create(m, { dbName: 'db1', readonly: false }, { ...o, tenant: ORA_APP }),
      400,
      'OBE61006',
      'This operation is not supported for Oracle tenants.',
      'Oracle租户不支持该操作',
    ],
    [
      'the sys tenant’s',
      (m, o) => create(m, CREATE_BODY, { ...o, tenant: SYS }),
      400,
      'OBE22100',
      'This operation is not allowed for the sys tenant.',
      '指定的租户sys，不允许进行该操作',
    ],
    [
      'a tenant not there',
      (m, o) => remove(m, 'test', { ...o, tenant: 21 }),
      404,
      'OBE21003',
      'The tenant with the ID of 21 does not exist.',
      '指定的租户id=21不存在',
    ],
  ];

  it.each(REFUSALS)('refuses %s in both languages and changes nothing', async (_what, send, status, code, en, zh) => {
    const m = mock();
    const before = [await databases(m), await databases(m, SYS), await databases(m, ORA_APP)];
    const res = await send(m, {});
    expect([res.status, res.json.error.code, res.json.error.message]).toEqual([status, code, en]);
    expect((await send(m, { headers: { 'Accept-Language': 'zh-CN' } })).json.error.message).toBe(zh);
    expect([await databases(m), await databases(m, SYS), await databases(m, ORA_APP)]).toEqual(before);
  });

  it('checks names as OBE61000 says, wants `readonly` (COM10001) and CLUSTER_MANAGER', async () => {
    const m = mock();
    const before = await databases(m);
    for (const dbName of ['a', '1db', 'db-1', 'DB', `d${'b'.repeat(128)}`, '', undefined]) {
      const res = await create(m, { dbName, readonly: false });
      expect([dbName, res.status, res.json.error.code]).toEqual([dbName, 400, 'OBE61000']);
    }
    expect((await create(m, { dbName: `d${'b'.repeat(127)}`, readonly: false })).status).toBe(200);
    expect((await remove(m, `d${'b'.repeat(127)}`)).status).toBe(200);
    for (const send of [
      () => create(m, { dbName: 'db1' }),
      () => create(m, { dbName: 'db1', readonly: 'no' }),
      () => modify(m, 'test', { collation: 'utf8mb4_bin' }),
    ]) {
      const res = await send();
      expect([res.status, res.json.error.code]).toEqual([400, 'COM10001']);
    }
    const viewer = await m.call('POST', `${base(1, TPCC)}/databases`, { user: 'viewer', body: CREATE_BODY });
    expect([viewer.status, viewer.json.error.code]).toEqual([403, 'IAM11000']);
    expect((await m.call('DELETE', `${base(1, TPCC)}/databases/test`, { user: 'viewer' })).status).toBe(403);
    expect(await databases(m)).toEqual(before);
  });

  it('refuses a locked tenant (OBE21009), one that is not NORMAL (OBE21005), a standby’s (OBE11003), a stopped cluster’s (OBE11007)', async () => {
    const m = mock();
    const refused = async (o: { cluster?: number; tenant?: number }, code: string) => {
      const before = await databases(m, o.tenant, o.cluster);
      for (const res of [await create(m, CREATE_BODY, o), await modify(m, 'test', { readonly: true }, o), await remove(m, 'test', o)])
        expect([o.tenant, res.status, res.json.error.code]).toEqual([o.tenant, 400, code]);
      expect(await databases(m, o.tenant, o.cluster)).toEqual(before);
    };
    expect((await m.call('POST', `${base(1, TPCC)}/lock`)).status).toBe(200);
    await refused({ tenant: TPCC }, 'OBE21009');
    expect((await m.call('POST', `${base(1, TPCC)}/unlock`)).status).toBe(200);
    expect((await create(m, CREATE_BODY)).status).toBe(200);
    await refused({ cluster: 100, tenant: STANDBY_TPCC }, 'OBE11003');
    expect((await m.call('DELETE', base(TEST_CLUSTER, DEMO))).status).toBe(200);
    await refused({ cluster: TEST_CLUSTER, tenant: DEMO }, 'OBE21005');
    const n = mock();
    expect((await n.call('POST', `/api/v2/ob/clusters/${TEST_CLUSTER}/stop`)).status).toBe(200);
    n.advance(3_600_000);
    const stopped = await create(n, CREATE_BODY, { cluster: TEST_CLUSTER, tenant: DEMO });
    expect([stopped.status, stopped.json.error.code]).toEqual([400, 'OBE11007']);
  });

  it('a created tenant has the system databases and `test` (none of its own), and takes new ones', async () => {
    const m = mock();
    const zone = (await m.call('GET', '/api/v2/ob/clusters/1/zones')).json.data.contents[0].name;
    const made = await m.call('POST', '/api/v2/ob/clusters/1/tenants/createTenant', {
      body: {
        name: 'fresh',
        mode: 'MYSQL',
        rootPassword: 'xxxxx',
        zones: [{ name: zone, replicaType: 'FULL', resourcePool: { unitSpecName: 'S0', unitCount: 1 } }],
      },
    });
    expect(made.status, made.text).toBe(200);
    const id = made.json.data.tenantId;
    expect((await create(m, CREATE_BODY, { tenant: id })).json.error.code).toBe('OBE21005');
    m.advance(3_600_000);
    expect(await names(m, id)).toEqual(['oceanbase', 'information_schema', 'mysql', 'test']);
    const db = await create(m, { ...CREATE_BODY, primaryZone: zone }, { tenant: id });
    expect(db.status, db.text).toBe(200);
    expect(await names(m, id)).toEqual(['oceanbase', 'information_schema', 'mysql', 'test', 'db1']);
  });
});

describe('a state file keeps the databases', () => {
  it('a restart replays them, a compaction writes one line a changed live tenant (a deleted tenant’s go with it), a reset forgets them', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-tenant-dbs-')), 'state.jsonl');
    const a = mock({ stateFile });
    expect((await create(a, CREATE_BODY)).status).toBe(200);
    expect((await modify(a, 'db1', { collation: 'utf8mb4_bin', readonly: true })).status).toBe(200);
    expect((await remove(a, 'test')).status).toBe(200);
    expect((await create(a, { dbName: 'demo_db', readonly: false }, { cluster: TEST_CLUSTER, tenant: DEMO })).status).toBe(200);
    // A refused change leaves no line.
    expect((await create(a, { dbName: 'db1', readonly: false })).status).toBe(400);
    expect(readFileSync(stateFile, 'utf8').match(/"c":"tenantDatabases"/g)?.length).toBe(4);
    const snapshot = async (m: Mock) => ({ tpcc: await databases(m), demo: await databases(m, DEMO, TEST_CLUSTER), sys: await databases(m, SYS) });
    const before = await snapshot(a);
    expect(before.tpcc.map((d) => d.dbName)).toEqual(['oceanbase', 'information_schema', 'mysql', ...before.tpcc.slice(3, 5).map((d) => d.dbName), 'db1']);
    const b = mock({ stateFile });
    expect(await snapshot(b)).toEqual(before);
    // An id handed out and freed is not handed out again, after a compaction too (db3 below).
    expect((await create(a, { dbName: 'db2', readonly: false })).json.data.id).toBe(1001 * TENANT_BITS + 1004);
    expect((await remove(a, 'db2')).status).toBe(200);
    // `demo` is deleted: its databases go with it.
    expect((await a.call('DELETE', base(TEST_CLUSTER, DEMO))).status).toBe(200);
    a.advance(3_600_000);
    expect((await a.call('GET', `${base(TEST_CLUSTER, DEMO)}/databases`)).json.error.code).toBe('OBE21003');
    a.simulator.compactStateFile();
    const compacted = readFileSync(stateFile, 'utf8');
    expect(compacted.match(/"c":"tenantDatabases"/g)?.length).toBe(1);
    expect(compacted).not.toContain('demo_db');
    const c = mock({ stateFile });
    const after = await databases(c);
    expect(after).toEqual(before.tpcc);
    expect((await c.call('GET', `${base(TEST_CLUSTER, DEMO)}/databases`)).json.error.code).toBe('OBE21003');
    expect((await create(c, { dbName: 'db3', readonly: false })).json.data.id).toBe(1001 * TENANT_BITS + 1005);
    await c.call('POST', '/__mock/reset');
    expect(await names(c)).toEqual(await names(mock()));
    expect(await names(mock({ stateFile }))).toContain('test');
  });
});
