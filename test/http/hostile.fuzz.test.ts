/**
 * Issue 9, point 1: generated hostile requests at every route. Every answer is a well-formed OCP
 * envelope with a 2xx (a request that happens to be valid) or 4xx status, never a 500 or a hang,
 * no internal error is logged, and a refused request changes nothing.
 * A fixed seed in CI; `FUZZ_RUNS=20000 npx vitest run test/http/hostile.fuzz.test.ts` for more.
 */
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmptyEnvelope, ErrorEnvelope } from '../../src/contract/schemas.js';
import { CALLS as OCP_ROUTES } from '../../src/modules/index.js';
import { AUTH, mock } from '../helpers.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const segment = fc.oneof(
  fc.constantFrom(
    '2',
    '20',
    '1001',
    '31062',
    '32845',
    '0',
    '-1',
    '1.5',
    '9999999999999999999999',
    'NaN',
    '%00',
    '%2e%2e',
    '%E0%A4%A',
    'ｱ',
    '__proto__',
    'constructor',
    '',
    'ob',
    'clusters',
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.integer().map(String),
);

const realId = fc.constantFrom('2', '20', '1001', '1002', '31062', '31063', '32842', '32845', '32850');
const routeRequest = fc
  .tuple(
    fc.constantFrom(...Object.values(OCP_ROUTES)),
    fc.array(fc.oneof({ weight: 3, arbitrary: realId }, { weight: 1, arbitrary: segment }), { minLength: 2, maxLength: 2 }),
    fc.boolean(),
  )
  .map(([route, [a, b], prefixed]) => ({
    method: route.method.toUpperCase(),
    path: `${prefixed ? '/api/v2' : ''}${route.path.replace(/\{taskId\}|\{hostId\}/, a as string).replace('{subtaskId}', b as string)}`,
  }));
const path = fc.oneof(
  fc.array(segment, { maxLength: 6 }).map((s) => `/api/v2/${s.join('/')}`),
  fc.constantFrom('/', '/api', '/api/v2', '/compute', '/compute/hosts/batchStopAgents/extra', '//api//v2//compute//hosts'),
);

const query = fc.dictionary(
  fc.constantFrom('page', 'size', 'sort', 'status', 'type', 'hostId', 'name', 'keyword', '__proto__', 'constructor'),
  fc.oneof(fc.constantFrom('0', '-1', '2001', '1e309', 'NaN', 'id,desc', 'id,sideways', 'password', 'RUNNING', 'ONLINE', ''), fc.string({ maxLength: 10 })),
  { maxKeys: 4 },
);

const deep = (depth: number) => `${'['.repeat(depth)}2${']'.repeat(depth)}`;
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .record({ hostIds: fc.array(fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(null), fc.jsonValue({ maxDepth: 2 })), { maxLength: 8 }) })
    .map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '{"__proto__":{"hostIds":[2]}}',
    '{"constructor":{"prototype":{"hostIds":[2]}}}',
    '{"hostIds":[2],"__proto__":{"isAdmin":true}}',
    `{"hostIds":${deep(5000)}}`,
    deep(20000),
    `{"hostIds":[${Array.from({ length: 30000 }, (_, i) => i + 1).join(',')}]}`,
    `{"hostIds":[${'2,'.repeat(999)}2]}`,
    '{"hostIds":[1e999]}',
    '{"hostIds":[-0]}',
    '{"hostIds":[9007199254740993]}',
    '{"hostIds": [2], "hostIds": [20]}',
    'hostIds=2',
    '\u0000\u0001\uffff',
    '{"hostIds":[2]',
    '',
    'null',
    '[]',
  ),
  fc.string({ maxLength: 40 }),
);

const authorization = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(AUTH.admin, AUTH.operator, AUTH.viewer) },
  fc.constantFrom(undefined, '', 'Basic', 'Basic !!!', `Basic ${b64('admin')}`, `Basic ${b64(':')}`, `Basic ${b64('admin:')}`),
  fc.constantFrom(
    `Basic ${b64('admin:admin\u0000')}`,
    `Bearer ${'x'.repeat(50)}`,
    'OCP-ACCESS-KEY-HMACSHA1 admin-ak:AAAA',
    'OCP-ACCESS-KEY-HMACSHA1 :',
    'OCP-ACCESS-KEY-HMACSHA1 admin-ak',
  ),
  fc.string({ maxLength: 30 }).map((s) => `Basic ${b64(s)}`),
);

