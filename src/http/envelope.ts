/**
 * OCP's response envelope. Success: `data, duration, server, status, successful, timestamp,
 * traceId` (keys in alphabetical order, as OCP prints them). Error: the same without `data`,
 * with `error: {code, message, subErrors?, target?}`; null fields are left out.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Language, OcpError, SubError } from '../contract/errors.js';
import { formatOcpTime } from '../contract/time.js';
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
 * many times (see the task module's answers.ts). It is two parts: the head, which only `data` decides, and the
 * tail, which changes with every request.
 */

/** `{"data":…,"duration":` (without `data` for skip and cancel, which answer none). */
export function successHead(dataJson: string | undefined): string {
  return dataJson === undefined ? '{"duration":' : `{"data":${dataJson},"duration":`;
}

/** What the envelope reads off the world: its clock, time zone and server address. */
export interface EnvelopeSource {
  now(): number;
  readonly offsetMinutes: number;
  readonly serverAddress: string;
}

/** The header every JSON answer carries, spelled as Hono's `c.json` spells it. */
export const JSON_MEDIA_TYPE = 'application/json';
export const JSON_CONTENT_TYPE = { 'Content-Type': JSON_MEDIA_TYPE } as const;

/**
 * The envelopes of one simulator's answers. It keeps the parts many answers in a row share (the
 * server's part, the timestamp of the instant: always one instant, with a manual clock), for its
 * own world only.
 */
export class Envelope {
  private lastStamp = { at: Number.NaN, text: '' };
  /** `,"server":"…","status":200,"successful":true,"timestamp":"` (made once). */
  private readonly afterDuration: string;

  constructor(private readonly world: EnvelopeSource) {
    this.afterDuration = `,"server":${JSON.stringify(world.serverAddress)},"status":200,"successful":true,"timestamp":"`;
  }

  private timestamp(): string {
    const at = this.world.now();
    if (at !== this.lastStamp.at) this.lastStamp = { at, text: formatOcpTime(at, this.world.offsetMinutes) };
    return this.lastStamp.text;
  }

  /** Everything after `"duration":`. */
  successTail(durationMs: number, traceId: string): string {
    return `${durationMs}${this.afterDuration}${this.timestamp()}","traceId":"${traceId}"}`;
  }

  /** The text of a 200 answer around `dataJson` (undefined: an answer without `data`). */
  success(dataJson: string | undefined, durationMs: number, traceId: string): string {
    return successHead(dataJson) + this.successTail(durationMs, traceId);
  }

  /** A 200 answer around `data` already serialized (undefined: an envelope without data). */
  okJson(c: Context<AppEnv>, r: RequestState, dataJson: string | undefined): Response {
    return c.body(this.success(dataJson, elapsedMs(r.arrivedAt), r.traceId as string), 200, JSON_CONTENT_TYPE);
  }

  /** A 200 answer with `data` (or none, for skip and cancel) in OCP's envelope. */
  ok(c: Context<AppEnv>, r: RequestState, data?: unknown): Response {
    return this.okJson(c, r, data === undefined ? undefined : JSON.stringify(data));
  }

  /** The body of an error answer, in `language`. Transport-free, like `success`. */
  error(err: OcpError, language: Language, durationMs: number, traceId: string) {
    const error: Record<string, unknown> = { code: err.template.code, message: err.messageIn(language) };
    if (err.options.subErrors?.length) error.subErrors = err.options.subErrors.map(orderSubError);
    if (err.options.target) error.target = err.options.target;
    return {
      duration: durationMs,
      error,
      server: this.world.serverAddress,
      status: err.httpStatus,
      successful: false,
      timestamp: formatOcpTime(this.world.now(), this.world.offsetMinutes),
      traceId,
    };
  }

  /** An error answer in the caller's language, with the error's own headers. */
  errorResponse(c: Context<AppEnv>, r: RequestState, err: OcpError): Response {
    for (const [k, v] of Object.entries(err.options.headers ?? {})) c.header(k, v);
    if (r.closeConnection) c.header('Connection', 'close');
    const body = this.error(err, languageOf(r.acceptLanguage), elapsedMs(r.arrivedAt), r.traceId as string);
    return c.json(body, err.httpStatus as ContentfulStatusCode);
  }
}

function orderSubError(e: SubError): SubError {
  const out: SubError = { field: e.field, message: e.message, object: e.object };
  if (e.rejectedValue !== undefined && e.rejectedValue !== null) out.rejectedValue = e.rejectedValue;
  return out;
}
