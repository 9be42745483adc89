/**
 * Issue 9 against the real CLI process: HTTP that Node cannot parse still gets OCP's envelope,
 * thousands of concurrent stops lose nothing, a SIGTERM finishes requests in flight, and a state
 * file carries every acknowledged task through a `kill -9`.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from fetch
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basic, runCli, startCli } from './cli.js';

const json = { 'content-type': 'application/json' };
const admin = { authorization: basic('admin'), ...json };

function rawRequest(url: string, text: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(text));
    let out = '';
    socket.on('data', (d) => {
      out += d;
    });
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('malformed HTTP', () => {
  it('gets OCP’s error envelope, and the server stays up', async () => {
    const server = await startCli(['--clock', 'manual']);
    try {
      const garbage = await rawRequest(server.url, 'THIS IS NOT HTTP\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request/);
      const body = JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4));
      expect(body).toMatchObject({ successful: false, status: 400, error: { code: 'COM10003' } });
      const huge = await rawRequest(server.url, `GET /api/v2/compute/hosts HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`);
      expect(huge).toMatch(/^HTTP\/1\.1 431/);
      expect((await fetch(`${server.url}/api/v2/compute/hosts/2`, { headers: admin })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('concurrent load', () => {
  it('thousands of stops, many on the same hosts: unique ids, one winner per host, nothing lost or doubled', { timeout: 120_000 }, async () => {
    const server = await startCli(['--clock', 'manual', '--hosts', '400', '--log-level', 'silent', '--seed', '5']);
    try {
      const hosts = (await (await fetch(`${server.url}/api/v2/compute/hosts?size=2000`, { headers: admin })).json()) as any;
      const available: number[] = hosts.data.contents.filter((h: any) => h.hostAgentStatus === 'AVAILABLE').map((h: any) => h.id);
      expect(available.length).toBeGreaterThan(300);
      // 2400 single-host stops (6 per host, racing) and 600 on pairs of hosts.
      const bodies: number[][] = [];
      for (let round = 0; round < 6; round++) for (const id of available.slice(0, 400)) bodies.push([id]);
      for (let i = 0; i < 600; i++)
        bodies.push([available[(i * 7) % available.length]!, available[(i * 13 + 1) % available.length]!].filter((v, j, a) => a.indexOf(v) === j));
      let next = 0;
      const answers: Array<{ hostIds: number[]; status: number; body: any }> = [];
      const worker = async () => {
        while (next < bodies.length) {
          const hostIds = bodies[next++]!;
          const res = await fetch(`${server.url}/api/v2/compute/hosts/batchStopAgents`, { method: 'POST', headers: admin, body: JSON.stringify({ hostIds }) });
          answers.push({ hostIds, status: res.status, body: await res.json() });
        }
      };
      await Promise.all(Array.from({ length: 64 }, worker));
      expect(answers).toHaveLength(bodies.length);
      expect(new Set(answers.map((a) => a.body.traceId)).size).toBe(answers.length);
      for (const a of answers) {
        if (a.status !== 200) expect([a.status, a.body.error.code]).toEqual([400, 'CMP07019']);
      }
      const accepted = answers.filter((a) => a.status === 200);
      const ids = accepted.map((a) => a.body.data.id);
      expect(new Set(ids).size).toBe(ids.length);
      const winners = new Map<number, number>();
      for (const a of accepted) for (const h of a.hostIds) winners.set(h, (winners.get(h) ?? 0) + 1);
      for (const count of winners.values()) expect(count).toBe(1);
      // Every host that had single-host stops racing got exactly one.
      for (const id of available.slice(0, 400)) expect(winners.get(id), `host ${id}`).toBe(1);
      // Every accepted task is readable afterwards.
      const list = (await (await fetch(`${server.url}/api/v2/tasks/instances?size=2000`, { headers: admin })).json()) as any;
      expect(list.data.page.totalElements).toBe(accepted.length);
      for (const id of ids.slice(0, 50)) expect((await fetch(`${server.url}/api/v2/tasks/instances/${id}`, { headers: admin })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('SIGTERM lets a request in flight finish', async () => {
    const server = await startCli(['--scenario', 'slow']);
    const pending = fetch(`${server.url}/api/v2/compute/hosts/2`, { headers: admin });
    await new Promise((r) => setTimeout(r, 150));
    const exited = server.stop('SIGTERM');
    const res = await pending;
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.id).toBe(2);
    expect(await exited).toBe(0);
  });
});

describe('--state-file', () => {
  const normalise = (text: string) => text.replace(/"(timestamp|duration|traceId)":("[^"]*"|\d+)/g, '"$1":0');

  it('after kill -9, every acknowledged task reads as it would have without the restart', { timeout: 60_000 }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ocp-state-')), 'state.jsonl');
    const args = ['--clock', 'manual', '--state-file', file, '--seed', '9', '--log-level', 'silent'];
    const first = await startCli(args);
    const ids: number[] = [];
    const call = async (url: string, path: string, init: RequestInit = {}) => {
      const res = await fetch(`${url}${path}`, { ...init, headers: { ...admin, ...(init.headers ?? {}) } });
      return { status: res.status, text: await res.text() };
    };
    for (const [hostIds, scenario] of [
      [[2], 'success'],
      [[20, 1001], 'node-timeout'],
      [[1002], 'rollback'],
    ] as const) {
      const r = await call(first.url, '/api/v2/compute/hosts/batchStopAgents', {
        method: 'POST',
        body: JSON.stringify({ hostIds }),
        headers: { 'X-OCP-Mock-Scenario': scenario },
      });
      ids.push(JSON.parse(r.text).data.id);
    }
    await call(first.url, '/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 700_000 }) });
    expect((await call(first.url, `/api/v2/tasks/instances/${ids[1]}/retry`, { method: 'POST' })).status).toBe(200);
    await call(first.url, '/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 5_000 }) });
    await call(first.url, '/__mock/scenario', { method: 'PUT', body: JSON.stringify({ name: 'flaky' }) });
    const before = await Promise.all([...ids.map((id) => call(first.url, `/api/v2/tasks/instances/${id}`)), call(first.url, '/api/v2/compute/hosts?size=100')]);
    const clockBefore = JSON.parse((await call(first.url, '/__mock/clock')).text);
    expect(await first.stop('SIGKILL')).toBe(null);

    const second = await startCli(args);
    try {
      const after = await Promise.all([
        ...ids.map((id) => call(second.url, `/api/v2/tasks/instances/${id}`)),
        call(second.url, '/api/v2/compute/hosts?size=100'),
      ]);
      expect(after.map((a) => normalise(a.text))).toEqual(before.map((b) => normalise(b.text)));
      expect(JSON.parse((await call(second.url, '/__mock/clock')).text)).toEqual(clockBefore);
      expect(JSON.parse((await call(second.url, '/__mock/scenario')).text).name).toBe('flaky');
      // And it carries on: the retried task finishes, new ids continue the sequence.
      await call(second.url, '/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 3_600_000 }) });
      await call(second.url, '/__mock/scenario', { method: 'PUT', body: JSON.stringify({ name: 'success' }) });
      expect(JSON.parse((await call(second.url, `/api/v2/tasks/instances/${ids[1]}`)).text).data.status).toBe('SUCCESSFUL');
      const next = await call(second.url, '/api/v2/compute/hosts/batchStopAgents', { method: 'POST', body: JSON.stringify({ hostIds: [1003] }) });
      expect(JSON.parse(next.text).data.id).toBe((ids[2] as number) + 1);
    } finally {
      await second.stop();
    }
  });

  it('after kill -9, hosts added through batchCreate (and their inventory) are still there, usable once prepared', { timeout: 60_000 }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ocp-state-')), 'state.jsonl');
    const args = ['--clock', 'manual', '--state-file', file, '--seed', '5', '--log-level', 'silent'];
    const first = await startCli(args);
    const call = async (url: string, path: string, method = 'GET', body?: unknown) => {
      const res = await fetch(`${url}${path}`, { method, headers: admin, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, text: await res.text() };
    };
    const idc = JSON.parse((await call(first.url, '/api/v2/compute/idcs', 'POST', { name: 'edge-idc', regionId: 1 })).text).data;
    const add = async (ip: string) =>
      JSON.parse(
        (
          await call(first.url, '/api/v2/compute/hosts/batchCreate', 'POST', {
            hostBasicDataList: [{ innerIpAddress: ip }],
            sshPort: 22,
            kind: 'DEDICATED_PHYSICAL_MACHINE',
            idcId: idc.id,
            typeId: 1,
            credentialId: 2000001,
          })
        ).text,
      ).data.contents[0];
    const prepared = await add('10.77.0.1');
    await call(first.url, '/__mock/clock/advance', 'POST', { ms: 3_600_000 });
    const preparing = await add('10.77.0.2');
    const before = await call(first.url, '/api/v2/compute/hosts?size=100');
    expect(await first.stop('SIGKILL')).toBe(null);

    const second = await startCli(args);
    try {
      const after = await call(second.url, '/api/v2/compute/hosts?size=100');
      expect(normalise(after.text)).toBe(normalise(before.text));
      const added = JSON.parse(after.text).data.contents.filter((h: any) => h.id >= 4_000_001);
      expect(added.map((h: any) => [h.innerIpAddress, h.idcName, h.status, h.hostAgentStatus])).toEqual([
        ['10.77.0.1', 'edge-idc', 'ONLINE', 'AVAILABLE'],
        ['10.77.0.2', 'edge-idc', 'NEW', 'OFFLINE'],
      ]);
      expect((await call(second.url, '/api/v2/compute/hosts/batchStopAgents', 'POST', { hostIds: [preparing.hostId] })).status).toBe(400);
      expect((await call(second.url, '/api/v2/compute/hosts/batchStopAgents', 'POST', { hostIds: [prepared.hostId] })).status).toBe(200);
      await call(second.url, '/__mock/clock/advance', 'POST', { ms: 3_600_000 });
      expect((await call(second.url, '/api/v2/compute/hosts/batchStopAgents', 'POST', { hostIds: [preparing.hostId] })).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('a torn last line is dropped; a corrupt, foreign or mismatched file is refused and left untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-state-'));
    const file = join(dir, 'state.jsonl');
    const server = await startCli(['--clock', 'manual', '--state-file', file]);
    await fetch(`${server.url}/api/v2/compute/hosts/batchStopAgents`, { method: 'POST', headers: admin, body: JSON.stringify({ hostIds: [2] }) });
    await server.stop();
    const good = readFileSync(file, 'utf8');

    writeFileSync(file, `${good}{"c":"submit","at":16`);
    const torn = await startCli(['--clock', 'manual', '--state-file', file]);
    expect(torn.stderr()).toContain('dropped a torn last line');
    const list = (await (await fetch(`${torn.url}/api/v2/tasks/instances`, { headers: admin })).json()) as any;
    expect(list.data.page.totalElements).toBe(1);
    await torn.stop();
    expect(readFileSync(file, 'utf8')).toBe(good);

    const lines = good.split('\n');
    const corrupt = [lines[0], '{"c":"submit", garbage', lines[1], ''].join('\n');
    writeFileSync(file, corrupt);
    const refused = await runCli(['--port', '0', '--clock', 'manual', '--state-file', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 2 is corrupt');
    expect(readFileSync(file, 'utf8')).toBe(corrupt);

    writeFileSync(file, good);
    const mismatched = await runCli(['--port', '0', '--clock', 'manual', '--seed', '2', '--state-file', file]);
    expect(mismatched.code).toBe(1);
    expect(mismatched.stderr).toContain('written with seed 1, but this start has 2');

    const foreign = join(dir, 'package.json');
    writeFileSync(foreign, '{"name":"something-else"}\n');
    const refusedForeign = await runCli(['--port', '0', '--state-file', foreign]);
    expect(refusedForeign.code).toBe(1);
    expect(refusedForeign.stderr).toContain('not an ocp-mock state file');
    expect(readFileSync(foreign, 'utf8')).toBe('{"name":"something-else"}\n');
  });
});

describe('shutdown with the dashboard open', () => {
  it('does not wait for its event stream', async () => {
    const server = await startCli(['--log-level', 'silent']);
    const controller = new AbortController();
    const stream = await fetch(`${server.url}/__mock/ui/events`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const t0 = performance.now();
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(performance.now() - t0).toBeLessThan(2000);
    controller.abort();
  });
});

describe('a scenario that drops connections', () => {
  it('closes the connection without an answer, and the server stays up', async () => {
    const { mkdtempSync: mkd, writeFileSync: write } = await import('node:fs');
    const dir = mkd(join(tmpdir(), 'ocp-drop-'));
    write(
      join(dir, 'dropping.yaml'),
      'name: dropping\ndescription: Every request under it loses its connection.\nrequest:\n  faults: { rate: 1, kind: drop }\n',
    );
    const server = await startCli(['--scenarios-dir', dir, '--log-level', 'silent']);
    try {
      await expect(fetch(`${server.url}/api/v2/compute/hosts/2`, { headers: { ...admin, 'X-OCP-Mock-Scenario': 'dropping' } })).rejects.toThrow();
      expect((await fetch(`${server.url}/api/v2/compute/hosts/2`, { headers: admin })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });
});
