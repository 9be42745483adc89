/**
 * The control plane (/__mock/*) is locked down: without a token it answers loopback callers only;
 * with one, only callers that present it (header `X-OCP-Mock-Admin-Token`, `Authorization:
 * Bearer`, or `?adminToken=`, which the dashboard keeps as a cookie) and, when `loopbackOpen` (a
 * token the CLI made for the run, not one the user chose), loopback callers without it too.
 * In-process callers (`app.request`, no socket) count as loopback: they are the embedding code.
 * `/__mock/health` is open to all.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { INFERRED_ERRORS, OcpError } from '../../contract/errors.js';
import type { AppEnv } from '../env.js';

export const ADMIN_TOKEN_HEADER = 'X-OCP-Mock-Admin-Token';
const HEALTH_PATH = '/__mock/health';
const COOKIE = 'ocpMockAdminToken';

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return true;
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function adminGate(token: string | undefined, loopbackOpen = false): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    // A health probe reveals nothing and must work wherever it runs from (a container's health check).
    if (c.req.path === HEALTH_PATH) return next();
    const loopback = isLoopback(c.env?.incoming?.socket?.remoteAddress);
    if (token === undefined) {
      if (!loopback) throw new OcpError(INFERRED_ERRORS.adminLoopbackOnly);
      return next();
    }
    if (loopbackOpen && loopback) return next();
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const fromQuery = c.req.query('adminToken');
    const presented = c.req.header(ADMIN_TOKEN_HEADER) ?? bearer ?? fromQuery ?? getCookie(c, COOKIE);
    if (presented === undefined || !same(presented, token)) throw new OcpError(INFERRED_ERRORS.adminTokenRequired);
    if (fromQuery !== undefined) setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/__mock' });
    return next();
  };
}
