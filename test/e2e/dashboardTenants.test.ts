/**
 * The dashboard's OB tenants panel in a real browser (Debian's Chromium, playwright-core) against
 * the real server (seed 3, manual clock): the chosen cluster's seeded tenants with their units on
 * the servers and what each server has free, a create through the form running to NORMAL with its
 * units listed, oversized creates refused with OCP's error and nothing made, lock and unlock, a
 * delete whose task opens in the DAG panel. Screenshots go to test-results/screenshots/ (tenant-*.png).
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
const tenant = (id: number) => page.locator(`#tenant-list article[data-tenant="${id}"]`);
const tenantStatus = (id: number) => tenant(id).locator(':scope > .row .st').first().textContent();
const tenantLock = (id: number) => tenant(id).locator(':scope > .row .lock').textContent();
const tenantNames = () => page.locator('#tenant-list article h3').allTextContents();
/** A tenant's unit rows as the panel shows them: zone, server, spec, CPU, memory, log disk. */
const unitRows = (id: number) =>
  tenant(id)
    .locator('tbody tr[data-unit]')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
const serverRow = (id: number) =>
  page
    .locator(`#tenant-server-rows tr[data-server="${id}"] td`)
    .allTextContents()
    .then((tds) => tds.join(' | '));
const message = () => page.locator('#tenant-message').textContent();
const button = (name: string) => page.getByRole('button', { name, exact: true });
const taskIdInUrl = () => Number(new URLSearchParams(new URL(page.url()).hash.slice(1)).get('task'));
const tenantsOf = async (clusterId: number) => (await api(`/api/v2/ob/clusters/${clusterId}/tenants?size=100`)).data.contents;
const taskCount = async () => (await api('/api/v2/tasks/instances?size=1')).data.page.totalElements;

/** Fills the create form (cluster01 chosen) and submits it. */
async function create(name: string, spec: string, zones: readonly string[], unitCount = 1) {
  await page.getByLabel('Tenant name').fill(name);
  await page.getByLabel('Mode', { exact: true }).selectOption('MYSQL');
  await page.getByLabel('Administrator password').fill('Secret_123');
  await page.getByLabel('Unit spec').selectOption(spec);
  await page.getByLabel('Units per zone').fill(String(unitCount));
  for (const box of await page.getByRole('group', { name: 'Tenant zones' }).locator('input').all()) {
    await box.setChecked(zones.includes(await box.inputValue()));
  }
  await button('Create tenant').click();
}

/** The body the form posts for these fields (to ask OCP the same directly). */
const bodyOf = (name: string, spec: string, zones: readonly string[], unitCount = 1) => ({
  name,
  mode: 'MYSQL',
  rootPassword: 'Secret_123',
  zones: zones.map((z) => ({ name: z, replicaType: 'FULL', resourcePool: { unitSpecName: spec, unitCount } })),
});