const headers = fc.record(
  {
    authorization,
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/json; charset=latin1',
      'multipart/form-data; boundary=x',
    ),
    'content-encoding': fc.constantFrom('gzip', 'br', 'identity'),
    'accept-language': fc.constantFrom('zh-CN', 'en', '*', 'xx', ''),
    date: fc.constantFrom(new Date().toUTCString(), 'yesterday', ''),
    'x-ocp-mock-scenario': fc.constantFrom('success', 'node-timeout', 'rollback', 'partial-failure', 'nope', ''),
  },
  { requiredKeys: ['authorization'] },
);

const anyRoute = fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'PROPFIND'), path });
const request = fc
  .record({ target: fc.oneof({ weight: 4, arbitrary: routeRequest }, { weight: 1, arbitrary: anyRoute }), query, body, headers })
  .map(({ target, ...rest }) => ({ ...target, ...rest }));

function snapshot(m: ReturnType<typeof mock>) {
  const tasks = [...m.simulator.tasks.newestFirst()].map((t) => `${t.id}:${t.actions.length}`).join();
  return `${m.simulator.hosts().length}|${tasks}|${m.simulator.defaultScenario}`;
}

afterEach(() => {
  vi.restoreAllMocks();
});

const STUBS = fileURLToPath(new URL('../fixtures/stubs', import.meta.url));

describe('hostile requests', () => {
  it.each([
    ['simulated routes alone', false],
    ['stubs in force beside them', true],
  ])(
    'always get a well-formed OCP envelope, never a 500, and refused ones change nothing (%s)',
    async (_name, withStubs) => {
      const internalErrors = vi.spyOn(console, 'error');
      const m = mock({ hosts: 20, ...(withStubs ? { stubsDir: STUBS } : {}) });
      // A stub that takes any two segments, so generated paths meet stubs with parameters often.
      if (withStubs) {
        await m.call('POST', '/__mock/stubs', {
          body: {
            request: { method: 'GET', path: '/api/v2/{a}/{b}' },
            response: { data: { a: '{{ path.a }}', host: '{{ host path.b }}', n: '{{ query.size }}' } },
          },
        });
      }
      // A task to act on, so task routes meet real ids too.
      await m.stop([1001]);
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const before = snapshot(m);
          const qs = new URLSearchParams(r.query).toString();
          const hdrs: Record<string, string> = {};
          for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') hdrs[k] = v;
          const res = await m.call(r.method, `${r.path}${qs ? `?${qs}` : ''}`, {
            user: null,
            headers: hdrs,
            rawBody: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body,
          });
          expect(res.status, `${r.method} ${r.path}: ${res.text.slice(0, 300)}`).toBeLessThan(500);
          // The one non-OCP answer: `/` sends a browser to the dashboard.
          const redirect = r.path === '/' && (r.method === 'GET' || r.method === 'HEAD') && res.status === 302;
          if (r.method !== 'HEAD' && !redirect) {
            expect(res.json, res.text.slice(0, 200)).toBeTypeOf('object');
            if (res.status >= 400) ErrorEnvelope.parse(res.json);
            else if (!('data' in res.json)) EmptyEnvelope.parse(res.json);
            else expect(res.json).toMatchObject({ successful: true, status: res.status });
          }
          if (res.status >= 400) expect(snapshot(m)).toBe(before);
          // Keep hosts available for later runs: a successful stop is undone by the reset below.
          if (m.simulator.taskCount() > 50) m.simulator.reset();
        }),
        { seed: 9_281_126, numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
      );
      expect(internalErrors).not.toHaveBeenCalled();
    },
    60_000,
  );

  it('each limit has its own clear error', async () => {
    const m = mock();
    const tooMany = await m.stop(Array.from({ length: 1001 }, (_, i) => i + 1));
    expect(tooMany.json.error.subErrors[0]).toMatchObject({ field: 'hostIds', message: 'must hold at most 1000 host ids' });
    const size = await m.call('GET', '/api/v2/tasks/instances?size=2001');
    expect(size.json.error.subErrors[0]).toMatchObject({ field: 'size', message: 'must be an integer from 1 to 2000' });
    const big = await m.call('POST', '/api/v2/compute/hosts/batchStopAgents', {
      rawBody: 'x'.repeat(1024 * 1024 + 1),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.status).toBe(413);
    expect(big.json.error.message).toContain('request body larger than 1048576 bytes');
  });

  it('a known path with another method is 405 with Allow', async () => {
    const m = mock();
    const res = await m.call('DELETE', '/api/v2/tasks/instances/1');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(res.json.error.code).toBe('COM10008');
  });
});
