/**
 * Issue 14: random sequences of agent operations on random hosts, under random scenarios and clock
 * steps, through the HTTP API. After every step, for every host:
 * - no two operations run on one agent at once (at most one RUNNING task touches it);
 * - the agent status it reads agrees with the newest task that touched it: that operation's
 *   `during` status or its final effect while it runs, its final effect once it succeeded, what the
 *   agent read before it once it was rolled back, and `during` after it stopped running only while
 *   a subtask of it on that host still runs (siblings of a failed node run on to their end);
 * and an operation is accepted exactly when every host's agent was in a status it may start from
 * and no task still ran on any of them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHIPPED_OPERATIONS as OPERATIONS, type ShippedOperationId as OperationId } from '../../src/modules/index.js';
import { mock } from '../helpers.js';

const HOSTS = [2, 20, 1001, 1002];
const BY_NAME = new Map(Object.values(OPERATIONS).map((op) => [op.taskName, op]));

const step = fc.record({
  operation: fc.constantFrom<OperationId | 'none'>('stopAgent', 'restartAgent', 'batchStopAgents', 'batchRestartAgents', 'none'),
  hosts: fc.uniqueArray(fc.constantFrom(...HOSTS), { minLength: 1, maxLength: 3 }),
  scenario: fc.constantFrom('success', 'node-timeout', 'partial-failure', 'rollback'),
  advanceMs: fc.integer({ min: 0, max: 400_000 }),
});

describe('agent operations in any order', () => {
  it('keep every agent in agreement with its tasks, one operation at a time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const m = mock();
        const statusOf = async (h: number): Promise<string> => (await m.call('GET', `/api/v2/compute/hosts/${h}`)).json.data.hostAgentStatus;
        /** What each host's agent read when each task was submitted. */
        const before = new Map<number, Map<number, string>>();
        /** The hosts of each task, in order (a batch's parallelIdx is the index). */
        const hostsOf = new Map<number, number[]>();
        for (const s of steps) {
          if (s.operation !== 'none') {
            const op = OPERATIONS[s.operation as keyof typeof OPERATIONS];
            const hosts = op.singleHost ? s.hosts.slice(0, 1) : s.hosts;
            const was = new Map<number, string>();
            let busy = false;
            for (const h of hosts) {
              was.set(h, await statusOf(h));
              if ((await m.call('GET', `/api/v2/tasks/instances?hostId=${h}&status=RUNNING`)).json.data.page.totalElements > 0) busy = true;
            }
            const headers = { 'X-OCP-Mock-Scenario': s.scenario };
            const res = op.singleHost
              ? await m.call('POST', `/api/v2/compute/hosts/${hosts[0]}/agent/${op.id === 'stopAgent' ? 'stop' : 'restart'}`, { headers })
              : await m.call('POST', `/api/v2/compute/hosts/${op.id}`, { headers, body: { hostIds: hosts } });
            const allowed = !busy && [...was.values()].every((st) => (op.startsFrom as readonly string[]).includes(st));
            expect(res.status === 200, `${op.id} on ${hosts} from ${[...was.values()]}: ${res.text}`).toBe(allowed);
            if (res.status === 200) {
              before.set(res.json.data.id, was);
              hostsOf.set(res.json.data.id, hosts);
              for (const h of hosts) expect(await statusOf(h)).toBe(op.during);
            } else {
              expect(res.json.error.code).toBe('CMP07019');
            }
          }
          m.advance(s.advanceMs);
          for (const h of HOSTS) {
            const running = (await m.call('GET', `/api/v2/tasks/instances?hostId=${h}&status=RUNNING`)).json.data.page.totalElements;
            expect(running, `host ${h}`).toBeLessThanOrEqual(1);
            const newest = (await m.call('GET', `/api/v2/tasks/instances?hostId=${h}&size=1`)).json.data.contents[0];
            if (!newest) continue;
            const task = (await m.task(newest.id)).json.data;
            const op = BY_NAME.get(task.name);
            if (!op) throw new Error(`unknown task ${task.name}`);
            const final = op.effects?.at(-1)?.status;
            const status = await statusOf(h);
            const was = before.get(task.id)?.get(h);
            if (task.status === 'RUNNING') {
              expect([op.during, final, was], `${task.name} running on ${h}`).toContain(status);
            } else if (task.status === 'SUCCESSFUL' && task.operation !== 'ROLLBACK') {
              expect(status, `${task.name} succeeded on ${h}`).toBe(final);
            } else if (task.status === 'SUCCESSFUL') {
              expect(status, `${task.name} rolled back on ${h}`).toBe(was);
            } else if (status === op.during) {
              const idx = (hostsOf.get(task.id) ?? []).indexOf(h);
              const stillRunning = task.subtasks.some(
                (st: { parallelIdx: number; status: string }) =>
                  (op.singleHost || st.parallelIdx === idx) && (st.status === 'RUNNING' || st.status === 'CANCELING'),
              );
              expect(stillRunning, `${task.name} failed on ${h}, yet its agent reads ${status}`).toBe(true);
            }
          }
        }
      }),
      { seed: 20261129, numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  }, 60_000);
});
