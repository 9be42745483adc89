/**
 * What a stub file says: OCP calls ocp-mock does not simulate (or whose simulated answer a user
 * wants replaced), each a request to match and what to answer, in OCP's envelope unless told
 * otherwise. A file holds one stub, or several under `stubs:`. Validated like scenario files: a
 * bad one is refused with the file, the path inside it and what was expected.
 *
 * ```yaml
 * name: list-clusters              # optional: the file's name (and #index in a list)
 * request:
 *   method: GET
 *   path: /api/v2/ob/clusters/{clusterId}   # {name} matches one path segment
 *   query: { page: '1' }           # optional: values the request must carry
 *   headers: { X-Tenant: t1 }      # optional (names case-insensitive)
 *   scenario: demo                 # optional: only under this scenario
 * permission: CLUSTER_VIEWER       # optional: default any signed-in user
 * response:                        # or `responses: [...]`, answered in turn, the last repeating
 *   status: 200
 *   data: { id: '{{ path.clusterId }}', name: '{{ name cluster }}' }   # or error:, or body:
 *   latencyMs: [50, 200]
 * ```
 */
import { z } from 'zod';
import { PERMISSIONS } from '../contract/permissions.js';
import { checkTemplates } from './template.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

const Path = z
  .string()
  .regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/{}-]*$/, { message: 'a path such as /api/v2/ob/clusters/{clusterId}' })
  .refine((p) => !/^\/__mock(\/|$)/.test(p), { message: 'a path outside /__mock (the control plane is not stubbable)' })
  .refine((p) => p.split('/').every((seg) => !seg.includes('{') || /^\{[A-Za-z_]\w*\}$/.test(seg)), {
    message: 'each {parameter} a whole path segment, named with letters, digits and _',
  });

const Text = z.string().min(1);
const QueryValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const StubError = z.strictObject({
  /** An OCP code: OCP's own message for it (both languages) unless `message` says otherwise. */
  code: z.string().regex(/^[A-Z]{3}\d{5}$/, { message: 'an OCP error code such as COM10002 (three capitals, five digits)' }),
  message: z.union([Text, z.strictObject({ en: Text, zh: Text })]).optional(),
  /** Fill the message's {0}, {1}, ... (templates allowed). */
  args: z.array(z.unknown()).optional(),
  /** As OCP's COM10001 lists bad fields. */
  subErrors: z.array(z.strictObject({ object: z.string(), field: z.string(), message: z.string(), rejectedValue: z.unknown().optional() })).optional(),
  target: z.string().optional(),
});

/** Statuses HTTP sends without a body. */
export const NO_BODY_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

const Latency = z.union([
  z.number().int().nonnegative().max(60_000),
  z
    .tuple([z.number().int().nonnegative(), z.number().int().nonnegative().max(60_000)])
    .refine(([lo, hi]) => lo <= hi, { message: '[min, max] with min <= max' }),
]);

export const StubResponse = z
  .strictObject({
    status: z.number().int().min(200).max(599).optional(),
    /** Answered in OCP's envelope as `data` (templates allowed). */
    data: z.unknown().optional(),
    /** Answered as OCP's error envelope, in the caller's language. */
    error: StubError.optional(),
    /** Answered as it is, without the envelope: JSON as JSON, a string as text. */
    body: z.unknown().optional(),
    /** Extra response headers (with `body`, its Content-Type among them). */
    headers: z.record(z.string(), z.string()).optional(),
    latencyMs: Latency.optional(),
  })
  .superRefine((r, ctx) => {
    const given = (['data', 'error', 'body'] as const).filter((k) => k in r);
    if (given.length > 1) ctx.addIssue({ code: 'custom', message: `give one of data, error or body, not ${given.join(' and ')}` });
    if ('data' in r && r.status !== undefined && (r.status < 200 || r.status > 299)) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'a status from 200 to 299 with data (an error answers with error:)' });
    }
    if (r.error && r.status !== undefined && r.status < 400) ctx.addIssue({ code: 'custom', path: ['status'], message: 'a status from 400 to 599 with error' });
    if (r.status !== undefined && NO_BODY_STATUSES.has(r.status) && (given.length > 0 || r.status === 304)) {
      ctx.addIssue({
        code: 'custom',
        path: ['status'],
        message: `${r.status === 304 ? '304 answers a cache, not a stub: use 200' : `${r.status} answers no body: give no data, error or body`}`,
      });
    }
  });
export type StubResponse = z.output<typeof StubResponse>;

export const StubDecl = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][\w.-]*$/, { message: 'a name of letters, digits, ".", "_" and "-"' })
      .max(128)
      .optional(),
    description: z.string().optional(),
    request: z.strictObject({
      method: z
        .string()
        .transform((m) => m.toUpperCase())
        .pipe(z.enum(METHODS, { message: `one of ${METHODS.join(', ')}` })),
      path: Path,
      query: z.record(z.string(), z.union([QueryValue, z.array(QueryValue)])).optional(),
      headers: z.record(z.string(), z.string()).optional(),
      scenario: Text.optional(),
    }),
    permission: z.enum(PERMISSIONS, { message: `one of ${PERMISSIONS.join(', ')}` }).optional(),
    /** false: `{{ }}` in the answer is text, not a template (what a recorder writes when an answer holds some). */
    templates: z.boolean().optional(),
    response: StubResponse.optional(),
    responses: z.array(StubResponse).min(1).optional(),
  })
  .superRefine((s, ctx) => {
    if (!s.response === !s.responses) ctx.addIssue({ code: 'custom', message: 'give response (one answer) or responses (answers in turn), one of them' });
    const params = new Set([...s.request.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string));
    const answers = s.templates === false ? [] : (s.responses ?? (s.response ? [s.response] : []));
    answers.forEach((a, i) => {
      const at = s.responses ? ['responses', i] : ['response'];
      for (const problem of checkTemplates(a, params)) ctx.addIssue({ code: 'custom', path: [...at, ...problem.path], message: problem.message });
    });
  });
export type StubDecl = z.output<typeof StubDecl>;

/** A file: one stub, or `stubs: [...]`. */
export const StubFile = z.union([z.strictObject({ stubs: z.array(StubDecl).min(1) }), StubDecl]);
