/** What `ocp-mock record` keeps of an answer (src/stubs/record.ts), call by call. */
import { describe, expect, it } from 'vitest';
import { answerOf, argsOf, globToRegExp, MASK, maskSecrets, stubNameOf } from '../../src/stubs/record.js';

const envelope = (x: object) => JSON.stringify({ duration: 3, server: '10.0.0.1', timestamp: '2021-09-03T15:01:10+08:00', traceId: 'abcdef0123456789', ...x });

describe('answerOf', () => {
  it('keeps data, not the envelope; an envelope without data stays without', () => {
    expect(answerOf(200, 'application/json', envelope({ data: { id: 1 }, status: 200, successful: true }))).toEqual({ data: { id: 1 } });
    expect(answerOf(200, 'application/json', envelope({ status: 200, successful: true }))).toEqual({});
    expect(answerOf(201, 'application/json', envelope({ data: null, status: 201, successful: true }))).toEqual({ status: 201, data: null });
  });

  it('keeps an error as its code and arguments when the message is OCP’s text, in either language', () => {
    const en = answerOf(
      404,
      'application/json',
      envelope({ error: { code: 'CMP07005', message: 'Host <7:null> does not exist.' }, status: 404, successful: false }),
    );
    expect(en).toEqual({ status: 404, error: { code: 'CMP07005', args: ['7', 'null'] } });
    const zh = answerOf(404, 'application/json', envelope({ error: { code: 'CMP07005', message: '主机<7:null>不存在' }, status: 404, successful: false }));
    expect(zh).toEqual(en);
    const custom = answerOf(400, 'application/json', envelope({ error: { code: 'CMP07005', message: 'a text of its own' }, status: 400, successful: false }));
    expect(custom).toEqual({ status: 400, error: { code: 'CMP07005', message: 'a text of its own' } });
    const sub = answerOf(
      400,
      'application/json',
      envelope({
        error: {
          code: 'COM10001',
          message: 'The input parameter hostIds is empty or invalid. Please check and try again.',
          subErrors: [{ field: 'hostIds', message: 'x', object: 'o', password: 'p' }],
        },
        status: 400,
        successful: false,
      }),
    );
    expect(sub).toEqual({
      status: 400,
      error: { code: 'COM10001', args: ['hostIds'], subErrors: [{ field: 'hostIds', message: 'x', object: 'o', password: MASK }] },
    });
  });

  it('204 and 205 keep their status alone', () => {
    expect(answerOf(204, '', '')).toEqual({ status: 204 });
    expect(answerOf(205, 'text/plain', '')).toEqual({ status: 205 });
  });

  it('keeps anything else as a raw body with its content type, secrets masked', () => {
    expect(answerOf(200, 'text/plain', 'metric 1\n')).toEqual({ status: 200, body: 'metric 1\n', headers: { 'Content-Type': 'text/plain' } });
    expect(answerOf(200, 'application/json', '[{"token":"t","n":1}]')).toEqual({
      status: 200,
      body: [{ token: MASK, n: 1 }],
      headers: { 'Content-Type': 'application/json' },
    });
  });
});

describe('the recorder’s helpers', () => {
  it('argsOf: a slot repeated must read the same; a text that is not the code’s is no match', () => {
    expect(argsOf('IAM10000', 'The current user has not logged on or a logon error has occurred. Please log on and try again.')).toEqual([]);
    expect(argsOf('NOPE0000', 'x')).toBeUndefined();
    expect(argsOf('CMP07005', 'Host 7 does not exist.')).toBeUndefined();
  });

  it('maskSecrets masks secret-looking fields at any depth, nothing else', () => {
    expect(maskSecrets({ a: { password: 'p', credentialId: 3, list: [{ accessKey: 'k', name: 'n' }] }, secret: null })).toEqual({
      a: { password: MASK, credentialId: MASK, list: [{ accessKey: MASK, name: 'n' }] },
      secret: null,
    });
  });

  it('globToRegExp: * within a segment, ** across', () => {
    expect(globToRegExp('/api/v2/ob/**').test('/api/v2/ob/clusters/1/tenants')).toBe(true);
    expect(globToRegExp('/api/v2/ob/*').test('/api/v2/ob/clusters/1')).toBe(false);
    expect(globToRegExp('/api/v2/ob/*').test('/api/v2/ob/clusters')).toBe(true);
  });

  it('stubNameOf: method and path, and a hash of the query when there is one', () => {
    expect(stubNameOf('GET', '/api/v2/ob/clusters', '')).toBe('GET_api_v2_ob_clusters');
    expect(stubNameOf('GET', '/api/v2/ob/clusters', 'page=2')).toMatch(/^GET_api_v2_ob_clusters_q[0-9a-f]{8}$/);
  });
});
