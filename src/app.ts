/**
 * Builds the ocp-mock HTTP app from options. Never listens: src/cli.ts and src/index.ts do.
 *
 * One request path: every request goes through this Hono app. OCP's routes answer through their
 * gate (src/http/gate.ts), the control plane (/__mock) through its middleware, and anything else
 * through `notFound`; each records its exchange once.
 */
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { createClock } from './clock/clock.js';
import { ConfigError, type OcpMockOptions, type ResolvedConfig, resolveConfig } from './config.js';
import { INFERRED_ERRORS, OcpError } from './contract/errors.js';
import { NODE_NAMES, OPERATION_IDS } from './engine/operations.js';
import { DEFAULT_USERS, loadUsersFile, UserDirectory } from './http/auth.js';
import type { AppEnv } from './http/env.js';
import { exchangeRecorder } from './http/exchanges.js';
import { OcpGate } from './http/gate.js';
import { nearestRoutes, RequestJournal } from './http/journal.js';
import { adminGate } from './http/middleware/adminGate.js';
import { honoPath, methodsFor, OCP_ROUTES, type RouteKit } from './http/ocpRoutes.js';
import { MAX_BODY_BYTES, readBody } from './http/requestBody.js';
import { RequestPolicies } from './http/requestPolicy.js';
import { pathOf, SCENARIO_HEADER } from './http/requestState.js';
import { adminRoutes } from './http/routes/admin.js';
import { agentRoutes } from './http/routes/agents.js';
import { hostRoutes } from './http/routes/hosts.js';
import { inventoryRoutes } from './http/routes/inventory.js';
import { probeRoutes } from './http/routes/probes.js';
import { taskRoutes } from './http/routes/tasks.js';
import { StubAnswers } from './http/stubs.js';
import { createLogger, type Logger } from './log/logger.js';
import { loadOperationDirs } from './operations/userOperations.js';
import { loadScenarioDirs, SHIPPED_SCENARIOS_DIR } from './scenarios/loader.js';
import { ScenarioRegistry } from './scenarios/registry.js';
import type { ScenarioVocabulary } from './scenarios/schema.js';
import { Simulator } from './simulator/simulator.js';
import { loadStateFile, STATE_FORMAT, STATE_VERSION, StateFileLog, stateFileExists } from './store/stateFile.js';
import { loadStubDirs, parseStub } from './stubs/loader.js';
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
    simulator.attachLog(StateFileLog.create(path, header), header);
    return;
  }
  const loaded = loadStateFile(path, settings);
  simulator.restore(loaded.header, loaded.commands);
  if (loaded.droppedTornTail) process.stderr.write(`ocp-mock: ${path}: dropped a torn last line (a command that was never acknowledged)\n`);
  const log = loaded.droppedTornTail ? StateFileLog.rewrite(path, loaded.header, loaded.commands) : new StateFileLog(path, loaded.header);
  simulator.attachLog(log, loaded.header, loaded.commands.length);
}

/**
 * Stubs added or removed at run time go in the state file like everything else a user did: each
 * change as a command, replayed through the registry at start (without being written again), a
 * reset as the file's reset, and a compaction as what differs from the files now.
 */
function keepStubsInStateFile(stubs: StubRegistry, simulator: Simulator): void {
  let replaying = false;
  stubs.onRuntimeChange = (change) => {
    if (!replaying) simulator.appendCommand({ c: 'stub', ...change });
  };
  simulator.useExtension({
    apply(command) {
      replaying = true;
      try {
        if (command.c === 'reset') stubs.reset();
        else if (command.c === 'stub' && command.action === 'remove') stubs.remove(command.id);
        else if (command.c === 'stub') {
          // Validated when it was added; checked again, so a file edited by hand cannot smuggle one in.
          const { decl, problems } = parseStub(command.decl);
          if (!decl) throw new Error(`stub ${command.id}: ${problems.join('; ')}`);
          stubs.add(command.id, decl);
        }
      } finally {
        replaying = false;
      }
    },
    live: () => stubs.runtimeChanges().map((change) => ({ c: 'stub', ...change })),
    liveBound: () => stubs.size + stubs.fileCount,
  });
}

