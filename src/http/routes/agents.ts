/**
 * OCP's agent module (ocp-docs/agent): stop and restart one host's agent or a batch's
 * (HOST_MANAGER; async, answering the task, see src/engine/operations.ts); a host's agent details
 * and its processes (HOST_VIEWER); a worker process stopped or restarted at once (HOST_MANAGER),
 * answering the process.
 */
import { type Context, Hono } from 'hono';
import { AgentProcessParams, BatchStopAgentsRequest, HostIdParam, jsonObjectBody, LIMITS, PageQuery, parseRequest, pathIds } from '../../contract/requests.js';
import type { OperationId } from '../../engine/operations.js';
import type { AppEnv } from '../env.js';
import { ok, okJson } from '../envelope.js';
import { OCP_ROUTES, operationRouteSpec, type RouteKit } from '../ocpRoutes.js';
import { pageOf } from '../query.js';
import { QueryCache } from '../queryCache.js';
import { renderAgentProcess, renderHostAgent, taskInstanceJson } from '../render.js';
import type { RequestState } from '../requestState.js';

/**
 * The request object a batch body's sub-errors name: the operation's own (batchStopAgentsRequest,
 * batchRestartAgentsRequest, a user's batch operation `<id>Request`). *Inferred*: OCP's pages show
 * no such error; the batch stop's name is the one the code always used.
 */
const requestObject = (operation: OperationId) => `${operation}Request`;

/**
 * A body that plainly meets BatchStopAgentsRequest's rules (distinct positive safe integers, 1 to
 * LIMITS.hostIds of them), checked without zod: it is every submission of a load test, and zod
 * costs more than the check. Anything else goes through zod, which words OCP's sub-errors.
 * test/unit/parseHostIds.property.test.ts holds that whatever this accepts, zod accepts as the same.
 */
export function plainHostIds(body: object): number[] | undefined {
  const ids = (body as { hostIds?: unknown }).hostIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > LIMITS.hostIds) return undefined;
  for (const id of ids) if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined;
  if (ids.length > 1 && new Set(ids).size !== ids.length) return undefined;
  return ids as number[];
}

/** Validates `{"hostIds": [...]}` (distinct positive integers, at most 1000) for `operation` with OCP-style sub-errors. */
export function parseHostIds(text: string, operation: OperationId = 'batchStopAgents'): number[] {
  const object = requestObject(operation);
  const body = jsonObjectBody(text, object, 'request body must be a JSON object such as {"hostIds":[1001,1002]}');
  return plainHostIds(body) ?? parseRequest(BatchStopAgentsRequest, body, object).hostIds;
}

export function agentRoutes({ sim, register }: RouteKit): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  /** Submits `operation` for the caller and answers the new task's TaskInstance. */
  const submit = (c: Context<AppEnv>, r: RequestState, operation: OperationId, hostIds: readonly number[]) => {
    const user = r.caller as { id: number; username: string };
    const view = sim.submit(operation, { id: user.id, name: user.username }, hostIds, r.scenario);
    r.taskId = view.record.id;
    return okJson(c, sim, r, taskInstanceJson(view, sim.offsetMinutes));
  };
  // Each async operation of operations.ts behind its route: a batch takes `{"hostIds": [...]}`, a single host its path.
  register(app, OCP_ROUTES.batchStopAgents, (c, r) => submit(c, r, 'batchStopAgents', parseHostIds(r.body ?? '', 'batchStopAgents')));
  register(app, OCP_ROUTES.batchRestartAgents, (c, r) => submit(c, r, 'batchRestartAgents', parseHostIds(r.body ?? '', 'batchRestartAgents')));
  for (const operation of ['stopAgent', 'restartAgent'] as const) {
    register(app, OCP_ROUTES[operation], (c, r) => submit(c, r, operation, [pathIds({ hostId: c.req.param('hostId') }, HostIdParam).hostId]));
  }
  // Operations of the user's own, each behind the route its file declares.
  for (const op of sim.operations) {
    const spec = operationRouteSpec(op);
    if (!spec) continue;
    register(app, spec, (c, r) =>
      submit(c, r, op.id, op.singleHost ? [pathIds({ hostId: c.req.param('hostId') }, HostIdParam).hostId] : parseHostIds(r.body ?? '', op.id)),
    );
  }

  register(app, OCP_ROUTES.getHostAgent, (c, r) => {
    const host = sim.host(pathIds({ hostId: c.req.param('hostId') }, HostIdParam).hostId);
    const now = sim.now();
    return ok(
      c,
      sim,
      r,
      renderHostAgent(host, sim.agentStatus(host, now), sim.agentProcesses(host, now), now, sim.offsetMinutes, sim.agentUpdateTime(host, now)),
    );
  });

  const pages = new QueryCache(PageQuery, 'agentProcessQuery');
  register(app, OCP_ROUTES.listAgentProcesses, (c, r) => {
    const host = sim.host(pathIds({ hostId: c.req.param('hostId') }, HostIdParam).hostId);
    const q = pages.of(r, () => c.req.query());
    const now = sim.now();
    const page = pageOf(sim.agentProcesses(host, now), q);
    return ok(c, sim, r, { contents: page.contents.map((p) => renderAgentProcess(p, now, sim.offsetMinutes)), page: page.page });
  });

  for (const [spec, action] of [
    [OCP_ROUTES.stopAgentProcess, 'stop'],
    [OCP_ROUTES.restartAgentProcess, 'restart'],
  ] as const) {
    register(app, spec, (c, r) => {
      const { hostId, agentProcessId } = pathIds({ hostId: c.req.param('hostId'), agentProcessId: c.req.param('agentProcessId') }, AgentProcessParams);
      const process = sim.actOnAgentProcess(hostId, agentProcessId, action);
      return ok(c, sim, r, renderAgentProcess(process, sim.now(), sim.offsetMinutes));
    });
  }
  return app;
}
