/**
 * The request journal (WireMock's, in spirit): what the simulator received and what it answered,
 * newest last, bounded, with credentials and other secrets redacted. Unmatched requests name the
 * nearest routes that exist, so a typo in a path is a one-look fix.
 */
import { routeShape } from '../core/call.js';

export interface JournalEntry {
  time: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: unknown;
  user?: string;
  scenario?: string;
  status: number;
  traceId?: string;
  taskId?: number;
  /** The stub that answered, if one did (`file` absent: added at run time). */
  stub?: { id: string; file?: string };
  /** For a request no route matched: the closest routes (and stubs) that exist. */
  nearestRoutes?: string[];
}

const SECRET_HEADERS = /^(authorization|cookie|set-cookie|proxy-authorization|x-ocp-mock-admin-token|x-admin-token|x-api-key)$/i;
const SECRET_KEYS = /(password|passwd|secret|token|credential|accesskey)|^sk$/i;
const MAX_BODY_CHARS = 4096;

/** `Basic dXNlcjpwdw==` -> `Basic user:***`; any other scheme keeps its name and key id only. */
export function redactAuthorization(value: string): string {
  const basic = /^Basic\s+(\S+)/i.exec(value);
  if (basic) {
    const decoded = Buffer.from(basic[1] as string, 'base64').toString('utf8');
    const user = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : '?';
    return `Basic ${user}:***`;
  }
  const signed = /^(\S+)\s+([^:\s]+):/.exec(value);
  if (signed) return `${signed[1]} ${signed[2]}:***`;
  return '***';
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === 'authorization') out[k] = redactAuthorization(v);
    else out[k] = SECRET_HEADERS.test(k) ? '***' : v;
  }
  return out;
}

