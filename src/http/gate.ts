/**
 * The one way a request goes through the app. Every OCP route's handler is wrapped in its gate
 * (`OcpGate.route`), which does, in OCP's order and once per request:
 *   read the body (POST) -> the scenario (header, else the default) -> the scenario's request
 *   behaviour (rate limit, latency, faults; skipped outright for scenarios without any) -> who is
 *   calling (401) -> the scenario's declared error for this route -> the route's permission (403)
 *   -> the handler -> one journal entry and one log line.
 * Nothing in it awaits unless something waits (a body, a scenario's latency), so a GET with
 * proven credentials runs start to end synchronously. The control plane and unmatched paths
 * record their exchange through the same state (`controlPlane`, and `stateOf` for app.ts's notFound).
 */
import type { Context, Handler, MiddlewareHandler } from 'hono';
import { OcpError, unexpectedError } from '../contract/errors.js';
import type { Permission } from '../contract/permissions.js';
import type { HttpMethod } from '../core/call.js';
import type { World } from '../core/world.js';
import { requirePermission, type UserDirectory } from './auth.js';
import type { AppEnv } from './env.js';
import type { Envelope } from './envelope.js';
import type { RecordExchange } from './exchanges.js';
import { readBody } from './requestBody.js';
import { type RequestPolicies, type RequestPolicy, takeRateSlot } from './requestPolicy.js';
import { beginRequest, headerLines, headerOf, pathOf, type RequestState, SCENARIO_HEADER } from './requestState.js';

/** A route's own work, once the gate has let the request through. */
export type OcpHandler = (c: Context<AppEnv>, r: RequestState) => Response | Promise<Response>;

/** A gated handler, ready for a request. */
export type GatedHandler = (c: Context<AppEnv>) => Response | Promise<Response>;

/** The stub that answers this request instead, if any (src/http/stubs.ts). */
export type StubFinder = (c: Context<AppEnv>) => GatedHandler | undefined;

/** What the gate needs of a call: the name scenarios aim errors at, its method and permission. */
export interface GateSpec {
  routeId: string;
  method: HttpMethod;
  /** Undefined: any signed-in user. */
  permission?: Permission;
  /** Set for an upload: its body may be as large as `maxUploadBytes`. */
  multipart?: unknown;
}

export interface GateDeps {
  world: World;
  envelope: Envelope;
  users: UserDirectory;
  policies: RequestPolicies;
  recordExchange: RecordExchange;
  maxBodyBytes: number;
  /** The limit of a multipart (upload) call's body (`--max-upload-bytes`). */
  maxUploadBytes: number;
}

function isPromise<T>(x: T | Promise<T>): x is Promise<T> {
  return typeof (x as { then?: unknown })?.then === 'function';
}

export class OcpGate {
  /**
   * Set while any stub is in force: a stub that matches answers instead of the simulated route (a
   * user who recorded a real answer wants that answer). Unset, a route pays one property read.
   */
  stubFor: StubFinder | undefined;

  constructor(private readonly deps: GateDeps) {}

  /** A request's state, from its arrival. */
  begin(c: Context<AppEnv>): RequestState {
    const world = this.deps.world;
    return beginRequest(c, world.nextTraceId(), world.defaultScenario);
  }

  /** Renders an error (an unexpected throw as OCP's 500) for `r`. */
  fail(c: Context<AppEnv>, r: RequestState, e: unknown): Response {
    return this.deps.envelope.errorResponse(c, r, e instanceof OcpError ? e : unexpectedError(e));
  }

  /** Records the answered exchange once and hands the response back. */
  finish(r: RequestState, res: Response, journaled: boolean): Response {
    r.status = res.status;
    r.body = undefined;
    r.bodyRaw = undefined;
    this.deps.recordExchange(r, journaled);
    return res;
  }

  /**
   * Runs `work` for `r`, rendering any error, and records the exchange (sync when `work` is): the
   * one way an answer leaves, for OCP's calls, stubs, the 404 and the front door's redirect.
   * `journaled` false: logged only (the control plane records its own exchanges).
   */
  settle(c: Context<AppEnv>, r: RequestState, work: () => Response | Promise<Response>, journaled = true): Response | Promise<Response> {
    let out: Response | Promise<Response>;
    try {
      out = work();
    } catch (e) {
      return this.finish(r, this.fail(c, r, e), journaled);
    }
    if (!isPromise(out)) return this.finish(r, out, journaled);
    return out.then(
      (res) => this.finish(r, res, journaled),
      (e) => this.finish(r, this.fail(c, r, e), journaled),
    );
  }

