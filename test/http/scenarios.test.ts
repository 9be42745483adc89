/**
 * Issue 4: each shipped scenario does what README says, through the real HTTP API with a manual
 * clock; scenarios are chosen per server, per request and per host; reset isolates test cases.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '../../src/contract/schemas.js';
import { mock } from '../helpers.js';

const STOP = 'Stop all OCP agent processes';
type Sub = { id: number; name: string; status: string; operation: string; parallelIdx: number };

async function runToEnd(m: ReturnType<typeof mock>, id: number, step = 2000) {
  for (let i = 0; i < 2000; i++) {
    const d = (await m.task(id)).json.data;
    if (d.status !== 'RUNNING') return d;
    m.advance(step);
  }
  throw new Error('never finished');
}
const agent = async (m: ReturnType<typeof mock>, hostId: number) => (await m.call('GET', `/api/v2/compute/hosts/${hostId}`)).json.data.hostAgentStatus;

describe('shipped scenarios', () => {
  it('success: every node succeeds, the task ends SUCCESSFUL, agents read OFFLINE', async () => {
    const m = mock({ scenario: 'success' });
    const id = (await m.stop([2, 20])).json.data.id;
    const end = await runToEnd(m, id);
    expect(end.status).toBe('SUCCESSFUL');
    expect((end.subtasks as Sub[]).every((s) => s.status === 'SUCCESSFUL' && s.operation === 'EXECUTE')).toBe(true);
    expect([await agent(m, 2), await agent(m, 20)]).toEqual(['OFFLINE', 'OFFLINE']);
  });

  it('permission-denied: 403 IAM11000 in OCP’s envelope whoever calls; other routes answer', async () => {
    const m = mock({ scenario: 'permission-denied' });
    for (const user of ['admin', 'operator', 'viewer'] as const) {
      const res = await m.stop([2], { user });
      expect(res.status).toBe(403);
      expect(ErrorEnvelope.parse(res.json).error.code).toBe('IAM11000');
    }
    expect((await m.stop([2], { user: null })).status).toBe(401);
    expect((await m.call('GET', '/api/v2/compute/hosts/2')).status).toBe(200);
    expect(m.simulator.taskCount()).toBe(0);
  });

  it('node-timeout: the Stop node hits 600 s and FAILS, the task FAILED; retry succeeds', async () => {
    const m = mock({ scenario: 'node-timeout' });
    const id = (await m.stop([2])).json.data.id;
    const failed = await runToEnd(m, id, 10_000);
    expect(failed.status).toBe('FAILED');
    const stop = (failed.subtasks as Sub[]).find((s) => s.name === STOP)!;
    expect(stop.status).toBe('FAILED');
    expect(await agent(m, 2)).toBe('AVAILABLE');
    await m.call('POST', `/api/v2/tasks/instances/${id}/retry`);
    expect((await runToEnd(m, id)).status).toBe('SUCCESSFUL');
    expect(await agent(m, 2)).toBe('OFFLINE');
  });

  it('rollback: the Stop node fails and the task rolls back by itself, ending SUCCESSFUL with ROLLBACK', async () => {
    const m = mock({ scenario: 'rollback' });
    const id = (await m.stop([2, 1001])).json.data.id;
    const seen = new Set<string>();
    let d: { status: string; operation: string; subtasks: Sub[] } | undefined;
    for (let i = 0; i < 500; i++) {
      d = (await m.task(id)).json.data;
      seen.add(`${d!.status}/${d!.operation}`);
      if (d!.status !== 'RUNNING') break;
      m.advance(250);
    }
    expect(seen).toContain('RUNNING/ROLLBACK');
    expect(d).toMatchObject({ status: 'SUCCESSFUL', operation: 'ROLLBACK' });
    expect(d!.subtasks.every((s) => s.status === 'PENDING')).toBe(true);
    expect(
      d!.subtasks
        .filter((s) => s.operation === 'ROLLBACK')
        .map((s) => s.name)
        .sort(),
    ).toEqual(['Prepare stop OCP agent', 'Prepare stop OCP agent', STOP, STOP, 'Wait node']);
    expect([await agent(m, 2), await agent(m, 1001)]).toEqual(['AVAILABLE', 'AVAILABLE']);
    const stopId = d!.subtasks.find((s) => s.name === STOP)!.id;
    const log = (await m.call('GET', `/api/v2/tasks/instances/${id}/subtasks/${stopId}/log`)).json.data.log;
    expect(log).toContain('############{ROLLBACK}');
    expect(log).toContain('kill -15');
  });

  it('partial-failure: the last host fails, the others stop, the task FAILED', async () => {
    const m = mock({ scenario: 'partial-failure' });
    const id = (await m.stop([2, 20, 1001])).json.data.id;
    expect((await runToEnd(m, id)).status).toBe('FAILED');
    // The other hosts' stops run on to their end (OCP does not interrupt running subtasks).
    m.advance(60_000);
    const end = (await m.task(id)).json.data;
    expect(end.status).toBe('FAILED');
    const stops = (end.subtasks as Sub[]).filter((s) => s.name === STOP).sort((a, b) => a.parallelIdx - b.parallelIdx);
    expect(stops.map((s) => s.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL', 'FAILED']);
    expect([await agent(m, 2), await agent(m, 20), await agent(m, 1001)]).toEqual(['OFFLINE', 'OFFLINE', 'AVAILABLE']);
  });

  it('slow: answers are late', async () => {
    const m = mock({ scenario: 'slow' });
    const t0 = performance.now();
    const res = await m.call('GET', '/api/v2/compute/hosts/2');
    expect(res.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(790);
    expect(res.json.duration).toBeGreaterThanOrEqual(790);
  });

  it('flaky: about one request in five fails with 500 COM10999, polls included, the same ones for the same seed', async () => {
    const run = async () => {
      const m = mock({ scenario: 'flaky' });
      const statuses: number[] = [];
      for (let i = 0; i < 200; i++) {
        const res = await m.call('GET', '/api/v2/compute/hosts/2');
        statuses.push(res.status);
        if (res.status === 500) expect(ErrorEnvelope.parse(res.json).error.code).toBe('COM10999');
      }
      return statuses;
    };
    const statuses = await run();
    const failures = statuses.filter((s) => s === 500).length;
    expect(failures).toBeGreaterThan(20);
    expect(failures).toBeLessThan(70);
    expect(statuses.every((s) => s === 200 || s === 500)).toBe(true);
    expect(await run()).toEqual(statuses);
  });

  it('rate-limited: a burst sees 429 with RateLimit headers after 5 requests', async () => {
    const m = mock({ scenario: 'rate-limited' });
    const answers = await Promise.all(Array.from({ length: 12 }, () => m.call('GET', '/api/v2/compute/hosts/2')));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(7 - 5); // a window edge may split the burst
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(10);
    const first = answers.find((a) => a.status === 200)!;
    expect(first.headers.get('RateLimit-Limit')).toBe('5');
    const l = limited[0]!;
    expect(l.headers.get('RateLimit-Limit')).toBe('5');
    expect(l.headers.get('RateLimit-Remaining')).toBe('0');
    expect(Number(l.headers.get('RateLimit-Reset'))).toBeGreaterThanOrEqual(1);
    expect(ErrorEnvelope.parse(l.json).status).toBe(429);
  });

  it('rate-limited: one window for the whole API, every route and both prefixes: the 6th request is 429', async () => {
    const m = mock({ scenario: 'rate-limited' });
    const paths = ['/api/v2/compute/hosts', '/api/v2/tasks/instances', '/api/v2/time', '/compute/hosts/2', '/time', '/api/v2/info'];
    const answers = [];
    // In well under a second: one window.
    for (let i = 0; i < 15; i++) answers.push(await m.call('GET', paths[i % paths.length]!));
    expect(answers.map((a) => a.status)).toEqual([...Array(5).fill(200), ...Array(10).fill(429)]);
    expect(answers.slice(0, 5).map((a) => a.headers.get('RateLimit-Remaining'))).toEqual(['4', '3', '2', '1', '0']);
    // Another scenario's callers have a window of their own (none, for success).
    expect((await m.call('GET', '/api/v2/time', { headers: { 'X-OCP-Mock-Scenario': 'success' } })).status).toBe(200);
  });
});

describe('choosing a scenario', () => {
  it('per request with X-OCP-Mock-Scenario, concurrently, and the task keeps the scenario it was born with', async () => {
    const m = mock({ scenario: 'success' });
    const [a, b, c] = await Promise.all([
      m.stop([2], { headers: { 'X-OCP-Mock-Scenario': 'node-timeout' } }),
      m.stop([20]),
      m.stop([1001], { headers: { 'X-OCP-Mock-Scenario': 'permission-denied' } }),
    ]);
    expect(c!.status).toBe(403);
    // Polled without the header: the task still follows its own scenario.
    const [ta, tb] = [await runToEnd(m, a!.json.data.id, 10_000), await runToEnd(m, b!.json.data.id, 10_000)];
    expect(ta.status).toBe('FAILED');
    expect(tb.status).toBe('SUCCESSFUL');
  });

  it('an unknown scenario header is a 400 that lists the known ones', async () => {
    const m = mock();
    const res = await m.stop([2], { headers: { 'X-OCP-Mock-Scenario': 'chaos' } });
    expect(res.status).toBe(400);
    expect(res.json.error.subErrors[0].message).toContain('known: cluster-create-fails, flaky, host-install-fails, node-timeout');
  });

  it('at run time through the admin API', async () => {
    const m = mock();
    const list = (await m.call('GET', '/__mock/scenarios')).json;
    expect(list.default).toBe('success');
    expect(list.scenarios.map((s: { name: string }) => s.name)).toContain('rollback');
    expect((await m.call('PUT', '/__mock/scenario', { body: { name: 'permission-denied' } })).json).toEqual({ name: 'permission-denied' });
    expect((await m.stop([2])).status).toBe(403);
    const bad = await m.call('PUT', '/__mock/scenario', { body: { name: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.json.error.subErrors[0].message).toContain('known:');
  });

  it('per host, by rules in a scenario file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-host-rules-'));
    writeFileSync(
      join(dir, 'host-1002-fails.yaml'),
      [
        'name: host-1002-fails',
        'description: Host 1002 cannot stop its agent.',
        'task:',
        '  nodes:',
        '    - node: Stop all OCP agent processes',
        '      hosts: [1002]',
        '      outcome: fail',
        '      message: disk full',
        '',
      ].join('\n'),
    );
    const m = mock({ scenariosDir: dir, scenario: 'host-1002-fails' });
    const id = (await m.stop([1002, 2])).json.data.id;
    expect((await runToEnd(m, id)).status).toBe('FAILED');
    m.advance(60_000); // the other host's stop runs on to its end
    const end = (await m.task(id)).json.data;
    const stops = (end.subtasks as Sub[]).filter((s) => s.name === STOP).sort((a, b) => a.parallelIdx - b.parallelIdx);
    expect(stops.map((s) => s.status)).toEqual(['FAILED', 'SUCCESSFUL']);
  });
});

describe('reset', () => {
  it('brings tasks, hosts, ids, clock and the default scenario back to the seed’s start', async () => {
    const m = mock();
    const firstAnswer = (await m.stop([2])).json;
    await m.call('PUT', '/__mock/scenario', { body: { name: 'node-timeout' } });
    m.advance(3_600_000);
    expect(await agent(m, 2)).toBe('OFFLINE');
    const res = await m.call('POST', '/__mock/reset');
    expect(res.status).toBe(200);
    expect((await m.task(firstAnswer.data.id)).status).toBe(404);
    expect(await agent(m, 2)).toBe('AVAILABLE');
    expect((await m.call('GET', '/__mock/scenario')).json.name).toBe('success');
    expect((await m.call('GET', '/__mock/clock')).json.now).toBe('2021-09-03T15:01:10.636+08:00');
    const again = (await m.stop([2])).json;
    expect(again.data.id).toBe(firstAnswer.data.id);
    expect(again.data.subtasks).toEqual(firstAnswer.data.subtasks);
  });
});
