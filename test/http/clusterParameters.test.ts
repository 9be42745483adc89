/**
 * A cluster's root password (ocp-docs/cluster/2000), the parameter catalogue (2100), a cluster's
 * parameters (2200) and their modification (2300): each page's sample request answered path for
 * path and type for type as its sample (test/fixtures/cluster); OCP's errors in both languages;
 * a refused modification changes nothing; what was set survives a state file and its compaction,
 * and a reset forgets it.
 *
 * Sample typos and gaps, followed or named here:
 * - 2100's sample prints `"defaultValue": 40",` (a quote missing): the fixture reads `"40"`.
 * - 2100's and 2200's tables say `data` is an array; their samples print `{contents: [...]}`
 *   (followed). 2100's sample also prints `explanation` and `id`, 2200's `svrType` and
 *   `singleValueInCluster`, none in the tables (followed).
 * - 2200's sample's first row prints `currentValue` and `name` alone (the other rows all keys).
 * - 2200's sample prints ENUM, a type 2100's list of types omits (followed, in both).
 * - 2200's sample reads `enable_tcp_keepalive` True beside its default FALSE: the mock reads the default.
 * - 2300's sample sends `"value": 75` (a number) where its table says String: it is accepted.
 * - 2000's example `newPassword` `foo` breaks OCP's password rule (OBE11029): it is refused.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ObClusterParameter, ObParameterInfo } from '../../src/contract/clusterSettingsSchemas.js';
import { contentsOf, EmptyEnvelope, successEnvelope } from '../../src/contract/schemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/cluster/${name}`, import.meta.url), 'utf8'));
const INFO = sample('parameter_info_response.json');
const LIST = sample('list_parameters_response.json');
const MODIFY = sample('modify_parameters_response.json');
const PASSWORD = sample('change_password_response.json');
const TEST = 1_000_002;
const sorted = (paths: Iterable<string>) => [...new Set(paths)].sort();
/** The answer's paths, `valueToServers` (a map by value: its keys are values, not paths) with every key as `{value}`. */
const mapKeysFolded = (json: any) =>
  sorted(
    pathTypes({
      ...json,
      data: {
        contents: json.data.contents.map((p: any) => ({
          ...p,
          currentValue: { ...p.currentValue, valueToServers: Object.fromEntries(Object.values(p.currentValue.valueToServers).map((v) => ['{value}', v])) },
        })),
      },
    }),
  );
const envelopeKeys = (json: any) => Object.keys(json).sort();

type Mock = ReturnType<typeof mock>;
const parameters = async (m: Mock, id = 1) => (await m.call('GET', `/api/v2/ob/clusters/${id}/parameters`)).json.data.contents as any[];
const currentValues = async (m: Mock, name: string, id = 1) => (await parameters(m, id)).find((p) => p.name === name)?.currentValue.values;
const modify = (m: Mock, body: unknown, o: { id?: number; headers?: Record<string, string> } = {}) =>
  m.call('PUT', `/api/v2/ob/clusters/${o.id ?? 1}/parameters`, { body, headers: o.headers });

describe('GET /ob/clusters/parameterInfo (ocp-docs/cluster/2100)', () => {
  it('answers the sample path for path, and every row of the sample as the sample prints it', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/ob/clusters/parameterInfo');
    expect(res.status, res.text).toBe(200);
    successEnvelope(contentsOf(ObParameterInfo)).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    expect(sorted(pathTypes(res.json))).toEqual(sorted(pathTypes(INFO)));
    const byName = new Map((res.json.data.contents as any[]).map((p) => [p.name, p]));
    for (const row of INFO.data.contents) expect(byName.get(row.name), row.name).toEqual(row);
    const rows = res.json.data.contents as any[];
    expect(rows.some((p) => p.readonly) && rows.some((p) => p.needRestart)).toBe(true);
    expect(new Set(rows.map((p) => p.type))).toEqual(new Set(['BOOL', 'CAPACITY', 'DOUBLE', 'INT', 'MOMENT', 'STRING', 'STRING_LIST', 'TIME', 'ENUM']));
    // Registered before GET /ob/clusters/{id}: the fixed path wins, and the cluster read still works.
    expect((await m.call('GET', '/api/v2/ob/clusters/1')).json.data.name).toBe('cluster01');
    expect((await m.call('GET', '/ob/clusters/parameterInfo')).status).toBe(200);
  });
});

