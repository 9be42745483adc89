/**
 * Issue 6, point 2: the OpenAPI 3.1 document is valid, covers every OCP route, and real answers of
 * every route match it, so the document and the behaviour cannot drift apart.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: OpenAPI JSON
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CALLS as OCP_ROUTES } from '../../src/modules/index.js';
import { buildRpm } from '../../src/modules/softwarePackage/index.js';
import { mock } from '../helpers.js';

async function documentAndValidator() {
  const m = mock({ scenario: 'node-timeout' });
  const doc = (await m.call('GET', '/__mock/openapi.json', { user: null })).json;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, 'openapi');
  /** Checks an answer against the document's schema for that route and status. */
  const check = (method: string, path: string, status: number, body: unknown) => {
    const pointer = `openapi#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/application~1json/schema`;
    const validate = ajv.compile({ $ref: pointer });
    const valid = validate(body);
    return valid ? [] : (validate.errors ?? []).map((e: { instancePath: string; message?: string }) => `${e.instancePath} ${e.message}`);
  };
  return { m, doc, check };
}

describe('GET /__mock/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document of every OCP route', async () => {
    const { doc } = await documentAndValidator();
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    for (const spec of Object.values(OCP_ROUTES)) expect(doc.paths[`/api/v2${spec.path}`]?.[spec.method], spec.path).toBeDefined();
  });

  it('matches the live answer of every route, errors included', async () => {
    const { m, check } = await documentAndValidator();
    const stop = await m.stop([2, 20]);
    const taskId = stop.json.data.id;
    const stopSub = stop.json.data.subtasks.find((s: any) => s.name === 'Stop all OCP agent processes' && s.parallelIdx === 0).id;
    const exercised = new Set<string>();
    const on =
      (inst: typeof m) =>
      async (name: keyof typeof OCP_ROUTES, concretePath: string, expectedStatus = 200, o: Parameters<typeof m.call>[2] = {}) => {
        const spec = OCP_ROUTES[name];
        const res = await inst.call(spec.method.toUpperCase(), concretePath, o);
        expect(res.status, `${name} ${res.text}`).toBe(expectedStatus);
        expect(check(spec.method, `/api/v2${spec.path}`, expectedStatus, res.json), name).toEqual([]);
        exercised.add(name);
        return res;
      };
    const expectMatch = on(m);
    expect(check('post', '/api/v2/compute/hosts/batchStopAgents', 200, stop.json)).toEqual([]);
    exercised.add('batchStopAgents');
    await expectMatch('listHosts', '/api/v2/compute/hosts?size=5');
    await expectMatch('getHost', '/api/v2/compute/hosts/2');
    await expectMatch('getHostAgent', '/api/v2/compute/hosts/2/agent');
    await expectMatch('listAgentProcesses', '/api/v2/compute/hosts/1001/agent/processes');
    await expectMatch('listRegions', '/api/v2/compute/regions');
    await expectMatch('getRegion', '/api/v2/compute/regions/2');
    await expectMatch('listIdcs', '/api/v2/compute/idcs?size=3');
    await expectMatch('getIdc', '/api/v2/compute/idcs/21');
    await expectMatch('listHostTypes', '/api/v2/compute/hostTypes');
    await expectMatch('getHostType', '/api/v2/compute/hostTypes/3');
    await expectMatch('createRegion', '/api/v2/compute/regions', 200, { body: { name: 'shenzhen' } });
    await expectMatch('createIdc', '/api/v2/compute/idcs', 200, { body: { name: 'sz-idc1', regionId: 1_000_001 } });
    await expectMatch('createHostType', '/api/v2/compute/hostTypes', 200, { body: { name: 'tiny', description: '2core 16gb' } });
    await expectMatch('deleteIdc', '/api/v2/compute/idcs/1000001');
    await expectMatch('deleteRegion', '/api/v2/compute/regions/1000001');
    await expectMatch('deleteHostType', '/api/v2/compute/hostTypes/1000001');
    const exporter = (await m.call('GET', '/api/v2/compute/hosts/1001/agent/processes')).json.data.contents.find((p: any) => p.alias === 'node_exporter').id;
    await expectMatch('stopAgentProcess', `/api/v2/compute/hosts/1001/agent/processes/${exporter}/stop`);
    await expectMatch('restartAgentProcess', `/api/v2/compute/hosts/1001/agent/processes/${exporter}/restart`);
    // The agent operations on hosts of their own (each leaves its agent busy for a while).
    // The two deleted ones run no OB server (a host that runs one cannot be deleted, CMP07004: issue 23).
    const available = (await m.call('GET', '/api/v2/compute/hosts?size=100')).json.data.contents.filter(
      (h: any) => h.hostAgentStatus === 'AVAILABLE' && h.id > 1003,
    );
    const free = available.filter((h: any) => h.services.length === 0).slice(0, 2);
    const spare = [...available.filter((h: any) => !free.includes(h)), ...free].map((h: any) => h.id).slice(-6);
    expect(free).toHaveLength(2);
    expect(spare.length).toBeGreaterThanOrEqual(6);
    await expectMatch('stopAgent', `/api/v2/compute/hosts/${spare[0]}/agent/stop`);
    await expectMatch('restartAgent', `/api/v2/compute/hosts/${spare[1]}/agent/restart`);
    await expectMatch('batchRestartAgents', '/api/v2/compute/hosts/batchRestartAgents', 200, { body: { hostIds: [spare[2], spare[3]] } });
    await expectMatch('addHosts', '/api/v2/compute/hosts/batchCreate', 200, {
      body: {
        hostBasicDataList: [{ innerIpAddress: '10.1.1.1' }, { innerIpAddress: '10.1.1.2' }],
        sshPort: 22,
        kind: 'DEDICATED_PHYSICAL_MACHINE',
        idcId: 11,
        typeId: 1,
        credentialId: 1,
      },
    });
    await expectMatch('deleteHost', `/api/v2/compute/hosts/${spare[4]}`);
    await expectMatch('batchDeleteHosts', '/api/v2/compute/hosts/batchDelete', 200, { body: { hostIdList: [spare[5]] } });
    await expectMatch('listClusters', '/api/v2/ob/clusters?status=RUNNING');
    await expectMatch('getCluster', '/api/v2/ob/clusters/100');
    await expectMatch('listZones', '/api/v2/ob/clusters/1/zones');
    await expectMatch('listServers', '/api/v2/ob/clusters/1/servers');
    await expectMatch('listZoneServers', '/api/v2/clusters/1/zones/zone1/servers');
    await expectMatch('listZoneServersOb', '/api/v2/ob/clusters/1000002/zones/zone1/servers');
    await expectMatch('getParameterInfo', '/api/v2/ob/clusters/parameterInfo');
    await expectMatch('listClusterParameters', '/api/v2/ob/clusters/100/parameters');
    await expectMatch('modifyClusterParameters', '/api/v2/ob/clusters/1/parameters', 200, { body: [{ name: 'balancer_emergency_percentage', value: 75 }] });
    await expectMatch('changeClusterPassword', '/api/v2/ob/clusters/1/changePassword', 200, { body: { newPassword: 'Root_pass1' } });
    await expectMatch('switchoverPreCheck', '/api/v2/ob/clusters/100/switchoverPreCheck');
    await expectMatch('failoverPreCheck', '/api/v2/ob/clusters/100/failoverPreCheck');
    await expectMatch('listTasks', '/api/v2/tasks/instances');
    await expectMatch('getTask', `/api/v2/tasks/instances/${taskId}`);
    m.advance(3_600_000);
    await expectMatch('subtaskLog', `/api/v2/tasks/instances/${taskId}/subtasks/${stopSub}/log`);
    await expectMatch('retrySubtask', `/api/v2/tasks/instances/${taskId}/subtasks/${stopSub}/retry`);
    await expectMatch('retryTask', `/api/v2/tasks/instances/${taskId}/retry`);
    const second = (await m.stop([1001])).json.data;
    const forRollback = (await m.stop([1002])).json.data;
    m.advance(3_600_000);
    await expectMatch('rollbackTask', `/api/v2/tasks/instances/${forRollback.id}/rollback`);
    const failedStop = second.subtasks.find((s: any) => s.name === 'Stop all OCP agent processes').id;
    await expectMatch('skipSubtask', `/api/v2/tasks/instances/${second.id}/subtasks/${failedStop}/skip`);
    // The cluster operations, one after another on the one-server cluster `test` (one operation at a time).
    const testCluster = '/api/v2/ob/clusters/1000002';
    for (const [name, path] of [
      ['stopZone', `${testCluster}/zones/zone1/stop`],
      ['startZone', `${testCluster}/zones/zone1/start`],
      ['restartZone', `${testCluster}/zones/zone1/restart`],
      ['stopCluster', `${testCluster}/stop`],
      ['startCluster', `${testCluster}/start`],
      ['restartCluster', `${testCluster}/restart`],
      ['stopServer', `${testCluster}/servers/1000001/stop`],
      ['startServer', `${testCluster}/servers/1000001/start`],
      ['restartServer', `${testCluster}/servers/1000001/restart`],
    ] as const) {
      await expectMatch(name, path);
      m.advance(3_600_000);
    }
    await expectMatch('stopCluster', `${testCluster}/start`, 400);
    const third = (await m.stop([1003], { headers: { 'X-OCP-Mock-Scenario': 'success' } })).json.data;
    for (let i = 0; i < 10; i++) m.advance(1000);
    const running = (await m.task(third.id)).json.data.subtasks.find((s: any) => s.status === 'RUNNING');
    await expectMatch('cancelSubtask', `/api/v2/tasks/instances/${third.id}/subtasks/${running.id}/cancel`);
    // The lifecycle and role operations, on a world of their own (the one above has used its free hosts).
    const w = mock();
    const inW = on(w);
    const advanced = async (name: keyof typeof OCP_ROUTES, path: string, body?: unknown) => {
      const res = await inW(name, path, 200, body === undefined ? {} : { body });
      w.advance(3_600_000);
      expect((await w.task(res.json.data.id)).json.data.status, name).toBe('SUCCESSFUL');
      return res;
    };
    const rpm = 'oceanbase-2.2.73-20201211175814.el7.x86_64.rpm';
    const created = await advanced('createCluster', '/api/v2/ob/clusters', {
      name: 'terran',
      rpmName: rpm,
      type: 'PRIMARY',
      password: 'xxxxx',
      zones: [{ name: 'zone1', idcName: 'bj-idc1', servers: [1007] }],
    });
    const terran = `/api/v2/ob/clusters/${created.json.data.cluster.id}`;
    await advanced('addZone', `${terran}/zones`, { name: 'zone2', idcName: 'hz-idc2', servers: [1009] });
    await advanced('deleteZone', `${terran}/zones/zone2`);
    await advanced('upgradeCluster', `${terran}/upgrade`, { rpmFileName: 'oceanbase-2.2.76-20210219154519.el7.x86_64.rpm' });
    await advanced('addServers', '/api/v2/ob/clusters/1/servers', { zoneName: 'zone1', servers: [1004] });
    const ip1004 = (await w.call('GET', '/api/v2/compute/hosts/1004')).json.data.innerIpAddress;
    const added = (await w.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents.find((s: any) => s.ip === ip1004);
    await advanced('replaceServer', `/api/v2/ob/clusters/1/servers/${added.id}/replace`, { hostId: 1005 });
    const ip1005 = (await w.call('GET', '/api/v2/compute/hosts/1005')).json.data.innerIpAddress;
    const replacement = (await w.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents.find((s: any) => s.ip === ip1005);
    await advanced('deleteServers', '/api/v2/ob/clusters/1/servers/batchDelete', { servers: [replacement.id] });
    await advanced('deleteCluster', terran);
    await advanced('switchover', '/api/v2/ob/clusters/100/switchover');
    await advanced('failover', '/api/v2/ob/clusters/1/failover');
    await inW('createCluster', '/api/v2/ob/clusters', 400, {
      body: { name: 'cluster01', rpmName: rpm, type: 'PRIMARY', password: 'x', zones: [{ name: 'zone1', idcName: 'bj-idc1', servers: [1007] }] },
    });
    await expectMatch('listSoftwarePackages', '/api/v2/software-packages?type=OB_SERVER_INSTALL_PACKAGE');
    const rpm75 = buildRpm({ name: 'oceanbase', version: '2.2.77', release: '20210301.el7', arch: 'x86_64' });
    const boundary = 'openapiBoundary';
    const form = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.rpm"\r\n\r\n`),
      rpm75,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const uploaded = await expectMatch('uploadSoftwarePackage', '/api/v2/software-packages', 200, {
      rawBody: form,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    await expectMatch('deleteSoftwarePackage', `/api/v2/software-packages/${uploaded.json.data.id}`);
    // The tenant calls, on a world of their own: reads, a create that runs to NORMAL, then each change on it.
    const tw = mock();
    const inT = on(tw);
    const settled = async (name: keyof typeof OCP_ROUTES, path: string, body: unknown, taskOf: (json: any) => number) => {
      const res = await inT(name, path, 200, { body });
      tw.advance(3_600_000);
      expect((await tw.task(taskOf(res.json))).json.data.status, name).toBe('SUCCESSFUL');
      return res;
    };
    await inT('listAllTenants', '/api/v2/ob/tenants?mode=MYSQL&size=5');
    await inT('listUnitSpecs', '/api/v2/ob/unitSpecs');
    await inT('listClusterTenants', '/api/v2/ob/clusters/1/tenants?sort=name,asc');
    const tpcc = (await tw.call('GET', '/api/v2/ob/clusters/1/tenants')).json.data.contents.find((t: any) => t.name === 'tpcc').id;
    await inT('getTenant', `/api/v2/ob/cluster/1/tenants/${tpcc}`);
    await inT('getTenantPlural', `/api/v2/ob/clusters/1/tenants/${tpcc}`);
    await inT('listTenantUnits', `/api/v2/ob/cluster/1/tenants/${tpcc}/units`);
    await inT('listTenantUnitsPlural', `/api/v2/ob/clusters/1/tenants/${tpcc}/units?zoneName=zone1`);
    // A tenant's parameters and databases (1700, 1800, 1900), on `tpcc`, errors included.
    const tp = `/api/v2/ob/clusters/1/tenants/${tpcc}`;
    await inT('listTenantParameters', `${tp}/parameters`);
    await inT('modifyTenantParameters', `${tp}/parameters`, 200, { body: [{ name: 'ob_default_replica_num', value: 2 }] });
    await inT('modifyTenantParameters', `${tp}/parameters`, 400, { body: [{ name: 'no_such_variable', value: '1' }] });
    await inT('listDatabases', `${tp}/databases?id=1&tenantId=${tpcc}`);
    await inT('createDatabase', `${tp}/databases`, 200, { body: { dbName: 'db1', collation: 'utf8mb4_general_ci', readonly: false, primaryZone: 'zone1' } });
    await inT('createDatabase', `${tp}/databases`, 400, { body: { dbName: 'db1', readonly: false } });
    await inT('modifyDatabase', `${tp}/databases/db1`, 200, { body: { collation: 'utf8mb4_bin', readonly: true } });
    await inT('deleteDatabase', `${tp}/databases/db1`);
    await inT('deleteDatabase', `${tp}/databases/db1`, 404);
    // The zone with the most servers is the one a replica is added to and grown in (a unit per server).
    const serversOf1 = (await tw.call('GET', '/api/v2/ob/clusters/1/servers')).json.data.contents;
    const perZone = (z: string) => serversOf1.filter((sv: any) => sv.zoneName === z).length;
    const zonesOf1 = (await tw.call('GET', '/api/v2/ob/clusters/1/zones')).json.data.contents
      .map((z: any) => z.name)
      .sort((a: string, b: string) => perZone(a) - perZone(b));
    const big = zonesOf1[zonesOf1.length - 1];
    expect(perZone(big)).toBeGreaterThan(1);
    const pool = (unitSpecName: string, unitCount = 1) => ({ unitSpecName, unitCount });
    const made = await settled(
      'createTenant',
      '/api/v2/ob/clusters/1/tenants/createTenant',
      { name: 'oa_t1', mode: 'MYSQL', rootPassword: 'xxxxx', zones: [{ name: zonesOf1[0], replicaType: 'FULL', resourcePool: pool('S0') }] },
      (json) => json.data.id,
    );
    const t1 = `/api/v2/ob/clusters/1/tenants/${made.json.data.tenantId}`;
    await settled('addTenantReplica', `${t1}/addReplica`, [{ zoneName: big, replicaType: 'FULL', resourcePool: pool('S0') }], (json) => json.data.id);
    await settled('modifyTenantReplica', `${t1}/modifyReplica`, [{ zoneName: big, resourcePool: pool('S0', 2) }], (json) => json.data.id);
    const extra = (await tw.call('GET', `${t1}/units?zoneName=${big}`)).json.data.contents[0].id;
    await inT('deleteTenantUnit', `${t1}/units/${extra}`);
    await settled('deleteTenantReplica', `${t1}/deleteReplica`, [{ zoneName: big }], (json) => json.data.id);
    await inT('modifyTenantPrimaryZone', `${t1}/modifyPrimaryZone`, 200, { body: { primaryZone: zonesOf1[0] } });
    await inT('changeTenantPassword', `${t1}/changePassword`, 200, { body: { newPassword: 'Tenant_pass1' } });
    await inT('modifyTenantWhitelist', `${t1}/modifyWhitelist`, 200, { body: { whitelist: '%' } });
    await inT('lockTenant', `${t1}/lock`);
    await inT('unlockTenant', `${t1}/unlock`);
    await inT('deleteTenant', t1);
    tw.advance(3_600_000);
    const sync = await inT('createTenantSync', '/api/v2/ob/clusters/1/tenants', 200, {
      body: { name: 'oa_t2', mode: 'ORACLE', rootPassword: 'xxxxx', zones: [{ name: zonesOf1[0], replicaType: 'FULL', resourcePool: pool('S0') }] },
    });
    expect(sync.json.data.name).toBe('oa_t2');
    await inT('createTenant', '/api/v2/ob/clusters/1/tenants/createTenant', 400, {
      body: { name: 'oa_t3', mode: 'MYSQL', rootPassword: 'xxxxx', zones: [{ name: zonesOf1[0], replicaType: 'FULL', resourcePool: pool('S3', 1) }] },
    });
    await inT(
      'deleteTenant',
      `/api/v2/ob/clusters/1/tenants/${(await tw.call('GET', '/api/v2/ob/clusters/1/tenants?name=sys')).json.data.contents[0].id}`,
      400,
    );
    await expectMatch('time', '/api/v2/time');
    await expectMatch('info', '/api/v2/info');
    {
      // The tenant calls again (ocp-docs/tenant), on a third world, in a block of their own; each change waits for the last one's task.
      const t = mock();
      const inT = on(t);
      const zones = (...names: string[]) => names.map((name) => ({ name, replicaType: 'FULL', resourcePool: { unitSpecName: 'S0', unitCount: 1 } }));
      const tenantBody = (name: string, z: ReturnType<typeof zones>) => ({ name, mode: 'MYSQL', primaryZone: z[0]?.name, rootPassword: 'xxxxx', zones: z });
      await inT('listAllTenants', '/api/v2/ob/tenants?status=NORMAL,CREATING&mode=MYSQL');
      await inT('listUnitSpecs', '/api/v2/ob/unitSpecs?type=SYSTEM');
      await inT('listClusterTenants', '/api/v2/ob/clusters/1/tenants?locked=false');
      await inT('getTenant', '/api/v2/ob/cluster/1/tenants/1000004');
      await inT('getTenantPlural', '/api/v2/ob/clusters/1/tenants/1000004');
      await inT('listTenantUnits', '/api/v2/ob/cluster/1/tenants/1000004/units');
      await inT('listTenantUnitsPlural', '/api/v2/ob/clusters/1/tenants/1000004/units?zoneName=zone1');
      const tenant = (await inT('createTenant', '/api/v2/ob/clusters/1/tenants/createTenant', 200, { body: tenantBody('oa', zones('zone2', 'zone3')) })).json
        .data.tenantId;
      await inT('createTenantSync', '/api/v2/ob/clusters/1000002/tenants', 200, { body: tenantBody('ob', zones('zone1')) });
      t.advance(3_600_000);
      const tb = `/api/v2/ob/clusters/1/tenants/${tenant}`;
      await inT('addTenantReplica', `${tb}/addReplica`, 200, { body: [{ zoneName: 'zone1' }] });
      t.advance(3_600_000);
      await inT('modifyTenantReplica', `${tb}/modifyReplica`, 200, { body: [{ zoneName: 'zone1', resourcePool: { unitSpecName: 'S0', unitCount: 2 } }] });
      t.advance(3_600_000);
      const unit = (await t.call('GET', `${tb}/units?zoneName=zone1`)).json.data.contents[1].id;
      await inT('deleteTenantUnit', `${tb}/units/${unit}`);
      await inT('deleteTenantReplica', `${tb}/deleteReplica`, 200, { body: [{ zoneName: 'zone1' }] });
      t.advance(3_600_000);
      await inT('modifyTenantPrimaryZone', `${tb}/modifyPrimaryZone`, 200, { body: { primaryZone: 'zone3;zone2' } });
      await inT('changeTenantPassword', `${tb}/changePassword`, 200, { body: { newPassword: 'Tenant_pass1' } });
      await inT('modifyTenantWhitelist', `${tb}/modifyWhitelist`, 200, { body: { whitelist: '10.0.0.0/8' } });
      await inT('lockTenant', `${tb}/lock`);
      await inT('unlockTenant', `${tb}/unlock`);
      await inT('deleteTenant', tb);
      await inT('createTenant', '/api/v2/ob/clusters/1/tenants/createTenant', 400, { body: tenantBody('tpcc', zones('zone1')) });
      await inT('getTenantPlural', '/api/v2/ob/clusters/1/tenants/424242', 404);
    }
    expect([...exercised].sort()).toEqual(Object.keys(OCP_ROUTES).sort());

    // Errors answer the documented error envelope.
    await expectMatch('getTask', '/api/v2/tasks/instances/1', 404);
    await expectMatch('getCluster', '/api/v2/ob/clusters/999', 404);
    await expectMatch('modifyClusterParameters', '/api/v2/ob/clusters/1/parameters', 400, { body: [{ name: 'no_such_parameter', value: '1' }] });
    await expectMatch('switchoverPreCheck', '/api/v2/ob/clusters/1/switchoverPreCheck', 400);
    await expectMatch('deleteHost', '/api/v2/compute/hosts/1001', 400);
    await expectMatch('deleteSoftwarePackage', '/api/v2/software-packages/1', 400);
    await expectMatch('uploadSoftwarePackage', '/api/v2/software-packages', 400, { rawBody: 'x', headers: { 'content-type': 'text/plain' } });
    await expectMatch('batchStopAgents', '/api/v2/compute/hosts/batchStopAgents', 400, { body: { hostIds: [] } });
    await expectMatch('listHosts', '/api/v2/compute/hosts', 401, { user: null });
    await expectMatch('retryTask', `/api/v2/tasks/instances/${taskId}/retry`, 403, { user: 'viewer' });
  });

  it('fails the check when an answer drifts from the document', async () => {
    const { m, check } = await documentAndValidator();
    const res = await m.call('GET', '/api/v2/compute/hosts/2');
    res.json.data.hostAgentStatus = 'SLEEPING';
    delete res.json.data.name;
    expect(check('get', '/api/v2/compute/hosts/{hostId}', 200, res.json).length).toBeGreaterThan(0);
  });
});

describe('GET /__mock/docs', () => {
  it('serves Swagger UI from local assets', async () => {
    const m = mock();
    const page = await m.call('GET', '/__mock/docs', { user: null });
    expect(page.status).toBe(200);
    expect(page.text).toContain('/__mock/openapi.json');
    expect(page.text).not.toMatch(/https?:\/\//);
    const js = await m.call('GET', '/__mock/docs/swagger-ui-bundle.js', { user: null });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.text.length).toBeGreaterThan(100_000);
    expect((await m.call('GET', '/__mock/docs/swagger-ui.css', { user: null })).status).toBe(200);
  });
});
