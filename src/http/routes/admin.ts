/**
 * The control plane beside the OCP API (WireMock's admin routes, in spirit): the clock, the
 * scenarios, stubs, reset and health. Answers are plain JSON; errors use OCP's envelope like the rest.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Context, Hono } from 'hono';
import { OcpError } from '../../contract/errors.js';
import { invalidParam } from '../../contract/paging.js';
import { jsonObjectBody } from '../../contract/requests.js';
import { formatOcpTime } from '../../contract/time.js';
import { ProviderStateError, ProviderStateRequest, setUpProviderState } from '../../simulator/providerStates.js';
import type { StubChanges } from '../../simulator/stubChanges.js';
import { parseStub } from '../../stubs/loader.js';
import type { Stub } from '../../stubs/registry.js';
import { SHIPPED_PACTS_DIR, shippedPactFiles } from '../../util/pactFiles.js';
import type { AppEnv } from '../env.js';
import type { RequestJournal } from '../journal.js';
import type { DocumentedCall } from '../openapi/document.js';
import { swaggerUiRoutes } from '../openapi/swaggerUi.js';
import type { RequestPolicies } from '../requestPolicy.js';
import { stubRouteSpec } from '../stubs.js';
import { journalRoutes } from '../verify/routes.js';
import { uiRoutes } from './ui.js';

/** The most one advance may move the clock: ten years. */
const MAX_ADVANCE_MS = 10 * 365 * 86_400_000;

/** An admin request's JSON object body (else OCP's 400 naming it). */
const jsonBody = (text: string) => jsonObjectBody(text, 'mockAdminRequest');

/** A stub as `GET /__mock/stubs` lists it. */
function describeStub(s: Stub) {
  const want = s.decl.request;
  return {
    id: s.id,
    source: s.file ?? 'run time',
    method: s.method,
    path: s.path,
    ...(want.query ? { query: want.query } : {}),
    ...(want.headers ? { headers: want.headers } : {}),
    ...(want.scenario ? { scenario: want.scenario } : {}),
    permission: s.decl.permission ?? null,
    answers: s.answers.length,
    answered: s.answered,
  };
}

