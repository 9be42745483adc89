/**
 * Stubs on the one request path: while any is in force, every OCP route's gate and the app's
 * notFound ask `find` first, and a stub that matches answers through a gate of its own (body,
 * scenario, its request behaviour, 401, the stub's permission, 403), in OCP's envelope: `data`
 * as a success, `error` as OCP's error envelope in the caller's language, or a raw `body`.
 * Templates in the answer are filled from the seed and the simulator (src/stubs/template.ts).
 */
import { basename } from 'node:path';
import type { Context } from 'hono';
import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorTemplate, OcpError, type SubError } from '../contract/errors.js';
import { OCP_ERROR_TEXTS } from '../contract/ocpErrorTexts.js';
import { routeShape } from '../core/call.js';
import type { World } from '../core/world.js';
import type { Stub, StubRegistry } from '../stubs/registry.js';
import { NO_BODY_STATUSES, type StubResponse } from '../stubs/schema.js';
import { hasTemplates, renderTemplates, type TemplateRequest, type TemplateWorld } from '../stubs/template.js';
import type { AppEnv } from './env.js';
import { type Envelope, elapsedMs, JSON_CONTENT_TYPE } from './envelope.js';
import type { GatedHandler, OcpGate } from './gate.js';
import type { DocumentedCall } from './openapi/document.js';
import type { RequestState } from './requestState.js';

/** HTTP statuses of the codes the simulator itself answers with (any other code: the stub's status, else 400). */
const STATUS_OF_CODE = new Map<string, number>(Object.values(ERROR_CATALOGUE).map((t) => [t.code, t.httpStatus]));

export class StubAnswers {
  private readonly handlers = new WeakMap<Stub, GatedHandler>();
  /**
   * An answer without templates is the same text every time: its data is serialized once (a
   * recorded page can be a megabyte), and whether it has templates is looked at once.
   */
  private readonly fixedDataJson = new WeakMap<StubResponse, string>();
  /** The path parameters `find` read for a request, for its stub's handler (one match a request). */
  private readonly paramsOfRequest = new WeakMap<Context<AppEnv>, Record<string, string>>();
  constructor(
    private readonly registry: StubRegistry,
    private readonly gate: OcpGate,
    private readonly sim: World,
    private readonly envelope: Envelope,
    /** What templates read (the seed, now, the simulated records). */
    private readonly world: TemplateWorld,
  ) {
    // The gate looks for stubs only while there are any.
    registry.onChange = () => {
      gate.stubFor = registry.size > 0 ? this.find : undefined;
    };
    registry.onChange();
  }

  /** The gated handler of the stub that answers this request, if one does. */
  readonly find = (c: Context<AppEnv>): GatedHandler | undefined => {
    const path = c.req.path;
    if (path.startsWith('/__mock')) return undefined;
    const hit = this.registry.match({
      method: c.req.method,
      path,
      query: () => new URL(c.req.url).searchParams,
      header: (name) => c.req.header(name),
      scenario: () => c.req.header('x-ocp-mock-scenario')?.trim() || this.sim.defaultScenario,
    });
    if (!hit) return undefined;
    const { stub, params } = hit;
    this.paramsOfRequest.set(c, params);
    let handler = this.handlers.get(stub);
    if (!handler) {
      handler = this.gate.gated({ routeId: `stub:${stub.id}`, method: stub.method.toLowerCase() as 'get', permission: stub.decl.permission }, (c2, r) =>
        this.answer(c2, r, stub, this.paramsOfRequest.get(c2) ?? {}),
      );
      this.handlers.set(stub, handler);
    }
    return handler;
  };

  private answer(c: Context<AppEnv>, r: RequestState, stub: Stub, params: Record<string, string>): Response | Promise<Response> {
    r.stub = stub.file ? { id: stub.id, file: stub.file } : { id: stub.id };
    const answer = this.registry.nextAnswer(stub);
    const request: TemplateRequest = { params, query: Object.fromEntries(new URL(c.req.url).searchParams) };
    const respond = () => this.respond(c, r, stub, answer, request);
    const latency = answer.latencyMs;
    if (latency === undefined) return respond();
    const [lo, hi] = typeof latency === 'number' ? [latency, latency] : latency;
    const ms = Math.round(lo + this.sim.nextRequestDraw() * (hi - lo));
    return new Promise((resolve) => setTimeout(resolve, ms)).then(respond);
  }

