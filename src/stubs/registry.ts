/**
 * The stubs in force: those of the `--stubs-dir` files and those added at run time, and which one
 * answers a request. Matching costs a map lookup for a stub of a plain path (every recorded stub)
 * and a scan of the stubs with `{parameters}` (few, written by hand), whatever else is loaded.
 *
 * Which stub answers when several match: the one with more conditions (query values, headers,
 * a scenario), then a plain path over one with parameters, then the one added last (a run-time
 * stub over a file's; a later file over an earlier one).
 */
import type { StubDecl, StubResponse } from './schema.js';

export interface Stub {
  id: string;
  /** The file it came from, or undefined for one added at run time. */
  file?: string;
  decl: StubDecl;
  method: string;
  /** The path as written, and as matched: without OCP's /api/v2 prefix (every OCP path is served with and without it). */
  path: string;
  matchPath: string;
  paramNames: readonly string[];
  answers: readonly StubResponse[];
  /** How many times it has answered (which of `answers` comes next). */
  answered: number;
  /** Added order: the later wins a tie. */
  order: number;
  specificity: number;
  pattern?: RegExp;
}

export interface StubRequest {
  method: string;
  path: string;
  /** Read only when a candidate stub names query values or headers. */
  query: () => URLSearchParams;
  header: (name: string) => string | undefined;
  /** Asked only when a candidate stub names a scenario. */
  scenario: () => string;
}

/** `/api/v2/x` and `/x` are one OCP path. */
function ocpPath(path: string): string {
  if (path === '/api/v2' || path === '/api/v2/') return '/';
  return path.startsWith('/api/v2/') ? path.slice(7) : path;
}

export class StubRegistry {
  private readonly byPath = new Map<string, Stub[]>();
  /** Stubs with `{parameters}`, by method and number of path segments (the only ones a path can match). */
  private readonly withParams = new Map<string, Stub[]>();
  private readonly byId = new Map<string, Stub>();
  private fileStubs: { id: string; file: string; decl: StubDecl }[] = [];
  private added = 0;
  /** Bumped on every change (the OpenAPI document and the near-miss candidates are made again when it moves). */
  version = 0;
  private candidates: { version: number; list: { method: string; path: string; label: string }[] } = { version: -1, list: [] };
  /** Called after every change (the gate checks stubs only while there are any). */
  onChange: () => void = () => {};

  constructor(files: readonly { id: string; file: string; decl: StubDecl }[] = []) {
    this.fileStubs = [...files];
    for (const f of files) this.put(f.id, f.decl, f.file);
  }

  get size(): number {
    return this.byId.size;
  }

  /** How many stubs the files hold. */
  get fileCount(): number {
    return this.fileStubs.length;
  }

  /** Every stub, in the order added (a Map keeps it: a replaced stub is dropped and added anew). */
  list(): Stub[] {
    return [...this.byId.values()];
  }

  /** The first `n` stubs, in the order added, without copying the rest. */
  first(n: number): Stub[] {
    const out: Stub[] = [];
    for (const stub of this.byId.values()) {
      if (out.length >= n) break;
      out.push(stub);
    }
    return out;
  }

  /**
   * The stubs as candidates of a near miss (`nearestRoutes`), made again only when they change.
   * Stubs that differ only in numbers (a thousand recorded /ob/clusters/N/tenants) are one
   * candidate, `{n}` for the numbers, so a 404 costs the same beside ten stubs or thousands.
   */
  nearMissCandidates(): readonly { method: string; path: string; label: string }[] {
    if (this.candidates.version === this.version) return this.candidates.list;
    const groups = new Map<string, { method: string; path: string; stubs: Stub[] }>();
    for (const stub of this.byId.values()) {
      const path = stub.matchPath.replace(/\/\d+(?=\/|$)/g, '/{n}');
      const key = `${stub.method} ${path}`;
      const group = groups.get(key) ?? { method: stub.method, path, stubs: [] };
      group.stubs.push(stub);
      groups.set(key, group);
    }
    const list = [...groups.values()].map(({ method, path, stubs }) => {
      const one = new Set(stubs.map((s) => s.matchPath)).size === 1;
      const ids = stubs.map((s) => s.id);
      const label = ids.length === 1 ? `stub ${ids[0]}` : ids.length <= 3 ? `stubs ${ids.join(', ')}` : `${ids.length} stubs`;
      return { method, path: one ? (stubs[0] as Stub).matchPath : path, label };
    });
    this.candidates = { version: this.version, list };
    return list;
  }

