/**
 * The control plane (/__mock/*) is locked down: without `--admin-token` it answers loopback
 * callers only; with one, only callers that present it (header `X-OCP-Mock-Admin-Token`,
 * `Authorization: Bearer`, or `?adminToken=`, which the dashboard keeps as a cookie).
 * In-process callers (`app.request`, no socket) count as loopback: they are the embedding code.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { OcpError } from '../../contract/errors.js';
import type { AppEnv } from '../env.js';

export const ADMIN_TOKEN_HEADER = 'X-OCP-Mock-Admin-Token';
const COOKIE = 'ocpMockAdminToken';

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return true;
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address);
}

const NOT_LOOPBACK = {
  code: 'IAM11000',
  httpStatus: 403,
  en: "You are not authorized to perform the corresponding operation. Contact the administrator. (ocp-mock's control plane answers loopback callers only; start it with --admin-token to allow others.)",
  zh: '没有权限进行对应操作，请联系管理员（ocp-mock 的控制面只响应本机调用；如需远程访问，请以 --admin-token 启动）',
};
const TOKEN_REQUIRED = {
  code: 'IAM10000',
  httpStatus: 401,
  en: "The current user has not logged on or a logon error has occurred. Please log on and try again. (ocp-mock's control plane needs its admin token.)",
  zh: '当前用户没有登录或登录出错了，请登陆后重试（ocp-mock 的控制面需要管理令牌）',
};

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function adminGate(token: string | undefined): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (token === undefined) {
      if (!isLoopback(c.env?.incoming?.socket?.remoteAddress)) throw new OcpError(NOT_LOOPBACK);
      return next();
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const fromQuery = c.req.query('adminToken');
    const presented = c.req.header(ADMIN_TOKEN_HEADER) ?? bearer ?? fromQuery ?? getCookie(c, COOKIE);
    if (presented === undefined || !same(presented, token)) throw new OcpError(TOKEN_REQUIRED);
    if (fromQuery !== undefined) setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/__mock' });
    return next();
  };
}
