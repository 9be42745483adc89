/**
 * The OpenAPI 3.1 document of every OCP route the simulator serves, built by @hono/zod-openapi
 * from the same zod schemas the server validates and answers with (src/http/ocpRoutes.ts).
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { EmptyEnvelope, ErrorEnvelope, successEnvelope } from '../../contract/schemas.js';
import { OCP_ROUTES, type OcpRouteSpec } from '../ocpRoutes.js';

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorEnvelope.meta({ id: 'ErrorEnvelope' }) } } });

function toRoute(spec: OcpRouteSpec) {
  const request: Record<string, unknown> = {};
  if ('params' in spec && spec.params) request.params = spec.params;
  if ('query' in spec && spec.query) request.query = spec.query;
  if ('body' in spec && spec.body) request.body = { required: true, content: { 'application/json': { schema: spec.body } } };
  const success = spec.data === null ? EmptyEnvelope : successEnvelope(spec.data);
  return createRoute({
    method: spec.method,
    path: `/api/v2${spec.path}`,
    operationId: Object.entries(OCP_ROUTES).find(([, s]) => s === spec)?.[0] ?? spec.id,
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
      413: errorResponse('Body over 1 MiB'),
      429: errorResponse("A scenario's rate limit (RateLimit-* headers)"),
      500: errorResponse("A scenario's injected fault (COM10999)"),
    },
  });
}

/** The document of the shipped routes and `extra` ones (a user's operations); the caller keeps it. */
export function openApiDocument(extra: readonly OcpRouteSpec[] = []): object {
  const registry = new OpenAPIHono();
  registry.openAPIRegistry.registerComponent('securitySchemes', 'basicAuth', { type: 'http', scheme: 'basic' });
  for (const spec of [...Object.values(OCP_ROUTES), ...extra]) registry.openAPIRegistry.registerPath(toRoute(spec));
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
