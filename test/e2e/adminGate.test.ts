/**
 * Issue 9, point 5: /__mock/* answers only loopback callers unless --admin-token is set, and then
 * only with the token; OCP routes keep OCP's auth whatever the address. The remote caller is a
 * test host in a network namespace of our own (netns.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, type Running, startCli } from './cli.js';
import { createTestHost, type TestHost } from './netns.js';

const made = createTestHost(1);
const testHost: TestHost | undefined = typeof made === 'string' ? undefined : made;
if (typeof made === 'string') console.warn(`admin gate over the network skipped: ${made}`);

/** curl from inside the namespace: "<status> <body>". */
function remote(url: string, headers: Record<string, string> = {}, method = 'GET'): { status: number; body: string } {
  const args = ['curl', '-s', '-X', method, '-w', '\n%{http_code}', url];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  const out = testHost!.exec(args);
  const lines = out.trimEnd().split('\n');
  return { status: Number(lines.pop()), body: lines.join('\n') };
}

describe.skipIf(!testHost)('admin API from a non-loopback address', () => {
  let open: Running;
  let locked: Running;
  const token = 'demo-token-0123';
  beforeAll(async () => {
    open = await startCli(['--host', testHost!.hostAddress, '--log-level', 'silent']);
    locked = await startCli(['--host', testHost!.hostAddress, '--admin-token', token, '--log-level', 'silent']);
  });
  afterAll(async () => {
    await open?.stop();
    await locked?.stop();
    testHost?.remove();
  });

  it('without --admin-token: a token made for the run, printed in the dashboard URL; refused remotely without it', async () => {
    for (let i = 0; i < 40 && !open.stdout().includes('adminToken='); i++) await new Promise((r) => setTimeout(r, 50));
    const printed = /ocp-mock dashboard: (http:\/\/\S+\/\?adminToken=([0-9a-f]{32}))/.exec(open.stdout());
    expect(printed, open.stdout()).not.toBeNull();
    const [, dashboardUrl, generated] = printed as unknown as [string, string, string];
    expect(remote(`${open.url}/__mock/clock`).status).toBe(401);
    expect(remote(`${open.url}/__mock/reset`, {}, 'POST').status).toBe(401);
    expect(remote(`${open.url}/__mock/ui`).status).toBe(401);
    // The printed URL opens the dashboard: / hands the token on to /__mock/ui, which keeps it as a cookie.
    const redirect = testHost!.exec(['curl', '-s', '-o', '/dev/null', '-w', '%{http_code} %{redirect_url}', dashboardUrl]);
    expect(redirect).toBe(`302 ${open.url}/__mock/ui?adminToken=${generated}`);
    const followed = testHost!.exec(['curl', '-s', '-L', '-D', '-', '-o', '/dev/null', '-w', '%{http_code}', dashboardUrl]);
    expect(followed).toMatch(/set-cookie: ocpMockAdminToken=/i);
    expect(followed.endsWith('200')).toBe(true);
    expect(testHost!.exec(['curl', '-s', '-L', dashboardUrl])).toContain('<title>ocp-mock');
    expect(remote(`${open.url}/__mock/clock`, { 'X-OCP-Mock-Admin-Token': generated }).status).toBe(200);
    // OCP routes keep OCP's auth whatever the address.
    expect(remote(`${open.url}/api/v2/compute/hosts/2`).status).toBe(401);
    expect(remote(`${open.url}/api/v2/compute/hosts/2`, { Authorization: basic('viewer') }).status).toBe(200);
  });

  it('with --admin-token: only with the token', () => {
    expect(remote(`${locked.url}/__mock/clock`).status).toBe(401);
    expect(remote(`${locked.url}/__mock/clock`, { 'X-OCP-Mock-Admin-Token': 'wrong-token-999' }).status).toBe(401);
    expect(remote(`${locked.url}/__mock/clock`, { 'X-OCP-Mock-Admin-Token': token }).status).toBe(200);
    expect(remote(`${locked.url}/__mock/clock`, { Authorization: `Bearer ${token}` }).status).toBe(200);
    expect(remote(`${locked.url}/__mock/clock?adminToken=${token}`).status).toBe(200);
    // A health probe needs no token (a container's health check).
    expect(remote(`${locked.url}/__mock/health`).status).toBe(200);
  });
});

describe('admin API on loopback', () => {
  it('answers loopback callers without a token, and wants the token when one is set', async () => {
    const open = await startCli(['--log-level', 'silent']);
    const locked = await startCli(['--admin-token', 'demo-token-0123', '--log-level', 'silent']);
    try {
      expect((await fetch(`${open.url}/__mock/clock`)).status).toBe(200);
      expect((await fetch(`${locked.url}/__mock/clock`)).status).toBe(401);
      expect((await fetch(`${locked.url}/__mock/clock`, { headers: { 'X-OCP-Mock-Admin-Token': 'demo-token-0123' } })).status).toBe(200);
    } finally {
      await open.stop();
      await locked.stop();
    }
  });
});
