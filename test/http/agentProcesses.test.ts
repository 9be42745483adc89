/**
 * Issue 14 (in part): a host's OCP agent in OCP's documented shape, its processes (paged), and a
 * worker process stopped or restarted at once, in agreement with the agent's own state.
 * Samples: test/fixtures/agent_*.json, from ocp-docs/agent/100, 600, 700, 800 (the agent-details
 * sample's `"user": "root".` typos fixed so that it parses).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostAgent, HostAgentProcess, pageOf, successEnvelope } from '../../src/contract/schemas.js';
import { mock, pathTypes, unsortedKeys } from '../helpers.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'));
const DETAIL = fixture('agent_detail_response.json');
const PROCESSES = fixture('agent_processes_response.json');
const STOPPED = fixture('agent_process_stop_response.json');
const RESTARTED = fixture('agent_process_restart_response.json');
const shape = (v: unknown) => [...pathTypes(v)].sort();

describe('the OCP agent of a host', () => {
  it('details: the documented sample, path for path and type for type, keys in order', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/compute/hosts/20/agent', { user: 'viewer' });
    expect(res.status).toBe(200);
    successEnvelope(HostAgent).parse(res.json);
    expect(shape(res.json)).toEqual(shape(DETAIL));
    expect(unsortedKeys(res.json)).toEqual([]);
    const aliases = res.json.data.processes.map((p: { alias: string }) => p.alias);
    expect(aliases).toEqual(DETAIL.data.processes.map((p: { alias: string }) => p.alias));
    expect(res.json.data).toMatchObject({ hostId: 20, status: 'AVAILABLE', installHome: '/home/admin/ocp_agent', logHome: '/home/admin/ocp_agent/log' });
  });

  it('processes: the documented page, paged like every OCP list', async () => {
    const m = mock();
    const res = await m.call('GET', '/api/v2/compute/hosts/2/agent/processes', { user: 'viewer' });
    successEnvelope(pageOf(HostAgentProcess)).parse(res.json);
    expect(shape(res.json)).toEqual(shape(PROCESSES));
    expect(res.json.data.page).toEqual(PROCESSES.data.page);
    expect(res.json.data.contents.map((p: { alias: string }) => p.alias)).toEqual(PROCESSES.data.contents.map((p: { alias: string }) => p.alias));
    const second = await m.call('GET', '/api/v2/compute/hosts/2/agent/processes?page=2&size=3');
    expect(second.json.data.contents.map((p: { alias: string }) => p.alias)).toEqual(['ocp_exporter', 'obstat2', 'ob_logtailer']);
    expect((await m.call('GET', '/api/v2/compute/hosts/2/agent/processes?size=0')).json.error.code).toBe('COM10001');
  });

  it('a worker process stopped and restarted: answers as the samples, and the details agree', async () => {
    const m = mock();
    const list = (await m.call('GET', '/api/v2/compute/hosts/20/agent/processes')).json.data.contents;
    const obstat = list.find((p: { alias: string }) => p.alias === 'obstat2');
    const stop = await m.call('POST', `/api/v2/compute/hosts/20/agent/processes/${obstat.id}/stop`, { user: 'operator' });
    expect(stop.status).toBe(200);
    successEnvelope(HostAgentProcess).parse(stop.json);
    expect(shape(stop.json)).toEqual(shape(STOPPED));
    expect(stop.json.data).toMatchObject({ status: 'STOPPED', pid: 0, elapsedTime: 0, ports: null, startCommand: null, user: null });
    const details = (await m.call('GET', '/api/v2/compute/hosts/20/agent')).json.data;
    expect(details.processes.find((p: { id: number }) => p.id === obstat.id).status).toBe('STOPPED');

    m.advance(5_000);
    const restart = await m.call('POST', `/api/v2/compute/hosts/20/agent/processes/${obstat.id}/restart`, { user: 'operator' });
    expect(shape(restart.json)).toEqual(shape(RESTARTED));
    expect(restart.json.data).toMatchObject({ status: 'STARTED', elapsedTime: 0 });
    expect(restart.json.data.pid).toBeGreaterThan(0);
    expect(restart.json.data.pid).not.toBe(obstat.pid);
    m.advance(90_000);
    const later = (await m.call('GET', '/api/v2/compute/hosts/20/agent/processes')).json.data.contents;
    expect(later.find((p: { id: number }) => p.id === obstat.id)).toMatchObject({ status: 'STARTED', elapsedTime: 90, pid: restart.json.data.pid });
  });

  it('issue 22.6: stop and restart keep the process’s own updateTime; lastActiveTime as 800 and 700 print it; elapsedTime counts from the restart', async () => {
    const m = mock();
    const fraction = (t: string) => /\.\d+\+/.test(t);
    const clock = async () => (await m.call('GET', '/__mock/clock')).json.now as string;
    const listed = async () => (await m.call('GET', '/api/v2/compute/hosts/20/agent')).json.data.processes;
    const obstat = (await listed()).find((p: { alias: string }) => p.alias === 'obstat2');
    m.advance(1_234);
    const stop = (await m.call('POST', `/api/v2/compute/hosts/20/agent/processes/${obstat.id}/stop`)).json.data;
    const stoppedAt = Date.parse(await clock());
    // ocp-docs/agent/800: the process's own updateTime; last active when it stopped, a whole second.
    expect(stop.updateTime).toBe(obstat.updateTime);
    expect(fraction(stop.lastActiveTime)).toBe(fraction(STOPPED.data.lastActiveTime));
    expect(Date.parse(stop.lastActiveTime)).toBe(Math.floor(stoppedAt / 1000) * 1000);
    const stoppedRow = (await listed()).find((p: { id: number }) => p.id === obstat.id);
    expect(stoppedRow).toMatchObject({ updateTime: obstat.updateTime, lastActiveTime: stop.lastActiveTime });

    m.advance(5_321);
    const restart = (await m.call('POST', `/api/v2/compute/hosts/20/agent/processes/${obstat.id}/restart`)).json.data;
    // ocp-docs/agent/700: the process's own updateTime; active this instant, to the millisecond.
    expect(restart.updateTime).toBe(obstat.updateTime);
    expect(fraction(restart.lastActiveTime)).toBe(fraction(RESTARTED.data.lastActiveTime));
    expect(restart.lastActiveTime).toBe(await clock());
    // The sample's elapsedTime (2) two seconds after the restart, growing with the clock from it.
    m.advance(RESTARTED.data.elapsedTime * 1000);
    expect((await listed()).find((p: { id: number }) => p.id === obstat.id)).toMatchObject({
      elapsedTime: RESTARTED.data.elapsedTime,
      updateTime: obstat.updateTime,
      status: 'STARTED',
    });
    m.advance(60_000);
    expect((await listed()).find((p: { id: number }) => p.id === obstat.id).elapsedTime).toBe(RESTARTED.data.elapsedTime + 60);
  });

  it('refuses what OCP refuses: unknown host or process, a basic process, a stopped agent, a viewer', async () => {
    const m = mock();
    const processes = (await m.call('GET', '/api/v2/compute/hosts/20/agent/processes')).json.data.contents;
    const agentd = processes.find((p: { alias: string }) => p.alias === 'ocp_agentd');
    const exporter = processes.find((p: { alias: string }) => p.alias === 'node_exporter');
    expect((await m.call('GET', '/api/v2/compute/hosts/999999/agent')).json.error.code).toBe('CMP07005');
    const missing = await m.call('POST', '/api/v2/compute/hosts/20/agent/processes/999999/stop');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toMatchObject({ code: 'CMP07054', message: 'Process 999999 cannot be found on host 20.' });
    const zh = await m.call('POST', '/api/v2/compute/hosts/20/agent/processes/999999/stop', { headers: { 'Accept-Language': 'zh-CN' } });
    expect(zh.json.error.message).toBe('主机 20 上找不到进程 999999');
    const basic = await m.call('POST', `/api/v2/compute/hosts/20/agent/processes/${agentd.id}/restart`);
    expect(basic.status).toBe(400);
    expect(basic.json.error.message).toContain('ocp_agentd');
    expect((await m.call('POST', `/api/v2/compute/hosts/20/agent/processes/${exporter.id}/stop`, { user: 'viewer' })).status).toBe(403);

    // The agent stopped: every process reads STOPPED, and none can be started on its own.
    await m.stop([20]);
    m.advance(120_000);
    const details = (await m.call('GET', '/api/v2/compute/hosts/20/agent')).json.data;
    expect(details.status).toBe('OFFLINE');
    expect(details.processes.every((p: { status: string; pid: number }) => p.status === 'STOPPED' && p.pid === 0)).toBe(true);
    const refused = await m.call('POST', `/api/v2/compute/hosts/20/agent/processes/${exporter.id}/restart`);
    expect(refused.json.error.code).toBe('CMP07019');
  });
});
