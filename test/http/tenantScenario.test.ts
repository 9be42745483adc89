/**
 * Issue 24: the scenario `tenant-create-fails` ("Create ob tenant" fails on its first run). The
 * tenant reads CREATING while its task is FAILED, its units reserved but not listed, the next
 * change refused (OBE21005); a rollback takes it and its units away, a retry makes it NORMAL with
 * its units listed. Either create form (400's createTenant, 500's POST .../tenants) runs it.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

const SCENARIO = { 'X-OCP-Mock-Scenario': 'tenant-create-fails' };
const body = (name: string) => ({
  name,
  mode: 'MYSQL',
  rootPassword: 'xxxxx',
  zones: [{ name: 'zone1', replicaType: 'FULL', resourcePool: { unitSpecName: 'S1', unitCount: 1 } }],
});

async function failedCreate(m: ReturnType<typeof mock>, sync: boolean) {
  const usedBefore = new Map(m.simulator.obTenant.tenants.usageSnapshot());
  const res = sync
    ? await m.call('POST', '/api/v2/ob/clusters/1/tenants', { body: body('flaky_t'), headers: SCENARIO })
    : await m.call('POST', '/api/v2/ob/clusters/1/tenants/createTenant', { body: body('flaky_t'), headers: SCENARIO });
  expect(res.status, res.text).toBe(200);
  const tenantId: number = sync ? res.json.data.id : res.json.data.tenantId;
  const taskId: number = (await m.call('GET', `/api/v2/tasks/instances?clusterId=1&tenantName=flaky_t`)).json.data.contents[0].id;
  m.advance(3_600_000);
  const task = (await m.task(taskId)).json.data;
  expect(task.status).toBe('FAILED');
  expect(task.subtasks.find((s: any) => s.name === 'Create ob tenant').status).toBe('FAILED');
  const tenant = (await m.call('GET', `/api/v2/ob/clusters/1/tenants/${tenantId}`)).json.data;
  expect(tenant.status).toBe('CREATING');
  expect(tenant.zones.flatMap((z: any) => z.units)).toEqual([]);
  // Reserved on a server all the same: the usage grew by one S1 unit (1 core, 6 GB).
  const grown = [...m.simulator.obTenant.tenants.usageSnapshot()].filter(([id, u]) => (usedBefore.get(id)?.memory ?? 0) !== u.memory);
  expect(grown).toHaveLength(1);
  const refused = await m.call('POST', `/api/v2/ob/clusters/1/tenants/${tenantId}/lock`, { headers: { 'Accept-Language': 'zh-CN' } });
  expect([refused.status, refused.json.error.code]).toEqual([400, 'OBE21005']);
  return { tenantId, taskId, usedBefore };
}

describe('scenario tenant-create-fails', () => {
  it('a rollback takes the tenant and its reserved units away', async () => {
    const m = mock();
    const countBefore = (await m.call('GET', '/api/v2/ob/clusters/1')).json.data.tenantCount;
    const { tenantId, taskId, usedBefore } = await failedCreate(m, false);
    expect((await m.call('GET', '/api/v2/ob/clusters/1')).json.data.tenantCount).toBe(countBefore + 1);
    expect((await m.call('POST', `/api/v2/tasks/instances/${taskId}/rollback`)).status).toBe(200);
    m.advance(3_600_000);
    expect((await m.task(taskId)).json.data.status).toBe('SUCCESSFUL');
    expect((await m.call('GET', `/api/v2/ob/clusters/1/tenants/${tenantId}`)).json.error.code).toBe('OBE21003');
    expect(new Map(m.simulator.obTenant.tenants.usageSnapshot())).toEqual(usedBefore);
    expect((await m.call('GET', '/api/v2/ob/clusters/1')).json.data.tenantCount).toBe(countBefore);
  });

  it('a retry creates the tenant (the synchronous form too) and lists its units', async () => {
    const m = mock();
    const { tenantId, taskId } = await failedCreate(m, true);
    expect((await m.call('POST', `/api/v2/tasks/instances/${taskId}/retry`)).status).toBe(200);
    m.advance(3_600_000);
    expect((await m.task(taskId)).json.data.status).toBe('SUCCESSFUL');
    const tenant = (await m.call('GET', `/api/v2/ob/clusters/1/tenants/${tenantId}`)).json.data;
    expect(tenant.status).toBe('NORMAL');
    const units = (await m.call('GET', `/api/v2/ob/clusters/1/tenants/${tenantId}/units`)).json.data.contents;
    expect(units).toHaveLength(1);
    expect(units[0].zoneName).toBe('zone1');
  });
});
