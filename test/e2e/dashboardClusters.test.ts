/**
 * The dashboard's OB clusters panel in a real browser (Debian's Chromium, playwright-core) against
 * the real server (seed 3, manual clock): clusters with their zones and servers on their hosts,
 * stop/start/restart of a cluster, a zone and a server through OCP's own API, the status shown
 * changing, the task's DAG opening, refusals shown as OCP's error, the create form's host choice.
 * Screenshots go to test-results/screenshots/ (cluster-*.png).
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from fetch
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './chromium.js';
import { basic, type Running, startCli } from './cli.js';

const SHOTS = fileURLToPath(new URL('../../test-results/screenshots', import.meta.url));

let server: Running;
let browser: Browser;
let page: Page;

async function api(path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { authorization: basic('admin'), 'content-type': 'application/json' } });
  return res.json();
}

const advance = (ms: number) => api('/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms }) });
const cluster = (id: number) => page.locator(`#cluster-list article[data-cluster="${id}"]`);
/** The first badge of a cluster's header, a zone's or a server's row: its status. */
const clusterStatus = (id: number) => cluster(id).locator(':scope > .row .st').first().textContent();
const zoneStatus = (id: number, zone: string) => page.locator(`li.zone[data-zone="${id}/${zone}"] > .row .st`).first().textContent();
const serverStatus = (serverId: number) => page.locator(`li.server[data-server="${serverId}"] .st`).first().textContent();
const button = (name: string) => page.getByRole('button', { name, exact: true });
const taskIdInUrl = () => Number(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('task'));