describe('GET /ob/clusters/{id}/parameters (ocp-docs/cluster/2200)', () => {
  it('answers the sample request (cluster 100) path for path, the sample rows with their ranges and values', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/ob/clusters/100/parameters');
    expect(res.status, res.text).toBe(200);
    successEnvelope(contentsOf(ObClusterParameter)).parse(res.json);
    expect(unsortedKeys(res.json.data.contents.map((p: any) => ({ ...p, currentValue: { ...p.currentValue, valueToServers: {} } })))).toEqual([]);
    expect(mapKeysFolded(res.json)).toEqual(mapKeysFolded(LIST));
    const byName = new Map((res.json.data.contents as any[]).map((p) => [p.name, p]));
    for (const row of LIST.data.contents) {
      const mine = byName.get(row.name);
      expect(mine, row.name).toBeDefined();
      if (row.valueRange) expect([row.name, mine.valueRange, mine.section]).toEqual([row.name, row.valueRange, row.section]);
      if (row.name !== 'enable_tcp_keepalive') expect([row.name, mine.currentValue.values]).toEqual([row.name, row.currentValue.values]);
    }
    const servers = (await m.call('GET', '/api/v2/ob/clusters/100/servers')).json.data.contents as any[];
    const tcp = byName.get('tcp_keepcnt');
    expect(tcp.currentValue.obParameters.map((o: any) => [o.svrIp, o.svrPort, o.zone])).toEqual(servers.map((s) => [s.ip, s.port, s.zoneName]));
    expect(tcp.currentValue.valueToServers).toEqual({ 10: servers.map((s) => `${s.ip}:${s.port}`) });
  });

  it('each server reads its own facts; hidden parameters and those newer than the cluster are not listed', async () => {
    const m = mock();
    const rows = await parameters(m);
    const zone = rows.find((p) => p.name === 'zone');
    expect(zone.currentValue.singleValueInCluster).toBe(false);
    expect(zone.currentValue.values).toEqual(['zone1', 'zone2', 'zone3']);
    expect(zone.currentValue.obParameters.every((o: any) => o.value === o.zone)).toBe(true);
    expect(await currentValues(m, 'cluster')).toEqual(['cluster01']);
    expect(await currentValues(m, 'cluster', 100)).toEqual(['cluster01_standby']);
    expect(rows.some((p) => p.name.startsWith('_'))).toBe(false);
    // `test` runs 2.2.73: tcp_keepidle came with 2.2.76.
    expect(await currentValues(m, 'tcp_keepidle')).toEqual(['7200s']);
    expect(await currentValues(m, 'tcp_keepidle', TEST)).toBeUndefined();
    expect((await m.call('GET', '/api/v2/ob/clusters/999/parameters')).json.error.code).toBe('OBE11001');
  });
});

