/** `ocp-mock [options]`: listens and prints one line with the base URL; stops gracefully on SIGINT/SIGTERM. */
import { buildOcpMock } from '../app.js';
import { listen } from '../server.js';
import type { ServerFlags } from './flags.js';

export async function serveCommand({ options, host, port }: ServerFlags): Promise<void> {
  const mock = buildOcpMock(options);
  const { simulator } = mock;
  // Handlers first: a signal that arrives the moment the URL is printed must not kill us raw.
  let stopping = false;
  let listening: Awaited<ReturnType<typeof listen>> | undefined;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`ocp-mock: ${signal}, finishing requests in flight\n`);
    await listening?.close(10_000);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  try {
    listening = await listen(mock, host, port);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(`ocp-mock: cannot listen on ${host}:${port}: ${err.code ?? err.message}\n`);
    process.exit(1);
  }
  if (stopping) return;
  process.stdout.write(
    `ocp-mock listening on ${listening.url} (seed ${simulator.seed}, scenario ${simulator.defaultScenario}, clock ${simulator.clock.info().mode})\n`,
  );
}
