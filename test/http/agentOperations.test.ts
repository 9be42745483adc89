/**
 * Issue 14: the agent's async operations, declared as data (src/engine/operations.ts), each
 * reproducing OCP's sample node for node and field for field, and the agent's status following
 * the tasks that ran on it.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: task JSON from the API and the samples
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { successEnvelope, TaskInstance } from '../../src/contract/schemas.js';
import { mock, pathTypes } from '../helpers.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));

/** What must equal the sample: everything but ids (made relative to the block), times, executor and task id. */
function structure(data: any) {
  const min = Math.min(...data.subtasks.map((s: any) => s.id));
  const rel = (id: number) => id - min;
  return {
    context: data.context,
    hostId: data.hostId,
    keys: Object.keys(data),
    name: data.name,
    operation: data.operation,
    status: data.status,
    subtasks: data.subtasks.map((s: any) => ({
      ...s,
      id: rel(s.id),
      upstreams: s.upstreams.map(rel),
      downstreams: s.downstreams.map(rel),
    })),
  };
}

describe('agent operations answer as OCP does', () => {
  it.each([
    ['Stop OCP agent', 'POST', '/api/v2/compute/hosts/2/agent/stop', undefined, 'stop_agent_single_response.json'],
    ['Restart OCP agent', 'POST', '/api/v2/compute/hosts/2/agent/restart', undefined, 'restart_agent_single_response.json'],
    ['Batch restart OCP agent', 'POST', '/api/v2/compute/hosts/batchRestartAgents', { hostIds: [2] }, 'batch_restart_agents_response.json'],
    ['Batch stop OCP agent', 'POST', '/compute/hosts/batchStopAgents', { hostIds: [2] }, 'batch_stop_agents_response.json'],
  ])('%s: the sample, path for path and type for type, node for node', async (_name, method, path, body, sample) => {
    const m = mock();
    const res = await m.call(method, path, body === undefined ? {} : { body });
    expect(res.status, res.text).toBe(200);
    successEnvelope(TaskInstance).parse(res.json);
    const expected = fixture(sample);
    expect([...pathTypes(res.json)].sort()).toEqual([...pathTypes(expected)].sort());
    expect(structure(res.json.data)).toEqual(structure(expected.data));
    expect(res.json.data.creator).toBe('admin');
  });

  it('a batch restart of several hosts: per-host stages meet at Wait barriers', async () => {
    const m = mock();
    const { data } = (await m.call('POST', '/api/v2/compute/hosts/batchRestartAgents', { body: { hostIds: [2, 20, 1001] } })).json;
    expect(data.subtasks).toHaveLength(5 * 3 + 4);
    const byId = new Map(data.subtasks.map((s: any) => [s.id, s]));
    const waits = data.subtasks.filter((s: any) => s.name === 'Wait node');
    expect(waits).toHaveLength(4);
    for (const w of waits) {
      expect(w.parallelIdx).toBe(-1);
      expect(w.upstreams).toHaveLength(3);
      expect(w.downstreams).toHaveLength(3);
    }
    // Each host's chain: Prepare -> Wait -> pos proxy -> Wait -> Stop -> Wait -> Start -> Wait -> Finish.
    const chain = [
      'Prepare restart OCP agent',
      'Restart pos proxy',
      'Stop all OCP agent processes',
      'Start all OCP agent processes',
      'Finish OCP agent operation',
    ];
    for (const idx of [0, 1, 2]) {
      let node: any = data.subtasks.find((s: any) => s.name === chain[0] && s.parallelIdx === idx);
      for (const name of chain.slice(1)) {
        const wait: any = byId.get(node.downstreams[0]);
        expect(wait.name).toBe('Wait node');
        node = wait.downstreams.map((id: number) => byId.get(id)).find((s: any) => s.parallelIdx === idx);
        expect(node.name).toBe(name);
      }
    }
  });
});