/** A copy of a JSON value with secret-looking keys masked (and no prototype tricks carried over). */
export function redactJson(value: unknown, depth = 0): unknown {
  if (depth > 20) return '…';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redactJson(v, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, { value: SECRET_KEYS.test(k) ? '***' : redactJson(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Query parameters with secret-looking ones masked (e.g. `?adminToken=`). */
export function redactQuery(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) out[k] = SECRET_KEYS.test(k) ? '***' : v;
  return out;
}

export function journalBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return redactJson(JSON.parse(text));
  } catch {
    return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} chars)` : text;
  }
}

/**
 * The edit distance of `a` and `b`, or any number above `cutoff` once it is sure to exceed it
 * (a near miss among a thousand stubs compares against each: most are ruled out in a few rows).
 */
function levenshtein(a: string, b: string, cutoff = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > cutoff) return cutoff + 1;
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] as number;
    row[0] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] as number;
      const v = Math.min(above + 1, (row[j - 1] as number) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      row[j] = v;
      if (v < best) best = v;
      diagonal = above;
    }
    if (best > cutoff) return cutoff + 1;
  }
  return row[b.length] as number;
}

/** A route or stub a near miss may name: its method and path pattern (without /api/v2). */
export interface RouteCandidate {
  method: string;
  path: string;
  /** How it is named, e.g. `stub clusters`; default none. */
  label?: string;
}

const NEAREST = 3;

/**
 * The three of `routes` (the calls served, then stubs, `extra`) nearest to `method path`, as
 * `METHOD /path` (`(label)` after a stub); path parameters filled from the request.
 */
export function nearestRoutes(method: string, path: string, routes: readonly RouteCandidate[], extra: readonly RouteCandidate[] = []): string[] {
  const segments = path.split('/');
  const prefixed = path.startsWith('/api/v2');
  const upper = method.toUpperCase();
  // The best three so far, by distance (ties: the earlier candidate); the third's distance bounds the rest.
  const best: { route: string; shape: string; distance: number }[] = [];
  const consider = (spec: RouteCandidate) => {
    const pattern = `${prefixed ? '/api/v2' : ''}${spec.path}`;
    // A stub of a route the simulator serves is that route, named by the stubs that answer it first.
    const shape = `${spec.method.toUpperCase()} ${routeShape(pattern)}`;
    const same = best.find((b) => b.shape === shape);
    if (same) {
      if (spec.label && same.route === `${spec.method.toUpperCase()} ${pattern}`) same.route = `${same.route} (${spec.label})`;
      return;
    }
    const concrete = pattern
      .split('/')
      .map((seg, i) => (seg.startsWith('{') ? (segments[i] ?? seg) : seg))
      .join('/');
    const penalty = spec.method.toUpperCase() === upper ? 0 : 2;
    const bound = best.length < NEAREST ? Number.POSITIVE_INFINITY : (best[NEAREST - 1] as { distance: number }).distance - penalty - 1;
    if (bound < 0) return;
    const distance = levenshtein(path, concrete, bound) + penalty;
    if (best.length === NEAREST && distance >= (best[NEAREST - 1] as { distance: number }).distance) return;
    best.push({ route: `${spec.method.toUpperCase()} ${pattern}${spec.label ? ` (${spec.label})` : ''}`, shape, distance });
    best.sort((x, y) => x.distance - y.distance);
    if (best.length > NEAREST) best.pop();
  };
  for (const spec of routes) consider(spec);
  for (const spec of extra) consider(spec);
  return best.map((s) => s.route);
}

/** Header lines as Node's parser keeps them (`IncomingMessage.rawHeaders`): name, value, name, value, ... */
export type RawHeaders = readonly string[];

/** `{name: value}` as raw lines (for a request that did not come through Node's parser). */
export function rawHeadersOf(headers: Record<string, string>): RawHeaders {
  return Object.entries(headers).flat();
}

/** What the hot path records: raw pieces only. Redaction and parsing wait until someone reads. */
export interface RawJournalEntry {
  at: number;
  method: string;
  /** The request target: path and query string, as received. */
  target: string;
  headers: RawHeaders;
  /** The body as kept: at most JOURNAL_BODY_BYTES of it. */
  bodyText?: string;
  /** The body's full size in bytes, when more than what is kept. */
  bodyBytes?: number;
  user?: string;
  scenario?: string;
  status: number;
  traceId?: string;
  taskId?: number;
  unmatched?: boolean;
  /** The stub that answered, if one did: its id and the file it came from (none: added at run time). */
  stub?: { id: string; file?: string };
  /** For an unmatched request, the nearest routes as its 404 named them. */
  nearest?: string[];
}

/** A body longer than this is kept truncated in the journal, its full size noted. */
export const JOURNAL_BODY_BYTES = 64 * 1024;
/** What an entry costs beyond its strings (the object, its numbers, the array slot). */
const ENTRY_OVERHEAD = 256;

/** About how many bytes an entry keeps alive (strings counted at 2 bytes a character, as V8 may store them). */
function entryBytes(e: RawJournalEntry): number {
  let n = ENTRY_OVERHEAD + 2 * (e.target.length + (e.bodyText?.length ?? 0));
  for (const h of e.headers) n += 2 * h.length;
  return n;
}

function splitTarget(target: string): { path: string; search: string } {
  const q = target.indexOf('?');
  return q < 0 ? { path: target, search: '' } : { path: target.slice(0, q), search: target.slice(q) };
}

/**
 * What the journal keeps of an entry: a copy of its fields with the header lines joined into one
 * string. The journal holds the last thousand requests, so every entry outlives a scavenge or two
 * of the young generation, which copies whatever it holds: a request's whole state and Node's
 * header array (an array, and a string for every name and value) cost several times what one
 * small object and one string do, on every request of a load test. No header name or value holds
 * a newline (Node's parser and Fetch's Headers reject them), so the join splits back exactly.
 */
interface KeptEntry {
  at: number;
  method: string;
  target: string;
  headerLines: string;
  bodyText: string | undefined;
  bodyBytes: number | undefined;
  user: string | undefined;
  scenario: string | undefined;
  status: number;
  traceId: string | undefined;
  taskId: number | undefined;
  unmatched: boolean | undefined;
  stub: { id: string; file?: string } | undefined;
  nearest: string[] | undefined;
}

function kept(e: RawJournalEntry): KeptEntry {
  return {
    at: e.at,
    method: e.method,
    target: e.target,
    headerLines: e.headers.join('\n'),
    bodyText: e.bodyText,
    bodyBytes: e.bodyBytes,
    user: e.user,
    scenario: e.scenario,
    status: e.status,
    traceId: e.traceId,
    taskId: e.taskId,
    unmatched: e.unmatched,
    stub: e.stub,
    nearest: e.nearest,
  };
}

function present(raw: KeptEntry): JournalEntry {
  // Names lower-cased, a repeated header's values joined with ", ".
  const headers: Record<string, string> = {};
  const lines = raw.headerLines.split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const name = (lines[i] as string).toLowerCase();
    const value = lines[i + 1] as string;
    headers[name] = Object.hasOwn(headers, name) ? `${headers[name]}, ${value}` : value;
  }
  const { path, search } = splitTarget(raw.target);
  const entry: JournalEntry = {
    time: new Date(raw.at).toISOString(),
    method: raw.method,
    path,
    query: redactQuery(Object.fromEntries(new URLSearchParams(search))),
    headers: redactHeaders(headers),
    status: raw.status,
  };
  let body = raw.bodyText === undefined ? undefined : journalBody(raw.bodyText);
  if (raw.bodyBytes !== undefined) body = `${String(raw.bodyText).slice(0, MAX_BODY_CHARS)}… (truncated: ${raw.bodyBytes} bytes)`;
  if (body !== undefined) entry.body = body;
  if (raw.user !== undefined) entry.user = raw.user;
  if (raw.scenario !== undefined) entry.scenario = raw.scenario;
  if (raw.traceId !== undefined) entry.traceId = raw.traceId;
  if (raw.taskId !== undefined) entry.taskId = raw.taskId;
  if (raw.stub !== undefined) entry.stub = raw.stub;
  // As the 404 named them (stubs included).
  if (raw.unmatched) entry.nearestRoutes = raw.nearest ?? [];
  return entry;
}

/**
 * The newest requests, bounded in entries and in bytes: past either bound the oldest go.
 * A queue over an array (a moving head, compacted now and then), so adding is O(1).
 */
export class RequestJournal {
  private entries: KeptEntry[] = [];
  private sizes: number[] = [];
  private head = 0;
  private bytes = 0;
  /** Entries dropped (past either bound) since the last clear, and when the newest of them was answered. */
  private droppedCount = 0;
  private droppedUntil: number | undefined;
  private readonly listeners = new Set<() => void>();
  constructor(
    readonly capacity = 1000,
    readonly maxBytes = 32 * 1024 * 1024,
  ) {}

  add(entry: RawJournalEntry): void {
    if (this.capacity === 0) {
      this.droppedCount++;
      this.droppedUntil = entry.at;
      for (const f of this.listeners) f();
      return;
    }
    const size = entryBytes(entry);
    this.entries.push(kept(entry));
    this.sizes.push(size);
    this.bytes += size;
    while (this.entries.length - this.head > this.capacity || (this.bytes > this.maxBytes && this.entries.length - this.head > 1)) {
      this.bytes -= this.sizes[this.head] as number;
      this.droppedCount++;
      this.droppedUntil = (this.entries[this.head] as KeptEntry).at;
      this.entries[this.head] = undefined as unknown as KeptEntry;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
    for (const f of this.listeners) f();
  }
  /** Calls `f` after every entry added (`ocp.waitFor`); returns the way to stop. */
  subscribe(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }
  /** How many entries were dropped since the last clear, and the instant (epoch ms) of the newest dropped. */
  dropped(): { count: number; until: number | undefined } {
    return { count: this.droppedCount, until: this.droppedUntil };
  }
  /** Entries kept and the bytes they hold (about). */
  usage(): { entries: number; bytes: number } {
    return { entries: this.entries.length - this.head, bytes: this.bytes };
  }
  list(): JournalEntry[] {
    return this.entries.slice(this.head).map(present);
  }
  clear(): void {
    this.entries = [];
    this.sizes = [];
    this.head = 0;
    this.bytes = 0;
    this.droppedCount = 0;
    this.droppedUntil = undefined;
  }
}
