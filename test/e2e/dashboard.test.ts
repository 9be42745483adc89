/**
 * Issue 7: the dashboard in a real browser (Debian's Chromium driven by playwright-core) against
 * the real server: a presenter submits a stop under node-timeout, advances the clock, sees the
 * Stop node and the task turn FAILED, presses retry, and sees it succeed, all without a reload.
 * Screenshots of each state go to test-results/screenshots/.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from fetch
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './chromium.js';
import { basic, type Running, startCli } from './cli.js';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));
if (!hasChromium) console.warn(`dashboard tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

let server: Running;
let browser: Browser;
let page: Page;

async function api(path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: basic('admin'), 'content-type': 'application/json' } });
  return res.json();
}

/** The node of the DAG for a subtask kind on a host, by its accessible label. */
const node = (label: RegExp) => page.getByRole('button', { name: label });

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    // An operation of the user's own (the fixture test/http/userOperations.test.ts runs too), from the dashboard.
    const operations = fileURLToPath(new URL('../fixtures/operations', import.meta.url));
    // And stubs (test/http/stubs.test.ts's fixture), for the stubs panel.
    const stubs = fileURLToPath(new URL('../fixtures/stubs', import.meta.url));
    server = await startCli(['--clock', 'manual', '--seed', '3', '--log-level', 'silent', '--operations-dir', operations, '--stubs-dir', stubs]);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a presenter’s run: stop under node-timeout, watch it fail, retry, watch it succeed', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url); // `/` redirects to the dashboard
    expect(new URL(page.url()).pathname).toBe('/__mock/ui');
    await page.locator('#host-list input').first().waitFor();
    await page.locator('#host-list input[value="2"]').check();
    await page.locator('#host-list input[value="20"]').check();
    await page.getByLabel('Scenario', { exact: true }).selectOption('node-timeout');
    await page.getByRole('button', { name: 'Stop selected agents' }).click();

    await node(/Prepare stop OCP agent, host 2 · (READY|RUNNING)/).waitFor();
    expect(await page.locator('g.node').count()).toBe(8);
    await expect.poll(() => page.locator('#host-list').getByText('STOPPING').count()).toBe(2);
    await page.screenshot({ path: `${SHOTS}/1-submitted.png` });

    // Past the Stop node's 600 s timeout.
    await page.getByLabel('Advance by').selectOption('600000');
    await page.getByRole('button', { name: 'Advance' }).click();
    await page.getByRole('button', { name: 'Advance' }).click();
    await node(/Stop all OCP agent processes, host 2 · FAILED/).waitFor();
    await page.locator('#dag-title .st.FAILED').waitFor();
    const taskId = Number(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('task'));
    expect((await api(`/api/v2/tasks/instances/${taskId}`)).data.status).toBe('FAILED');
    await expect.poll(() => page.getByRole('button', { name: 'Retry task' }).isEnabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Roll back task' }).isEnabled()).toBe(true);

    // The node's details and log, by keyboard.
    await node(/Stop all OCP agent processes, host 2 · FAILED/).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#node-log').textContent()).toContain('timed out after 600 seconds');
    expect(await page.locator('#node-facts').textContent()).toContain('FAILED');
    await page.screenshot({ path: `${SHOTS}/2-node-timeout-failed.png` });

    await page.getByRole('button', { name: 'Retry task' }).click();
    await node(/Stop all OCP agent processes, host 2 · (READY|RUNNING), run 2 · RETRY/).waitFor();
    await page.screenshot({ path: `${SHOTS}/3-retrying.png` });
    await page.getByLabel('Advance by').selectOption('60000');
    await page.getByRole('button', { name: 'Advance' }).click();
    await page.locator('#dag-title .st.SUCCESSFUL').waitFor();
    expect((await api(`/api/v2/tasks/instances/${taskId}`)).data).toMatchObject({ status: 'SUCCESSFUL', operation: 'RETRY' });
    await expect.poll(() => page.locator('#host-list').getByText('OFFLINE').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('button', { name: 'Retry task' }).isEnabled()).toBe(false);
    await page.screenshot({ path: `${SHOTS}/4-retried-successful.png` });
    expect(errors).toEqual([]);
  });

  it('follows changes made through the API, without a reload', async () => {
    const submitted = await api('/api/v2/compute/hosts/batchStopAgents', { method: 'POST', body: JSON.stringify({ hostIds: [1001] }) });
    await page.getByRole('button', { name: new RegExp(`^Show task ${submitted.data.id}`) }).click();
    await node(/Prepare stop OCP agent, host 1001/).waitFor();
    await api('/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 3_600_000 }) });
    await page.locator('#dag-title .st.SUCCESSFUL').waitFor({ timeout: 3000 });
    await api('/__mock/scenario', { method: 'PUT', body: JSON.stringify({ name: 'rollback' }) });
    await expect.poll(() => page.locator('#default-scenario').inputValue()).toBe('rollback');
  });

  it('restarts the stopped agents and shows a host’s processes', async () => {
    // Hosts 2 and 20 were stopped by the presenter's run.
    await page.locator('#host-list input[value="2"]').check();
    await page.getByLabel('Scenario', { exact: true }).selectOption('success');
    await page.getByRole('button', { name: 'Restart selected agents' }).click();
    await node(/Start all OCP agent processes, host 2 · PENDING/).waitFor();
    expect(await page.locator('g.node').count()).toBe(9);
    await expect.poll(() => page.locator('#host-list label[title^="Host 2:"]').getAttribute('title')).toContain('RESTARTING');
    await page.locator('#process-host').selectOption('2');
    await expect.poll(() => page.locator('#process-rows tr[data-alias="ocp_agentd"]').textContent()).toContain('STARTED');
    await page.getByLabel('Advance by').selectOption('600000');
    await page.getByRole('button', { name: 'Advance' }).click();
    await page.locator('#dag-title .st.SUCCESSFUL').waitFor();
    await expect.poll(() => page.locator('#host-list label[title^="Host 2:"]').getAttribute('title')).toContain('AVAILABLE');
    await expect.poll(() => page.locator('#process-rows tr[data-alias="node_exporter"]').textContent()).toMatch(/STARTED\d+\d+ s/);
    await page.screenshot({ path: `${SHOTS}/5-restarted.png` });
  });

  it('runs an operation of the user’s own on the selected hosts', async () => {
    await page.locator('#host-list input[value="1002"]').check();
    await page.getByRole('button', { name: 'Batch upgrade OCP agent on selected' }).click();
    await node(/Upgrade OCP agent, host 1002 · PENDING/).waitFor();
    expect(await page.locator('g.node').count()).toBe(3);
    await expect.poll(() => page.locator('#host-list label[title^="Host 1002:"]').getAttribute('title')).toContain('RESTARTING');
    await page.getByLabel('Advance by').selectOption('600000');
    await page.getByRole('button', { name: 'Advance' }).click();
    await page.locator('#dag-title .st.SUCCESSFUL').waitFor();
    await expect.poll(() => page.locator('#host-list label[title^="Host 1002:"]').getAttribute('title')).toContain('AVAILABLE');
  });

  it('shows regions and IDCs, adds hosts through Prepare host tasks, and removes hosts', async () => {
    await expect.poll(() => page.locator('#region-list').textContent()).toContain('beijing (#1): bj-idc1 #11, bj-idc2 #12');
    await expect.poll(() => page.locator('#host-list label[title^="Host 2:"]').textContent()).toMatch(/ · \w+ \/ \w+-idc\d/);
    await page.getByText('Add hosts').click();
    await page.getByLabel('Inner IP addresses').fill('10.66.0.1, 10.66.0.2');
    await page.getByLabel('IDC', { exact: true }).selectOption({ label: 'hangzhou / hz-idc2' });
    await page.getByLabel('Host type').selectOption({ label: 'highmem-32c256g' });
    await page.getByLabel('Scenario', { exact: true }).selectOption('success');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await node(/Install ocp agent/).waitFor();
    expect(await page.locator('g.node').count()).toBe(5);
    const added = page.locator('#host-list label', { hasText: '10.66.0.1' });
    await expect.poll(() => added.getAttribute('title')).toMatch(/: NEW, agent OFFLINE$/);
    expect(await added.textContent()).toContain('hangzhou / hz-idc2');
    await page.screenshot({ path: `${SHOTS}/6-adding-hosts.png` });
    // Not stoppable while it is being prepared: the server says why.
    await added.locator('input').check();
    await page.getByRole('button', { name: 'Stop selected agents' }).click();
    await expect.poll(() => page.locator('#toast').textContent()).toContain('CMP07019');
    await page.getByLabel('Advance by').selectOption('3600000');
    await page.getByRole('button', { name: 'Advance' }).click();
    await expect.poll(() => added.getAttribute('title')).toMatch(/: ONLINE, agent AVAILABLE$/);
    const hostId = Number(await added.locator('input').getAttribute('value'));
    await added.locator('input').check();
    await page.getByRole('button', { name: 'Stop selected agents' }).click();
    await node(new RegExp(`Stop all OCP agent processes, host ${hostId}`)).waitFor();
    // The other new host goes away.
    const other = page.locator('#host-list label', { hasText: '10.66.0.2' });
    await other.locator('input').check();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Remove selected hosts' }).click();
    await expect.poll(() => other.count()).toBe(0);
    expect((await api(`/api/v2/compute/hosts/${hostId + 1}`)).error.code).toBe('CMP07005');
  });

  it('lists the stubs in force with how often each answered, and removes one', async () => {
    const panel = page.locator('#stubs-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    const row = page.locator('#stub-rows tr[data-stub="list-clusters"]');
    await expect.poll(() => row.textContent()).toContain('GET /api/v2/ob/clustersclusters.yaml0');
    expect(await page.locator('#stub-count').textContent()).toBe('(5)');
    expect((await api('/api/v2/ob/clusters')).data.contents).toHaveLength(1);
    await expect.poll(() => row.locator('td').nth(3).textContent()).toBe('1');
    await page.getByRole('button', { name: 'Remove stub list-clusters', exact: true }).click();
    await expect.poll(() => row.count()).toBe(0);
    // Without the stub the simulator answers (issue 23: the cluster list is simulated): its three seeded clusters.
    expect((await api('/api/v2/ob/clusters')).data.contents.map((c: { name: string }) => c.name)).toEqual(['cluster01', 'cluster01_standby', 'test']);
    await page.screenshot({ path: `${SHOTS}/7-stubs.png` });
  });
});