describe('PUT /ob/clusters/{id}/parameters (ocp-docs/cluster/2300)', () => {
  it('takes the sample body (a number as value) and answers the sample; 2200 reads the values back as OceanBase keeps them', async () => {
    const m = mock();
    const res = await modify(m, [{ name: 'balancer_emergency_percentage', value: 75 }]);
    expect(res.status, res.text).toBe(200);
    EmptyEnvelope.parse(res.json);
    expect(envelopeKeys(res.json)).toEqual(envelopeKeys(MODIFY));
    expect(await currentValues(m, 'balancer_emergency_percentage')).toEqual(['75']);
    const more = await modify(m, [
      { name: 'enable_rebalance', value: 'off' },
      { name: 'enable_log_archive', value: 'true' },
      { name: 'memory_limit', value: '64G' },
      { name: 'syslog_level', value: 'warn' },
      { name: 'major_freeze_duty_time', value: '03:30' },
      { name: 'location_cache_cpu_quota', value: '2.5' },
    ]);
    expect(more.status, more.text).toBe(200);
    const read = Object.fromEntries((await parameters(m)).map((p) => [p.name, p.currentValue.values]));
    expect(read).toMatchObject({
      enable_rebalance: ['False'],
      enable_log_archive: ['True'],
      memory_limit: ['64G'],
      syslog_level: ['WARN'],
      major_freeze_duty_time: ['03:30'],
      location_cache_cpu_quota: ['2.5'],
    });
    // The other clusters keep theirs.
    expect(await currentValues(m, 'balancer_emergency_percentage', 100)).toEqual(['80']);
  });

  it.each([
    [
      'an unknown parameter',
      [{ name: 'no_such_parameter', value: '1' }],
      'OBE31201',
      'The no_such_parameter parameter is not found.',
      '未找到指定参数=no_such_parameter',
    ],
    [
      'a hidden one',
      [{ name: '_xa_gc_interval', value: '2h' }],
      'OBE31001',
      'OceanBase parameter _xa_gc_interval is a hidden parameter and cannot be modified.',
      'OceanBase 配置项 _xa_gc_interval 为隐藏参数，不允许修改',
    ],
    ['a read-only one', [{ name: 'rpc_port', value: '3882' }], 'OBE31204', 'The rpc_port parameter is readonly', '参数rpc_port只读，不允许修改'],
    [
      'above its maximum',
      [{ name: 'balancer_emergency_percentage', value: '101' }],
      'OBE31202',
      'The format of the value 101 of the balancer_emergency_percentage parameter is invalid.',
      '参数balancer_emergency_percentage的值101格式错误',
    ],
    [
      'below its minimum (in its unit)',
      [{ name: 'log_archive_checkpoint_interval', value: '4000ms' }],
      'OBE31202',
      'The format of the value 4000ms of the log_archive_checkpoint_interval parameter is invalid.',
      '参数log_archive_checkpoint_interval的值4000ms格式错误',
    ],
    [
      'of the wrong type',
      [{ name: 'tcp_keepcnt', value: 'ten' }],
      'OBE31202',
      'The format of the value ten of the tcp_keepcnt parameter is invalid.',
      '参数tcp_keepcnt的值ten格式错误',
    ],
    [
      'not an allowed value',
      [{ name: 'redundancy_level', value: 'LOW' }],
      'OBE31202',
      'The format of the value LOW of the redundancy_level parameter is invalid.',
      '参数redundancy_level的值LOW格式错误',
    ],
    [
      'without its unit',
      [{ name: 'memory_limit', value: '64' }],
      'OBE31002',
      'The unit of parameter memory_limit must be specified.',
      '配置项memory_limit必须指定单位',
    ],
  ])('refuses %s in both languages, 400', async (_what, body, code, en, zh) => {
    const m = mock();
    const res = await modify(m, body);
    expect([res.status, res.json.error.code, res.json.error.message]).toEqual([400, code, en]);
    expect((await modify(m, body, { headers: { 'Accept-Language': 'zh-CN' } })).json.error.message).toBe(zh);
  });

  it('refuses a parameter newer than the cluster (OBE19021), a bad body (COM10001), an unknown cluster (OBE11001)', async () => {
    const m = mock();
    const newer = await modify(m, [{ name: 'tcp_keepidle', value: '60s' }], { id: TEST });
    expect([newer.status, newer.json.error.code, newer.json.error.message]).toEqual([
      400,
      'OBE19021',
      'The OceanBase Database version 2.2.73 does not support the tcp_keepidle parameter.',
    ]);
    expect((await modify(m, [{ name: 'tcp_keepidle', value: '60s' }], { id: TEST, headers: { 'Accept-Language': 'zh-CN' } })).json.error.message).toBe(
      'OceanBase 版本 2.2.73 不支持参数 tcp_keepidle',
    );
    for (const body of [{ name: 'tcp_keepcnt', value: '5' }, [], [{ name: 'tcp_keepcnt' }], [{ value: '5' }], [{ name: 'tcp_keepcnt', value: null }]]) {
      const bad = await modify(m, body);
      expect([JSON.stringify(body), bad.status, bad.json.error.code]).toEqual([JSON.stringify(body), 400, 'COM10001']);
    }
    const raw = await m.call('PUT', '/api/v2/ob/clusters/1/parameters', { rawBody: 'not json', headers: { 'content-type': 'application/json' } });
    expect([raw.status, raw.json.error.code]).toEqual([400, 'COM10001']);
    const unknown = await modify(m, [{ name: 'tcp_keepcnt', value: '5' }], { id: 999 });
    expect([unknown.status, unknown.json.error.code]).toEqual([404, 'OBE11001']);
  });

  it('is all or none: one bad entry and nothing is set', async () => {
    const m = mock();
    const before = await parameters(m);
    const res = await modify(m, [
      { name: 'tcp_keepcnt', value: '5' },
      { name: 'balancer_emergency_percentage', value: '70' },
      { name: 'freeze_trigger_percentage', value: '100' },
    ]);
    expect([res.status, res.json.error.code]).toEqual([400, 'OBE31202']);
    expect(await parameters(m)).toEqual(before);
  });

  it('needs a RUNNING cluster (OBE11007) and CLUSTER_MANAGER; reading needs CLUSTER_VIEWER', async () => {
    const m = mock();
    expect((await m.call('POST', `/api/v2/ob/clusters/${TEST}/stop`)).status).toBe(200);
    m.advance(3_600_000);
    const stopped = await modify(m, [{ name: 'enable_rebalance', value: '0' }], { id: TEST });
    expect([stopped.status, stopped.json.error.code, stopped.json.error.message]).toEqual([
      400,
      'OBE11007',
      'Cluster test in the [STOPPED] state does not support this operation.',
    ]);
    expect((await currentValues(m, 'enable_rebalance', TEST)) ?? []).toEqual(['True']);
    const viewer = await m.call('PUT', '/api/v2/ob/clusters/1/parameters', { user: 'viewer', body: [{ name: 'tcp_keepcnt', value: '5' }] });
    expect([viewer.status, viewer.json.error.code]).toEqual([403, 'IAM11000']);
    expect((await m.call('GET', '/api/v2/ob/clusters/1/parameters', { user: 'viewer' })).status).toBe(403);
    expect((await m.call('GET', '/api/v2/ob/clusters/parameterInfo', { user: null })).status).toBe(401);
  });
});

