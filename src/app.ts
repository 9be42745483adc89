/**
 * Builds the ocp-mock HTTP app from options. Never listens: src/cli.ts and src/index.ts do.
 *
 * One request path: every request goes through this Hono app. OCP's routes answer through their
 * gate (src/http/gate.ts), the control plane (/__mock) through its middleware, and anything else
 * through `notFound`; each records its exchange once.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { ConfigError, type OcpMockOptions, resolveConfig } from './config.js';
import { INFERRED_ERRORS, OcpError } from './contract/errors.js';
import { routeShape } from './core/call.js';
import { createClock } from './core/clock.js';
import { DEFAULT_USERS, loadUsersFile, UserDirectory } from './http/auth.js';
import { methodsServing, ocpApi } from './http/calls.js';
import type { AppEnv } from './http/env.js';
import { Envelope } from './http/envelope.js';
import { exchangeRecorder } from './http/exchanges.js';
import { OcpGate } from './http/gate.js';
import { nearestRoutes, RequestJournal } from './http/journal.js';
import { adminGate } from './http/middleware/adminGate.js';
import { MAX_BODY_BYTES, readBody } from './http/requestBody.js';
import { RequestPolicies } from './http/requestPolicy.js';
import { pathOf, SCENARIO_HEADER } from './http/requestState.js';
import { adminRoutes } from './http/routes/admin.js';
import { StubAnswers } from './http/stubs.js';
import { createLogger, type Logger } from './log/logger.js';
import { loadOperationDirs } from './modules/agent/index.js';
import { CALLS, scenarioVocabulary } from './modules/index.js';
import { loadScenarioDirs, SHIPPED_SCENARIOS_DIR } from './scenarios/loader.js';
import { ScenarioRegistry } from './scenarios/registry.js';
import { Simulator } from './simulator/simulator.js';
import { StubChanges } from './simulator/stubChanges.js';
import { loadStubDirs } from './stubs/loader.js';
import { StubRegistry } from './stubs/registry.js';
import { ConfigReloader } from './watch/reload.js';

export { MAX_BODY_BYTES };

export interface OcpMock {
  app: Hono<AppEnv>;
  simulator: Simulator;
  journal: RequestJournal;
  logger: Logger;
  /** The stubs in force (the files', and those added at run time). */
  stubs: StubRegistry;
  /** Reads the scenarios, operations and stubs directories again (`--watch`). */
  reloader: ConfigReloader;
}