  get(id: string): Stub | undefined {
    return this.byId.get(id);
  }

  /** Adds a run-time stub (an id already in force is replaced). */
  add(id: string, decl: StubDecl): Stub {
    return this.put(id, decl, undefined);
  }

  /** Removes a stub, a file's or a run-time one, until a reset. */
  remove(id: string): boolean {
    return this.drop(id);
  }

  /**
   * What differs from the files now, as the changes that make it: the files' stubs removed, then
   * the run-time ones added (what a compacted state file keeps).
   */
  runtimeChanges(): ({ action: 'add'; id: string; decl: StubDecl } | { action: 'remove'; id: string })[] {
    const removed = this.fileStubs.filter((f) => this.byId.get(f.id)?.file !== f.file).map((f) => ({ action: 'remove' as const, id: f.id }));
    const added = this.list()
      .filter((s) => !s.file)
      .map((s) => ({ action: 'add' as const, id: s.id, decl: s.decl }));
    return [...removed, ...added];
  }

  private drop(id: string): boolean {
    const stub = this.byId.get(id);
    if (!stub) return false;
    this.byId.delete(id);
    if (stub.pattern) {
      const key = shapeKey(stub.method, stub.matchPath);
      const left = (this.withParams.get(key) ?? []).filter((s) => s !== stub);
      if (left.length > 0) this.withParams.set(key, left);
      else this.withParams.delete(key);
    } else {
      const key = `${stub.method} ${stub.matchPath}`;
      const left = (this.byPath.get(key) ?? []).filter((s) => s !== stub);
      if (left.length > 0) this.byPath.set(key, left);
      else this.byPath.delete(key);
    }
    this.changed();
    return true;
  }

  /**
   * The files' stubs as the files now say (`--watch`): a stub whose file and declaration are
   * unchanged keeps its place in its answers, a changed one starts from its first; the ones added
   * at run time stay, and still win a tie over a file's (a file's stub of the same id yields to one).
   */
  replaceFiles(files: readonly { id: string; file: string; decl: StubDecl }[]): void {
    const before = new Map(this.list().map((s) => [s.id, s]));
    this.fileStubs = [...files];
    for (const [id, stub] of before) if (stub.file) this.drop(id);
    for (const f of files) {
      if (this.byId.has(f.id)) continue;
      const old = before.get(f.id);
      const stub = this.put(f.id, f.decl, f.file);
      if (old?.file === f.file && JSON.stringify(old.decl) === JSON.stringify(f.decl)) stub.answered = old.answered;
    }
    for (const stub of this.byId.values()) if (!stub.file) stub.order = this.added++;
  }

  /** Back to the files' stubs, each from its first answer (`POST /__mock/reset`). */
  reset(): void {
    for (const id of [...this.byId.keys()]) this.drop(id);
    for (const f of this.fileStubs) this.put(f.id, f.decl, f.file);
  }

  /** A free id for a run-time stub named after `base`. */
  freeId(base: string): string {
    if (!this.byId.has(base)) return base;
    for (let i = 2; ; i++) if (!this.byId.has(`${base}-${i}`)) return `${base}-${i}`;
  }

