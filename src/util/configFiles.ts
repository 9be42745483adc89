/** Listing a directory of the user's files (scenarios, operations, stubs): one way, one wording. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files of `dir` whose names match `pattern`, sorted by name, as paths; or the problem as a
 * file problem reads (`DIR: not a directory`, `DIR: cannot read the WHAT directory (...)`).
 */
export function filesIn(dir: string, pattern: RegExp, what: string): { files: string[]; problem?: undefined } | { files?: undefined; problem: string } {
  try {
    if (!statSync(dir).isDirectory()) return { problem: `${dir}: not a directory` };
    return {
      files: readdirSync(dir)
        .filter((f) => pattern.test(f))
        .sort()
        .map((f) => join(dir, f)),
    };
  } catch (e) {
    return { problem: `${dir}: cannot read the ${what} directory (${(e as Error).message})` };
  }
}
