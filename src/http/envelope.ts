/**
 * OCP's response envelope. Success: `data, duration, server, status, successful, timestamp,
 * traceId` (keys in alphabetical order, as OCP prints them). Error: the same without `data`,
 * with `error: {code, message, subErrors?, target?}`; null fields are left out.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { OcpError, SubError } from '../contract/errors.js';
import { formatOcpTime } from '../contract/time.js';
import type { AppEnv } from './env.js';

function elapsed(c: Context<AppEnv>): number {
  return Math.max(0, Math.round(performance.now() - c.get('arrivedAt')));
}

/** A 200 answer with `data` (or none, for skip and cancel) in OCP's envelope. */
export function ok(c: Context<AppEnv>, data?: unknown): Response {
  const sim = c.get('sim');
  const base = {
    duration: elapsed(c),
    server: sim.serverAddress,
    status: 200,
    successful: true,
    timestamp: formatOcpTime(sim.now(), sim.offsetMinutes),
    traceId: c.get('traceId'),
  };
  return c.json(data === undefined ? base : { data, ...base }, 200);
}

/**
 * The same envelope as `ok`, around `data` already serialized: an answer whose data was rendered
 * before (the same task at the same simulated instant) is not serialized again.
 */
export function okSerialized(c: Context<AppEnv>, dataJson: string): Response {
  const sim = c.get('sim');
  const body =
    `{"data":${dataJson},"duration":${elapsed(c)},"server":${JSON.stringify(sim.serverAddress)},"status":200,"successful":true,` +
    `"timestamp":"${formatOcpTime(sim.now(), sim.offsetMinutes)}","traceId":"${c.get('traceId')}"}`;
  return c.body(body, 200, { 'content-type': 'application/json' });
}

function orderSubError(e: SubError): SubError {
  const out: SubError = { field: e.field, message: e.message, object: e.object };
  if (e.rejectedValue !== undefined && e.rejectedValue !== null) out.rejectedValue = e.rejectedValue;
  return out;
}

/** The body of an error answer, in the caller's language. */
export function errorBody(c: Context<AppEnv>, err: OcpError) {
  const sim = c.get('sim');
  const error: Record<string, unknown> = { code: err.template.code, message: err.messageIn(c.get('language') ?? 'en') };
  if (err.options.subErrors?.length) error.subErrors = err.options.subErrors.map(orderSubError);
  if (err.options.target) error.target = err.options.target;
  return {
    duration: elapsed(c),
    error,
    server: sim.serverAddress,
    status: err.httpStatus,
    successful: false,
    timestamp: formatOcpTime(sim.now(), sim.offsetMinutes),
    traceId: c.get('traceId'),
  };
}

export function fail(c: Context<AppEnv>, err: OcpError): Response {
  for (const [k, v] of Object.entries(err.options.headers ?? {})) c.header(k, v);
  return c.json(errorBody(c, err), err.httpStatus as ContentfulStatusCode);
}