/** Builds the app and the simulator behind it. Throws ConfigError or ScenarioLoadError on bad options. */
export function buildOcpMock(options: OcpMockOptions = {}): OcpMock {
  const config = resolveConfig(options);
  // Operations first: scenarios may name their nodes.
  const userOperations = loadOperationDirs(
    config.operationsDirs,
    Object.values(OCP_ROUTES).map((spec) => spec.path.replace(/\{\w+\}/g, '{}')),
  );
  const vocabulary: ScenarioVocabulary = {
    nodeNames: [...new Set([...NODE_NAMES, ...userOperations.flatMap((op) => Object.values(op.templates).map((t) => t.name))])],
    operationIds: [...OPERATION_IDS, ...userOperations.map((op) => op.id)],
  };
  const scenarios = new ScenarioRegistry(loadScenarioDirs([SHIPPED_SCENARIOS_DIR, ...config.scenariosDirs], vocabulary));
  if (!scenarios.has(config.scenario)) throw new ConfigError('scenario', `one of ${scenarios.names().join(', ')}`, config.scenario);
  const stubs = new StubRegistry(loadStubDirs(config.stubsDirs));
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
    operations: userOperations,
  });

  keepStubsInStateFile(stubs, simulator);
  if (config.stateFile) attachStateFile(simulator, config.stateFile, config);

  const journal = new RequestJournal(config.journalSize, config.journalBytes);
  const logger = createLogger(config.logLevel, config.logFormat);
  const policies = new RequestPolicies(scenarios.list().map((l) => l.scenario));
  const reloader = new ConfigReloader({ config, simulator, scenarios, policies, stubs });
  const gate = new OcpGate({ sim: simulator, users, policies, recordExchange: exchangeRecorder(logger, journal), maxBodyBytes: MAX_BODY_BYTES });
  const stubAnswers = new StubAnswers(stubs, gate, simulator);

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

  const kit: RouteKit = {
    sim: simulator,
    register: (routes, spec, handler) => {
      routes.on(spec.method.toUpperCase(), honoPath(spec), gate.route(spec, handler));
    },
  };
  const ocp = new Hono<AppEnv>();
  ocp.route('/', agentRoutes(kit));
  ocp.route('/', hostRoutes(kit));
  ocp.route('/', inventoryRoutes(kit));
  ocp.route('/', taskRoutes(kit));
  ocp.route('/', probeRoutes(kit));
  // Every client uses /api/v2; the batchStopAgents page prints the path without it. Serve both.
  app.route('/api/v2', ocp);
  app.route('/', ocp);

  // '/__mock/*' takes '/__mock' itself too.
  app.use('/__mock/*', gate.controlPlane(), adminGate(config.adminToken, config.adminLoopbackOpen));
  app.route(
    '/__mock',
    adminRoutes(journal, policies, stubs, () => reloader.health()),
  );
  // The front door of a demo: the dashboard.
  app.get('/', (c) => {
    const r = gate.begin(c);
    // The dashboard URL printed with a generated admin token points here: the token goes along.
    const token = c.req.query('adminToken');
    const target = token ? `/__mock/ui?adminToken=${encodeURIComponent(token)}` : '/__mock/ui';
    return gate.finish(r, c.redirect(target, 302), true);
  });

  app.notFound(async (c) => {
    // A stub of a path the simulator does not serve (OCP's clusters, tenants, alarms, ...).
    const stub = c.get('state') ? undefined : stubAnswers.find(c);
    if (stub) return stub(c);
    const r = gate.stateOf(c);
    r.unmatched = true;
    const path = pathOf(r);
    const journaled = !path.startsWith('/__mock');
    try {
      if (journaled && r.method !== 'GET' && r.method !== 'HEAD' && r.body === undefined) await readBody(c, r, MAX_BODY_BYTES);
      const nearest = journaled ? nearestRoutes(r.method, path, stubs.nearMissCandidates()) : [];
      r.nearest = nearest;
      const hint = nearest.length ? `; nearest: ${nearest.join(', ')}` : '';
      // A path OCP serves with other methods is 405 with Allow (as Spring answers); else 404.
      const allowed = methodsFor(path);
      if (allowed.length > 0) {
        throw new OcpError(INFERRED_ERRORS.methodNotAllowed, [`${r.method} ${path}${hint}`], { headers: { Allow: allowed.join(', ') } });
      }
      throw new OcpError('noSuchRoute', [`no route for ${r.method} ${path}${hint}`]);
    } catch (e) {
      const res = gate.fail(c, r, e);
      // Under /__mock the control plane's middleware records it.
      return journaled ? gate.finish(r, res, true) : res;
    }
  });
  app.onError((err, c) => gate.fail(c, gate.stateOf(c), err));
  return { app, simulator, journal, logger, stubs, reloader };
}
