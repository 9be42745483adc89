/** Issue 25, part 4: what a reload (`--watch`) keeps and changes, in process (test/e2e/watch.test.ts runs the real CLI). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

const stubFile = (answers: string) => `request: { method: GET, path: /api/v2/ob/seq }\nresponses:\n${answers}`;

describe('reloading the files', () => {
  it('an unchanged stub keeps its place in its answers, a changed one starts again; run-time stubs stay and still win', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-reload-'));
    try {
      writeFileSync(join(dir, 'seq.yaml'), stubFile('  - { data: 1 }\n  - { data: 2 }\n  - { data: 3 }\n'));
      const m = mock({ stubsDir: dir });
      const seq = async () => (await m.call('GET', '/api/v2/ob/seq')).json.data;
      expect(await seq()).toBe(1);
      expect(m.reloader.reload('stubs')).toEqual({ kind: 'stubs', ok: true, count: 1 });
      expect(await seq()).toBe(2);
      writeFileSync(join(dir, 'seq.yaml'), stubFile('  - { data: 10 }\n  - { data: 20 }\n'));
      m.reloader.reload('stubs');
      expect(await seq()).toBe(10);
      await m.call('POST', '/__mock/stubs', { body: { request: { method: 'GET', path: '/api/v2/ob/seq' }, response: { data: 'run time' } } });
      expect(await seq()).toBe('run time');
      writeFileSync(join(dir, 'seq.yaml'), stubFile('  - { data: 100 }\n'));
      m.reloader.reload('stubs');
      expect(await seq()).toBe('run time');
      expect((await m.call('GET', '/__mock/stubs')).json.stubs.map((s: { id: string }) => s.id).sort()).toEqual(['seq', 'stub-get']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses to drop the default scenario, and keeps the last good set', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-reload-'));
    try {
      writeFileSync(join(dir, 'mine.yaml'), 'name: mine\ndescription: x\n');
      const m = mock({ scenariosDir: dir, scenario: 'mine' });
      rmSync(join(dir, 'mine.yaml'));
      const outcome = m.reloader.reload('scenarios');
      expect(outcome.ok).toBe(false);
      expect(outcome.problems).toEqual(['the default scenario "mine" is no longer defined (switch it first: PUT /__mock/scenario)']);
      expect((await m.call('GET', '/__mock/scenarios')).json.scenarios.map((s: { name: string }) => s.name)).toContain('mine');
      expect((await m.call('GET', '/api/v2/compute/hosts/2')).status).toBe(200);
      // Not watching: health says nothing of it.
      expect((await m.call('GET', '/__mock/health')).json).toEqual({ status: 'UP' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
