/**
 * The fast lane (src/http/fastLane.ts) answers plain task reads and batch stops ahead of the Hono
 * app. It must be invisible: two real servers, same seed, one with the lane and one without, are
 * sent the same requests in the same order, and must answer the same status, headers and bytes
 * (the measured `duration` aside) and keep the same journal. A spy counts what the lane took, so
 * the comparison cannot pass by the lane never taking anything.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOcpMock, type OcpMock } from '../../src/app.js';
import type { FastLane } from '../../src/http/fastLane.js';
import { type Listening, listen } from '../../src/server.js';
import { AUTH, SEED_START } from '../helpers.js';

interface Server {
  mock: OcpMock;
  listening: Listening;
  /** Requests the lane answered itself, and those it read and then handed to the Hono app. */
  answered: string[];
  handedOver: string[];
}

async function start(fastLane: boolean): Promise<Server> {
  const mock = buildOcpMock({ clock: 'manual', startTime: SEED_START, fastLane });
  const server: Omit<Server, 'listening'> = { mock, answered: [], handedOver: [] };
  const lane = mock.fastLane;
  const spied: FastLane | undefined = lane
    ? (req, res, fallback) => {
        const name = `${req.method} ${req.url}`;
        let handedOver = false;
        const took = lane(req, res, (rq, rs) => {
          handedOver = true;
          server.handedOver.push(name);
          fallback(rq, rs);
        });
        if (took) res.on('finish', () => handedOver || server.answered.push(name));
        return took;
      }
    : undefined;
  return { ...server, listening: await listen({ ...mock, fastLane: spied }, '127.0.0.1', 0) };
}

interface Exchange {
  method?: string;
  path: string;
  /** Who signs in: a known user, a wrong password, or nobody (null). */
  user: keyof typeof AUTH | 'wrong' | null;
  body?: string;
  headers?: Record<string, string>;
  /** Send the body chunked, without Content-Length. */
  chunked?: boolean;
}

const SHOWN_HEADERS = ['content-type', 'content-length', 'allow', 'ratelimit-limit', 'ratelimit-remaining', 'retry-after'];

