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
  scenario: string;
}

/** `/api/v2/x` and `/x` are one OCP path. */
export function ocpPath(path: string): string {
  if (path === '/api/v2' || path === '/api/v2/') return '/';
  return path.startsWith('/api/v2/') ? path.slice(7) : path;
}

export class StubRegistry {
  private readonly byPath = new Map<string, Stub[]>();
  private withParams: Stub[] = [];
  private readonly byId = new Map<string, Stub>();
  private fileStubs: { id: string; file: string; decl: StubDecl }[] = [];
  private added = 0;
  /** Bumped on every change (the OpenAPI document is rebuilt when it moves). */
  version = 0;
  /** Called after every change (the gate checks stubs only while there are any). */
  onChange: () => void = () => {};
  /** Called for each stub added or removed at run time (the state file keeps them); not for a reset. */
  onRuntimeChange: (change: { action: 'add'; id: string; decl: StubDecl } | { action: 'remove'; id: string }) => void = () => {};

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

  /** Every stub, in the order added. */
  list(): Stub[] {
    return [...this.byId.values()].sort((a, b) => a.order - b.order);
  }

  get(id: string): Stub | undefined {
    return this.byId.get(id);
  }

  /** Adds a run-time stub (an id already in force is replaced). */
  add(id: string, decl: StubDecl): Stub {
    const stub = this.put(id, decl, undefined);
    this.onRuntimeChange({ action: 'add', id, decl });
    return stub;
  }

  /** Removes a stub, a file's or a run-time one, until a reset. */
  remove(id: string): boolean {
    const removed = this.drop(id);
    if (removed) this.onRuntimeChange({ action: 'remove', id });
    return removed;
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
    if (stub.pattern) this.withParams = this.withParams.filter((s) => s !== stub);
    else {
      const key = `${stub.method} ${stub.matchPath}`;
      const left = (this.byPath.get(key) ?? []).filter((s) => s !== stub);
      if (left.length > 0) this.byPath.set(key, left);
      else this.byPath.delete(key);
    }
    this.changed();
    return true;
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
    for (const stub of this.withParams) {
      if (stub.method !== request.method) continue;
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
      this.withParams.push(stub);
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

/** `stub`'s path parameters in `path` (an OCP path, without /api/v2), or undefined if it does not match. */
export function paramsOf(stub: Stub, path: string): Record<string, string> | undefined {
  if (!stub.pattern) return path === stub.matchPath ? {} : undefined;
  const m = stub.pattern.exec(path);
  if (!m) return undefined;
  const params: Record<string, string> = {};
  stub.paramNames.forEach((name, i) => {
    params[name] = decodeSegment(m[i + 1] as string);
  });
  return params;
}

function better(a: Stub, b: Stub): boolean {
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  if (!a.pattern !== !b.pattern) return !a.pattern;
  return a.order > b.order;
}

function conditionsHold(stub: Stub, request: StubRequest): boolean {
  const want = stub.decl.request;
  if (want.scenario !== undefined && want.scenario !== request.scenario) return false;
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
