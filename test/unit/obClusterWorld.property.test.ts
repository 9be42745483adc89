/**
 * Issue 23: random sequences of cluster creates and deletes, servers added and deleted, host deletes (one or a batch), host adds, agent stops
 * and restarts and clock steps, through the HTTP API. After every step:
 * - every host's `services` name exactly the clusters whose servers run on it (`name:obClusterId`);
 * - no server runs on a host that does not exist (every server's host is listed, at its address),
 *   nor on a host of another IDC than its zone's;
 * - a cluster create, delete, server add or delete that is refused changes nothing (hosts,
 *   clusters, tasks);
 * - a delete is refused whenever a host it names runs a server (CMP07004, unless the host is
 *   unknown or its agent busy first), and a refused call changes nothing, hosts and clusters alike;
 * - cluster and zone stops, starts and restarts: a refused one changes nothing (no task either);
 *   only a cluster operation or time changes what a cluster reads; and what each cluster, zone
 *   and server reads agrees with the newest task that acted on it (its `during` status while it
 *   runs, its `after` status once it has succeeded).
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

const step = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('add' as const), pick: fc.nat(), count: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constantFrom('stop' as const, 'restart' as const), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 600_000 }) }),
  fc.record({
    kind: fc.constant('cluster' as const),
    op: fc.constantFrom('stop', 'start', 'restart'),
    cluster: fc.constantFrom(1, 100, 1_000_002),
    zone: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('structure' as const),
    op: fc.constantFrom('create', 'delete', 'addServer', 'deleteServer'),
    pick: fc.nat(),
    hostPick: fc.nat(),
  }),
);

/** What each operation leaves (after) and shows while it runs (during), as src/modules/obCluster/operations.ts declares. */
const STATUS = {
  stop: { during: 'STOPPING', after: 'STOPPED' },
  start: { during: 'STARTING', after: 'RUNNING' },
  restart: { during: 'RESTARTING', after: 'RUNNING' },
} as const;

