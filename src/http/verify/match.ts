/**
 * Request matchers over the journal (WireMock's request patterns, in spirit): what
 * `GET /__mock/requests?...`, `POST /__mock/requests/count|find` and `ocp.verify(...)` ask.
 *
 * A path is a literal path or a route pattern (`/api/v2/tasks/instances/{id}`: a `{name}` is one
 * segment), with or without OCP's `/api/v2` prefix (every OCP path is served both ways, so a
 * matcher written either way matches both). A body matcher is a JSON subset (`body`: every key it
 * names must be there with a matching value; arrays element by element, of the same length) or
 * equality (`bodyEquals`). Bodies are matched as the journal keeps them: secret-looking fields
 * read `***`.
 */
import { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import type { JournalEntry } from '../journal.js';

const scalar = z.union([z.string(), z.number(), z.boolean()]);

export const RequestMatcher = z.strictObject({
  method: z
    .string()
    .regex(/^[A-Za-z]+$/, { message: 'an HTTP method such as GET or POST' })
    .optional(),
  /** A literal path or a pattern with `{name}` segments, with or without /api/v2. */
  path: z.string().startsWith('/', { message: 'a path starting with /, e.g. /api/v2/tasks/instances/{id}' }).optional(),
  /** Query values the request carried (a list: each of them). */
  query: z.record(z.string(), z.union([scalar, z.array(scalar)])).optional(),
  /** Header values, names case-insensitive. */
  headers: z.record(z.string(), z.string()).optional(),
  /** A JSON subset of the body. */
  body: z.unknown().optional(),
  /** The whole body, equal. */
  bodyEquals: z.unknown().optional(),
  status: z.number().int().min(100).max(599).optional(),
  user: z.string().optional(),
  scenario: z.string().optional(),
  /** Only requests answered at or after this instant (ISO-8601 or epoch ms). */
  since: z.union([z.string(), z.number()]).optional(),
});
export type RequestMatcher = z.infer<typeof RequestMatcher>;

/** A matcher checked once: its path as a regular expression, its instant as a number. */
export interface CompiledMatcher {
  source: RequestMatcher;
  method?: string;
  pathPattern?: RegExp;
  sinceMs?: number;
}

/** `/api/v2/x` and `/x` are one OCP path. */
function ocpPath(path: string): string {
  if (path === '/api/v2' || path === '/api/v2/') return '/';
  return path.startsWith('/api/v2/') ? path.slice(7) : path;
}

function patternOf(path: string): RegExp {
  const source = ocpPath(path)
    .split('/')
    .map((seg) => (/^\{\w*\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}$`);
}

/** `since` as epoch ms, or undefined when it is not an instant. */
export function instantOf(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : undefined;
}

function bad(field: string, value: unknown, message: string): OcpError {
  return new OcpError('invalidParameter', [field], { subErrors: [{ object: 'requestMatcher', field, rejectedValue: value, message }] });
}

const MAX_DEPTH = 32;

/** How deep a JSON value nests, counted without recursion (a hostile body may nest a million levels). */
function deeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (d >= limit) return true;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return false;
}

/** A matcher from JSON (a body of count/find, or code): checked, or OCP's 400 COM10001 naming the field. */
export function compileMatcher(raw: unknown): CompiledMatcher {
  if (deeperThan(raw, MAX_DEPTH)) throw bad('requestMatcher', undefined, `nested more than ${MAX_DEPTH} levels deep`);
  const parsed = RequestMatcher.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'requestMatcher';
    const message =
      issue?.code === 'unrecognized_keys'
        ? `unknown key(s) ${issue.keys.join(', ')}; a matcher takes method, path, query, headers, body, bodyEquals, status, user, scenario, since`
        : (issue?.message ?? 'invalid');
    throw bad(field, undefined, message);
  }
  const m = parsed.data;
  const out: CompiledMatcher = { source: m };
  if (m.method) out.method = m.method.toUpperCase();
  if (m.path) out.pathPattern = patternOf(m.path);
  if (m.since !== undefined) {
    const ms = instantOf(m.since);
    if (ms === undefined) throw bad('since', m.since, 'an ISO-8601 instant such as 2026-01-02T03:04:05Z, or epoch milliseconds');
    out.sinceMs = ms;
  }
  return out;
}

const FILTERS = ['method', 'path', 'status', 'user', 'scenario', 'since'] as const;

/** The filters of `GET /__mock/requests?method&path&status&user&scenario&since` as a matcher. */
export function matcherFromQuery(query: Record<string, string>): CompiledMatcher {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(query)) {
    if (k === 'adminToken') continue;
    if (!(FILTERS as readonly string[]).includes(k)) throw bad(k, v, `unknown filter; the filters are ${FILTERS.join(', ')}`);
    if (k === 'status') {
      if (!/^\d{3}$/.test(v)) throw bad('status', v, 'an HTTP status such as 200 or 404');
      raw.status = Number(v);
    } else raw[k] = v;
  }
  return compileMatcher(raw);
}

/** One way a request differs from a matcher: the field (`method`, `body.hostIds[0]`, ...), what was wanted, what came. */
export interface Difference {
  field: string;
  expected: unknown;
  actual: unknown;
}

const MISSING = Symbol('missing');

function show(v: unknown): string {
  if (v === MISSING) return 'nothing';
  if (v === undefined) return 'nothing';
  const text = JSON.stringify(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Where `actual` fails to hold the JSON subset `expected` (arrays: element by element, same length). */
function subsetDiffs(expected: unknown, actual: unknown, at: string, out: Difference[], exact: boolean): void {
  if (out.length >= 8) return;
  if (expected !== null && typeof expected === 'object') {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual)) {
        out.push({ field: at, expected, actual });
        return;
      }
      if (expected.length !== actual.length) {
        out.push({ field: `${at}.length`, expected: expected.length, actual: actual.length });
        // Still name the first elements that differ: "hostIds[0]: expected 2, got 20" reads better.
      }
      expected.forEach((e, i) => {
        subsetDiffs(e, i < actual.length ? actual[i] : MISSING, `${at}[${i}]`, out, exact);
      });
      return;
    }
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) {
      out.push({ field: at, expected, actual });
      return;
    }
    const a = actual as Record<string, unknown>;
    for (const [k, v] of Object.entries(expected as Record<string, unknown>)) {
      subsetDiffs(v, Object.hasOwn(a, k) ? a[k] : MISSING, at ? `${at}.${k}` : k, out, exact);
    }
    if (exact) {
      for (const k of Object.keys(a)) {
        if (!Object.hasOwn(expected, k)) out.push({ field: at ? `${at}.${k}` : k, expected: MISSING, actual: a[k] });
      }
    }
    return;
  }
  if (expected !== actual) out.push({ field: at, expected, actual });
}

/** Every way `entry` differs from the matcher (none: it matches). */
export function differences(m: CompiledMatcher, entry: JournalEntry): Difference[] {
  const out: Difference[] = [];
  const s = m.source;
  if (m.method && entry.method.toUpperCase() !== m.method) out.push({ field: 'method', expected: m.method, actual: entry.method });
  if (m.pathPattern && !m.pathPattern.test(ocpPath(entry.path))) out.push({ field: 'path', expected: s.path, actual: entry.path });
  if (s.status !== undefined && entry.status !== s.status) out.push({ field: 'status', expected: s.status, actual: entry.status });
  if (s.user !== undefined && entry.user !== s.user) out.push({ field: 'user', expected: s.user, actual: entry.user });
  if (s.scenario !== undefined && entry.scenario !== s.scenario) out.push({ field: 'scenario', expected: s.scenario, actual: entry.scenario });
  if (m.sinceMs !== undefined && Date.parse(entry.time) < m.sinceMs)
    out.push({ field: 'since', expected: new Date(m.sinceMs).toISOString(), actual: entry.time });
  for (const [k, v] of Object.entries(s.query ?? {})) {
    const have = entry.query[k];
    const wanted = Array.isArray(v) ? v.map(String) : [String(v)];
    // The journal keeps a repeated parameter's last value; a list matches a comma-joined one too.
    const values = have === undefined ? [] : [have, ...have.split(',')];
    if (!wanted.every((w) => values.includes(w)) && !(wanted.length > 1 && have === wanted.join(','))) {
      out.push({ field: `query.${k}`, expected: Array.isArray(v) ? v : String(v), actual: have ?? MISSING });
    }
  }
  for (const [k, v] of Object.entries(s.headers ?? {})) {
    const have = entry.headers[k.toLowerCase()];
    if (have !== v) out.push({ field: `headers.${k.toLowerCase()}`, expected: v, actual: have ?? MISSING });
  }
  if (s.body !== undefined) subsetDiffs(s.body, entry.body === undefined ? MISSING : entry.body, 'body', out, false);
  if (s.bodyEquals !== undefined) subsetDiffs(s.bodyEquals, entry.body === undefined ? MISSING : entry.body, 'body', out, true);
  return out;
}

export function matches(m: CompiledMatcher, entry: JournalEntry): boolean {
  return differences(m, entry).length === 0;
}

/** `body.hostIds[0]: expected 2, got 20`. */
export function describeDifference(d: Difference): string {
  if (d.expected === MISSING) return `${d.field}: not expected, got ${show(d.actual)}`;
  return `${d.field}: expected ${show(d.expected)}, got ${show(d.actual)}`;
}

/** How far a request is from a matcher: a differing method or path weighs most. */
export function distance(diffs: readonly Difference[]): number {
  let n = 0;
  for (const d of diffs) n += d.field === 'path' ? 4 : d.field === 'method' ? 3 : 1;
  return n;
}

/** The matcher in one line: `POST /compute/hosts/batchStopAgents body {"hostIds":[2]}`. */
export function describeMatcher(m: CompiledMatcher): string {
  const s = m.source;
  const parts = [m.method ?? 'any method', s.path ?? 'any path'];
  if (s.query) parts.push(`query ${JSON.stringify(s.query)}`);
  if (s.headers) parts.push(`headers ${JSON.stringify(s.headers)}`);
  if (s.body !== undefined) parts.push(`body containing ${JSON.stringify(s.body)}`);
  if (s.bodyEquals !== undefined) parts.push(`body equal to ${JSON.stringify(s.bodyEquals)}`);
  if (s.status !== undefined) parts.push(`status ${s.status}`);
  if (s.user !== undefined) parts.push(`user ${s.user}`);
  if (s.scenario !== undefined) parts.push(`scenario ${s.scenario}`);
  if (m.sinceMs !== undefined) parts.push(`since ${new Date(m.sinceMs).toISOString()}`);
  return parts.join(' ');
}
