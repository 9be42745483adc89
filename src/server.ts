/**
 * Listening on a real port, shared by the CLI, `startOcpMock` and `pact verify`: binds, reports
 * the base URL, answers HTTP that Node cannot even parse (a broken request line, headers over
 * the limit) in OCP's error envelope instead of Node's bare text, and closes gracefully:
 * requests in flight finish, idle keep-alive connections go.
 */
import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import type { OcpMock } from './app.js';
import { formatOcpTime } from './contract/time.js';
import type { World } from './core/world.js';
import { longLivedSockets } from './http/longLived.js';
import type { TlsMaterial } from './tls.js';

export interface Listening {
  url: string;
  server: Server;
  /** Stops accepting, lets requests in flight finish (at most `graceMs`), then resolves. */
  close(graceMs?: number): Promise<void>;
}

function clientErrorBody(sim: World, status: number, message: string): string {
  return JSON.stringify({
    duration: 0,
    error: { code: 'COM10003', message: `Invalid request. Cause:${message}` },
    server: sim.serverAddress,
    status,
    successful: false,
    timestamp: formatOcpTime(sim.now(), sim.offsetMinutes),
    traceId: sim.nextTraceId(),
  });
}

/** Listens on `host:port`, over HTTPS with `tls` (a PEM key and certificate). */
export async function listen({ app, simulator, logger }: OcpMock, host: string, port: number, tls?: TlsMaterial): Promise<Listening> {
  const sim = simulator.world;
  const listener = getRequestListener(app.fetch, { hostname: host });
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, listener) : createServer(listener);
  server.listen(port, host);
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const reason = status === 431 ? 'Request Header Fields Too Large' : 'Bad Request';
    const body = clientErrorBody(sim, status, status === 431 ? 'request headers too large' : 'malformed HTTP request');
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `${tls ? 'https' : 'http'}://${shownHost}:${address.port}`,
    server,
    close(graceMs = 5000) {
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.closeAllConnections();
          resolve();
        }, graceMs);
        timer.unref();
        // A connection whose request just finished turns idle: close those as they appear.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        sweep.unref();
        server.close(() => {
          clearTimeout(timer);
          clearInterval(sweep);
          logger.flush();
          resolve();
        });
        server.closeIdleConnections();
        // Event streams never finish by themselves: end them now rather than at the grace limit.
        for (const socket of longLivedSockets) if ((socket as unknown as { server?: unknown }).server === server) socket.destroy();
      });
    },
  };
}
