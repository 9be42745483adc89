/**
 * The task list's cluster filters (clusterId, cluterName) page from the task store's cluster
 * index: their answers equal the unfiltered list filtered by hand, after eviction (a small
 * --max-tasks), a state-file replay, a compaction and a reset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

type Row = { id: number; cluster?: { id: number; name: string } | null };
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
  ] as const) {
    const expected = all.rows.filter(keep).map((r) => r.id);
    const got = await list(m, query);
    expect(got.ids).toEqual(query.includes('asc') ? [...expected].reverse() : expected);
    expect(got.total).toBe(expected.length);
    seen += expected.length;
  }
  return seen;
}

/** Restarts of clusters 1 and 100 (each after the last ends) between host stops. */
function work(m: ReturnType<typeof mock>, rounds: number): void {
  for (let i = 0; i < rounds; i++) {
    m.simulator.obCluster.clusters.runOperation('restartCluster', i % 2 === 0 ? 1 : 100, {}, CALLER, 'success');
    m.advance(3_600_000);
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
      expect((await list(compacted, '&clusterId=1')).total).toBe(2);
      await expectFiltersAsScan(compacted);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