  /** The Hono handler of an OCP route: its gate around `handler` (a stub in force for the request answers instead). */
  route(spec: GateSpec, handler: OcpHandler): Handler<AppEnv> {
    const gated = this.gated(spec, handler);
    return (c) => {
      const stub = this.stubFor?.(c);
      return stub ? stub(c) : gated(c);
    };
  }

  /** `handler` behind the gate (a stub's own handler is made here too). */
  gated(spec: GateSpec, handler: OcpHandler): GatedHandler {
    const { world, users, policies } = this.deps;
    const maxBodyBytes = spec.multipart ? this.deps.maxUploadBytes : this.deps.maxBodyBytes;
    const routeId = spec.routeId;
    const permission = spec.permission;

    const guarded = (c: Context<AppEnv>, r: RequestState, policy: RequestPolicy | undefined): Response | Promise<Response> => {
      r.caller =
        users.provenUser(r.authorization) ?? users.authenticate({ authorization: r.authorization, now: Date.now(), signedParts: () => signedParts(c, r) });
      if (policy?.error?.routes.has(routeId)) throw new OcpError(policy.error.template);
      if (permission) requirePermission(r.caller, permission);
      return handler(c, r);
    };

    const afterBody = (c: Context<AppEnv>, r: RequestState): Response | Promise<Response> => {
      if (r.scenarioHeader !== undefined) {
        const name = r.scenarioHeader.trim();
        world.scenarios.get(name, SCENARIO_HEADER);
        r.scenario = name;
      }
      const policy = policies.of(r.scenario);
      if (!policy) return guarded(c, r, undefined);
      return this.behave(c, r, policy, () => guarded(c, r, policy));
    };

    if (spec.method === 'post' || spec.method === 'put' || spec.method === 'patch') {
      return (c) => {
        const r = this.begin(c);
        return this.settle(c, r, () => readBody(c, r, maxBodyBytes).then(() => afterBody(c, r)));
      };
    }
    return (c) => {
      const r = this.begin(c);
      return this.settle(c, r, () => afterBody(c, r));
    };
  }

  /** A scenario's request behaviour, in order: rate limit, latency, faults; then `next`. */
  private behave(c: Context<AppEnv>, r: RequestState, policy: RequestPolicy, next: () => Response | Promise<Response>): Response | Promise<Response> {
    const world = this.deps.world;
    if (policy.rateLimit) {
      for (const [k, v] of Object.entries(takeRateSlot(policy.rateLimit, Date.now()))) c.header(k, v);
    }
    const afterLatency = (): Response | Promise<Response> => {
      if (policy.faults && world.nextRequestDraw() < policy.faults.rate) {
        const socket = c.env?.incoming?.socket;
        if (policy.faults.kind === 'drop' && socket) {
          socket.destroy();
          // The socket is gone; this response is never sent.
          return c.body(null, 500);
        }
        throw new OcpError('unknownError', ['injected fault', `scenario ${r.scenario}`], { httpStatus: policy.faults.status });
      }
      return next();
    };
    if (policy.latencyMs) {
      const [lo, hi] = policy.latencyMs;
      const ms = Math.round(lo + world.nextRequestDraw() * (hi - lo));
      if (ms > 0) return new Promise((resolve) => setTimeout(resolve, ms)).then(afterLatency);
    }
    return afterLatency();
  }

  /**
   * For the control plane (/__mock/*): the request's state for its handlers (`c.get('state')`),
   * its body read, its exchange logged (never journaled: the journal is of the OCP API).
   */
  controlPlane(): MiddlewareHandler<AppEnv> {
    const { maxBodyBytes } = this.deps;
    return async (c, next) => {
      const r = this.begin(c);
      c.set('state', r);
      try {
        if (r.method !== 'GET' && r.method !== 'HEAD') await readBody(c, r, maxBodyBytes);
        await next();
      } catch (e) {
        c.res = this.fail(c, r, e);
      }
      this.finish(r, c.res, false);
    };
  }

  /** The state of a request that no route took (made here if no middleware made it). */
  stateOf(c: Context<AppEnv>): RequestState {
    return c.get('state') ?? this.begin(c);
  }
}

/** What an AK/SK signature covers, read from the request only when one is presented. */
function signedParts(c: Context<AppEnv>, r: RequestState) {
  const url = new URL(r.target, 'http://placeholder');
  return {
    method: r.method,
    body: r.body ?? '',
    contentType: headerOf(r, 'content-type') ?? '',
    date: headerOf(r, 'date') ?? '',
    host: headerOf(r, 'host') ?? new URL(c.req.url).host,
    headers: headerLines(r),
    path: pathOf(r),
    query: [...url.searchParams.entries()],
  };
}
