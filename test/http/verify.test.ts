/** Issue 25, part 1: asking the journal (filters, count, find, near misses) and verifying calls from code. */
import { afterEach, describe, expect, it } from 'vitest';
import { type OcpMockHandle, startOcpMock, VerificationError } from '../../src/index.js';
import { AUTH, mock } from '../helpers.js';

describe('GET /__mock/requests filters', () => {
  it('filters by method, path (literal or pattern, with or without /api/v2), status, user, scenario and since', async () => {
    const m = mock();
    const stop = await m.stop([2]);
    const taskId = stop.json.data.id;
    await m.task(taskId, { user: 'viewer' });
    await m.call('GET', `/tasks/instances/${taskId}`, { headers: { 'X-OCP-Mock-Scenario': 'slow' } });
    await m.task(999999);
    await m.call('GET', '/api/v2/compute/hosts/2', { user: 'viewer' });
    const get = async (q: string) => (await m.call('GET', `/__mock/requests?${q}`)).json;
    expect((await get('method=POST')).count).toBe(1);
    expect((await get('method=post')).requests[0].path).toBe('/api/v2/compute/hosts/batchStopAgents');
    expect((await get(`path=/api/v2/tasks/instances/${taskId}`)).count).toBe(2);
    const pattern = await get(`path=${encodeURIComponent('/api/v2/tasks/instances/{id}')}`);
    expect(pattern.count).toBe(3);
    expect(pattern.requests.map((r: { path: string }) => r.path)).toEqual([
      `/api/v2/tasks/instances/${taskId}`,
      `/tasks/instances/${taskId}`,
      '/api/v2/tasks/instances/999999',
    ]);
    expect((await get('status=404')).requests[0].path).toBe('/api/v2/tasks/instances/999999');
    expect((await get('user=viewer')).count).toBe(2);
    expect((await get('scenario=slow')).count).toBe(1);
    expect((await get('user=viewer&path=/compute/hosts/{id}')).count).toBe(1);
    const all = await get('');
    expect(all).toMatchObject({ count: 5, capacity: 1000, dropped: 0, complete: true });
    const third = all.requests[2].time;
    expect((await get(`since=${encodeURIComponent(third)}`)).count).toBeGreaterThanOrEqual(3);
    expect((await get(`since=${Date.parse(third) + 60_000}`)).count).toBe(0);
  });

  it('refuses a bad filter with OCP’s 400 naming it (never a 500)', async () => {
    const m = mock();
    for (const [q, field] of [
      ['status=abc', 'status'],
      ['since=yesterday', 'since'],
      ['methd=GET', 'methd'],
      ['path=tasks', 'path'],
      ['method=GE%20T', 'method'],
    ] as const) {
      const res = await m.call('GET', `/__mock/requests?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.json.error.code).toBe('COM10001');
      expect(res.json.error.subErrors[0].field).toBe(field);
    }
  });
});

describe('POST /__mock/requests/count and /find', () => {
  it('matches method, pattern, query, headers and a body subset or equality', async () => {
    const m = mock();
    await m.stop([2]);
    await m.stop([20, 1001]);
    await m.call('GET', '/api/v2/compute/hosts?status=ONLINE&size=3', { headers: { 'X-Trace': 'abc' } });
    const count = async (matcher: unknown) => (await m.call('POST', '/__mock/requests/count', { body: matcher })).json;
    expect(await count({ method: 'POST', path: '/compute/hosts/batchStopAgents' })).toEqual({ count: 2, dropped: 0, complete: true });
    expect((await count({ body: { hostIds: [2] } })).count).toBe(1);
    expect((await count({ body: { hostIds: [20] } })).count).toBe(0);
    expect((await count({ body: {} })).count).toBe(2);
    expect((await count({ bodyEquals: { hostIds: [20, 1001] } })).count).toBe(1);
    expect((await count({ bodyEquals: {} })).count).toBe(0);
    expect((await count({ query: { status: 'ONLINE', size: 3 } })).count).toBe(1);
    expect((await count({ query: { size: 4 } })).count).toBe(0);
    expect((await count({ headers: { 'x-trace': 'abc' } })).count).toBe(1);
    expect((await count({ headers: { 'X-Trace': 'abd' } })).count).toBe(0);
    expect((await count({ status: 200, user: 'admin' })).count).toBe(3);
    expect((await count({})).count).toBe(3);
    const found = (await m.call('POST', '/__mock/requests/find', { body: { path: '/api/v2/compute/hosts/batchStopAgents', body: { hostIds: [20, 1001] } } }))
      .json;
    expect(found.count).toBe(1);
    expect(found.requests[0]).toMatchObject({ method: 'POST', body: { hostIds: [20, 1001] }, status: 200 });
    // An empty body is the matcher of everything.
    expect((await m.call('POST', '/__mock/requests/count', { rawBody: '' })).json.count).toBe(3);
  });

  it('names the near misses and how each differs', async () => {
    const m = mock();
    await m.stop([20]);
    await m.call('POST', '/api/v2/compute/hosts/batchRestartAgents', { body: { hostIds: [2] } });
    const res = await m.call('POST', '/__mock/requests/near-misses', {
      body: { method: 'POST', path: '/compute/hosts/batchStopAgents', body: { hostIds: [2] } },
    });
    const [first, second] = res.json.nearMisses;
    expect(first.request.path).toBe('/api/v2/compute/hosts/batchStopAgents');
    expect(first.differences).toEqual(['body.hostIds[0]: expected 2, got 20']);
    expect(second.differences[0]).toContain('path: expected "/compute/hosts/batchStopAgents", got "/api/v2/compute/hosts/batchRestartAgents"');
  });

  it('says when the journal dropped entries, so a count past journalSize is never silently low', async () => {
    const m = mock({ journalSize: 3 });
    for (let i = 0; i < 5; i++) await m.call('GET', '/api/v2/compute/hosts/2');
    const counted = (await m.call('POST', '/__mock/requests/count', { body: { path: '/compute/hosts/2' } })).json;
    expect(counted).toEqual({ count: 3, dropped: 2, complete: false });
    const listed = (await m.call('GET', '/__mock/requests')).json;
    expect(listed).toMatchObject({ count: 3, dropped: 2, complete: false });
    // Entries since the newest dropped one: complete again.
    const since = listed.requests[0].time;
    const later = new Date(Date.parse(since) + 1).toISOString();
    expect((await m.call('POST', '/__mock/requests/count', { body: { since: later } })).json.complete).toBe(true);
    await m.call('DELETE', '/__mock/requests');
    expect((await m.call('POST', '/__mock/requests/count', { body: {} })).json).toEqual({ count: 0, dropped: 0, complete: true });
  });

  it('refuses a bad matcher with OCP’s 400 naming the field', async () => {
    const m = mock();
    for (const [body, field] of [
      [{ methd: 'GET' }, 'requestMatcher'],
      [{ status: 'ok' }, 'status'],
      [{ path: 'no-slash' }, 'path'],
      [{ since: 'soon' }, 'since'],
      [{ query: { a: { b: 1 } } }, 'query.a'],
    ] as const) {
      const res = await m.call('POST', '/__mock/requests/count', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.error.code).toBe('COM10001');
      expect(res.json.error.subErrors[0].field).toBe(field);
    }
    const notJson = await m.call('POST', '/__mock/requests/find', { rawBody: '{nope', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    expect(notJson.json.error.code).toBe('COM10001');
  });
});

describe('ocp.verify and ocp.waitFor', () => {
  let ocp: OcpMockHandle;
  afterEach(async () => {
    await ocp?.close();
  });
  const post = (path: string, body: unknown) =>
    fetch(`${ocp.url}${path}`, { method: 'POST', headers: { authorization: AUTH.admin, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('batchStopAgents called twice fails times: 1, naming both calls and the differing field', async () => {
    ocp = await startOcpMock({ clock: 'manual' });
    await post('/api/v2/compute/hosts/batchStopAgents', { hostIds: [2] });
    await post('/api/v2/compute/hosts/batchStopAgents', { hostIds: [20] });
    const matcher = { method: 'POST', path: '/api/v2/compute/hosts/batchStopAgents' };
    let error: unknown;
    try {
      ocp.verify(matcher, { times: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VerificationError);
    const message = (error as Error).message;
    expect(message).toContain('Expected exactly 1 request(s) matching POST /api/v2/compute/hosts/batchStopAgents; received 2:');
    expect(message).toMatch(/1\. \S+ POST \/api\/v2\/compute\/hosts\/batchStopAgents -> 200 \(admin, success\) task \d+ body \{"hostIds":\[2\]\}/);
    expect(message).toMatch(/2\. \S+ POST \/api\/v2\/compute\/hosts\/batchStopAgents -> 200 \(admin, success\) task \d+ body \{"hostIds":\[20\]\}/);
    // With the body: one matches, so times: 1 holds; [1001] matches neither, and both are named with the field that differs.
    expect(ocp.verify({ ...matcher, body: { hostIds: [2] } }, { times: 1 }).count).toBe(1);
    expect(() => ocp.verify({ ...matcher, body: { hostIds: [1001] } }, { times: 1 })).toThrow(
      /received 0\.\nNearest requests that did not match:\n {2}1\. .*"hostIds":\[20\]\}\n {7}body\.hostIds\[0\]: expected 1001, got 20\n {2}2\. .*"hostIds":\[2\]\}\n {7}body\.hostIds\[0\]: expected 1001, got 2/,
    );
    // times: 2 with the body: one call matched, the other is named with the field that differs.
    expect(() => ocp.verify({ ...matcher, body: { hostIds: [2] } }, { times: 2 })).toThrow(
      /received 1:\n {2}1\. .*"hostIds":\[2\]\}\nNearest requests that did not match:\n {2}1\. .*"hostIds":\[20\]\}\n {7}body\.hostIds\[0\]: expected 2, got 20$/,
    );
    expect(ocp.verify(matcher, { atLeast: 2 }).count).toBe(2);
    expect(() => ocp.verify(matcher, { atMost: 1 })).toThrow(/at most 1 request/);
    expect(() => ocp.verify({ method: 'GET' })).toThrow(/at least 1 request.*\n.*\n.*\n {7}method: expected "GET", got "POST"/);
    expect(ocp.count({ path: '/compute/hosts/batchStopAgents' })).toBe(2);
    expect(ocp.find({ body: { hostIds: [20] } }).requests[0]?.body).toEqual({ hostIds: [20] });
    expect(() => ocp.verify({ path: 'x' })).toThrow(TypeError);
    expect(() => ocp.verify(matcher, { times: 1, atLeast: 1 })).toThrow(/times goes alone/);
  });

  it('waitFor resolves when a client calls later, and rejects with the near misses when it never does', async () => {
    ocp = await startOcpMock({ clock: 'manual' });
    const waiting = ocp.waitFor({ method: 'POST', path: '/compute/hosts/{id}/agent/stop' }, { timeoutMs: 10_000 });
    setTimeout(() => void post('/api/v2/compute/hosts/2/agent/stop', {}), 20);
    const got = await waiting;
    expect(got.requests[0]?.path).toBe('/api/v2/compute/hosts/2/agent/stop');
    await expect(ocp.waitFor({ method: 'POST', path: '/compute/hosts/{id}/agent/restart' }, { timeoutMs: 50 })).rejects.toThrow(
      /waited 50 ms: Expected at least 1 request\(s\) matching POST \/compute\/hosts\/\{id\}\/agent\/restart; received 0\.\nNearest requests that did not match:\n.*agent\/stop/,
    );
  });

  it('says a count may be low once the journal dropped entries', async () => {
    ocp = await startOcpMock({ clock: 'manual', journalSize: 1 });
    await post('/api/v2/compute/hosts/batchStopAgents', { hostIds: [2] });
    await post('/api/v2/compute/hosts/batchStopAgents', { hostIds: [20] });
    expect(ocp.find({})).toMatchObject({ count: 1, dropped: 1, complete: false });
    expect(() => ocp.verify({ path: '/compute/hosts/batchStopAgents' }, { times: 2 })).toThrow(/dropped 1 older request\(s\).*the count may be low/);
  });
});

describe('hostile matchers', () => {
  it('any JSON body answers 200 or OCP’s 400, never a 500', async () => {
    const fc = (await import('fast-check')).default;
    const m = mock();
    await m.stop([2]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), fc.record({ body: fc.jsonValue(), path: fc.string(), query: fc.jsonValue() }, { requiredKeys: [] })),
        async (body) => {
          for (const route of ['count', 'find', 'near-misses']) {
            const res = await m.call('POST', `/__mock/requests/${route}`, { body });
            expect([200, 400]).toContain(res.status);
            if (res.status === 400) expect(res.json.error.code).toBe('COM10001');
          }
        },
      ),
      { numRuns: 200 },
    );
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await m.call('POST', '/__mock/requests/count', { rawBody: `{"body":${deep}}`, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.json.error.subErrors[0].message).toContain('nested more than 32 levels deep');
  });
});
