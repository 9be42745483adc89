/**
 * A scenario's request-level behaviour, on every OCP route a request under it reaches:
 * rate limiting (429 with RateLimit-* headers), added latency, and seeded faults (a 5xx in OCP's
 * envelope, or a dropped connection). Clients must cope with a flaky poll as much as a flaky submit.
 */
import type { MiddlewareHandler } from 'hono';
import { INFERRED_ERRORS, OcpError } from '../../contract/errors.js';
import type { AppEnv } from '../env.js';

interface Window {
  start: number;
  count: number;
}

export function requestBehaviour(wallTime: () => number = Date.now): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, Window>();
  return async (c, next) => {
    const sim = c.get('sim');
    const behaviour = sim.scenario(c.get('scenario')).request;

    if (behaviour.rateLimit) {
      const { limit, windowMs } = behaviour.rateLimit;
      const now = wallTime();
      let w = windows.get(c.get('scenario'));
      if (!w || now - w.start >= windowMs) {
        w = { start: now - (now % windowMs), count: 0 };
        windows.set(c.get('scenario'), w);
      }
      w.count++;
      const reset = Math.max(1, Math.ceil((w.start + windowMs - now) / 1000));
      const headers = { 'RateLimit-Limit': String(limit), 'RateLimit-Remaining': String(Math.max(0, limit - w.count)), 'RateLimit-Reset': String(reset) };
      if (w.count > limit) {
        throw new OcpError(INFERRED_ERRORS.tooManyRequests, [`too many requests, at most ${limit} per ${windowMs} ms`], {
          headers: { ...headers, 'Retry-After': String(reset) },
        });
      }
      for (const [k, v] of Object.entries(headers)) c.header(k, v);
    }

    if (behaviour.latencyMs !== undefined) {
      const [lo, hi] = typeof behaviour.latencyMs === 'number' ? [behaviour.latencyMs, behaviour.latencyMs] : behaviour.latencyMs;
      const ms = Math.round(lo + sim.nextRequestDraw() * (hi - lo));
      if (ms > 0) await new Promise((r) => setTimeout(r, ms));
    }

    if (behaviour.faults && sim.nextRequestDraw() < behaviour.faults.rate) {
      const socket = c.env?.incoming?.socket;
      if (behaviour.faults.kind === 'drop' && socket) {
        socket.destroy();
        // The socket is gone; this response is never sent.
        return c.body(null, 500);
      }
      throw new OcpError('unknownError', ['injected fault', `scenario ${c.get('scenario')}`], { httpStatus: behaviour.faults.status });
    }
    await next();
  };
}
