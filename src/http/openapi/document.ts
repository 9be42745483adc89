/**
 * The OpenAPI 3.1 document of every call the simulator serves, built by @hono/zod-openapi from the
 * calls' own declarations: the same zod schemas validate a request and answer it.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { EmptyEnvelope, ErrorEnvelope, successEnvelope } from '../../contract/schemas.js';
import type { CallDecl } from '../../core/call.js';

/** What the document says of a call (a declared call, or a stub's). */
export type DocumentedCall = Pick<CallDecl, 'method' | 'path' | 'summary' | 'tag' | 'permission' | 'params' | 'query' | 'body' | 'data' | 'multipart'> & {
  /** The OpenAPI operation id. */
  name: string;
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorEnvelope.meta({ id: 'ErrorEnvelope' }) } } });

function toRoute(spec: DocumentedCall) {
  const request: Record<string, unknown> = {};
  if (spec.params) request.params = spec.params;
  if (spec.query) request.query = spec.query;
  if (spec.body) request.body = { required: true, content: { 'application/json': { schema: spec.body } } };
  if (spec.multipart) {
    const file = z.string().meta({ format: 'binary', description: 'The file to upload' });
    request.body = { required: true, content: { 'multipart/form-data': { schema: z.object({ [spec.multipart.filePart]: file }) } } };
  }
  const success = spec.data === null ? EmptyEnvelope : successEnvelope(spec.data);
  return createRoute({
    method: spec.method,
    path: `/api/v2${spec.path}`,
    operationId: spec.name,
    summary: spec.summary,
    description: `${spec.permission ? `Permission: ${spec.permission}. ` : 'Any signed-in user. '}Also served without the /api/v2 prefix.`,
    tags: [spec.tag],
    security: [{ basicAuth: [] }],
    request,
    responses: {
      200: { description: 'OCP envelope with the answer', content: { 'application/json': { schema: success } } },
      400: errorResponse('Bad input (COM10001, COM10011), or a state that forbids the operation (TSK10007, TSK10009, CMP07019)'),
      401: errorResponse('Not signed in (IAM10000) or wrong credentials (IAM10004)'),
      403: errorResponse('Missing permission (IAM11000)'),
      404: errorResponse('Unknown task (TSK10001) or host (CMP07005)'),
      413: errorResponse('Body over 1 MiB (an upload: over --max-upload-bytes)'),
      429: errorResponse("A scenario's rate limit (RateLimit-* headers)"),
      500: errorResponse("A scenario's injected fault (COM10999)"),
    },
  });
}

/** The document of `calls` (the simulator's, then stubs'); the caller keeps it. */
export function openApiDocument(calls: readonly DocumentedCall[]): object {
  const registry = new OpenAPIHono();
  registry.openAPIRegistry.registerComponent('securitySchemes', 'basicAuth', { type: 'http', scheme: 'basic' });
  for (const spec of calls) registry.openAPIRegistry.registerPath(toRoute(spec));
  return registry.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'OCP host-agent API (ocp-mock)',
      version: '4.2.2',
      description:
        "The OceanBase Cloud Platform routes ocp-mock simulates, in OCP's envelope. Sign in with HTTP Basic (admin/admin, operator/operator, viewer/viewer).",
    },
  });
}
