/**
 * Loads scenario files (one scenario per `*.yaml`) and refuses a bad one with the file, the path
 * inside it and what was expected. All files load or none: the server never starts half-configured.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { filesIn } from '../util/configFiles.js';
import { type Scenario, type ScenarioVocabulary, scenarioSchema } from './schema.js';

/** The scenarios that ship with ocp-mock (the package's own `scenarios/` folder). */
export const SHIPPED_SCENARIOS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

export class ScenarioLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid scenario files:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioLoadError';
  }
}

export interface LoadedScenario {
  scenario: Scenario;
  file: string;
}

/** `task.nodes[0].node: what was expected`: a zod issue as a file's problem (operation files use it too). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length
    ? issue.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '')
    : '(top level)';
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') message = `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${path}: ${message}`;
}

type ScenarioFileSchema = ReturnType<typeof scenarioSchema>;

/**
 * Parses and validates one file's text against the names `vocabulary` knows (or a schema made from
 * it, when many files are read). Returns the scenario or the list of problems.
 */
export function parseScenario(
  text: string,
  file: string,
  vocabulary: ScenarioVocabulary,
  schema: ScenarioFileSchema = scenarioSchema(vocabulary),
): { scenario?: Scenario; problems: string[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => `${file}: YAML: ${e.message.split('\n')[0]}`) };
  }
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => `${file}: ${describeIssue(i)}`) };
  const expected = basename(file).replace(/\.ya?ml$/, '');
  if (parsed.data.name !== expected) {
    return { problems: [`${file}: name: "${parsed.data.name}" must match the file name "${expected}"`] };
  }
  return { scenario: parsed.data, problems: [] };
}

function yamlFiles(dir: string): string[] {
  const listed = filesIn(dir, /\.ya?ml$/, 'scenarios');
  if (listed.problem !== undefined) throw new ScenarioLoadError([listed.problem]);
  return listed.files;
}

/** Loads every `*.yaml` of each directory, in order; a later directory may not reuse a name. */
export function loadScenarioDirs(dirs: readonly string[], vocabulary: ScenarioVocabulary): LoadedScenario[] {
  const schema = scenarioSchema(vocabulary);
  const problems: string[] = [];
  const loaded: LoadedScenario[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    for (const file of yamlFiles(dir)) {
      const result = parseScenario(readFileSync(file, 'utf8'), file, vocabulary, schema);
      problems.push(...result.problems);
      if (!result.scenario) continue;
      const earlier = seen.get(result.scenario.name);
      if (earlier) {
        problems.push(`${file}: name: "${result.scenario.name}" is already defined in ${earlier}`);
        continue;
      }
      seen.set(result.scenario.name, file);
      loaded.push({ scenario: result.scenario, file });
    }
  }
  if (problems.length > 0) throw new ScenarioLoadError(problems);
  return loaded;
}
