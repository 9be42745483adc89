/**
 * ocp-mock's settings, validated in one place (fail fast, say which setting and what it takes).
 * The CLI fills them from flags and OCP_MOCK_* variables; the programmatic API from its options.
 */
import { parseOffset } from './contract/time.js';
import { LOG_LEVELS, type LogFormat, type LogLevel } from './log/logger.js';
import { DEFAULT_HOSTS, MIN_HOSTS } from './modules/compute/index.js';
import { DEFAULT_CLUSTERS } from './modules/obCluster/index.js';

/** Default bound of the request journal in bytes. */

/** *inferred*: a bound on an upload's body (read whole into memory; OCP's rpms are tens of MB), `--max-upload-bytes`. */
export const DEFAULT_MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
export const JOURNAL_MAX_BYTES = 32 * 1024 * 1024;

export interface OcpMockOptions {
  /** Seed for every id, host and duration (default 1). */
  seed?: number;
  /** How many hosts the inventory holds (default 12, at least 4). */
  hosts?: number;
  /** How many OB clusters are seeded (default 3, the documented ones; more are laid out on free hosts while there are any). */
  clusters?: number;
  /** The server's UTC offset for every time it prints (default "+08:00", as in OCP's samples). */
  tz?: string;
  /** `real` (default) follows wall time; `manual` holds still until advanced. */
  clock?: 'real' | 'manual';
  /** With the real clock: simulated seconds per wall second (default 1). */
  speed?: number;
  /** The simulated instant to start at (epoch ms or ISO-8601; default: now). */
  startTime?: number | string;
  /** The default scenario (default "success"). */
  scenario?: string;
  /** Folders of extra scenario files, loaded after the shipped ones. */
  scenariosDir?: string | string[];
  /** Folders of operation files of your own (YAML or JSON), beside the shipped operations. */
  operationsDir?: string | string[];
  /** Stub files (YAML or JSON): calls answered as the files say, before anything simulated. */
  stubsDir?: string | string[];
  /** A JSON users file replacing the built-in users. */
  usersFile?: string;
  /** The address printed as `server` and `executor` (default: an inner IP drawn from the seed). */
  serverAddress?: string;
  /** One line per request on stderr at `info`; `silent` for none (default: info for the CLI, silent from code). */
  logLevel?: LogLevel;
  /** `pretty` (default) or `json` lines. */
  logFormat?: LogFormat;
  /** How many requests the journal keeps (default 1000). */
  journalSize?: number;
  /** How many bytes the journal keeps at most, about (default 32 MiB; a body over 64 KiB is kept truncated). */
  journalBytes?: number;
  /** Tasks kept; beyond it the oldest finished ones go (default 100000). */
  maxTasks?: number;
  /** The largest software package an upload may send, multipart framing included (default 64 MiB). */
  maxUploadBytes?: number;
  /** Without it /__mock/* answers loopback callers only; with it, only callers that present it. */
  adminToken?: string;
  /** With `adminToken`: loopback callers need no token (what the CLI does with a token it made for the run). */
  adminLoopbackOpen?: boolean;
  /** Origins allowed by CORS (default: none, CORS off). */
  cors?: string[];
  /** Keep every acknowledged command in this file and rebuild from it at start. */
  stateFile?: string;
}

export interface ResolvedConfig {
  seed: number;
  hosts: number;
  clusters: number;
  offsetMinutes: number;
  tz: string;
  clock: 'real' | 'manual';
  speed: number;
  startTime: number | undefined;
  scenario: string;
  scenariosDirs: string[];
  operationsDirs: string[];
  stubsDirs: string[];
  usersFile: string | undefined;
  serverAddress: string | undefined;
  logLevel: LogLevel;
  logFormat: LogFormat;
  journalSize: number;
  journalBytes: number;
  maxTasks: number;
  maxUploadBytes: number;
  adminToken: string | undefined;
  adminLoopbackOpen: boolean;
  cors: string[];
  stateFile: string | undefined;
}

/** A setting that is not acceptable: names it (as a flag) and what it accepts. */
export class ConfigError extends Error {
  constructor(
    readonly setting: string,
    readonly accepts: string,
    readonly got: unknown,
  ) {
    super(`--${setting}: expected ${accepts}, got ${JSON.stringify(got)}`);
    this.name = 'ConfigError';
  }
}