async function send(server: Server, x: Exchange) {
  const headers: Record<string, string> = { ...(x.headers ?? {}) };
  if (x.user === 'wrong') headers.authorization = `Basic ${Buffer.from('admin:nope').toString('base64')}`;
  else if (x.user !== null) headers.authorization = AUTH[x.user];
  if (x.body !== undefined) headers['content-type'] = 'application/json';
  let body: RequestInit['body'] = x.body;
  if (x.chunked && x.body !== undefined) {
    const bytes = new TextEncoder().encode(x.body);
    body = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
  }
  const res = await fetch(`${server.listening.url}${x.path}`, {
    method: x.method ?? 'GET',
    headers,
    body,
    ...(x.chunked ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  return {
    status: res.status,
    headers: Object.fromEntries(SHOWN_HEADERS.map((h) => [h, res.headers.get(h)])),
    // The one field that is measured, not simulated.
    text: text.replace(/"duration":\d+/, '"duration":0'),
  };
}

const stop = (hostIds: unknown, user: Exchange['user'] = 'admin', more: Partial<Exchange> = {}): Exchange => ({
  method: 'POST',
  path: '/api/v2/compute/hosts/batchStopAgents',
  user,
  body: typeof hostIds === 'string' ? hostIds : JSON.stringify({ hostIds }),
  ...more,
});
const read = (id: number | string, user: Exchange['user'] = 'admin', more: Partial<Exchange> = {}): Exchange => ({
  path: `/api/v2/tasks/instances/${id}`,
  user,
  ...more,
});

/** In order; `advance` steps both clocks. Comments say which lane each should take on the lane's server. */
const SCRIPT: Array<Exchange | { advance: number }> = [
  read(31173), // Hono: admin's credentials not yet proven (and no such task yet: 404)
  stop([2]), // fast
  stop([20]), // fast
  read(31173), // fast
  read(31173), // fast (same instant: the cached rendering)
  { advance: 20_000 },
  read(31173), // fast
  read(31174), // fast
  { path: '/tasks/instances/31173', user: 'admin' }, // fast (the docs' unprefixed path)
  read('31173/'), // Hono (trailing slash: no such route)
  read('031173'), // Hono (not plain digits)
  read('31173?verbose=1'), // Hono (a query string)
  read(99999), // Hono (no such task)
  stop([2]), // fast lane reads it, the agent is stopping: Hono answers CMP07019
  stop('{"hostIds":['), // read, unparseable: Hono answers COM10001
  stop([1, 1]), // read, duplicate ids: Hono
  stop([987654]), // read, no such host: Hono (404)
  stop([1001], 'viewer'), // Hono: viewer may not stop (403), and is proven from here on
  stop([1001], 'viewer'), // Hono again: proven, but without HOST_MANAGER
  read(31173, 'viewer'), // fast
  read(31173, 'wrong'), // Hono (401)
  read(31173, null), // Hono (401)
  stop([1001], 'admin', { headers: { 'X-OCP-Mock-Scenario': 'node-timeout' } }), // fast: a plain scenario by header
  read(31175, 'admin', { headers: { 'X-OCP-Mock-Scenario': 'rate-limited' } }), // Hono: request-level behaviour
  read(31175, 'admin', { headers: { 'X-OCP-Mock-Scenario': 'no-such-scenario' } }), // Hono (400)
  stop([1002], 'admin', { headers: { 'X-OCP-Mock-Scenario': 'permission-denied' } }), // Hono: a declared error
  stop([1002], 'admin', { headers: { 'Accept-Language': 'zh-CN' } }), // fast
  stop([1002], 'admin', { chunked: true }), // Hono: no Content-Length (CMP07019)
  stop([1002], 'admin', { headers: { 'Accept-Language': 'zh-CN' } }), // read, stopping already: Hono, in Chinese
  { advance: 700_000 },
  read(31175, 'operator'), // Hono (operator not yet proven)
  read(31175, 'operator'), // fast
  read(31176), // fast
];

describe('fast lane', () => {
  let fast: Server;
  let plain: Server;
  beforeAll(async () => {
    [fast, plain] = await Promise.all([start(true), start(false)]);
  });
  afterAll(async () => {
    await Promise.all([fast?.listening.close(100), plain?.listening.close(100)]);
  });

  it('answers exactly as the Hono app does, request by request, and journals the same', async () => {
    for (const step of SCRIPT) {
      if ('advance' in step) {
        fast.mock.simulator.advanceClock(step.advance);
        plain.mock.simulator.advanceClock(step.advance);
        continue;
      }
      const [a, b] = [await send(fast, step), await send(plain, step)];
      expect(a, `${step.method ?? 'GET'} ${step.path}`).toEqual(b);
    }
    const journal = (s: Server) => s.mock.journal.list().map(({ time: _time, headers: { host: _host, ...headers }, ...entry }) => ({ ...entry, headers }));
    expect(journal(fast)).toEqual(journal(plain));
    expect(journal(fast)).toHaveLength(SCRIPT.filter((s) => !('advance' in s)).length);
  });

  it('took the plain cases, and only those', () => {
    const STOP = 'POST /api/v2/compute/hosts/batchStopAgents';
    expect(fast.answered).toEqual([
      STOP,
      STOP,
      'GET /api/v2/tasks/instances/31173',
      'GET /api/v2/tasks/instances/31173',
      'GET /api/v2/tasks/instances/31173',
      'GET /api/v2/tasks/instances/31174',
      'GET /tasks/instances/31173',
      'GET /api/v2/tasks/instances/31173',
      STOP,
      STOP,
      'GET /api/v2/tasks/instances/31175',
      'GET /api/v2/tasks/instances/31176',
    ]);
    // CMP07019, COM10001 twice, CMP07005, CMP07019 in Chinese.
    expect(fast.handedOver).toEqual([STOP, STOP, STOP, STOP, STOP]);
    expect(plain.answered).toEqual([]);
  });

  it('leaves a request that repeats a header it reads to the Hono app', async () => {
    // fetch folds repeated headers into one; node:http sends raw lines as given.
    const get = (server: Server) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${server.listening.url}/api/v2/tasks/instances/31173`, {
          // Raw lines replace the defaults, Host included (which Node's server requires).
          headers: ['Host', new URL(server.listening.url).host, 'Authorization', AUTH.admin, 'Authorization', AUTH.viewer],
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: body.replace(/"duration":\d+/, '"duration":0') }));
        });
        req.on('error', reject).end();
      });
    const answered = fast.answered.length;
    const [a, b] = [await get(fast), await get(plain)];
    expect(a).toEqual(b);
    // Two sets of credentials are none: OCP's 401, from the Hono app on both servers.
    expect(a.status).toBe(401);
    expect(fast.answered).toHaveLength(answered);
  });

  it('is off while CORS is on (the Hono app writes those headers)', () => {
    expect(buildOcpMock({ cors: ['http://localhost:3000'] }).fastLane).toBeUndefined();
    expect(buildOcpMock({ fastLane: false }).fastLane).toBeUndefined();
    expect(buildOcpMock({}).fastLane).toBeTypeOf('function');
  });
});
