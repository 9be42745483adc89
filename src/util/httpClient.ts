/**
 * A small HTTP(S) client over node:http and node:https, for the commands that talk to a server
 * (`conform`, `pact verify`'s state check): it can trust a certificate beside Node's own
 * (`--tls-ca`, which fetch cannot), keeps the Host header a caller sets, and bounds the wait.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface HttpRequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Certificate authorities (PEM) to trust for https://; default Node's own. */
  ca?: string[];
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** Answers larger than this are cut off with an error (default 64 MiB). */
  maxBytes?: number;
}

export function httpCall(url: string | URL, o: HttpRequestOptions = {}): Promise<HttpAnswer> {
  const target = typeof url === 'string' ? new URL(url) : url;
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const maxBytes = o.maxBytes ?? 64 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const headers = { ...(o.headers ?? {}) };
    if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
    const req = send(target, { method: o.method ?? 'GET', headers, ...(o.ca ? { ca: o.ca } : {}), timeout: o.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          req.destroy(new Error(`answer over ${maxBytes} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${o.timeoutMs ?? 30_000} ms`)));
    req.on('error', reject);
    req.end(o.body);
  });
}
