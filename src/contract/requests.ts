/**
 * What every module's request schemas are made of: OCP's ids, paging, enums and Spring's
 * StringArray, worded as OCP words a bad field; and `parseRequest`, which turns a failure into OCP's
 * 400 COM10001 with `subErrors`. Each module declares its own schemas from these (its calls
 * validate with them and the OpenAPI document describes them, the same objects).
 */
import { z } from 'zod';
import { OcpError, type SubError } from './errors.js';

/** Limits, documented in README. */
export const LIMITS = {
  hostIds: 1000,
  pageSize: 2000,
  defaultPageSize: 10,
  /** OCP's ids are Java longs; past 2^53 a JSON number is no longer exact, so it is refused. */
  maxId: Number.MAX_SAFE_INTEGER,
} as const;

/** A positive id in a path or query (given as text), worded for `what`: `must be a positive host id`. */
export const idField = (what: string) =>
  z.coerce
    .number({ error: `must be a ${what} id` })
    .int({ error: `must be an integer ${what} id` })
    .positive({ error: `must be a positive ${what} id` })
    .max(LIMITS.maxId, { error: `must be at most ${LIMITS.maxId}` });

/** A name of a created record (region, IDC, host type, ...). */
export const nameField = (what: string) =>
  z
    .string({ error: `must be the ${what}'s name` })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(128, { error: 'must be at most 128 characters' });
export const descriptionField = z.string({ error: 'must be a text' }).max(256, { error: 'must be at most 256 characters' }).optional();

/**
 * Spring's paging: `page` from 1, `size` up to LIMITS.pageSize, `sort` as `field` or `field,asc|desc`;
 * one wording for any bad page or size, a value that is no number at all (`page=abc`) included.
 */
export const PAGE_FIELDS = {
  page: z.coerce
    .number({ error: 'must be an integer from 1' })
    .int({ error: 'must be an integer from 1' })
    .min(1, { error: 'must be an integer from 1' })
    .default(1),
  size: z.coerce
    .number({ error: `must be an integer from 1 to ${LIMITS.pageSize}` })
    .int({ error: `must be an integer from 1 to ${LIMITS.pageSize}` })
    .min(1, { error: `must be an integer from 1 to ${LIMITS.pageSize}` })
    .max(LIMITS.pageSize, { error: `must be an integer from 1 to ${LIMITS.pageSize}` })
    .default(LIMITS.defaultPageSize),
  sort: z.string().optional(),
};

/** A query of paging alone (lists whose page documents no filter). */
export const PageQuery = z.object({ ...PAGE_FIELDS });

/** One of OCP's documented values. */
export const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });

/** A StringArray query value as Spring reads one: `A,B` (a repeated key arrives joined the same way). */
export const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    .pipe(z.array(z.enum(values, { error: `must be one of ${values.join(', ')}` })));

function fieldOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('') || 'requestBody';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** Parses `input` with `schema`, or throws OCP's 400 COM10001 naming the first bad field. */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, object: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const subErrors: SubError[] = result.error.issues.slice(0, 20).map((issue) => {
    const rejected = valueAt(input, issue.path);
    const sub: SubError = { object, field: fieldOf(issue.path), message: issue.message };
    // An array of tens of thousands of ids is not echoed back.
    if (rejected !== undefined && (typeof rejected !== 'object' || rejected === null)) sub.rejectedValue = rejected;
    return sub;
  });
  const first = subErrors[0]?.field.replace(/\[\d+\]$/, '') ?? 'requestBody';
  throw new OcpError('invalidParameter', [first], { subErrors });
}

const PLAIN_ID = /^[1-9][0-9]{0,14}$/;

/**
 * Path ids given as plain digits (what every client sends), read without a zod parse; anything
 * else (`007`, `1e3`, `abc`) goes through `schema`, which accepts or words OCP's 400 as always.
 */
export function pathIds<K extends string>(params: Record<K, string | undefined>, schema: z.ZodObject): Record<K, number> {
  let plain = true;
  for (const key in params) if (!PLAIN_ID.test(params[key] ?? '')) plain = false;
  if (!plain) return parseRequest(schema, params, 'path') as Record<K, number>;
  const out = {} as Record<K, number>;
  for (const key in params) out[key] = Number(params[key]);
  return out;
}

/** A request body that is a JSON object, or OCP's 400 naming the body (`message` says what it should be). */
export function jsonObjectBody(text: string, object: string, message = 'request body must be a JSON object'): Record<string, unknown> {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new OcpError('invalidParameter', ['requestBody'], { subErrors: [{ object, field: 'requestBody', message }] });
}

/** A request body that is a JSON array (ocp-docs/cluster/2300's), or OCP's 400 naming the body. */
export function jsonArrayBody(text: string, object: string, message = 'request body must be a JSON array'): unknown[] {
  try {
    const body: unknown = JSON.parse(text);
    if (Array.isArray(body)) return body;
  } catch {
    // answered below
  }
  throw new OcpError('invalidParameter', ['requestBody'], { subErrors: [{ object, field: 'requestBody', message }] });
}

/** A request body that is a JSON array or one JSON object (ocp-docs/tenant/1100-1300's), or OCP's 400 naming the body. */
export function jsonArrayOrObjectBody(text: string, object: string, message = 'request body must be a JSON array or object'): object {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) return body as object;
  } catch {
    // answered below
  }
  throw new OcpError('invalidParameter', ['requestBody'], { subErrors: [{ object, field: 'requestBody', message }] });
}
