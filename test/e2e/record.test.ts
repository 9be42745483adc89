/**
 * Issue 16: `ocp-mock record` in front of one ocp-mock (seed 1), then `ocp-mock --stubs-dir` on
 * another (seed 2): every recorded call answers the recorded `data` (or error), simulated routes
 * included, and no credential reaches a written file. Real processes throughout.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from fetch
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sign } from '../../src/http/signature.js';
import { basic, runCli, startCli } from './cli.js';

const SIGNED_SECRET = 'operator-sk';

describe('record, then replay on another seed', () => {
  it('answers the recorded data for every recorded call, and writes no credential', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-record-'));
    const target = await startCli(['--clock', 'manual', '--seed', '1', '--log-level', 'silent']);
    const recorder = await startCli(['record', '--target', target.url, '--out', dir]);
    expect(recorder.stdout()).toContain(`-> ${target.url}, stubs to ${dir}`);

    type Call = { method: string; path: string; body?: unknown; user?: string };
    const send = async (base: string, call: Call) => {
      const res = await fetch(`${base}${call.path}`, {
        method: call.method,
        headers: { authorization: basic(call.user ?? 'admin'), 'content-type': 'application/json', cookie: 'SESSION=s3cr3t-cookie' },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      const json: any = await res.json();
      return { status: res.status, data: json.data, error: json.error, successful: json.successful };
    };
    const calls: Call[] = [
      { method: 'GET', path: '/api/v2/compute/hosts?size=5&sort=name' },
      { method: 'GET', path: '/api/v2/compute/hosts/2' },
      { method: 'GET', path: '/api/v2/compute/regions' },
      { method: 'GET', path: '/api/v2/compute/idcs/11' },
      { method: 'GET', path: '/api/v2/compute/hosts/20/agent' },
      { method: 'POST', path: '/api/v2/compute/hosts/batchStopAgents', body: { hostIds: [20] }, user: 'operator' },
      { method: 'GET', path: '/api/v2/tasks/instances?status=RUNNING&accessKey=AK-should-not-be-written' },
      { method: 'GET', path: '/api/v2/compute/hosts/99999' },
      { method: 'POST', path: '/api/v2/compute/hosts/batchStopAgents', body: { hostIds: [] } },
      // An answer holding `{{`: replayed as text, not as a template.
      { method: 'POST', path: '/api/v2/compute/regions', body: { name: '{{ id }} region' } },
    ];
    const recorded: Awaited<ReturnType<typeof send>>[] = [];
    for (const call of calls) recorded.push(await send(recorder.url, call));
    // An AK/SK-signed call goes through too: the signature covers the Host the client signed (the proxy's).
    const host = new URL(recorder.url).host;
    const date = new Date().toUTCString();
    const signature = sign(SIGNED_SECRET, { method: 'GET', body: '', contentType: '', date, host, headers: [], path: '/api/v2/compute/hosts/1001', query: [] });
    const signed = await fetch(`${recorder.url}/api/v2/compute/hosts/1001`, {
      headers: { authorization: `OCP-ACCESS-KEY-HMACSHA1 operator-ak:${signature}`, date },
    });
    expect(signed.status, await signed.clone().text()).toBe(200);
    const signedJson: any = await signed.json();
    recorded.push({ status: 200, data: signedJson.data, error: undefined, successful: true });
    calls.push({ method: 'GET', path: '/api/v2/compute/hosts/1001' });
    // A task polled while it runs and after: one stub, two answers in turn.
    const taskId = recorded[5]?.data.id as number;
    const poll: Call = { method: 'GET', path: `/api/v2/tasks/instances/${taskId}` };
    recorded.push(await send(recorder.url, poll));
    await fetch(`${target.url}/__mock/clock/advance`, { method: 'POST', body: JSON.stringify({ ms: 3_600_000 }) });
    recorded.push(await send(recorder.url, poll));
    calls.push(poll, poll);
    expect(recorded[9]?.data.name).toBe('{{ id }} region');
    expect(recorded[11]?.data.status).toBe('RUNNING');
    expect(recorded[12]?.data.status).toBe('SUCCESSFUL');
    expect(recorded[7]?.error.code).toBe('CMP07005');
    expect(recorded[8]?.error.code).toBe('COM10001');
    expect(await recorder.stop()).toBe(0);
    expect(recorder.stderr()).toMatch(/11 stub file\(s\), 13 answer\(s\) recorded/);
    await target.stop();

    // Nothing secret in any file: no credentials, cookies, signed secrets or secret-looking parameters.
    const files = readdirSync(dir);
    // One file per method, path and query: the two stops (bodies differ) are one stub answering in turn.
    expect(files).toHaveLength(11);
    expect(readFileSync(join(dir, 'POST_api_v2_compute_regions.yaml'), 'utf8')).toContain('templates: false');
    const written = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    for (const secret of [
      basic('admin').slice(6),
      basic('operator').slice(6),
      'Basic',
      's3cr3t-cookie',
      'SESSION',
      'AK-should-not-be-written',
      SIGNED_SECRET,
      'password',
    ]) {
      expect(written, secret).not.toContain(secret);
    }
    // Nor the envelope's trace ids and timestamps.
    expect(written).not.toContain('traceId');
    expect(written).not.toContain('timestamp');

    const list = await runCli(['stubs', 'list', dir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('GET /api/v2/tasks/instances/');
    expect(list.stdout).toContain('(2 answers in turn)');
    expect((await runCli(['stubs', 'validate', dir])).stdout).toContain('11 stub(s) valid');

    const replay = await startCli(['--clock', 'manual', '--seed', '2', '--log-level', 'silent', '--stubs-dir', dir]);
    try {
      expect(replay.stdout()).toContain('clock manual, 11 stub(s))');
      // Seed 2's own host 2 differs from seed 1's: the simulated answer is not what was recorded.
      const own = await startCli(['--clock', 'manual', '--seed', '2', '--log-level', 'silent']);
      const ownHost = await send(own.url, calls[1] as Call);
      await own.stop();
      expect(ownHost.data).not.toEqual(recorded[1]?.data);
      for (const [i, call] of calls.entries()) {
        const again = await send(replay.url, call);
        expect({ call: `${call.method} ${call.path}`, ...again }).toEqual({ call: `${call.method} ${call.path}`, ...recorded[i] });
      }
      // The journal names the stub that answered.
      const journal: any = await (await fetch(`${replay.url}/__mock/requests`)).json();
      const last = journal.requests[journal.requests.length - 1];
      expect(last.stub.id).toBe(`GET_api_v2_tasks_instances_${taskId}`);
      expect(last.stub.file).toBe(join(dir, `GET_api_v2_tasks_instances_${taskId}.yaml`));
      // An error recorded in English is OCP's text with its arguments: replayed, it speaks the caller's language.
      const zh: any = await (
        await fetch(`${replay.url}/api/v2/compute/hosts/99999`, { headers: { authorization: basic('admin'), 'accept-language': 'zh-CN' } })
      ).json();
      expect(zh.error).toEqual({ code: 'CMP07005', message: '主机<99999:null>不存在' });
      expect(readFileSync(join(dir, 'GET_api_v2_compute_hosts_99999.yaml'), 'utf8')).toContain('args:');
      // Stubs still ask who is calling.
      const anonymous = await fetch(`${replay.url}/api/v2/compute/hosts/2`);
      expect(anonymous.status).toBe(401);
    } finally {
      await replay.stop();
    }
  });

  it('broken stub files are refused at start with the file and the path inside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-stubs-bad-'));
    writeFileSync(
      join(dir, 'clusters.yaml'),
      'request:\n  method: GET\n  path: /api/v2/ob/clusters/{id}\nresponse:\n  data:\n    name: "{{ path.clusterId }}"\n    size: "{{ int 1 }}"\n',
    );
    writeFileSync(join(dir, 'tenants.json'), '{"request": {"method": "FETCH", "path": "/api/v2/ob/tenants"}, "response": {"error": {"code": "XYZ99999"}}}');
    writeFileSync(join(dir, 'torn.yaml'), 'request: [unclosed\n');
    const refused = await runCli(['--port', '0', '--stubs-dir', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${join(dir, 'clusters.yaml')}: response.data.name: {{ path.clusterId }}: the path has no {clusterId} (it has {id})`);
    expect(refused.stderr).toContain(`${join(dir, 'clusters.yaml')}: response.data.size: {{ int 1 }}: int takes 2 argument(s)`);
    expect(refused.stderr).toContain(`${join(dir, 'tenants.json')}: request.method: one of GET, POST, PUT, PATCH, DELETE`);
    expect(refused.stderr).toContain(`${join(dir, 'torn.yaml')}: YAML:`);
    const validate = await runCli(['stubs', 'validate', dir]);
    expect(validate.code).toBe(1);
    expect(validate.stderr).toContain('invalid stub files');
  });
});
