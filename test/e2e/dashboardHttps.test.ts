/**
 * Issue 25: the dashboard over HTTPS (`--tls self-signed`) in Debian's Chromium, trusting exactly
 * the printed certificate (its public key pinned with --ignore-certificate-errors-spki-list, not
 * every certificate): it loads, follows the simulator through its event stream, and a browser that
 * does not trust the certificate is refused.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './chromium.js';
import { basic, type Running, startCli } from './cli.js';

if (!hasChromium) console.warn(`dashboard over HTTPS skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

let server: Running;
let ca: string;
let browser: Browser;

function api(path: string, body?: unknown): Promise<any> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${server.url}${path}`,
      { method: text ? 'POST' : 'GET', ca, headers: { authorization: basic('admin'), 'content-type': 'application/json' } },
      (res) => {
        let out = '';
        res.on('data', (d) => {
          out += d;
        });
        res.on('end', () => resolve(JSON.parse(out)));
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

describe.skipIf(!hasChromium)('dashboard over HTTPS in Chromium', () => {
  beforeAll(async () => {
    server = await startCli(['--tls', 'self-signed', '--clock', 'manual', '--seed', '3', '--log-level', 'silent']);
    ca = readFileSync(/TLS certificate: (\S+)/.exec(server.stdout())?.[1] as string, 'utf8');
    const spki = createHash('sha256')
      .update(new X509Certificate(ca).publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${spki}`] });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens, and follows a stop to SUCCESSFUL through the event stream without a reload', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    expect(new URL(page.url()).protocol).toBe('https:');
    expect(new URL(page.url()).pathname).toBe('/__mock/ui');
    await page.locator('#host-list input').first().waitFor();
    const submitted = await api('/api/v2/compute/hosts/batchStopAgents', { hostIds: [1001] });
    await page.getByRole('button', { name: new RegExp(`^Show task ${submitted.data.id}`) }).click();
    await page.getByRole('button', { name: /Prepare stop OCP agent, host 1001/ }).waitFor();
    await api('/__mock/clock/advance', { ms: 3_600_000 });
    await page.locator('#dag-title .st.SUCCESSFUL').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a browser that does not trust the certificate is refused', async () => {
    const untrusting = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await untrusting.newPage();
      await expect(page.goto(server.url)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await untrusting.close();
    }
  });
});
