/**
 * Issue 3: tasks progress like OCP's, through the real HTTP API with a manual clock.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BasicTaskInstance, EmptyEnvelope, pageOf, SubtaskInstance, successEnvelope, WrappedTaskInstance } from '../../src/contract/schemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const FINISHED_SAMPLE = JSON.parse(readFileSync(new URL('../fixtures/task_detail_finished_response.json', import.meta.url), 'utf8'));
const LIST_SAMPLE = JSON.parse(readFileSync(new URL('../fixtures/task_list_response.json', import.meta.url), 'utf8'));

type Sub = {
  id: number;
  name: string;
  status: string;
  operation: string;
  runTime: number;
  startTime?: string;
  finishTime?: string;
  parallelIdx: number;
  upstreams: number[];
};
const byName = (subs: Sub[], name: string, idx = 0) => subs.find((s) => s.name === name && (s.name === 'Wait node' || s.parallelIdx === idx)) as Sub;
const STOP = 'Stop all OCP agent processes';

/** Polls with the clock stepped by `step` ms until the task is terminal or `max` ms passed. */
async function runToEnd(m: ReturnType<typeof mock>, id: number, step = 1000, max = 3_600_000) {
  for (let t = 0; t <= max; t += step) {
    const res = await m.task(id);
    if (res.json.data.status !== 'RUNNING') return res.json.data;
    m.advance(step);
  }
  throw new Error('task never finished');
}

describe('task progression (success)', () => {
  it('moves through the DAG and ends SUCCESSFUL, shaped like OCP’s finished sample', async () => {
    const m = mock();
    const submitted = (await m.stop([2])).json.data;
    const first = await m.task(submitted.id);
    expect(first.json.data.status).toBe('RUNNING');
    expect(first.json.data.finishTime).toBeUndefined();
    const done = await runToEnd(m, submitted.id, 500);
    expect(done.status).toBe('SUCCESSFUL');
    const res = await m.task(submitted.id);
    successEnvelope(WrappedTaskInstance).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    // Same paths and types as OCP's finished task (its creator, times, subtasks and all).
    expect([...pathTypes(res.json)].sort()).toEqual([...pathTypes(FINISHED_SAMPLE)].sort());
    for (const s of res.json.data.subtasks as Sub[]) {
      expect(s.status).toBe('SUCCESSFUL');
      expect(Date.parse(s.finishTime!)).toBeGreaterThanOrEqual(Date.parse(s.startTime!));
    }
    expect(res.json.data.createTime).toMatch(/T\d\d:\d\d:\d\d\+08:00$/);
  });

  it('starts a subtask only once its upstreams succeeded, and runs per-host subtasks side by side', async () => {
    const m = mock();
    const id = (await m.stop([2, 20, 1001])).json.data.id;
    let sawParallel = false;
    for (let i = 0; i < 400; i++) {
      const subs = (await m.task(id)).json.data.subtasks as Sub[];
      const status = new Map(subs.map((s) => [s.id, s]));
      for (const s of subs) {
        if (s.status !== 'PENDING') for (const u of s.upstreams) expect(status.get(u)?.status).toBe('SUCCESSFUL');
        if (s.startTime) for (const u of s.upstreams) expect(Date.parse(s.startTime)).toBeGreaterThanOrEqual(Date.parse(status.get(u)!.finishTime!));
      }
      if (subs.filter((s) => s.name === STOP && s.status === 'RUNNING').length > 1) sawParallel = true;
      m.advance(250);
    }
    expect(sawParallel).toBe(true);
  });

  it('hosts read STOPPING while the stop runs, OFFLINE after, and a second stop is 400 CMP07019', async () => {
    const m = mock();
    const agent = async () => (await m.call('GET', '/api/v2/compute/hosts/1001')).json.data.hostAgentStatus;
    // The list shows the same (its rows are cached per host: they must follow the agent).
    const listed = async () =>
      (await m.call('GET', '/api/v2/compute/hosts?size=2000')).json.data.contents.find((h: { id: number }) => h.id === 1001).hostAgentStatus;
    expect([await agent(), await listed()]).toEqual(['AVAILABLE', 'AVAILABLE']);
    const id = (await m.stop([1001])).json.data.id;
    expect([await agent(), await listed()]).toEqual(['STOPPING', 'STOPPING']);
    const again = await m.stop([1001, 2]);
    expect(again.status).toBe(400);
    expect(again.json.error.code).toBe('CMP07019');
    expect(again.json.error.message).toContain('1001');
    await runToEnd(m, id);
    expect([await agent(), await listed()]).toEqual(['OFFLINE', 'OFFLINE']);
    expect((await m.stop([1001])).json.error.code).toBe('CMP07019');
    // The host left out of the refused batch was not claimed.
    expect((await m.stop([2])).status).toBe(200);
  });
});

