/** `ocp-mock scenarios list|validate`: scenario files, without serving. */
import { SHIPPED_VOCABULARY } from '../modules/index.js';
import { loadScenarioDirs, SHIPPED_SCENARIOS_DIR } from '../scenarios/loader.js';
import type { FlagValues } from './flags.js';
import { UsageError } from './usage.js';

export function scenariosCommand(positionals: string[], values: FlagValues): void {
  const [verb, dir, ...rest] = positionals;
  if (verb === 'validate') {
    if (rest.length > 0) throw new UsageError('scenarios validate takes one directory');
    const loaded = loadScenarioDirs([dir ?? SHIPPED_SCENARIOS_DIR], SHIPPED_VOCABULARY);
    for (const l of loaded) process.stdout.write(`ok  ${l.file}\n`);
    process.stdout.write(`${loaded.length} scenario file(s) valid\n`);
    return;
  }
  if (verb === 'list') {
    const loaded = loadScenarioDirs([SHIPPED_SCENARIOS_DIR, ...(values['scenarios-dir'] ?? [])], SHIPPED_VOCABULARY);
    const width = Math.max(...loaded.map((l) => l.scenario.name.length));
    for (const l of loaded) process.stdout.write(`${l.scenario.name.padEnd(width)}  ${l.scenario.description}\n`);
    return;
  }
  throw new UsageError(`unknown scenarios command ${JSON.stringify(verb ?? '')}: expected list or validate`);
}
