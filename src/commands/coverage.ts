/** `ocp-mock coverage [--json]`: which of OCP's documented calls the simulator answers, module by module. */
import { type Coverage, coverage, coverageListing, type DeclaredRoute } from '../contract/coverage.js';
import { CALLS } from '../modules/index.js';
import type { FlagValues } from './flags.js';
import { UsageError } from './usage.js';

/**
 * The calls the modules declare as OCP's documented calls: the one place coverage learns them
 * (the README script and the tests ask here too). Calls served beyond the reference (`inferred`)
 * are not among them.
 */
export function declaredRoutes(): DeclaredRoute[] {
  return Object.values(CALLS)
    .filter((c) => c.inferred === undefined)
    .map(({ method, path }) => ({ method, path }));
}

/** The calls served that no page documents, each with why (`GET /ob/clusters/{id}`, ...). */
export function inferredRoutes(): (DeclaredRoute & { why: string })[] {
  return Object.values(CALLS).flatMap(({ method, path, inferred }) => (inferred === undefined ? [] : [{ method, path, why: inferred }]));
}

/** The coverage of the documented calls, and the calls served beyond them. */
export function coverageReport(): Coverage & { inferred: ReturnType<typeof inferredRoutes> } {
  return { ...coverage(declaredRoutes()), inferred: inferredRoutes() };
}

export function coverageCommand(positionals: string[], values: FlagValues): void {
  if (positionals.length > 0) throw new UsageError('coverage takes no positional arguments');
  const report = coverageReport();
  const beyond = report.inferred;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const extra = beyond.length
    ? `Also served, documented by no page (*inferred*):\n${beyond.map((r) => `  [+] ${r.method.toUpperCase().padEnd(6)} ${r.path}  ${r.why}`).join('\n')}\n\n`
    : '';
  process.stdout.write(`${extra}${coverageListing(report)}`);
}
