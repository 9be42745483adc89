/**
 * A tenant's parameters (ocp-docs/tenant/1700) and their modification (1800): each page's sample
 * request answered path for path and type for type as its sample (test/fixtures/tenant); OCP's
 * errors in both languages; a refused modification changes nothing; what was set survives a state
 * file and its compaction, goes with its tenant, and a reset forgets it.
 *
 * Sample gaps, followed or named here:
 * - 1700's sample elides rows with `......` (left out of the fixture, test/fixtures/README.md);
 *   its table says `data` is an array, the sample prints `{contents: [...]}` (followed); its rows
 *   print no `compatibleType` and their ENUM ranges no bounds: the mock prints those keys only
 *   where a parameter has them.
 * - 1700's sample asks tenant 21 of cluster 100, which the seeded world has not: cluster 100's
 *   `tpcc` answers it.
 * - 1800's sample sends `"value": 2` (a number) where its table says String: it is accepted.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentsOf, EmptyEnvelope, successEnvelope } from '../../src/contract/schemas.js';
import { TenantParameter } from '../../src/contract/tenantSchemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/tenant/${name}`, import.meta.url), 'utf8'));
const LIST = sample('list_tenant_parameters_response.json');
const MODIFY_BODY = sample('modify_tenant_parameters_request.json');
const MODIFY = sample('modify_tenant_parameters_response.json');
const sorted = (paths: Iterable<string>) => [...new Set(paths)].sort();
const envelopeKeys = (json: any) => Object.keys(json).sort();

/** The seeded tenants these tests use (ids from the seed's layout: sys tenants first, then the user ones in cluster order). */
const SYS = 1_000_001;
const TPCC = 1_000_004;
const ORA_APP = 1_000_005;
const STANDBY_TPCC = 1_000_006;
const DEMO = 1_000_008;
const TEST_CLUSTER = 1_000_002;
const TEST_SYS = 1_000_003;

type Mock = ReturnType<typeof mock>;
const base = (cluster: number, tenant: number) => `/api/v2/ob/clusters/${cluster}/tenants/${tenant}`;
const parameters = async (m: Mock, tenant = TPCC, cluster = 1) => (await m.call('GET', `${base(cluster, tenant)}/parameters`)).json.data.contents as any[];
const currentOf = async (m: Mock, name: string, tenant = TPCC, cluster = 1) =>
  (await parameters(m, tenant, cluster)).find((p) => p.name === name)?.currentValue;
const modify = (m: Mock, body: unknown, o: { cluster?: number; tenant?: number; headers?: Record<string, string> } = {}) =>
  m.call('PUT', `${base(o.cluster ?? 1, o.tenant ?? TPCC)}/parameters`, { body, headers: o.headers });

