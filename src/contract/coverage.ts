/**
 * Which of OCP's documented calls (ocpCalls.ts) the simulator answers itself and which only stubs
 * can answer, from the routes it declares. Pure: the routes come in as plain `{method, path}`
 * (path OpenAPI-style, relative to /api/v2); the CLI (`ocp-mock coverage`) and the README's table
 * (`npm run coverage:readme`) print what these return.
 */
import { OCP_CALLS, OCP_MODULES, type OcpCall, type OcpModule, type OcpModuleId } from './ocpCalls.js';

export interface DeclaredRoute {
  readonly method: string;
  readonly path: string;
}

/**
 * What a call is matched by: the method upper-cased, a leading `/api/v2` dropped (the agent pages
 * print their paths without it, every other page with it, and ocp-mock serves both), and every path
 * parameter `{name}` as `{}` (the pages name them their own way: `{taskInstanceId}`, ours `{taskId}`).
 */
export function callKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/^\/api\/v2(?=\/|$)/, '').replace(/\{[^}]*\}/g, '{}')}`;
}

export interface CallCoverage extends OcpCall {
  /** The simulator answers it; otherwise only a stub can. */
  simulated: boolean;
}

export interface ModuleCoverage {
  module: OcpModuleId;
  name: string;
  documented: number;
  simulated: number;
  calls: CallCoverage[];
}

export interface Coverage {
  documented: number;
  simulated: number;
  modules: ModuleCoverage[];
  /** Declared routes no documented call matches (the unit test fails on any). */
  undocumented: DeclaredRoute[];
}

/** The declared routes that match no documented call. */
export function undocumentedRoutes(routes: readonly DeclaredRoute[], calls: readonly OcpCall[] = OCP_CALLS): DeclaredRoute[] {
  const documented = new Set(calls.map((c) => callKey(c.method, c.path)));
  return routes.filter((r) => !documented.has(callKey(r.method, r.path)));
}

/** Per module, in the docs' order, each documented call and whether a declared route answers it. */
export function coverage(routes: readonly DeclaredRoute[], calls: readonly OcpCall[] = OCP_CALLS, modules: readonly OcpModule[] = OCP_MODULES): Coverage {
  const served = new Set(routes.map((r) => callKey(r.method, r.path)));
  const perModule = modules.map((m): ModuleCoverage => {
    const mine = calls.filter((c) => c.module === m.id).map((c) => ({ ...c, simulated: served.has(callKey(c.method, c.path)) }));
    return { module: m.id, name: m.name, documented: mine.length, simulated: mine.filter((c) => c.simulated).length, calls: mine };
  });
  return {
    documented: perModule.reduce((n, m) => n + m.documented, 0),
    simulated: perModule.reduce((n, m) => n + m.simulated, 0),
    modules: perModule,
    undocumented: undocumentedRoutes(routes, calls),
  };
}

/** `163 documented calls, 35 simulated` */
export function totalLine(c: Coverage): string {
  return `${c.documented} documented calls, ${c.simulated} simulated`;
}

/** The README's table: one row per module, then the total. */
export function coverageTable(c: Coverage): string {
  const rows = c.modules.map((m) => `| ${m.name} | ${m.documented} | ${m.simulated} |`);
  return ['| OCP module | documented | simulated |', '|---|---:|---:|', ...rows, `| **total** | **${c.documented}** | **${c.simulated}** |`, ''].join('\n');
}

/** Module by module, each call marked `[x]` simulated or `[ ]` stub only, then the total line. */
export function coverageListing(c: Coverage): string {
  const out: string[] = [];
  for (const m of c.modules) {
    out.push(`${m.name} (${m.module}): ${m.documented} documented, ${m.simulated} simulated, ${m.documented - m.simulated} stub only`);
    const width = Math.max(0, ...m.calls.map((call) => call.path.length));
    for (const call of m.calls) out.push(`  [${call.simulated ? 'x' : ' '}] ${call.method.padEnd(6)} ${call.path.padEnd(width)}  ${call.title}`);
    out.push('');
  }
  if (c.undocumented.length > 0) {
    out.push(`Served but not documented by OCP (${c.undocumented.length}):`);
    for (const r of c.undocumented) out.push(`  [?] ${r.method.toUpperCase().padEnd(6)} ${r.path}`);
    out.push('');
  }
  out.push(totalLine(c), '');
  return out.join('\n');
}

export const COVERAGE_START = '<!-- coverage:start -->';
export const COVERAGE_END = '<!-- coverage:end -->';

/** `readme` with the text between the coverage markers replaced by `table`; throws without both markers. */
export function withCoverageBlock(readme: string, table: string): string {
  const start = readme.indexOf(COVERAGE_START);
  const end = readme.indexOf(COVERAGE_END, start);
  if (start < 0 || end < 0) throw new Error(`README has no ${COVERAGE_START} ... ${COVERAGE_END} block`);
  return `${readme.slice(0, start + COVERAGE_START.length)}\n${table}${readme.slice(end)}`;
}
