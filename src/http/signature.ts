/**
 * OCP's AK/SK request signature, to OCP's page (ocp-docs/overview/300.ak-sk-sign-roles.md):
 * `Authorization: OCP-ACCESS-KEY-HMACSHA1 {AK}:{base64(HMAC-SHA1(SK, message))}` with an RFC 1123
 * `Date` within 15 minutes, where the message is
 *
 *   METHOD \n Content-MD5 \n Content-Type \n Date \n Host \n x-ocp-headers \n uri + query
 *
 * - Content-MD5: the upper-case hex MD5 of the body ("" without a body);
 * - x-ocp-headers: the `x-ocp-` headers, `key:value` lines sorted by key; a header sent several
 *   times is one line with its values sorted and joined by commas (a value that holds commas
 *   itself is kept as sent: the page's first example signs `x-ocp-data: A,1` as `x-ocp-data:A,1`);
 * - query: `?` then `key=value` pairs sorted by key and joined by `&`, a key given several times
 *   one pair with its values sorted and joined by commas (`a=1&a=2&a=3` is `a=1,2,3`), keys and
 *   values URL-encoded by RFC 3986 (a space, or a `+` standing for one, is `%20`);
 * - sorting compares strings character by character by Unicode value, a prefix first.
 * Both of the page's worked examples are test vectors (test/http/akSk.test.ts).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SCHEME = 'OCP-ACCESS-KEY-HMACSHA1';
export const MAX_SKEW_MS = 15 * 60_000;

export interface SignedRequestParts {
  method: string;
  body: string;
  contentType: string;
  date: string;
  host: string;
  /** Header lines as received (name, value), any case; the x-ocp-* ones are signed. */
  headers: ReadonlyArray<readonly [string, string]>;
  path: string;
  /** Query parameters as received (decoded), repeated keys repeated. */
  query: ReadonlyArray<readonly [string, string]>;
}

function md5Upper(body: string): string {
  return body === '' ? '' : createHash('md5').update(body, 'utf8').digest('hex').toUpperCase();
}

/** By Unicode value, character by character; a prefix first. */
function byUnicode(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `key` -> its values sorted, joined by commas; the keys sorted. */
function grouped(pairs: Iterable<readonly [string, string]>): Array<[string, string]> {
  const byKey = new Map<string, string[]>();
  for (const [k, v] of pairs) {
    const values = byKey.get(k);
    if (values) values.push(v);
    else byKey.set(k, [v]);
  }
  return [...byKey.entries()].sort(([a], [b]) => byUnicode(a, b)).map(([k, vs]) => [k, vs.sort(byUnicode).join(',')]);
}

/** RFC 3986: encodeURIComponent leaves !'()* as they are; the page wants them encoded. */
function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function stringToSign(p: SignedRequestParts): string {
  const ocpHeaders = grouped(p.headers.filter(([k]) => k.toLowerCase().startsWith('x-ocp-')).map(([k, v]) => [k.toLowerCase(), v.trim()] as const))
    .map(([k, v]) => `${k}:${v}`)
    .join('\n');
  const query = grouped(p.query.map(([k, v]) => [rfc3986(k), rfc3986(v)] as const))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [p.method.toUpperCase(), md5Upper(p.body), p.contentType, p.date, p.host, ocpHeaders, query ? `${p.path}?${query}` : p.path].join('\n');
}

export function sign(secret: string, parts: SignedRequestParts): string {
  return createHmac('sha1', secret).update(stringToSign(parts), 'utf8').digest('base64');
}

/** Parses `OCP-ACCESS-KEY-HMACSHA1 AK:SIG`; undefined if the header is not of that scheme. */
export function parseSignedAuthorization(header: string): { accessKeyId: string; signature: string } | undefined {
  const m = /^OCP-ACCESS-KEY-HMACSHA1\s+([^:\s]+):(\S+)\s*$/i.exec(header);
  return m ? { accessKeyId: m[1] as string, signature: m[2] as string } : undefined;
}

/** Whether `date` (RFC 1123) is within 15 minutes of `now`. */
export function dateIsFresh(date: string, now: number): boolean {
  const t = Date.parse(date);
  return Number.isFinite(t) && /GMT$/.test(date.trim()) && Math.abs(now - t) <= MAX_SKEW_MS;
}

export function signatureMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