describe('GET /ob/clusters/{id}/tenants/{tenantId}/parameters (ocp-docs/tenant/1700)', () => {
  it('answers the sample request path for path (the keys a parameter may lack aside), its rows as the sample prints them', async () => {
    const m = mock();
    const res = await m.call('GET', `${base(100, STANDBY_TPCC)}/parameters`);
    expect(res.status, res.text).toBe(200);
    successEnvelope(contentsOf(TenantParameter)).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    // The sample's rows have no bounds and no mode of their own; the table's keys for those are the only others.
    const extra = ['data.contents[].compatibleType: string', 'data.contents[].valueRange.maxValue: string', 'data.contents[].valueRange.minValue: string'];
    expect(sorted(pathTypes(res.json))).toEqual(sorted([...pathTypes(LIST), ...extra]));
    const byName = new Map((res.json.data.contents as any[]).map((p) => [p.name, p]));
    for (const row of LIST.data.contents) expect(byName.get(row.name), row.name).toEqual(row);
    const names = (res.json.data.contents as any[]).map((p) => p.name);
    expect(names).toEqual([...names].sort());
  });

  it('lists the parameters of the tenant’s mode, its own facts in the read-only ones, no hidden ones', async () => {
    const m = mock();
    const mysql = new Map((await parameters(m, TPCC)).map((p) => [p.name, p]));
    const oracle = new Map((await parameters(m, ORA_APP)).map((p) => [p.name, p]));
    expect(mysql.get('sql_mode')).toMatchObject({ compatibleType: 'MYSQL', currentValue: 'STRICT_ALL_TABLES' });
    expect(oracle.has('sql_mode')).toBe(false);
    expect(oracle.get('nls_date_format')).toMatchObject({ compatibleType: 'ORACLE', currentValue: 'DD-MON-RR' });
    expect(mysql.has('nls_date_format')).toBe(false);
    expect([mysql.get('ob_compatibility_mode').currentValue, oracle.get('ob_compatibility_mode').currentValue]).toEqual(['MYSQL', 'ORACLE']);
    expect([mysql.get('collation_server').currentValue, oracle.get('collation_server').currentValue]).toEqual(['utf8mb4_general_ci', 'utf8mb4_bin']);
    const version = (await m.call('GET', '/api/v2/ob/clusters/1')).json.data.obVersion;
    expect(mysql.get('version_comment')).toMatchObject({ currentValue: `OceanBase ${version}`, readonly: true });
    expect([...mysql.keys(), ...oracle.keys()].some((n) => n.startsWith('_'))).toBe(false);
    expect(mysql.get('ob_default_replica_num')).toEqual({
      currentValue: '1',
      defaultValue: '1',
      description: 'The number of default replicas of a table created in the tenant.',
      name: 'ob_default_replica_num',
      readonly: false,
      valueRange: { maxValue: '7', minValue: '1', type: 'INT' },
    });
    expect((await parameters(m, SYS)).length).toBe(mysql.size);
  });

  it('404s an unknown tenant (OBE21003), a tenant of another cluster too, and an unknown cluster (OBE11001)', async () => {
    const m = mock();
    for (const [path, status, code] of [
      [`${base(1, 21)}/parameters`, 404, 'OBE21003'],
      [`${base(1, STANDBY_TPCC)}/parameters`, 404, 'OBE21003'],
      [`${base(999, TPCC)}/parameters`, 404, 'OBE11001'],
    ] as const) {
      const res = await m.call('GET', path);
      expect([path, res.status, res.json.error.code]).toEqual([path, status, code]);
    }
    expect((await m.call('GET', `${base(1, TPCC)}/parameters`, { user: null })).status).toBe(401);
  });
});

