/**
 * `ocp-mock record`: a proxy in front of a real OCP (or another ocp-mock) that answers whatever the
 * target answers and writes one stub file per distinct method, path and query, so that
 * `ocp-mock --stubs-dir DIR` replays them.
 *
 * What a stub keeps of an answer: OCP's envelope becomes `data` (or `error`), so the replay makes
 * its own trace id, timestamp and duration; anything else is kept as a raw `body`. Never written:
 * the request's headers (credentials, cookies), secret-looking query parameters, and the values of
 * secret-looking fields in what was answered (masked). The same call answered differently later (a
 * task polled while it runs) becomes a sequence (`responses`), replayed in turn.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { parse, stringify } from 'yaml';
import { formatMessage } from '../contract/errors.js';
import { OCP_ERROR_TEXTS } from '../contract/ocpErrorTexts.js';
import { NO_BODY_STATUSES, type StubResponse } from './schema.js';
import { hasTemplates } from './template.js';

/** Names of fields and parameters whose values are never written. */
const SECRET = /(password|passwd|secret|token|credential|accesskey|privatekey|cookie|session)|^(sk|ak|signature)$/i;
export const MASK = '******';
/** Request headers not passed on (hop by hop, or recomputed; no compression asked for, so what is recorded is text). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'proxy-connection',
  'te',
  'trailer',
  'accept-encoding',
]);
/** Answer headers not passed back (fetch has decoded and re-framed the body). */
const ANSWER_SKIP = new Set(['content-encoding', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);
/** A call answered more ways than this keeps its last answers. */
const MAX_ANSWERS = 50;

export interface RecordOptions {
  target: string;
  outDir: string;
  host?: string;
  port?: number;
  /** Path globs (`*` within a segment, `**` across) of what to record; default everything. */
  include?: readonly string[];
  /** Certificate authorities (PEM) to trust for an https:// target (`--tls-ca`); default Node's own. */
  ca?: string[];
}

interface TargetAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * Sends one request to the target (node:http, not fetch: fetch will not keep a Host header, and an
 * AK/SK signature covers the Host the client signed, which is this proxy's).
 */
function forward(url: URL, method: string, headers: Record<string, string>, body: Buffer | undefined, ca?: string[]): Promise<TargetAnswer> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method, headers: body ? { ...headers, 'content-length': String(body.length) } : headers, ...(ca ? { ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface Recorder {
  url: string;
  server: Server;
  /** How many stub files were written (and how many answers they hold). */
  counts(): { files: number; answers: number };
  close(): Promise<void>;
}

/** `/api/v2/**` -> a RegExp over paths. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** A copy of a JSON value with secret-looking fields masked. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, {
      value: SECRET.test(k) && v !== null && typeof v !== 'object' ? MASK : maskSecrets(v),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * The arguments that make OCP's text for `code` read `message` (in either language), if it is that
 * text: a recorded error then answers in the replaying caller's language, as OCP would. Undefined
 * if the message is not the code's text (a custom one is kept as it is).
 */
export function argsOf(code: string, message: string): string[] | undefined {
  const texts = OCP_ERROR_TEXTS[code];
  if (!texts) return undefined;
  for (const text of [texts.en, texts.zh]) {
    const order: number[] = [];
    const source = text
      .split(/(\{\d+\})/)
      .map((part) => {
        const slot = /^\{(\d+)\}$/.exec(part);
        if (!slot) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        order.push(Number(slot[1]));
        return '([\\s\\S]*?)';
      })
      .join('');
    const m = new RegExp(`^${source}$`).exec(message);
    if (!m) continue;
    const args: string[] = [];
    order.forEach((slot, i) => {
      args[slot] = m[i + 1] as string;
    });
    // A slot the text repeats must read the same each time; a slot it skips stays empty.
    if (formatMessage(text, args) !== message) continue;
    return Array.from({ length: args.length }, (_, i) => args[i] ?? '');
  }
  return undefined;
}

/** What a stub answers for what the target answered. */
export function answerOf(status: number, contentType: string, text: string): StubResponse {
  let json: unknown;
  let isJson = false;
  if (/json/i.test(contentType) || /^\s*[[{]/.test(text)) {
    try {
      json = JSON.parse(text);
      isJson = true;
    } catch {
      isJson = false;
    }
  }
  const envelope = isJson && json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (envelope && typeof envelope.successful === 'boolean' && 'traceId' in envelope) {
    if (envelope.successful) {
      return { ...(status !== 200 ? { status } : {}), ...('data' in envelope ? { data: maskSecrets(envelope.data) } : {}) } as StubResponse;
    }
    const error = (envelope.error ?? {}) as { code?: unknown; message?: unknown; subErrors?: unknown; target?: unknown };
    if (typeof error.code === 'string' && /^[A-Z]{3}\d{5}$/.test(error.code)) {
      return {
        status,
        error: {
          code: error.code,
          ...(typeof error.message === 'string' && error.message ? messageOrArgs(error.code, error.message) : {}),
          ...(Array.isArray(error.subErrors) ? { subErrors: maskSecrets(error.subErrors) as never } : {}),
          ...(typeof error.target === 'string' ? { target: error.target } : {}),
        },
      } as StubResponse;
    }
  }
  // 204 and 205 carry no body (a stub of them may hold none).
  if (NO_BODY_STATUSES.has(status)) return { status } as StubResponse;
  const headers = contentType ? { 'Content-Type': contentType } : undefined;
  return { status, body: isJson ? maskSecrets(json) : text, ...(headers ? { headers } : {}) } as StubResponse;
}

/** OCP's own text for the code: its arguments (both languages then replay); any other text as it is. */
function messageOrArgs(code: string, message: string): { args: string[] } | { message: string } {
  const args = argsOf(code, message);
  return args ? { args } : { message };
}

/** A file name (and stub name) for a call: method and path, and a short hash of the query if any. */
export function stubNameOf(method: string, path: string, query: string): string {
  const slug =
    path
      .replace(/^\/+/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/_+$/, '')
      .slice(0, 100) || 'root';
  const suffix = query ? `_q${createHash('sha1').update(query).digest('hex').slice(0, 8)}` : '';
  return `${method}_${slug}${suffix}`;
}

/**
 * What the recorder keeps of a call while it runs: where its file is and a digest of its last
 * answer. The answers themselves are only in the file (a long recording of large answers must not
 * grow the process): a different answer reads the file's back, adds itself and writes it again.
 */
interface Recording {
  name: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  file: string;
  lastDigest: string;
}

const digest = (answer: StubResponse) => createHash('sha1').update(JSON.stringify(answer)).digest('hex');

/** The answers a recorded stub file holds, in turn. */
function answersIn(file: string): StubResponse[] {
  const stub = parse(readFileSync(file, 'utf8')) as { response?: StubResponse; responses?: StubResponse[] };
  return stub.responses ?? (stub.response ? [stub.response] : []);
}

/** Starts the recording proxy. */
export async function startRecorder(options: RecordOptions): Promise<Recorder> {
  const target = options.target.replace(/\/+$/, '');
  const include = (options.include ?? []).map(globToRegExp);
  mkdirSync(options.outDir, { recursive: true });
  const recordings = new Map<string, Recording>();
  let answers = 0;

  const write = (rec: Recording, answers: readonly StubResponse[]) => {
    const stub = {
      name: rec.name,
      description: `Recorded from ${target}`,
      request: { method: rec.method, path: rec.path, ...(Object.keys(rec.query).length > 0 ? { query: rec.query } : {}) },
      // What was answered is replayed as it was: `{{` in it is text, not a template.
      ...(answers.some(hasTemplates) ? { templates: false } : {}),
      ...(answers.length === 1 ? { response: answers[0] } : { responses: answers }),
    };
    // Written whole, then renamed: a reader (or a crash) never sees half a file.
    writeFileSync(`${rec.file}.tmp`, `# ocp-mock record: ${rec.method} ${rec.path}\n${stringify(stub, { lineWidth: 0 })}`);
    renameSync(`${rec.file}.tmp`, rec.file);
  };

  const app = new Hono();
  app.all('*', async (c) => {
    const url = new URL(c.req.url);
    const headers: Record<string, string> = {};
    for (const [k, v] of c.req.raw.headers) if (!HOP_BY_HOP.has(k.toLowerCase())) headers[k] = v;
    // A signed request keeps the Host it was signed for; anything else goes as to the target itself.
    const host = c.req.header('host');
    if (host && /^OCP-ACCESS-KEY-HMACSHA1\s/i.test(c.req.header('authorization') ?? '')) headers.host = host;
    const method = c.req.method;
    const body = method === 'GET' || method === 'HEAD' ? undefined : Buffer.from(await c.req.arrayBuffer());
    let answer: TargetAnswer;
    try {
      answer = await forward(new URL(`${target}${url.pathname}${url.search}`), method, headers, body, options.ca);
    } catch (e) {
      return c.json({ error: `ocp-mock record: cannot reach ${target}: ${(e as Error).message}` }, 502);
    }
    const text = answer.body.toString('utf8');
    const contentType = String(answer.headers['content-type'] ?? '');
    // Not recorded: HEAD and OPTIONS, the control plane, what --include leaves out, and statuses a
    // stub cannot answer (304 answers a cache; 1xx and beyond 599 are not answers).
    const recordable =
      method !== 'HEAD' &&
      method !== 'OPTIONS' &&
      !url.pathname.startsWith('/__mock') &&
      answer.status >= 200 &&
      answer.status <= 599 &&
      answer.status !== 304 &&
      (include.length === 0 || include.some((g) => g.test(url.pathname)));
    if (recordable) {
      // Secret-looking parameters are neither matched on nor written.
      const kept = [...url.searchParams.entries()].filter(([k]) => !SECRET.test(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const queryText = new URLSearchParams(kept).toString();
      const key = `${method} ${url.pathname}?${queryText}`;
      let rec = recordings.get(key);
      if (!rec) {
        const query: Record<string, string | string[]> = {};
        for (const [k, v] of kept) {
          const have = query[k];
          query[k] = have === undefined ? v : Array.isArray(have) ? [...have, v] : [have, v];
        }
        const name = stubNameOf(method, url.pathname, queryText);
        rec = { name, method, path: url.pathname, query, file: join(options.outDir, `${name}.yaml`), lastDigest: '' };
        recordings.set(key, rec);
      }
      const stubAnswer = answerOf(answer.status, contentType, text);
      const answerDigest = digest(stubAnswer);
      if (answerDigest !== rec.lastDigest) {
        const earlier = rec.lastDigest === '' ? [] : answersIn(rec.file);
        write(rec, [...earlier, stubAnswer].slice(-MAX_ANSWERS));
        rec.lastDigest = answerDigest;
        answers++;
      }
    }
    const back = new Headers();
    for (const [k, v] of Object.entries(answer.headers)) {
      if (v === undefined || ANSWER_SKIP.has(k.toLowerCase())) continue;
      for (const one of Array.isArray(v) ? v : [v]) back.append(k, one);
    }
    const nullBody = method === 'HEAD' || answer.status === 204 || answer.status === 205 || answer.status === 304;
    return new Response(nullBody ? null : answer.body, { status: answer.status, headers: back });
  });

  const host = options.host ?? '127.0.0.1';
  const server = createServer(getRequestListener(app.fetch, { hostname: host }));
  server.listen(options.port ?? 8090, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`,
    server,
    counts: () => ({ files: recordings.size, answers }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
