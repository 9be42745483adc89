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
import type { RequestState } from './requestState.js';

/** The envelope's `duration`: whole milliseconds since the request arrived (a performance.now() instant). */
export function elapsedMs(arrivedAt: number): number {
  return Math.max(0, Math.round(performance.now() - arrivedAt));
}

/** The language of an error message: Chinese for `Accept-Language: zh...`, else English. */
export function languageOf(acceptLanguage: string | undefined): Language {
  return acceptLanguage && /^\s*zh\b/i.test(acceptLanguage) ? 'zh' : 'en';
}

/*
 * A 200 answer is built as text around `data` already serialized, keys in OCP's order, rather
 * than through JSON.stringify of a fresh object: the data is often serialized once and served
 * many times (see TaskDetailCache). It is two parts: the head, which only `data` decides, and the
 * tail, which changes with every request.
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
/** `,"server":"…","status":200,"successful":true,"timestamp":"` for the simulator's server (made once). */
let serverPart = { address: '', text: '' };
function afterDuration(sim: Simulator): string {
  if (serverPart.address !== sim.serverAddress) {
    serverPart = { address: sim.serverAddress, text: `,"server":${JSON.stringify(sim.serverAddress)},"status":200,"successful":true,"timestamp":"` };
  }
  return serverPart.text;
}

export function successTail(sim: Simulator, durationMs: number, traceId: string): string {
  return `${durationMs}${afterDuration(sim)}${timestamp(sim)}","traceId":"${traceId}"}`;
}

/** The text of a 200 answer around `dataJson` (undefined: an answer without `data`). */
export function successEnvelope(sim: Simulator, dataJson: string | undefined, durationMs: number, traceId: string): string {
  return successHead(dataJson) + successTail(sim, durationMs, traceId);
}

/** The header every JSON answer carries, spelled as Hono's `c.json` spells it. */
export const JSON_MEDIA_TYPE = 'application/json';
export const JSON_CONTENT_TYPE = { 'Content-Type': JSON_MEDIA_TYPE } as const;

/** A 200 answer around `data` already serialized (undefined: an envelope without data). */
export function okJson(c: Context<AppEnv>, sim: Simulator, r: RequestState, dataJson: string | undefined): Response {
  return c.body(successEnvelope(sim, dataJson, elapsedMs(r.arrivedAt), r.traceId as string), 200, JSON_CONTENT_TYPE);
}

/** A 200 answer with `data` (or none, for skip and cancel) in OCP's envelope. */
export function ok(c: Context<AppEnv>, sim: Simulator, r: RequestState, data?: unknown): Response {
  return okJson(c, sim, r, data === undefined ? undefined : JSON.stringify(data));
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

/** An error answer in the caller's language, with the error's own headers. */
export function errorResponse(c: Context<AppEnv>, sim: Simulator, r: RequestState, err: OcpError): Response {
  for (const [k, v] of Object.entries(err.options.headers ?? {})) c.header(k, v);
  if (r.closeConnection) c.header('Connection', 'close');
  const body = errorEnvelope(sim, err, languageOf(r.acceptLanguage), elapsedMs(r.arrivedAt), r.traceId as string);
  return c.json(body, err.httpStatus as ContentfulStatusCode);
}