describe.skipIf(!hasChromium)('dashboard OB tenants panel in Chromium', () => {
  const errors: string[] = [];
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startCli(['--clock', 'manual', '--seed', '3', '--log-level', 'silent']);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1440, height: 1600 } });
    page.on('pageerror', (e) => errors.push(e.message));
    // A delete asks first: the presenter confirms.
    page.on('dialog', (d) => void d.accept());
    await page.goto(`${server.url}/__mock/ui`);
    await tenant(1000004).waitFor();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the chosen cluster’s tenants (name, mode, status, locked, primary zone) with their units and each server’s free resources', async () => {
    expect(await page.getByLabel('Tenants of cluster').inputValue()).toBe('1');
    const listed = await tenantsOf(1);
    await expect.poll(tenantNames).toEqual(listed.map((t: any) => t.name));
    expect(listed.map((t: any) => t.name)).toEqual(['sys', 'tpcc', 'ora_app']);
    for (const t of listed) {
      expect(await tenantStatus(t.id)).toBe(t.status);
      expect(await tenantLock(t.id)).toBe(t.locked ? 'locked' : 'unlocked');
      expect(await tenant(t.id).locator('.facts').textContent()).toBe(`id ${t.id} · ${t.mode} · primary zone ${t.primaryZone}`);
      // Each unit as the unit list answers it, with its pool's configuration as the details print it.
      const units = (await api(`/api/v2/ob/clusters/1/tenants/${t.id}/units`)).data.contents;
      const zones = (await api(`/api/v2/ob/clusters/1/tenants/${t.id}`)).data.zones;
      const rows = await unitRows(t.id);
      expect(rows.map((r) => [r[0], r[1]])).toEqual(units.map((u: any) => [u.zoneName, `${u.serverId} ${u.serverIp}:${u.serverPort}`]));
      for (const [i, u] of units.entries()) {
        const config = zones.find((z: any) => z.name === u.zoneName).resourcePool.unitConfig;
        const range = (min: number, max: number, unit: string) => (min === max ? `${max}${unit}` : `${min}–${max}${unit}`);
        expect(rows[i]?.[3]).toBe(range(config.minCpuCoreCount, config.maxCpuCoreCount, config.maxCpuCoreCount === 1 ? ' core' : ' cores'));
        expect(rows[i]?.[4]).toBe(range(config.minMemorySize, config.maxMemorySize, ' GB'));
      }
    }
    expect(await unitRows(1000004)).toContainEqual(['zone3', '1000005 172.24.171.87:2882', 'S2', '4 cores', '16 GB', '48 GB']);
    expect(await unitRows(1000001)).toContainEqual(['zone1', '1000002 172.24.173.151:2882', 'sys_unit_config', '2.5–5 cores', '8–9 GB', '27 GB']);
    // The servers as the dashboard's own read computes them (OCP prints no capacity): free of capacity.
    const read = await api('/__mock/ui/clusters/1/tenants');
    const servers = (await api('/api/v2/ob/clusters/1/servers')).data.contents;
    expect(read.servers.map((s: any) => s.id)).toEqual(servers.map((s: any) => s.id));
    expect(await page.locator('#tenant-server-rows tr').count()).toBe(servers.length);
    expect(await serverRow(1000005)).toBe('1000005 172.24.171.87:2882 | zone3 | RUNNING | 8 of 16 cores | 15 of 46 GB | 45 of 138 GB');
    expect(read.servers.find((s: any) => s.id === 1000005)).toMatchObject({
      capacity: { cpu: 16, memory: 46, logDisk: 138 },
      used: { cpu: 8, memory: 31, logDisk: 93 },
    });
    await page.screenshot({ path: `${SHOTS}/tenant-1-listed.png`, fullPage: true });

    // Another cluster: its own tenants and servers.
    await page.getByLabel('Tenants of cluster').selectOption('1000002');
    await expect.poll(tenantNames).toEqual((await tenantsOf(1000002)).map((t: any) => t.name));
    expect(await page.locator('#tenant-server-rows tr').count()).toBe((await api('/api/v2/ob/clusters/1000002/servers')).data.contents.length);
    await page.getByLabel('Tenants of cluster').selectOption('1');
    await expect.poll(tenantNames).toEqual(['sys', 'tpcc', 'ora_app']);
  }, 60_000);

  it('creates a tenant through the form: OCP’s body posted, its task’s DAG shown, CREATING, then NORMAL with its units listed', async () => {
    await page.locator('#create-tenant summary').click();
    // The specs as OCP lists them.
    const specs = (await api('/api/v2/ob/unitSpecs?size=100')).data.contents.map((s: any) => s.name);
    await expect
      .poll(() => page.locator('#new-tenant-spec option').evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value)))
      .toEqual(specs);
    const before = await taskCount();
    await create('shop', 'S0', ['zone1', 'zone2', 'zone3']);
    await expect.poll(message).toMatch(/^Submitted task \d+ \(Create tenant\): create tenant shop in cluster01$/);
    await expect.poll(() => page.locator('#dag-title').textContent()).toMatch(/^Task \d+ · Create tenant/);
    const taskId = taskIdInUrl();
    expect((await api(`/api/v2/tasks/instances/${taskId}`)).data.name).toBe('Create tenant');
    // A tenant's task runs on no host: the DAG panel names the tenant instead.
    expect(await page.locator('#task-meta').textContent()).toContain(' · tenant shop of cluster01 · ');
    await page.getByRole('button', { name: /^Create ob tenant, tenant shop · / }).waitFor();
    expect(await taskCount()).toBe(before + 1);
    const made = (await tenantsOf(1)).find((t: any) => t.name === 'shop');
    await tenant(made.id).waitFor();
    await expect.poll(() => tenantStatus(made.id)).toBe('CREATING');
    await page.screenshot({ path: `${SHOTS}/tenant-2-creating.png`, fullPage: true });

    await advance(3_600_000);
    await page.locator('#dag-title .st.SUCCESSFUL').waitFor();
    await expect.poll(() => tenantStatus(made.id)).toBe('NORMAL');
    const units = (await api(`/api/v2/ob/clusters/1/tenants/${made.id}/units`)).data.contents;
    expect(units).toHaveLength(3);
    await expect
      .poll(() => unitRows(made.id))
      .toEqual(units.map((u: any) => [u.zoneName, `${u.serverId} ${u.serverIp}:${u.serverPort}`, 'S0', '1 core', '4 GB', '12 GB']));
    // Zone3's one server gave the new unit its share.
    await expect.poll(() => serverRow(1000005)).toBe('1000005 172.24.171.87:2882 | zone3 | RUNNING | 7 of 16 cores | 11 of 46 GB | 33 of 138 GB');
    await page.screenshot({ path: `${SHOTS}/tenant-3-created.png`, fullPage: true });
  }, 60_000);

  it('shows OCP’s refusal of an oversized create (OBE19018 cores, OBE19019 memory) and creates nothing', async () => {
    const tenantsBefore = await tenantsOf(1);
    const tasksBefore = await taskCount();
    const shown = await tenantNames();
    const dagTask = taskIdInUrl();

    // S3 takes 8 cores: zone3's server has 7 left.
    await create('huge', 'S3', ['zone1', 'zone2', 'zone3']);
    await expect.poll(message).toMatch(/^create tenant huge in cluster01 refused: OBE19018: /);
    expect(await page.locator('#tenant-message').getAttribute('class')).toContain('error');
    // The panel says what OCP answers the same body (refused again: nothing was made).
    const cores = await api('/api/v2/ob/clusters/1/tenants/createTenant', {
      method: 'POST',
      body: JSON.stringify(bodyOf('huge', 'S3', ['zone1', 'zone2', 'zone3'])),
    });
    expect(cores.error.code).toBe('OBE19018');
    expect(await message()).toBe(`create tenant huge in cluster01 refused: OBE19018: ${cores.error.message}`);
    await page.screenshot({ path: `${SHOTS}/tenant-4-refused.png`, fullPage: true });

    // S2 takes 16 GB: zone3's server has 11 GB left.
    await create('wide', 'S2', ['zone3']);
    await expect.poll(message).toMatch(/^create tenant wide in cluster01 refused: OBE19019: /);
    const memory = await api('/api/v2/ob/clusters/1/tenants/createTenant', { method: 'POST', body: JSON.stringify(bodyOf('wide', 'S2', ['zone3'])) });
    expect(memory.error.code).toBe('OBE19019');
    expect(await message()).toBe(`create tenant wide in cluster01 refused: OBE19019: ${memory.error.message}`);

    // Nothing changed: no tenant, no task, the DAG shown still the create's, the servers as they were.
    expect(await tenantsOf(1)).toEqual(tenantsBefore);
    expect(await taskCount()).toBe(tasksBefore);
    expect(await tenantNames()).toEqual(shown);
    expect(taskIdInUrl()).toBe(dagTask);
    expect(await serverRow(1000005)).toBe('1000005 172.24.171.87:2882 | zone3 | RUNNING | 7 of 16 cores | 11 of 46 GB | 33 of 138 GB');
  }, 60_000);

  it('locks a tenant (shown locked, as OCP reads it), refuses to lock sys with OCP’s message, and unlocks it', async () => {
    await button('Lock tenant tpcc').click();
    await expect.poll(() => tenantLock(1000004)).toBe('locked');
    expect(await message()).toBe('Done: lock tenant tpcc');
    expect((await api('/api/v2/ob/clusters/1/tenants/1000004')).data.locked).toBe(true);
    expect(await tenant(1000004).getAttribute('aria-label')).toBe('Tenant tpcc, NORMAL, locked');
    await page.screenshot({ path: `${SHOTS}/tenant-5-locked.png`, fullPage: true });

    await button('Lock tenant sys').click();
    const refusal = await api('/api/v2/ob/clusters/1/tenants/1000001/lock', { method: 'POST' });
    expect(refusal.successful).toBe(false);
    await expect.poll(message).toBe(`lock tenant sys refused: ${refusal.error.code}: ${refusal.error.message}`);
    expect(await tenantLock(1000001)).toBe('unlocked');

    await button('Unlock tenant tpcc').click();
    await expect.poll(() => tenantLock(1000004)).toBe('unlocked');
    expect((await api('/api/v2/ob/clusters/1/tenants/1000004')).data.locked).toBe(false);

    // A lock through the API (another client) shows with the next push, no reload.
    expect((await api('/api/v2/ob/clusters/1/tenants/1000005/lock', { method: 'POST' })).successful).toBe(true);
    await expect.poll(() => tenantLock(1000005)).toBe('locked');
    expect((await api('/api/v2/ob/clusters/1/tenants/1000005/unlock', { method: 'POST' })).successful).toBe(true);
    await expect.poll(() => tenantLock(1000005)).toBe('unlocked');
  }, 60_000);

  it('deletes a tenant: its "Delete tenant" task opens in the DAG panel, the tenant reads DELETING, then goes with its units', async () => {
    const shop = (await tenantsOf(1)).find((t: any) => t.name === 'shop');
    await button('Delete tenant shop').click();
    await expect.poll(() => page.locator('#dag-title').textContent()).toMatch(/^Task \d+ · Delete tenant/);
    expect(await message()).toBe(`Submitted task ${taskIdInUrl()}: delete tenant shop`);
    await expect.poll(() => tenantStatus(shop.id)).toBe('DELETING');
    await advance(3_600_000);
    await page.locator('#dag-title .st.SUCCESSFUL').waitFor();
    await expect.poll(tenantNames).toEqual(['sys', 'tpcc', 'ora_app']);
    expect((await tenantsOf(1)).map((t: any) => t.name)).toEqual(['sys', 'tpcc', 'ora_app']);
    await expect.poll(() => serverRow(1000005)).toBe('1000005 172.24.171.87:2882 | zone3 | RUNNING | 8 of 16 cores | 15 of 46 GB | 45 of 138 GB');
  }, 60_000);

  it('raised no page error', () => {
    expect(errors).toEqual([]);
  });
});
