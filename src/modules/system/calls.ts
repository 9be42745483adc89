/**
 * OCP's health module (ocp-docs overview, "health examination"): `GET /api/v2/time` and
 * `GET /api/v2/info`, which clients such as obdeploy call first. *Inferred*: any signed-in user may
 * call them; the shapes are in src/contract/schemas.ts (OcpServerTime, OcpInfo).
 */
import { OcpInfo, OcpServerTime } from '../../contract/schemas.js';
import { formatOcpTime } from '../../contract/time.js';
import { defineCall } from '../../core/call.js';
import type { World } from '../../core/world.js';

/** The OCP release the simulator answers as (the version of OCP's published samples and docs). */
export const OCP_BUILD_VERSION = '4.2.2-20240108105825';
const OCP_BUILD_TIME = Date.parse('2024-01-08T10:58:25+08:00');

const call = defineCall<World>();

export const SYSTEM_CALLS = {
  time: call({
    routeId: 'time',
    method: 'get',
    path: '/time',
    summary: "The server's current time (a probe)",
    tag: 'Probes',
    data: OcpServerTime,
    handle: (world) => ({ data: formatOcpTime(world.now(), world.offsetMinutes) }),
  }),
  info: call({
    routeId: 'info',
    method: 'get',
    path: '/info',
    summary: 'The OCP version (a probe)',
    tag: 'Probes',
    data: OcpInfo,
    handle: (world) => ({ data: { buildTime: formatOcpTime(OCP_BUILD_TIME, world.offsetMinutes), buildVersion: OCP_BUILD_VERSION } }),
  }),
};
