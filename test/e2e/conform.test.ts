/**
 * Issue 25, part 3: `ocp-mock conform` against a second ocp-mock standing in for a real OCP (the
 * real CLI both sides). With stubs that change a key, a type and an enum value it reports exactly
 * those three and exits 1; against an identical one, none and exit 0. The target's own journal
 * shows it received GET requests only, no more than the bound, and the credentials are printed nowhere.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';
import { type Running, runCli, startCli } from './cli.js';

const PASSWORD = 'p4ss-w0rd-xyz';
const authOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

let dir: string;
let changed: Running;
let identical: Running;

async function admin(server: Running, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: authOf('admin', 'admin'), 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}

/** A target as a client would meet it: a task to poll, and a journal holding only what conform sends. */
async function prepare(server: Running): Promise<void> {
  await admin(server, 'POST', '/api/v2/compute/hosts/batchStopAgents', { hostIds: [2] });
  await admin(server, 'DELETE', '/__mock/requests');
}

describe('ocp-mock conform', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocp-conform-'));
    // The stubs: the simulator's own answers (seed 1) with one key renamed, one type changed, one enum value changed.
    const m = mock();
    const regionId = (await m.call('GET', '/api/v2/compute/regions')).json.data.contents[0].id;
    const region = (await m.call('GET', `/api/v2/compute/regions/${regionId}`)).json.data;
    const { name, ...rest } = region;
    const hostId = (await m.call('GET', '/api/v2/compute/hosts')).json.data.contents[0].id;
    const host = (await m.call('GET', `/api/v2/compute/hosts/${hostId}`)).json.data;
    const agent = (await m.call('GET', `/api/v2/compute/hosts/${hostId}/agent`)).json.data;
    const stub = (path: string, data: unknown) => JSON.stringify({ request: { method: 'GET', path }, templates: false, response: { data } });
    writeFileSync(join(dir, 'region-key.json'), stub(`/api/v2/compute/regions/${regionId}`, { ...rest, regionName: name }));
    writeFileSync(join(dir, 'host-type.json'), stub(`/api/v2/compute/hosts/${hostId}`, { ...host, hostAgentId: String(host.hostAgentId) }));
    writeFileSync(join(dir, 'agent-enum.json'), stub(`/api/v2/compute/hosts/${hostId}/agent`, { ...agent, status: 'HIBERNATING' }));
    const users = join(mkdtempSync(join(tmpdir(), 'ocp-conform-users-')), 'users.json');
    writeFileSync(
      users,
      JSON.stringify([
        { id: 1, username: 'admin', password: 'admin', roles: ['ADMIN'] },
        // CLUSTER_VIEWER since issue 23 (the OB cluster reads are simulated and compared too).
        // PACKAGE_VIEWER since the software-package list is simulated and compared too.
        { id: 9, username: 'conformer', password: PASSWORD, roles: ['HOST_VIEWER', 'TASK_VIEWER', 'CLUSTER_VIEWER', 'PACKAGE_VIEWER'] },
      ]),
    );
    [changed, identical] = await Promise.all([
      startCli(['--clock', 'manual', '--log-level', 'silent', '--stubs-dir', dir, '--users', users]),
      startCli(['--clock', 'manual', '--log-level', 'silent', '--users', users]),
    ]);
    await prepare(changed);
    await prepare(identical);
  });
  afterAll(async () => {
    await changed?.stop();
    await identical?.stop();
  });

  const conform = (target: Running, ...more: string[]) =>
    runCli(['conform', '--target', target.url, '--user', `conformer:${PASSWORD}`, '--rate', '500', ...more]);

  it('reports exactly the changed key, type and enum value, and exits 1; only GETs reached the target', async () => {
    const { code, stdout, stderr } = await conform(changed, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    const differences = result.routes.flatMap((r: any) => r.differences.map((d: string) => `${r.path}: ${d}`));
    expect(differences).toEqual([
      '/api/v2/compute/hosts/{hostId}: type $.data.hostAgentId: the target answers string, the simulator number',
      expect.stringMatching(
        /^\/api\/v2\/compute\/hosts\/\{hostId\}\/agent: enum \$\.data\.status: the target answers "HIBERNATING", the simulator knows .*AVAILABLE/,
      ),
      '/api/v2/compute/regions/{regionId}: key $.data.regionName: the target answers it where the simulator answers $.data.name',
    ]);
    expect(result.differences).toBe(3);
    // Every simulated read route was compared (the task routes too: the target had a task).
    expect(result.routes.filter((r: any) => r.result === 'skipped')).toEqual([]);
    // 15 before issue 23, its 6 OB cluster reads, the 2 parameter reads, the software-package list and issue 24's 9 tenant reads.
    expect(result.routes).toHaveLength(33);
    const journal = (await admin(changed, 'GET', '/__mock/requests')).requests;
    expect(journal.length).toBe(result.targetRequests);
    expect(new Set(journal.map((e: any) => e.method))).toEqual(new Set(['GET']));
    expect(journal.every((e: any) => e.user === 'conformer')).toBe(true);
    expect(stdout).not.toContain(PASSWORD);
  });

  it('prints one line per route, and none of the credentials', async () => {
    const { code, stdout, stderr } = await conform(changed);
    expect(code).toBe(1);
    expect(stdout).toContain(`ocp-mock conform: ${changed.url} (target) vs http://127.0.0.1:`);
    expect(stdout).toMatch(/^DIFFERENT {2}GET \/api\/v2\/compute\/regions\/\{regionId\}\n {13}key \$\.data\.regionName: /m);
    expect(stdout).toMatch(/^same {7}GET \/api\/v2\/tasks\/instances\/\{taskId\}\/subtasks\/\{subtaskId\}\/log$/m);
    expect(stdout).toMatch(/^3 difference\(s\) in 3 route\(s\); 30 same, 0 skipped$/m);
    expect(`${stdout}${stderr}`).not.toContain(PASSWORD);
    expect(`${stdout}${stderr}`).not.toContain(Buffer.from(`conformer:${PASSWORD}`).toString('base64'));
  });

  it('against an identical ocp-mock it reports none and exits 0, with GETs only', async () => {
    const { code, stdout } = await conform(identical, '--json');
    const result = JSON.parse(stdout);
    expect(result.routes.flatMap((r: any) => r.differences)).toEqual([]);
    expect(result.routes.every((r: any) => r.result === 'same')).toBe(true);
    expect(code).toBe(0);
    const journal = (await admin(identical, 'GET', '/__mock/requests')).requests;
    expect(journal.length).toBe(result.targetRequests);
    expect(journal.every((e: any) => e.method === 'GET')).toBe(true);
  });

  it('bounds what it sends: --max-requests, --include', async () => {
    await admin(identical, 'DELETE', '/__mock/requests');
    const bounded = JSON.parse((await conform(identical, '--json', '--max-requests', '4')).stdout);
    expect(bounded.targetRequests).toBe(4);
    expect(bounded.routes.filter((r: any) => r.result === 'skipped')[0].reason).toBe('the request budget is spent (--max-requests 4)');
    expect((await admin(identical, 'GET', '/__mock/requests')).requests).toHaveLength(4);
    const narrowed = JSON.parse((await conform(identical, '--json', '--include', '/api/v2/compute/regions*')).stdout);
    expect(narrowed.routes.map((r: any) => r.path)).toEqual(['/api/v2/compute/regions']);
  });

  it('a target that refuses the credentials exits 1 without printing the password; bad flags exit 2 naming them', async () => {
    const refused = await runCli(['conform', '--target', identical.url, '--user', 'conformer:wrong-secret-42']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`ocp-mock conform: the target refused the credentials of user conformer (401)\n`);
    expect(`${refused.stdout}${refused.stderr}`).not.toContain('wrong-secret-42');
    const cases: [string[], RegExp][] = [
      [['--user', 'nocolon'], /--user: expected USER:PASSWORD, got "\(hidden\)"/],
      [['--user', `conformer:${PASSWORD}`, '--max-requests', '0'], /--max-requests: expected a whole number from 1 to 10000/],
      [['--user', `conformer:${PASSWORD}`, '--rate', 'fast'], /--rate: expected a number from above 0 to 1000/],
      // (/api/v2/ob/** before issue 23; the cluster reads are simulated now, the tenant ones not.)
      [['--user', `conformer:${PASSWORD}`, '--include', '/api/v2/ob/tenants/**'], /--include: expected a glob matching a simulated read route/],
      [['--user', `conformer:${PASSWORD}`, '--base-url', 'ftp://x'], /--base-url: expected an http\(s\) URL/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runCli(['conform', '--target', identical.url, ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toContain(PASSWORD);
    }
    const inUrl = await runCli(['conform', '--target', `http://conformer:${PASSWORD}@127.0.0.1:1`, '--user', 'a:b']);
    expect(inUrl.code).toBe(2);
    expect(inUrl.stderr).toContain('--target: expected a URL without credentials');
    expect(inUrl.stderr).not.toContain(PASSWORD);
    const missing = await runCli(['conform', '--target', identical.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('conform needs --user USER:PASSWORD');
    // The password may come from the environment too (OCP_MOCK_USER), as every flag does.
    const byEnv = await runCli(['conform', '--target', identical.url, '--rate', '500', '--include', '/api/v2/time'], {
      OCP_MOCK_USER: `conformer:${PASSWORD}`,
    });
    expect(byEnv.code).toBe(0);
    expect(byEnv.stdout).toContain('same       GET /api/v2/time');
  });

  it('--base-url compares with a running simulator instead of one of its own', async () => {
    const { code, stdout } = await conform(changed, '--json', '--base-url', identical.url, '--base-user', 'admin:admin');
    expect(code).toBe(1);
    const result = JSON.parse(stdout);
    expect(result.simulator).toBe(identical.url);
    expect(result.differences).toBe(3);
  });

  it('the usage text names every flag issue 25 added', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const flag of [
      '--tls self-signed',
      '--tls-cert FILE',
      '--tls-key FILE',
      '--tls-cert-out FILE',
      '--tls-ca FILE',
      '--watch',
      '--target URL',
      '--user U:P',
      '--json',
      '--include GLOB',
      '--max-requests N',
      '--rate R',
      '--base-url URL',
      '--base-user U:P',
    ]) {
      expect(stdout, flag).toContain(flag);
    }
  });
});
