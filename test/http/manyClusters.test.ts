/**
 * `--clusters N`: N seeded OB clusters, the documented three exactly as without it, the others
 * drawn from the seed on free ONLINE hosts (one server per host, each zone in its IDC, each of a
 * cluster's zones in another IDC), fast on a large inventory, and a state file that remembers it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOcpMock } from '../../src/app.js';
import { ConfigError } from '../../src/config.js';
import { mock } from '../helpers.js';

const START = '2021-09-03T15:01:10+08:00';
const data = (a: { json: unknown }) => (a.json as { data: unknown }).data;
type ClusterList = { data: { contents: { id: number; name: string }[]; page: { totalElements: number } } };

describe('--clusters', () => {
  it('keeps the documented three exactly as the default start does', async () => {
    const plain = mock();
    const more = mock({ clusters: 20, hosts: 200 });
    const plainOnHosts = mock({ hosts: 200 });
    for (const id of [1, 100, 1000002]) {
      expect(data(await more.call('GET', `/api/v2/ob/clusters/${id}`))).toEqual(data(await plainOnHosts.call('GET', `/api/v2/ob/clusters/${id}`)));
      expect(data(await more.call('GET', `/api/v2/ob/clusters/${id}/servers`))).toEqual(
        data(await plainOnHosts.call('GET', `/api/v2/ob/clusters/${id}/servers`)),
      );
    }
    const list = (await plain.call('GET', '/api/v2/ob/clusters?size=100')).json as ClusterList;
    expect(list.data.contents.map((c) => c.id)).toEqual([1, 100, 1000002]);
  });

  it('seeds N clusters on free ONLINE hosts, by the layout rules, the same for the same seed', () => {
    const t = performance.now();
    const { simulator } = buildOcpMock({ clock: 'manual', startTime: START, hosts: 20_000, clusters: 200 });
    const ms = performance.now() - t;
    const clusters = simulator.obCluster.clusters.clusters();
    expect(clusters).toHaveLength(200);
    const hosts = new Map(simulator.hosts().map((h) => [h.id, h]));
    const used = new Set<number>();
    for (const c of clusters) {
      const idcs = c.zones.map((z) => z.idcId);
      expect(new Set(idcs).size).toBe(idcs.length);
      for (const z of c.zones)
        for (const s of z.servers) {
          const h = hosts.get(s.hostId);
          expect(h?.status).toBe('ONLINE');
          expect(h?.idcId).toBe(z.idcId);
          expect(used.has(s.hostId)).toBe(false);
          used.add(s.hostId);
        }
    }
    // Building 20,000 hosts dominates; the clusters add milliseconds (a generous bound for a loaded machine).
    expect(ms).toBeLessThan(5000);
    const again = buildOcpMock({ clock: 'manual', startTime: START, hosts: 20_000, clusters: 200 }).simulator.obCluster.clusters.clusters();
    expect(JSON.stringify(again)).toBe(JSON.stringify(clusters));
    const other = buildOcpMock({ clock: 'manual', startTime: START, hosts: 20_000, clusters: 200, seed: 2 }).simulator.obCluster.clusters.clusters();
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(clusters));
  });

  it('makes no more clusters than free hosts allow, and refuses a count under 3', () => {
    const { simulator } = buildOcpMock({ clock: 'manual', hosts: 12, clusters: 200 });
    const n = simulator.obCluster.clusters.clusters().length;
    expect(n).toBeGreaterThan(3);
    expect(n).toBeLessThan(12);
    expect(() => buildOcpMock({ clusters: 2 })).toThrow(ConfigError);
    expect(() => buildOcpMock({ clusters: 1.5 })).toThrow(ConfigError);
  });

  it('a state file written with --clusters refuses a start with another count', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-clusters-'));
    try {
      const file = join(dir, 'state.jsonl');
      buildOcpMock({ clock: 'manual', hosts: 100, clusters: 10, stateFile: file });
      expect(() => buildOcpMock({ clock: 'manual', hosts: 100, stateFile: file })).toThrow(/clusters 10, but this start has 3/);
      expect(() => buildOcpMock({ clock: 'manual', hosts: 100, clusters: 10, stateFile: file })).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
