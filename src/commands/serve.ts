/**
 * `ocp-mock [options]`: listens and prints one line with the base URL; stops gracefully on
 * SIGINT/SIGTERM. Listening beyond loopback without `--admin-token` (a container, a demo box),
 * it makes a token for this run and prints the dashboard's URL with it, as notebook servers do:
 * the control plane stays locked, and the one who started it can still open the dashboard.
 */
import { randomBytes } from 'node:crypto';
import { buildOcpMock } from '../app.js';
import { ConfigError } from '../config.js';
import { listen } from '../server.js';
import { certificateNames, selfSignedTls, type TlsMaterial, writeCertificate } from '../tls.js';
import { describeReload } from '../watch/reload.js';
import type { ServerFlags } from './flags.js';

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export async function serveCommand({ options, host, port, tls, watch }: ServerFlags): Promise<void> {
  const generatedToken = options.adminToken === undefined && !isLoopbackHost(host) ? randomBytes(16).toString('hex') : undefined;
  const mock = buildOcpMock(generatedToken ? { ...options, adminToken: generatedToken, adminLoopbackOpen: true } : options);
  const { simulator } = mock;
  if (watch) {
    const dirs = mock.reloader.dirs();
    if (dirs.scenarios.length + dirs.operations.length + dirs.stubs.length === 0) {
      throw new ConfigError('watch', 'a directory to watch: --scenarios-dir, --operations-dir or --stubs-dir', true);
    }
  }
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
  let material: TlsMaterial | undefined;
  if (tls && 'material' in tls) material = tls.material;
  else if (tls) {
    const names = certificateNames(host);
    material = await selfSignedTls(names);
    const file = writeCertificate(material.cert, tls.certOut);
    process.stdout.write(
      `ocp-mock TLS certificate: ${file} (self-signed for this run, for ${names.join(', ')}; trust it with curl --cacert ${file}, or NODE_EXTRA_CA_CERTS=${file})\n`,
    );
  }
  if (watch) {
    mock.reloader.watch((outcome) => process.stderr.write(describeReload(outcome)));
    const d = mock.reloader.dirs();
    process.stdout.write(`ocp-mock watching ${[...d.scenarios, ...d.operations, ...d.stubs].join(', ')} (a broken file keeps the last good set)\n`);
  }
  try {
    listening = await listen(mock, host, port, material);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    process.stderr.write(`ocp-mock: cannot listen on ${host}:${port}: ${err.code ?? err.message}\n`);
    process.exit(1);
  }
  if (stopping) return;
  process.stdout.write(
    `ocp-mock listening on ${listening.url} (seed ${simulator.world.seed}, scenario ${simulator.defaultScenario}, clock ${simulator.world.clock.info().mode}${mock.stubs.size > 0 ? `, ${mock.stubs.size} stub(s)` : ''})\n`,
  );
  if (generatedToken) {
    process.stdout.write(
      `ocp-mock dashboard: ${listening.url}/?adminToken=${generatedToken} (a token made for this run; set --admin-token or OCP_MOCK_ADMIN_TOKEN to choose one)\n`,
    );
  }
}
