/**
 * Issue 6, point 4: OCP's AK/SK signature (`OCP-ACCESS-KEY-HMACSHA1 AK:base64(HMAC-SHA1(SK, msg))`).
 * The signer below is written independently of src/ from the layout public OCP clients use
 * (method, body MD5, content type, date, host, x-ocp-* headers, path?sorted query).
 */
import { createHash, createHmac } from 'node:crypto';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { sign, stringToSign } from '../../src/http/signature.js';
import { startOcpMock } from '../../src/index.js';
import { mock } from '../helpers.js';

interface Req {
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  contentType?: string;
  date?: string;
  ocpHeaders?: Record<string, string>;
}

function signedHeaders(ak: string, sk: string, r: Req, host = 'localhost'): Record<string, string> {
  const date = r.date ?? new Date().toUTCString();
  const md5 = r.body ? createHash('md5').update(r.body).digest('hex').toUpperCase() : '';
  const ocp = Object.keys(r.ocpHeaders ?? {})
    .sort()
    .map((k) => `${k}:${r.ocpHeaders?.[k]}`)
    .join('\n');
  const query = Object.keys(r.query ?? {})
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(r.query?.[k] ?? '')}`)
    .join('&');
  const message = [r.method, md5, r.contentType ?? '', date, host, ocp, query ? `${r.path}?${query}` : r.path].join('\n');
  const signature = createHmac('sha1', sk).update(message).digest('base64');
  const headers: Record<string, string> = { authorization: `OCP-ACCESS-KEY-HMACSHA1 ${ak}:${signature}`, date, host, ...(r.ocpHeaders ?? {}) };
  if (r.contentType) headers['content-type'] = r.contentType;
  return headers;
}

const STOP_PATH = '/api/v2/compute/hosts/batchStopAgents';
const STOP_BODY = '{"hostIds":[2]}';

/** Headers of a signed batchStopAgents request (body STOP_BODY unless given). */
function signedStop(ak: string, sk: string, extra: Partial<Req> = {}): Record<string, string> {
  return signedHeaders(ak, sk, { method: 'POST', path: STOP_PATH, body: STOP_BODY, contentType: 'application/json', ...extra });
}

describe('AK/SK signatures', () => {
  it('a signed POST passes and acts as the key’s user', async () => {
    const m = mock();
    const headers = signedStop('operator-ak', 'operator-sk', { ocpHeaders: { 'x-ocp-origin': 'my-tool' } });
    const res = await m.call('POST', STOP_PATH, { user: null, rawBody: STOP_BODY, headers });
    expect(res.status).toBe(200);
    expect(res.json.data.creator).toBe('operator');
  });

  it('a signed GET with a query passes; the viewer key cannot stop agents', async () => {
    const m = mock();
    const query = { size: '5', status: 'ONLINE' };
    const headers = signedHeaders('viewer-ak', 'viewer-sk', { method: 'GET', path: '/api/v2/compute/hosts', query });
    expect((await m.call('GET', '/api/v2/compute/hosts?status=ONLINE&size=5', { user: null, headers })).status).toBe(200);
    const stop = signedStop('viewer-ak', 'viewer-sk');
    expect((await m.call('POST', STOP_PATH, { user: null, rawBody: STOP_BODY, headers: stop })).json.error.code).toBe('IAM11000');
  });

  it.each([
    ['a tampered body', (h: Record<string, string>) => h, JSON.stringify({ hostIds: [20] })],
    ['a wrong secret', () => signedStop('admin-ak', 'not-the-secret'), STOP_BODY],
    ['an unknown key', () => signedStop('ghost-ak', 'admin-sk'), STOP_BODY],
    ['a stale date', () => signedStop('admin-ak', 'admin-sk', { date: new Date(Date.now() - 16 * 60_000).toUTCString() }), STOP_BODY],
    ['a tampered x-ocp header', (h: Record<string, string>) => ({ ...h, 'x-ocp-origin': 'evil' }), STOP_BODY],
    ['no date', (h: Record<string, string>) => ({ ...h, date: '' }), STOP_BODY],
  ])('%s is refused with 401', async (_, tweak, body) => {
    const m = mock();
    const good = signedStop('admin-ak', 'admin-sk', { ocpHeaders: { 'x-ocp-origin': 'my-tool' } });
    const res = await m.call('POST', STOP_PATH, { user: null, rawBody: body, headers: tweak(good) });
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('IAM10000');
    expect(m.simulator.taskCount()).toBe(0);
  });

  it('the journal keeps the key id, not the signature', async () => {
    const m = mock();
    const headers = signedHeaders('viewer-ak', 'viewer-sk', { method: 'GET', path: '/api/v2/compute/hosts/2' });
    await m.call('GET', '/api/v2/compute/hosts/2', { user: null, headers });
    const [entry] = (await m.call('GET', '/__mock/requests')).json.requests;
    expect(entry.headers.authorization).toBe('OCP-ACCESS-KEY-HMACSHA1 viewer-ak:***');
  });
});

describe("AK/SK to OCP's page (ocp-docs/overview/300.ak-sk-sign-roles.md)", () => {
  // The page's key pair and its two worked examples, message and signature to the character.
  const SK = '2fc0c299cc94c6be266f2ceece765d4d';

  it('example 1: creating an IDC (a body, an x-ocp- header)', () => {
    const parts = {
      method: 'POST',
      body: '{"name":"test01","description":"test","regionId":1}',
      contentType: 'application/json',
      date: 'Tue, 17 Jan 2023 09:13:57 GMT',
      host: 'ocp.alibaba.net:8080',
      headers: [['x-ocp-data', 'A,1']] as Array<[string, string]>,
      path: '/api/v2/compute/idcs',
      query: [] as Array<[string, string]>,
    };
    expect(stringToSign(parts)).toBe(
      'POST\n186974DB33A090A16D3E2CA35F547B56\napplication/json\nTue, 17 Jan 2023 09:13:57 GMT\nocp.alibaba.net:8080\nx-ocp-data:A,1\n/api/v2/compute/idcs',
    );
    expect(sign(SK, parts)).toBe('XN8P+O+v3vUabB16ZCooq5wMJoY=');
  });

  it('example 2: a page of IDCs (no body, no x-ocp- header, a query)', () => {
    const parts = {
      method: 'GET',
      body: '',
      contentType: 'application/json;charset=utf-8',
      date: 'Tue, 17 Jan 2023 04:14:02 GMT',
      host: 'ocp.alibaba.net:8080',
      headers: [] as Array<[string, string]>,
      path: '/api/v2/compute/idcs',
      query: [['size', '100']] as Array<[string, string]>,
    };
    expect(stringToSign(parts)).toBe(
      'GET\n\napplication/json;charset=utf-8\nTue, 17 Jan 2023 04:14:02 GMT\nocp.alibaba.net:8080\n\n/api/v2/compute/idcs?size=100',
    );
    expect(sign(SK, parts)).toBe('TsQD6HDOuZuJ409m0wdnZPmijlc=');
  });

  it('the sample message: repeated x-ocp- values and query values sorted and joined by commas', () => {
    const message = stringToSign({
      method: 'POST',
      body: '{"name":"test01","description":"test","regionId":1}',
      contentType: 'application/json',
      date: 'Tue, 17 Jan 2023 03:36:01 GMT',
      host: 'ocp.alibaba.net:8080',
      headers: [
        ['X-OCP-Data', 'Z'],
        ['x-ocp-data', '1'],
        ['x-ocp-data', 'J'],
        ['x-ocp-data', 'A'],
        ['x-ocp-data', '2'],
      ],
      path: '/api/v2/compute/idcs',
      query: [['userId', '1001']],
    });
    expect(message).toBe(
      'POST\n186974DB33A090A16D3E2CA35F547B56\napplication/json\nTue, 17 Jan 2023 03:36:01 GMT\nocp.alibaba.net:8080\nx-ocp-data:1,2,A,J,Z\n/api/v2/compute/idcs?userId=1001',
    );
    const query = (pairs: Array<[string, string]>) =>
      stringToSign({ method: 'GET', body: '', contentType: '', date: 'd', host: 'h', headers: [], path: '/p', query: pairs }).split('\n').pop();
    expect(
      query([
        ['a', '3'],
        ['b', 'x y'],
        ['a', '1'],
        ['a', '2'],
        ['c', "it's!"],
      ]),
    ).toBe('/p?a=1,2,3&b=x%20y&c=it%27s%21');
  });

  it('a request signed to the page over HTTP is accepted; the same signed another way is 401', async () => {
    const ocp = await startOcpMock({ clock: 'manual' });
    try {
      const date = new Date().toUTCString();
      const host = new URL(ocp.url).host;
      const path = '/api/v2/compute/hosts';
      const message = (ocpHeaders: string, query: string) => ['GET', '', '', date, host, ocpHeaders, `${path}?${query}`].join('\n');
      const signature = (msg: string) => createHmac('sha1', 'viewer-sk').update(msg).digest('base64');
      // Two x-ocp-trace lines, `keyword` twice and a `+` for a space.
      const send = (sig: string) =>
        new Promise<number>((resolve, reject) => {
          const req = request(`${ocp.url}${path}?size=5&keyword=b&keyword=a+z&keyword=OceanBase`, {
            headers: { authorization: `OCP-ACCESS-KEY-HMACSHA1 viewer-ak:${sig}`, date, 'x-ocp-trace': ['t2', 't1'] },
          });
          req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          req.end();
        });
      const toThePage = message('x-ocp-trace:t1,t2', 'keyword=OceanBase,a%20z,b&size=5');
      expect(await send(signature(toThePage))).toBe(200);
      // As the inferred rules had it: repeated values as separate pairs, header values as they came.
      const otherWay = message('x-ocp-trace:t2, t1', 'keyword=OceanBase&keyword=a%20z&keyword=b&size=5');
      expect(await send(signature(otherWay))).toBe(401);
    } finally {
      await ocp.close();
    }
  });
});
