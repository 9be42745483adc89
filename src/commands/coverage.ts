/** `ocp-mock coverage [--json]`: which of OCP's documented calls the simulator answers, module by module. */
import { type Coverage, coverage, coverageListing, type DeclaredRoute } from '../contract/coverage.js';
import { CALLS } from '../modules/index.js';
import type { FlagValues } from './flags.js';
import { UsageError } from './usage.js';

/** The calls the modules declare: the one place coverage learns them (the README script and the tests ask here too). */
export function declaredRoutes(): DeclaredRoute[] {
  return Object.values(CALLS).map(({ method, path }) => ({ method, path }));
}

export function coverageReport(): Coverage {
  return coverage(declaredRoutes());
}

export function coverageCommand(positionals: string[], values: FlagValues): void {
  if (positionals.length > 0) throw new UsageError('coverage takes no positional arguments');
  const report = coverageReport();
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : coverageListing(report));
}
