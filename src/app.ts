/**
 * Builds the ocp-mock HTTP app from options. Never listens: src/cli.ts and src/index.ts do.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createClock } from './clock/clock.js';
import { ConfigError, type OcpMockOptions, resolveConfig } from './config.js';
import { OcpError } from './contract/errors.js';
import { DEFAULT_USERS, loadUsersFile, UserDirectory } from './http/auth.js';
import type { AppEnv } from './http/env.js';
import { fail } from './http/envelope.js';
import { journalBody, nearestRoutes, RequestJournal, redactHeaders } from './http/journal.js';
import { createLogger } from './http/logger.js';
import { requestBehaviour } from './http/middleware/requestBehaviour.js';
import { requestContext, scenarioSelection } from './http/middleware/requestContext.js';
import { adminRoutes } from './http/routes/admin.js';
import { agentRoutes } from './http/routes/agents.js';
import { hostRoutes } from './http/routes/hosts.js';
import { probeRoutes } from './http/routes/probes.js';
import { taskRoutes } from './http/routes/tasks.js';
import { loadScenarioDirs, SHIPPED_SCENARIOS_DIR } from './scenarios/loader.js';
import { ScenarioRegistry } from './scenarios/registry.js';
import { Simulator } from './simulator/simulator.js';

/** Largest request body accepted (413 beyond). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface OcpMock {
  app: Hono<AppEnv>;
  simulator: Simulator;
  journal: RequestJournal;
}

/** Builds the app and the simulator behind it. Throws ConfigError or ScenarioLoadError on bad options. */
export function buildOcpMock(options: OcpMockOptions = {}): OcpMock {
  const config = resolveConfig(options);
  const scenarios = new ScenarioRegistry(loadScenarioDirs([SHIPPED_SCENARIOS_DIR, ...config.scenariosDirs]));
  if (!scenarios.has(config.scenario)) throw new ConfigError('scenario', `one of ${scenarios.names().join(', ')}`, config.scenario);
  const users = new UserDirectory(config.usersFile ? loadUsersFile(config.usersFile) : DEFAULT_USERS);
  const simulator = new Simulator({
    seed: config.seed,
    hostCount: config.hosts,
    offsetMinutes: config.offsetMinutes,
    clock: createClock({ mode: config.clock, speed: config.speed, start: config.startTime }),
    scenarios,
    defaultScenario: config.scenario,
    serverAddress: config.serverAddress,
  });

  const journal = new RequestJournal(config.journalSize);
  const logger = createLogger(config.logLevel, config.logFormat);

  const app = new Hono<AppEnv>();
  app.use(requestContext(simulator));
  // Journal and log every request once it has been answered (errors included).
  app.use(async (c, next) => {
    await next();
    const durationMs = Math.round(performance.now() - c.var.arrivedAt);
    const user = c.var.user?.username;
    const taskId = c.var.createdTaskId;
    logger.request({
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs,
      scenario: c.var.scenario,
      traceId: c.var.traceId,
      user,
      taskId,
    });
    if (c.req.path.startsWith('/__mock')) return;
    const length = Number(c.req.header('content-length') ?? 0);
    let body: unknown;
    if (c.res.status !== 413 && length <= MAX_BODY_BYTES) body = journalBody(await c.req.text().catch(() => ''));
    journal.add({
      time: new Date().toISOString(),
      method: c.req.method,
      path: c.req.path,
      query: c.req.query(),
      headers: redactHeaders(c.req.header()),
      body,
      user,
      scenario: c.var.scenario,
      status: c.res.status,
      traceId: c.var.traceId,
      taskId,
      nearestRoutes: c.var.unmatched ? nearestRoutes(c.req.method, c.req.path) : undefined,
    });
  });
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => fail(c, new OcpError('bodyTooLarge', [`request body larger than ${MAX_BODY_BYTES} bytes`])),
    }),
  );

  const ocp = new Hono<AppEnv>();
  // Scoped to OCP's paths, so that admin routes and unknown paths never meet a scenario's faults.
  for (const path of ['/compute/*', '/tasks/*', '/time', '/info']) ocp.use(path, scenarioSelection(), requestBehaviour());
  ocp.route('/', agentRoutes(users));
  ocp.route('/', hostRoutes(users));
  ocp.route('/', taskRoutes(users));
  ocp.route('/', probeRoutes(users));
  // Every client uses /api/v2; the batchStopAgents page prints the path without it. Serve both.
  app.route('/api/v2', ocp);
  app.route('/', ocp);
  app.route('/__mock', adminRoutes(journal));

  app.notFound((c) => {
    c.set('unmatched', true);
    const nearest = c.req.path.startsWith('/__mock') ? [] : nearestRoutes(c.req.method, c.req.path);
    const hint = nearest.length ? `; nearest: ${nearest.join(', ')}` : '';
    return fail(c, new OcpError('noSuchRoute', [`no route for ${c.req.method} ${c.req.path}${hint}`]));
  });
  app.onError((err, c) => {
    if (err instanceof OcpError) return fail(c, err);
    // A bug, not a client error: still OCP's envelope, and the process stays up.
    console.error(err);
    return fail(c, new OcpError('unknownError', [err.name, err.message]));
  });
  return { app, simulator, journal };
}
