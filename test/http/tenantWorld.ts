/**
 * What the tenant tests share (tenants.test.ts, tenantReplicas.test.ts): the pages' fixtures, the
 * seeded tenants' ids, a create run to its end, the world a refusal must leave as it was, a world
 * whose tenant tasks fail "Sync tenant information" (for rollbacks), and stepping the manual clock
 * until a node has succeeded.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON from the API
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { successEnvelope } from '../../src/contract/schemas.js';
import { mock } from '../helpers.js';
import { contextKeys, dagShape, nodeFacts, treeDiff } from './sampleTree.js';

export type Mock = ReturnType<typeof mock>;
export const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/tenant/${name}`, import.meta.url), 'utf8'));
export const TEST = 1_000_002;
export const SYS = 1_000_001;
export const TPCC = 1_000_004;
export const ORA_APP = 1_000_005;
export const HOUR = 3_600_000;

/** The sample's `data` against ours (both absent for the pages that answer none). */
export function expectLikeSample(res: any, name: string) {
  expect(res.status, res.text).toBe(200);
  const want = fixture(name);
  expect(treeDiff(res.json.data, want.data)).toEqual([]);
  // The envelope: the sample's keys, alphabetical (100 and 200 print `data` last: a print order of theirs).
  expect(Object.keys(res.json)).toEqual(Object.keys(want).sort());
  return want;
}

/** An async answer: its sample's tree, schema, task name, DAG, each node's printed constants (`facts`, sampleTree.ts's by default) and context keys. */
export function expectTaskLikeSample(res: any, name: string, schema: any, facts?: readonly string[]) {
  const want = expectLikeSample(res, name);
  successEnvelope(schema).parse(res.json);
  expect(res.json.data.name).toBe(want.data.name);
  expect(dagShape(res.json.data.subtasks ?? res.json.data.tasks)).toEqual(dagShape(want.data.subtasks ?? want.data.tasks));
  expect(nodeFacts(res.json.data.subtasks ?? res.json.data.tasks, facts)).toEqual(nodeFacts(want.data.subtasks ?? want.data.tasks, facts));
  expect(contextKeys(res.json.data.context)).toEqual(contextKeys(want.data.context));
  // What every such answer prints alike: who made it, how it runs, the context's flags.
  const constants = (d: any) => ({
    ...Object.fromEntries(['creator', 'operation', 'prohibitRollback', 'status', 'taskDefinitionId', 'type'].filter((k) => k in d).map((k) => [k, d[k]])),
    ...(typeof d.context === 'object' ? { parallel: d.context.parallel, parallelIdx: d.context.parallelIdx } : {}),
  });
  expect(constants(res.json.data)).toEqual(constants(want.data));
  return want;
}

export const body = (o: Record<string, unknown> = {}) => ({ ...fixture('create_tenant_request.json'), ...o });
export const zone = (name: string, unitSpecName = 'S0', unitCount = 1) => ({ name, replicaType: 'FULL', resourcePool: { unitSpecName, unitCount } });

/** Creates a tenant and runs its task to the end; its id. */
export async function created(m: Mock, clusterId: number, o: Record<string, unknown>) {
  const res = await m.call('POST', `/api/v2/ob/clusters/${clusterId}/tenants/createTenant`, { body: body(o) });
  expect(res.status, res.text).toBe(200);
  m.advance(HOUR);
  expect((await m.task(res.json.data.id)).json.data.status).toBe('SUCCESSFUL');
  return res.json.data.tenantId as number;
}

export const detailOf = async (m: Mock, c: number, t: number) => (await m.call('GET', `/api/v2/ob/clusters/${c}/tenants/${t}`)).json;

/** OCP's error texts as its error-code pages print them (test/fixtures/ocp-error-codes.*.md), `{n}` filled with `args`. */
export const ERROR_TEXTS = Object.fromEntries(
  (['en', 'zh'] as const).map((lang) => {
    const text = readFileSync(new URL(`../fixtures/ocp-error-codes.${lang}.md`, import.meta.url), 'utf8');
    return [lang, new Map([...text.matchAll(/^\| ([A-Z]{3}\d{5}) \| (.*) \|$/gm)].map((x) => [x[1] as string, (x[2] as string).trim()]))];
  }),
) as Record<'en' | 'zh', Map<string, string>>;
export const ocpText = (lang: 'en' | 'zh', code: string, args: readonly unknown[]) =>
  (ERROR_TEXTS[lang].get(code) ?? `no ${code}`).replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));

/** What a refusal must leave as it was: every tenant's details (units and all), the task count, each cluster's status and tenantCount. */
export async function world(m: Mock) {
  const tenants = (await m.call('GET', '/api/v2/ob/tenants?size=100')).json.data.contents;
  const details = [];
  for (const t of tenants) details.push((await detailOf(m, t.clusterId, t.id)).data);
  const tasks = (await m.call('GET', '/api/v2/tasks/instances?size=1')).json.data.page.totalElements;
  const clusters = (await m.call('GET', '/api/v2/ob/clusters?size=100')).json.data.contents.map((c: any) => [c.id, c.status, c.tenantCount]);
  return { details, tasks, clusters };
}

export const GB = 1024 ** 3;

/** A world whose scenario `tenant-sync-fails` fails "Sync tenant information" (`tenant-sync-fails-once`: its first run only) (every tenant task has it, after its resources are made). */
export function mockWithFailingSync(options: Parameters<typeof mock>[0] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ocp-tenant-scenarios-'));
  writeFileSync(
    join(dir, 'tenant-sync-fails.yaml'),
    [
      'name: tenant-sync-fails',
      `description: '"Sync tenant information" fails; the tenant task ends FAILED.'`,
      'task:',
      '  nodes:',
      '    - node: Sync tenant information',
      '      outcome: fail',
      "      message: 'sync failed: the tenant did not answer'",
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'tenant-sync-fails-once.yaml'),
    [
      'name: tenant-sync-fails-once',
      `description: '"Sync tenant information" fails on its first run; a retry runs it to the end.'`,
      'task:',
      '  nodes:',
      '    - node: Sync tenant information',
      '      runs:',
      '        - outcome: fail',
      "          message: 'sync failed: the tenant did not answer'",
      '        - outcome: success',
      '',
    ].join('\n'),
  );
  return mock({ scenariosDir: dir, ...options });
}
export const FAILING = { headers: { 'X-OCP-Mock-Scenario': 'tenant-sync-fails' } };
export const FAILING_ONCE = { headers: { 'X-OCP-Mock-Scenario': 'tenant-sync-fails-once' } };

export const unitsOf = async (m: Mock, c: number, t: number) =>
  (await m.call('GET', `/api/v2/ob/clusters/${c}/tenants/${t}/units`)).json.data.contents.map((u: any) => [u.zoneName, u.serverId]);
export const tenantCount = async (m: Mock, c: number) => (await m.call('GET', `/api/v2/ob/clusters/${c}`)).json.data.tenantCount;
export const subtask = async (m: Mock, taskId: number, name: string) => (await m.task(taskId)).json.data.subtasks.find((s: any) => s.name === name);

/** Steps the clock a second at a time until `name` of the task has succeeded, checking `before` at every step until then; `after` once. */
export async function stepUntil(m: Mock, taskId: number, name: string, before: () => Promise<void>, after: () => Promise<void>) {
  for (let i = 0; i < 600; i++) {
    if ((await subtask(m, taskId, name)).status === 'SUCCESSFUL') {
      expect((await m.task(taskId)).json.data.status).toBe('RUNNING');
      return after();
    }
    await before();
    m.advance(1000);
  }
  throw new Error(`${name} never succeeded`);
}