describe.skipIf(!hasChromium)('dashboard OB clusters panel in Chromium', () => {
  const errors: string[] = [];
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startCli(['--clock', 'manual', '--seed', '3', '--log-level', 'silent']);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}/__mock/ui`);
    await cluster(1).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists each cluster (name, id, type, version, status) with its zones and their servers on their hosts', async () => {
    const listed = (await api('/api/v2/ob/clusters')).data.contents;
    await expect.poll(() => page.locator('#cluster-list article h3').allTextContents()).toEqual(listed.map((c: any) => c.name));
    const c1 = await cluster(1).textContent();
    expect(c1).toContain('id 1 · PRIMARY · OceanBase 2.2.76 · obClusterId 1');
    expect(await clusterStatus(1)).toBe('RUNNING');
    expect(await cluster(100).locator('.facts').first().textContent()).toContain('STANDBY');
    // Each zone as the zone list answers it, each server as the server list does, on its host.
    const zones = (await api('/api/v2/ob/clusters/1/zones')).data.contents;
    expect(await cluster(1).locator('li.zone > .row .name').allTextContents()).toEqual(zones.map((z: any) => `Zone ${z.name}`));
    const servers = (await api('/api/v2/ob/clusters/1/servers')).data.contents;
    for (const s of servers) {
      const host = (await api(`/api/v2/compute/hosts/${s.hostId}`)).data;
      const text = await page.locator(`li.server[data-server="${s.id}"]`).textContent();
      expect(text).toContain(`Server ${s.id} ${s.ip}:${s.port}`);
      expect(text).toContain(`on host #${host.id} ${host.name} (${host.innerIpAddress}) · IDC ${host.idcName}`);
      expect(await serverStatus(s.id)).toBe('RUNNING');
    }
    expect(await page.locator('li.server[data-server="1000002"]').textContent()).toMatch(/on host #2 .*· IDC sh-idc1/);
  });

  it('stops a zone through the panel: the status shown changes, the task’s DAG appears, a second operation is refused with OCP’s message', async () => {
    await button('Stop zone zone1 of cluster01').click();
    await expect.poll(() => page.locator('#dag-title').textContent()).toMatch(/^Task \d+ · Stop OB zone/);
    const taskId = taskIdInUrl();
    const task = (await api(`/api/v2/tasks/instances/${taskId}`)).data;
    expect(task.name).toBe('Stop OB zone');
    await expect.poll(() => page.locator('#dag g.node').count()).toBe(task.subtasks.length);
    await page.getByRole('button', { name: /^Stop observer process, host 2 · / }).waitFor();
    await expect.poll(() => zoneStatus(1, 'zone1')).toBe('STOPPING');
    await expect.poll(() => serverStatus(1000002)).toBe('STOPPING');
    expect(await zoneStatus(1, 'zone2')).toBe('RUNNING');
    expect(await page.locator('#cluster-message').textContent()).toContain(`Submitted task ${taskId} (Stop OB zone)`);
    await page.screenshot({ path: `${SHOTS}/cluster-1-zone-stopping.png`, fullPage: true });

    // One operation at a time: the cluster's restart is refused, and the panel says what OCP answered.
    await button('Restart cluster cluster01').click();
    await expect
      .poll(() => page.locator('#cluster-message').textContent())
      .toBe('restart cluster cluster01 refused: OBE11020: The last operation and maintenance task of the cluster is still in progress.');
    expect(await page.locator('#cluster-message').getAttribute('class')).toContain('error');
    // A refused call changes nothing: the DAG shown is still the stop's, the cluster still RUNNING.
    expect(taskIdInUrl()).toBe(taskId);
    expect(await clusterStatus(1)).toBe('RUNNING');
    await page.screenshot({ path: `${SHOTS}/cluster-2-refused.png`, fullPage: true });

    await advance(3_600_000);
    await page.locator('#dag-title .st.SUCCESSFUL').waitFor();
    await expect.poll(() => zoneStatus(1, 'zone1')).toBe('STOPPED');
    await expect.poll(() => serverStatus(1000003)).toBe('STOPPED');
    const zone1 = (await api('/api/v2/ob/clusters/1/zones')).data.contents.find((z: any) => z.name === 'zone1');
    expect(zone1.status).toBe('STOPPED');
  }, 60_000);

  it('starts the zone again, stops and starts a server', async () => {
    await button('Start zone zone1 of cluster01').click();
    await expect.poll(() => page.locator('#dag-title').textContent()).toMatch(/Start OB zone/);
    await expect.poll(() => zoneStatus(1, 'zone1')).toBe('STARTING');
    await advance(3_600_000);
    await expect.poll(() => zoneStatus(1, 'zone1')).toBe('RUNNING');

    await button('Stop server 1000004 of cluster01').click();
    await expect.poll(() => serverStatus(1000004)).toBe('STOPPING');
    await page.getByRole('button', { name: /^Stop observer process, host 20 · / }).waitFor();
    await advance(3_600_000);
    await expect.poll(() => serverStatus(1000004)).toBe('STOPPED');
    await button('Start server 1000004 of cluster01').click();
    await advance(3_600_000);
    await expect.poll(() => serverStatus(1000004)).toBe('RUNNING');
  }, 60_000);

  it('stops a cluster, shows OCP’s refusal to restart it while stopped, and starts it', async () => {
    await button('Stop cluster test').click();
    await expect.poll(() => page.locator('#dag-title').textContent()).toMatch(/Stop OB cluster/);
    await expect.poll(() => clusterStatus(1000002)).toBe('STOPPING');
    await advance(3_600_000);
    await expect.poll(() => clusterStatus(1000002)).toBe('STOPPED');
    expect((await api('/api/v2/ob/clusters/1000002')).data.status).toBe('STOPPED');
    // A stopped cluster cannot be restarted (OCP's refusal, as the call answers it).
    await button('Restart cluster test').click();
    const refusal = await api('/api/v2/ob/clusters/1000002/restart', { method: 'POST' });
    await expect
      .poll(() => page.locator('#cluster-message').textContent())
      .toBe(`restart cluster test refused: ${refusal.error.code}: ${refusal.error.message}`);
    await button('Start cluster test').click();
    await advance(3_600_000);
    await expect.poll(() => clusterStatus(1000002)).toBe('RUNNING');
    await page.screenshot({ path: `${SHOTS}/cluster-3-operations.png`, fullPage: true });
  }, 60_000);

  it('calls as the user and in the scenario the panel names', async () => {
    // The viewer may not manage clusters: OCP's 403, and nothing submitted.
    const before = (await api('/api/v2/tasks/instances?size=1')).data.page.totalElements;
    await page.getByLabel('OCP user').fill('viewer');
    await page.getByLabel('Password', { exact: true }).fill('viewer');
    await button('Stop cluster cluster01_standby').click();
    await expect
      .poll(() => page.locator('#cluster-message').textContent())
      .toBe('stop cluster cluster01_standby refused: IAM11000: You are not authorized to perform the corresponding operation. Contact the administrator.');
    expect((await api('/api/v2/tasks/instances?size=1')).data.page.totalElements).toBe(before);
    await page.getByLabel('OCP user').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill('admin');

    // The scenario goes along as X-OCP-Mock-Scenario: the observer fails to start, the task FAILS.
    await page.getByLabel('Cluster scenario').selectOption('observer-start-fails');
    await button('Restart zone zone3 of cluster01').click();
    await expect.poll(() => page.locator('#dag-title').textContent()).toMatch(/Restart OB zone/);
    expect((await api(`/api/v2/tasks/instances/${taskIdInUrl()}`)).data.status).toBe('RUNNING');
    await advance(3_600_000);
    await page.locator('#dag-title .st.FAILED').waitFor();
    await page.getByRole('button', { name: /^Start observer process, host 1002 · FAILED/ }).waitFor();
    // A failed restart leaves what the zone read before.
    await expect.poll(() => zoneStatus(1, 'zone3')).toBe('RUNNING');
  }, 60_000);

  it('offers a new cluster’s zones only the free ONLINE hosts of their IDC', async () => {
    await page.locator('#create-cluster summary').click();
    const hosts = (await api('/api/v2/compute/hosts?size=1000')).data.contents;
    const busy = new Set<number>();
    for (const c of (await api('/api/v2/ob/clusters')).data.contents) {
      for (const s of (await api(`/api/v2/ob/clusters/${c.id}/servers`)).data.contents) busy.add(s.hostId);
    }
    await page.getByRole('button', { name: 'Add zone' }).click();
    for (const idc of ['sh-idc1', 'bj-idc2']) {
      const choice = page.getByLabel('Zone 2 IDC');
      const option = choice.locator('option', { hasText: `${idc} (` });
      await choice.selectOption((await option.getAttribute('value')) as string);
      const offered = (
        await page
          .getByRole('group', { name: 'Zone 2 hosts' })
          .locator('input')
          .evaluateAll((els) => els.map((e) => Number((e as unknown as { value: string }).value)))
      ).sort((a, b) => a - b);
      const free = hosts
        .filter((h: any) => h.status === 'ONLINE' && h.idcName === idc && !busy.has(h.id))
        .map((h: any) => h.id)
        .sort((a: number, b: number) => a - b);
      expect(free.length).toBeGreaterThan(0);
      expect(offered).toEqual(free);
      expect(await choice.inputValue()).toBe(idc);
    }
    // Host 2 runs cluster01's server: never offered.
    expect(await page.locator('#new-cluster-zones input[value="2"]').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/cluster-4-create-form.png`, fullPage: true });
  });

  it('creates a cluster from the form: OCP’s body posted, its task’s DAG shown, the cluster listed', async () => {
    await page.getByLabel('Name', { exact: true }).fill('terran');
    await page.getByLabel('Root password').fill('bar');
    await page.getByLabel('Zone 1 IDC').selectOption('sh-idc1');
    await page.getByRole('group', { name: 'Zone 1 hosts' }).locator('input').first().check();
    // The test before added a second zone: it gets a host of its own IDC too.
    await page.getByLabel('Zone 1 name').fill('zone1');
    if ((await page.locator('#new-cluster-zones .new-zone').count()) > 1) {
      await page.getByLabel('Zone 2 name').fill('zone2');
      await page.getByRole('group', { name: 'Zone 2 hosts' }).locator('input').first().check();
    }
    await button('Create cluster').click();
    await expect.poll(() => page.locator('#cluster-message').textContent()).toMatch(/Submitted task/);
    await expect.poll(() => page.locator('#dag-title').textContent()).toMatch(/Create primary OB cluster/);
    await advance(3_600_000);
    await expect.poll(() => page.locator('#cluster-list article h3').allTextContents()).toContain('terran');
    expect((await api('/api/v2/ob/clusters')).data.contents.map((c: any) => c.name)).toContain('terran');
  });

  it('runs the cluster operations from this panel only, never as batch operations on chosen hosts', async () => {
    // The hosts panel's batch buttons are the agent module's: no "Stop OB cluster on selected".
    expect(await page.locator('#more-operations button').allTextContents()).toEqual([]);
    const before = (await api('/api/v2/tasks/instances?size=1')).data.page.totalElements;
    const refused = await api('/__mock/ui/stop', { method: 'POST', body: JSON.stringify({ hostIds: [2], operation: 'stopCluster' }) });
    expect(refused.status).toBe(404);
    expect((await api('/api/v2/tasks/instances?size=1')).data.page.totalElements).toBe(before);
  });

  it('raised no page error', () => {
    expect(errors).toEqual([]);
  });
});
