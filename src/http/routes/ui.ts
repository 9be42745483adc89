/**
 * The live dashboard for demos (/__mock/ui): the page (ui/ at the package root: plain HTML, CSS
 * and a script, no build step, no asset from the internet), a JSON snapshot of what the
 * simulator shows, the same snapshot pushed as server-sent events as simulated time passes,
 * and the presenter's actions. Every action is the module call the OCP API makes (the agent
 * module's runOperation, the host module's addHosts and deleteHosts, the task actions), so the
 * same checks apply, acting as the built-in `admin` user. The OB clusters and tenants panels
 * (ui/clusters.js, ui/tenants.js) call the OCP API themselves (/api/v2/ob/clusters...), through the
 * one gate every client goes through; they read from the snapshot (uiClusters.ts, uiTenants.ts).
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { OcpError } from '../../contract/errors.js';
import { idField, jsonObjectBody, parseRequest } from '../../contract/requests.js';
import { formatOcpTime } from '../../contract/time.js';
import type { ActionRequest } from '../../core/tasks.js';
import { parseHostIds, renderAgentProcess } from '../../modules/agent/index.js';
import { BatchCreateHostsRequest, BatchDeleteHostsRequest, HostIdParam } from '../../modules/compute/index.js';
import { TaskIdParam, TaskSubtaskParams } from '../../modules/task/index.js';
import type { Simulator } from '../../simulator/simulator.js';
import type { StubChanges } from '../../simulator/stubChanges.js';
import type { StubRegistry } from '../../stubs/registry.js';
import type { AppEnv } from '../env.js';
import { longLivedSockets } from '../longLived.js';
import { clustersSnapshot, hostsInClusters } from './uiClusters.js';
import { tenantsSnapshot } from './uiTenants.js';

const UI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../ui');
const ASSETS: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'clusters.js': 'text/javascript; charset=utf-8',
  'tenants.js': 'text/javascript; charset=utf-8',
};
/** How often the event stream pushes a fresh snapshot (wall time). */
const PUSH_EVERY_MS = 500;
const PRESENTER = { id: 100, name: 'admin' };
/** Hosts the dashboard lists at most. */
const DASHBOARD_HOSTS = 500;

/**
 * The batch operations the hosts panel runs on the chosen hosts: the agent module's (shipped or a
 * user's own). The OB cluster operations are batches of no hosts list (they act on a cluster, a
 * zone or a server): they have their own panel and are refused here.
 */
function hostBatchOperations(sim: Simulator) {
  return sim.tasks.operations.filter((o) => !o.singleHost && o.answer === 'agent');
}

function iso(sim: Simulator, ms: number | undefined): string | null {
  return ms === undefined ? null : formatOcpTime(ms, sim.offsetMinutes);
}

/** Stubs listed at most (the rest counted): a push must not grow with thousands of recorded ones. */
const DASHBOARD_STUBS = 200;

