/**
 * Issue 2, points 5 and 6: auth and errors. Every failure answers in OCP's error envelope, from
 * one catalogue, localized by Accept-Language; bad input never gets a 500.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../../src/contract/errors.js';
import { ErrorEnvelope } from '../../src/contract/schemas.js';
import { mock, unsortedKeys } from '../helpers.js';

function expectError(res: { status: number; json: unknown }, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = ErrorEnvelope.parse(res.json);
  expect(body.status).toBe(status);
  expect(body.error.code).toBe(code);
  expect(unsortedKeys(res.json)).toEqual([]);
  return body;
}

describe('authentication and permissions', () => {
  it('401 IAM10000 without credentials, 401 IAM10004 with wrong ones', async () => {
    const m = mock();
    const none = await m.stop([2], { user: null });
    const body = expectError(none, 401, 'IAM10000');
    expect(body.error.message).toBe('The current user has not logged on or a logon error has occurred. Please log on and try again.');
    const wrong = await m.stop([2], { user: null, headers: { authorization: `Basic ${Buffer.from('admin:nope').toString('base64')}` } });
    expectError(wrong, 401, 'IAM10004');
    const unknown = await m.stop([2], { user: null, headers: { authorization: `Basic ${Buffer.from('ghost:ghost').toString('base64')}` } });
    expectError(unknown, 401, 'IAM10004');
    const garbage = await m.stop([2], { user: null, headers: { authorization: 'Basic !!!' } });
    expectError(garbage, 401, 'IAM10000');
    const bearer = await m.stop([2], { user: null, headers: { authorization: 'Bearer abc' } });
    expectError(bearer, 401, 'IAM10000');
  });

  it('403 IAM11000 for a viewer calling batchStopAgents; operator and admin may', async () => {
    const m = mock();
    expectError(await m.stop([2], { user: 'viewer' }), 403, 'IAM11000');
    expect((await m.stop([2], { user: 'operator' })).status).toBe(200);
    expect((await m.stop([20], { user: 'admin' })).status).toBe(200);
  });

  it('viewer may read hosts and tasks but not act on tasks', async () => {
    const m = mock();
    const id = (await m.stop([2])).json.data.id;
    expect((await m.call('GET', '/api/v2/compute/hosts', { user: 'viewer' })).status).toBe(200);
    expect((await m.task(id, { user: 'viewer' })).status).toBe(200);
    expectError(await m.call('POST', `/api/v2/tasks/instances/${id}/retry`, { user: 'viewer' }), 403, 'IAM11000');
  });

  it('a users file replaces the built-in users', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'ocp-users-'));
    const file = join(dir, 'users.json');
    writeFileSync(file, JSON.stringify([{ id: 7, username: 'ops', password: 's3cret', roles: ['CLUSTER_MANAGER'] }]));
    const m = mock({ usersFile: file });
    expectError(await m.stop([2]), 401, 'IAM10004');
    const res = await m.stop([2], { user: null, headers: { authorization: `Basic ${Buffer.from('ops:s3cret').toString('base64')}` } });
    expect(res.status).toBe(200);
    expect(res.json.data.creator).toBe('ops');
  });
});

describe('malformed batchStopAgents bodies: 400 COM10001 naming the field', () => {
  const cases: Array<[string, string, string]> = [
    ['not JSON', '{"hostIds": [2', 'requestBody'],
    ['empty body', '', 'requestBody'],
    ['a JSON array', '[2]', 'requestBody'],
    ['missing hostIds', '{}', 'hostIds'],
    ['null hostIds', '{"hostIds": null}', 'hostIds'],
    ['hostIds not an array', '{"hostIds": 2}', 'hostIds'],
    ['hostIds a string', '{"hostIds": "2,20"}', 'hostIds'],
    ['empty hostIds', '{"hostIds": []}', 'hostIds'],
    ['a string id', '{"hostIds": ["2"]}', 'hostIds[0]'],
    ['a fractional id', '{"hostIds": [2.5]}', 'hostIds[0]'],
    ['a zero id', '{"hostIds": [0]}', 'hostIds[0]'],
    ['a negative id', '{"hostIds": [2, -1]}', 'hostIds[1]'],
    ['a duplicate id', '{"hostIds": [2, 20, 2]}', 'hostIds[2]'],
    ['a huge id', '{"hostIds": [1e300]}', 'hostIds[0]'],
    ['a nested array', '{"hostIds": [[2]]}', 'hostIds[0]'],
    ['an object id', '{"hostIds": [{"id": 2}]}', 'hostIds[0]'],
  ];
  it.each(cases)('%s', async (_, rawBody, field) => {
    const m = mock();
    const res = await m.call('POST', '/api/v2/compute/hosts/batchStopAgents', { rawBody, headers: { 'content-type': 'application/json' } });
    const body = expectError(res, 400, 'COM10001');
    expect(body.error.subErrors?.[0]?.field).toBe(field);
    expect(body.error.message).toContain(field.replace(/\[\d+\]$/, ''));
    // A refused request creates nothing.
    expect(m.simulator.taskCount()).toBe(0);
  });

  it('too many host ids', async () => {
    const m = mock();
    const res = await m.stop(Array.from({ length: 1001 }, (_, i) => i + 1));
    const body = expectError(res, 400, 'COM10001');
    expect(body.error.subErrors?.[0]?.message).toContain('at most 1000');
  });
});

describe('issue 22.8: a bad batch body’s sub-errors name the request that was sent', () => {
  it.each([
    ['batchStopAgents', 'batchStopAgentsRequest'],
    ['batchRestartAgents', 'batchRestartAgentsRequest'],
  ])('%s', async (call, object) => {
    const m = mock();
    for (const rawBody of ['{"hostIds": [0]}', '{"hostIds": [2, 2]}', '[2]', '{"hostIds": [']) {
      const res = await m.call('POST', `/api/v2/compute/hosts/${call}`, { rawBody, headers: { 'content-type': 'application/json' } });
      const body = expectError(res, 400, 'COM10001');
      expect(
        body.error.subErrors?.map((e) => e.object),
        rawBody,
      ).toEqual([object]);
    }
  });
});

describe('issue 22.9: a non-number page or size is worded like every other bad page or size', () => {
  it.each([
    ['/api/v2/compute/idcs?page=abc', 'page', 'must be an integer from 1'],
    ['/api/v2/compute/regions?page=1.5', 'page', 'must be an integer from 1'],
    ['/api/v2/compute/hostTypes?page=0', 'page', 'must be an integer from 1'],
    ['/api/v2/compute/idcs?size=abc', 'size', 'must be an integer from 1 to 2000'],
    ['/api/v2/compute/hosts?page=abc', 'page', 'must be an integer from 1'],
    ['/api/v2/compute/hosts/2/agent/processes?size=many', 'size', 'must be an integer from 1 to 2000'],
    ['/api/v2/tasks/instances?page=abc', 'page', 'must be an integer from 1'],
  ])('%s', async (path, field, message) => {
    const m = mock();
    const body = expectError(await m.call('GET', path), 400, 'COM10001');
    expect(body.error.subErrors?.[0]).toMatchObject({ field, message });
  });
});

describe('other errors', () => {
  it('404 CMP07005 for an unknown host, and nothing is created', async () => {
    const m = mock();
    const body = expectError(await m.stop([2, 999999]), 404, 'CMP07005');
    expect(body.error.message).toBe('Host <999999:null> does not exist.');
    expect(m.simulator.taskCount()).toBe(0);
    expectError(await m.call('GET', '/api/v2/compute/hosts/999999'), 404, 'CMP07005');
  });

  it('413 for a body over 1 MiB', async () => {
    const m = mock();
    const rawBody = JSON.stringify({ hostIds: [2], pad: 'x'.repeat(1024 * 1024) });
    const res = await m.call('POST', '/api/v2/compute/hosts/batchStopAgents', { rawBody, headers: { 'content-type': 'application/json' } });
    expectError(res, 413, 'COM10003');
  });

  it('404 in the same envelope for an unknown route', async () => {
    const m = mock();
    const body = expectError(await m.call('GET', '/api/v2/compute/hostz'), 404, 'COM10003');
    expect(body.error.message).toContain('GET /api/v2/compute/hostz');
  });

  it('speaks Chinese to Accept-Language: zh-CN', async () => {
    const m = mock();
    const res = await m.stop([2], { user: 'viewer', headers: { 'accept-language': 'zh-CN,zh;q=0.9' } });
    expect(expectError(res, 403, 'IAM11000').error.message).toBe('没有权限进行对应操作，请联系管理员');
    const bad = await m.call('POST', '/api/v2/compute/hosts/batchStopAgents', { body: {}, headers: { 'accept-language': 'zh' } });
    expect(expectError(bad, 400, 'COM10001').error.message).toBe('传入的参数为空或者不合法：hostIds，请检查后重试');
  });
});

describe('the error catalogue', () => {
  const table = (lang: string) => {
    const text = readFileSync(new URL(`../fixtures/ocp-error-codes.${lang}.md`, import.meta.url), 'utf8');
    const rows = new Map<string, string>();
    for (const m of text.matchAll(/^\| ([A-Z]{3}\d{5}) \| (.*) \|$/gm)) rows.set(m[1] as string, (m[2] as string).trim());
    return rows;
  };
  it('copies OCP’s English and Chinese texts verbatim', () => {
    const en = table('en');
    const zh = table('zh');
    for (const t of Object.values(ERROR_CATALOGUE)) {
      expect(en.get(t.code), t.code).toBe(t.en);
      expect(zh.get(t.code), t.code).toBe(t.zh);
    }
  });
});
