/**
 * Issue 6, point 4: OCP's AK/SK signature (`OCP-ACCESS-KEY-HMACSHA1 AK:base64(HMAC-SHA1(SK, msg))`).
 * The signer below is written independently of src/ from the layout public OCP clients use
 * (method, body MD5, content type, date, host, x-ocp-* headers, path?sorted query).
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
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
    expect(m.simulator.store.taskCount()).toBe(0);
  });

  it('the journal keeps the key id, not the signature', async () => {
    const m = mock();
    const headers = signedHeaders('viewer-ak', 'viewer-sk', { method: 'GET', path: '/api/v2/compute/hosts/2' });
    await m.call('GET', '/api/v2/compute/hosts/2', { user: null, headers });
    const [entry] = (await m.call('GET', '/__mock/requests')).json.requests;
    expect(entry.headers.authorization).toBe('OCP-ACCESS-KEY-HMACSHA1 viewer-ak:***');
  });
});
