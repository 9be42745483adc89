/** Issue 9, points 4 and 5: bounded task memory, CORS off unless asked for. */
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

describe('--max-tasks', () => {
  it('drops the oldest finished tasks first; a dropped task reads 404 TSK10001', async () => {
    const m = mock({ maxTasks: 3, hosts: 20 });
    const stuck = (await m.stop([2], { headers: { 'X-OCP-Mock-Scenario': 'node-timeout' } })).json.data.id; // runs 10 min
    const a = (await m.stop([20])).json.data.id;
    const b = (await m.stop([1001])).json.data.id;
    m.advance(120_000); // a and b have finished; the stuck one still runs
    const c = (await m.stop([1002])).json.data.id;
    expect((await m.task(a)).json.error).toMatchObject({ code: 'TSK10001' });
    for (const id of [stuck, b, c]) expect((await m.task(id)).status).toBe(200);
    const d = (await m.stop([1003])).json.data.id;
    expect((await m.task(b)).status).toBe(404);
    expect(m.simulator.taskCount()).toBe(3);
    expect((await m.task(d)).status).toBe(200);
    // The host of a dropped task still shows what it did.
    expect((await m.call('GET', '/api/v2/compute/hosts/20')).json.data.hostAgentStatus).toBe('OFFLINE');
  });
});

describe('CORS', () => {
  it('is off by default', async () => {
    const m = mock();
    const res = await m.call('OPTIONS', '/api/v2/compute/hosts', { headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'GET' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the origins given with --cors', async () => {
    const m = mock({ cors: ['http://app.example'] });
    const pre = await m.call('OPTIONS', '/api/v2/compute/hosts', {
      user: null,
      headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://app.example');
    const other = await m.call('GET', '/api/v2/compute/hosts/2', { headers: { Origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
