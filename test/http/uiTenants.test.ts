/**
 * The dashboard's tenants read (src/http/routes/uiTenants.ts): `GET /__mock/ui/clusters/{clusterId}/tenants`
 * and the snapshot's `tenants`, against what OCP's tenant calls answer (the list, the units, the
 * details), and each server's use as the sum of what its units take; a create's units taking their
 * share at once (listed once placed), a refused create changing nothing; the reads stay out of the journal.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

type Mock = ReturnType<typeof mock>;
const read = async (m: Mock, id: number) => (await m.call('GET', `/__mock/ui/clusters/${id}/tenants`)).json;
const createBody = (name: string, spec: string, zones: readonly string[]) => ({
  name,
  mode: 'MYSQL',
  rootPassword: 'Secret_123',
  zones: zones.map((z) => ({ name: z, replicaType: 'FULL', resourcePool: { unitSpecName: spec, unitCount: 1 } })),
});
const round = (n: number) => Math.round(n * 100) / 100;

/** What each server's units take, from the read's own units (min CPU, max memory, log disk: capacity.ts). */
function usedByUnits(entry: any): Map<number, { cpu: number; memory: number; logDisk: number }> {
  const used = new Map<number, { cpu: number; memory: number; logDisk: number }>();
  for (const t of entry.tenants) {
    for (const u of t.units) {
      const was = used.get(u.serverId) ?? { cpu: 0, memory: 0, logDisk: 0 };
      used.set(u.serverId, { cpu: round(was.cpu + u.minCpu), memory: round(was.memory + u.maxMemory), logDisk: round(was.logDisk + u.logDisk) });
    }
  }
  return used;
}

describe('GET /__mock/ui/clusters/{clusterId}/tenants', () => {
  it('lists each cluster’s tenants and units as OCP’s tenant calls answer them, and its servers’ use as their units’ sum', async () => {
    const m = mock();
    const clusters = (await m.call('GET', '/api/v2/ob/clusters')).json.data.contents;
    expect(clusters.length).toBeGreaterThan(0);
    for (const c of clusters) {
      const entry = await read(m, c.id);
      expect(entry.clusterId).toBe(c.id);
      const listed = (await m.call('GET', `/api/v2/ob/clusters/${c.id}/tenants?size=100`)).json.data.contents;
      expect(entry.tenants.map((t: any) => [t.id, t.name, t.mode, t.status, t.locked, t.primaryZone])).toEqual(
        listed.map((t: any) => [t.id, t.name, t.mode, t.status, t.locked, t.primaryZone]),
      );
      for (const t of entry.tenants) {
        const units = (await m.call('GET', `/api/v2/ob/clusters/${c.id}/tenants/${t.id}/units`)).json.data.contents;
        expect(t.units.map((u: any) => [u.id, u.zoneName, u.serverId, u.serverIp, u.serverPort])).toEqual(
          units.map((u: any) => [u.id, u.zoneName, u.serverId, u.serverIp, u.serverPort]),
        );
        const zones = (await m.call('GET', `/api/v2/ob/clusters/${c.id}/tenants/${t.id}`)).json.data.zones;
        for (const u of t.units) {
          const config = zones.find((z: any) => z.name === u.zoneName).resourcePool.unitConfig;
          expect([u.minCpu, u.maxCpu, u.minMemory, u.maxMemory]).toEqual([
            config.minCpuCoreCount,
            config.maxCpuCoreCount,
            config.minMemorySize,
            config.maxMemorySize,
          ]);
        }
      }
      const servers = (await m.call('GET', `/api/v2/ob/clusters/${c.id}/servers`)).json.data.contents;
      expect(entry.servers.map((s: any) => [s.id, s.ip, s.port, s.status])).toEqual(servers.map((s: any) => [s.id, s.ip, s.port, s.status]));
      const used = usedByUnits(entry);
      for (const s of entry.servers) {
        expect(s.used).toEqual(used.get(s.id) ?? { cpu: 0, memory: 0, logDisk: 0 });
        expect(s.free).toEqual({
          cpu: round(s.capacity.cpu - s.used.cpu),
          memory: round(s.capacity.memory - s.used.memory),
          logDisk: round(s.capacity.logDisk - s.used.logDisk),
        });
      }
    }
  });

  it('is the snapshot’s entry for that cluster, and no read of it enters the journal', async () => {
    const m = mock();
    const journal = async () => (await m.call('GET', '/__mock/requests')).json.count as number;
    // An OCP call is journaled (so the count below counts): the dashboard's reads are not.
    await m.call('GET', '/api/v2/ob/clusters');
    const before = await journal();
    expect(before).toBe(1);
    const state = (await m.call('GET', '/__mock/ui/state')).json;
    expect(state.tenants.map((e: any) => e.clusterId)).toEqual(state.clusters.map((c: any) => c.id));
    for (const e of state.tenants) expect(await read(m, e.clusterId)).toEqual(e);
    expect(await journal()).toBe(before);
  });

  it('takes a create’s share at once and lists its units once placed; a refused create changes nothing', async () => {
    const m = mock();
    const before = await read(m, 1);
    const zones = before.servers.map((s: any) => s.zoneName).filter((z: string, i: number, all: string[]) => all.indexOf(z) === i);
    const made = await m.call('POST', '/api/v2/ob/clusters/1/tenants/createTenant', { body: createBody('shop', 'S0', zones) });
    expect(made.status, made.text).toBe(200);
    const during = await read(m, 1);
    const shop = during.tenants.find((t: any) => t.name === 'shop');
    expect(shop).toMatchObject({ status: 'CREATING', locked: false, mode: 'MYSQL', primaryZone: 'RANDOM', taskId: made.json.data.id });
    // S0: 1 core, 4 GB, 12 GB of log disk on one server of each zone, taken from the submission on.
    const taken = (id: number, r: any) => r.servers.find((s: any) => s.id === id).used;
    const grown = before.servers.filter((s: any) => taken(s.id, during).memory !== s.used.memory);
    expect(grown).toHaveLength(zones.length);
    for (const s of grown)
      expect(taken(s.id, during)).toEqual({ cpu: round(s.used.cpu + 1), memory: round(s.used.memory + 4), logDisk: round(s.used.logDisk + 12) });

    m.advance(3_600_000);
    const after = await read(m, 1);
    const listed = after.tenants.find((t: any) => t.name === 'shop');
    expect(listed.status).toBe('NORMAL');
    expect(listed.units.map((u: any) => u.serverId).sort()).toEqual(grown.map((s: any) => s.id).sort());
    expect(listed.units.every((u: any) => u.spec === 'S0' && u.logDisk === 12)).toBe(true);
    expect(after.servers).toEqual(during.servers);

    // S3 (8 cores, 32 GB) on every zone: the smallest server cannot take it.
    const refused = await m.call('POST', '/api/v2/ob/clusters/1/tenants/createTenant', { body: createBody('huge', 'S3', zones) });
    expect(refused.status).toBe(400);
    expect(['OBE19018', 'OBE19019']).toContain(refused.json.error.code);
    expect(await read(m, 1)).toEqual(after);
  });

  it('answers OCP’s 404 for an unknown cluster and its 400 for an id that is not one', async () => {
    const m = mock();
    const missing = await m.call('GET', '/__mock/ui/clusters/77/tenants');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('OBE11001');
    const bad = await m.call('GET', '/__mock/ui/clusters/x/tenants');
    expect(bad.status).toBe(400);
    expect(bad.json.successful).toBe(false);
  });
});
