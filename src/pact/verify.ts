/**
 * `ocp-mock pact verify`: checks pacts (files or URLs) against the simulator with the real Pact
 * verifier, switching provider states through the admin API (`/__mock/provider-states`), so it
 * works against a simulator started here or one running elsewhere (`--base-url`).
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildOcpMock } from '../app.js';
import type { OcpMockOptions } from '../config.js';
import { listen } from '../server.js';
import { trustWith } from '../tls.js';
import { httpCall } from '../util/httpClient.js';

export interface VerifyOptions {
  /** Pact files or URLs. */
  pacts: string[];
  /** A running simulator; default: one started here on a free port. */
  baseUrl?: string;
  /** Options for the simulator started here. */
  server?: OcpMockOptions;
  /** The running simulator's admin token (`--admin-token`), if it has one. */
  adminToken?: string;
  /** A certificate (PEM) to trust for an https:// base URL or pact URL (`--tls-ca`), beside the system's. */
  ca?: string;
  /** Verifier log level (default warn). */
  logLevel?: 'error' | 'warn' | 'info' | 'debug' | 'trace';
}

export interface VerifyResult {
  ok: boolean;
  baseUrl: string;
  /** The verifier's JSON result (or its error text). */
  message: string;
  /** Per interaction description: why its provider state cannot be set up. */
  stateProblems: Map<string, string>;
}

function pactLocation(p: string): string {
  return /^https?:\/\//.test(p) ? p : resolve(p);
}

interface PactFile {
  interactions?: Array<{ description?: string; providerStates?: Array<{ name?: string }> }>;
}

async function readPact(location: string, ca?: string[]): Promise<PactFile> {
  if (/^https?:\/\//.test(location)) return JSON.parse((await httpCall(location, { ca })).text) as PactFile;
  return JSON.parse(readFileSync(location, 'utf8')) as PactFile;
}

/**
 * The verifier only says that a state change failed; this names the unknown states and the known
 * ones (the simulator's scenarios), so the fix is one look away.
 */
async function checkProviderStates(baseUrl: string, locations: string[], tokenQuery: string, ca?: string[]): Promise<Map<string, string>> {
  const problems = new Map<string, string>();
  let known: string[];
  try {
    const res = await httpCall(`${baseUrl}/__mock/scenarios${tokenQuery}`, { ca });
    known = (JSON.parse(res.text) as { scenarios: Array<{ name: string }> }).scenarios.map((s) => s.name);
  } catch {
    return problems;
  }
  for (const location of locations) {
    let pact: PactFile;
    try {
      pact = await readPact(location, ca);
    } catch {
      continue; // the verifier reports an unreadable pact itself
    }
    for (const i of pact.interactions ?? []) {
      for (const state of i.providerStates ?? []) {
        if (state.name && !known.includes(state.name) && i.description) {
          problems.set(i.description, `unknown provider state "${state.name}"; the states are the scenario names: ${known.join(', ')}`);
        }
      }
    }
  }
  return problems;
}

/** Pact is an optional peer dependency: only `pact verify` needs it. */
async function importPact(): Promise<typeof import('@pact-foundation/pact')> {
  try {
    return await import('@pact-foundation/pact');
  } catch {
    throw new Error('ocp-mock pact verify needs @pact-foundation/pact 16.x beside it: npm install --save-dev @pact-foundation/pact@16');
  }
}

/** Runs the Pact verifier; the verifier prints its per-interaction report on stdout. */
export async function verifyPacts(options: VerifyOptions): Promise<VerifyResult> {
  let baseUrl = options.baseUrl?.replace(/\/+$/, '');
  let close: (() => Promise<void>) | undefined;
  if (!baseUrl) {
    const listening = await listen(buildOcpMock({ clock: 'manual', ...options.server }), '127.0.0.1', 0);
    baseUrl = listening.url;
    close = () => listening.close(1000);
  }
  const locations = options.pacts.map(pactLocation);
  // The verifier's state calls carry no custom headers, so a token goes in the query.
  const tokenQuery = options.adminToken ? `?adminToken=${encodeURIComponent(options.adminToken)}` : '';
  const ca = trustWith(options.ca);
  if (ca && baseUrl.startsWith('https:')) {
    // pact-js's proxy cannot be given a certificate to trust, only told not to check one (validateSSL,
    // below): so the target's certificate is checked here first, against the one given.
    try {
      await httpCall(`${baseUrl}/__mock/health`, { ca, timeoutMs: 10_000 });
    } catch (e) {
      await close?.();
      return { ok: false, baseUrl, message: `cannot reach ${baseUrl} trusting the --tls-ca certificate: ${(e as Error).message}`, stateProblems: new Map() };
    }
  }
  const stateProblems = await checkProviderStates(baseUrl, locations, tokenQuery, ca);
  const { Verifier } = await importPact();
  // The verifier (Rust, rustls) reads its roots from SSL_CERT_FILE: the system's and the one given.
  const previousCertFile = process.env.SSL_CERT_FILE;
  let bundleDir: string | undefined;
  if (ca) {
    bundleDir = mkdtempSync(join(tmpdir(), 'ocp-mock-ca-'));
    writeFileSync(join(bundleDir, 'ca.pem'), ca.join('\n'));
    process.env.SSL_CERT_FILE = join(bundleDir, 'ca.pem');
  }
  try {
    const output = await new Verifier({
      provider: 'ocp',
      providerBaseUrl: baseUrl,
      pactUrls: locations,
      // Straight to the simulator (not through pact-js's proxy), so an unknown state fails verification.
      providerStatesSetupUrl: `${baseUrl}/__mock/provider-states${tokenQuery}`,
      logLevel: options.logLevel ?? 'warn',
      ...(ca ? { validateSSL: false } : {}),
    }).verifyProvider();
    return { ok: true, baseUrl, message: String(output ?? 'verified'), stateProblems };
  } catch (e) {
    return { ok: false, baseUrl, message: (e as Error).message, stateProblems };
  } finally {
    if (bundleDir) {
      if (previousCertFile === undefined) delete process.env.SSL_CERT_FILE;
      else process.env.SSL_CERT_FILE = previousCertFile;
      rmSync(bundleDir, { recursive: true, force: true });
    }
    await close?.();
  }
}
