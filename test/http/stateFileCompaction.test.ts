/**
 * Issue 13: the state file is compacted to what is retained, and a restart from a compacted file
 * rebuilds exactly what a client saw: tasks, their states and ids, hosts' agents (those whose
 * newest task was dropped included), the clock and the default scenario.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n').length;

describe('--state-file with --max-tasks', () => {
  it('keeps the file the size of what is retained, and a restart from it shows the same', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-mock-compact-')), 'state.jsonl');
    const options = { stateFile, maxTasks: 10, hosts: 900, seed: 4 };
    const first = mock(options);
    const hosts = (await first.call('GET', '/api/v2/compute/hosts?size=900')).json.data.contents
      .filter((h: { hostAgentStatus: string }) => h.hostAgentStatus === 'AVAILABLE')
      .map((h: { id: number }) => h.id);
    let maxLines = 0;
    for (let i = 0; i < 450; i++) {
      // A few that run for 10 minutes: dropped while still running, they are kept whole.
      const scenario = i % 40 === 0 ? 'node-timeout' : i % 5 === 0 ? 'partial-failure' : 'success';
      const res = await first.stop([hosts[i]], { headers: { 'X-OCP-Mock-Scenario': scenario } });
      expect(res.status).toBe(200);
      if (i % 10 === 0) first.advance(30_000);
      if (i % 25 === 0) await first.call('PUT', '/__mock/scenario', { body: { name: i % 50 === 0 ? 'slow' : 'success' } });
      maxLines = Math.max(maxLines, lines(stateFile));
    }
    // An agent process stopped (kept in the file like a task's action).
    const processes = (await first.call('GET', `/api/v2/compute/hosts/${hosts.at(-1)}/agent/processes`)).json.data.contents;
    const exporter = processes.find((p: { alias: string }) => p.alias === 'node_exporter');
    expect((await first.call('POST', `/api/v2/compute/hosts/${hosts.at(-1)}/agent/processes/${exporter.id}/stop`)).status).toBe(200);
    // A failed task retried (acts are compacted too), then enough stops to compact again.
    first.advance(60_000);
    const failed = (await first.call('GET', '/api/v2/tasks/instances?size=10&status=FAILED')).json.data.contents;
    expect(failed.length).toBeGreaterThan(0);
    expect((await first.call('POST', `/api/v2/tasks/instances/${failed[0].id}/retry`)).status).toBe(200);
    // Compacted while the retried task is still listed, its retry with it.
    first.simulator.compactStateFile();
    expect(readFileSync(stateFile, 'utf8')).toContain(`"c":"act"`);
    let i = 450;
    for (let before = lines(stateFile); i < 650; i++) {
      expect((await first.stop([hosts[i]])).status).toBe(200);
      if (i % 10 === 0) first.advance(30_000);
      if (lines(stateFile) < before) break;
      before = lines(stateFile);
    }
    expect(i, 'a compaction after the retry').toBeLessThan(650);
    // 450 stops and 45 advances, 10 retained (and a dozen dropped ones still running): the file
    // stays near what is live, far from the ~500 lines of everything.
    expect(maxLines).toBeLessThan(150);

    const second = mock(options);
    for (const path of [
      '/api/v2/tasks/instances?size=20',
      '/api/v2/compute/hosts?size=900',
      '/__mock/scenario',
      `/api/v2/compute/hosts/${hosts.at(-1)}/agent`,
    ]) {
      const a = (await first.call('GET', path)).json;
      const b = (await second.call('GET', path)).json;
      expect(b.data ?? b, path).toEqual(a.data ?? a);
    }
    expect(second.simulator.now()).toBe(first.simulator.now());
    // The next task gets the same id on both.
    const next = hosts[i + 1];
    expect((await second.stop([next])).json.data.id).toBe((await first.stop([next])).json.data.id);
  });
});
