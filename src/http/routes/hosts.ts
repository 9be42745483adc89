/** Hosts: `GET /compute/hosts`, `/compute/hosts/{id}`, `/compute/hosts/{id}/agent` (HOST_VIEWER). */
import { Hono } from 'hono';
import { HOST_STATUSES } from '../../contract/enums.js';
import type { UserDirectory } from '../auth.js';
import type { AppEnv } from '../env.js';
import { ok } from '../envelope.js';
import { guard } from '../middleware/guard.js';
import { enumParam, intParam, pageOf, pagingParams, sortParam } from '../query.js';
import { renderHost, renderHostAgent } from '../render.js';

const SORTABLE = ['id', 'name', 'innerIpAddress', 'createTime', 'updateTime'] as const;

export function hostRoutes(users: UserDirectory): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/compute/hosts', guard(users, 'listHosts', 'HOST_VIEWER'), (c) => {
    const sim = c.var.sim;
    const q = (k: string) => c.req.query(k);
    const paging = pagingParams(q);
    const status = enumParam(q('status'), 'status', HOST_STATUSES);
    const keyword = q('keyword')?.toLowerCase();
    const sort = sortParam(q('sort'), SORTABLE, { field: 'id', descending: false });
    const now = sim.now();
    const hosts = sim.store
      .hosts()
      .filter((h) => (status ? h.status === status : true))
      .filter((h) => (keyword ? h.name.toLowerCase().includes(keyword) || h.innerIpAddress.includes(keyword) : true))
      .slice()
      .sort((a, b) => {
        const x = a[sort.field];
        const y = b[sort.field];
        const cmp = x < y ? -1 : x > y ? 1 : 0;
        return sort.descending ? -cmp : cmp;
      });
    const page = pageOf(hosts, paging);
    return ok(c, { contents: page.contents.map((h) => renderHost(h, sim.agentStatus(h, now), sim.offsetMinutes)), page: page.page });
  });
  app.get('/compute/hosts/:hostId', guard(users, 'getHost', 'HOST_VIEWER'), (c) => {
    const sim = c.var.sim;
    const host = sim.host(intParam(c.req.param('hostId'), 'hostId') as number);
    return ok(c, renderHost(host, sim.agentStatus(host), sim.offsetMinutes));
  });
  app.get('/compute/hosts/:hostId/agent', guard(users, 'getHostAgent', 'HOST_VIEWER'), (c) => {
    const sim = c.var.sim;
    const host = sim.host(intParam(c.req.param('hostId'), 'hostId') as number);
    return ok(c, renderHostAgent(host, sim.agentStatus(host)));
  });
  return app;
}
