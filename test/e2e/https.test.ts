/**
 * Issue 25, part 2: HTTPS. The real CLI with `--tls self-signed` (and with `--tls-cert/--tls-key`
 * files), reached by Node's `https` trusting only the printed certificate and by `curl --cacert`:
 * an agent stopped and its task polled to SUCCESSFUL, AK/SK signed over its Host, the dashboard's
 * event stream; `record` and `pact verify` against an https:// target with `--tls-ca`; bad
 * values exit 2 naming the flag.
 */
// biome-ignore-all lint/suspicious/noExplicitAny: JSON answers
import { execFileSync, spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, type Running, runCli, startCli } from './cli.js';

const hasCurl = spawnSync('curl', ['--version']).status === 0;
if (!hasCurl) console.warn('https tests: curl is missing, its checks are skipped');

interface Answer {
  status: number;
  text: string;
  json: any;
}

/** One request through node:https, trusting exactly `ca` (no other roots). */
function call(url: string, o: { method?: string; headers?: Record<string, string>; body?: string; ca?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { ...(o.headers ?? {}) };
    if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
    const req = request(url, { method: o.method ?? 'GET', headers, ca: o.ca }, (res) => {
      let text = '';
      res.on('data', (d) => {
        text += d;
      });
      res.on('end', () => {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, json });
      });
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

const certPathOf = (server: Running) => /TLS certificate: (\S+)/.exec(server.stdout())?.[1] as string;

describe('--tls self-signed', () => {
  let server: Running;
  let ca: string;
  let certFile: string;
  beforeAll(async () => {
    server = await startCli(['--tls', 'self-signed', '--clock', 'manual', '--log-level', 'silent']);
    certFile = certPathOf(server);
    ca = readFileSync(certFile, 'utf8');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('prints an https:// URL and the certificate’s path; a client without it is refused', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(ca).toContain('-----BEGIN CERTIFICATE-----');
    await expect(call(`${server.url}/__mock/health`)).rejects.toThrow(/self[- ]signed certificate/);
    expect((await call(`${server.url}/__mock/health`, { ca })).json).toEqual({ status: 'UP' });
  });

  it('Node’s https with the printed certificate stops an agent and polls its task to SUCCESSFUL', async () => {
    const headers = { authorization: basic('admin'), 'content-type': 'application/json' };
    const stop = await call(`${server.url}/api/v2/compute/hosts/batchStopAgents`, { method: 'POST', headers, body: '{"hostIds":[2]}', ca });
    expect(stop.status).toBe(200);
    const id = stop.json.data.id;
    let task = await call(`${server.url}/api/v2/tasks/instances/${id}`, { headers, ca });
    expect(task.json.data.status).toBe('RUNNING');
    for (let i = 0; i < 20 && task.json.data.status === 'RUNNING'; i++) {
      await call(`${server.url}/__mock/clock/advance`, { method: 'POST', headers, body: '{"ms":5000}', ca });
      task = await call(`${server.url}/api/v2/tasks/instances/${id}`, { headers, ca });
    }
    expect(task.json.data.status).toBe('SUCCESSFUL');
    expect((await call(`${server.url}/api/v2/compute/hosts/2`, { headers, ca })).json.data.hostAgentStatus).toBe('OFFLINE');
  });

  it('AK/SK signs over the Host the client sent', async () => {
    const host = new URL(server.url).host;
    const date = new Date().toUTCString();
    const path = '/api/v2/compute/hosts/20';
    const message = ['GET', '', '', date, host, '', path].join('\n');
    const signature = createHmac('sha1', 'viewer-sk').update(message).digest('base64');
    const ok = await call(`${server.url}${path}`, { headers: { authorization: `OCP-ACCESS-KEY-HMACSHA1 viewer-ak:${signature}`, date }, ca });
    expect(ok.status).toBe(200);
    expect(ok.json.data.id).toBe(20);
    // Signed for another Host than the one sent: refused.
    const otherMessage = ['GET', '', '', date, 'elsewhere:443', '', path].join('\n');
    const other = createHmac('sha1', 'viewer-sk').update(otherMessage).digest('base64');
    const otherHost = await call(`${server.url}${path}`, { headers: { authorization: `OCP-ACCESS-KEY-HMACSHA1 viewer-ak:${other}`, date }, ca });
    expect(otherHost.status).toBe(401);
    expect(otherHost.json.error.code).toBe('IAM10000');
  });

  it('the dashboard’s event stream flows over TLS', async () => {
    const first = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}/__mock/ui/events`, { ca }, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        res.on('data', (d: Buffer) => {
          resolve(d.toString());
          req.destroy();
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(first).toContain('event: state');
  });

  it.skipIf(!hasCurl)('curl --cacert with the printed certificate polls the task; without it curl refuses', async () => {
    const curl = (...args: string[]) =>
      JSON.parse(execFileSync('curl', ['-s', '--cacert', certFile, '-u', 'operator:operator', ...args], { encoding: 'utf8' }));
    const stop = curl('-H', 'content-type: application/json', '-d', '{"hostIds":[20]}', `${server.url}/api/v2/compute/hosts/batchStopAgents`);
    expect(stop.data.name).toBe('Batch stop OCP agent');
    expect(curl(`${server.url}/api/v2/tasks/instances/${stop.data.id}`).data).toMatchObject({ id: stop.data.id, status: 'RUNNING' });
    const refused = spawnSync('curl', ['-s', '-u', 'viewer:viewer', `${server.url}/api/v2/tasks/instances`]);
    expect(refused.status).toBe(60);
  });

  it('record --target https://... --tls-ca records from it (and cannot without the certificate)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ocp-rec-tls-'));
    const recorder = await startCli(['record', '--target', server.url, '--out', out, '--tls-ca', certFile]);
    try {
      const res = await fetch(`${recorder.url}/api/v2/compute/hosts/1001`, { headers: { authorization: basic('viewer') } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).data.id).toBe(1001);
    } finally {
      await recorder.stop();
    }
    expect(readdirSync(out).length).toBe(1);
    const untrusting = await startCli(['record', '--target', server.url, '--out', mkdtempSync(join(tmpdir(), 'ocp-rec-tls-'))]);
    try {
      const res = await fetch(`${untrusting.url}/api/v2/compute/hosts/1001`, { headers: { authorization: basic('viewer') } });
      expect(res.status).toBe(502);
    } finally {
      await untrusting.stop();
    }
  });

  it('conform --target https://... --tls-ca compares over TLS (and cannot reach it without the certificate)', async () => {
    const args = ['conform', '--target', server.url, '--user', 'viewer:viewer', '--rate', '500', '--include', '/api/v2/compute/hosts/*'];
    const trusted = await runCli([...args, '--tls-ca', certFile]);
    expect(trusted.stdout).toContain('same       GET /api/v2/compute/hosts/{hostId}');
    expect(trusted.code).toBe(0);
    const untrusted = await runCli(args);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stderr).toMatch(/^ocp-mock conform: cannot reach the target \(https:\/\/127\.0\.0\.1:\d+\): self[- ]signed certificate/);
  });

  it('pact verify --base-url https://... --tls-ca verifies the reference pact', async () => {
    const pact = fileURLToPath(new URL('../../pacts/ocp-reference-client-ocp.json', import.meta.url));
    const verified = await runCli(['pact', 'verify', '--pact', pact, '--base-url', server.url, '--tls-ca', certFile]);
    expect(verified.stdout).toContain(`ocp-mock pact verify against ${server.url}`);
    expect(verified.code, verified.stdout.slice(-2000)).toBe(0);
    expect(verified.stdout).not.toContain('FAILED');
    // Without the certificate the verifier cannot reach it.
    const untrusting = await runCli(['pact', 'verify', '--pact', pact, '--base-url', server.url]);
    expect(untrusting.code).toBe(1);
  });
});

describe('--tls-cert and --tls-key', () => {
  let dir: string;
  let cert: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ocp-tls-'));
    const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
    });
    cert = pems.cert;
    writeFileSync(join(dir, 'cert.pem'), pems.cert);
    writeFileSync(join(dir, 'key.pem'), pems.private);
    const other = await generate([{ name: 'commonName', value: 'other' }], { keyType: 'ec' });
    writeFileSync(join(dir, 'other-key.pem'), other.private);
    writeFileSync(join(dir, 'junk.pem'), 'not a certificate\n');
  });

  it('serves HTTPS with the given key and certificate, by flags or by OCP_MOCK_TLS_* variables', async () => {
    const byFlags = await startCli(['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem'), '--log-level', 'silent']);
    try {
      expect(byFlags.url).toMatch(/^https:/);
      expect(byFlags.stdout()).not.toContain('TLS certificate:');
      expect((await call(`${byFlags.url}/api/v2/compute/hosts/2`, { headers: { authorization: basic('viewer') }, ca: cert })).status).toBe(200);
    } finally {
      await byFlags.stop();
    }
    const byEnv = await startCli(['--log-level', 'silent'], { OCP_MOCK_TLS_CERT: join(dir, 'cert.pem'), OCP_MOCK_TLS_KEY: join(dir, 'key.pem') });
    try {
      expect((await call(`${byEnv.url}/__mock/health`, { ca: cert })).status).toBe(200);
    } finally {
      await byEnv.stop();
    }
    const selfSigned = await startCli(['--log-level', 'silent'], { OCP_MOCK_TLS: 'self-signed', OCP_MOCK_TLS_CERT_OUT: join(dir, 'made', 'cert.pem') });
    try {
      expect(certPathOf(selfSigned)).toBe(join(dir, 'made', 'cert.pem'));
      expect((await call(`${selfSigned.url}/__mock/health`, { ca: readFileSync(join(dir, 'made', 'cert.pem'), 'utf8') })).status).toBe(200);
    } finally {
      await selfSigned.stop();
    }
  });

  it('a bad value exits 2 naming the flag', async () => {
    const cases: [string[], RegExp][] = [
      [['--tls', 'on'], /--tls: expected "self-signed"/],
      [['--tls-cert', join(dir, 'cert.pem')], /--tls-key: expected a PEM private key file beside --tls-cert/],
      [['--tls-key', join(dir, 'key.pem')], /--tls-cert: expected a PEM certificate file beside --tls-key/],
      [['--tls-cert', join(dir, 'missing.pem'), '--tls-key', join(dir, 'key.pem')], /--tls-cert: expected a readable PEM file, got .*missing\.pem \(ENOENT\)/],
      [['--tls-cert', join(dir, 'junk.pem'), '--tls-key', join(dir, 'key.pem')], /--tls-cert: expected a PEM certificate/],
      [['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'junk.pem')], /--tls-key: expected a PEM private key/],
      [['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'other-key.pem')], /--tls-key: expected the private key of the --tls-cert certificate/],
      [['--tls', 'self-signed', '--tls-cert', join(dir, 'cert.pem')], /--tls-cert: expected no file with --tls self-signed/],
      [['--tls-cert-out', join(dir, 'x.pem')], /--tls-cert-out: expected to go with --tls self-signed/],
      [['--tls', 'self-signed', '--tls-cert-out', '/proc/no-such-dir/cert.pem'], /--tls-cert-out: expected a file path that can be written/],
      [['record', '--target', 'https://127.0.0.1:1', '--out', dir, '--tls-ca', join(dir, 'junk.pem')], /--tls-ca: expected a PEM certificate/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runCli(['--port', '0', ...args]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(message);
    }
    // The message names the file, never its contents (a key's neither).
    const { stderr } = await runCli(['--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'cert.pem')]);
    expect(stderr).toContain('--tls-key: expected a PEM private key');
    expect(stderr).not.toContain(cert.split('\n')[1] as string);
  });
});
