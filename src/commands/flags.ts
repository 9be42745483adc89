/** Flag parsing shared by the commands: flags, else OCP_MOCK_* variables, checked with clear messages. */
import { parseArgs } from 'node:util';
import { ConfigError, type OcpMockOptions } from '../config.js';
import { type TlsSetting, tlsSetting } from './tlsFlags.js';
import { UsageError } from './usage.js';

export const FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  seed: { type: 'string' },
  tz: { type: 'string' },
  hosts: { type: 'string' },
  clusters: { type: 'string' },
  clock: { type: 'string' },
  speed: { type: 'string' },
  'start-time': { type: 'string' },
  scenario: { type: 'string' },
  'scenarios-dir': { type: 'string', multiple: true },
  'operations-dir': { type: 'string', multiple: true },
  'stubs-dir': { type: 'string', multiple: true },
  // record
  target: { type: 'string' },
  out: { type: 'string' },
  include: { type: 'string', multiple: true },
  users: { type: 'string' },
  'server-address': { type: 'string' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  'max-tasks': { type: 'string' },
  'max-upload-bytes': { type: 'string' },
  'admin-token': { type: 'string' },
  cors: { type: 'string', multiple: true },
  'state-file': { type: 'string' },
  // HTTPS
  tls: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-cert-out': { type: 'string' },
  'tls-ca': { type: 'string' },
  watch: { type: 'boolean' },
  // conform
  user: { type: 'string' },
  'base-user': { type: 'string' },
  'max-requests': { type: 'string' },
  rate: { type: 'string' },
  json: { type: 'boolean' },
  // pact verify / publish
  pact: { type: 'string', multiple: true },
  'base-url': { type: 'string' },
  'broker-url': { type: 'string' },
  'consumer-app-version': { type: 'string' },
  branch: { type: 'string' },
  token: { type: 'string' },
  'pacts-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type FlagValues = ReturnType<typeof parseFlags>['values'];

export function parseFlags(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** A flag's value, else its OCP_MOCK_* variable. */
export function setting(values: FlagValues, name: keyof typeof FLAGS): string | undefined {
  const v = values[name];
  if (typeof v === 'string') return v;
  const env = process.env[`OCP_MOCK_${name.toUpperCase().replace(/-/g, '_')}`];
  return env === undefined || env === '' ? undefined : env;
}

function wholeNumber(flag: string, text: string | undefined, accepts: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new ConfigError(flag, accepts, text);
  return Number(text);
}

/** A boolean flag's OCP_MOCK_* variable: 1/true/yes or 0/false/no (else exit 2 naming the flag). */
export function booleanVariable(flag: string, text: string | undefined): boolean {
  if (text === undefined || text === '') return false;
  if (/^(1|true|yes|on)$/i.test(text)) return true;
  if (/^(0|false|no|off)$/i.test(text)) return false;
  throw new ConfigError(flag, 'true or false (1/0, yes/no) in its variable', text);
}

export interface ServerFlags {
  options: OcpMockOptions;
  host: string;
  port: number;
  /** HTTPS, if asked for. */
  tls?: TlsSetting;
  /** Read the scenarios, operations and stubs directories again when their files change. */
  watch?: boolean;
}

/** The simulator's options from flags and variables (validated further by resolveConfig). */
export function serverFlags(values: FlagValues): ServerFlags {
  const port = wholeNumber('port', setting(values, 'port'), 'a port number from 0 to 65535') ?? 8080;
  if (port > 65535) throw new ConfigError('port', 'a port number from 0 to 65535', String(port));
  const speedText = setting(values, 'speed');
  const speed = speedText === undefined ? undefined : Number(speedText);
  if (speedText !== undefined && !Number.isFinite(speed)) throw new ConfigError('speed', 'a number > 0', speedText);
  const envDir = process.env.OCP_MOCK_SCENARIOS_DIR;
  const envOperations = process.env.OCP_MOCK_OPERATIONS_DIR;
  const envStubs = process.env.OCP_MOCK_STUBS_DIR;
  const tls = tlsSetting((name) => setting(values, name));
  const watch = values.watch === true || booleanVariable('watch', process.env.OCP_MOCK_WATCH);
  return {
    host: setting(values, 'host') ?? '127.0.0.1',
    port,
    ...(tls ? { tls } : {}),
    ...(watch ? { watch } : {}),
    options: {
      seed: wholeNumber('seed', setting(values, 'seed'), 'a whole number >= 0'),
      hosts: wholeNumber('hosts', setting(values, 'hosts'), 'a whole number from 4 to 1000000'),
      clusters: wholeNumber('clusters', setting(values, 'clusters'), 'a whole number from 3 to 10000'),
      tz: setting(values, 'tz'),
      clock: setting(values, 'clock') as OcpMockOptions['clock'],
      speed,
      startTime: setting(values, 'start-time'),
      scenario: setting(values, 'scenario'),
      scenariosDir: values['scenarios-dir'] ?? (envDir ? [envDir] : undefined),
      operationsDir: values['operations-dir'] ?? (envOperations ? [envOperations] : undefined),
      stubsDir: values['stubs-dir'] ?? (envStubs ? [envStubs] : undefined),
      usersFile: setting(values, 'users'),
      serverAddress: setting(values, 'server-address'),
      logLevel: (setting(values, 'log-level') ?? 'info') as OcpMockOptions['logLevel'],
      logFormat: setting(values, 'log-format') as OcpMockOptions['logFormat'],
      maxTasks: wholeNumber('max-tasks', setting(values, 'max-tasks'), 'a whole number from 1 to 10000000'),
      maxUploadBytes: wholeNumber('max-upload-bytes', setting(values, 'max-upload-bytes'), 'a whole number of bytes from 1024 to 2147483648'),
      adminToken: setting(values, 'admin-token'),
      cors: values.cors ?? (process.env.OCP_MOCK_CORS ? process.env.OCP_MOCK_CORS.split(',') : undefined),
      stateFile: setting(values, 'state-file'),
    },
  };
}