describe("the agent's status follows its operations", () => {
  it('a restart reads RESTARTING while it runs, then AVAILABLE with its processes started anew', async () => {
    const m = mock();
    const before = (await m.call('GET', '/api/v2/compute/hosts/20/agent/processes')).json.data.contents;
    const task = (await m.call('POST', '/api/v2/compute/hosts/20/agent/restart')).json.data;
    expect((await m.call('GET', '/api/v2/compute/hosts/20')).json.data.hostAgentStatus).toBe('RESTARTING');
    // Another operation on a busy agent is refused.
    expect((await m.call('POST', '/api/v2/compute/hosts/20/agent/stop')).json.error.code).toBe('CMP07019');
    expect((await m.stop([20])).json.error.code).toBe('CMP07019');
    m.advance(600_000);
    expect((await m.task(task.id)).json.data.status).toBe('SUCCESSFUL');
    expect((await m.call('GET', '/api/v2/compute/hosts/20')).json.data.hostAgentStatus).toBe('AVAILABLE');
    const after = (await m.call('GET', '/api/v2/compute/hosts/20/agent/processes')).json.data.contents;
    for (const p of after) {
      const was = before.find((b: any) => b.id === p.id);
      expect(p.status).toBe(was.status);
      if (p.status === 'STARTED') {
        expect(p.pid).not.toBe(was.pid);
        expect(p.elapsedTime).toBeLessThan(600);
      }
    }
  });

  it('a stopped agent: OFFLINE, restart brings it back; a node-timeout restart fails and leaves it as it was', async () => {
    const m = mock();
    await m.call('POST', '/api/v2/compute/hosts/1001/agent/stop');
    expect((await m.call('GET', '/api/v2/compute/hosts/1001')).json.data.hostAgentStatus).toBe('STOPPING');
    m.advance(600_000);
    expect((await m.call('GET', '/api/v2/compute/hosts/1001')).json.data.hostAgentStatus).toBe('OFFLINE');
    expect((await m.call('POST', '/api/v2/compute/hosts/1001/agent/stop')).json.error.code).toBe('CMP07019');
    const restart = (await m.call('POST', '/api/v2/compute/hosts/1001/agent/restart')).json.data;
    m.advance(600_000);
    expect((await m.task(restart.id)).json.data.status).toBe('SUCCESSFUL');
    expect((await m.call('GET', '/api/v2/compute/hosts/1001')).json.data.hostAgentStatus).toBe('AVAILABLE');

    // node-timeout makes the Stop node of a restart time out too: the task fails, the agent reads as before.
    const timedOut = (await m.call('POST', '/api/v2/compute/hosts/1002/agent/restart', { headers: { 'X-OCP-Mock-Scenario': 'node-timeout' } })).json.data;
    m.advance(30 * 60_000);
    const failed = (await m.task(timedOut.id)).json.data;
    expect(failed.status).toBe('FAILED');
    expect(failed.subtasks.find((s: any) => s.name === 'Stop all OCP agent processes').status).toBe('FAILED');
    expect((await m.call('GET', '/api/v2/compute/hosts/1002')).json.data.hostAgentStatus).toBe('AVAILABLE');
  });

  it('issue 22.5: after a whole-agent stop the agent was last available, and updated, when it went down; its processes were last active then', async () => {
    const m = mock({ hosts: 40 });
    const agent = async () => (await m.call('GET', '/api/v2/compute/hosts/2/agent')).json.data;
    const ms = (t: string) => Date.parse(t);
    const wholeSecond = (t: number) => Math.floor(t / 1000) * 1000;
    const before = await agent();
    expect(before.status).toBe('AVAILABLE');
    const task = (await m.stop([2])).json.data;
    expect(task.id).toBe(31173);
    m.advance(120_000);
    const done = (await m.task(task.id)).json.data;
    expect(done.status).toBe('SUCCESSFUL');
    const down = wholeSecond(ms(done.subtasks.find((s: any) => s.name === 'Stop all OCP agent processes').finishTime));
    const after = await agent();
    expect(after.status).toBe('OFFLINE');
    // Whole seconds, as ocp-docs/agent/100 prints an agent's and its processes' times.
    expect([ms(after.lastAvailableTime), ms(after.updateTime)]).toEqual([down, down]);
    expect(ms(after.lastAvailableTime)).toBeGreaterThanOrEqual(ms(before.lastAvailableTime));
    for (const p of after.processes) {
      const was = before.processes.find((b: any) => b.id === p.id);
      expect(p.status).toBe('STOPPED');
      // A process the task stopped was last active when it did; one stopped already keeps its time.
      expect(ms(p.lastActiveTime), p.alias).toBe(was.status === 'STARTED' ? down : ms(was.lastActiveTime));
      expect(p.updateTime).toBe(was.updateTime);
    }
    // Later reads keep those times; a restart brings it back, updated when its processes started.
    m.advance(3_600_000);
    expect(await agent()).toEqual(after);
    const restart = (await m.call('POST', '/api/v2/compute/hosts/2/agent/restart')).json.data;
    m.advance(600_000);
    const restarted = (await m.task(restart.id)).json.data;
    const up = wholeSecond(ms(restarted.subtasks.find((s: any) => s.name === 'Start all OCP agent processes').finishTime));
    const back = await agent();
    expect(back.status).toBe('AVAILABLE');
    expect(ms(back.updateTime)).toBe(up);
    expect(ms(back.lastAvailableTime)).toBe(wholeSecond(m.simulator.now()));
  });

  it('a scenario rule can aim at one operation: the restart fails to start the processes, a stop is untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ocp-mock-ops-'));
    writeFileSync(
      join(dir, 'start-fails.yaml'),
      'name: start-fails\ndescription: Starting the processes fails, in restarts only.\ntask:\n  nodes:\n    - node: Start all OCP agent processes\n      operations: [restartAgent, batchRestartAgents]\n      outcome: fail\n      message: port 62888 in use\n    - node: Stop all OCP agent processes\n      operations: [restartAgent]\n      seconds: 5\n',
    );
    const m = mock({ scenariosDir: dir, scenario: 'start-fails' });
    const restart = (await m.call('POST', '/api/v2/compute/hosts/20/agent/restart')).json.data;
    const stop = (await m.stop([1001])).json.data;
    m.advance(600_000);
    expect((await m.task(restart.id)).json.data.status).toBe('FAILED');
    // The processes were stopped and not started again: the agent is down.
    expect((await m.call('GET', '/api/v2/compute/hosts/20')).json.data.hostAgentStatus).toBe('OFFLINE');
    expect((await m.task(stop.id)).json.data.status).toBe('SUCCESSFUL');
    expect((await m.call('GET', '/api/v2/compute/hosts/1001')).json.data.hostAgentStatus).toBe('OFFLINE');
  });
});
