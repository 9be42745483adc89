/**
 * What a scenario does to requests (its `request:` block), compiled once per scenario when the
 * app is built: an OCP error for some routes, a rate limit, latency, seeded faults. A scenario
 * without any of these compiles to `undefined`, so the request path skips it with one check.
 *
 * The rate limit is one window per scenario for the whole API (every route, both path prefixes):
 * `limit: 5` means 5 requests a window from callers under that scenario, the 6th is 429. The
 * window starts at the first request after the last one ended (not on a wall-clock boundary), so
 * a burst is counted the way a client sees it.
 */
import { ERROR_CATALOGUE, type ErrorTemplate, INFERRED_ERRORS, OcpError } from '../contract/errors.js';
import type { Scenario } from '../scenarios/schema.js';

interface RateWindow {
  start: number;
  count: number;
}

export interface RequestPolicy {
  /** The scenario's declared error, on the routes it names (default: batchStopAgents only). */
  error?: { routes: ReadonlySet<string>; template: ErrorTemplate };
  rateLimit?: { limit: number; windowMs: number; window: RateWindow };
  latencyMs?: readonly [number, number];
  faults?: Scenario['request']['faults'];
}

function templateFor(code: string, status: number, message: string | undefined): ErrorTemplate {
  const known = Object.values(ERROR_CATALOGUE).find((t) => t.code === code);
  const en = message ?? known?.en ?? `Scenario error ${code}`;
  const zh = message ?? known?.zh ?? en;
  return { code, httpStatus: status, en, zh };
}

/** The policy of a scenario, or undefined when it has no request-level behaviour at all. */
export function compilePolicy(scenario: Scenario): RequestPolicy | undefined {
  const { error, rateLimit, latencyMs, faults } = scenario.request;
  if (!error && !rateLimit && latencyMs === undefined && !faults) return undefined;
  const policy: RequestPolicy = {};
  if (error) policy.error = { routes: new Set(error.routes ?? ['batchStopAgents']), template: templateFor(error.code, error.status, error.message) };
  if (rateLimit) policy.rateLimit = { ...rateLimit, window: { start: Number.NEGATIVE_INFINITY, count: 0 } };
  if (latencyMs !== undefined) policy.latencyMs = typeof latencyMs === 'number' ? [latencyMs, latencyMs] : latencyMs;
  if (faults) policy.faults = faults;
  return policy;
}

/**
 * Counts a request against the scenario's window: the headers to send with the answer, or
 * OCP's 429 (with the same headers and Retry-After) once the window is full.
 */
export function takeRateSlot(rate: NonNullable<RequestPolicy['rateLimit']>, now: number): Record<string, string> {
  const w = rate.window;
  if (now - w.start >= rate.windowMs) {
    w.start = now;
    w.count = 0;
  }
  w.count++;
  const reset = Math.max(1, Math.ceil((w.start + rate.windowMs - now) / 1000));
  const headers = { 'RateLimit-Limit': String(rate.limit), 'RateLimit-Remaining': String(Math.max(0, rate.limit - w.count)), 'RateLimit-Reset': String(reset) };
  if (w.count > rate.limit) {
    throw new OcpError(INFERRED_ERRORS.tooManyRequests, [`too many requests, at most ${rate.limit} per ${rate.windowMs} ms`], {
      headers: { ...headers, 'Retry-After': String(reset) },
    });
  }
  return headers;
}

/** Every scenario's policy, compiled once; `reset` starts the rate windows afresh. */
export class RequestPolicies {
  private readonly byName = new Map<string, RequestPolicy | undefined>();
  constructor(scenarios: readonly Scenario[]) {
    for (const s of scenarios) this.byName.set(s.name, compilePolicy(s));
  }
  of(name: string): RequestPolicy | undefined {
    return this.byName.get(name);
  }
  /** The policies of another set of scenarios (`--watch`): each compiled anew, its rate window fresh. */
  replace(scenarios: readonly Scenario[]): void {
    this.byName.clear();
    for (const s of scenarios) this.byName.set(s.name, compilePolicy(s));
  }
  reset(): void {
    for (const p of this.byName.values()) if (p?.rateLimit) p.rateLimit.window = { start: Number.NEGATIVE_INFINITY, count: 0 };
  }
}
