/**
 * Builds the ocp-mock HTTP app from options. Never listens: src/cli.ts and src/index.ts do.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { createClock } from './clock/clock.js';
import { ConfigError, type OcpMockOptions, type ResolvedConfig, resolveConfig } from './config.js';
import { INFERRED_ERRORS, OcpError, unexpectedError } from './contract/errors.js';
import { DEFAULT_USERS, loadUsersFile, UserDirectory } from './http/auth.js';
import type { AppEnv } from './http/env.js';
import { fail } from './http/envelope.js';
import { exchangeRecorder } from './http/exchanges.js';
import { createFastLane, type FastLane } from './http/fastLane.js';
import { nearestRoutes, RequestJournal, rawHeadersOf } from './http/journal.js';
import { createLogger } from './http/logger.js';
import { adminGate } from './http/middleware/adminGate.js';
import { readBody } from './http/middleware/body.js';
import { requestBehaviour } from './http/middleware/requestBehaviour.js';
import { requestContext, SCENARIO_HEADER, scenarioSelection } from './http/middleware/requestContext.js';
import { methodsFor } from './http/ocpRoutes.js';
import { adminRoutes } from './http/routes/admin.js';
import { agentRoutes } from './http/routes/agents.js';
import { hostRoutes } from './http/routes/hosts.js';
import { probeRoutes } from './http/routes/probes.js';
import { taskRoutes } from './http/routes/tasks.js';
import { TaskDetailCache } from './http/taskDetailCache.js';
import { loadScenarioDirs, SHIPPED_SCENARIOS_DIR } from './scenarios/loader.js';
import { ScenarioRegistry } from './scenarios/registry.js';
import { Simulator } from './simulator/simulator.js';
import { loadStateFile, STATE_FORMAT, STATE_VERSION, StateFileLog, stateFileExists } from './store/stateFile.js';

/** Largest request body accepted (413 beyond). */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface OcpMock {
  app: Hono<AppEnv>;
  simulator: Simulator;
  journal: RequestJournal;
  /** Answers plain task reads and stops ahead of `app` when listening; undefined when off. */
  fastLane: FastLane | undefined;
}

/** Rebuilds the simulator from its state file (or starts one) and keeps every later command in it. */
function attachStateFile(simulator: Simulator, path: string, config: ResolvedConfig): void {
  const settings = {
    seed: config.seed,
    hosts: config.hosts,
    offsetMinutes: config.offsetMinutes,
    clockMode: config.clock,
    speed: simulator.clock.info().speed,
  };
  if (!stateFileExists(path)) {
    const header = {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      ...settings,
      clock: simulator.clock.anchor(),
      defaultScenario: simulator.defaultScenario,
    } as const;
    simulator.attachLog(StateFileLog.create(path, header));
    return;
  }
  const loaded = loadStateFile(path, settings);
  simulator.restore(loaded.header, loaded.commands);
  if (loaded.droppedTornTail) process.stderr.write(`ocp-mock: ${path}: dropped a torn last line (a command that was never acknowledged)\n`);
  simulator.attachLog(loaded.droppedTornTail ? StateFileLog.rewrite(path, loaded.header, loaded.commands) : new StateFileLog(path, loaded.header));
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
    maxTasks: config.maxTasks,
  });

  if (config.stateFile) attachStateFile(simulator, config.stateFile, config);

  const journal = new RequestJournal(config.journalSize);
  const recordExchange = exchangeRecorder(createLogger(config.logLevel, config.logFormat), journal);
  const details = new TaskDetailCache();

  const app = new Hono<AppEnv>();
  if (config.cors.length > 0) {
    app.use(
      cors({
        origin: config.cors.includes('*') ? '*' : config.cors,
        allowHeaders: ['Authorization', 'Content-Type', 'Date', SCENARIO_HEADER],
        exposeHeaders: ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
      }),
    );
  }
  app.use(requestContext(simulator));
  // Journal and log every request once it has been answered (errors included).
  app.use(async (c, next) => {
    await next();
    const url = c.req.url;
    const q = url.indexOf('?');
    recordExchange({
      at: Date.now(),
      method: c.req.method,
      path: c.req.path,
      search: q < 0 ? '' : url.slice(q),
      // Node's own header lines when there are some: building a full Request just to read them is costly.
      headers: c.env?.incoming?.rawHeaders ?? rawHeadersOf(c.req.header()),
      bodyText: c.get('bodyText'),
      user: c.get('user')?.username,
      scenario: c.get('scenario'),
      status: c.res.status,
      durationMs: Math.round(performance.now() - c.get('arrivedAt')),
      traceId: c.get('traceId'),
      taskId: c.get('createdTaskId'),
      unmatched: c.get('unmatched'),
    });
  });
  app.use(readBody(MAX_BODY_BYTES));

  const ocp = new Hono<AppEnv>();
  // Scoped to OCP's paths, so that admin routes and unknown paths never meet a scenario's faults.
  for (const path of ['/compute/*', '/tasks/*', '/time', '/info']) ocp.use(path, scenarioSelection(), requestBehaviour());
  ocp.route('/', agentRoutes(users));
  ocp.route('/', hostRoutes(users));
  ocp.route('/', taskRoutes(users, details));
  ocp.route('/', probeRoutes(users));
  // Every client uses /api/v2; the batchStopAgents page prints the path without it. Serve both.
  app.route('/api/v2', ocp);
  app.route('/', ocp);
  app.use('/__mock', adminGate(config.adminToken));
  app.use('/__mock/*', adminGate(config.adminToken));
  app.route('/__mock', adminRoutes(journal));
  // The front door of a demo: the dashboard.
  app.get('/', (c) => c.redirect('/__mock/ui', 302));

  app.notFound((c) => {
    c.set('unmatched', true);
    const nearest = c.req.path.startsWith('/__mock') ? [] : nearestRoutes(c.req.method, c.req.path);
    const hint = nearest.length ? `; nearest: ${nearest.join(', ')}` : '';
    // A path OCP serves with other methods is 405 with Allow (as Spring answers); else 404.
    const allowed = methodsFor(c.req.path);
    if (allowed.length > 0) {
      return fail(c, new OcpError(INFERRED_ERRORS.methodNotAllowed, [`${c.req.method} ${c.req.path}${hint}`], { headers: { Allow: allowed.join(', ') } }));
    }
    return fail(c, new OcpError('noSuchRoute', [`no route for ${c.req.method} ${c.req.path}${hint}`]));
  });
  app.onError((err, c) => {
    return fail(c, err instanceof OcpError ? err : unexpectedError(err));
  });
  // CORS headers are the Hono app's business: with CORS on, everything goes through it.
  const fastLane =
    config.fastLane && config.cors.length === 0 ? createFastLane({ sim: simulator, users, details, recordExchange, maxBodyBytes: MAX_BODY_BYTES }) : undefined;
  return { app, simulator, journal, fastLane };
}
