/** `ocp-mock [options]`: listens and prints one line with the base URL; stops cleanly on SIGINT/SIGTERM. */
import { serve } from '@hono/node-server';
import { buildOcpMock } from '../app.js';
import type { ServerFlags } from './flags.js';

export function serveCommand({ options, host, port }: ServerFlags): void {
  const { app, simulator } = buildOcpMock(options);
  const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
    const shownHost = info.address.includes(':') ? `[${info.address}]` : info.address;
    process.stdout.write(
      `ocp-mock listening on http://${shownHost}:${info.port} (seed ${simulator.seed}, scenario ${simulator.defaultScenario}, clock ${simulator.clock.info().mode})\n`,
    );
  });
  server.on('error', (e: NodeJS.ErrnoException) => {
    process.stderr.write(`ocp-mock: cannot listen on ${host}:${port}: ${e.code ?? e.message}\n`);
    process.exit(1);
  });
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
