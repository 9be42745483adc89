/**
 * A call is one declaration: its method and path, its permission, the zod schemas of its path
 * parameters, query and body (the same objects validate a request and describe it in OpenAPI), the
 * schema of its answer, and its handler. Modules declare their calls with `defineCall`; the HTTP
 * adapter (src/http/calls.ts) registers every call of every module through one loop, and route ids,
 * scenario route names, OpenAPI, coverage and near-miss hints are all read off the declarations.
 *
 * A handler knows no transport: it gets the request's parts already parsed and answers data (or
 * data already serialized), which the adapter wraps in OCP's envelope.
 */
import type { z } from 'zod';
import type { Permission } from '../contract/permissions.js';

export type HttpMethod = 'get' | 'post' | 'delete' | 'put' | 'patch';

/** Who is calling, as a task's `creator` names them. */
export interface Caller {
  id: number;
  name: string;
}

/** The parsed parts of a request, as a handler gets them. */
export interface CallRequest<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  caller: Caller;
  /** The scenario the request runs under (its header's, else the server's default). */
  scenario: string;
  /** A multipart call's file part (`multipart` below); undefined for every other call. */
  file?: UploadedFile;
}

/** A file part of a multipart/form-data body, as the adapter read it. */
export interface UploadedFile {
  fileName: string;
  bytes: Buffer;
}

/** What a handler answers: `data` (serialized by the adapter), `json` (already serialized), or neither (an envelope without data). */
export interface CallAnswer {
  data?: unknown;
  json?: string;
  /** The task the call started, for the journal and the log line. */
  taskId?: number;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface CallSpec<
  M,
  P extends z.ZodObject | undefined,
  Q extends z.ZodObject | undefined,
  B extends z.ZodType | undefined,
  D extends z.ZodType | null = z.ZodType | null,
> {
  /** The name scenarios aim request-level errors at (calls of one kind share one, e.g. `taskAction`). */
  routeId: string;
  method: HttpMethod;
  /** OpenAPI-style, relative to /api/v2 (also served without the prefix). */
  path: string;
  summary: string;
  /** The OpenAPI tag (the OCP module as its reference names it). */
  tag: string;
  /** Undefined: any signed-in user. */
  permission?: Permission;
  /**
   * Why a call no page of OCP's reference documents is served (*inferred*): it is left out of the
   * coverage count (which counts documented calls) and listed apart.
   */
  inferred?: string;
  params?: P;
  query?: Q;
  /** The object a bad query's sub-errors name (OCP names the request object). */
  queryObject?: string;
  /** Query keys whose repeated values are one list (Spring's StringArray: `a=1&a=2` as `a=1,2`). */
  queryArrays?: readonly string[];
  body?: B;
  /** The object a bad body's sub-errors name. */
  bodyObject?: string;
  /** The body is a JSON array (ocp-docs/cluster/2300's), not an object. */
  bodyIsArray?: boolean;
  /** The body is a JSON array or one object (ocp-docs/tenant/1100-1300: the samples send an array, the tables describe one object). */
  bodyArrayOrObject?: boolean;
  /** What a body of the wrong kind (not a JSON object, or not an array) is told it should be. */
  bodyHint?: string;
  /**
   * A parse of the body that accepts only what plainly meets the schema, cheaper than zod (the
   * submissions of a load test); undefined hands the body to the schema, which words OCP's errors.
   */
  plainBody?: (body: object) => Out<B> | undefined;
  /**
   * The body is multipart/form-data, not JSON (ocp-docs/software-package/200): the adapter hands its
   * `filePart` over as `request.file` (a missing or malformed one is 400 COM10001), and the body may
   * be as large as `--max-upload-bytes` rather than the JSON limit.
   */
  multipart?: { filePart: string };
  /** The `data` of a success; null for an envelope without data. */
  data: D;
  handle(module: M, request: CallRequest<Out<P>, Out<Q>, Out<B>>): CallAnswer;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of calls holds every module's, each typed where it is declared.
export type CallDecl<M = any> = CallSpec<M, any, any, any, z.ZodType | null>;

/**
 * Declares a call of a module whose instance is `M`: `defineCall<Compute>()({...})`. The schemas
 * given type the handler's request, so a handler cannot read a field its schema does not parse.
 */
export function defineCall<M>() {
  return <
    P extends z.ZodObject | undefined = undefined,
    Q extends z.ZodObject | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    D extends z.ZodType | null = null,
  >(
    spec: CallSpec<M, P, Q, B, D>,
  ): CallSpec<M, P, Q, B, D> => spec;
}

/** A call's path as Hono routes it: `/tasks/instances/{taskId}` -> `/tasks/instances/:taskId`. */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

/** The path with every parameter as `{}` (two calls on one such path and method are one route). */
export function routeShape(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}
