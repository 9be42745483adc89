/**
 * The programmatic API, for tests and tools that embed the simulator.
 *
 * @example In a vitest globalSetup:
 * ```ts
 * import { startOcpMock } from 'ocp-mock';
 * export default async function setup({ provide }) {
 *   const ocp = await startOcpMock({ clock: 'manual', seed: 7 });
 *   provide('ocpUrl', ocp.url);
 *   return () => ocp.close();
 * }
 * ```
 */
import type { Hono } from 'hono';
import { buildOcpMock } from './app.js';
import type { OcpMockOptions } from './config.js';
import type { AppEnv } from './http/env.js';
import type { JournalEntry } from './http/journal.js';
import type { RequestMatcher } from './http/verify/match.js';
import { compileOrThrow, type Expectation, type Selection, selectRequests, verifyRequests, waitForRequests } from './http/verify/verify.js';
import { listen } from './server.js';
import { certificateNames, selfSignedTls, type TlsMaterial } from './tls.js';
import type { ReloadOutcome } from './watch/reload.js';

export { buildOcpMock, MAX_BODY_BYTES, type OcpMock } from './app.js';
export { ConfigError, type OcpMockOptions } from './config.js';
export type { JournalEntry } from './http/journal.js';
export type { RequestMatcher } from './http/verify/match.js';
export { type Expectation, type NearMiss, type Selection, VerificationError } from './http/verify/verify.js';
export { Simulator } from './simulator/simulator.js';
export type { TlsMaterial } from './tls.js';
export type { ReloadOutcome } from './watch/reload.js';

export interface StartOptions extends OcpMockOptions {
  /** Port to listen on; 0 (default) takes a free one. */
  port?: number;
  /** Address to bind (default 127.0.0.1). */
  host?: string;
  /** Serve HTTPS: with this PEM key and certificate, or with ones made for the run (`'self-signed'`; trust `certificate`). */
  tls?: 'self-signed' | TlsMaterial;
  /** Read `scenariosDir`, `operationsDir` and `stubsDir` again when their files change (see `GET /__mock/health`); `onReload` hears each outcome. */
  watch?: boolean;
  onReload?: (outcome: ReloadOutcome) => void;
}

/** A running simulator. */
export interface OcpMockHandle {
  /** Base URL, e.g. `http://127.0.0.1:41234` (`https://` with `tls`). */
  url: string;
  /** With `tls`: the server's certificate (PEM), for a client to trust, e.g. `new https.Agent({ ca: ocp.certificate })`. */
  certificate?: string;
  clock: {
    /** Moves simulated time on by `ms`, e.g. `clock.advance(600_000)` for a node timeout. */
    advance(ms: number): void;
    /** Simulated now, epoch milliseconds. */
    now(): number;
  };
  /** Switches the server's default scenario, e.g. `setScenario('node-timeout')`. Throws on an unknown name. */
  setScenario(name: string): void;
  /** Back to the seed's start: tasks, hosts, ids, clock, default scenario and request journal. */
  reset(): void;
  /** What the simulator received, oldest first, secrets redacted. */
  requests(): JournalEntry[];
  /** The journal's requests that match (method, path or `{param}` pattern, query, headers, body subset or bodyEquals, status, user, scenario, since), with whether the journal dropped any. */
  find(matcher?: RequestMatcher): Selection;
  /** How many journal requests match. */
  count(matcher?: RequestMatcher): number;
  /**
   * Throws a VerificationError unless as many requests match as wanted (`times`, or `atLeast` / `atMost`;
   * default at least 1); its message lists the matching requests and the nearest others, each with how it differs.
   */
  verify(matcher: RequestMatcher, expectation?: Expectation): Selection;
  /** Resolves once enough requests match (as `verify`), else rejects after `timeoutMs` (default 5000) with verify's error. */
  waitFor(matcher: RequestMatcher, options?: Expectation & { timeoutMs?: number }): Promise<Selection>;
  /** Stops listening. */
  close(): Promise<void>;
}

/**
 * Starts the simulator on a real port.
 *
 * @example
 * ```ts
 * const ocp = await startOcpMock({ clock: 'manual', scenario: 'node-timeout' });
 * const res = await fetch(`${ocp.url}/api/v2/compute/hosts/batchStopAgents`, {
 *   method: 'POST',
 *   headers: { authorization: `Basic ${btoa('admin:admin')}`, 'content-type': 'application/json' },
 *   body: JSON.stringify({ hostIds: [2] }),
 * });
 * ocp.clock.advance(700_000); // the Stop node has now timed out
 * console.log(ocp.requests().length); // 1
 * await ocp.close();
 * ```
 */
export async function startOcpMock(options: StartOptions = {}): Promise<OcpMockHandle> {
  const { port = 0, host = '127.0.0.1', tls, watch, onReload, ...rest } = options;
  const mock = buildOcpMock(rest);
  const { simulator, journal } = mock;
  const material = tls === 'self-signed' ? await selfSignedTls(certificateNames(host)) : tls;
  const listening = await listen(mock, host, port, material);
  if (watch) mock.reloader.watch(onReload ?? (() => {}));
  return {
    url: listening.url,
    ...(material ? { certificate: material.cert } : {}),
    clock: { advance: (ms) => simulator.advanceClock(ms), now: () => simulator.now() },
    setScenario: (name) => simulator.setDefaultScenario(name),
    reset: () => {
      simulator.reset();
      journal.clear();
    },
    requests: () => journal.list(),
    find: (matcher = {}) => selectRequests(journal, compileOrThrow(matcher)),
    count: (matcher = {}) => selectRequests(journal, compileOrThrow(matcher)).count,
    verify: (matcher, expectation) => verifyRequests(journal, matcher, expectation),
    waitFor: (matcher, options) => waitForRequests(journal, matcher, options),
    close: () => {
      mock.reloader.close();
      return listening.close(1000);
    },
  };
}

/**
 * The Hono app alone, for in-process `app.request(...)` with no port.
 *
 * @example
 * ```ts
 * const app = createOcpMockApp({ clock: 'manual' });
 * const res = await app.request('/api/v2/compute/hosts/2', { headers: { authorization: `Basic ${btoa('viewer:viewer')}` } });
 * console.log((await res.json()).data.hostAgentStatus); // 'AVAILABLE'
 * ```
 */
export function createOcpMockApp(options: OcpMockOptions = {}): Hono<AppEnv> {
  return buildOcpMock(options).app;
}