describe('POST /ob/clusters/{id}/changePassword (ocp-docs/cluster/2000)', () => {
  it('answers the sample for a password that meets the rule; the page’s `foo` is OBE11029 in both languages', async () => {
    const m = mock();
    const ok = await m.call('POST', '/api/v2/ob/clusters/1/changePassword', { body: { newPassword: 'Root_pass1', saveToCredential: true } });
    expect(ok.status, ok.text).toBe(200);
    EmptyEnvelope.parse(ok.json);
    expect(envelopeKeys(ok.json)).toEqual(envelopeKeys(PASSWORD));
    expect(m.simulator.obCluster.passwords.matches(1, 'Root_pass1')).toBe(true);
    const foo = await m.call('POST', '/api/v2/ob/clusters/1/changePassword', { body: { newPassword: 'foo' } });
    expect([foo.status, foo.json.error.code]).toEqual([400, 'OBE11029']);
    expect(foo.json.error.message).toMatch(/^Invalid password format\. The password must be 8 to 32 characters/);
    const zh = await m.call('POST', '/api/v2/ob/clusters/1/changePassword', { body: { newPassword: 'foo' }, headers: { 'Accept-Language': 'zh-CN' } });
    expect(zh.json.error.message).toMatch(/^传入的密码格式不正确/);
    expect(m.simulator.obCluster.passwords.matches(1, 'Root_pass1')).toBe(true);
  });

  it.each([
    ['two kinds only', 'abcdefgh12', 'OBE11029'],
    ['too long', `Aa1_${'x'.repeat(29)}`, 'OBE11029'],
    ['a character of no kind', 'Abcdef12 ', 'OBE11029'],
    ['missing', undefined, 'OBE11012'],
    ['empty', '', 'OBE11012'],
  ])('refuses a password %s', async (_what, newPassword, code) => {
    const m = mock();
    const res = await m.call('POST', '/api/v2/ob/clusters/1/changePassword', { body: { newPassword } });
    expect([res.status, res.json.error.code]).toEqual([400, code]);
    expect(m.simulator.obCluster.passwords.matches(1, String(newPassword))).toBeUndefined();
  });

  it('OBE11012 in both languages; a bad type is COM10001; an unknown cluster OBE11001; a stopped one OBE11007; needs CLUSTER_MANAGER', async () => {
    const m = mock();
    const zh = await m.call('POST', '/api/v2/ob/clusters/1/changePassword', { body: {}, headers: { 'Accept-Language': 'zh-CN' } });
    expect([zh.json.error.code, zh.json.error.message]).toEqual(['OBE11012', '传入的密码参数不能为空']);
    expect((await m.call('POST', '/api/v2/ob/clusters/1/changePassword', { body: {} })).json.error.message).toBe('You must specify the password parameter.');
    expect((await m.call('POST', '/api/v2/ob/clusters/1/changePassword', { body: { newPassword: 12345678 } })).json.error.code).toBe('COM10001');
    expect((await m.call('POST', '/api/v2/ob/clusters/999/changePassword', { body: { newPassword: 'Root_pass1' } })).json.error.code).toBe('OBE11001');
    const viewer = await m.call('POST', '/api/v2/ob/clusters/1/changePassword', { user: 'viewer', body: { newPassword: 'Root_pass1' } });
    expect(viewer.status).toBe(403);
    await m.call('POST', `/api/v2/ob/clusters/${TEST}/stop`);
    m.advance(3_600_000);
    expect((await m.call('POST', `/api/v2/ob/clusters/${TEST}/changePassword`, { body: { newPassword: 'Root_pass1' } })).json.error.code).toBe('OBE11007');
  });
});

