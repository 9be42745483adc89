/**
 * `ocp-mock conform`: how far the simulator is from a real OCP, asked with GET requests only.
 *
 * For each simulated read route it finds ids in each side's own lists (hosts, regions, IDCs, host
 * types, tasks and their subtasks), asks the target and the simulator the same call, and compares
 * what a client depends on (src/conform/shape.ts): the status, the key paths, the JSON types, the
 * enum values the target answers that the simulator's contract does not know, and the status and
 * error code for an id that does not exist. Requests to the target are bounded in number
 * (`maxRequests`) and spaced (`rate` a second); credentials go in the Authorization header only,
 * and nothing here ever prints them.
 */
import { z } from 'zod';
import type { CallDecl } from '../core/call.js';
import { CALLS } from '../modules/index.js';

type OcpRouteSpec = Pick<CallDecl, 'method' | 'path' | 'data'>;

import { type HttpAnswer, httpCall } from '../util/httpClient.js';
import { compareShapes, schemaEnums, shapeOf } from './shape.js';

export interface ConformSide {
  baseUrl: string;
  user: string;
  password: string;
}

export interface ConformOptions {
  target: ConformSide;
  simulator: ConformSide;
  /** Which routes (path patterns with /api/v2, e.g. `/api/v2/compute/**`); default all. */
  include?: readonly RegExp[];
  /** At most this many requests to the target (default 100). */
  maxRequests?: number;
  /** At most this many requests a second to the target (default 5). */
  rate?: number;
  /** Certificate authorities (PEM) for https:// (`--tls-ca`). */
  ca?: string[];
  timeoutMs?: number;
}

export interface RouteResult {
  method: 'GET';
  path: string;
  result: 'same' | 'different' | 'skipped';
  differences: string[];
  reason?: string;
}

export interface ConformResult {
  target: string;
  simulator: string;
  targetRequests: number;
  routes: RouteResult[];
  differences: number;
}

/** An id no list holds, for the not-found comparison. */
export const MISSING_ID = 999999999;

/** Where each path parameter's ids are found: the first of a list's page, or of a task's subtasks. */
const LISTS: Record<string, string> = {
  hostId: '/api/v2/compute/hosts?page=1&size=10',
  regionId: '/api/v2/compute/regions?page=1&size=10',
  idcId: '/api/v2/compute/idcs?page=1&size=10',
  hostTypeId: '/api/v2/compute/hostTypes?page=1&size=10',
  taskId: '/api/v2/tasks/instances?page=1&size=10',
  // The OB cluster pages call a cluster's id `{id}` or `{clusterId}`; a zone is found in its cluster's zones.
  id: '/api/v2/ob/clusters?page=1&size=10',
  clusterId: '/api/v2/ob/clusters?page=1&size=10',
};

class BudgetSpent extends Error {}

/** A fatal answer from the target (it refused the credentials): the run stops. */
export class ConformError extends Error {}

interface Answer extends HttpAnswer {
  json: unknown;
}

class Side {
  requests = 0;
  private next = 0;
  private readonly cache = new Map<string, Promise<Answer>>();
  constructor(
    readonly name: 'target' | 'simulator',
    private readonly side: ConformSide,
    private readonly o: { ca?: string[]; timeoutMs: number; maxRequests?: number; rate?: number },
  ) {}

  get(path: string): Promise<Answer> {
    let answer = this.cache.get(path);
    if (!answer) {
      answer = this.send(path);
      this.cache.set(path, answer);
    }
    return answer;
  }

