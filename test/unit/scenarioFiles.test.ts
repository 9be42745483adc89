/** Issue 4, point 1: scenario files are validated at load; a bad one is refused with file, path and expectation. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildOcpMock } from '../../src/app.js';
import { SHIPPED_VOCABULARY } from '../../src/modules/index.js';
import { loadScenarioDirs as loadDirs, parseScenario as parseFile, ScenarioLoadError, SHIPPED_SCENARIOS_DIR } from '../../src/scenarios/loader.js';

/** Against the shipped modules' names (what `ocp-mock scenarios validate` checks with). */
const loadScenarioDirs = (dirs: string[]) => loadDirs(dirs, SHIPPED_VOCABULARY);
const parseScenario = (text: string, file: string) => parseFile(text, file, SHIPPED_VOCABULARY);

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ocp-scenarios-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function problemsOf(name: string, text: string): string {
  try {
    loadScenarioDirs([dirWith({ [name]: text })]);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioLoadError);
    return (e as Error).message;
  }
  throw new Error('expected the file to be refused');
}

describe('scenario files', () => {
  it('the shipped ones load', () => {
    const names = loadScenarioDirs([SHIPPED_SCENARIOS_DIR]).map((l) => l.scenario.name);
    expect(names.sort()).toEqual([
      'cluster-create-fails',
      'flaky',
      'host-install-fails',
      'node-timeout',
      'observer-start-fails',
      'partial-failure',
      'permission-denied',
      'rate-limited',
      'rollback',
      'slow',
      'success',
      'tenant-create-fails',
    ]);
  });

  it.each([
    ['bad YAML', 'bad.yaml', 'name: bad\ndescription: [unclosed\n', /bad\.yaml: YAML: /],
    ['an unknown key', 'typo.yaml', 'name: typo\ndescription: d\ntask:\n  autoRolback: true\n', /typo\.yaml: task: unknown key "autoRolback"/],
    ['an unknown top-level key', 'top.yaml', 'name: top\ndescription: d\nhosts: []\n', /top\.yaml: \(top level\): unknown key "hosts"/],
    [
      'an unknown node name',
      'node.yaml',
      'name: node\ndescription: d\ntask:\n  nodes:\n    - node: Stop agent\n      outcome: fail\n',
      /node\.yaml: task\.nodes\[0\]\.node: a node name: one of "Prepare stop OCP agent"/,
    ],
    [
      'a negative duration',
      'neg.yaml',
      'name: neg\ndescription: d\ntask:\n  nodes:\n    - node: Wait node\n      seconds: -1\n',
      /neg\.yaml: task\.nodes\[0\]\.seconds/,
    ],
    ['a reversed range', 'rev.yaml', 'name: rev\ndescription: d\ntask:\n  nodes:\n    - node: Wait node\n      seconds: [5, 1]\n', /min <= max/],
    [
      'a negative timeout',
      'tmo.yaml',
      'name: tmo\ndescription: d\ntask:\n  nodes:\n    - node: Wait node\n      timeout: -5\n',
      /tmo\.yaml: task\.nodes\[0\]\.timeout: a timeout must be a positive/,
    ],
    [
      'an unknown outcome',
      'out.yaml',
      'name: out\ndescription: d\ntask:\n  nodes:\n    - node: Wait node\n      outcome: explode\n',
      /out\.yaml: task\.nodes\[0\]\.outcome/,
    ],
    [
      'a bad error code',
      'code.yaml',
      'name: code\ndescription: d\nrequest:\n  error: { status: 403, code: denied }\n',
      /code\.yaml: request\.error\.code: an OCP error code/,
    ],
    ['a fault rate over 1', 'rate.yaml', 'name: rate\ndescription: d\nrequest:\n  faults: { rate: 5 }\n', /rate\.yaml: request\.faults\.rate/],
    ['a name that is not the file’s', 'file.yaml', 'name: other\ndescription: d\n', /file\.yaml: name: "other" must match the file name "file"/],
    ['a missing description', 'nodesc.yaml', 'name: nodesc\n', /nodesc\.yaml: description/],
    [
      'both outcome and runs',
      'both.yaml',
      'name: both\ndescription: d\ntask:\n  nodes:\n    - node: Wait node\n      outcome: fail\n      runs: [{ outcome: success }]\n',
      /either `outcome` or `runs`/,
    ],
  ])('refuses %s', (_, file, text, expected) => {
    expect(problemsOf(file, text)).toMatch(expected);
  });

  it('a user file may not reuse a shipped name', () => {
    expect(() => loadScenarioDirs([SHIPPED_SCENARIOS_DIR, dirWith({ 'success.yaml': 'name: success\ndescription: mine\n' })])).toThrow(/already defined/);
  });

  it('the server does not start half-configured', () => {
    const dir = dirWith({ 'good.yaml': 'name: good\ndescription: fine\n', 'broken.yaml': 'name: broken\ndescription: d\nbogus: 1\n' });
    expect(() => buildOcpMock({ scenariosDir: dir })).toThrow(ScenarioLoadError);
  });

  it('parseScenario reports every problem of a file', () => {
    const { problems } = parseScenario('name: x\ndescription: d\ntask:\n  nodes:\n    - node: Nope\n      seconds: -2\n', 'x.yaml');
    expect(problems.length).toBeGreaterThanOrEqual(2);
  });
});
