/** Issue 6, point 5: OCP's probes and the request log lines. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { mock } from '../helpers.js';

describe('probes', () => {
  it('GET /api/v2/time answers the simulated now in OCP’s format', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/time', { user: 'viewer' });
    expect(res.json).toMatchObject({ successful: true, data: '2021-09-03T15:01:10.636+08:00' });
    m.advance(1000);
    expect((await m.call('GET', '/api/v2/time')).json.data).toBe('2021-09-03T15:01:11.636+08:00');
  });

  it('GET /api/v2/info answers the OCP version', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/info');
    expect(res.json.data.buildVersion).toMatch(/^4\.2\.2-/);
    expect((await m.call('GET', '/api/v2/info', { user: null })).status).toBe(401);
  });
});

describe('request log lines', () => {
  it('pretty and json, filtered by level', () => {
    const lines: string[] = [];
    const line = {
      method: 'POST',
      path: '/api/v2/compute/hosts/batchStopAgents',
      status: 200,
      durationMs: 3,
      scenario: 'success',
      traceId: 'abc',
      user: 'admin',
      taskId: 31062,
    };
    createLogger('info', 'pretty', (s) => lines.push(s)).request(line);
    expect(lines[0]).toMatch(/INFO: POST \/api\/v2\/compute\/hosts\/batchStopAgents 200 3ms scenario=success user=admin task=31062 trace=abc\n$/);
    createLogger('info', 'json', (s) => lines.push(s)).request({ ...line, status: 500 });
    expect(JSON.parse(lines[1]!)).toMatchObject({ level: 'warn', msg: 'request', status: 500, taskId: 31062 });
    createLogger('error', 'pretty', (s) => lines.push(s)).request(line);
    createLogger('silent', 'json', (s) => lines.push(s)).request({ ...line, status: 500 });
    expect(lines).toHaveLength(2);
  });
});
