/**
 * One object per request, made when it arrives and kept by the journal once it is answered: who
 * called, under which scenario, what they sent (the few headers the gate needs, read in one pass
 * over Node's raw header lines) and what they were answered.
 */
import type { Context } from 'hono';
import type { User } from './auth.js';
import type { AppEnv } from './env.js';
import type { RawHeaders, RawJournalEntry } from './journal.js';

export const SCENARIO_HEADER = 'X-OCP-Mock-Scenario';

export interface RequestState extends RawJournalEntry {
  /** performance.now() at arrival, for the envelope's `duration`. */
  readonly arrivedAt: number;
  /** The scenario this request runs under: the header's, else the server default. */
  scenario: string;
  /** Who the gate proved the caller to be. */
  caller?: User;
  /** The request body, once read (the journal keeps `bodyText`, a bounded copy). */
  body?: string;
  /** The body's bytes as read, for a multipart call (dropped once answered, with `body`). */
  bodyRaw?: Buffer;
  /** Headers the gate reads (a repeated one's values joined with ", ", as Fetch's Headers do). */
  authorization?: string;
  scenarioHeader?: string;
  acceptLanguage?: string;
  contentLength?: string;
  /** Answer with `Connection: close` (a body over the limit was left unread). */
  closeConnection?: boolean;
}

function join(prev: string | undefined, value: string): string {
  return prev === undefined ? value : `${prev}, ${value}`;
}

/** `http://host/a?b` -> `/a?b` (in-process requests carry a full URL; Node's carry the target). */
function targetOf(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return url;
  const slash = url.indexOf('/', scheme + 3);
  return slash < 0 ? '/' : url.slice(slash);
}

/** The request's state, with its trace id drawn and its gate headers read. */
export function beginRequest(c: Context<AppEnv>, traceId: string, scenario: string): RequestState {
  const incoming = c.env?.incoming;
  const headers: RawHeaders = incoming ? incoming.rawHeaders : [...c.req.raw.headers].flat();
  const r: RequestState = {
    arrivedAt: performance.now(),
    at: 0,
    method: c.req.method,
    target: incoming?.url ?? targetOf(c.req.url),
    headers,
    status: 0,
    traceId,
    scenario,
    authorization: undefined,
    scenarioHeader: undefined,
    acceptLanguage: undefined,
    contentLength: undefined,
    // Every field the gate, the handlers and the exchange may set, declared here: the object keeps
    // one shape from birth (no property store grown, no shape change per field set later).
    caller: undefined,
    body: undefined,
    bodyRaw: undefined,
    bodyText: undefined,
    bodyBytes: undefined,
    closeConnection: undefined,
    user: undefined,
    taskId: undefined,
    unmatched: undefined,
    stub: undefined,
    nearest: undefined,
  };
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i] as string;
    // Only four names matter here; their lengths rule out most headers without lower-casing them.
    switch (name.length) {
      case 13:
        if (name.toLowerCase() === 'authorization') r.authorization = join(r.authorization, headers[i + 1] as string);
        break;
      case 19:
        if (name.toLowerCase() === 'x-ocp-mock-scenario') r.scenarioHeader = join(r.scenarioHeader, headers[i + 1] as string);
        break;
      case 15:
        if (name.toLowerCase() === 'accept-language') r.acceptLanguage = join(r.acceptLanguage, headers[i + 1] as string);
        break;
      case 14:
        if (name.toLowerCase() === 'content-length') r.contentLength = headers[i + 1] as string;
        break;
    }
  }
  return r;
}

/** A header of the request by name (any case), repeated values joined: for the rare paths (AK/SK). */
export function headerOf(r: RequestState, name: string): string | undefined {
  const lower = name.toLowerCase();
  let value: string | undefined;
  for (let i = 0; i + 1 < r.headers.length; i += 2) {
    if ((r.headers[i] as string).toLowerCase() === lower) value = join(value, r.headers[i + 1] as string);
  }
  return value;
}

/** The request's header lines as received: (name, value) pairs, repeated headers repeated. */
export function headerLines(r: RequestState): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < r.headers.length; i += 2) out.push([r.headers[i] as string, r.headers[i + 1] as string]);
  return out;
}

/** The path of the request target (without the query). */
export function pathOf(r: RequestState): string {
  const q = r.target.indexOf('?');
  return q < 0 ? r.target : r.target.slice(0, q);
}
