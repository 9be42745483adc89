#!/usr/bin/env node
import { parseArgs } from 'node:util';
/**
 * The `ocp-mock` command: parses flags (or OCP_MOCK_* variables), loads scenarios, listens, and
 * prints one line with its base URL. Subcommands: `scenarios list`, `scenarios validate [dir]`.
 * A bad flag exits 2 with a message naming the flag and what it accepts.
 */
import { serve } from '@hono/node-server';
import { buildOcpMock } from './app.js';
import { ConfigError, type OcpMockOptions } from './config.js';
import { loadScenarioDirs, ScenarioLoadError, SHIPPED_SCENARIOS_DIR } from './scenarios/loader.js';

const USAGE = `Usage: ocp-mock [options]
       ocp-mock scenarios list [--scenarios-dir DIR]
       ocp-mock scenarios validate [DIR]

Options (each also as an environment variable, e.g. --port as OCP_MOCK_PORT):
  --host H             address to bind (default 127.0.0.1)
  --port P             port, 0 for any free one (default 8080)
  --seed N             seed for ids, hosts and durations (default 1)
  --tz OFFSET          UTC offset of every printed time (default +08:00)
  --hosts N            hosts in the inventory, at least 4 (default 12)
  --clock MODE         real (default) or manual
  --speed X            with the real clock, simulated seconds per real second (default 1)
  --start-time ISO     simulated instant to start at (default now)
  --scenario NAME      default scenario (default success)
  --scenarios-dir DIR  extra scenario files (repeatable)
  --users FILE         JSON users file replacing admin/operator/viewer
  --server-address A   address printed as server and executor
  -h, --help           this help
`;

const FLAGS = {
  host: { type: 'string' },
  port: { type: 'string' },
  seed: { type: 'string' },
  tz: { type: 'string' },
  hosts: { type: 'string' },
  clock: { type: 'string' },
  speed: { type: 'string' },
  'start-time': { type: 'string' },
  scenario: { type: 'string' },
  'scenarios-dir': { type: 'string', multiple: true },
  users: { type: 'string' },
  'server-address': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

function die(message: string, code = 2): never {
  process.stderr.write(`ocp-mock: ${message}\n`);
  process.exit(code);
}

/** A flag's value, else its OCP_MOCK_* variable. */
function setting(values: Record<string, unknown>, name: keyof typeof FLAGS): string | undefined {
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

function parseFlags(argv: string[]) {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: FLAGS, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.replace(/^.*?: /, '')}\n\n${USAGE}`);
  }
  return parsed;
}

function serverOptions(values: Record<string, unknown>): { options: OcpMockOptions; host: string; port: number } {
  const port = wholeNumber('port', setting(values, 'port'), 'a port number from 0 to 65535') ?? 8080;
  if (port > 65535) throw new ConfigError('port', 'a port number from 0 to 65535', String(port));
  const speedText = setting(values, 'speed');
  const speed = speedText === undefined ? undefined : Number(speedText);
  if (speedText !== undefined && !Number.isFinite(speed)) throw new ConfigError('speed', 'a number > 0', speedText);
  const scenariosDir =
    (values['scenarios-dir'] as string[] | undefined) ?? (process.env.OCP_MOCK_SCENARIOS_DIR ? [process.env.OCP_MOCK_SCENARIOS_DIR] : undefined);
  const clock = setting(values, 'clock');
  return {
    host: setting(values, 'host') ?? '127.0.0.1',
    port,
    options: {
      seed: wholeNumber('seed', setting(values, 'seed'), 'a whole number >= 0'),
      hosts: wholeNumber('hosts', setting(values, 'hosts'), 'a whole number from 4 to 100000'),
      tz: setting(values, 'tz'),
      clock: clock as OcpMockOptions['clock'],
      speed,
      startTime: setting(values, 'start-time'),
      scenario: setting(values, 'scenario'),
      scenariosDir,
      usersFile: setting(values, 'users'),
      serverAddress: setting(values, 'server-address'),
    },
  };
}

function scenariosCommand(positionals: string[], values: Record<string, unknown>): void {
  const [verb, dir, ...rest] = positionals;
  if (verb === 'validate') {
    if (rest.length > 0) throw new UsageError(`scenarios validate takes one directory\n\n${USAGE}`);
    const loaded = loadScenarioDirs([dir ?? SHIPPED_SCENARIOS_DIR]);
    for (const l of loaded) process.stdout.write(`ok  ${l.file}\n`);
    process.stdout.write(`${loaded.length} scenario file(s) valid\n`);
    return;
  }
  if (verb === 'list') {
    const extra = (values['scenarios-dir'] as string[] | undefined) ?? [];
    const loaded = loadScenarioDirs([SHIPPED_SCENARIOS_DIR, ...extra]);
    const width = Math.max(...loaded.map((l) => l.scenario.name.length));
    for (const l of loaded) process.stdout.write(`${l.scenario.name.padEnd(width)}  ${l.scenario.description}\n`);
    return;
  }
  throw new UsageError(`unknown scenarios command ${JSON.stringify(verb ?? '')}: expected list or validate\n\n${USAGE}`);
}

function main(argv: string[]): void {
  const { values, positionals } = parseFlags(argv);
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (positionals[0] === 'scenarios') {
    scenariosCommand(positionals.slice(1), values);
    return;
  }
  if (positionals.length > 0) throw new UsageError(`unknown command ${JSON.stringify(positionals[0])}\n\n${USAGE}`);

  const { options, host, port } = serverOptions(values);
  const { app, simulator } = buildOcpMock(options);
  const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
    const shownHost = info.address.includes(':') ? `[${info.address}]` : info.address;
    process.stdout.write(
      `ocp-mock listening on http://${shownHost}:${info.port} (seed ${simulator.seed}, scenario ${simulator.defaultScenario}, clock ${simulator.clock.info().mode})\n`,
    );
  });
  server.on('error', (e: NodeJS.ErrnoException) => die(`cannot listen on ${host}:${port}: ${e.code ?? e.message}`, 1));
  const stop = (signal: string) => {
    process.stderr.write(`ocp-mock: ${signal}, shutting down\n`);
    server.close(() => process.exit(0));
    // Idle keep-alive connections must not hold the process open.
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

try {
  main(process.argv.slice(2));
} catch (e) {
  if (e instanceof ConfigError || e instanceof UsageError) die(e.message);
  if (e instanceof ScenarioLoadError) die(e.message, 1);
  throw e;
}
