/**
 * Issue 24: random sequences of tenant creates (both forms, some whose "Create ob tenant" fails)
 * and deletes, replicas added, deleted and modified, units deleted, locks, cluster stops and
 * starts, server, zone and cluster deletes, host deletes, rollbacks and retries and clock steps,
 * through the HTTP API. After every step:
 * - no OB server holds more than its capacity (capacity.ts' rule, from its host's type): neither
 *   the units listed nor what is reserved for tasks still running;
 * - every unit listed is on a server of its cluster that exists, in its own zone, which is one of
 *   the tenant's zones, on a host that exists; a pool has at most one unit per server;
 * - each cluster's `tenantCount` equals the tenants it lists, and the used resources kept per
 *   server equal what the tenants' units take (units reserved by a running task included);
 * - a refused call (any 4xx) changes nothing: tenants, units, usage, clusters, task count; and no
 *   call answers 5xx.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serverCapacity, unitDemand } from '../../src/modules/obTenant/capacity.js';
import { mock } from '../helpers.js';

const SPECS = ['S0', 'S1', 'S2', 'S3'];
const NAMES = ['t_a', 't_b', 't_c', 'tpcc', 'sys'];

const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      cluster: fc.nat(),
      // A bit per zone of the cluster: mostly one zone, so replicas can be added later.
      zones: fc.constantFrom(0, 1, 1, 2, 4, 3, 7),
      spec: fc.constantFrom(...SPECS),
      count: fc.constantFrom(1, 1, 1, 2),
      name: fc.constantFrom(...NAMES),
      sync: fc.boolean(),
      fails: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), tenant: fc.nat() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom('addReplica' as const, 'deleteReplica' as const, 'modifyReplica' as const),
      tenant: fc.nat(),
      zone: fc.nat(),
      spec: fc.option(fc.constantFrom(...SPECS), { nil: undefined }),
      count: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteUnit' as const), tenant: fc.nat(), unit: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('lock' as const), tenant: fc.nat(), locked: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('cluster' as const),
      op: fc.constantFrom('stop', 'start', 'deleteServer', 'deleteZone', 'deleteCluster'),
      cluster: fc.nat(),
      pick: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hostDelete' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 300_000 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('rollback' as const, 'retry' as const) }) },
);

const pick = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);
const normal = (text: string) => text.replace(/"(timestamp|duration|traceId|server)":("[^"]*"|\d+)/g, '');

describe('tenants on the clusters, whatever is done to tenants, clusters and hosts', () => {
  it('never hold more than a server has, stay on their zones’ live servers, add up, and refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.integer({ min: 1, max: 3 }), fc.nat(), async (steps, seed, first) => {
        const m = mock({ seed });
        // Every run starts with a one-zone tenant on cluster01 (its create failing in one run of two), so replicas have somewhere to go and tasks something to retry or roll back.
        const opening = await m.call('POST', '/api/v2/ob/clusters/1/tenants/createTenant', {
          body: {
            name: 't_one',
            rootPassword: 'xxxxx',
            zones: [{ name: `zone${(first % 3) + 1}`, replicaType: 'FULL', resourcePool: { unitSpecName: 'S0', unitCount: 1 } }],
          },
          headers: { 'X-OCP-Mock-Scenario': first % 2 === 0 ? 'tenant-create-fails' : 'success' },
        });
        expect(opening.status, opening.text).toBe(200);
        m.advance(60_000);
        const get = async (path: string) => {
          const res = await m.call('GET', path);
          expect(res.status, `${path}: ${res.text}`).toBe(200);
          return res.json.data;
        };
        const tenantsModule = m.simulator.obTenant.tenants;
        /** What a refused call must leave as it was (read at one instant: no clock step in between). */
        const world = async () => ({
          tenants: JSON.stringify(tenantsModule.all()),
          usage: JSON.stringify([...tenantsModule.usageSnapshot()].sort((a, b) => a[0] - b[0])),
          clusters: normal((await m.call('GET', '/api/v2/ob/clusters?size=100')).text),
          tasks: m.simulator.tasks.count(),
        });
        for (const s of steps) {
          const clusters = (await get('/api/v2/ob/clusters?size=100')).contents as any[];
          const tenants = (await get('/api/v2/ob/tenants?size=1000')).contents as any[];
          const before = await world();
          // Mostly user tenants of primaries (the sys tenants' and standbys' refusals are few and quickly found).
          const primaryIds = new Set(clusters.filter((c) => c.type === 'PRIMARY').map((c) => c.id));
          const users = tenants.filter((t) => t.name !== 'sys' && primaryIds.has(t.clusterId));
          const tenant = pick('tenant' in s && s.tenant % 5 !== 0 && users.length > 0 ? users : tenants, 'tenant' in s ? s.tenant : 0);
          const cluster = clusters.find((c) => c.id === tenant?.clusterId);
          const base = tenant ? `/api/v2/ob/clusters/${tenant.clusterId}/tenants/${tenant.id}` : '';
          let res: Awaited<ReturnType<typeof m.call>> | undefined;
          switch (s.kind) {
            case 'create': {
              // Mostly on a primary (a standby's are refused, OBE11003), on a few of its zones (none: OBE21017).
              const primaries = clusters.filter((c) => c.type === 'PRIMARY');
              const c = pick(s.cluster % 5 !== 0 && primaries.length > 0 ? primaries : clusters, s.cluster) as any;
              const masked = (c.zones as any[]).filter((_, i) => (s.zones >> i) & 1);
              const zones = masked.length === 0 && s.zones !== 0 ? (c.zones as any[]).slice(0, 1) : masked;
              const body = {
                name: s.name,
                mode: 'MYSQL',
                rootPassword: 'xxxxx',
                zones: zones.map((z) => ({ name: z.name, replicaType: 'FULL', resourcePool: { unitSpecName: s.spec, unitCount: s.count } })),
              };
              const headers = { 'X-OCP-Mock-Scenario': s.fails ? 'tenant-create-fails' : 'success' };
              res = await m.call('POST', `/api/v2/ob/clusters/${c.id}/tenants${s.sync ? '' : '/createTenant'}`, { body, headers });
              break;
            }
            case 'delete':
              if (tenant) res = await m.call('DELETE', base);
              break;
            case 'addReplica':
            case 'deleteReplica':
            case 'modifyReplica': {
              if (!tenant || !cluster) break;
              // An added replica mostly in a zone the tenant lacks, the others in one of its own.
              const own = new Set(((await get(base)).zones as any[]).map((z) => z.name));
              const others = (cluster.zones as any[]).filter((z) => own.has(z.name) === (s.kind !== 'addReplica'));
              const zone = pick(s.zone % 4 !== 0 && others.length > 0 ? others : (cluster.zones as any[]), s.zone)?.name;
              const resourcePool = s.spec === undefined && s.count === undefined ? undefined : { unitSpecName: s.spec, unitCount: s.count };
              const body =
                s.kind === 'deleteReplica'
                  ? [{ zoneName: zone }]
                  : [{ zoneName: zone, ...(resourcePool ? { resourcePool } : {}), ...(s.kind === 'addReplica' ? { replicaType: 'FULL' } : {}) }];
              res = await m.call('POST', `${base}/${s.kind}`, { body });
              break;
            }
            case 'deleteUnit': {
              if (!tenant) break;
              const units = (await get(`${base}/units`)).contents as any[];
              const unit = pick(units, s.unit);
              res = await m.call('DELETE', `${base}/units/${unit?.id ?? 999_999}`);
              break;
            }
            case 'lock':
              if (tenant) res = await m.call('POST', `${base}/${s.locked ? 'lock' : 'unlock'}`);
              break;
            case 'cluster': {
              const c = pick(clusters, s.cluster) as any;
              const path = `/api/v2/ob/clusters/${c.id}`;
              if (s.op === 'stop' || s.op === 'start') res = await m.call('POST', `${path}/${s.op}`);
              else if (s.op === 'deleteCluster') res = await m.call('DELETE', path);
              else if (s.op === 'deleteZone') res = await m.call('DELETE', `${path}/zones/${pick(c.zones as any[], s.pick)?.name}`);
              else {
                const servers = (await get(`${path}/servers`)).contents as any[];
                res = await m.call('POST', `${path}/servers/batchDelete`, { body: { servers: [pick(servers, s.pick)?.id] } });
              }
              break;
            }
            case 'hostDelete': {
              const hosts = (await get('/api/v2/compute/hosts?size=2000')).contents as any[];
              res = await m.call('DELETE', `/api/v2/compute/hosts/${pick(hosts, s.pick)?.id}`);
              break;
            }
            case 'advance':
              m.advance(s.ms);
              break;
            case 'rollback':
            case 'retry': {
              const failed = (await get('/api/v2/tasks/instances?status=FAILED&size=1')).contents as any[];
              if (failed[0]) res = await m.call('POST', `/api/v2/tasks/instances/${failed[0].id}/${s.kind}`);
              break;
            }
          }
          if (res) {
            expect(res.status, `${s.kind}: ${res.text}`).toBeLessThan(500);
            if (res.status !== 200) {
              expect(res.json.error.code, res.text).toMatch(/^[A-Z]+\d+$/);
              expect(await world(), `refused ${JSON.stringify(s)} (${res.json.error.code}) changed the world`).toEqual(before);
            }
          }
          await expectWorldAddsUp(m, get);
        }
      }),
      { seed: 20261203, numRuns: Number(process.env.FC_RUNS ?? 40) },
    );
  }, 180_000);
});

