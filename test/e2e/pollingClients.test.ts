/**
 * Issues 3 and 14: clients that poll the way OCP's own clients do (obdiag every 20 s and retries a failed
 * task a few times; the terraform provider every 10 s) see a stop and a restart through end to end, against the
 * real CLI with simulated time running 1000 times faster than wall time.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from fetch
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, type Running, startCli } from './cli.js';

const SPEED = 1000;
let server: Running;

beforeAll(async () => {
  server = await startCli(['--clock', 'real', '--speed', String(SPEED), '--seed', '11']);
});
afterAll(async () => {
  await server.stop();
});

async function api(path: string, init: RequestInit = {}, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(`${server.url}/api/v2${path}`, {
    ...init,
    headers: { authorization: basic('admin'), 'content-type': 'application/json', ...headers },
  });
  return res.json();
}

/** obdiag's loop (src/common/ocp/ocp_task.py): poll every 20 s; on FAILED, retry up to 3 times. */
async function obdiagWait(taskId: number, scenario: string): Promise<{ status: string; polls: number; retries: number }> {
  let retries = 0;
  for (let polls = 1; polls < 500; polls++) {
    const task = (await api(`/tasks/instances/${taskId}`, {}, { 'X-OCP-Mock-Scenario': scenario })).data;
    if (task.status === 'SUCCESSFUL') return { status: task.status, polls, retries };
    if (task.status === 'FAILED') {
      if (retries === 3) return { status: task.status, polls, retries };
      retries++;
      await api(`/tasks/instances/${taskId}/retry`, { method: 'POST' });
    }
    await new Promise((r) => setTimeout(r, 20_000 / SPEED));
  }
  throw new Error('no terminal state');
}

describe('OCP clients polling', () => {
  it('obdiag-style: a stop succeeds end to end', async () => {
    const submitted = await api('/compute/hosts/batchStopAgents', { method: 'POST', body: JSON.stringify({ hostIds: [2, 20] }) });
    expect(submitted.successful).toBe(true);
    const result = await obdiagWait(submitted.data.id, 'success');
    expect(result).toMatchObject({ status: 'SUCCESSFUL', retries: 0 });
    const host = await api('/compute/hosts/2');
    expect(host.data.hostAgentStatus).toBe('OFFLINE');
  });

  it('obdiag-style: a node timeout is retried once and then succeeds', async () => {
    const submitted = await api(
      '/compute/hosts/batchStopAgents',
      { method: 'POST', body: JSON.stringify({ hostIds: [1001] }) },
      { 'X-OCP-Mock-Scenario': 'node-timeout' },
    );
    const result = await obdiagWait(submitted.data.id, 'success');
    expect(result).toMatchObject({ status: 'SUCCESSFUL', retries: 1 });
  });

  it('terraform-style: poll every 10 s until SUCCESSFUL or FAILED', async () => {
    const submitted = await api('/compute/hosts/batchStopAgents', { method: 'POST', body: JSON.stringify({ hostIds: [1002] }) });
    let status = 'RUNNING';
    for (let i = 0; i < 500 && status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 10_000 / SPEED));
      status = (await api(`/tasks/instances/${submitted.data.id}`)).data.status;
    }
    expect(status).toBe('SUCCESSFUL');
  });

  it('obdiag-style: restarting the agents it stopped brings them back (Restart OCP agent, one host at a time)', async () => {
    // Hosts 2 and 20 were stopped by the first test: a restart starts from OFFLINE.
    for (const hostId of [2, 20]) {
      const submitted = await api(`/compute/hosts/${hostId}/agent/restart`, { method: 'POST' });
      expect(submitted.data.name).toBe('Restart OCP agent');
      const result = await obdiagWait(submitted.data.id, 'success');
      expect(result).toMatchObject({ status: 'SUCCESSFUL', retries: 0 });
      expect((await api(`/compute/hosts/${hostId}`)).data.hostAgentStatus).toBe('AVAILABLE');
    }
  });

  it('a polling client of our own reports a node-timeout restart as FAILED, naming the node', async () => {
    const submitted = await api(
      '/compute/hosts/batchRestartAgents',
      { method: 'POST', body: JSON.stringify({ hostIds: [1001] }) },
      { 'X-OCP-Mock-Scenario': 'node-timeout' },
    );
    let task: any = submitted.data;
    for (let i = 0; i < 500 && task.status === 'RUNNING'; i++) {
      await new Promise((r) => setTimeout(r, 10_000 / SPEED));
      task = (await api(`/tasks/instances/${submitted.data.id}`)).data;
    }
    expect(task.status).toBe('FAILED');
    const failed = task.subtasks.filter((st: any) => st.status === 'FAILED').map((st: any) => st.name);
    expect(failed).toEqual(['Stop all OCP agent processes']);
    const log = (await api(`/tasks/instances/${task.id}/subtasks/${task.subtasks.find((st: any) => st.status === 'FAILED').id}/log`)).data.log;
    expect(log).toMatch(/timed out after 600 seconds/);
  });
});