const normal = (text: string) => text.replace(/"(timestamp|duration|traceId)":("[^"]*"|\d+)/g, '');

describe('the clusters on the hosts, whatever is done to the hosts', () => {
  it('keep every host’s services equal to the clusters on it, no server on a missing host, and refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 3 }), async (steps, seed) => {
        const m = mock({ seed, hosts: 16 });
        const hosts = async () => (await m.call('GET', '/api/v2/compute/hosts?size=2000')).json.data.contents as any[];
        const clusterTexts = async () =>
          Promise.all([1, 100, 1_000_002].map(async (id) => normal((await m.call('GET', `/api/v2/ob/clusters/${id}/zones`)).text)));
        const serversOn = async () => {
          const out = new Map<number, string[]>();
          const servers: any[] = [];
          for (const c of (await m.call('GET', '/api/v2/ob/clusters')).json.data.contents as any[]) {
            for (const z of (await m.call('GET', `/api/v2/ob/clusters/${c.id}/zones`)).json.data.contents as any[]) {
              for (const s of z.servers as any[]) {
                out.set(s.hostId, [...(out.get(s.hostId) ?? []), `${c.name}:${c.obClusterId}`]);
                servers.push({ ...s, zoneIdc: z.idcName });
              }
            }
          }
          return { out, servers };
        };
        let added = 0;
        /** Per cluster, its tasks in order: the operation and the zone it acted on (undefined: the whole cluster). */
        const acted = new Map<number, { id: number; op: keyof typeof STATUS; zone?: string }[]>();
        for (const s of steps) {
          const list = await hosts();
          const pickIds = (picks: number[]) => [...new Set(picks.map((p) => (list[p % list.length] as any).id as number))];
          const beforeHosts = normal((await m.call('GET', '/api/v2/compute/hosts?size=2000')).text);
          const beforeClusters = await clusterTexts();
          let res: Awaited<ReturnType<typeof m.call>> | undefined;
          let targets: number[] = [];
          switch (s.kind) {
            case 'delete':
              targets = pickIds(s.picks);
              res =
                targets.length === 1
                  ? await m.call('DELETE', `/api/v2/compute/hosts/${targets[0]}`)
                  : await m.call('POST', '/api/v2/compute/hosts/batchDelete', { body: { hostIdList: targets } });
              break;
            case 'add':
              res = await m.call('POST', '/api/v2/compute/hosts/batchCreate', {
                body: {
                  hostBasicDataList: Array.from({ length: s.count }, () => ({ innerIpAddress: `10.9.${Math.floor(added / 250)}.${(added++ % 250) + 1}` })),
                  sshPort: 22,
                  kind: 'DEDICATED_PHYSICAL_MACHINE',
                  idcId: [11, 12, 21, 22, 31][s.pick % 5],
                  typeId: 1,
                  credentialId: 1,
                },
              });
              break;
            case 'stop':
            case 'restart':
              res = await m.call('POST', `/api/v2/compute/hosts/${s.kind === 'stop' ? 'batchStopAgents' : 'batchRestartAgents'}`, {
                body: { hostIds: pickIds(s.picks) },
              });
              break;
            case 'advance':
              m.advance(s.ms);
              break;
            case 'structure': {
              // Made and unmade through the API, hosts picked at random (free ones or any), so the placement rule is tried both ways.
              const tasksBefore = (await m.call('GET', '/api/v2/tasks/instances')).json.data.page.totalElements;
              const clusterList = (await m.call('GET', '/api/v2/ob/clusters?size=100')).json.data.contents as any[];
              const cluster = clusterList[s.pick % clusterList.length];
              const host = list[s.hostPick % list.length] as any;
              const free = list.filter((h) => h.services.length === 0);
              const fresh = free.length > 0 && s.hostPick % 3 !== 0 ? free[s.hostPick % free.length] : host;
              const rpm = 'oceanbase-2.2.76-20210219154519.el7.x86_64.rpm';
              if (s.op === 'create') {
                const body = {
                  name: `c${s.pick % 7}`,
                  rpmName: rpm,
                  type: 'PRIMARY',
                  password: 'x',
                  zones: [{ name: 'zone1', idcName: fresh.idcName, servers: [fresh.id] }],
                };
                res = await m.call('POST', '/api/v2/ob/clusters', { body });
              } else if (cluster && s.op === 'delete') {
                res = await m.call('DELETE', `/api/v2/ob/clusters/${cluster.id}`);
              } else if (cluster && s.op === 'addServer') {
                const zone = cluster.zones[s.hostPick % cluster.zones.length];
                res = await m.call('POST', `/api/v2/ob/clusters/${cluster.id}/servers`, { body: { zoneName: zone.name, servers: [fresh.id] } });
              } else if (cluster) {
                const servers = (await m.call('GET', `/api/v2/ob/clusters/${cluster.id}/servers`)).json.data.contents as any[];
                const server = servers[s.hostPick % servers.length];
                res = await m.call('POST', `/api/v2/ob/clusters/${cluster.id}/servers/batchDelete`, { body: { servers: [server.id] } });
              }
              if (!res) break;
              if (res.status === 200) {
                acted.delete(res.json.data.cluster?.id ?? res.json.data.clusterId);
              } else {
                // CMP07000, OBE19010: a cluster or servers that hold tenants' units (issue 24).
                const codes = [
                  'OBE11020',
                  'OBE11007',
                  'OBE11014',
                  'OBE11015',
                  'OBE19011',
                  'OBE19003',
                  'OBE19010',
                  'CMP07000',
                  'CMP07006',
                  'CMP07008',
                  'CMP07010',
                  'CMP07019',
                ];
                expect(codes, res.text).toContain(res.json.error.code);
                expect(await clusterTexts(), 'a refused cluster change changed a cluster').toEqual(beforeClusters);
                expect(normal((await m.call('GET', '/api/v2/compute/hosts?size=2000')).text), 'a refused cluster change changed the hosts').toBe(beforeHosts);
                expect((await m.call('GET', '/api/v2/tasks/instances')).json.data.page.totalElements).toBe(tasksBefore);
              }
              break;
            }
            case 'cluster': {
              const tasksBefore = (await m.call('GET', '/api/v2/tasks/instances')).json.data.page.totalElements;
              const zone = s.zone === undefined ? undefined : `zone${s.zone}`;
              res = await m.call('POST', `/api/v2/ob/clusters/${s.cluster}${zone ? `/zones/${zone}` : ''}/${s.op}`);
              if (res.status === 200) {
                acted.set(s.cluster, [...(acted.get(s.cluster) ?? []), { id: res.json.data.id, op: s.op, zone }]);
              } else {
                expect(['OBE11020', 'OBE11007', 'OBE18004', 'OBE18002', 'CMP07019'], res.text).toContain(res.json.error.code);
                expect(await clusterTexts(), 'a refused cluster operation changed a cluster').toEqual(beforeClusters);
                expect((await m.call('GET', '/api/v2/tasks/instances')).json.data.page.totalElements).toBe(tasksBefore);
              }
              break;
            }
          }
          if (s.kind === 'delete' && res) {
            const running = targets.filter((id) => (list.find((h) => h.id === id)?.services.length ?? 0) > 0);
            if (running.length > 0) expect(res.status, `deleting ${targets} (${running} run servers)`).not.toBe(200);
            if (res.status !== 200) {
              expect(['CMP07004', 'CMP07019'], res.text).toContain(res.json.error.code);
              if (res.json.error.code === 'CMP07004') expect(running.length).toBeGreaterThan(0);
            }
          }
          if (res && res.status !== 200 && s.kind === 'delete') {
            expect(normal((await m.call('GET', '/api/v2/compute/hosts?size=2000')).text), 'a refused delete changed the hosts').toBe(beforeHosts);
          }
          // Only a cluster operation, or time, changes what a cluster reads.
          if (s.kind !== 'advance' && s.kind !== 'cluster' && s.kind !== 'structure') expect(await clusterTexts()).toEqual(beforeClusters);
          // Statuses agree with the newest task that acted on each: during while it runs, after once it has succeeded.
          for (const [clusterId, list] of acted) {
            const zoneAnswer = await m.call('GET', `/api/v2/ob/clusters/${clusterId}/zones`);
            if (zoneAnswer.status === 404) continue;
            const zones = zoneAnswer.json.data.contents as any[];
            const cluster = (await m.call('GET', `/api/v2/ob/clusters/${clusterId}`)).json.data;
            const last = list[list.length - 1] as (typeof list)[number];
            const status = (await m.task(last.id)).json.data.status;
            const want = status === 'RUNNING' ? STATUS[last.op].during : status === 'SUCCESSFUL' ? STATUS[last.op].after : undefined;
            if (want === undefined) continue;
            const touched = zones.filter((z) => last.zone === undefined || z.name === last.zone);
            for (const z of touched) {
              expect(z.status, `zone ${clusterId}/${z.name} after task ${last.id} (${last.op}, ${status})`).toBe(want);
              for (const sv of z.servers) expect(sv.status).toBe(want);
            }
            if (last.zone === undefined) expect(cluster.status).toBe(want);
          }
          const now = await hosts();
          const { out, servers } = await serversOn();
          const byId = new Map(now.map((h) => [h.id, h]));
          for (const h of now)
            expect(
              h.services.map((x: any) => x.name),
              `host ${h.id}`,
            ).toEqual(out.get(h.id) ?? []);
          for (const sv of servers) {
            expect(byId.get(sv.hostId)?.innerIpAddress, `server ${sv.id} on host ${sv.hostId}`).toBe(sv.ip);
            // In its zone's IDC: the host's.
            expect(byId.get(sv.hostId)?.idcName, `server ${sv.id}'s IDC`).toBe(sv.zoneIdc);
          }
        }
      }),
      { seed: 20261202, numRuns: Number(process.env.FC_RUNS ?? 25) },
    );
  }, 120_000);
});
