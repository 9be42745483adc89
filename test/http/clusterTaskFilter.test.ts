/**
 * The task list's cluster filters (clusterId, cluterName) and tenant filters (tenantId, and
 * tenantName with clusterId) page from the task store's indexes: their answers equal the
 * unfiltered list filtered by hand, after eviction (a small --max-tasks), a state-file replay, a
 * compaction and a reset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

type Row = { id: number; cluster?: { id: number; name: string } | null; tenant?: { id: number; name: string } | null };
type ListAnswer = { data: { contents: Row[]; page: { totalElements: number } } };
const CALLER = { id: 1, name: 'admin' };

async function list(m: ReturnType<typeof mock>, query: string): Promise<{ ids: number[]; total: number; rows: Row[] }> {
  const a = (await m.call('GET', `/api/v2/tasks/instances?size=500${query}`)).json as ListAnswer;
  return { ids: a.data.contents.map((r) => r.id), total: a.data.page.totalElements, rows: a.data.contents };
}

/** Checks each cluster filter against the whole list filtered here (by the rows' `cluster`). */
async function expectFiltersAsScan(m: ReturnType<typeof mock>): Promise<number> {
  const all = await list(m, '');
  let seen = 0;
  for (const [query, keep] of [
    ['&clusterId=1', (r: Row) => r.cluster?.id === 1],
    ['&clusterId=100', (r: Row) => r.cluster?.id === 100],
    ['&cluterName=CLUSTER01', (r: Row) => !!r.cluster?.name.toLowerCase().includes('cluster01')],
    ['&cluterName=standby&clusterId=100', (r: Row) => r.cluster?.id === 100],
    ['&clusterId=1&sort=id,asc', (r: Row) => r.cluster?.id === 1],
    ['&tenantId=1000004', (r: Row) => r.tenant?.id === 1000004],
    ['&clusterId=1&tenantName=TPCC', (r: Row) => r.cluster?.id === 1 && r.tenant?.name === 'tpcc'],
    ['&clusterId=100&tenantName=tpcc', () => false],
    ['&clusterId=1&tenantName=oa_made', (r: Row) => r.cluster?.id === 1 && r.tenant?.name === 'oa_made'],
  ] as const) {
    const expected = all.rows.filter(keep).map((r) => r.id);
    const got = await list(m, query);
    expect(got.ids).toEqual(query.includes('asc') ? [...expected].reverse() : expected);
    expect(got.total).toBe(expected.length);
    seen += expected.length;
  }
  return seen;
}

/** Restarts of clusters 1 and 100 (each after the last ends) between host stops, and tenant tasks on cluster 1: tpcc's replica changed, `oa_made` made and deleted. */
function work(m: ReturnType<typeof mock>, rounds: number): void {
  const tenants = m.simulator.obTenant.lifecycle;
  for (let i = 0; i < rounds; i++) {
    m.simulator.obCluster.clusters.runOperation('restartCluster', i % 2 === 0 ? 1 : 100, {}, CALLER, 'success');
    m.advance(3_600_000);
    if (i % 3 === 0) {
      tenants.modifyReplica(1, 1_000_004, [{ zoneName: 'zone1', replicaType: i % 2 === 0 ? 'READONLY' : 'FULL' }], CALLER, 'success');
      m.advance(3_600_000);
    }
    if (i % 4 === 1) {
      const { tenant } = tenants.create(
        1,
        { name: 'oa_made', rootPassword: 'xxxxx', zones: [{ name: 'zone1', replicaType: 'FULL', resourcePool: { unitSpecName: 'S0', unitCount: 1 } }] },
        CALLER,
        'success',
      );
      m.advance(3_600_000);
      tenants.delete(1, tenant.id, CALLER, 'success');
      m.advance(3_600_000);
    }
  }
}

describe('task list cluster filters', () => {
  it('answer as the unfiltered list does through eviction, replay, compaction and reset', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-cluster-filter-'));
    try {
      const options = { stateFile: join(dir, 'state.jsonl'), maxTasks: 12 };
      const m = mock(options);
      work(m, 20);
      await m.stop([5]);
      m.advance(60_000);
      expect(m.simulator.tasks.count()).toBe(12);
      expect(await expectFiltersAsScan(m)).toBeGreaterThan(0);
      expect((await list(m, '&tenantId=1000004')).total).toBeGreaterThan(0);
      // tenantName is "used with the ID of the cluster": alone, it is refused.
      const alone = await m.call('GET', '/api/v2/tasks/instances?tenantName=tpcc');
      expect([alone.status, alone.json.error.code]).toEqual([400, 'COM10001']);
      const before = await list(m, '&clusterId=1');
      // Replayed from the state file.
      const replayed = mock(options);
      expect(await list(replayed, '&clusterId=1')).toEqual(before);
      await expectFiltersAsScan(replayed);
      // Compacted, then replayed.
      replayed.simulator.compactStateFile();
      const compacted = mock(options);
      expect(await list(compacted, '&clusterId=1')).toEqual(before);
      await expectFiltersAsScan(compacted);
      // Reset: no task left to filter, and new ones are found again.
      compacted.simulator.reset();
      expect((await list(compacted, '&clusterId=1')).total).toBe(0);
      work(compacted, 3);
      // Two restarts of cluster 1, a replica change, a tenant made and deleted.
      expect((await list(compacted, '&clusterId=1')).total).toBe(5);
      expect((await list(compacted, '&clusterId=1&tenantName=oa_made')).total).toBe(2);
      await expectFiltersAsScan(compacted);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
