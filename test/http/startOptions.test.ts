/** Issue 25: startOcpMock's `tls` and `watch` options. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReloadOutcome, startOcpMock } from '../../src/index.js';

function getJson(url: string, ca: string | undefined): Promise<unknown> {
  return new Promise((resolve, reject) => {
    request(url, { ca }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => resolve(JSON.parse(text)));
    })
      .on('error', reject)
      .end();
  });
}

describe('startOcpMock options', () => {
  it('tls: self-signed answers an https:// url and the certificate to trust', async () => {
    const ocp = await startOcpMock({ tls: 'self-signed' });
    try {
      expect(ocp.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(ocp.certificate).toContain('-----BEGIN CERTIFICATE-----');
      expect(await getJson(`${ocp.url}/__mock/health`, ocp.certificate)).toEqual({ status: 'UP' });
      await expect(getJson(`${ocp.url}/__mock/health`, undefined)).rejects.toThrow(/self[- ]signed/);
    } finally {
      await ocp.close();
    }
  });

  it('watch: a scenario file changed is read again, onReload hears it, close stops watching', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-start-watch-'));
    writeFileSync(join(dir, 'mine.yaml'), 'name: mine\ndescription: one\n');
    const heard: ReloadOutcome[] = [];
    let wake: () => void = () => {};
    const ocp = await startOcpMock({
      scenariosDir: dir,
      watch: true,
      onReload: (o) => {
        heard.push(o);
        wake();
      },
    });
    try {
      const reloaded = new Promise<void>((resolve) => {
        wake = resolve;
      });
      writeFileSync(join(dir, 'mine.yaml'), 'name: mine\ndescription: two\n');
      await reloaded;
      expect(heard[0]).toMatchObject({ kind: 'scenarios', ok: true });
      const res = await fetch(`${ocp.url}/__mock/scenarios`);
      const { scenarios } = (await res.json()) as { scenarios: { name: string; description: string }[] };
      expect(scenarios.find((s) => s.name === 'mine')?.description).toBe('two');
    } finally {
      await ocp.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
