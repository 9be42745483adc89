/**
 * zod schemas of what OCP's routes accept (path, query, body). The server validates with them
 * (via `parseRequest`, which turns a failure into OCP's 400 COM10001 with `subErrors`) and the
 * OpenAPI document is built from them, so the two cannot drift apart.
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { HOST_STATUSES, SERVICE_TYPES, TASK_STATUSES, TASK_TYPES } from './enums.js';
import { OcpError, type SubError } from './errors.js';

/** Limits, documented in README. */
export const LIMITS = {
  hostIds: 1000,
  pageSize: 2000,
  defaultPageSize: 10,
  /** OCP's ids are Java longs; past 2^53 a JSON number is no longer exact, so it is refused. */
  maxId: Number.MAX_SAFE_INTEGER,
} as const;

const id = (what: string) =>
  z.coerce
    .number({ error: `must be a ${what} id` })
    .int({ error: `must be an integer ${what} id` })
    .positive({ error: `must be a positive ${what} id` })
    .max(LIMITS.maxId, { error: `must be at most ${LIMITS.maxId}` });

export const TaskIdParam = z.object({ taskId: id('task') });
export const TaskSubtaskParams = z.object({ taskId: id('task'), subtaskId: id('subtask') });
export const HostIdParam = z.object({ hostId: id('host') });
export const RegionIdParam = z.object({ regionId: id('region') });
export const IdcIdParam = z.object({ idcId: id('IDC') });
export const HostTypeIdParam = z.object({ hostTypeId: id('host type') });
const nameField = (what: string) =>
  z
    .string({ error: `must be the ${what}'s name` })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(128, { error: 'must be at most 128 characters' });
const descriptionField = z.string({ error: 'must be a text' }).max(256, { error: 'must be at most 256 characters' }).optional();
export const RegionCreateRequest = z.object({ name: nameField('region'), description: descriptionField });
export const IdcCreateRequest = z.object({ name: nameField('IDC'), description: descriptionField, regionId: id('region') });
export const HostTypeCreateRequest = z.object({ name: nameField('host type'), description: descriptionField });
export const AgentProcessParams = z.object({ hostId: id('host'), agentProcessId: id('agent process') });

/** One wording for any bad page or size, a value that is no number at all (`page=abc`) included. */
const page = {
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
  /** Spring's `field` or `field,asc|desc`. */
  sort: z.string().optional(),
};

const oneOf = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });

export const TaskListQuery = z.object({
  name: z.string().optional(),
  status: oneOf(TASK_STATUSES).optional(),
  type: oneOf(TASK_TYPES).optional(),
  hostId: id('host').optional(),
  ...page,
});

/** Paging of a host's agent processes (the page documents no filter). */
export const PageQuery = z.object({ ...page });

/** A StringArray query value as Spring reads one: `A,B` (a repeated key arrives joined the same way). */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((text) =>
      text
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    )
    .pipe(z.array(z.enum(values, { error: `must be one of ${values.join(', ')}` })));

/** ocp-docs/host/1300: `status`, `includedServiceType`, `excludedServiceType` are StringArrays. */
export const HostListQuery = z.object({
  status: listOf(HOST_STATUSES).optional(),
  /** Part of a host name, inner IP or a deployed service's name. */
  keyword: z.string().optional(),
  includedServiceType: listOf(SERVICE_TYPES).optional(),
  excludedServiceType: listOf(SERVICE_TYPES).optional(),
  ...page,
});

/** The keys of HostListQuery whose repeated values are one list. */
export const HOST_LIST_ARRAYS = ['status', 'includedServiceType', 'excludedServiceType'] as const;

const hostId = z
  .number({ error: 'must be an integer host id' })
  .int({ error: 'must be an integer host id' })
  .positive({ error: 'must be a positive host id' })
  .max(LIMITS.maxId, { error: `must be at most ${LIMITS.maxId}` });

export const BatchStopAgentsRequest = z.object({
  hostIds: z
    .array(hostId, { error: (issue) => (issue.input === undefined || issue.input === null ? 'must not be null' : 'must be an array of host ids') })
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.hostIds, { error: `must hold at most ${LIMITS.hostIds} host ids` })
    .superRefine((ids, ctx) => {
      const seen = new Set<number>();
      ids.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate host id ${v}`, input: v });
        seen.add(v);
      });
    }),
});

export const BatchDeleteHostsRequest = z.object({
  hostIdList: z
    .array(hostId, { error: (issue) => (issue.input === undefined || issue.input === null ? 'must not be null' : 'must be an array of host ids') })
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.hostIds, { error: `must hold at most ${LIMITS.hostIds} host ids` })
    .refine((ids) => new Set(ids).size === ids.length, { error: 'must not repeat a host id' }),
});

/** OCP's host kinds (ocp-docs/host/1500). */
export const HOST_KINDS = ['DEDICATED_PHYSICAL_MACHINE', 'DEDICATED_CONTAINER'] as const;

/** `POST /api/v2/compute/hosts/batchCreate` (ocp-docs/host/1500); the page's rules on alias and ports as refinements. */
export const BatchCreateHostsRequest = z
  .object({
    hostBasicDataList: z
      .array(
        z.object({
          innerIpAddress: z.string({ error: 'must be an IP address' }).refine((ip) => isIP(ip) !== 0, { error: 'must be an IP address' }),
          serialNumber: z.string({ error: 'must be a text' }).max(128, { error: 'must be at most 128 characters' }).optional(),
        }),
        { error: (issue) => (issue.input === undefined || issue.input === null ? 'must not be null' : 'must be an array of hosts') },
      )
      .min(1, { error: 'must not be empty' })
      .max(LIMITS.hostIds, { error: `must hold at most ${LIMITS.hostIds} hosts` })
      .superRefine((hosts, ctx) => {
        const seen = new Set<string>();
        hosts.forEach((h, i) => {
          if (seen.has(h.innerIpAddress))
            ctx.addIssue({ code: 'custom', path: [i, 'innerIpAddress'], message: `duplicate IP address ${h.innerIpAddress}`, input: h.innerIpAddress });
          seen.add(h.innerIpAddress);
        });
      }),
    sshPort: z
      .number({ error: 'must be a port number' })
      .int({ error: 'must be a port number' })
      .min(1, { error: 'must be a port number from 1 to 65535' })
      .max(65535, { error: 'must be a port number from 1 to 65535' }),
    kind: oneOf(HOST_KINDS),
    publishPorts: z
      .array(z.string({ error: 'must be a port mapping' }).min(1, { error: 'must not be empty' }), { error: 'must be an array of port mappings' })
      .optional(),
    idcId: id('IDC'),
    typeId: id('host type'),
    credentialId: id('credential'),
    alias: z.string({ error: 'must be a text' }).trim().min(1, { error: 'must not be empty' }).max(128, { error: 'must be at most 128 characters' }).optional(),
    description: descriptionField,
  })
  .superRefine((req, ctx) => {
    if (req.alias !== undefined && req.hostBasicDataList.length > 1) {
      ctx.addIssue({ code: 'custom', path: ['alias'], message: 'can be set only when a single host is added', input: req.alias });
    }
    if (req.kind === 'DEDICATED_CONTAINER' && !req.publishPorts?.length) {
      ctx.addIssue({ code: 'custom', path: ['publishPorts'], message: 'must map the container’s ports when kind is DEDICATED_CONTAINER' });
    }
  });
export type BatchCreateHostsRequest = z.output<typeof BatchCreateHostsRequest>;

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
