/** Shared test helpers: an in-process app (no port) and a small client for it. */
import { buildOcpMock } from '../src/app.js';
import type { OcpMockOptions } from '../src/config.js';

/** 2021-09-03T15:01:10.636+08:00, the seed example's startTime. */
export const SEED_START = Date.parse('2021-09-03T15:01:10.636+08:00');

export const AUTH = {
  admin: `Basic ${Buffer.from('admin:admin').toString('base64')}`,
  operator: `Basic ${Buffer.from('operator:operator').toString('base64')}`,
  viewer: `Basic ${Buffer.from('viewer:viewer').toString('base64')}`,
};

export interface CallOptions {
  user?: keyof typeof AUTH | null;
  body?: unknown;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests poke into JSON freely
  json: any;
}

/** A manual-clock simulator at the seed example's instant, and a caller for it. */
export function mock(options: OcpMockOptions = {}) {
  const built = buildOcpMock({ clock: 'manual', startTime: SEED_START, ...options });
  async function call(method: string, path: string, o: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = { ...(o.headers ?? {}) };
    const user = o.user === undefined ? 'admin' : o.user;
    if (user) headers.authorization = AUTH[user];
    let body: string | Uint8Array | undefined = o.rawBody;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    const res = await built.app.request(path, { method, headers, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }
  const advance = (ms: number) => built.simulator.advanceClock(ms);
  const stop = (hostIds: number[], o: CallOptions = {}) => call('POST', '/api/v2/compute/hosts/batchStopAgents', { body: { hostIds }, ...o });
  const task = (id: number, o: CallOptions = {}) => call('GET', `/api/v2/tasks/instances/${id}`, o);
  return { ...built, call, advance, stop, task };
}

/** Every JSON path of a value with its type, e.g. `data.subtasks[].id: number`. Arrays collapse to `[]`. */
export function pathTypes(value: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown, p: string) => {
    if (Array.isArray(v)) {
      out.add(`${p}: array`);
      for (const item of v) walk(item, `${p}[]`);
    } else if (v !== null && typeof v === 'object') {
      out.add(`${p}: object`);
      for (const [k, child] of Object.entries(v)) walk(child, p ? `${p}.${k}` : k);
    } else {
      out.add(`${p}: ${v === null ? 'null' : typeof v}`);
    }
  };
  walk(value, prefix);
  return out;
}

/** Paths of objects whose keys are not in alphabetical order (maps such as stringMap excepted). */
export function unsortedKeys(value: unknown, p = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unsortedKeys(v, `${p}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  const own = /(listMap|stringMap)$/.test(p) ? [] : keys.join() === [...keys].sort().join() ? [] : [p || '(root)'];
  return [...own, ...keys.flatMap((k) => unsortedKeys((value as Record<string, unknown>)[k], p ? `${p}.${k}` : k))];
}
