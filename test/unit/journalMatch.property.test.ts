/**
 * Issue 25: across random traffic, `POST /__mock/requests/count`, `/find` and the programmatic
 * selection agree with the journal (`GET /__mock/requests`) filtered by a predicate written here,
 * independently of the matcher code; and past `journalSize` every answer reports what was dropped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mock } from '../helpers.js';

type Call = { method: 'GET' | 'POST'; path: string; user: 'admin' | 'viewer'; hostIds?: number[] };

const call: fc.Arbitrary<Call> = fc.oneof(
  fc.record({
    method: fc.constant('POST' as const),
    path: fc.constantFrom('/api/v2/compute/hosts/batchStopAgents', '/compute/hosts/batchRestartAgents'),
    user: fc.constantFrom('admin' as const, 'viewer' as const),
    hostIds: fc.array(fc.constantFrom(2, 20, 1001, 1002), { minLength: 1, maxLength: 2 }),
  }),
  fc.record({
    method: fc.constant('GET' as const),
    path: fc.constantFrom('/api/v2/compute/hosts/2', '/compute/hosts/20', '/api/v2/tasks/instances/31173', '/api/v2/compute/regions'),
    user: fc.constantFrom('admin' as const, 'viewer' as const),
  }),
);

type Matcher = { method?: string; path?: string; user?: string; status?: number; body?: { hostIds: number[] } };
const matcher: fc.Arbitrary<Matcher> = fc.record(
  {
    method: fc.constantFrom('GET', 'post', 'DELETE'),
    path: fc.constantFrom('/compute/hosts/{id}', '/api/v2/compute/hosts/batchStopAgents', '/tasks/instances/{taskId}', '/compute/regions', '/{a}/{b}/{c}'),
    user: fc.constantFrom('admin', 'viewer'),
    status: fc.constantFrom(200, 400, 403, 404),
    body: fc.record({ hostIds: fc.array(fc.constantFrom(2, 20, 1001), { minLength: 1, maxLength: 2 }) }),
  },
  { requiredKeys: [] },
);

// biome-ignore lint/suspicious/noExplicitAny: journal entries as JSON
function holds(m: Matcher, e: any): boolean {
  const bare = (p: string) => p.replace(/^\/api\/v2(?=\/)/, '');
  if (m.method && e.method !== m.method.toUpperCase()) return false;
  if (m.path) {
    const want = bare(m.path).split('/');
    const have = bare(e.path).split('/');
    if (want.length !== have.length || want.some((seg, i) => !seg.startsWith('{') && seg !== have[i])) return false;
  }
  if (m.user && e.user !== m.user) return false;
  if (m.status && e.status !== m.status) return false;
  if (m.body) {
    const ids = e.body?.hostIds;
    if (!Array.isArray(ids) || ids.length !== m.body.hostIds.length || ids.some((id: number, i: number) => id !== m.body?.hostIds[i])) return false;
  }
  return true;
}

describe('count and find agree with the journal', () => {
  it('across random traffic and matchers, and report truncation past journalSize', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(call, { maxLength: 25 }),
        fc.integer({ min: 1, max: 15 }),
        fc.array(matcher, { minLength: 1, maxLength: 6 }),
        async (calls, journalSize, matchers) => {
          const m = mock({ journalSize });
          for (const c of calls) await m.call(c.method, c.path, { user: c.user, ...(c.hostIds ? { body: { hostIds: c.hostIds } } : {}) });
          const journal = (await m.call('GET', '/__mock/requests')).json;
          const dropped = Math.max(0, calls.length - journalSize);
          expect(journal.requests).toHaveLength(calls.length - dropped);
          expect(journal).toMatchObject({ dropped, complete: dropped === 0 });
          for (const mt of matchers) {
            const expected = journal.requests.filter((e: unknown) => holds(mt, e));
            const counted = (await m.call('POST', '/__mock/requests/count', { body: mt })).json;
            const found = (await m.call('POST', '/__mock/requests/find', { body: mt })).json;
            expect(counted).toEqual({ count: expected.length, dropped, complete: dropped === 0 });
            expect(found.requests).toEqual(expected);
            expect(found.count).toBe(expected.length);
            const filters = Object.entries(mt).filter(([k]) => k !== 'body');
            if (filters.length === Object.keys(mt).length) {
              const query = new URLSearchParams(filters.map(([k, v]): [string, string] => [k, String(v)])).toString();
              expect((await m.call('GET', `/__mock/requests?${query}`)).json.requests).toEqual(expected);
            }
          }
        },
      ),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 60) },
    );
  });
});