/** What the page shows, at the simulator's now. */
export function snapshot(sim: Simulator, selectedId: number | undefined, stubs?: StubRegistry) {
  const now = sim.now();
  const clock = sim.world.clock.info();
  const { compute, tasks: taskBook } = sim;
  const tasks = [];
  for (const record of taskBook.page(0, 50)) {
    const summary = taskBook.views.summary(record, now);
    tasks.push({
      id: record.id,
      name: record.name,
      status: summary.status,
      scenario: record.scenario,
      hostIds: record.hostIds,
      startTime: iso(sim, record.createdAt),
      ageSeconds: Math.max(0, Math.floor((now - record.createdAt) / 1000)),
    });
  }
  const record = selectedId === undefined ? undefined : taskBook.find(selectedId);
  // A task on no host (a tenant's) says what it works on instead: its tenant and cluster.
  const subject = record?.subject;
  const selected = record
    ? {
        ...sim.task.inspect(record, now),
        ...(subject ? { cluster: subject.cluster.name, ...(subject.tenant ? { tenant: subject.tenant.name } : {}) } : {}),
      }
    : null;
  return {
    clock: { mode: clock.mode, speed: clock.speed, now: formatOcpTime(now, sim.offsetMinutes) },
    defaultScenario: sim.defaultScenario,
    // Batch operations beyond stop and restart (a user's own), for buttons of their own.
    moreOperations: hostBatchOperations(sim)
      .filter((o) => o.id !== 'batchStopAgents' && o.id !== 'batchRestartAgents')
      .map((o) => ({ id: o.id, name: o.taskName })),
    scenarios: sim.scenarios.list().map((l) => ({ name: l.scenario.name, description: l.scenario.description })),
    // The first hosts only: a push every 500 ms must not grow with an inventory of 100,000.
    hosts: sim
      .hosts()
      .slice(0, DASHBOARD_HOSTS)
      .map((h) => ({
        id: h.id,
        name: h.name,
        ip: h.innerIpAddress,
        region: h.regionName,
        idc: h.idcName,
        status: compute.hostStatus(h, now),
        agentStatus: compute.agentStatus(h, now),
      })),
    hostCount: sim.hosts().length,
    // Where hosts can go: each region with its IDCs, and the host types (small: OCP's own lists).
    regions: compute.inventory.lists.regions.map((r) => ({
      id: r.id,
      name: r.name,
      idcs: compute.inventory.lists.idcs.filter((i) => i.regionId === r.id).map((i) => ({ id: i.id, name: i.name })),
    })),
    hostTypes: compute.inventory.lists.hostTypes.map((t) => ({ id: t.id, name: t.name })),
    tasks,
    taskCount: taskBook.count(),
    // The stubs in force, with how often each answered (a recorded demo shows what it replays).
    stubs: (stubs?.first(DASHBOARD_STUBS) ?? []).map((s) => ({
      id: s.id,
      method: s.method,
      path: s.path,
      source: s.file ? basename(s.file) : 'run time',
      answered: s.answered,
    })),
    stubCount: stubs?.size ?? 0,
    // The OB clusters panel: clusters, zones, servers on their hosts; the hosts a server runs on (not free for a new cluster).
    clusters: clustersSnapshot(sim, now),
    clusterHostIds: hostsInClusters(sim),
    // The tenants panel: each cluster's tenants with their units, and what each of its servers holds and has free.
    tenants: tenantsSnapshot(sim, now),
    selected,
  };
}

const ClusterIdParam = z.object({ clusterId: idField('cluster') });