describe('PUT /ob/clusters/{id}/tenants/{tenantId}/parameters (ocp-docs/tenant/1800)', () => {
  it('takes the sample body (a number as value) and answers the sample; 1700 reads the values back as OceanBase keeps them', async () => {
    const m = mock();
    const res = await modify(m, MODIFY_BODY);
    expect(res.status, res.text).toBe(200);
    EmptyEnvelope.parse(res.json);
    expect(envelopeKeys(res.json)).toEqual(envelopeKeys(MODIFY));
    expect(await currentOf(m, 'ob_default_replica_num')).toBe('2');
    const more = await modify(m, [
      { name: 'autocommit', value: 'off' },
      { name: 'ob_query_timeout', value: 5_000_000 },
      { name: 'max_stale_time_for_weak_consistency', value: '10s' },
      { name: 'time_zone', value: '+00:00' },
      { name: 'tx_isolation', value: 'serializable' },
    ]);
    expect(more.status, more.text).toBe(200);
    const read = Object.fromEntries((await parameters(m)).map((p) => [p.name, p.currentValue]));
    expect(read).toMatchObject({
      autocommit: 'OFF',
      ob_query_timeout: '5000000',
      max_stale_time_for_weak_consistency: '10s',
      time_zone: '+00:00',
      tx_isolation: 'SERIALIZABLE',
    });
    // Other tenants keep theirs; the sys tenant's may be set too.
    expect(await currentOf(m, 'autocommit', STANDBY_TPCC, 100)).toBe('ON');
    expect(await currentOf(m, 'autocommit', SYS)).toBe('ON');
    expect((await modify(m, [{ name: 'ob_query_timeout', value: '1' }], { tenant: SYS })).status).toBe(200);
    expect(await currentOf(m, 'ob_query_timeout', SYS)).toBe('1');
  });

  it.each([
    [
      'an unknown parameter',
      [{ name: 'no_such_variable', value: '1' }],
      'OBE31301',
      'The no_such_variable tenant parameter is not found.',
      '未找到指定的租户参数=no_such_variable',
    ],
    [
      'one of the other mode',
      [{ name: 'nls_date_format', value: 'YYYY-MM-DD' }],
      'OBE31301',
      'The nls_date_format tenant parameter is not found.',
      '未找到指定的租户参数=nls_date_format',
    ],
    [
      'a hidden variable',
      [{ name: '_ob_enable_prepared_statement', value: 'ON' }],
      'OBE31101',
      'OceanBase system variables _ob_enable_prepared_statement are hidden and not allowed to be modified.',
      'OceanBase 系统变量 _ob_enable_prepared_statement 为隐藏变量，不允许修改',
    ],
    [
      'a read-only one',
      [{ name: 'lower_case_table_names', value: '0' }],
      'OBE31302',
      'The lower_case_table_names tenant parameter is read-only.',
      '指定的租户参数=lower_case_table_names为只读类型',
    ],
    [
      'above its maximum',
      [{ name: 'ob_default_replica_num', value: 8 }],
      'OBE31202',
      'The format of the value 8 of the ob_default_replica_num parameter is invalid.',
      '参数ob_default_replica_num的值8格式错误',
    ],
    [
      'not an allowed value',
      [{ name: 'autocommit', value: 'MAYBE' }],
      'OBE31202',
      'The format of the value MAYBE of the autocommit parameter is invalid.',
      '参数autocommit的值MAYBE格式错误',
    ],
    [
      'of the wrong type',
      [{ name: 'ob_query_timeout', value: 'soon' }],
      'OBE31202',
      'The format of the value soon of the ob_query_timeout parameter is invalid.',
      '参数ob_query_timeout的值soon格式错误',
    ],
    [
      'a time without its unit',
      [{ name: 'max_stale_time_for_weak_consistency', value: '10' }],
      'OBE31002',
      'The unit of parameter max_stale_time_for_weak_consistency must be specified.',
      '配置项max_stale_time_for_weak_consistency必须指定单位',
    ],
  ])('refuses %s in both languages, 400, and changes nothing', async (_what, body, code, en, zh) => {
    const m = mock();
    const before = await parameters(m);
    const res = await modify(m, body);
    expect([res.status, res.json.error.code, res.json.error.message]).toEqual([400, code, en]);
    expect((await modify(m, body, { headers: { 'Accept-Language': 'zh-CN' } })).json.error.message).toBe(zh);
    expect(await parameters(m)).toEqual(before);
  });

  it('is all or none: one bad entry and nothing is set', async () => {
    const m = mock();
    const before = await parameters(m);
    const res = await modify(m, [
      { name: 'autocommit', value: 'OFF' },
      { name: 'ob_query_timeout', value: '1000' },
      { name: 'ob_sql_work_area_percentage', value: '101' },
    ]);
    expect([res.status, res.json.error.code]).toEqual([400, 'OBE31202']);
    expect(await parameters(m)).toEqual(before);
  });

  it('refuses bad bodies (COM10001), a tenant not there (OBE21003), and needs CLUSTER_MANAGER', async () => {
    const m = mock();
    for (const body of [{ name: 'autocommit', value: 'ON' }, [], [{ name: 'autocommit' }], [{ value: 'ON' }], [{ name: 'autocommit', value: null }]]) {
      const bad = await modify(m, body);
      expect([JSON.stringify(body), bad.status, bad.json.error.code]).toEqual([JSON.stringify(body), 400, 'COM10001']);
    }
    expect((await modify(m, MODIFY_BODY, { tenant: 21 })).json.error.code).toBe('OBE21003');
    const viewer = await m.call('PUT', `${base(1, TPCC)}/parameters`, { user: 'viewer', body: MODIFY_BODY });
    expect([viewer.status, viewer.json.error.code]).toEqual([403, 'IAM11000']);
    expect(await currentOf(m, 'ob_default_replica_num')).toBe('1');
  });

  it('refuses a locked tenant (OBE21009), one that is not NORMAL (OBE21005), a standby’s (OBE11003), a stopped cluster’s (OBE11007)', async () => {
    const m = mock();
    const refused = async (o: { cluster?: number; tenant?: number }, code: string) => {
      const before = await parameters(m, o.tenant, o.cluster);
      const res = await modify(m, MODIFY_BODY, o);
      expect([o.tenant, res.status, res.json.error.code]).toEqual([o.tenant, 400, code]);
      expect(await parameters(m, o.tenant, o.cluster)).toEqual(before);
      return res;
    };
    expect((await m.call('POST', `${base(1, TPCC)}/lock`)).status).toBe(200);
    const locked = await refused({ tenant: TPCC }, 'OBE21009');
    expect(locked.json.error.message).toBe('Tenant tpcc is locked');
    expect((await modify(m, MODIFY_BODY, { headers: { 'Accept-Language': 'zh-CN' } })).json.error.message).toBe('租户 tpcc 已被锁定');
    expect((await m.call('POST', `${base(1, TPCC)}/unlock`)).status).toBe(200);
    expect((await modify(m, MODIFY_BODY)).status).toBe(200);
    await refused({ cluster: 100, tenant: STANDBY_TPCC }, 'OBE11003');
    // A tenant being deleted reads DELETING until its task is done.
    expect((await m.call('DELETE', base(TEST_CLUSTER, DEMO))).status).toBe(200);
    await refused({ cluster: TEST_CLUSTER, tenant: DEMO }, 'OBE21005');
    const n = mock();
    expect((await n.call('POST', `/api/v2/ob/clusters/${TEST_CLUSTER}/stop`)).status).toBe(200);
    n.advance(3_600_000);
    const stopped = await modify(n, MODIFY_BODY, { cluster: TEST_CLUSTER, tenant: DEMO });
    expect([stopped.status, stopped.json.error.code]).toEqual([400, 'OBE11007']);
  });
});

