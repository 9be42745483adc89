/**
 * OCP's response envelope. Success: `data, duration, server, status, successful, timestamp,
 * traceId` (keys in alphabetical order, as OCP prints them). Error: the same without `data`,
 * with `error: {code, message, subErrors?, target?}`; null fields are left out.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Language, OcpError, SubError } from '../contract/errors.js';
import { formatOcpTime } from '../contract/time.js';
import type { Simulator } from '../simulator/simulator.js';
import type { AppEnv } from './env.js';

/** The envelope's `duration`: whole milliseconds since the request arrived (a performance.now() instant). */
export function elapsedMs(arrivedAt: number): number {
  return Math.max(0, Math.round(performance.now() - arrivedAt));
}

function elapsed(c: Context<AppEnv>): number {
  return elapsedMs(c.get('arrivedAt'));
}

/*
 * A 200 answer is built as text around `data` already serialized, keys in OCP's order, rather
 * than through JSON.stringify of a fresh object: the data is often serialized once and served
 * many times (see TaskDetailCache). It is two parts: the head, which only `data` decides, and the
 * tail, which changes with every request. Transport-free: the Hono routes and the fast lane both
 * build answers from these.
 */

/** `{"data":…,"duration":` (without `data` for skip and cancel, which answer none). */
export function successHead(dataJson: string | undefined): string {
  return dataJson === undefined ? '{"duration":' : `{"data":${dataJson},"duration":`;
}

/** The envelope's `timestamp`: many answers in a row share one instant (always, with a manual clock). */
let lastStamp = { at: Number.NaN, offsetMinutes: 0, text: '' };
function timestamp(sim: Simulator): string {
  const at = sim.now();
  if (at !== lastStamp.at || sim.offsetMinutes !== lastStamp.offsetMinutes) {
    lastStamp = { at, offsetMinutes: sim.offsetMinutes, text: formatOcpTime(at, sim.offsetMinutes) };
  }
  return lastStamp.text;
}

/** Everything after `"duration":`. */
export function successTail(sim: Simulator, durationMs: number, traceId: string): string {
  return `${durationMs},"server":${JSON.stringify(sim.serverAddress)},"status":200,"successful":true,"timestamp":"${timestamp(sim)}","traceId":"${traceId}"}`;
}

/** The text of a 200 answer around `dataJson` (undefined: an answer without `data`). */
export function successEnvelope(sim: Simulator, dataJson: string | undefined, durationMs: number, traceId: string): string {
  return successHead(dataJson) + successTail(sim, durationMs, traceId);
}

/**
 * The same answer as bytes, from a head already encoded: a task polled at one instant is encoded
 * once, and each answer copies it and writes only the tail (a 2 KB string encoded per request
 * costs more than everything else the fast lane does).
 */
export function successEnvelopeBytes(sim: Simulator, head: Buffer, durationMs: number, traceId: string): Buffer {
  const tail = successTail(sim, durationMs, traceId);
  const out = Buffer.allocUnsafe(head.length + Buffer.byteLength(tail));
  head.copy(out, 0);
  out.write(tail, head.length);
  return out;
}

/** The header every JSON answer carries, spelled as Hono's `c.json` spells it. */
export const JSON_MEDIA_TYPE = 'application/json';
export const JSON_CONTENT_TYPE = { 'Content-Type': JSON_MEDIA_TYPE } as const;

/** A 200 answer with `data` (or none, for skip and cancel) in OCP's envelope. */
export function ok(c: Context<AppEnv>, data?: unknown): Response {
  return okSerialized(c, data === undefined ? undefined : JSON.stringify(data));
}

/**
 * The same envelope as `ok`, around `data` already serialized: an answer whose data was rendered
 * before (the same task at the same simulated instant) is not serialized again.
 */
export function okSerialized(c: Context<AppEnv>, dataJson: string | undefined): Response {
  return c.body(successEnvelope(c.get('sim'), dataJson, elapsed(c), c.get('traceId')), 200, JSON_CONTENT_TYPE);
}

function orderSubError(e: SubError): SubError {
  const out: SubError = { field: e.field, message: e.message, object: e.object };
  if (e.rejectedValue !== undefined && e.rejectedValue !== null) out.rejectedValue = e.rejectedValue;
  return out;
}

/** The body of an error answer, in `language`. Transport-free, like `successEnvelope`. */
export function errorEnvelope(sim: Simulator, err: OcpError, language: Language, durationMs: number, traceId: string) {
  const error: Record<string, unknown> = { code: err.template.code, message: err.messageIn(language) };
  if (err.options.subErrors?.length) error.subErrors = err.options.subErrors.map(orderSubError);
  if (err.options.target) error.target = err.options.target;
  return {
    duration: durationMs,
    error,
    server: sim.serverAddress,
    status: err.httpStatus,
    successful: false,
    timestamp: formatOcpTime(sim.now(), sim.offsetMinutes),
    traceId,
  };
}

/** The body of an error answer, in the caller's language. */
export function errorBody(c: Context<AppEnv>, err: OcpError) {
  return errorEnvelope(c.get('sim'), err, c.get('language') ?? 'en', elapsed(c), c.get('traceId'));
}

export function fail(c: Context<AppEnv>, err: OcpError): Response {
  for (const [k, v] of Object.entries(err.options.headers ?? {})) c.header(k, v);
  return c.json(errorBody(c, err), err.httpStatus as ContentfulStatusCode);
}