function selectedFrom(query: string | undefined): number | undefined {
  const n = Number(query);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function uiRoutes(stubChanges: StubChanges): Hono<AppEnv> {
  const stubs = stubChanges.registry;
  const app = new Hono<AppEnv>();
  const cache = new Map<string, string>();
  const asset = (name: string) => {
    let text = cache.get(name);
    if (text === undefined) {
      text = readFileSync(join(UI_DIR, name), 'utf8');
      cache.set(name, text);
    }
    return text;
  };
  app.get('/', (c) => c.html(asset('index.html')));
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const type = ASSETS[name];
    if (!type) throw new OcpError('noSuchRoute', [`no dashboard asset ${name}`]);
    return c.body(asset(name), 200, { 'content-type': type });
  });
  app.get('/state', (c) => c.json(snapshot(c.get('sim'), selectedFrom(c.req.query('task')), stubs)));
  app.get('/events', (c) => {
    const selected = selectedFrom(c.req.query('task'));
    const socket = c.env?.incoming?.socket;
    return streamSSE(c, async (stream) => {
      let open = true;
      if (socket) longLivedSockets.add(socket);
      stream.onAbort(() => {
        open = false;
        if (socket) longLivedSockets.delete(socket);
      });
      let last = '';
      while (open) {
        const data = JSON.stringify(snapshot(c.get('sim'), selected, stubs));
        // Only what changed is sent; a comment line keeps the connection alive otherwise.
        if (data !== last) await stream.writeSSE({ event: 'state', data });
        else await stream.write(': idle\n\n');
        last = data;
        await stream.sleep(PUSH_EVERY_MS);
      }
    });
  });
  // The selected hosts' agents stopped, restarted or put through another batch operation (`operation`; default batchStopAgents).
  app.post('/stop', async (c) => {
    const text = c.get('state').body ?? '';
    const hostIds = parseHostIds(text);
    const { scenario, operation } = JSON.parse(text) as { scenario?: unknown; operation?: unknown };
    const sim = c.get('sim');
    // Any batch operation (shipped or the user's own); a batch stop unless one is named.
    const op = hostBatchOperations(sim).find((o) => o.id === (operation ?? 'batchStopAgents'));
    if (!op) throw new OcpError('noSuchRoute', [`no batch operation ${JSON.stringify(operation)}`]);
    const view = sim.agent.agents.runOperation(op, PRESENTER, hostIds, typeof scenario === 'string' ? scenario : sim.defaultScenario);
    return c.json({ taskId: view.record.id });
  });
  // Hosts added as batchCreate adds them (a body of its shape, plus the scenario their tasks run in), and removed.
  app.post('/hosts', (c) => {
    const sim = c.get('sim');
    const body = jsonObjectBody(c.get('state').body ?? '', 'hostBatchCreateRequest');
    const { scenario, ...request } = body as { scenario?: unknown };
    const views = sim.compute.addHosts(
      parseRequest(BatchCreateHostsRequest, request, 'hostBatchCreateRequest'),
      PRESENTER,
      typeof scenario === 'string' ? scenario : sim.defaultScenario,
    );
    return c.json({ taskIds: views.map((v) => v.record.id), hostIds: views.map((v) => v.record.hostIds[0]) });
  });
  app.post('/hosts/delete', (c) => {
    const body = jsonObjectBody(c.get('state').body ?? '', 'batchDeleteHostsRequest');
    c.get('sim').compute.deleteHosts(parseRequest(BatchDeleteHostsRequest, body, 'batchDeleteHostsRequest').hostIdList);
    return c.json({ ok: true });
  });
  // A stub removed (until a reset brings the files' back).
  app.post('/stubs/:id/remove', (c) => {
    const id = c.req.param('id');
    if (!stubChanges.remove(id)) throw new OcpError('noRecords', ['stub', `id=${id}`]);
    return c.json({ removed: id });
  });
  // A host's agent processes, as OCP lists them.
  app.get('/hosts/:hostId/processes', (c) => {
    const sim = c.get('sim');
    const host = sim.compute.host(parseRequest(HostIdParam, c.req.param(), 'path').hostId);
    const now = sim.now();
    return c.json({
      hostId: host.id,
      agentStatus: sim.compute.agentStatus(host, now),
      processes: sim.agent.agents.processes(host, now).map((p) => renderAgentProcess(p, now, sim.offsetMinutes)),
    });
  });
  // One cluster's tenants, their units and its servers' capacity, use and free resources (the panel's snapshot, read alone).
  app.get('/clusters/:clusterId/tenants', (c) => {
    const sim = c.get('sim');
    const cluster = sim.obCluster.clusters.cluster(parseRequest(ClusterIdParam, c.req.param(), 'path').clusterId);
    return c.json(tenantsSnapshot(sim, sim.now(), cluster)[0]);
  });
  const act = (sim: Simulator, taskId: number, request: ActionRequest) => {
    sim.act(taskId, request);
    return { ok: true };
  };
  app.post('/tasks/:taskId/retry', (c) => c.json(act(c.get('sim'), parseRequest(TaskIdParam, c.req.param(), 'path').taskId, { type: 'retry' })));
  app.post('/tasks/:taskId/rollback', (c) => c.json(act(c.get('sim'), parseRequest(TaskIdParam, c.req.param(), 'path').taskId, { type: 'rollback' })));
  for (const [verb, type] of [
    ['retry', 'retrySubtask'],
    ['skip', 'skipSubtask'],
    ['cancel', 'cancelSubtask'],
  ] as const) {
    app.post(`/tasks/:taskId/subtasks/:subtaskId/${verb}`, (c) => {
      const { taskId, subtaskId } = parseRequest(TaskSubtaskParams, c.req.param(), 'path');
      return c.json(act(c.get('sim'), taskId, { type, subtaskId }));
    });
  }
  app.get('/tasks/:taskId/subtasks/:subtaskId/log', (c) => {
    const sim = c.get('sim');
    const { taskId, subtaskId } = parseRequest(TaskSubtaskParams, c.req.param(), 'path');
    return c.json({ log: sim.task.log(taskId, subtaskId) });
  });
  return app;
}