describe('a state file keeps tenant parameters', () => {
  it('a restart replays them, a compaction writes one line a live tenant (a deleted tenant’s, or a deleted cluster’s, go with it), a reset forgets them', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-tenant-params-')), 'state.jsonl');
    const a = mock({ stateFile });
    expect((await modify(a, MODIFY_BODY)).status).toBe(200);
    expect((await modify(a, [{ name: 'autocommit', value: 'OFF' }])).status).toBe(200);
    expect((await modify(a, [{ name: 'ob_query_timeout', value: '42' }], { tenant: SYS })).status).toBe(200);
    expect((await modify(a, [{ name: 'wait_timeout', value: '60' }], { cluster: TEST_CLUSTER, tenant: DEMO })).status).toBe(200);
    expect((await modify(a, [{ name: 'wait_timeout', value: '90' }], { cluster: TEST_CLUSTER, tenant: TEST_SYS })).status).toBe(200);
    // A refused modification leaves no line.
    expect((await modify(a, [{ name: 'autocommit', value: 'MAYBE' }])).status).toBe(400);
    const snapshot = async (m: Mock) => ({ tpcc: await parameters(m), sys: await parameters(m, SYS) });
    const before = await snapshot(a);
    expect(before.tpcc.find((p) => p.name === 'ob_default_replica_num').currentValue).toBe('2');
    expect(readFileSync(stateFile, 'utf8').match(/"c":"tenantParameters"/g)?.length).toBe(5);
    const b = mock({ stateFile });
    expect(await snapshot(b)).toEqual(before);
    // `demo` is deleted: its values go with it.
    expect((await a.call('DELETE', base(TEST_CLUSTER, DEMO))).status).toBe(200);
    a.advance(3_600_000);
    expect((await a.call('GET', `${base(TEST_CLUSTER, DEMO)}/parameters`)).json.error.code).toBe('OBE21003');
    // Cluster `test` is deleted (its last user tenant gone): its sys tenant's values go with it.
    expect((await a.call('DELETE', `/api/v2/ob/clusters/${TEST_CLUSTER}`)).status).toBe(200);
    a.advance(3_600_000);
    expect((await a.call('GET', `${base(TEST_CLUSTER, TEST_SYS)}/parameters`)).json.error.code).toBe('OBE11001');
    a.simulator.compactStateFile();
    const compacted = readFileSync(stateFile, 'utf8');
    expect(compacted.match(/"c":"tenantParameters"/g)?.length).toBe(2);
    expect(compacted).not.toContain(`"tenantId":${DEMO},"values"`);
    expect(compacted).not.toContain(`"tenantId":${TEST_SYS},"values"`);
    const c = mock({ stateFile });
    expect(await snapshot(c)).toEqual(before);
    expect((await c.call('GET', `${base(TEST_CLUSTER, DEMO)}/parameters`)).json.error.code).toBe('OBE11001');
    await c.call('POST', '/__mock/reset');
    expect(await currentOf(c, 'ob_default_replica_num')).toBe('1');
    expect(await currentOf(mock({ stateFile }), 'autocommit')).toBe('ON');
  });
});
