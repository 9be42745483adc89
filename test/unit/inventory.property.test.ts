/**
 * Issue 15: referential integrity under random sequences of creates and deletes of regions, IDCs,
 * host types and hosts, through the HTTP API. After every step no host points at a missing IDC,
 * region or type, no IDC at a missing region; and every refused request changed nothing.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

const step = fc.oneof(
  fc.record({ kind: fc.constant('createRegion' as const), name: fc.constantFrom('beijing', 'north', 'south', 'east') }),
  fc.record({ kind: fc.constant('createIdc' as const), name: fc.constantFrom('bj-idc1', 'idc-a', 'idc-b'), pick: fc.nat() }),
  fc.record({ kind: fc.constant('createType' as const), name: fc.constantFrom('tiny', 'huge', 'standard-16c64g') }),
  fc.record({ kind: fc.constantFrom('deleteRegion' as const, 'deleteIdc' as const, 'deleteType' as const, 'deleteHost' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('stop' as const), pick: fc.nat() }),
  // Hosts added into a picked IDC and type (sometimes at an address a host already has, or into one just deleted).
  fc.record({
    kind: fc.constant('addHosts' as const),
    pick: fc.nat(),
    typePick: fc.nat(),
    ips: fc.array(fc.constantFrom('10.0.0.1', '10.0.0.2', '10.0.0.3'), { minLength: 1, maxLength: 2 }),
  }),
);

describe('the host inventory under random creates and deletes', () => {
  it('never leaves anything pointing at nothing, and refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 15 }), async (steps) => {
        const m = mock({ hosts: 8 });
        const get = async (path: string) => (await m.call('GET', `/api/v2/compute/${path}?size=2000`)).json.data.contents as any[];
        const snapshot = async () => JSON.stringify([await get('regions'), await get('idcs'), await get('hostTypes'), await get('hosts')]);
        for (const s of steps) {
          const [regions, idcs, types, hosts] = [await get('regions'), await get('idcs'), await get('hostTypes'), await get('hosts')];
          const pick = <T>(list: T[], n: number): T | undefined => list[n % Math.max(1, list.length)];
          let res: Awaited<ReturnType<typeof m.call>> | undefined;
          const before = await snapshot();
          switch (s.kind) {
            case 'createRegion':
              res = await m.call('POST', '/api/v2/compute/regions', { body: { name: s.name } });
              break;
            case 'createIdc':
              res = await m.call('POST', '/api/v2/compute/idcs', { body: { name: s.name, regionId: pick(regions, s.pick)?.id ?? 999 } });
              break;
            case 'createType':
              res = await m.call('POST', '/api/v2/compute/hostTypes', { body: { name: s.name } });
              break;
            case 'deleteRegion':
              res = await m.call('DELETE', `/api/v2/compute/regions/${pick(regions, s.pick)?.id ?? 999}`);
              break;
            case 'deleteIdc':
              res = await m.call('DELETE', `/api/v2/compute/idcs/${pick(idcs, s.pick)?.id ?? 999}`);
              break;
            case 'deleteType':
              res = await m.call('DELETE', `/api/v2/compute/hostTypes/${pick(types, s.pick)?.id ?? 999}`);
              break;
            case 'deleteHost':
              res = await m.call('DELETE', `/api/v2/compute/hosts/${pick(hosts, s.pick)?.id ?? 999}`);
              break;
            case 'stop':
              res = await m.stop([pick(hosts, s.pick)?.id ?? 999]);
              break;
            case 'addHosts':
              res = await m.call('POST', '/api/v2/compute/hosts/batchCreate', {
                body: {
                  hostBasicDataList: [...new Set(s.ips)].map((innerIpAddress) => ({ innerIpAddress })),
                  sshPort: 22,
                  kind: 'DEDICATED_PHYSICAL_MACHINE',
                  idcId: pick(idcs, s.pick)?.id ?? 999,
                  typeId: pick(types, s.typePick)?.id ?? 999,
                  credentialId: 1,
                },
              });
              break;
          }
          if (res && res.status !== 200 && s.kind !== 'stop')
            expect(await snapshot(), `${s.kind} refused (${res.json.error?.code}) yet something changed`).toBe(before);
          m.advance(s.kind === 'stop' ? 0 : 30_000);
          const [r2, i2, t2, h2] = [await get('regions'), await get('idcs'), await get('hostTypes'), await get('hosts')];
          const regionIds = new Set(r2.map((r) => r.id));
          const idcIds = new Set(i2.map((i) => i.id));
          const typeIds = new Set(t2.map((t) => t.id));
          for (const i of i2) expect(regionIds.has(i.regionId), `IDC ${i.id} -> region ${i.regionId}`).toBe(true);
          for (const h of h2) {
            expect(idcIds.has(h.idcId), `host ${h.id} -> IDC ${h.idcId}`).toBe(true);
            expect(regionIds.has(h.regionId), `host ${h.id} -> region ${h.regionId}`).toBe(true);
            expect(typeIds.has(h.typeId), `host ${h.id} -> type ${h.typeId}`).toBe(true);
          }
        }
      }),
      { seed: 20261129, numRuns: Number(process.env.FC_RUNS ?? 40) },
    );
  }, 60_000);
});