/** The invariants of the file's comment, read through the API (and the kept usage, which no call shows whole). */
async function expectWorldAddsUp(m: ReturnType<typeof mock>, get: (path: string) => Promise<any>): Promise<void> {
  const hosts = new Map(((await get('/api/v2/compute/hosts?size=2000')).contents as any[]).map((h) => [h.id, h]));
  const clusters = (await get('/api/v2/ob/clusters?size=100')).contents as any[];
  const capacity = new Map<number, ReturnType<typeof serverCapacity>>();
  const listedUse = new Map<number, { cpu: number; memory: number }>();
  for (const c of clusters) {
    const servers = new Map(((await get(`/api/v2/ob/clusters/${c.id}/servers`)).contents as any[]).map((s) => [s.id, s]));
    for (const s of servers.values()) {
      const host = hosts.get(s.hostId);
      expect(host, `server ${s.id}'s host ${s.hostId}`).toBeDefined();
      capacity.set(s.id, serverCapacity(host.typeName));
    }
    const tenants = (await get(`/api/v2/ob/clusters/${c.id}/tenants?size=1000`)).contents as any[];
    expect(c.tenantCount, `cluster ${c.name}'s tenantCount`).toBe(tenants.length);
    for (const t of tenants) {
      const detail = await get(`/api/v2/ob/clusters/${c.id}/tenants/${t.id}`);
      for (const z of detail.zones as any[]) {
        expect(
          (c.zones as any[]).map((x) => x.name),
          `tenant ${t.name}'s zone ${z.name}`,
        ).toContain(z.name);
        const seen = new Set<number>();
        for (const u of z.units as any[]) {
          const server = servers.get(u.serverId);
          expect(server, `unit ${u.id} of ${t.name} on server ${u.serverId}`).toBeDefined();
          expect([u.zoneName, server.zoneName], `unit ${u.id}'s zone`).toEqual([z.name, z.name]);
          expect(seen.has(u.serverId), `two units of ${t.name}'s pool on server ${u.serverId}`).toBe(false);
          seen.add(u.serverId);
          const cfg = z.resourcePool.unitConfig;
          const was = listedUse.get(u.serverId) ?? { cpu: 0, memory: 0 };
          listedUse.set(u.serverId, { cpu: was.cpu + cfg.minCpuCoreCount, memory: was.memory + cfg.maxMemorySize });
        }
      }
    }
  }
  for (const [serverId, used] of listedUse) {
    const cap = capacity.get(serverId) as ReturnType<typeof serverCapacity>;
    expect(used.cpu, `server ${serverId}'s cores`).toBeLessThanOrEqual(cap.cpu + 1e-9);
    expect(used.memory, `server ${serverId}'s memory`).toBeLessThanOrEqual(cap.memory + 1e-9);
  }
  // The kept usage: exactly what the tenants' units take (reserved ones included), within capacity, on live servers only.
  const held = new Map<number, ReturnType<typeof unitDemand>>();
  for (const t of m.simulator.obTenant.tenants.all())
    for (const p of t.pools)
      for (const u of p.units) {
        const need = unitDemand(p.unitConfig);
        const was = held.get(u.serverId) ?? { cpu: 0, memory: 0, logDisk: 0 };
        held.set(u.serverId, { cpu: was.cpu + need.cpu, memory: was.memory + need.memory, logDisk: was.logDisk + need.logDisk });
      }
  const kept = [...m.simulator.obTenant.tenants.usageSnapshot()].filter(([, u]) => Math.abs(u.cpu) + Math.abs(u.memory) + Math.abs(u.logDisk) > 1e-9);
  const round = (u: { cpu: number; memory: number; logDisk: number }) => ({
    cpu: Math.round(u.cpu * 1000),
    memory: Math.round(u.memory * 1000),
    logDisk: Math.round(u.logDisk * 1000),
  });
  expect(new Map(kept.map(([id, u]) => [id, round(u)])), 'the kept usage against the units').toEqual(new Map([...held].map(([id, u]) => [id, round(u)])));
  for (const [serverId, used] of held) {
    const cap = capacity.get(serverId);
    expect(cap, `units held on server ${serverId}, which no cluster lists`).toBeDefined();
    expect(used.cpu).toBeLessThanOrEqual((cap?.cpu ?? 0) + 1e-9);
    expect(used.memory).toBeLessThanOrEqual((cap?.memory ?? 0) + 1e-9);
    expect(used.logDisk).toBeLessThanOrEqual((cap?.logDisk ?? 0) + 1e-9);
  }
}
