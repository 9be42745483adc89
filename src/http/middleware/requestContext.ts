/**
 * Every request gets a trace id (16 hex, from the seeded stream), its arrival instant, the
 * caller's language and the scenario it runs under (`X-OCP-Mock-Scenario`, else the default).
 */
import type { MiddlewareHandler } from 'hono';
import type { Language } from '../../contract/errors.js';
import type { Simulator } from '../../simulator/simulator.js';
import type { AppEnv } from '../env.js';

export const SCENARIO_HEADER = 'X-OCP-Mock-Scenario';

export function languageOf(acceptLanguage: string | undefined): Language {
  return acceptLanguage && /^\s*zh\b/i.test(acceptLanguage) ? 'zh' : 'en';
}

export function requestContext(sim: Simulator): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('arrivedAt', performance.now());
    c.set('sim', sim);
    c.set('traceId', sim.nextTraceId());
    c.set('language', languageOf(c.req.header('accept-language')));
    c.set('scenario', sim.defaultScenario);
    await next();
  };
}

/** Resolves the per-request scenario header (unknown name: 400 listing the known ones). */
export function scenarioSelection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requested = c.req.header(SCENARIO_HEADER);
    if (requested !== undefined) {
      c.get('sim').scenarios.get(requested.trim(), SCENARIO_HEADER);
      c.set('scenario', requested.trim());
    }
    await next();
  };
}
