/**
 * Hosts: `GET /compute/hosts`, `/compute/hosts/{id}` (HOST_VIEWER); adding hosts, each through a
 * "Prepare host" task, and deleting one or many (HOST_MANAGER).
 */
import { Hono } from 'hono';
import {
  BatchCreateHostsRequest,
  BatchDeleteHostsRequest,
  HOST_LIST_ARRAYS,
  HostIdParam,
  HostListQuery,
  jsonObjectBody,
  parseRequest,
  pathIds,
} from '../../contract/requests.js';
import type { AppEnv } from '../env.js';
import { ok, okJson } from '../envelope.js';
import { HostRowCache } from '../hostRowCache.js';
import { OCP_ROUTES, type RouteKit } from '../ocpRoutes.js';
import { pageOf, sortParam } from '../query.js';
import { QueryCache } from '../queryCache.js';
import { taskInstanceJson } from '../render.js';

const SORTABLE = ['id', 'name', 'innerIpAddress', 'createTime', 'updateTime'] as const;

export function hostRoutes({ sim, register }: RouteKit): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const hostQueries = new QueryCache(HostListQuery, 'hostQuery');
  const rows = new HostRowCache(sim.offsetMinutes, (h) => sim.hostDescriptions(h));
  register(app, OCP_ROUTES.listHosts, (c, r) => {
    const q = hostQueries.of(r, () => {
      // A StringArray may come as `status=A,B` or `status=A&status=B`.
      const query = c.req.query();
      const all = c.req.queries();
      for (const key of HOST_LIST_ARRAYS) if ((all[key]?.length ?? 0) > 1) query[key] = (all[key] as string[]).join(',');
      return query;
    });
    const sort = sortParam(q.sort, SORTABLE, { field: 'id', descending: false });
    const keyword = q.keyword?.toLowerCase();
    const statuses = q.status?.length ? new Set(q.status) : undefined;
    const included = q.includedServiceType?.length ? new Set<string>(q.includedServiceType) : undefined;
    const excluded = q.excludedServiceType?.length ? new Set<string>(q.excludedServiceType) : undefined;
    const now = sim.now();
    // The store keeps hosts in id order: the default listing needs no copy and no sort.
    let hosts = sim.hosts();
    if (statuses || keyword || included || excluded) {
      // *Inferred*: a keyword matches part of the name, the inner IP or a deployed service's name
      // (ocp-docs/host/1300 names the three); the service type filters look at the host's services.
      hosts = hosts.filter(
        (h) =>
          (!statuses || statuses.has(sim.hostStatus(h, now))) &&
          (!keyword ||
            h.name.toLowerCase().includes(keyword) ||
            h.innerIpAddress.includes(keyword) ||
            h.services.some((s) => s.name.toLowerCase().includes(keyword))) &&
          (!included || h.services.some((s) => included.has(s.type))) &&
          (!excluded || !h.services.some((s) => excluded.has(s.type))),
      );
    }
    if (sort.field !== 'id') {
      hosts = [...hosts].sort((a, b) => {
        const x = a[sort.field];
        const y = b[sort.field];
        return x < y ? -1 : x > y ? 1 : a.id - b.id;
      });
    }
    if (sort.descending) hosts = [...hosts].reverse();
    const page = pageOf(hosts, q);
    const contents = page.contents.map((h) => rows.json(h, sim.hostState(h, now), sim.agentStatus(h, now))).join(',');
    return okJson(c, sim, r, `{"contents":[${contents}],"page":${JSON.stringify(page.page)}}`);
  });
  // Adding answers the page of "Prepare host" tasks, one per host, without paging (ocp-docs/host/1500).
  register(app, OCP_ROUTES.addHosts, (c, r) => {
    const body = jsonObjectBody(r.body ?? '', 'hostBatchCreateRequest');
    const request = parseRequest(BatchCreateHostsRequest, body, 'hostBatchCreateRequest');
    const user = r.caller as { id: number; username: string };
    const views = sim.addHosts(request, { id: user.id, name: user.username }, r.scenario);
    r.taskId = views[0]?.record.id;
    return okJson(c, sim, r, `{"contents":[${views.map((v) => taskInstanceJson(v, sim.offsetMinutes)).join(',')}]}`);
  });
  // Deleting answers an envelope without data (ocp-docs/host/1600, 1700).
  register(app, OCP_ROUTES.deleteHost, (c, r) => {
    sim.deleteHosts([pathIds({ hostId: c.req.param('hostId') }, HostIdParam).hostId]);
    return ok(c, sim, r);
  });
  register(app, OCP_ROUTES.batchDeleteHosts, (c, r) => {
    const body = jsonObjectBody(r.body ?? '', 'batchDeleteHostsRequest');
    sim.deleteHosts(parseRequest(BatchDeleteHostsRequest, body, 'batchDeleteHostsRequest').hostIdList);
    return ok(c, sim, r);
  });
  register(app, OCP_ROUTES.getHost, (c, r) => {
    const host = sim.host(pathIds({ hostId: c.req.param('hostId') }, HostIdParam).hostId);
    const now = sim.now();
    return okJson(c, sim, r, rows.json(host, sim.hostState(host, now), sim.agentStatus(host, now)));
  });
  return app;
}