/** Builds the app and the simulator behind it. Throws ConfigError or ScenarioLoadError on bad options. */
export function buildOcpMock(options: OcpMockOptions = {}): OcpMock {
  const config = resolveConfig(options);
  // Operations first: scenarios may name their nodes.
  const userOperations = loadOperationDirs(
    config.operationsDirs,
    Object.values(CALLS).map((call) => routeShape(call.path)),
  );
  const scenarios = new ScenarioRegistry(loadScenarioDirs([SHIPPED_SCENARIOS_DIR, ...config.scenariosDirs], scenarioVocabulary(userOperations)));
  if (!scenarios.has(config.scenario)) throw new ConfigError('scenario', `one of ${scenarios.names().join(', ')}`, config.scenario);
  const stubs = new StubRegistry(loadStubDirs(config.stubsDirs));
  const users = new UserDirectory(config.usersFile ? loadUsersFile(config.usersFile) : DEFAULT_USERS);
  const simulator = new Simulator({
    seed: config.seed,
    hostCount: config.hosts,
    clusterCount: config.clusters,
    offsetMinutes: config.offsetMinutes,
    clock: createClock({ mode: config.clock, speed: config.speed, start: config.startTime }),
    scenarios,
    defaultScenario: config.scenario,
    serverAddress: config.serverAddress,
    maxTasks: config.maxTasks,
    operations: userOperations,
  });

  const stubChanges = new StubChanges(simulator.world, stubs);
  if (config.stateFile) {
    simulator.attachStateFile(config.stateFile, {
      seed: config.seed,
      hosts: config.hosts,
      ...(config.clusters !== 3 ? { clusters: config.clusters } : {}),
      offsetMinutes: config.offsetMinutes,
      clockMode: config.clock,
      speed: simulator.world.clock.info().speed,
    });
  }

  const journal = new RequestJournal(config.journalSize, config.journalBytes);
  const logger = createLogger(config.logLevel, config.logFormat);
  const policies = new RequestPolicies(scenarios.list().map((l) => l.scenario));
  const envelope = new Envelope(simulator.world);
  const gate = new OcpGate({
    world: simulator.world,
    envelope,
    users,
    policies,
    recordExchange: exchangeRecorder(logger, journal),
    maxBodyBytes: MAX_BODY_BYTES,
    maxUploadBytes: config.maxUploadBytes,
  });
  const stubAnswers = new StubAnswers(stubs, gate, simulator.world, envelope, simulator.templateWorld());
  const methodsFor = methodsServing(simulator.calls);
  const served = simulator.calls.map(({ decl }) => ({ method: decl.method, path: decl.path }));
  const reloader = new ConfigReloader({ config, simulator, scenarios, policies, stubs });

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

  const ocp = ocpApi(simulator.calls, gate, envelope);
  // Every client uses /api/v2; the batchStopAgents page prints the path without it. Serve both.
  app.route('/api/v2', ocp);
  app.route('/', ocp);

  // '/__mock/*' takes '/__mock' itself too.
  app.use('/__mock/*', gate.controlPlane(), adminGate(config.adminToken, config.adminLoopbackOpen), (c, next) => {
    c.set('sim', simulator);
    return next();
  });
  app.route(
    '/__mock',
    adminRoutes(journal, policies, stubChanges, () => reloader.health()),
  );
  // The front door of a demo: the dashboard.
  app.get('/', (c) =>
    gate.settle(c, gate.begin(c), () => {
      // The dashboard URL printed with a generated admin token points here: the token goes along.
      const token = c.req.query('adminToken');
      return c.redirect(token ? `/__mock/ui?adminToken=${encodeURIComponent(token)}` : '/__mock/ui', 302);
    }),
  );

  app.notFound(async (c) => {
    // A stub of a path the simulator does not serve (OCP's clusters, tenants, alarms, ...).
    const stub = c.get('state') ? undefined : stubAnswers.find(c);
    if (stub) return stub(c);
    const r = gate.stateOf(c);
    r.unmatched = true;
    const path = pathOf(r);
    const journaled = !path.startsWith('/__mock');
    // Named before the body is read: a body over the limit still leaves a journal entry that names them.
    const nearest = journaled ? nearestRoutes(r.method, path, served, stubs.nearMissCandidates()) : [];
    r.nearest = nearest;
    const refuse = (): never => {
      const hint = nearest.length ? `; nearest: ${nearest.join(', ')}` : '';
      // A path OCP serves with other methods is 405 with Allow (as Spring answers); else 404.
      const allowed = methodsFor(path);
      if (allowed.length > 0) {
        throw new OcpError(INFERRED_ERRORS.methodNotAllowed, [`${r.method} ${path}${hint}`], { headers: { Allow: allowed.join(', ') } });
      }
      throw new OcpError('noSuchRoute', [`no route for ${r.method} ${path}${hint}`]);
    };
    // Under /__mock the control plane's middleware records it.
    if (!journaled) {
      try {
        return refuse();
      } catch (e) {
        return gate.fail(c, r, e);
      }
    }
    const readFirst = r.method !== 'GET' && r.method !== 'HEAD' && r.body === undefined;
    return gate.settle(c, r, () => (readFirst ? readBody(c, r, MAX_BODY_BYTES).then(refuse) : refuse()));
  });
  app.onError((err, c) => gate.fail(c, gate.stateOf(c), err));
  return { app, simulator, journal, logger, stubs, reloader };
}
