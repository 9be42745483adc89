/**
 * Issue 5, points 2-4: the real Pact verifier checks the simulator, started as a real server on a
 * free port, against every file in pacts/, switching provider states through the admin API.
 * And it fails when the simulator's answer breaks the contract, naming the field.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: pact JSON
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Verifier } from '@pact-foundation/pact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Running, runCli, startCli } from '../e2e/cli.js';

const PACTS_DIR = fileURLToPath(new URL('../../pacts', import.meta.url));
const pactFiles = readdirSync(PACTS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(PACTS_DIR, f));
const REFERENCE = join(PACTS_DIR, 'ocp-reference-client-ocp.json');

let server: Running;
beforeAll(async () => {
  server = await startCli(['--clock', 'manual']);
});
afterAll(async () => {
  await server.stop();
});

/** A proxy in front of the simulator that rewrites its answers: `"creator":"admin"` becomes a number. */
async function corruptingProxy(target: string): Promise<{ url: string; close: () => void }> {
  const proxy = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive'].includes(k)) headers[k] = v;
    }
    const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, body: body || undefined });
    const text = (await upstream.text()).replace('"creator":"admin"', '"creator":100');
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(text);
  });
  await new Promise<void>((ok) => proxy.listen(0, '127.0.0.1', () => ok()));
  return { url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`, close: () => proxy.close() };
}

describe('provider verification', () => {
  it('the simulator honours every pact in pacts/', async () => {
    expect(pactFiles.length).toBeGreaterThan(0);
    const output = await new Verifier({
      provider: 'ocp',
      providerBaseUrl: server.url,
      pactUrls: pactFiles,
      providerStatesSetupUrl: `${server.url}/__mock/provider-states`,
      logLevel: 'error',
    }).verifyProvider();
    const results = JSON.parse(String(output)).interactionResults as Array<{ result: string }>;
    expect(results.length).toBeGreaterThanOrEqual(12);
    expect(results.every((r) => r.result === 'OK')).toBe(true);
  });

  it('fails when the simulator’s answer breaks the contract, naming the field', async () => {
    const proxy = await corruptingProxy(server.url);
    try {
      const { code, stdout } = await runCli(['pact', 'verify', '--pact', REFERENCE, '--base-url', proxy.url]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/FAILED\s+a request to stop the OCP agent of host 2/);
      expect(stdout).toContain('$.data.creator');
    } finally {
      proxy.close();
    }
  });

  it('a consumer pact with a wrong field type fails, naming the field', async () => {
    const pact = JSON.parse(readFileSync(REFERENCE, 'utf8'));
    const interaction = pact.interactions.find((i: any) => i.description === 'a request to stop the OCP agent of host 2');
    interaction.response.body.content.data.creator = 100; // the consumer expects a number where OCP prints the user name
    const file = join(mkdtempSync(join(tmpdir(), 'ocp-pact-')), 'wrong-type.json');
    writeFileSync(file, JSON.stringify(pact));
    const { code, stdout } = await runCli(['pact', 'verify', '--pact', file, '--base-url', server.url]);
    expect(code).toBe(1);
    expect(stdout).toContain('$.data.creator');
    expect(stdout).toMatch(/28 interaction\(s\) verified, 1 failed/);
  });

  it('an unknown provider state fails verification and names the known ones', async () => {
    const pact = JSON.parse(readFileSync(REFERENCE, 'utf8'));
    pact.interactions[0].providerStates = [{ name: 'chaos' }];
    const file = join(mkdtempSync(join(tmpdir(), 'ocp-pact-')), 'unknown-state.json');
    writeFileSync(file, JSON.stringify(pact));
    const { code, stdout } = await runCli(['pact', 'verify', '--pact', file]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      'unknown provider state "chaos"; the states are the scenario names: cluster-create-fails, flaky, host-install-fails, node-timeout',
    );
  });

  it('pact verify starts its own simulator when no --base-url is given, and passes the reference pact', async () => {
    const { code, stdout } = await runCli(['pact', 'verify', '--pact', REFERENCE]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/29 interaction\(s\) verified, 0 failed/);
    expect(stdout).toMatch(/OK\s+a rollback of a failed stop task/);
  });

  it('pact verify takes a URL, e.g. the pacts a running simulator serves', async () => {
    const list = (await (await fetch(`${server.url}/__mock/pacts`)).json()) as { pacts: Array<{ name: string; url: string }> };
    expect(list.pacts.map((p) => p.name)).toContain('ocp-reference-client-ocp.json');
    const served = await (await fetch(list.pacts[0]!.url)).json();
    expect(served).toEqual(JSON.parse(readFileSync(REFERENCE, 'utf8')));
    const { code } = await runCli(['pact', 'verify', '--pact', list.pacts[0]!.url, '--base-url', server.url]);
    expect(code).toBe(0);
  });
});