  private async send(path: string): Promise<Answer> {
    if (this.o.maxRequests !== undefined && this.requests >= this.o.maxRequests) throw new BudgetSpent();
    this.requests++;
    if (this.o.rate !== undefined) {
      const wait = this.next - Date.now();
      this.next = Math.max(Date.now(), this.next) + 1000 / this.o.rate;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const authorization = `Basic ${Buffer.from(`${this.side.user}:${this.side.password}`).toString('base64')}`;
    let res: HttpAnswer;
    try {
      res = await httpCall(`${this.side.baseUrl}${path}`, {
        method: 'GET',
        headers: { authorization, accept: 'application/json' },
        ...(this.o.ca ? { ca: this.o.ca } : {}),
        timeoutMs: this.o.timeoutMs,
      });
    } catch (e) {
      throw new ConformError(`cannot reach the ${this.name} (${this.side.baseUrl}): ${(e as Error).message}`);
    }
    if (res.status === 401) throw new ConformError(`the ${this.name} refused the credentials of user ${this.side.user} (401)`);
    let json: unknown;
    try {
      json = JSON.parse(res.text);
    } catch {
      json = undefined;
    }
    return { ...res, json };
  }
}

const dataOf = (a: Answer) => (a.json as { data?: unknown } | undefined)?.data as Record<string, unknown> | undefined;
const codeOf = (a: Answer) => (a.json as { error?: { code?: string } } | undefined)?.error?.code;
const describeAnswer = (a: Answer) => `${a.status}${codeOf(a) ? ` ${codeOf(a)}` : ''}`;

/** An id as a path segment: a number, or a string an OCP might use (undefined: none). */
const idText = (id: unknown) =>
  (typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && /^[\w.-]{1,64}$/.test(id)) ? String(id) : undefined;

/** The id for `param` on one side: the first of its list (undefined: the list is empty). */
async function idFor(side: Side, param: string, ids: Record<string, string>): Promise<string | undefined> {
  if (param === 'subtaskId') {
    if (ids.taskId === undefined) return undefined;
    const subtasks = dataOf(await side.get(`/api/v2/tasks/instances/${ids.taskId}`))?.subtasks as { id?: unknown }[] | undefined;
    return idText(subtasks?.[0]?.id);
  }
  if (param === 'zoneName') {
    const cluster = ids.id ?? ids.clusterId;
    if (cluster === undefined) return undefined;
    const zones = dataOf(await side.get(`/api/v2/ob/clusters/${cluster}/zones`))?.contents as { name?: unknown }[] | undefined;
    return idText(zones?.[0]?.name);
  }
  if (param === 'tenantId') {
    // A tenant is the first its cluster lists (the cluster's own list: a tenant id is asked with its cluster's).
    const cluster = ids.id ?? ids.clusterId;
    if (cluster === undefined) return undefined;
    const tenants = dataOf(await side.get(`/api/v2/ob/clusters/${cluster}/tenants`))?.contents as { id?: unknown }[] | undefined;
    return idText(tenants?.[0]?.id);
  }
  const list = LISTS[param];
  if (!list) return undefined;
  const contents = dataOf(await side.get(list))?.contents as { id?: unknown }[] | undefined;
  return idText(contents?.[0]?.id);
}

const enumsCache = new WeakMap<object, Map<string, string[]>>();
function enumsOf(spec: OcpRouteSpec): Map<string, string[]> {
  if (!spec.data) return new Map();
  let enums = enumsCache.get(spec.data);
  if (!enums) {
    enums = schemaEnums(z.toJSONSchema(spec.data, { unrepresentable: 'any', io: 'output' }) as Parameters<typeof schemaEnums>[0]);
    enumsCache.set(spec.data, enums);
  }
  return enums;
}

/** The simulated read routes (GET), with /api/v2, narrowed by `include`, in path order (whatever order the modules declare them in). */
export function readRoutes(include: readonly RegExp[] = []): OcpRouteSpec[] {
  return Object.values(CALLS as Record<string, OcpRouteSpec>)
    .filter((spec) => spec.method === 'get')
    .filter((spec) => include.length === 0 || include.some((re) => re.test(`/api/v2${spec.path}`) || re.test(spec.path)))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function compareRoute(spec: OcpRouteSpec, target: Side, simulator: Side): Promise<RouteResult> {
  const path = `/api/v2${spec.path}`;
  const params = [...spec.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const result = (r: Omit<RouteResult, 'method' | 'path'>): RouteResult => ({ method: 'GET', path, ...r });
  const ids: Record<'target' | 'simulator', Record<string, string>> = { target: {}, simulator: {} };
  for (const param of params) {
    if (param !== 'subtaskId' && param !== 'zoneName' && param !== 'tenantId' && !LISTS[param])
      return result({ result: 'skipped', differences: [], reason: `no list to find {${param}} in` });
    for (const side of [target, simulator]) {
      const id = await idFor(side, param, ids[side.name]);
      if (id === undefined) return result({ result: 'skipped', differences: [], reason: `the ${side.name} has no ${param.replace(/Id$/, '')} to ask about` });
      ids[side.name][param] = id;
    }
  }
  const fill = (side: 'target' | 'simulator', missing?: string) =>
    path.replace(/\{(\w+)\}/g, (_, p: string) => String(p === missing ? MISSING_ID : ids[side][p]));
  const differences: string[] = [];
  const [t, s] = [await target.get(fill('target')), await simulator.get(fill('simulator'))];
  const ok = (a: Answer) => a.status >= 200 && a.status < 300;
  if (ok(t) !== ok(s) || (!ok(t) && codeOf(t) !== codeOf(s))) {
    differences.push(`status: the target answers ${describeAnswer(t)}, the simulator ${describeAnswer(s)}`);
  } else if (t.json === undefined || s.json === undefined) {
    if ((t.json === undefined) !== (s.json === undefined)) differences.push(`body: ${t.json === undefined ? 'the target' : 'the simulator'} answers no JSON`);
  } else {
    differences.push(...compareShapes(shapeOf(t.json), shapeOf(s.json), enumsOf(spec)).map((d) => d.text));
  }
  // An id that does not exist: the last parameter's.
  const last = params.at(-1);
  if (last) {
    const [tm, sm] = [await target.get(fill('target', last)), await simulator.get(fill('simulator', last))];
    if (tm.status !== sm.status || codeOf(tm) !== codeOf(sm)) {
      differences.push(`not found ({${last}} ${MISSING_ID}): the target answers ${describeAnswer(tm)}, the simulator ${describeAnswer(sm)}`);
    }
  }
  return result({ result: differences.length > 0 ? 'different' : 'same', differences });
}

export async function conform(o: ConformOptions): Promise<ConformResult> {
  const timeoutMs = o.timeoutMs ?? 30_000;
  const target = new Side('target', o.target, { ca: o.ca, timeoutMs, maxRequests: o.maxRequests ?? 100, rate: o.rate ?? 5 });
  const simulator = new Side('simulator', o.simulator, { ca: o.ca, timeoutMs });
  const routes: RouteResult[] = [];
  for (const spec of readRoutes(o.include)) {
    try {
      routes.push(await compareRoute(spec, target, simulator));
    } catch (e) {
      if (!(e instanceof BudgetSpent)) throw e;
      routes.push({
        method: 'GET',
        path: `/api/v2${spec.path}`,
        result: 'skipped',
        differences: [],
        reason: `the request budget is spent (--max-requests ${o.maxRequests ?? 100})`,
      });
    }
  }
  return {
    target: o.target.baseUrl,
    simulator: o.simulator.baseUrl,
    targetRequests: target.requests,
    routes,
    differences: routes.reduce((n, r) => n + r.differences.length, 0),
  };
}

/** One line per route, then a summary. */
export function formatConform(r: ConformResult): string {
  const lines = [`ocp-mock conform: ${r.target} (target) vs ${r.simulator} (simulator), ${r.targetRequests} GET request(s) to the target`];
  for (const route of r.routes) {
    if (route.result === 'same') lines.push(`same       ${route.method} ${route.path}`);
    else if (route.result === 'skipped') lines.push(`skipped    ${route.method} ${route.path}: ${route.reason}`);
    else {
      lines.push(`DIFFERENT  ${route.method} ${route.path}`);
      for (const d of route.differences) lines.push(`             ${d}`);
    }
  }
  const count = (k: RouteResult['result']) => r.routes.filter((x) => x.result === k).length;
  lines.push(`${r.differences} difference(s) in ${count('different')} route(s); ${count('same')} same, ${count('skipped')} skipped`);
  return `${lines.join('\n')}\n`;
}
