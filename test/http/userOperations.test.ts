/**
 * Issue 14, point 4: operations of the user's own (--operations-dir), declared in files, run like
 * the shipped ones: their route, the task API, scenarios by node name, the OpenAPI document, the
 * state file; a broken file is refused with the file, the path inside it and what was expected.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { successEnvelope, TaskInstance } from '../../src/contract/schemas.js';
import { OperationLoadError, parseOperation } from '../../src/modules/agent/index.js';
import { runCli } from '../e2e/cli.js';
import { mock } from '../helpers.js';

const REINSTALL = `id: reinstallAgent
taskName: Reinstall OCP agent
route: /compute/hosts/{hostId}/agent/reinstall
permission: HOST_MANAGER
nodes:
  - name: Prepare reinstall OCP agent
    className: com.alipay.ocp.service.task.business.obagent.PrepareReinstallOcpAgentTask
    timeout: 60
    seconds: [1, 2]
  - name: Reinstall OCP agent processes
    className: com.alipay.ocp.service.task.business.obagent.ReinstallOcpAgentTask
    timeout: 600
    seconds: [20, 40]
  - name: Finish OCP agent operation
    className: com.alipay.ocp.service.task.business.obagent.FinishOcpAgentOperationTask
    timeout: 60
    seconds: 1
startsFrom: [AVAILABLE, OFFLINE]
during: REINSTALLING
effects:
  - { after: Reinstall OCP agent processes, status: AVAILABLE }
`;

/** A batch operation (also run from the dashboard by test/e2e/dashboard.test.ts). */
const UPGRADE = readFileSync(new URL('../fixtures/operations/upgrade.json', import.meta.url), 'utf8');

function operationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocp-mock-operations-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe('operations of your own', () => {
  const dir = operationsDir({ 'reinstall.yaml': REINSTALL, 'upgrade.json': UPGRADE });

  it('are served, documented and run by the task engine like the shipped ones', async () => {
    const m = mock({ operationsDir: dir });
    const doc = (await m.call('GET', '/__mock/openapi.json')).json;
    expect(doc.paths['/api/v2/compute/hosts/{hostId}/agent/reinstall'].post.operationId).toBe('reinstallAgent');
    expect(doc.paths['/api/v2/compute/hosts/batchUpgradeAgents'].post.description).toContain('HOST_MANAGER');

    const res = await m.call('POST', '/api/v2/compute/hosts/2/agent/reinstall');
    expect(res.status, res.text).toBe(200);
    const task = successEnvelope(TaskInstance).parse(res.json).data as any;
    expect(task).toMatchObject({ name: 'Reinstall OCP agent', hostId: 2, context: { stringMap: { host_id: '2' } } });
    expect(task.subtasks.map((s: any) => [s.name, s.parallelIdx, s.timeout])).toEqual([
      ['Prepare reinstall OCP agent', -1, 60],
      ['Reinstall OCP agent processes', -1, 600],
      ['Finish OCP agent operation', -1, 60],
    ]);
    expect((await m.call('GET', '/api/v2/compute/hosts/2')).json.data.hostAgentStatus).toBe('REINSTALLING');
    expect((await m.call('POST', '/api/v2/compute/hosts/2/agent/restart')).json.error.code).toBe('CMP07019');
    m.advance(120_000);
    const done = (await m.task(task.id)).json.data;
    expect(done.status).toBe('SUCCESSFUL');
    expect((await m.call('GET', '/api/v2/compute/hosts/2')).json.data.hostAgentStatus).toBe('AVAILABLE');
    const reinstallNode = done.subtasks.find((s: any) => s.name === 'Reinstall OCP agent processes');
    const log = (await m.call('GET', `/api/v2/tasks/instances/${task.id}/subtasks/${reinstallNode.id}/log`)).json.data.log;
    expect(log).toContain('[ReinstallOcpAgentTask] begin');

    const batch = await m.call('POST', '/api/v2/compute/hosts/batchUpgradeAgents', { body: { hostIds: [20, 1001] } });
    expect(batch.json.data.subtasks).toHaveLength(2 * 2 + 1);
    expect(batch.json.data.context.listMap.host_ids).toEqual(['20', '1001']);
    expect((await m.call('POST', '/api/v2/compute/hosts/batchUpgradeAgents', { user: 'viewer', body: { hostIds: [1002] } })).status).toBe(403);
    expect((await m.call('GET', '/api/v2/tasks/instances?name=upgrade')).json.data.page.totalElements).toBe(1);
  });

  it('scenarios name their nodes, and the state file keeps their tasks', async () => {
    const scenarios = operationsDir({
      'reinstall-fails.yaml':
        'name: reinstall-fails\ndescription: The reinstall fails.\ntask:\n  nodes:\n    - node: Reinstall OCP agent processes\n      operations: [reinstallAgent]\n      outcome: fail\n',
    });
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ocp-mock-ops-state-')), 'state.jsonl');
    const options = { operationsDir: dir, scenariosDir: scenarios, stateFile };
    const first = mock(options);
    const task = (await first.call('POST', '/api/v2/compute/hosts/20/agent/reinstall', { headers: { 'X-OCP-Mock-Scenario': 'reinstall-fails' } })).json.data;
    first.advance(120_000);
    const failed = (await first.task(task.id)).json;
    expect(failed.data.status).toBe('FAILED');
    const second = mock(options);
    expect((await second.task(task.id)).json.data).toEqual(failed.data);
    expect((await second.call('GET', '/api/v2/compute/hosts/20')).json.data.hostAgentStatus).toBe('AVAILABLE');
  });

  it('a broken file is refused with the file, the path inside it and what was expected', async () => {
    const cases: Array<[string, RegExp]> = [
      [REINSTALL.replace('timeout: 60\n', 'timeout: 60\n    color: red\n'), /bad\.yaml: nodes\[0\]: unknown key "color"/],
      [REINSTALL.replace('/agent/reinstall', '/agent/{name}/reinstall'), /bad\.yaml: route: the only path parameter is \{hostId\}/],
      [REINSTALL.replace('after: Reinstall OCP agent processes', 'after: Nope'), /bad\.yaml: effects\[0\]\.after: a node name of this operation/],
      [REINSTALL.replace('id: reinstallAgent', 'id: restartAgent'), /bad\.yaml: id: an id of your own/],
      [REINSTALL.replace('during: REINSTALLING', 'during: NAPPING'), /bad\.yaml: during: /],
      [REINSTALL.replace('    timeout: 600', '    timeout: -1'), /bad\.yaml: nodes\[1\]\.timeout: a timeout must be a positive number of seconds/],
    ];
    for (const [text, expected] of cases) expect(parseOperation(text, 'bad.yaml').problems.join('\n')).toMatch(expected);
    // The same route as a shipped call, or twice the same id: refused at load.
    const clash = operationsDir({ 'a.yaml': REINSTALL.replace('/agent/reinstall', '/agent/restart') });
    expect(() => mock({ operationsDir: clash })).toThrow(OperationLoadError);
    expect(() => mock({ operationsDir: clash })).toThrow(/a\.yaml: route: "\/compute\/hosts\/\{hostId\}\/agent\/restart" is already served by ocp-mock itself/);
    const twice = operationsDir({ 'a.yaml': REINSTALL, 'b.yaml': REINSTALL.replace('/reinstall', '/reinstall2') });
    expect(() => mock({ operationsDir: twice })).toThrow(/b\.yaml: id: "reinstallAgent" is already defined/);
    // The CLI does not start.
    const broken = operationsDir({ 'broken.yaml': 'id: x\n' });
    const { code, stderr } = await runCli(['--port', '0', '--operations-dir', broken]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/invalid operation files:[\s\S]*broken\.yaml: taskName: /);
  });
});
