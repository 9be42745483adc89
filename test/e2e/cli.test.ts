/** Issue 2, points 2 and 7: the real CLI process, on port 0. */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from fetch
import { describe, expect, it } from 'vitest';
import { basic, runCli, startCli } from './cli.js';

describe('ocp-mock CLI', () => {
  it('listens on 127.0.0.1, prints one line with its URL, answers the documented request, and stops on SIGTERM', async () => {
    const server = await startCli(['--clock', 'manual']);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/compute/hosts/batchStopAgents`, {
        method: 'POST',
        headers: { authorization: basic('admin'), 'content-type': 'application/json' },
        body: JSON.stringify({ hostIds: [2] }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(body.data.name).toBe('Batch stop OCP agent');
      const viewer = await fetch(`${server.url}/compute/hosts/batchStopAgents`, {
        method: 'POST',
        headers: { authorization: basic('viewer'), 'content-type': 'application/json' },
        body: JSON.stringify({ hostIds: [20] }),
      });
      expect(viewer.status).toBe(403);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });

  it('stops cleanly on SIGINT too', async () => {
    const server = await startCli([]);
    expect(await server.stop('SIGINT')).toBe(0);
  });

  it('reads OCP_MOCK_* variables', async () => {
    const server = await startCli([], { OCP_MOCK_TZ: '+00:00', OCP_MOCK_SEED: '5' });
    try {
      const res = await fetch(`${server.url}/api/v2/compute/hosts/2`, { headers: { authorization: basic('viewer') } });
      const body = (await res.json()) as any;
      expect(body.timestamp).toMatch(/Z$/);
    } finally {
      await server.stop();
    }
  });

  it.each([
    [['--port', 'eighty'], '--port'],
    [['--port', '70000'], '--port'],
    [['--seed', '-3'], '--seed'],
    [['--tz', 'Asia/Shanghai'], '--tz'],
    [['--hosts', '2'], '--hosts'],
    [['--clock', 'sundial'], '--clock'],
    [['--speed', '0'], '--speed'],
    [['--scenario', 'nope'], 'nope'],
    [['--frobnicate'], 'frobnicate'],
  ])('refuses %j with exit 2 and a message naming it', async (args, named) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr).toContain(named);
  });

  it('the same seed gives the same bytes in two fresh processes (times aside)', async () => {
    const transcript = async () => {
      const server = await startCli(['--seed', '42', '--clock', 'manual', '--hosts', '16']);
      try {
        const get = async (path: string, init: RequestInit = {}) => {
          const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: basic('admin'), 'content-type': 'application/json' } });
          return (await res.text()).replace(/"(timestamp|duration|startTime|createTime|updateTime|finishTime)":("[^"]*"|\d+)/g, '"$1":0');
        };
        return [
          await get('/api/v2/compute/hosts?size=100'),
          await get('/api/v2/compute/hosts/batchStopAgents', { method: 'POST', body: JSON.stringify({ hostIds: [2, 20, 1001] }) }),
          await get('/api/v2/compute/hosts/batchStopAgents', { method: 'POST', body: JSON.stringify({ hostIds: [1002] }) }),
        ];
      } finally {
        await server.stop();
      }
    };
    const [a, b] = [await transcript(), await transcript()];
    expect(a).toEqual(b);
    expect(a[1]).toContain('"traceId"');
  });

  it('scenarios list prints one line per scenario', async () => {
    const { code, stdout } = await runCli(['scenarios', 'list']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines.find((l) => l.startsWith('node-timeout'))).toContain('600 s timeout');
  });

  it('scenarios validate checks a directory without serving', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    expect((await runCli(['scenarios', 'validate'])).code).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'ocp-validate-'));
    writeFileSync(join(dir, 'broken.yaml'), 'name: broken\ndescription: d\ntask:\n  nodes:\n    - node: Stop\n');
    const bad = await runCli(['scenarios', 'validate', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${join(dir, 'broken.yaml')}: task.nodes[0].node`);
    const start = await runCli(['--port', '0', '--scenarios-dir', dir]);
    expect(start.code).toBe(1);
    expect(start.stderr).toContain('broken.yaml');
  });
});
