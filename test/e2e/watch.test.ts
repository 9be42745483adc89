/**
 * Issue 25, part 4: `--watch`. The real CLI serving scenario, operation and stub directories:
 * an edit takes effect for the next request once reloaded, a broken edit changes nothing and is
 * reported on stderr and in `GET /__mock/health`, and a good edit after it clears the report.
 * Reloads are awaited through the health endpoint (a bounded poll), not by sleeping.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, type Running, runCli, startCli } from './cli.js';

const OPERATION = fileURLToPath(new URL('../fixtures/operations/upgrade.json', import.meta.url));

let server: Running;
let scenarios: string;
let operations: string;
let stubs: string;

const demo = (routeError: string) => `name: demo\ndescription: edited while serving\n${routeError}`;

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: basic('admin'), ...headers } });
  return { status: res.status, json: await res.json() };
}

/** Waits (bounded by reloads, not by time) until health says `done`. */
async function healthUntil(done: (watch: any) => boolean): Promise<any> {
  for (let i = 0; i < 500; i++) {
    const health = (await get('/__mock/health')).json;
    if (done(health.watch)) return health.watch;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`health never got there: ${JSON.stringify((await get('/__mock/health')).json)}\n${server.stderr()}`);
}

describe('--watch', () => {
  beforeAll(async () => {
    scenarios = mkdtempSync(join(tmpdir(), 'ocp-watch-scn-'));
    operations = mkdtempSync(join(tmpdir(), 'ocp-watch-ops-'));
    stubs = mkdtempSync(join(tmpdir(), 'ocp-watch-stubs-'));
    writeFileSync(join(scenarios, 'demo.yaml'), demo(''));
    copyFileSync(OPERATION, join(operations, 'upgrade.json'));
    writeFileSync(join(stubs, 'version.yaml'), 'request: { method: GET, path: /api/v2/ob/version }\nresponse: { data: { version: 1 } }\n');
    server = await startCli([
      '--watch',
      '--clock',
      'manual',
      '--log-level',
      'silent',
      '--scenarios-dir',
      scenarios,
      '--operations-dir',
      operations,
      '--stubs-dir',
      stubs,
    ]);
  });
  afterAll(async () => {
    await server?.stop();
    for (const d of [scenarios, operations, stubs]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('says what it watches, in its output and in health', async () => {
    expect(server.stdout()).toContain(`ocp-mock watching ${scenarios}, ${operations}, ${stubs}`);
    expect((await get('/__mock/health')).json).toEqual({ status: 'UP', watch: { dirs: [scenarios, operations, stubs], reloads: 0 } });
  });

  it('a scenario file edited while serving takes effect for the next request; a broken edit changes nothing and is reported', async () => {
    const scenario = { 'X-OCP-Mock-Scenario': 'demo' };
    expect((await get('/api/v2/compute/hosts/2', scenario)).status).toBe(200);
    const before = (await get('/__mock/health')).json.watch.reloads;
    writeFileSync(join(scenarios, 'demo.yaml'), demo('request:\n  error: { status: 403, code: IAM11000, routes: [getHost] }\n'));
    await healthUntil((w) => w.reloads > before);
    const refused = await get('/api/v2/compute/hosts/2', scenario);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('IAM11000');

    writeFileSync(join(scenarios, 'demo.yaml'), demo('request:\n  eror: { status: 500 }\n'));
    const broken = await healthUntil((w) => w.problems?.scenarios);
    expect(broken.problems.scenarios[0]).toBe(`${join(scenarios, 'demo.yaml')}: request: unknown key "eror"`);
    expect(server.stderr()).toContain('ocp-mock: --watch: scenarios not reloaded, the last good set stays in force:');
    expect(server.stderr()).toContain(`${join(scenarios, 'demo.yaml')}: request: unknown key "eror"`);
    // The last good set still answers.
    expect((await get('/api/v2/compute/hosts/2', scenario)).status).toBe(403);

    writeFileSync(join(scenarios, 'demo.yaml'), demo(''));
    const fixed = await healthUntil((w) => !w.problems);
    expect(fixed.reloads).toBeGreaterThan(before + 0);
    expect((await get('/api/v2/compute/hosts/2', scenario)).status).toBe(200);
    // A new file's scenario is known at once; one removed with the default still pointing at it is refused.
    writeFileSync(join(scenarios, 'extra.yaml'), 'name: extra\ndescription: added while serving\n');
    await healthUntil((w) => !w.problems && w.reloads > fixed.reloads);
    expect((await get('/__mock/scenarios')).json.scenarios.map((s: any) => s.name)).toContain('extra');
  });

  it('stub files: a new or edited one answers the next request, a broken one keeps the last good set', async () => {
    expect((await get('/api/v2/ob/version')).json.data).toEqual({ version: 1 });
    const before = (await get('/__mock/health')).json.watch.reloads;
    writeFileSync(join(stubs, 'version.yaml'), 'request: { method: GET, path: /api/v2/ob/version }\nresponse: { data: { version: 2 } }\n');
    const edited = await healthUntil((w) => w.reloads > before && !w.problems);
    expect((await get('/api/v2/ob/version')).json.data).toEqual({ version: 2 });
    writeFileSync(join(stubs, 'zones.yaml'), 'request: { method: GET, path: /api/v2/ob/zones }\nresponse: { data: { contents: [] } }\n');
    await healthUntil((w) => w.reloads > edited.reloads && !w.problems);
    expect((await get('/api/v2/ob/zones')).status).toBe(200);

    writeFileSync(join(stubs, 'zones.yaml'), 'request: { method: GETS, path: /api/v2/ob/zones }\n');
    const broken = await healthUntil((w) => w.problems?.stubs);
    expect(broken.problems.stubs.join('\n')).toContain(join(stubs, 'zones.yaml'));
    expect((await get('/api/v2/ob/zones')).status).toBe(200);
    expect((await get('/api/v2/ob/version')).json.data).toEqual({ version: 2 });
    rmSync(join(stubs, 'zones.yaml'));
    await healthUntil((w) => !w.problems);
    expect((await get('/api/v2/ob/zones')).status).toBe(404);
  });

  it('operation files: an edited declaration runs the next task; adding a route is refused as taking a restart', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { authorization: basic('admin'), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const first: any = await (await post('/api/v2/compute/hosts/batchUpgradeAgents', { hostIds: [2] })).json();
    expect(first.data.name).toBe('Batch upgrade OCP agent');
    const summary = async () => (await get('/__mock/openapi.json')).json.paths['/api/v2/compute/hosts/batchUpgradeAgents'].post.summary;
    expect(await summary()).toMatch(/^Batch upgrade OCP agent \(/);
    const before = (await get('/__mock/health')).json.watch.reloads;
    const edited = JSON.parse(readFileSync(OPERATION, 'utf8'));
    edited.taskName = 'Batch upgrade OCP agent (v2)';
    writeFileSync(join(operations, 'upgrade.json'), JSON.stringify(edited));
    await healthUntil((w) => w.reloads > before && !w.problems);
    const second: any = await (await post('/api/v2/compute/hosts/batchUpgradeAgents', { hostIds: [20] })).json();
    expect(second.data.name).toBe('Batch upgrade OCP agent (v2)');
    expect(await summary()).toMatch(/^Batch upgrade OCP agent \(v2\) \(/);
    // The task submitted before keeps its declaration.
    expect((await get(`/api/v2/tasks/instances/${first.data.id}`)).json.data.name).toBe('Batch upgrade OCP agent');

    writeFileSync(join(operations, 'more.json'), JSON.stringify({ ...edited, id: 'batchPatchAgents', route: '/compute/hosts/batchPatchAgents' }));
    const refused = await healthUntil((w) => w.problems?.operations);
    expect(refused.problems.operations[0]).toMatch(
      /^adding, removing or re-routing an operation takes a restart .*now batchPatchAgents POST \/compute\/hosts\/batchPatchAgents/,
    );
    expect((await post('/api/v2/compute/hosts/batchUpgradeAgents', { hostIds: [1001] })).status).toBe(200);
    rmSync(join(operations, 'more.json'));
    await healthUntil((w) => !w.problems);
  });

  it('--watch needs a directory; a bad OCP_MOCK_WATCH exits 2 naming the flag', async () => {
    const none = await runCli(['--port', '0', '--watch']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--watch: expected a directory to watch');
    const bad = await runCli(['--port', '0', '--scenarios-dir', scenarios], { OCP_MOCK_WATCH: 'sometimes' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--watch: expected true or false');
    const byEnv = await startCli(['--log-level', 'silent', '--scenarios-dir', scenarios], { OCP_MOCK_WATCH: 'true' });
    try {
      expect(byEnv.stdout()).toContain(`ocp-mock watching ${scenarios}`);
    } finally {
      await byEnv.stop();
    }
  });
});