describe('a state file keeps parameters and passwords', () => {
  it('a restart replays them, a compaction writes them (no password in clear), a reset forgets them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-params-'));
    const stateFile = join(dir, 'state.jsonl');
    const a = mock({ stateFile });
    expect((await modify(a, [{ name: 'tcp_keepcnt', value: '5' }])).status).toBe(200);
    expect((await modify(a, [{ name: 'syslog_level', value: 'ERROR' }], { id: 100 })).status).toBe(200);
    expect((await a.call('POST', '/api/v2/ob/clusters/1/changePassword', { body: { newPassword: 'Root_pass1' } })).status).toBe(200);
    // A refused modification leaves no line.
    expect((await modify(a, [{ name: 'tcp_keepcnt', value: '0' }])).status).toBe(400);
    const snapshot = async (m: Mock) => ({ one: await parameters(m), standby: await parameters(m, 100) });
    const before = await snapshot(a);
    expect(before.one.find((p) => p.name === 'tcp_keepcnt').currentValue.values).toEqual(['5']);
    const b = mock({ stateFile });
    expect(await snapshot(b)).toEqual(before);
    expect(b.simulator.obCluster.passwords.matches(1, 'Root_pass1')).toBe(true);
    a.simulator.compactStateFile();
    const compacted = readFileSync(stateFile, 'utf8');
    expect(compacted.match(/"c":"clusterParameters"/g)?.length).toBe(2);
    expect(compacted).toContain('"c":"clusterPassword"');
    expect(compacted).not.toContain('Root_pass1');
    const c = mock({ stateFile });
    expect(await snapshot(c)).toEqual(before);
    expect(c.simulator.obCluster.passwords.matches(1, 'Root_pass1')).toBe(true);
    expect(c.simulator.obCluster.passwords.matches(1, 'Other_pass1')).toBe(false);
    await c.call('POST', '/__mock/reset');
    expect(await currentValues(c, 'tcp_keepcnt')).toEqual(['10']);
    expect(c.simulator.obCluster.passwords.matches(1, 'Root_pass1')).toBeUndefined();
    expect(await currentValues(mock({ stateFile }), 'tcp_keepcnt')).toEqual(['10']);
  });
});