  /** The stub that answers this request, if any; with its path parameters. */
  match(request: StubRequest): { stub: Stub; params: Record<string, string> } | undefined {
    const path = ocpPath(request.path);
    let best: { stub: Stub; params: Record<string, string> } | undefined;
    const consider = (stub: Stub, params: Record<string, string>) => {
      if (!conditionsHold(stub, request)) return;
      if (!best || better(stub, best.stub)) best = { stub, params };
    };
    for (const stub of this.byPath.get(`${request.method} ${path}`) ?? []) consider(stub, {});
    for (const stub of this.withParams.get(shapeKey(request.method, path)) ?? []) {
      const params = paramsOf(stub, path);
      if (params) consider(stub, params);
    }
    return best;
  }

  /** The answer a stub gives now (each call moves a sequence on; the last answer repeats). */
  nextAnswer(stub: Stub): StubResponse {
    const answer = stub.answers[Math.min(stub.answered, stub.answers.length - 1)] as StubResponse;
    stub.answered++;
    return answer;
  }

  private put(id: string, decl: StubDecl, file: string | undefined): Stub {
    if (this.byId.has(id)) this.drop(id);
    const matchPath = ocpPath(decl.request.path);
    const paramNames = [...matchPath.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const stub: Stub = {
      id,
      ...(file ? { file } : {}),
      decl,
      method: decl.request.method,
      path: decl.request.path,
      matchPath,
      paramNames,
      answers: decl.responses ?? [decl.response as StubResponse],
      answered: 0,
      order: this.added++,
      specificity: Object.keys(decl.request.query ?? {}).length + Object.keys(decl.request.headers ?? {}).length + (decl.request.scenario ? 1 : 0),
    };
    if (paramNames.length > 0) {
      const source = matchPath
        .split('/')
        .map((seg) => (/^\{\w+\}$/.test(seg) ? '([^/]+)' : seg.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
        .join('/');
      stub.pattern = new RegExp(`^${source}$`);
      const key = shapeKey(stub.method, matchPath);
      this.withParams.set(key, [...(this.withParams.get(key) ?? []), stub]);
    } else {
      const key = `${stub.method} ${matchPath}`;
      this.byPath.set(key, [...(this.byPath.get(key) ?? []), stub]);
    }
    this.byId.set(id, stub);
    this.changed();
    return stub;
  }

  private changed(): void {
    this.version++;
    this.onChange();
  }
}

/** A path segment decoded (`a%20b` -> `a b`); one that is not valid percent-encoding as it came. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A stub with `{parameters}`: its parameters in `path` (an OCP path, without /api/v2), or undefined if it does not match. */
function paramsOf(stub: Stub, path: string): Record<string, string> | undefined {
  const m = stub.pattern?.exec(path);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  stub.paramNames.forEach((name, i) => {
    params[name] = decodeSegment(m[i + 1] as string);
  });
  return params;
}

/** `GET 3` for `GET /ob/clusters/{id}`: a `{parameter}` is one segment, so only paths of as many segments can match. */
function shapeKey(method: string, path: string): string {
  let segments = 0;
  for (let i = 0; i < path.length; i++) if (path.charCodeAt(i) === 47) segments++;
  return `${method} ${segments}`;
}

function better(a: Stub, b: Stub): boolean {
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  if (!a.pattern !== !b.pattern) return !a.pattern;
  return a.order > b.order;
}

function conditionsHold(stub: Stub, request: StubRequest): boolean {
  const want = stub.decl.request;
  if (want.scenario !== undefined && want.scenario !== request.scenario()) return false;
  if (want.headers) {
    for (const [name, value] of Object.entries(want.headers)) if (request.header(name) !== value) return false;
  }
  if (want.query) {
    const query = request.query();
    for (const [name, value] of Object.entries(want.query)) {
      const have = query.getAll(name);
      const needed = Array.isArray(value) ? value : [value];
      if (!needed.every((v) => have.includes(v))) return false;
    }
  }
  return true;
}
