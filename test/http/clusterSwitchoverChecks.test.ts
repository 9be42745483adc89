/**
 * The switchover and failover pre-checks (ocp-docs/cluster/2600, 2700) on the seeded pair:
 * `cluster01_standby` (100, STANDBY) and its primary `cluster01` (1). Each page's sample shape
 * (a failing check as 2600's sample, a passing one as 2700's); OBE11003 on a cluster that is not a
 * standby, in both languages; the checks follow the world (a stopped cluster, zone or agent, a
 * task still open) and the exported functions say the same as the calls.
 *
 * Sample typos and gaps, named here:
 * - 2700's sample opens with `{ {` (a brace too many): the fixture has one.
 * - Both tables list `clusterId` and `clusterName` beside `result`; both samples print `result`
 *   alone (followed).
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ObPreCheck } from '../../src/contract/clusterSettingsSchemas.js';
import { successEnvelope } from '../../src/contract/schemas.js';
import { failoverPreCheck, switchoverPreCheck } from '../../src/modules/obCluster/index.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/cluster/${name}`, import.meta.url), 'utf8'));
const SWITCHOVER = sample('switchover_pre_check_response.json');
const FAILOVER = sample('failover_pre_check_response.json');
const STANDBY = 100;
const HOUR = 3_600_000;
const sorted = (paths: Iterable<string>) => [...new Set(paths)].sort();

type Mock = ReturnType<typeof mock>;
const check = (m: Mock, kind: 'switchover' | 'failover', id = STANDBY, headers: Record<string, string> = {}) =>
  m.call('POST', `/api/v2/ob/clusters/${id}/${kind}PreCheck`, { headers });
const result = async (m: Mock, kind: 'switchover' | 'failover') => {
  const res = await check(m, kind);
  expect(res.status, res.text).toBe(200);
  return res.json.data.result as { messages: string[]; valid: boolean };
};

describe('POST /ob/clusters/{id}/switchoverPreCheck and failoverPreCheck (ocp-docs/cluster/2600, 2700)', () => {
  it('answer the samples path for path: a passing check as 2700’s, a failing one as 2600’s', async () => {
    const m = mock();
    for (const kind of ['switchover', 'failover'] as const) {
      const res = await check(m, kind);
      expect(res.status, res.text).toBe(200);
      successEnvelope(ObPreCheck).parse(res.json);
      expect(unsortedKeys(res.json)).toEqual([]);
      expect(res.json.data).toEqual({ result: { messages: [], valid: true } });
      expect(sorted(pathTypes(res.json))).toEqual(sorted(pathTypes(FAILOVER)));
    }
    await m.call('POST', '/api/v2/ob/clusters/1/zones/zone2/stop');
    const failing = await check(m, 'switchover');
    expect(failing.json.data.result.valid).toBe(false);
    expect(sorted(pathTypes(failing.json))).toEqual(sorted(pathTypes(SWITCHOVER)));
  });

  it('refuse a cluster that is not a standby (OBE11003) in both languages, an unknown one (OBE11001); any signed-in user may ask', async () => {
    const m = mock();
    for (const kind of ['switchover', 'failover'] as const) {
      const res = await check(m, kind, 1);
      expect([res.status, res.json.error.code, res.json.error.message]).toEqual([
        400,
        'OBE11003',
        'The specified cluster with the ID of 1 and of the [PRIMARY] type does not support this operation.',
      ]);
      const zh = await check(m, kind, 1_000_002, { 'Accept-Language': 'zh-CN' });
      expect(zh.json.error.message).toBe('指定的集群id=1000002，当前类型:[PRIMARY]不支持此操作');
      expect((await check(m, kind, 999)).json.error.code).toBe('OBE11001');
      expect((await m.call('POST', `/api/v2/ob/clusters/${STANDBY}/${kind}PreCheck`, { user: 'viewer' })).status).toBe(200);
      expect((await m.call('POST', `/api/v2/ob/clusters/${STANDBY}/${kind}PreCheck`, { user: null })).status).toBe(401);
    }
  });

  it('a stopping, then stopped standby fails both; started again, both pass', async () => {
    const m = mock();
    const stop = await m.call('POST', `/api/v2/ob/clusters/${STANDBY}/stop`);
    expect(stop.status, stop.text).toBe(200);
    const during = await result(m, 'switchover');
    expect(during.valid).toBe(false);
    expect(during.messages).toContain(
      `Daily switchover pre-check failed, the last operation and maintenance task of cluster cluster01_standby is still in progress, task: ${stop.json.data.name} (${stop.json.data.id}).`,
    );
    expect(during.messages).toContain('Cluster cluster01_standby in the [STOPPING] state does not support this operation.');
    expect((await result(m, 'failover')).messages.some((s) => s.startsWith('Failover pre-check failed, the last operation'))).toBe(true);
    m.advance(HOUR);
    const stopped = await result(m, 'failover');
    expect(stopped.valid).toBe(false);
    expect(stopped.messages[0]).toBe('Cluster cluster01_standby in the [STOPPED] state does not support this operation.');
    expect(stopped.messages.some((s) => /^The status of the \d+\.\d+\.\d+\.\d+:2882 server in the cluster01_standby cluster is not ACTIVE\.$/.test(s))).toBe(
      true,
    );
    expect((await m.call('POST', `/api/v2/ob/clusters/${STANDBY}/start`)).status).toBe(200);
    m.advance(HOUR);
    expect(await result(m, 'switchover')).toEqual({ messages: [], valid: true });
    expect(await result(m, 'failover')).toEqual({ messages: [], valid: true });
  });

  it('a stopped zone of the primary fails the switchover only (a failover does not need the primary)', async () => {
    const m = mock();
    expect((await m.call('POST', '/api/v2/ob/clusters/1/zones/zone2/stop')).status).toBe(200);
    m.advance(HOUR);
    const switchover = await result(m, 'switchover');
    expect(switchover.valid).toBe(false);
    expect(switchover.messages).toContain('This operation is not supported in the current status of Zone cluster01:zone2.');
    expect(await result(m, 'failover')).toEqual({ messages: [], valid: true });
  });

  it('an agent that is not AVAILABLE on a standby’s host fails both (CMP07019’s text)', async () => {
    const m = mock();
    const standby = (await m.call('GET', `/api/v2/ob/clusters/${STANDBY}/servers`)).json.data.contents as any[];
    const hostId = standby[0].hostId;
    expect((await m.stop([hostId])).status).toBe(200);
    m.advance(HOUR);
    const host = (await m.call('GET', `/api/v2/compute/hosts/${hostId}`)).json.data;
    const text = `The current state of the OCP Agent on Host ${hostId}:${host.innerIpAddress} does not support this operation.`;
    expect((await result(m, 'switchover')).messages).toContain(text);
    expect((await result(m, 'failover')).messages).toEqual([text]);
  });

  it('the exported functions are what the calls answer (for the switchover and failover operations to refuse by)', async () => {
    const m = mock();
    const clusters = m.simulator.obCluster.clusters;
    const standby = clusters.cluster(STANDBY);
    const now = () => m.simulator.world.now();
    expect(switchoverPreCheck(clusters, standby, now())).toEqual({ messages: [], valid: true });
    await m.call('POST', '/api/v2/ob/clusters/1/stop');
    m.advance(HOUR);
    const fn = switchoverPreCheck(clusters, standby, now());
    expect(fn.valid).toBe(false);
    expect(fn).toEqual(await result(m, 'switchover'));
    expect(failoverPreCheck(clusters, standby, now())).toEqual({ messages: [], valid: true });
    expect(() => failoverPreCheck(clusters, clusters.cluster(1), now())).toThrow(/PRIMARY/);
  });
});
