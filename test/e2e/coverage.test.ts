/** Issue 21, item 6: `ocp-mock coverage`, the real CLI process. */
import { describe, expect, it } from 'vitest';
import { coverageReport } from '../../src/commands/coverage.js';
import { totalLine } from '../../src/contract/coverage.js';
import { runCli } from './cli.js';

describe('ocp-mock coverage', () => {
  it('lists every documented call module by module, marked simulated or stub only, ends with the total line and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['coverage']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = coverageReport();
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(totalLine(report));
    expect(stdout).toMatch(/^163 documented calls, \d+ simulated$/m);
    expect(stdout).toMatch(/^Hosts \(host-module\): 17 documented, \d+ simulated, \d+ stub only$/m);
    expect(stdout).toMatch(/^ {2}\[x\] GET {4}\/api\/v2\/compute\/hosts {2,}Query hosts$/m);
    expect(stdout.match(/^ {2}\[x\] /gm)).toHaveLength(report.simulated);
    expect(stdout.match(/^ {2}\[[x ]\] /gm)).toHaveLength(163);
  });

  it('--json prints the same as JSON', async () => {
    const { code, stdout } = await runCli(['coverage', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual(coverageReport());
  });

  it('refuses a positional argument with exit 2', async () => {
    const { code, stderr } = await runCli(['coverage', 'hosts']);
    expect(code).toBe(2);
    expect(stderr).toContain('coverage takes no positional arguments');
  });
});
