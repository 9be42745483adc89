/**
 * What an OB server can hold and what a unit takes of it: the one place the resource rule is
 * (*inferred*: OCP's pages print units and specs, not the arithmetic).
 *
 * - A server's capacity comes from its host's type (`standard-16c64g`: 16 cores, 64 GB): every
 *   core; the memory OceanBase's `memory_limit_percentage` (80) leaves, less the `system_memory`
 *   (5 GB) a cluster create's startup option reserves; a log disk three times that memory. A host
 *   type whose name says no size counts as 16 cores and 64 GB.
 * - A unit takes its minimum CPU (OceanBase lets max CPU be oversold, not min), its maximum memory
 *   and its log disk.
 * - A pool puts `unitCount` units in its zone, one per server: on the servers that are RUNNING and
 *   have the most free memory (then the lowest id), each of which must fit the unit; else the
 *   refusal names what was short on the best server (OBE19018 cores, OBE19019 bytes of memory),
 *   or, where the zone has fewer RUNNING servers than units, the unit count (OBE23001, *inferred*).
 */
import { OcpError } from '../../contract/errors.js';
import type { UnitConfig } from './fakes/unitSpecs.js';

export interface Resources {
  cpu: number;
  /** GB. */
  memory: number;
  /** GB. */
  logDisk: number;
}

export const NO_RESOURCES: Resources = Object.freeze({ cpu: 0, memory: 0, logDisk: 0 });

const SYSTEM_MEMORY_GB = 5;
const MEMORY_LIMIT_PERCENTAGE = 80;
const GB = 1024 ** 3;

/** A server's capacity, from its host type's name. */
export function serverCapacity(hostTypeName: string): Resources {
  const [cores, memory] = (/(\d+)c(\d+)g/i.exec(hostTypeName) ?? [undefined, '16', '64']).slice(1).map(Number) as [number, number];
  const usable = Math.max(0, Math.floor((memory * MEMORY_LIMIT_PERCENTAGE) / 100) - SYSTEM_MEMORY_GB);
  return { cpu: cores, memory: usable, logDisk: usable * 3 };
}

/** What one unit of `config` takes of its server. */
export function unitDemand(config: UnitConfig): Resources {
  return { cpu: config.minCpuCoreCount, memory: config.maxMemorySize, logDisk: config.logDiskSize };
}

export function add(a: Resources, b: Resources, sign = 1): Resources {
  return { cpu: a.cpu + sign * b.cpu, memory: a.memory + sign * b.memory, logDisk: a.logDisk + sign * b.logDisk };
}

const fits = (free: Resources, need: Resources) => need.cpu <= free.cpu + 1e-9 && need.memory <= free.memory + 1e-9 && need.logDisk <= free.logDisk + 1e-9;

/** A server a pool may put a unit on: its id and what it has free now. */
export interface Candidate {
  serverId: number;
  free: Resources;
}

/**
 * The servers `count` units of `need` go on, one each (see the file's comment), or the refusal.
 * `candidates`: the zone's RUNNING servers that hold no unit of the tenant yet.
 */
export function placeUnits(candidates: readonly Candidate[], count: number, need: Resources): number[] {
  const ranked = [...candidates].sort((a, b) => b.free.memory - a.free.memory || b.free.cpu - a.free.cpu || a.serverId - b.serverId);
  const chosen = ranked.filter((c) => fits(c.free, need)).slice(0, count);
  if (chosen.length === count) return chosen.map((c) => c.serverId);
  // The best server that could not take one more says what was short. None: every RUNNING server
  // could take one, there are fewer than the units asked (a server stopped): the unit count is
  // what is wrong (OBE23001, *inferred*), not the room.
  const short = ranked.find((c) => !fits(c.free, need));
  if (!short) throw new OcpError('unitCountInvalid', []);
  if (short.free.cpu + 1e-9 < need.cpu) throw new OcpError('cpuShort', [round(short.free.cpu)]);
  throw new OcpError('memoryShort', [Math.max(0, Math.floor(short.free.memory * GB)), Math.floor(need.memory * GB)]);
}

const round = (n: number) => Math.round(n * 100) / 100;
