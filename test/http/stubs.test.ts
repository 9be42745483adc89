/**
 * Issue 16: stubs (test/fixtures/stubs) answer calls ocp-mock does not simulate in OCP's envelope,
 * behind the same gate (401, the stub's permission, 403, the caller's language), with seeded
 * templates; they win over simulated routes; they can be added and removed at run time; reset keeps
 * the files' ones; the journal, the OpenAPI document and near misses show them.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

const STUBS = fileURLToPath(new URL('../fixtures/stubs', import.meta.url));
const withStubs = (o: Parameters<typeof mock>[0] = {}) => mock({ stubsDir: STUBS, ...o });

describe('a hand-written stub of GET /api/v2/ob/clusters', () => {
  it('answers in OCP’s envelope with its data, on both path forms', async () => {
    const m = withStubs();
    const res = await m.call('GET', '/api/v2/ob/clusters');
    expect(res.status, res.text).toBe(200);
    expect(Object.keys(res.json)).toEqual(['data', 'duration', 'server', 'status', 'successful', 'timestamp', 'traceId']);
    expect(res.json).toMatchObject({ status: 200, successful: true, server: m.simulator.world.serverAddress });
    expect(res.json.traceId).toMatch(/^[0-9a-f]{16}$/);
    const cluster = res.json.data.contents[0];
    expect(cluster).toMatchObject({ obVersion: '4.2.1.2', status: 'RUNNING', observers: [{ hostId: 2 }] });
    expect(typeof cluster.id).toBe('number');
    expect(cluster.name).toMatch(/^obcluster-[a-z]+-[0-9a-f]{4}$/);
    // A host of the inventory, as the host calls show it.
    const host2 = (await m.call('GET', '/api/v2/compute/hosts/2')).json.data;
    expect(cluster.observers[0]).toMatchObject({ ip: host2.innerIpAddress, idcName: host2.idcName });
    expect((await m.call('GET', '/ob/clusters')).json.data).toEqual(res.json.data);
  });

  it('401 without credentials, 403 for a user without its permission', async () => {
    const m = withStubs();
    const anonymous = await m.call('GET', '/api/v2/ob/clusters', { user: null });
    expect([anonymous.status, anonymous.json.error.code]).toEqual([401, 'IAM10000']);
    const viewer = await m.call('GET', '/api/v2/ob/clusters', { user: 'viewer' });
    expect([viewer.status, viewer.json.error.code]).toEqual([403, 'IAM11000']);
    expect((await m.call('GET', '/api/v2/ob/clusters', { user: 'viewer', headers: { 'Accept-Language': 'zh-CN' } })).json.error.message).toBe(
      '没有权限进行对应操作，请联系管理员',
    );
  });

  it('its error form speaks OCP’s text in the caller’s language', async () => {
    const m = withStubs();
    const en = await m.call('GET', '/api/v2/ob/clusters/404');
    expect(en.status).toBe(404);
    expect(en.json.error).toEqual({ code: 'OBE11001', message: 'The specified cluster with the ID of 404 does not exist.' });
    expect(Object.keys(en.json)).toEqual(['duration', 'error', 'server', 'status', 'successful', 'timestamp', 'traceId']);
    const zh = await m.call('GET', '/api/v2/ob/clusters/404', { headers: { 'Accept-Language': 'zh-CN,zh;q=0.9' } });
    expect(zh.json.error).toEqual({ code: 'OBE11001', message: '指定的集群不存在，id=404' });
    // The list's own error form (a stub of the same call, asked for with a header).
    const timeout = await m.call('GET', '/api/v2/ob/clusters', { headers: { 'X-Demo': 'timeout', 'Accept-Language': 'zh-CN' } });
    expect(timeout.status).toBe(504);
    expect(timeout.json.error).toEqual({ code: 'COM10004', message: '请求处理超时，请重试' });
    expect((await m.call('GET', '/api/v2/ob/clusters', { headers: { 'X-Demo': 'timeout' } })).json.error.message).toBe(
      'The request processing timed out. Please try again.',
    );
  });

  it('the same seed answers the same bytes; another seed other values', async () => {
    const read = async (seed: number) => {
      const m = withStubs({ seed });
      // Bytes but the envelope's duration (milliseconds of this run's work).
      const bytes = async (path: string) => (await m.call('GET', path)).text.replace(/"duration":\d+/, '"duration":0');
      return [await bytes('/api/v2/ob/clusters'), await bytes('/api/v2/ob/clusters/7')];
    };
    const [a, b, c] = [await read(5), await read(5), await read(6)];
    expect(a).toEqual(b);
    const data = (text: string) => JSON.parse(text).data;
    expect(data(c[0] as string).contents[0].name).not.toBe(data(a[0] as string).contents[0].name);
    // Path parameters, and the same record on every call.
    expect(data(a[1] as string)).toMatchObject({ id: 7, name: 'cluster 7', region: { id: 1, name: 'beijing' } });
  });

  it('path parameters are decoded; one that is not valid percent-encoding is taken as it came (never a 500)', async () => {
    const m = withStubs();
    expect((await m.call('GET', '/api/v2/ob/clusters/a%20b')).json.data.id).toBe('a b');
    const broken = await m.call('GET', '/api/v2/ob/clusters/%E0%A4%A');
    expect(broken.status, broken.text).toBe(200);
    expect(broken.json.data.id).toBe('%E0%A4%A');
  });

  it('a sequence answers in turn, the last repeating; reset starts it again', async () => {
    const m = withStubs();
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push((await m.call('DELETE', '/api/v2/ob/clusters/3')).json.error?.code ?? 'ok');
    expect(codes).toEqual(['ok', 'OBE11001', 'OBE11001']);
    await m.call('POST', '/__mock/reset');
    expect((await m.call('DELETE', '/api/v2/ob/clusters/3')).status).toBe(200);
    // CLUSTER_MANAGER is a permission the operator lacks.
    expect((await m.call('DELETE', '/api/v2/ob/clusters/3', { user: 'operator' })).status).toBe(403);
  });
});

describe('stubs beside the simulator', () => {
  it('a stub that matches wins over the simulated route; removed, the simulator answers again', async () => {
    const m = mock();
    const added = await m.call('POST', '/__mock/stubs', {
      body: { name: 'host-2', request: { method: 'GET', path: '/api/v2/compute/hosts/2' }, response: { data: { id: 2, name: 'recorded' } } },
    });
    expect(added.status, added.text).toBe(201);
    expect(added.json.stubs[0]).toMatchObject({ id: 'host-2', source: 'run time', method: 'GET', path: '/api/v2/compute/hosts/2' });
    expect((await m.call('GET', '/api/v2/compute/hosts/2')).json.data).toEqual({ id: 2, name: 'recorded' });
    expect((await m.call('GET', '/compute/hosts/2')).json.data).toEqual({ id: 2, name: 'recorded' });
    expect((await m.call('GET', '/api/v2/compute/hosts/20')).json.data.id).toBe(20);
    const journal = (await m.call('GET', '/__mock/requests')).json.requests;
    expect(journal.at(-1).stub).toBeUndefined();
    expect(journal.at(-2).stub).toEqual({ id: 'host-2' });
    expect((await m.call('DELETE', '/__mock/stubs/host-2')).json).toEqual({ removed: 'host-2' });
    expect((await m.call('GET', '/api/v2/compute/hosts/2')).json.data.name).toMatch(/^OceanBase/);
    expect((await m.call('DELETE', '/__mock/stubs/host-2')).json.error.code).toBe('COM10002');
  });

  it('the more specific stub answers: query values, headers, scenario', async () => {
    const m = mock();
    const stub = (name: string, request: object, data: unknown) =>
      m.call('POST', '/__mock/stubs', { body: { name, request: { method: 'GET', path: '/api/v2/ob/tenants', ...request }, response: { data } } });
    // Added most specific first: the last added wins only among equals.
    await stub('tenant-header', { query: { page: 2 }, headers: { 'X-Tenant': 'sys' } }, 'page 2 of sys');
    await stub('page-2', { query: { page: 2 } }, 'page 2');
    await stub('demo', { scenario: 'rollback' }, 'demo');
    await stub('any', {}, 'any');
    const data = async (path: string, headers: Record<string, string> = {}) => (await m.call('GET', path, { headers })).json.data;
    expect(await data('/api/v2/ob/tenants')).toBe('any');
    expect(await data('/api/v2/ob/tenants?page=2&size=10')).toBe('page 2');
    expect(await data('/api/v2/ob/tenants?page=2', { 'x-tenant': 'sys' })).toBe('page 2 of sys');
    expect(await data('/api/v2/ob/tenants?page=3', { 'x-tenant': 'sys' })).toBe('any');
    expect(await data('/api/v2/ob/tenants', { 'X-OCP-Mock-Scenario': 'rollback' })).toBe('demo');
  });

  it('templates: false answers `{{ }}` as text', async () => {
    const m = mock();
    await m.call('POST', '/__mock/stubs', {
      body: { templates: false, request: { method: 'GET', path: '/api/v2/ob/raw' }, response: { data: { text: '{{ id }} and {{ nope }}' } } },
    });
    expect((await m.call('GET', '/api/v2/ob/raw')).json.data).toEqual({ text: '{{ id }} and {{ nope }}' });
  });

  it('a raw body, a status and headers of its own, after its latency', async () => {
    const m = mock();
    await m.call('POST', '/__mock/stubs', {
      body: {
        request: { method: 'GET', path: '/api/v2/ob/metrics' },
        response: { status: 202, body: 'metric_a 1\n', headers: { 'Content-Type': 'text/plain; version=0.0.4', 'X-From': 'stub' }, latencyMs: 30 },
      },
    });
    const started = performance.now();
    const res = await m.call('GET', '/api/v2/ob/metrics');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(res.status).toBe(202);
    expect(res.text).toBe('metric_a 1\n');
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4');
    expect(res.headers.get('x-from')).toBe('stub');
    expect((await m.call('GET', '/__mock/stubs')).json.stubs[0]).toMatchObject({ id: 'stub-get', answered: 1 });
  });

  it('a bad stub added at run time is refused naming the path inside it, and nothing is added', async () => {
    const m = mock();
    const res = await m.call('POST', '/__mock/stubs', {
      body: { request: { method: 'GET', path: '/api/v2/ob/clusters/{id}' }, response: { data: { id: '{{ path.clusterId }}' }, error: { code: 'OBE11001' } } },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe('COM10001');
    expect(res.json.error.subErrors.map((s: any) => `${s.field}: ${s.message}`)).toEqual([
      'response: give one of data, error or body, not data and error',
      'response.data.id: {{ path.clusterId }}: the path has no {clusterId} (it has {id})',
    ]);
    expect((await m.call('GET', '/__mock/stubs')).json.stubs).toEqual([]);
  });

  it('reset keeps the files’ stubs and drops those added at run time', async () => {
    const m = withStubs();
    await m.call('POST', '/__mock/stubs', { body: { request: { method: 'GET', path: '/x' }, response: {} } });
    await m.call('DELETE', '/__mock/stubs/list-clusters');
    const ids = async () => (await m.call('GET', '/__mock/stubs')).json.stubs.map((s: any) => s.id);
    expect(await ids()).toEqual(['cluster-detail', 'cluster-missing', 'cluster-delete', 'list-clusters-timeout', 'stub-get']);
    await m.call('POST', '/__mock/reset');
    expect((await ids()).sort()).toEqual(['cluster-delete', 'cluster-detail', 'cluster-missing', 'list-clusters', 'list-clusters-timeout']);
  });

  it('stubs added and removed at run time are kept in the state file, a compaction and a reset included', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-stubs-state-')), 'state.jsonl');
    const m = withStubs({ stateFile });
    await m.call('POST', '/__mock/stubs', { body: { name: 'tenants', request: { method: 'GET', path: '/api/v2/ob/tenants' }, response: { data: ['sys'] } } });
    await m.call('DELETE', '/__mock/stubs/list-clusters');
    const ids = async (x: ReturnType<typeof mock>) => (await x.call('GET', '/__mock/stubs')).json.stubs.map((s: any) => s.id).sort();
    const expected = ['cluster-delete', 'cluster-detail', 'cluster-missing', 'list-clusters-timeout', 'tenants'];
    expect(await ids(m)).toEqual(expected);
    const again = withStubs({ stateFile });
    expect(await ids(again)).toEqual(expected);
    expect((await again.call('GET', '/api/v2/ob/tenants')).json.data).toEqual(['sys']);
    again.simulator.compactStateFile();
    expect(readFileSync(stateFile, 'utf8')).toContain('"c":"stub","action":"remove","id":"list-clusters"');
    expect(await ids(withStubs({ stateFile }))).toEqual(expected);
    // A reset drops them, in the file too.
    await again.call('POST', '/__mock/reset');
    expect((await ids(withStubs({ stateFile }))).sort()).toEqual([
      'cluster-delete',
      'cluster-detail',
      'cluster-missing',
      'list-clusters',
      'list-clusters-timeout',
    ]);
  });

  it('the OpenAPI document lists the stubs, and follows those added at run time', async () => {
    const m = withStubs();
    const doc = (await m.call('GET', '/__mock/openapi.json', { user: null })).json;
    // The cluster reads are simulated since issue 23: their stubs still answer first, and the
    // document keeps the simulated calls' descriptions (stubRouteSpec); the stubs of calls not
    // simulated are listed as stubs.
    expect(doc.paths['/api/v2/ob/clusters'].get.tags).toEqual(['OB clusters']);
    expect(doc.paths['/api/v2/ob/clusters'].get.description).toContain('Permission: CLUSTER_VIEWER');
    // The cluster delete is simulated too (its stub `cluster-delete` still answers first): one path, the simulated call's.
    expect(doc.paths['/api/v2/ob/clusters/{clusterId}']).toBeUndefined();
    expect(doc.paths['/api/v2/ob/clusters/{id}'].delete.tags).toEqual(['OB clusters']);
    expect(doc.paths['/api/v2/ob/clusters/{id}'].delete.parameters[0]).toMatchObject({ name: 'id', in: 'path' });
    await m.call('POST', '/__mock/stubs', { body: { request: { method: 'POST', path: '/api/v2/ob/tenants' }, response: {} } });
    const after = (await m.call('GET', '/__mock/openapi.json')).json;
    expect(after.paths['/api/v2/ob/tenants'].post.tags).toEqual(['Stubs']);
    // Still a valid OpenAPI 3.1 document.
    const result = await new Validator().validate(after);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('a 404 names the nearest stubs as well as the nearest simulated routes', async () => {
    const m = withStubs();
    const res = await m.call('GET', '/api/v2/ob/cluster');
    expect(res.status).toBe(404);
    expect(res.json.error.message).toContain('nearest: GET /api/v2/ob/clusters (stubs list-clusters-timeout, list-clusters)');
    const journal = (await m.call('GET', '/__mock/requests')).json.requests;
    expect(journal.at(-1).nearestRoutes[0]).toBe('GET /api/v2/ob/clusters (stubs list-clusters-timeout, list-clusters)');
  });
});

describe('stubs under hostile input', () => {
  it('any path segment, percent-encoding valid or not, reaches a stub’s parameter as text, never a 500', async () => {
    const m = withStubs();
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^[%0-9A-Fa-z.~-]{1,9}$/), async (segment) => {
        const res = await m.call('GET', `/api/v2/ob/clusters/${segment}`);
        expect(res.status, `${segment}: ${res.text}`).toBeLessThan(500);
        if (res.status === 200) expect(typeof res.json.data.name).toBe('string');
      }),
      { seed: 5, numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });

  it('any body posted as a stub is added (201) or refused with OCP’s 400, never a 500; requests to what was added answer an envelope', async () => {
    const m = mock();
    const shaped = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constantFrom('a', 'b-1')),
        request: fc.record(
          {
            method: fc.oneof(fc.constantFrom('GET', 'post', 'PUT', 'TRACE'), fc.string()),
            path: fc.oneof(fc.constantFrom('/api/v2/ob/x', '/x/{id}', '/__mock/reset', '/{a}{b}', 'nope'), fc.string()),
            query: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer())),
          },
          { requiredKeys: ['method', 'path'] },
        ),
        response: fc.oneof(
          fc.record({ data: fc.jsonValue() }),
          fc.record({ error: fc.record({ code: fc.constantFrom('OBE11001', 'XYZ00000', 'bad'), args: fc.array(fc.jsonValue()) }) }),
          fc.record({ body: fc.jsonValue(), status: fc.oneof(fc.constantFrom(200, 201, 204, 205, 304, 404, 503), fc.integer({ min: 100, max: 700 })) }),
          fc.record({ status: fc.constantFrom(200, 202, 204, 205, 304, 418) }),
          fc.record({ data: fc.constantFrom('{{ id }}', '{{ host path.id }}', '{{ nope }}', '{{ int 1 }}', '{{ now x }}') }),
        ),
      },
      { requiredKeys: ['request'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(shaped, fc.jsonValue()), async (body) => {
        const res = await m.call('POST', '/__mock/stubs', { rawBody: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect([201, 400], res.text).toContain(res.status);
        if (res.status === 400) {
          expect(res.json.error.code).toBe('COM10001');
          return;
        }
        for (const stub of res.json.stubs) {
          const path = String(stub.path).replace(/\{\w+\}/g, '7');
          const answer = await m.call(stub.method, path, stub.method === 'GET' ? {} : { body: {} });
          expect(answer.status, answer.text).toBeLessThan(600);
          expect(answer.status, answer.text).not.toBe(500);
          if (answer.headers.get('content-type')?.includes('json') && answer.text !== '') JSON.parse(answer.text);
          await m.call('DELETE', `/__mock/stubs/${encodeURIComponent(stub.id)}`);
        }
      }),
      { seed: 16, numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  }, 60_000);
});
