/** Issue 5, point 2: provider states are scenarios, with params; set up through the admin API. */
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

const setUp = (m: ReturnType<typeof mock>, body: unknown) => m.call('POST', '/__mock/provider-states', { body, user: null });

describe('POST /__mock/provider-states', () => {
  it('a state is a scenario: it becomes the default, after a reset', async () => {
    const m = mock();
    await m.stop([2]);
    const res = await setUp(m, { state: 'permission-denied', action: 'setup' });
    expect(res.status).toBe(200);
    expect(m.simulator.defaultScenario).toBe('permission-denied');
    expect(m.simulator.taskCount()).toBe(0);
  });

  it('hostIds guarantees hosts with running agents, even ids the inventory lacks', async () => {
    const m = mock();
    const res = await setUp(m, { state: 'success', params: { hostIds: [2, 777] } });
    expect(res.json).toMatchObject({ hostIds: [2, 777], hostId: 2 });
    const host = await m.call('GET', '/api/v2/compute/hosts/777');
    expect(host.json.data.hostAgentStatus).toBe('AVAILABLE');
    expect((await m.stop([777])).status).toBe(200);
  });

  it.each([
    ['success', 'RUNNING'],
    ['success', 'SUCCESSFUL'],
    ['node-timeout', 'FAILED'],
    ['rollback', 'SUCCESSFUL'],
  ])('%s with taskStatus %s creates a task in that status and returns its id', async (state, taskStatus) => {
    const m = mock();
    const res = await setUp(m, { state, params: { hostIds: [20], taskStatus } });
    expect(res.status).toBe(200);
    const task = await m.task(res.json.taskId);
    expect(task.json.data.status).toBe(taskStatus);
    expect(task.json.data.subtasks.map((s: { id: number }) => s.id)).toContain(res.json.stopSubtaskId);
  });

  it('refuses a status the scenario never reaches, an unknown state, and unknown params', async () => {
    const m = mock();
    const never = await setUp(m, { state: 'success', params: { taskStatus: 'FAILED' } });
    expect(never.status).toBe(400);
    expect(never.json.error.subErrors[0].message).toContain('does not reach FAILED');
    const unknown = await setUp(m, { state: 'chaos' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.subErrors[0].message).toContain(
      'the states are the scenario names: cluster-create-fails, flaky, host-install-fails, node-timeout',
    );
    const badParam = await setUp(m, { state: 'success', params: { hostIDs: [2] } });
    expect(badParam.status).toBe(400);
    expect(badParam.json.error.subErrors[0].message).toContain('params are hostIds');
  });

  it('teardown is accepted and changes nothing', async () => {
    const m = mock();
    await m.stop([2]);
    expect((await setUp(m, { state: 'success', action: 'teardown' })).status).toBe(200);
    expect(m.simulator.taskCount()).toBe(1);
  });

  it('starts from an inventory with the regions, IDCs and host types asked for', async () => {
    const m = mock();
    const res = await setUp(m, { state: 'success', params: { regions: ['shenzhen', 'chengdu'], idcs: ['sz-idc1'], hostTypes: ['tiny'] } });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ regionId: 1_000_001, idcId: 1_000_001, hostTypeId: 1_000_001 });
    expect((await m.call('GET', '/api/v2/compute/idcs/1000001')).json.data).toMatchObject({ name: 'sz-idc1', regionName: 'shenzhen' });
    expect((await m.call('GET', '/api/v2/compute/regions')).json.data.page.totalElements).toBe(5);
    const taken = await setUp(m, { state: 'success', params: { regions: ['beijing'] } });
    expect(taken.status).toBe(400);
    expect(taken.json.error.subErrors[0].message).toContain('cannot be made');
  });

  it('starts with hosts added into the IDC and host type it made, prepared and usable', async () => {
    const m = mock();
    const res = await setUp(m, {
      state: 'node-timeout',
      params: { regions: ['shenzhen'], idcs: ['sz-idc1'], hostTypes: ['tiny'], addedHosts: ['10.8.0.1', '10.8.0.2'] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ addedHostId: 4_000_001, addedHostIds: [4_000_001, 4_000_002] });
    const host = (await m.call('GET', '/api/v2/compute/hosts/4000001')).json.data;
    expect(host).toMatchObject({
      innerIpAddress: '10.8.0.1',
      idcName: 'sz-idc1',
      regionName: 'shenzhen',
      typeName: 'tiny',
      status: 'ONLINE',
      hostAgentStatus: 'AVAILABLE',
    });
    expect((await m.stop([4_000_002])).status).toBe(200);
  });

  it('a Prepare host task in the status asked for (operation prepareHost), and why not without addedHosts', async () => {
    const m = mock();
    const res = await setUp(m, { state: 'host-install-fails', params: { addedHosts: ['10.8.0.9'], operation: 'prepareHost', taskStatus: 'FAILED' } });
    expect(res.status, res.text).toBe(200);
    expect((await m.task(res.json.taskId)).json.data).toMatchObject({ name: 'Prepare host', status: 'FAILED' });
    expect((await m.call('GET', `/api/v2/compute/hosts/${res.json.addedHostId}`)).json.data).toMatchObject({ status: 'NEW', hostAgentStatus: 'OFFLINE' });
    const running = await setUp(m, { state: 'success', params: { addedHosts: ['10.8.0.9'], operation: 'prepareHost', taskStatus: 'RUNNING' } });
    expect((await m.call('GET', `/api/v2/compute/hosts/${running.json.addedHostId}`)).json.data.status).toBe('NEW');
    const without = await setUp(m, { state: 'success', params: { operation: 'prepareHost', taskStatus: 'RUNNING' } });
    expect(without.status).toBe(400);
    expect(without.json.error.subErrors[0].message).toContain('operation prepareHost needs addedHosts');
    const badIp = await setUp(m, { state: 'success', params: { addedHosts: ['10.8.0'] } });
    expect(badIp.status).toBe(400);
  });
});
