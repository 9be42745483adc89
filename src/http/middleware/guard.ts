/**
 * The gate in front of each OCP route, in OCP's order: who is calling (401), then a scenario's
 * declared error for this route (e.g. permission-denied's 403), then the route's permission (403).
 */
import type { MiddlewareHandler } from 'hono';
import { ERROR_CATALOGUE, type ErrorTemplate, OcpError } from '../../contract/errors.js';
import type { RouteId } from '../../scenarios/schema.js';
import { type Permission, requirePermission, type UserDirectory } from '../auth.js';
import type { AppEnv } from '../env.js';
import { bodyText } from './body.js';

function templateFor(code: string, status: number, message: string | undefined): ErrorTemplate {
  const known = Object.values(ERROR_CATALOGUE).find((t) => t.code === code);
  const en = message ?? known?.en ?? `Scenario error ${code}`;
  const zh = message ?? known?.zh ?? en;
  return { code, httpStatus: status, en, zh };
}

export function guard(users: UserDirectory, routeId: RouteId, permission: Permission | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('routeId', routeId);
    c.set(
      'user',
      await users.authenticate({
        authorization: c.req.header('authorization'),
        now: Date.now(),
        signedParts: async () => {
          const url = new URL(c.req.url);
          return {
            method: c.req.method,
            body: bodyText(c),
            contentType: c.req.header('content-type') ?? '',
            date: c.req.header('date') ?? '',
            host: c.req.header('host') ?? url.host,
            headers: c.req.header(),
            path: url.pathname,
            query: [...url.searchParams.entries()],
          };
        },
      }),
    );
    const declared = c.get('sim').scenario(c.get('scenario')).request.error;
    if (declared && (declared.routes ?? ['batchStopAgents']).includes(routeId)) {
      throw new OcpError(templateFor(declared.code, declared.status, declared.message));
    }
    if (permission) requirePermission(c.get('user'), permission);
    await next();
  };
}
