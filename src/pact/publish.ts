/**
 * `ocp-mock pact publish`: publishes the pact files to a Pact Broker or PactFlow through
 * pact-cli's `pact broker publish` (the same client teams use in their pipelines).
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SHIPPED_PACTS_DIR } from '../util/pactFiles.js';

export interface PublishOptions {
  brokerUrl: string;
  consumerAppVersion: string;
  branch?: string;
  token?: string;
  /** Default: the shipped pacts/. */
  pactsDir?: string;
}

/** The path of pact-cli's `pact` launcher. */
function pactCli(): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve('@pact-foundation/pact-cli/package.json')), 'bin/pact.js');
  } catch {
    throw new Error('ocp-mock pact publish needs @pact-foundation/pact-cli 18.x beside it: npm install --save-dev @pact-foundation/pact-cli@18');
  }
}

/** Runs `pact broker publish`; resolves with its exit code, its output going to ours. */
export function publishPacts(o: PublishOptions): Promise<number> {
  const args = [
    pactCli(),
    'broker',
    'publish',
    o.pactsDir ?? SHIPPED_PACTS_DIR,
    '--broker-base-url',
    o.brokerUrl,
    '--consumer-app-version',
    o.consumerAppVersion,
  ];
  if (o.branch) args.push('--branch', o.branch);
  // The token goes by environment, not argv, so it does not show in process listings.
  const env = { ...process.env, ...(o.token ? { PACT_BROKER_TOKEN: o.token } : {}) };
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env });
    child.on('error', fail);
    child.on('exit', (code) => ok(code ?? 1));
  });
}
