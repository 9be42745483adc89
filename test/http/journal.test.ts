/** Issue 6, point 3: the request journal. */
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

describe('GET /__mock/requests', () => {
  it('lists what was received and answered, with secrets redacted', async () => {
    const m = mock();
    const stop = await m.stop([2], { headers: { 'X-OCP-Mock-Scenario': 'success', Cookie: 'SESSION=abc' } });
    await m.call('GET', '/api/v2/compute/hosts?status=ONLINE&size=3', { user: 'viewer' });
    await m.call('POST', '/api/v2/compute/hosts/batchStopAgents', { body: { hostIds: [20], password: 'hunter2' }, user: 'viewer' });
    const { requests } = (await m.call('GET', '/__mock/requests', { user: null })).json;
    expect(requests).toHaveLength(3);
    const [first, second, third] = requests;
    expect(first).toMatchObject({
      method: 'POST',
      path: '/api/v2/compute/hosts/batchStopAgents',
      body: { hostIds: [2] },
      scenario: 'success',
      status: 200,
      user: 'admin',
    });
    expect(first.taskId).toBe(stop.json.data.id);
    expect(first.traceId).toBe(stop.json.traceId);
    expect(first.headers.authorization).toBe('Basic admin:***');
    expect(first.headers.cookie).toBe('***');
    expect(JSON.stringify(requests)).not.toContain(Buffer.from('admin:admin').toString('base64'));
    expect(second).toMatchObject({ method: 'GET', query: { status: 'ONLINE', size: '3' }, status: 200, user: 'viewer' });
    expect(third).toMatchObject({ status: 403, body: { hostIds: [20], password: '***' } });
    expect(third.taskId).toBeUndefined();
  });

  it('names the nearest routes for a path that matches none', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/task/instances/31062');
    expect(res.status).toBe(404);
    expect(res.json.error.message).toContain('nearest: GET /api/v2/tasks/instances/{taskId}');
    const [entry] = (await m.call('GET', '/__mock/requests')).json.requests;
    expect(entry.status).toBe(404);
    expect(entry.nearestRoutes[0]).toBe('GET /api/v2/tasks/instances/{taskId}');
    await m.call('POST', '/api/v2/compute/hosts/batchStopAgent', { body: { hostIds: [2] } });
    const entries = (await m.call('GET', '/__mock/requests')).json.requests;
    expect(entries[1].nearestRoutes[0]).toBe('POST /api/v2/compute/hosts/batchStopAgents');
  });

  it('DELETE clears it; it keeps a bounded number of entries; admin calls are not journaled', async () => {
    const m = mock({ journalSize: 5 });
    for (let i = 0; i < 8; i++) await m.call('GET', '/api/v2/compute/hosts/2');
    await m.call('GET', '/__mock/clock');
    const { requests, capacity } = (await m.call('GET', '/__mock/requests')).json;
    expect(capacity).toBe(5);
    expect(requests).toHaveLength(5);
    expect((await m.call('DELETE', '/__mock/requests')).status).toBe(200);
    expect((await m.call('GET', '/__mock/requests')).json.requests).toHaveLength(0);
  });

  it('is bounded in bytes as well: a large body is kept truncated, its full size noted, and the oldest entries go', async () => {
    const m = mock({ journalBytes: 1_000_000 });
    const big = 'x'.repeat(200 * 1024);
    for (let i = 0; i < 20; i++)
      await m.call('POST', '/api/v2/compute/hosts/batchStopAgents', { rawBody: big, headers: { 'content-type': 'application/json' } });
    await m.call('GET', '/api/v2/compute/hosts/2');
    const { requests } = (await m.call('GET', '/__mock/requests')).json;
    // 64 KiB kept of each 200 KiB body: about 7 of them fit in 1 MB (counted at 2 bytes a character).
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.length).toBeLessThan(10);
    expect(requests.at(-1).path).toBe('/api/v2/compute/hosts/2');
    expect(requests[0].body).toMatch(/^x+… \(truncated: 204800 bytes\)$/);
    expect(m.journal.usage().bytes).toBeLessThanOrEqual(1_000_000);
  });
});