export function adminRoutes(
  journal: RequestJournal,
  policies: RequestPolicies,
  stubChanges: StubChanges,
  watchHealth: () => object | undefined = () => undefined,
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const stubs = stubChanges.registry;
  const bodyText = (c: Context<AppEnv>) => c.get('state').body ?? '';
  const clockInfo = (c: Context<AppEnv>) => {
    const sim = c.get('sim');
    const info = sim.world.clock.info();
    return { mode: info.mode, now: formatOcpTime(info.now, sim.offsetMinutes), nowEpochMs: info.now, speed: info.speed };
  };

  app.get('/health', (c) => {
    // With --watch: what was reloaded, and the problems of a refused reload (the last good set serving).
    const watch = watchHealth();
    return c.json(watch ? { status: 'UP', watch } : { status: 'UP' });
  });
  // Loaded on first use (@hono/zod-openapi costs ~100 ms at start-up), then kept until the stubs change.
  // (and until the calls change: --watch replaces the declarations of the user's operations)
  let document: { version: number; calls: number; doc: object } | undefined;
  app.get('/openapi.json', async (c) => {
    if (document?.version !== stubs.version || document.calls !== c.get('sim').callsVersion) {
      const served: DocumentedCall[] = c.get('sim').calls.map(({ name, decl }) => ({ ...decl, name }));
      const calls = [...served, ...stubs.list().flatMap((s) => stubRouteSpec(s, served) ?? [])];
      document = { version: stubs.version, calls: c.get('sim').callsVersion, doc: (await import('../openapi/document.js')).openApiDocument(calls) };
    }
    return c.json(document.doc);
  });
  // Stubs: those in force; one or more added at run time (a stub, or {"stubs": [...]}, as a file holds); one removed.
  app.get('/stubs', (c) => c.json({ stubs: stubs.list().map(describeStub) }));
  app.post('/stubs', (c) => {
    const body = jsonBody(bodyText(c)) as Record<string, unknown>;
    const items = Array.isArray(body.stubs) && Object.keys(body).length === 1 ? (body.stubs as unknown[]) : [body];
    const parsed = items.map((item, i) => parseStub(item, items.length > 1 || body.stubs ? `stubs[${i}].` : ''));
    const problems = parsed.flatMap((p) => p.problems);
    if (problems.length > 0) {
      throw new OcpError('invalidParameter', ['stub'], {
        subErrors: problems.slice(0, 20).map((p) => {
          const colon = p.indexOf(': ');
          return { object: 'stub', field: colon < 0 ? 'stub' : p.slice(0, colon), message: colon < 0 ? p : p.slice(colon + 2) };
        }),
      });
    }
    const added = parsed.map((p) => {
      const decl = p.decl as NonNullable<typeof p.decl>;
      return stubChanges.add(decl.name ?? stubs.freeId(`stub-${decl.request.method.toLowerCase()}`), decl);
    });
    return c.json({ stubs: added.map(describeStub) }, 201);
  });
  app.delete('/stubs/:id', (c) => {
    const id = c.req.param('id');
    if (!stubChanges.remove(id)) throw new OcpError('noRecords', ['stub', `id=${id}`]);
    return c.json({ removed: id });
  });
  app.route('/docs', swaggerUiRoutes());
  app.route('/ui', uiRoutes(stubChanges));
  app.get('/clock', (c) => c.json(clockInfo(c)));
  app.post('/clock/advance', async (c) => {
    const body = jsonBody(bodyText(c));
    const ms = body.ms;
    if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_ADVANCE_MS) {
      throw invalidParam('ms', ms, `must be an integer number of milliseconds from 0 to ${MAX_ADVANCE_MS}`, 'mockAdminRequest');
    }
    c.get('sim').advanceClock(ms);
    return c.json(clockInfo(c));
  });
  app.post('/clock/speed', async (c) => {
    const body = jsonBody(bodyText(c));
    const speed = body.speed;
    if (c.get('sim').world.clock.info().mode === 'manual') {
      throw invalidParam('speed', speed, 'the clock is manual (started with --clock manual): advance it instead', 'mockAdminRequest');
    }
    if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0 || speed > 1_000_000) {
      throw invalidParam('speed', speed, 'must be a number > 0 (simulated seconds per real second), at most 1000000', 'mockAdminRequest');
    }
    c.get('sim').world.clock.setSpeed(speed);
    return c.json(clockInfo(c));
  });
  app.get('/scenarios', (c) => {
    const sim = c.get('sim');
    return c.json({
      default: sim.defaultScenario,
      scenarios: sim.scenarios.list().map((l) => ({ name: l.scenario.name, description: l.scenario.description, file: l.file })),
    });
  });
  app.get('/scenario', (c) => c.json({ name: c.get('sim').defaultScenario }));
  app.put('/scenario', async (c) => {
    const body = jsonBody(bodyText(c));
    if (typeof body.name !== 'string') throw invalidParam('name', body.name, 'must be a scenario name', 'mockAdminRequest');
    c.get('sim').setDefaultScenario(body.name);
    return c.json({ name: c.get('sim').defaultScenario });
  });
  // Pact's provider-state change endpoint (providerStatesSetupUrl): states are scenario names.
  app.post('/provider-states', async (c) => {
    const parsed = ProviderStateRequest.safeParse(jsonBody(bodyText(c)));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'requestBody';
      throw invalidParam(
        field,
        undefined,
        `${issue?.message ?? 'invalid'}; params are hostIds (array of host ids), taskStatus (RUNNING, FAILED, SUCCESSFUL) operation (batchStopAgents, stopAgent, restartAgent, batchRestartAgents), regions, idcs and hostTypes (names to create)`,
        'providerState',
      );
    }
    const { state, params, action } = parsed.data;
    if (action === 'teardown') return c.json({});
    try {
      return c.json(setUpProviderState(c.get('sim'), state, params ?? {}));
    } catch (e) {
      if (e instanceof ProviderStateError) throw invalidParam('state', state, e.message, 'providerState');
      throw e;
    }
  });
  // The published consumer contracts, e.g. for `pact stub --url .../__mock/pacts/<file>`.
  app.get('/pacts', (c) => {
    const base = new URL(c.req.url);
    return c.json({ pacts: shippedPactFiles().map((name) => ({ name, url: `${base.origin}/__mock/pacts/${name}` })) });
  });
  app.get('/pacts/:name', (c) => {
    const name = c.req.param('name');
    if (!shippedPactFiles().includes(name)) throw new OcpError('noSuchRoute', [`no pact file ${name}; see /__mock/pacts`]);
    return c.body(readFileSync(join(SHIPPED_PACTS_DIR, name), 'utf8'), 200, { 'content-type': 'application/json' });
  });
  app.route('/requests', journalRoutes(journal));
  app.delete('/requests', (c) => {
    journal.clear();
    return c.json({ cleared: true });
  });
  app.post('/reset', (c) => {
    // The files' stubs stay (each from its first answer again); those added at run time go.
    c.get('sim').reset();
    journal.clear();
    policies.reset();
    return c.json({ reset: true, scenario: c.get('sim').defaultScenario, hosts: c.get('sim').hosts().length });
  });
  return app;
}
