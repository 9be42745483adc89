/** `POST /compute/hosts/batchStopAgents` (HOST_MANAGER): submits "Batch stop OCP agent". */
import { Hono } from 'hono';
import { OcpError, type SubError } from '../../contract/errors.js';
import type { UserDirectory } from '../auth.js';
import type { AppEnv } from '../env.js';
import { ok } from '../envelope.js';
import { guard } from '../middleware/guard.js';
import { renderTaskInstance } from '../render.js';

/** Most hosts one batch may name (documented in README). */
export const MAX_HOST_IDS = 1000;
/** OCP's ids are Java longs; past 2^53 a JSON number is no longer exact here, so it is refused. */
const MAX_ID = Number.MAX_SAFE_INTEGER;

const OBJECT = 'batchStopAgentsRequest';

function invalid(field: string, rejectedValue: unknown, message: string): OcpError {
  return new OcpError('invalidParameter', [field], { subErrors: [{ object: OBJECT, field, rejectedValue, message }] });
}

/** Validates `{"hostIds": [...]}` with OCP-style sub-errors, one per problem found. */
export function parseHostIds(text: string): number[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw invalid('requestBody', undefined, 'request body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('requestBody', undefined, 'request body must be a JSON object such as {"hostIds":[1001,1002]}');
  }
  const hostIds = (body as Record<string, unknown>).hostIds;
  if (hostIds === undefined || hostIds === null) throw invalid('hostIds', undefined, 'must not be null');
  if (!Array.isArray(hostIds)) throw invalid('hostIds', hostIds, 'must be an array of host ids');
  if (hostIds.length === 0) throw invalid('hostIds', hostIds, 'must not be empty');
  if (hostIds.length > MAX_HOST_IDS) throw invalid('hostIds', undefined, `must hold at most ${MAX_HOST_IDS} host ids, got ${hostIds.length}`);
  const problems: SubError[] = [];
  const seen = new Set<number>();
  hostIds.forEach((v, i) => {
    const field = `hostIds[${i}]`;
    if (typeof v !== 'number' || !Number.isInteger(v)) problems.push({ object: OBJECT, field, rejectedValue: v, message: 'must be an integer host id' });
    else if (v <= 0) problems.push({ object: OBJECT, field, rejectedValue: v, message: 'must be a positive host id' });
    else if (v > MAX_ID) problems.push({ object: OBJECT, field, rejectedValue: v, message: `must be at most ${MAX_ID}` });
    else if (seen.has(v)) problems.push({ object: OBJECT, field, rejectedValue: v, message: `duplicate host id ${v}` });
    else seen.add(v);
  });
  if (problems.length > 0) throw new OcpError('invalidParameter', ['hostIds'], { subErrors: problems.slice(0, 20) });
  return hostIds as number[];
}

export function agentRoutes(users: UserDirectory): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.post('/compute/hosts/batchStopAgents', guard(users, 'batchStopAgents', 'HOST_MANAGER'), async (c) => {
    const hostIds = parseHostIds(await c.req.text());
    const user = c.var.user;
    const view = c.var.sim.submitBatchStop({ id: user.id, name: user.username }, hostIds, c.var.scenario);
    return ok(c, renderTaskInstance(view, c.var.sim.offsetMinutes));
  });
  return app;
}
