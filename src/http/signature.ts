/**
 * OCP's AK/SK request signature: `Authorization: OCP-ACCESS-KEY-HMACSHA1 {AK}:{signature}` with an
 * RFC 1123 `Date` within 15 minutes (shared/contract README, "Authentication and roles").
 *
 * *Inferred*: the string to sign. The contract gives only `base64(HMAC-SHA1(SK, msg))`; the
 * layout below is the one public OCP clients sign with (an OCP MCP server and an OCP Python
 * client, which agree), kept here in one place so it can be corrected against OCP's docs:
 *
 *   METHOD \n Content-MD5 \n Content-Type \n Date \n Host \n x-ocp-* headers \n path[?query]
 *
 * Content-MD5 is the upper-case hex MD5 of the body ("" without a body); the x-ocp-* headers are
 * `name:value` lines sorted by name ("" without any); the query is sorted by key and URL-encoded.
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
  /** Every header, lower-case names; the x-ocp-* ones are signed. */
  headers: Record<string, string>;
  path: string;
  /** Query parameters as received (decoded). */
  query: Array<[string, string]>;
}

function md5Upper(body: string): string {
  return body === '' ? '' : createHash('md5').update(body, 'utf8').digest('hex').toUpperCase();
}

export function stringToSign(p: SignedRequestParts): string {
  const ocpHeaders = Object.entries(p.headers)
    .filter(([k]) => k.toLowerCase().startsWith('x-ocp-'))
    .map(([k, v]) => [k.toLowerCase(), v] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}:${v}`)
    .join('\n');
  const query = p.query
    .slice()
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
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