describe('node timeout, retry, rollback, skip, cancel', () => {
  it('a stuck node fails at exactly start + timeout, with a log that says so; retry bumps runTime and succeeds', async () => {
    const m = mock({ scenario: 'node-timeout' });
    const id = (await m.stop([2])).json.data.id;
    let stop: Sub | undefined;
    for (let i = 0; i < 100 && !stop?.startTime; i++) {
      m.advance(500);
      stop = byName((await m.task(id)).json.data.subtasks, STOP);
    }
    const started = Date.parse(stop!.startTime!);
    const now = () => m.simulator.now();
    m.advance(started + 600_000 - 1 - now());
    expect(byName((await m.task(id)).json.data.subtasks, STOP).status).toBe('RUNNING');
    m.advance(1);
    const failed = (await m.task(id)).json.data;
    stop = byName(failed.subtasks, STOP);
    expect(stop.status).toBe('FAILED');
    expect(Date.parse(stop.finishTime!) - Date.parse(stop.startTime!)).toBe(600_000);
    expect(failed.status).toBe('FAILED');
    expect(failed.finishTime).toBe(stop.finishTime);
    expect(byName(failed.subtasks, 'Finish OCP agent operation').status).toBe('PENDING');
    const log = (await m.call('GET', `/api/v2/tasks/instances/${id}/subtasks/${stop.id}/log`)).json.data.log as string;
    expect(log).toMatch(/^############\{EXECUTE\}\{\d{4}-\d\d-\d\dT[\d:.]+\+08:00\}############\n/);
    expect(log).toContain('timed out after 600 seconds');
    expect((await m.call('GET', '/api/v2/compute/hosts/2')).json.data.hostAgentStatus).toBe('AVAILABLE');

    const retried = await m.call('POST', `/api/v2/tasks/instances/${id}/retry`);
    expect(retried.status).toBe(200);
    successEnvelope(WrappedTaskInstance).parse(retried.json);
    expect(retried.json.data).toMatchObject({ status: 'RUNNING', operation: 'RETRY' });
    expect(byName(retried.json.data.subtasks, STOP)).toMatchObject({ status: 'READY', operation: 'RETRY', runTime: 2 });
    const done = await runToEnd(m, id);
    expect(done.status).toBe('SUCCESSFUL');
    expect(done.operation).toBe('RETRY');
    const log2 = (await m.call('GET', `/api/v2/tasks/instances/${id}/subtasks/${stop.id}/log`)).json.data.log as string;
    expect(log2.match(/############\{(EXECUTE|RETRY)\}/g)).toEqual(['############{EXECUTE}', '############{RETRY}']);
    // startTime is the first run's.
    expect(byName(done.subtasks, STOP).startTime).toBe(stop.startTime);
  });

  it('rollback undoes finished subtasks in reverse order, each back to PENDING with ROLLBACK, and ends SUCCESSFUL', async () => {
    const m = mock({ scenario: 'node-timeout' });
    const id = (await m.stop([2, 20])).json.data.id;
    const failed = await runToEnd(m, id, 5000);
    expect(failed.status).toBe('FAILED');
    expect((await m.call('POST', `/api/v2/tasks/instances/${id}/retry`, { user: 'viewer' })).status).toBe(403);
    const rb = await m.call('POST', `/api/v2/tasks/instances/${id}/rollback`, { user: 'operator' });
    expect(rb.status).toBe(200);
    expect(rb.json.data).toMatchObject({ status: 'RUNNING', operation: 'ROLLBACK' });
    // No retry while rolling back.
    expect((await m.call('POST', `/api/v2/tasks/instances/${id}/retry`)).json.error.code).toBe('TSK10007');
    const undone: number[] = [];
    for (let i = 0; i < 200; i++) {
      const d = (await m.task(id)).json.data;
      for (const s of d.subtasks as Sub[]) if (s.operation === 'ROLLBACK' && s.status === 'PENDING' && !undone.includes(s.id)) undone.push(s.id);
      if (d.status !== 'RUNNING') break;
      m.advance(200);
    }
    const end = (await m.task(id)).json.data;
    expect(end).toMatchObject({ status: 'SUCCESSFUL', operation: 'ROLLBACK' });
    const subs = end.subtasks as Sub[];
    const names = (ids: number[]) => ids.map((x) => subs.find((s) => s.id === x)!.name);
    // Stops (failed) go back before the Wait node, which goes before the Prepares.
    const order = names(undone);
    expect(order.lastIndexOf(STOP)).toBeLessThan(order.indexOf('Wait node'));
    expect(order.indexOf('Wait node')).toBeLessThan(order.indexOf('Prepare stop OCP agent'));
    for (const s of subs) {
      expect(s.status).toBe('PENDING');
      if (s.name !== 'Finish OCP agent operation' && !(s.name === 'Wait node' && s.upstreams.length === 2 && names(s.upstreams)[0] === STOP)) {
        expect(s.operation).toBe('ROLLBACK');
      }
    }
    expect((await m.call('GET', '/api/v2/compute/hosts/2')).json.data.hostAgentStatus).toBe('AVAILABLE');
    // Finished for good.
    expect((await m.call('POST', `/api/v2/tasks/instances/${id}/rollback`)).json.error.code).toBe('TSK10009');
    expect((await m.call('POST', `/api/v2/tasks/instances/${id}/retry`)).json.error.code).toBe('TSK10007');
  });

  it('skip ends a FAILED subtask SUCCESSFUL with SKIP and the task runs on', async () => {
    const m = mock({ scenario: 'node-timeout' });
    const id = (await m.stop([2])).json.data.id;
    const failed = await runToEnd(m, id, 5000);
    const stop = byName(failed.subtasks, STOP);
    const prepare = byName(failed.subtasks, 'Prepare stop OCP agent');
    expect((await m.call('POST', `/api/v2/tasks/instances/${id}/subtasks/${prepare.id}/skip`)).json.error.code).toBe('TSK10007');
    const skipped = await m.call('POST', `/api/v2/tasks/instances/${id}/subtasks/${stop.id}/skip`);
    expect(skipped.status).toBe(200);
    EmptyEnvelope.parse(skipped.json);
    const after = (await m.task(id)).json.data;
    expect(after.status).toBe('RUNNING');
    expect(byName(after.subtasks, STOP)).toMatchObject({ status: 'SUCCESSFUL', operation: 'SKIP' });
    expect((await runToEnd(m, id)).status).toBe('SUCCESSFUL');
  });

  it('subtask retry answers the SubtaskInstance with runTime + 1', async () => {
    const m = mock({ scenario: 'node-timeout' });
    const id = (await m.stop([2])).json.data.id;
    const stop = byName((await runToEnd(m, id, 5000)).subtasks, STOP);
    const res = await m.call('POST', `/api/v2/tasks/instances/${id}/subtasks/${stop.id}/retry`);
    expect(res.status).toBe(200);
    const sub = successEnvelope(SubtaskInstance).parse(res.json).data;
    expect(sub).toMatchObject({ id: stop.id, status: 'READY', operation: 'RETRY', runTime: 2 });
    expect((await runToEnd(m, id)).status).toBe('SUCCESSFUL');
  });

  it('issue 22.2: subtask retry answers the subtask with its createTime, as task/600’s sample and the task detail show it', async () => {
    // ocp-docs/task/600's sample (its broken empty `{ }` at the top of `data` dropped so that it parses).
    const sample = JSON.parse(readFileSync(new URL('../fixtures/subtask_retry_response.json', import.meta.url), 'utf8'));
    const m = mock({ scenario: 'node-timeout' });
    const id = (await m.stop([2])).json.data.id;
    const stop = byName((await runToEnd(m, id, 5000)).subtasks, STOP);
    const res = await m.call('POST', `/api/v2/tasks/instances/${id}/subtasks/${stop.id}/retry`);
    expect(res.status).toBe(200);
    expect(unsortedKeys(res.json)).toEqual([]);
    const detail = ((await m.task(id)).json.data.subtasks as Array<Sub & { createTime: string }>).find((s) => s.id === stop.id)!;
    expect(res.json.data.createTime).toBe(detail.createTime);
    expect(res.json.data.createTime).toMatch(/T\d\d:\d\d:\d\d\+08:00$/);
    // Every field of the sample (a finished subtask; this one is READY again, so without a finishTime).
    const missing = Object.keys(sample.data).filter((k) => !(k in res.json.data) && k !== 'finishTime');
    expect(missing).toEqual([]);
  });

  it('cancel ends a RUNNING subtask: CANCELING, then FAILED with CANCEL; the task FAILED', async () => {
    const m = mock();
    const id = (await m.stop([2])).json.data.id;
    let stop: Sub | undefined;
    for (let i = 0; i < 100 && stop?.status !== 'RUNNING'; i++) {
      m.advance(500);
      stop = byName((await m.task(id)).json.data.subtasks, STOP);
    }
    const prepare = byName((await m.task(id)).json.data.subtasks, 'Prepare stop OCP agent');
    expect((await m.call('POST', `/api/v2/tasks/instances/${id}/subtasks/${prepare.id}/cancel`)).json.error.code).toBe('TSK10007');
    const res = await m.call('POST', `/api/v2/tasks/instances/${id}/subtasks/${stop!.id}/cancel`);
    expect(res.status).toBe(200);
    expect(byName((await m.task(id)).json.data.subtasks, STOP).status).toBe('CANCELING');
    m.advance(2000);
    const d = (await m.task(id)).json.data;
    expect(byName(d.subtasks, STOP)).toMatchObject({ status: 'FAILED', operation: 'CANCEL' });
    expect(d.status).toBe('FAILED');
    const log = (await m.call('GET', `/api/v2/tasks/instances/${id}/subtasks/${stop!.id}/log`)).json.data.log;
    expect(log).toContain('cancelled');
  });

  it('refuses actions in the wrong state, and unknown tasks or subtasks', async () => {
    const m = mock();
    const id = (await m.stop([2])).json.data.id;
    const retry = await m.call('POST', `/api/v2/tasks/instances/${id}/retry`);
    expect(retry.status).toBe(400);
    expect(retry.json.error).toMatchObject({ code: 'TSK10007', message: `This operation is not supported for the ${id} task in the RUNNING state.` });
    const rb = await m.call('POST', `/api/v2/tasks/instances/${id}/rollback`);
    expect(rb.json.error).toMatchObject({ code: 'TSK10009', message: `Task ${id} can not rollback.` });
    expect((await m.task(999)).json.error).toMatchObject({ code: 'TSK10001', message: 'The 999 task does not exist.' });
    expect((await m.task(999)).status).toBe(404);
    expect((await m.call('POST', `/api/v2/tasks/instances/${id}/subtasks/5/skip`)).status).toBe(404);
    expect((await m.call('GET', `/api/v2/tasks/instances/${id}/subtasks/5/log`)).json.error.code).toBe('TSK10001');
    expect((await m.task(Number.NaN)).json.error.code).toBe('COM10001');
  });
});

describe('logs and the task list', () => {
  it('a log grows as its subtask runs', async () => {
    const m = mock();
    const id = (await m.stop([2])).json.data.id;
    const stopId = byName((await m.task(id)).json.data.subtasks, STOP).id;
    const log = async () => (await m.call('GET', `/api/v2/tasks/instances/${id}/subtasks/${stopId}/log`)).json.data.log as string;
    expect(await log()).toBe('');
    const lengths: number[] = [];
    for (let i = 0; i < 60; i++) {
      m.advance(1000);
      lengths.push((await log()).length);
    }
    expect(new Set(lengths).size).toBeGreaterThan(3);
    expect([...lengths].sort((a, b) => a - b)).toEqual(lengths);
    expect(await log()).toContain('new state: SUCCESSFUL');
  });

  it('issue 22.7: a log prints the context the task shows and names the processes the host’s agent lists', async () => {
    const m = mock({ hosts: 40 });
    const logOf = async (taskId: number, subId: number) =>
      (await m.call('GET', `/api/v2/tasks/instances/${taskId}/subtasks/${subId}/log`)).json.data.log as string;
    const listed = async (hostId: number) =>
      ((await m.call('GET', `/api/v2/compute/hosts/${hostId}/agent`)).json.data.processes as Array<{ alias: string; status: string }>)
        .filter((p) => p.status === 'STARTED')
        .map((p) => p.alias);
    const running = await listed(1004);
    // A single-host stop: stringMap.host_id, an empty listMap (as the task shows it and the log sample prints it).
    const stop = (await m.call('POST', '/api/v2/compute/hosts/1004/agent/stop')).json.data;
    expect(stop.context).toMatchObject({ listMap: {}, stringMap: { host_id: '1004' } });
    m.advance(120_000);
    const subs = (await m.task(stop.id)).json.data.subtasks as Sub[];
    for (const sub of subs) {
      const log = await logOf(stop.id, sub.id);
      expect(log, sub.name).toMatch(/context=Context\(parallelIdx=-1, stringMap=\{[^}]*host_id=1004\}, listMap=\{\}\)/);
      expect(log).not.toContain('host_ids');
    }
    const stopLog = await logOf(stop.id, byName(subs, STOP, -1).id);
    const ip = (await m.call('GET', '/api/v2/compute/hosts/1004')).json.data.innerIpAddress;
    expect(stopLog).toContain(`Stopping all OCP agent processes on host 1004:${ip}: ${running.join(', ')}\n`);
    const stopped = [...stopLog.matchAll(/Process (\S+) on host 1004:\S+ stopped/g)].map((x) => x[1]);
    expect([...stopped].sort()).toEqual([...running].sort());

    // A restart names what it starts: what the agent lists as started after it.
    const restart = (await m.call('POST', '/api/v2/compute/hosts/1004/agent/restart')).json.data;
    m.advance(300_000);
    const rsubs = (await m.task(restart.id)).json.data.subtasks as Sub[];
    const startLog = await logOf(restart.id, byName(rsubs, 'Start all OCP agent processes', -1).id);
    const after = await listed(1004);
    expect(startLog).toContain(`Starting all OCP agent processes on host 1004:${ip}: ${after.join(', ')}\n`);
    expect([...startLog.matchAll(/Process (\S+) on host 1004:\S+ started/g)].map((x) => x[1])).toEqual(after);

    // A batch keeps its listMap.host_ids, as its context shows.
    const batch = (await m.stop([2, 20])).json.data;
    expect(batch.context.listMap).toEqual({ host_ids: ['2', '20'] });
    m.advance(60_000);
    expect(await logOf(batch.id, batch.subtasks[0].id)).toContain('listMap={host_ids=[2, 20]}');
  });

  it('lists tasks newest first with filters, paging and the sample’s row shape', async () => {
    const m = mock();
    const a = (await m.stop([2])).json.data.id;
    const b = (await m.stop([20, 1001])).json.data.id;
    const res = await m.call('GET', '/api/v2/tasks/instances', { user: 'viewer' });
    successEnvelope(pageOf(BasicTaskInstance)).parse(res.json);
    expect(unsortedKeys(res.json)).toEqual([]);
    expect(res.json.data.contents.map((t: { id: number }) => t.id)).toEqual([b, a]);
    const sampleRow = LIST_SAMPLE.data.contents[0];
    delete sampleRow.cluster;
    delete sampleRow.tenant;
    expect([...pathTypes(res.json.data.contents[0])].sort()).toEqual([...pathTypes(sampleRow)].sort().filter((p) => !p.startsWith('finishTime')));
    const byHost = await m.call('GET', '/api/v2/tasks/instances?hostId=1001');
    expect(byHost.json.data.contents.map((t: { id: number }) => t.id)).toEqual([b]);
    const paged = await m.call('GET', '/api/v2/tasks/instances?size=1&page=2&sort=id,asc');
    expect(paged.json.data.contents.map((t: { id: number }) => t.id)).toEqual([b]);
    expect(paged.json.data.page).toEqual({ number: 2, size: 1, totalElements: 2, totalPages: 2 });
    m.advance(3_600_000);
    const done = await m.call('GET', '/api/v2/tasks/instances?status=SUCCESSFUL');
    expect(done.json.data.contents).toHaveLength(2);
    expect((await m.call('GET', '/api/v2/tasks/instances?status=RUNNING')).json.data.contents).toHaveLength(0);
    expect((await m.call('GET', '/api/v2/tasks/instances?type=SCHEDULED')).json.data.contents).toHaveLength(0);
    expect((await m.call('GET', '/api/v2/tasks/instances?name=batch%20stop')).json.data.contents).toHaveLength(2);
    expect((await m.call('GET', '/api/v2/tasks/instances?status=DONE')).json.error.code).toBe('COM10001');
  });

  it('issue 22.1: the list takes every task type task/100 lists, SYS_ONECE (OCP’s spelling) included', async () => {
    const m = mock();
    await m.stop([2]);
    // ocp-docs/task/100, parameter `type`: MANUAL, SYS_ONECE, SCHEDULED, SYS_SCHEDULED.
    const counts: Record<string, number> = {};
    for (const type of ['MANUAL', 'SYS_ONECE', 'SCHEDULED', 'SYS_SCHEDULED']) {
      const res = await m.call('GET', `/api/v2/tasks/instances?type=${type}`, { user: 'viewer' });
      expect(res.status, res.text).toBe(200);
      successEnvelope(pageOf(BasicTaskInstance)).parse(res.json);
      counts[type] = res.json.data.page.totalElements;
    }
    // Every task the simulator runs is MANUAL.
    expect(counts).toEqual({ MANUAL: 1, SYS_ONECE: 0, SCHEDULED: 0, SYS_SCHEDULED: 0 });
    const bad = await m.call('GET', '/api/v2/tasks/instances?type=SYS_ONCE');
    expect(bad.json.error.subErrors[0]).toMatchObject({ field: 'type', message: 'must be one of MANUAL, SYS_ONECE, SCHEDULED, SYS_SCHEDULED' });
  });
});

describe('the clock', () => {
  it('GET /__mock/clock and POST /__mock/clock/advance', async () => {
    const m = mock();
    const before = (await m.call('GET', '/__mock/clock', { user: null })).json;
    expect(before).toMatchObject({ mode: 'manual', now: '2021-09-03T15:01:10.636+08:00' });
    const after = (await m.call('POST', '/__mock/clock/advance', { body: { ms: 1500 } })).json;
    expect(after.now).toBe('2021-09-03T15:01:12.136+08:00');
    expect((await m.call('POST', '/__mock/clock/advance', { body: { ms: -1 } })).json.error.code).toBe('COM10001');
    expect((await m.call('POST', '/__mock/clock/advance', { rawBody: 'soon' })).status).toBe(400);
  });

  it('the real clock with --speed runs simulated time faster', async () => {
    const { createClock } = await import('../../src/core/clock.js');
    let wall = 1_000;
    const clock = createClock({ mode: 'real', speed: 60, start: 0, wallTime: () => wall });
    wall += 1000;
    expect(clock.now()).toBe(60_000);
    clock.advance(5);
    expect(clock.info()).toEqual({ mode: 'real', speed: 60, now: 60_005 });
  });

  it('the same seed, calls and steps give the same states at the same instants', async () => {
    const run = async () => {
      const m = mock({ seed: 3, scenario: 'node-timeout' });
      const id = (await m.stop([2, 20, 1001])).json.data.id;
      const seen: string[] = [];
      for (let i = 0; i < 40; i++) {
        m.advance(20_000);
        if (i === 35) await m.call('POST', `/api/v2/tasks/instances/${id}/retry`);
        const r = await m.task(id);
        seen.push(JSON.stringify(r.json.data));
      }
      return seen;
    };
    expect(await run()).toEqual(await run());
  });
});
