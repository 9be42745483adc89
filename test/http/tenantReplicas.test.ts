/**
 * The OB tenant replica calls page by page (ocp-docs/tenant 1100 add, 1200 delete, 1300 modify):
 * each sample request answered as its sample (tree, task name, DAG, context keys), and the units
 * following the tasks: an added zone's units listed once "Wait alter locality" has succeeded, a
 * deleted zone's gone once the task has, a modified zone's new size and count; each reverted by a
 * rollback. Sample quirk named here: 1200's sample path says addReplica (where its body is an add
 * of zones the tenant has: OBE21020).
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { describe, expect, it } from 'vitest';
import { TenantSubtasksInstance, TenantTasksInstance } from '../../src/contract/tenantSchemas.js';
import { mock } from '../helpers.js';
import { created, detailOf, expectTaskLikeSample, FAILING, fixture, HOUR, mockWithFailingSync, stepUntil, TPCC, unitsOf, zone } from './tenantWorld.js';

describe('each replica page answers its sample request as its sample', () => {
  it('1100 add a replica, 1300 modify one, 1200 delete replicas (its sample path says addReplica)', async () => {
    const m = mock();
    // 1100's sample adds zone1: a tenant in zone2 and zone3 takes it.
    const id = await created(m, 1, { name: 'two_zones', primaryZone: 'zone2', zones: [zone('zone2'), zone('zone3')] });
    const add = await m.call('POST', `/api/v2/ob/clusters/1/tenants/${id}/addReplica`, { body: fixture('add_replica_request.json') });
    expectTaskLikeSample(add, 'add_replica_response.json', TenantSubtasksInstance);
    expect([add.json.data.tenantId, add.json.data.clusterId, add.json.data.context.stringMap]).toEqual([
      id,
      1,
      { tenant_id: String(id), cluster_id: '1', zone_name: 'zone1' },
    ]);
    m.advance(HOUR);
    // The added zone comes last (*inferred* in src: the pools in the order they were made).
    expect((await detailOf(m, 1, id)).data.zoneList).toBe('zone2;zone3;zone1');
    const modify = await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/modifyReplica`, { body: fixture('modify_replica_request.json') });
    // 1300's sample prints its first node RUNNING at submission; 400, 1100 and 1200 print theirs READY, as ours reads.
    const printed = expectTaskLikeSample(modify, 'modify_replica_response.json', TenantTasksInstance, ['name', 'operation']);
    expect(printed.data.tasks.map((n: any) => n.status)).toEqual(['PENDING', 'RUNNING', 'PENDING', 'PENDING']);
    expect(modify.json.data.tasks.map((n: any) => n.status)).toEqual(['PENDING', 'READY', 'PENDING', 'PENDING']);
    expect(modify.json.data.tenant).toEqual({ id: TPCC, name: 'tpcc' });
    expect(modify.json.data.context).toBe(`Context(parallelIdx=-1, stringMap={tenant_id=${TPCC}, cluster_id=1, zone_name=zone1}, listMap={})`);
    m.advance(HOUR);
    expect((await detailOf(m, 1, TPCC)).data.zones[0].resourcePool.unitConfig.maxMemorySize).toBe(6);
    // 1200's sample path says addReplica: there its body is an add of zones the tenant has (OBE21020).
    const sent = fixture('delete_replica_request.json');
    expect((await m.call('POST', `/api/v2/ob/clusters/1/tenants/${id}/addReplica`, { body: sent })).json.error.code).toBe('OBE21020');
    const del = await m.call('POST', `/api/v2/ob/clusters/1/tenants/${id}/deleteReplica`, { body: sent });
    expectTaskLikeSample(del, 'delete_replica_response.json', TenantSubtasksInstance);
    expect(del.json.data.context.listMap).toEqual({ zone_names: ['zone1', 'zone2'] });
    m.advance(HOUR);
    expect((await detailOf(m, 1, id)).data.zoneList).toBe('zone3');
    expect((await m.call('GET', `/api/v2/ob/clusters/1/tenants/${id}/units`)).json.data.contents.map((u: any) => u.zoneName)).toEqual(['zone3']);
  });
});

describe('replicas follow their tasks', () => {
  it('an added replica reads MODIFYING, its units show once "Wait alter locality" has succeeded; a rollback takes it away', async () => {
    const m = mockWithFailingSync();
    const id = await created(m, 1, { name: 'grows', primaryZone: 'zone2', zones: [zone('zone2'), zone('zone3')] });
    const two = await unitsOf(m, 1, id);
    const res = await m.call('POST', `/api/v2/ob/clusters/1/tenants/${id}/addReplica`, {
      body: [{ zoneName: 'zone1', resourcePool: { unitSpecName: 'S0', unitCount: 1 } }],
    });
    expect(res.status, res.text).toBe(200);
    expect((await detailOf(m, 1, id)).data.status).toBe('MODIFYING');
    await stepUntil(
      m,
      res.json.data.id,
      'Wait alter locality',
      async () => expect(await unitsOf(m, 1, id)).toEqual(two),
      async () => expect((await unitsOf(m, 1, id)).map(([z]: any) => z)).toEqual(['zone2', 'zone3', 'zone1']),
    );
    m.advance(HOUR);
    const grown = (await detailOf(m, 1, id)).data;
    expect([grown.status, grown.zoneList, grown.locality]).toEqual(['NORMAL', 'zone2;zone3;zone1', 'FULL{1}@zone2, FULL{1}@zone3, FULL{1}@zone1']);
    // Rolled back: as before the add.
    const other = await created(m, 1, { name: 'stays', primaryZone: 'zone2', zones: [zone('zone2'), zone('zone3')] });
    const before = (await detailOf(m, 1, other)).data;
    const add = (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${other}/addReplica`, { body: [{ zoneName: 'zone1' }], ...FAILING })).json.data;
    m.advance(HOUR);
    expect((await m.task(add.id)).json.data.status).toBe('FAILED');
    expect((await unitsOf(m, 1, other)).map(([z]: any) => z)).toEqual(['zone2', 'zone3', 'zone1']);
    expect((await m.call('POST', `/api/v2/tasks/instances/${add.id}/rollback`)).status).toBe(200);
    m.advance(HOUR);
    expect((await detailOf(m, 1, other)).data).toEqual(before);
  });

  it('a deleted replica goes once its task has succeeded, and stays if it is rolled back', async () => {
    const m = mockWithFailingSync();
    const before = (await detailOf(m, 1, TPCC)).data;
    const del = (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/deleteReplica`, { body: [{ zoneName: 'zone3' }], ...FAILING })).json.data;
    expect((await detailOf(m, 1, TPCC)).data.status).toBe('MODIFYING');
    m.advance(HOUR);
    expect((await m.task(del.id)).json.data.status).toBe('FAILED');
    expect((await m.call('POST', `/api/v2/tasks/instances/${del.id}/rollback`)).status).toBe(200);
    m.advance(HOUR);
    expect((await detailOf(m, 1, TPCC)).data).toEqual(before);
    expect((await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/deleteReplica`, { body: { zoneNname: 'zone3' } })).status).toBe(200);
    expect((await unitsOf(m, 1, TPCC)).map(([z]: any) => z)).toEqual(['zone1', 'zone2', 'zone3']);
    m.advance(HOUR);
    const after = (await detailOf(m, 1, TPCC)).data;
    expect([after.status, after.zoneList, after.zones.length]).toEqual(['NORMAL', 'zone1;zone2', 2]);
    expect((await unitsOf(m, 1, TPCC)).map(([z]: any) => z)).toEqual(['zone1', 'zone2']);
  });

  it('a modified replica takes its new size and count as its task succeeds, and is as it was once rolled back', async () => {
    const m = mockWithFailingSync();
    const before = (await detailOf(m, 1, TPCC)).data;
    const modify = { body: [{ zoneName: 'zone1', resourcePool: { unitSpecName: 'S1', unitCount: 2 } }] };
    const failed = (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/modifyReplica`, { ...modify, ...FAILING })).json.data;
    m.advance(HOUR);
    expect((await m.task(failed.id)).json.data.status).toBe('FAILED');
    expect((await m.call('POST', `/api/v2/tasks/instances/${failed.id}/rollback`)).status).toBe(200);
    m.advance(HOUR);
    expect((await detailOf(m, 1, TPCC)).data).toEqual(before);
    const res = (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/modifyReplica`, modify)).json.data;
    expect((await detailOf(m, 1, TPCC)).data.status).toBe('MODIFYING');
    await stepUntil(
      m,
      res.id,
      'Wait alter locality',
      async () => expect((await unitsOf(m, 1, TPCC)).filter(([z]: any) => z === 'zone1')).toHaveLength(1),
      async () => expect((await unitsOf(m, 1, TPCC)).filter(([z]: any) => z === 'zone1')).toHaveLength(2),
    );
    m.advance(HOUR);
    const z1 = (await detailOf(m, 1, TPCC)).data.zones[0];
    expect([z1.resourcePool.unitCount, z1.resourcePool.unitConfig, z1.units.length]).toEqual([
      2,
      { maxCpuCoreCount: 1.5, maxMemorySize: 6, minCpuCoreCount: 1.5, minMemorySize: 6 },
      2,
    ]);
    // And back to one unit: the surplus goes once the task has succeeded.
    expect(
      (await m.call('POST', `/api/v2/ob/clusters/1/tenants/${TPCC}/modifyReplica`, { body: { zoneNname: 'zone1', resourcePool: { unitCount: 1 } } })).status,
    ).toBe(200);
    m.advance(HOUR);
    expect((await unitsOf(m, 1, TPCC)).filter(([z]: any) => z === 'zone1')).toHaveLength(1);
  });
});
