/**
 * Every call of every module, registered through this one loop: each behind its gate, its path
 * parameters, query and body parsed with the call's own schemas (the ones OpenAPI describes), its
 * answer wrapped in OCP's envelope. Served at /api/v2 and without the prefix (the batchStopAgents
 * page prints the path without it).
 */
import { Hono } from 'hono';
import { invalidParam } from '../contract/paging.js';
import { jsonArrayBody, jsonArrayOrObjectBody, jsonObjectBody, parseRequest, pathIds } from '../contract/requests.js';
import { type CallAnswer, type CallDecl, honoPath, type UploadedFile } from '../core/call.js';
import type { BoundCall } from '../simulator/simulator.js';
import { MultipartError, multipartBoundary, parseMultipart } from '../util/multipart.js';
import type { AppEnv } from './env.js';
import type { Envelope } from './envelope.js';
import type { OcpGate, OcpHandler } from './gate.js';
import { QueryCache } from './queryCache.js';

/** Reads a call's path parameters by their names, made once per call. */
function paramReader(decl: CallDecl): ((c: { req: { param(name: string): string | undefined } }) => Record<string, number>) | undefined {
  if (!decl.params) return undefined;
  const names = Object.keys(decl.params.shape);
  const schema = decl.params;
  if (names.length === 1) {
    const [name] = names as [string];
    return (c) => pathIds({ [name]: c.req.param(name) }, schema);
  }
  return (c) => pathIds(Object.fromEntries(names.map((n) => [n, c.req.param(n)])), schema);
}

/** A multipart call's file part: OCP's 400 COM10001 naming it for any body that is not multipart/form-data with one. */
function uploadedFile(contentType: string | undefined, body: Buffer | undefined, part: string): UploadedFile {
  const bad = (message: string) => invalidParam(part, null, message, 'multipartFile');
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw bad('request must be multipart/form-data with a boundary');
  let parts: ReturnType<typeof parseMultipart>;
  try {
    parts = parseMultipart(body ?? Buffer.alloc(0), boundary);
  } catch (e) {
    if (e instanceof MultipartError) throw bad(`malformed multipart body: ${e.message}`);
    throw e;
  }
  const file = parts.find((p) => p.name === part && p.fileName !== undefined);
  if (!file || file.fileName === '') throw bad('must not be null');
  return { fileName: file.fileName as string, bytes: file.data };
}

/** The handler behind a call's gate: parse, ask the module, answer. */
function handlerOf(decl: CallDecl, module: unknown, envelope: Envelope): OcpHandler {
  const params = paramReader(decl);
  const queries = decl.query ? new QueryCache(decl.query, decl.queryObject ?? 'query') : undefined;
  const arrays = decl.queryArrays ?? [];
  const bodyObject = decl.bodyObject ?? 'requestBody';
  return (c, r) => {
    const query = queries?.of(r, () => {
      const values = c.req.query();
      // A StringArray may come as `status=A,B` or `status=A&status=B`.
      if (arrays.length > 0) {
        const all = c.req.queries();
        for (const key of arrays) if ((all[key]?.length ?? 0) > 1) values[key] = (all[key] as string[]).join(',');
      }
      return values;
    });
    let body: unknown;
    if (decl.body) {
      const text = r.body ?? '';
      const object = decl.bodyArrayOrObject
        ? jsonArrayOrObjectBody(text, bodyObject, decl.bodyHint)
        : decl.bodyIsArray
          ? jsonArrayBody(text, bodyObject, decl.bodyHint)
          : jsonObjectBody(text, bodyObject, decl.bodyHint);
      body = decl.plainBody?.(object) ?? parseRequest(decl.body, object, bodyObject);
    }
    const file = decl.multipart ? uploadedFile(c.req.header('content-type'), r.bodyRaw, decl.multipart.filePart) : undefined;
    const caller = r.caller as { id: number; username: string };
    const answer: CallAnswer = decl.handle(module, {
      params: params?.(c),
      query,
      body,
      caller: { id: caller.id, name: caller.username },
      scenario: r.scenario,
      file,
    });
    if (answer.taskId !== undefined) r.taskId = answer.taskId;
    return answer.json !== undefined ? envelope.okJson(c, r, answer.json) : envelope.ok(c, r, answer.data);
  };
}

/** The OCP API: every call of `calls` behind its gate. */
export function ocpApi(calls: readonly BoundCall[], gate: OcpGate, envelope: Envelope): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const { decl, module } of calls) {
    app.on(decl.method.toUpperCase(), honoPath(decl.path), gate.route(decl, handlerOf(decl, module, envelope)));
  }
  return app;
}

/** The methods some call serves at `path` (for 405 with `Allow`). */
export function methodsServing(calls: readonly BoundCall[]): (path: string) => string[] {
  const patterns = calls.map(({ decl }) => ({
    method: decl.method.toUpperCase(),
    regex: new RegExp(`^(?:/api/v2)?${decl.path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
  }));
  return (path) => [...new Set(patterns.filter((p) => p.regex.test(path)).map((p) => p.method))];
}
