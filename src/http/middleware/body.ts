/**
 * Reads a request body once, up to the size limit, before any handler runs; handlers take it
 * from `c.get('bodyText')`. On a real server it reads Node's request stream directly: going
 * through a web Request (what `c.req.text()` does) costs more than the rest of a submission.
 * A body over the limit is 413, without reading it all.
 */
import type { MiddlewareHandler } from 'hono';
import { OcpError } from '../../contract/errors.js';
import type { AppEnv } from '../env.js';

/**
 * Where the fast lane (src/http/fastLane.ts) leaves a body it has read when it hands the request
 * over: Node's stream is spent by then, so this middleware takes the text from here instead.
 */
export const PRE_READ_BODY = Symbol('ocpMockPreReadBody');

function tooLarge(max: number): OcpError {
  return new OcpError('bodyTooLarge', [`request body larger than ${max} bytes`]);
}

export function readBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const declared = Number(c.req.header('content-length') ?? 0);
    if (declared > maxBytes) throw tooLarge(maxBytes);
    const incoming = c.env?.incoming as (NonNullable<typeof c.env.incoming> & { [PRE_READ_BODY]?: string }) | undefined;
    let text: string;
    if (incoming?.[PRE_READ_BODY] !== undefined) {
      text = incoming[PRE_READ_BODY];
    } else if (incoming) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of incoming as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) {
          // Stop reading; the answer goes out and the connection closes after it.
          c.header('Connection', 'close');
          throw tooLarge(maxBytes);
        }
        chunks.push(chunk);
      }
      text = Buffer.concat(chunks, size).toString('utf8');
    } else {
      text = await c.req.text();
      if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
    }
    c.set('bodyText', text);
    return next();
  };
}

/** The request body read by `readBody` ('' for GET and HEAD). */
export function bodyText(c: { get(key: 'bodyText'): string | undefined }): string {
  return c.get('bodyText') ?? '';
}
