/**
 * OCP's probes, which clients such as obdeploy call first: `GET /api/v2/time` and
 * `GET /api/v2/info`. *Inferred*: any signed-in user may call them; the shapes are in
 * src/contract/schemas.ts (OcpServerTime, OcpInfo).
 */
import { Hono } from 'hono';
import { formatOcpTime } from '../../contract/time.js';
import type { AppEnv } from '../env.js';
import { ok } from '../envelope.js';
import { OCP_ROUTES, type RouteKit } from '../ocpRoutes.js';

/** The OCP release the simulator answers as (the version of OCP's published samples and docs). */
export const OCP_BUILD_VERSION = '4.2.2-20240108105825';
const OCP_BUILD_TIME = Date.parse('2024-01-08T10:58:25+08:00');

export function probeRoutes({ sim, register }: RouteKit): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  register(app, OCP_ROUTES.time, (c, r) => ok(c, sim, r, formatOcpTime(sim.now(), sim.offsetMinutes)));
  register(app, OCP_ROUTES.info, (c, r) => ok(c, sim, r, { buildTime: formatOcpTime(OCP_BUILD_TIME, sim.offsetMinutes), buildVersion: OCP_BUILD_VERSION }));
  return app;
}