export function resolveConfig(o: OcpMockOptions = {}): ResolvedConfig {
  const seed = o.seed ?? 1;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new ConfigError('seed', 'a whole number >= 0', o.seed);
  const hosts = o.hosts ?? DEFAULT_HOSTS;
  if (!Number.isInteger(hosts) || hosts < MIN_HOSTS || hosts > 1_000_000) {
    throw new ConfigError('hosts', `a whole number from ${MIN_HOSTS} (the documented hosts 2, 20, 1001, 1002) to 1000000`, o.hosts);
  }
  const clusters = o.clusters ?? DEFAULT_CLUSTERS;
  if (!Number.isInteger(clusters) || clusters < DEFAULT_CLUSTERS || clusters > 10_000) {
    throw new ConfigError('clusters', `a whole number from ${DEFAULT_CLUSTERS} (the documented clusters) to 10000`, o.clusters);
  }
  const tz = o.tz ?? '+08:00';
  const offsetMinutes = parseOffset(tz);
  if (offsetMinutes === undefined) throw new ConfigError('tz', 'a UTC offset such as +08:00, -05:00 or Z', o.tz);
  const clock = o.clock ?? 'real';
  if (clock !== 'real' && clock !== 'manual') throw new ConfigError('clock', '"real" or "manual"', o.clock);
  const speed = o.speed ?? 1;
  if (typeof speed !== 'number' || !Number.isFinite(speed) || speed <= 0 || speed > 1_000_000) {
    throw new ConfigError('speed', 'a number > 0 (simulated seconds per real second), at most 1000000', o.speed);
  }
  let startTime: number | undefined;
  if (o.startTime !== undefined) {
    startTime = typeof o.startTime === 'number' ? o.startTime : Date.parse(o.startTime);
    if (!Number.isFinite(startTime)) throw new ConfigError('start-time', 'an ISO-8601 instant such as 2021-09-03T15:01:10+08:00', o.startTime);
  }
  const scenario = o.scenario ?? 'success';
  const scenariosDirs = o.scenariosDir === undefined ? [] : Array.isArray(o.scenariosDir) ? o.scenariosDir : [o.scenariosDir];
  const operationsDirs = o.operationsDir === undefined ? [] : Array.isArray(o.operationsDir) ? o.operationsDir : [o.operationsDir];
  const stubsDirs = o.stubsDir === undefined ? [] : Array.isArray(o.stubsDir) ? o.stubsDir : [o.stubsDir];
  const logLevel = o.logLevel ?? 'silent';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('log-level', LOG_LEVELS.join(', '), o.logLevel);
  const logFormat = o.logFormat ?? 'pretty';
  if (logFormat !== 'pretty' && logFormat !== 'json') throw new ConfigError('log-format', '"pretty" or "json"', o.logFormat);
  const journalSize = o.journalSize ?? 1000;
  if (!Number.isInteger(journalSize) || journalSize < 0 || journalSize > 1_000_000)
    throw new ConfigError('journal-size', 'a whole number from 0 to 1000000', o.journalSize);
  const journalBytes = o.journalBytes ?? JOURNAL_MAX_BYTES;
  if (!Number.isInteger(journalBytes) || journalBytes < 0) throw new ConfigError('journal-bytes', 'a whole number of bytes >= 0', o.journalBytes);
  const maxTasks = o.maxTasks ?? 100_000;
  if (!Number.isInteger(maxTasks) || maxTasks < 1 || maxTasks > 10_000_000) throw new ConfigError('max-tasks', 'a whole number from 1 to 10000000', o.maxTasks);
  const maxUploadBytes = o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (!Number.isInteger(maxUploadBytes) || maxUploadBytes < 1024 || maxUploadBytes > 2 ** 31)
    throw new ConfigError('max-upload-bytes', 'a whole number of bytes from 1024 to 2147483648', o.maxUploadBytes);
  if (o.adminToken !== undefined && o.adminToken.length < 8) throw new ConfigError('admin-token', 'a token of at least 8 characters', '(hidden)');
  const cors = o.cors ?? [];
  for (const origin of cors) {
    if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) throw new ConfigError('cors', 'an origin such as http://localhost:3000 (or *)', origin);
  }
  return {
    seed,
    hosts,
    clusters,
    offsetMinutes,
    tz,
    clock,
    speed,
    startTime,
    scenario,
    scenariosDirs,
    operationsDirs,
    stubsDirs,
    usersFile: o.usersFile,
    serverAddress: o.serverAddress,
    logLevel,
    logFormat,
    journalSize,
    journalBytes,
    maxTasks,
    maxUploadBytes,
    adminToken: o.adminToken,
    adminLoopbackOpen: o.adminLoopbackOpen ?? false,
    cors,
    stateFile: o.stateFile,
  };
}
