/**
 * Loads stub files (`*.yaml`, `*.yml`, `*.json` of each `--stubs-dir`), all or none, and refuses a
 * bad one with the file, the path inside it and what was expected, as scenario files are.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseDocument } from 'yaml';
import { OCP_ERROR_TEXTS } from '../contract/ocpErrorTexts.js';
import { describeIssue } from '../scenarios/loader.js';
import { filesIn } from '../util/configFiles.js';
import { StubDecl } from './schema.js';

export class StubLoadError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid stub files:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'StubLoadError';
  }
}

export interface LoadedStub {
  id: string;
  file: string;
  decl: StubDecl;
}

/** Problems beyond the schema's: an error code OCP's tables lack needs its own message. */
function codeProblems(decl: StubDecl, at: string): string[] {
  const answers = decl.responses ?? (decl.response ? [decl.response] : []);
  return answers.flatMap((a, i) =>
    a.error && !a.error.message && !OCP_ERROR_TEXTS[a.error.code]
      ? [`${at}${decl.responses ? `responses[${i}]` : 'response'}.error.message: required: ${a.error.code} is not in OCP's error-code tables`]
      : [],
  );
}

/**
 * Validates one stub (a file's, or one added through the admin API). Returns it or the problems,
 * each `path: what was expected` (prefixed with `prefix`, e.g. `stubs[2].`).
 */
export function parseStub(raw: unknown, prefix = ''): { decl?: StubDecl; problems: string[] } {
  const parsed = StubDecl.safeParse(raw);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => {
        const text = describeIssue(i);
        return prefix ? `${prefix}${text.startsWith('(top level)') ? text.slice('(top level)'.length).replace(/^: /, '') : text}` : text;
      }),
    };
  }
  const problems = codeProblems(parsed.data, prefix);
  return problems.length > 0 ? { problems } : { decl: parsed.data, problems: [] };
}

/** The stubs of one file's text: one stub, or several under `stubs:`. */
export function parseStubFile(text: string, file: string): { stubs: LoadedStub[]; problems: string[] } {
  const json = extname(file) === '.json';
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  // The first syntax error only: the ones after it follow from it.
  const syntax = doc.errors[0];
  if (syntax) return { stubs: [], problems: [`${file}: ${json ? 'JSON' : 'YAML'}: ${syntax.message.split('\n')[0]}`] };
  const raw = doc.toJS() as unknown;
  const base = basename(file).replace(/\.(ya?ml|json)$/, '');
  const isList = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'stubs' in raw;
  if (isList) {
    const keys = Object.keys(raw as object);
    const list = (raw as { stubs: unknown }).stubs;
    if (keys.length > 1)
      return { stubs: [], problems: [`${file}: (top level): a list file holds only stubs: (found ${keys.filter((k) => k !== 'stubs').join(', ')})`] };
    if (!Array.isArray(list) || list.length === 0) return { stubs: [], problems: [`${file}: stubs: a list of one stub or more`] };
    const stubs: LoadedStub[] = [];
    const problems: string[] = [];
    list.forEach((item, i) => {
      const result = parseStub(item, `stubs[${i}].`);
      problems.push(...result.problems.map((p) => `${file}: ${p}`));
      if (result.decl) stubs.push({ id: result.decl.name ?? `${base}-${i + 1}`, file, decl: result.decl });
    });
    return { stubs, problems };
  }
  const result = parseStub(raw);
  if (!result.decl) return { stubs: [], problems: result.problems.map((p) => `${file}: ${p}`) };
  return { stubs: [{ id: result.decl.name ?? base, file, decl: result.decl }], problems: [] };
}

function stubFiles(dir: string): string[] {
  const listed = filesIn(dir, /\.(ya?ml|json)$/, 'stubs');
  if (listed.problem !== undefined) throw new StubLoadError([listed.problem]);
  return listed.files;
}

/** Every stub of each directory, in order; an id may be used once. Throws StubLoadError listing every problem. */
export function loadStubDirs(dirs: readonly string[]): LoadedStub[] {
  const problems: string[] = [];
  const loaded: LoadedStub[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    for (const file of stubFiles(dir)) {
      const result = parseStubFile(readFileSync(file, 'utf8'), file);
      problems.push(...result.problems);
      for (const stub of result.stubs) {
        const earlier = seen.get(stub.id);
        if (earlier) {
          problems.push(`${file}: name: "${stub.id}" is already a stub of ${earlier}`);
          continue;
        }
        seen.set(stub.id, file);
        loaded.push(stub);
      }
    }
  }
  if (problems.length > 0) throw new StubLoadError(problems);
  return loaded;
}
