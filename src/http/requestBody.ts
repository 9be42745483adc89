/**
 * Reads a request body once, up to the size limit, into the request state (`body`, and for the
 * journal a copy of at most JOURNAL_BODY_BYTES). On a real server it reads Node's request stream
 * directly: going through a web Request costs more than the rest of a submission. A body over the
 * limit is 413 without reading the rest, and the connection closes after the answer.
 */
import type { Context } from 'hono';
import { OcpError } from '../contract/errors.js';
import type { AppEnv } from './env.js';
import { JOURNAL_BODY_BYTES } from './journal.js';
import type { RequestState } from './requestState.js';

/** Largest request body accepted (413 beyond). */
export const MAX_BODY_BYTES = 1024 * 1024;

function tooLarge(max: number): OcpError {
  return new OcpError('bodyTooLarge', [`request body larger than ${max} bytes`]);
}

function keep(r: RequestState, bytes: Buffer): void {
  r.bodyRaw = bytes;
  r.body = bytes.toString('utf8');
  if (bytes.length > JOURNAL_BODY_BYTES) {
    // A copy of its own: a slice of the whole body would keep all of it alive in the journal.
    r.bodyText = bytes.toString('utf8', 0, JOURNAL_BODY_BYTES);
    r.bodyBytes = bytes.length;
  } else {
    r.bodyText = r.body;
  }
}

/** Reads the body into `r` (resolves when done; rejects with OCP's 413 past `maxBytes`). */
export function readBody(c: Context<AppEnv>, r: RequestState, maxBytes: number): Promise<void> {
  if (Number(r.contentLength ?? 0) > maxBytes) {
    r.closeConnection = true;
    return Promise.reject(tooLarge(maxBytes));
  }
  const incoming = c.env?.incoming;
  if (!incoming) {
    return c.req.arrayBuffer().then((ab) => {
      if (ab.byteLength > maxBytes) throw tooLarge(maxBytes);
      keep(r, Buffer.from(ab));
    });
  }
  return new Promise<void>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop reading; the answer goes out and the connection closes after it.
        incoming.off('data', onData);
        incoming.off('end', onEnd);
        incoming.pause();
        r.closeConnection = true;
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      keep(r, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
      resolve();
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.once('error', reject);
  });
}
