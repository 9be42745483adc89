#!/usr/bin/env node
import { conformCommand } from './commands/conform.js';
/**
 * The `ocp-mock` command. Without a subcommand it serves (src/commands/serve.ts); `scenarios`,
 * `stubs` and `pact` work on scenario, stub and pact files; `record` records stubs from an OCP;
 * `coverage` lists which documented OCP calls are simulated. A bad flag exits 2 naming the flag
 * and what it accepts; bad scenario files exit 1 naming the file and the path inside it.
 */
import { coverageCommand } from './commands/coverage.js';
import { parseFlags, serverFlags } from './commands/flags.js';
import { pactCommand } from './commands/pact.js';
import { scenariosCommand } from './commands/scenarios.js';
import { serveCommand } from './commands/serve.js';
import { recordCommand, stubsCommand } from './commands/stubs.js';
import { USAGE, UsageError } from './commands/usage.js';
import { ConfigError } from './config.js';
import { StateFileError } from './core/stateFile.js';
import { OperationLoadError } from './modules/agent/index.js';
import { ScenarioLoadError } from './scenarios/loader.js';
import { StubLoadError } from './stubs/loader.js';

async function main(argv: string[]): Promise<number | undefined> {
  const { values, positionals } = parseFlags(argv);
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === 'scenarios') {
    scenariosCommand(rest, values);
    return 0;
  }
  if (command === 'pact') return pactCommand(rest, values);
  if (command === 'coverage') {
    coverageCommand(rest, values);
    return 0;
  }
  if (command === 'conform') return conformCommand(rest, values);
  if (command === 'stubs') {
    stubsCommand(rest, values);
    return 0;
  }
  if (command === 'record') {
    if (rest.length > 0) throw new UsageError('record takes no positional arguments');
    await recordCommand(values);
    return undefined; // keeps running
  }
  if (command !== undefined) throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  await serveCommand(serverFlags(values));
  return undefined; // keeps running
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== undefined) process.exitCode = code;
  },
  (e: unknown) => {
    const fail = (message: string, code: number) => {
      process.stderr.write(`ocp-mock: ${message}\n`);
      process.exit(code);
    };
    if (e instanceof ConfigError || e instanceof UsageError) fail(e.message, 2);
    if (e instanceof ScenarioLoadError || e instanceof OperationLoadError || e instanceof StateFileError || e instanceof StubLoadError) fail(e.message, 1);
    fail(e instanceof Error ? e.message : String(e), 1);
  },
);