  private respond(c: Context<AppEnv>, r: RequestState, stub: Stub, answer: StubResponse, request: TemplateRequest): Response {
    const fill = (v: unknown) => (stub.decl.templates !== false && hasTemplates(v) ? renderTemplates(v, stub.id, this.world, request) : v);
    for (const [k, v] of Object.entries(answer.headers ?? {})) c.header(k, v);
    if (answer.error) {
      const code = answer.error.code;
      const message = answer.error.message;
      const known = OCP_ERROR_TEXTS[code];
      const template: ErrorTemplate = {
        code,
        httpStatus: answer.status ?? STATUS_OF_CODE.get(code) ?? 400,
        en: typeof message === 'string' ? message : (message?.en ?? known?.en ?? code),
        zh: typeof message === 'string' ? message : (message?.zh ?? known?.zh ?? code),
      };
      const args = (fill(answer.error.args ?? []) as unknown[]).map((a) => (a !== null && typeof a === 'object' ? JSON.stringify(a) : a));
      const { subErrors, target } = answer.error;
      throw new OcpError(template, args, { ...(subErrors ? { subErrors: subErrors as SubError[] } : {}), ...(target ? { target } : {}) });
    }
    const status = answer.status ?? 200;
    // 204, 205: the status alone (the schema allows nothing else with them).
    if (NO_BODY_STATUSES.has(status)) return c.body(null, status as 204);
    if ('body' in answer) {
      const body = fill(answer.body);
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const typed = Object.keys(answer.headers ?? {}).some((k) => k.toLowerCase() === 'content-type');
      return c.body(text, status as 200, typed ? {} : { 'Content-Type': typeof body === 'string' ? 'text/plain; charset=UTF-8' : 'application/json' });
    }
    const dataJson = 'data' in answer ? this.dataJsonOf(stub, answer, fill) : undefined;
    let text = this.envelope.success(dataJson, elapsedMs(r.arrivedAt), r.traceId as string);
    if (status !== 200) text = text.replace(',"status":200,"successful":true,', `,"status":${status},"successful":true,`);
    return c.body(text, status as 200, JSON_CONTENT_TYPE);
  }

  /** `answer.data` as JSON for this request: from its templates, or the text made the first time. */
  private dataJsonOf(stub: Stub, answer: StubResponse, fill: (v: unknown) => unknown): string {
    const fixed = this.fixedDataJson.get(answer);
    if (fixed !== undefined) return fixed;
    if (stub.decl.templates !== false && hasTemplates(answer.data)) return JSON.stringify(fill(answer.data) ?? null);
    const text = JSON.stringify(answer.data ?? null);
    this.fixedDataJson.set(answer, text);
    return text;
  }
}

/**
 * A stub as the OpenAPI document shows it (tag Stubs), unless it answers a path and method the
 * simulator serves (`served`: that call is documented already, with its schema).
 */
export function stubRouteSpec(stub: Stub, served: readonly { method: string; path: string }[]): DocumentedCall | undefined {
  const method = stub.method.toLowerCase() as DocumentedCall['method'];
  // The same route whatever its parameters are called (`{id}`, `{clusterId}`): one path in the document.
  const shape = routeShape(stub.matchPath);
  const shadows = served.some((r) => r.method === method && routeShape(r.path) === shape);
  if (shadows) return undefined;
  const params = stub.paramNames.length > 0 ? z.object(Object.fromEntries(stub.paramNames.map((n) => [n, z.string()]))) : undefined;
  return {
    name: `stub-${stub.id}`,
    method,
    path: stub.matchPath,
    summary: `${stub.decl.description ?? `Stub ${stub.id}`} (${stub.file ? `stub file ${basename(stub.file)}` : 'stub added at run time'})`,
    tag: 'Stubs',
    ...(stub.decl.permission ? { permission: stub.decl.permission } : {}),
    ...(params ? { params } : {}),
    data: z.unknown(),
  };
}
