/** Issue 21, item 6: OCP's documented calls as data, which of them the simulator declares, the README's table. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverageReport, declaredRoutes } from '../../src/commands/coverage.js';
import {
  COVERAGE_END,
  COVERAGE_START,
  callKey,
  coverage,
  coverageListing,
  coverageTable,
  totalLine,
  undocumentedRoutes,
  withCoverageBlock,
} from '../../src/contract/coverage.js';
import { OCP_CALLS, OCP_MODULES, type OcpCall, type OcpModule } from '../../src/contract/ocpCalls.js';

describe('the documented calls (src/contract/ocpCalls.ts)', () => {
  it('hold OCP 4.2.2’s 163 calls in 14 named modules, no two alike once normalized', () => {
    expect(OCP_CALLS).toHaveLength(163);
    expect(OCP_MODULES).toHaveLength(14);
    expect(new Set(OCP_CALLS.map((c) => callKey(c.method, c.path))).size).toBe(163);
    const ids = new Set(OCP_MODULES.map((m) => m.id));
    for (const c of OCP_CALLS) expect(ids.has(c.module), c.page).toBe(true);
    for (const m of OCP_MODULES) expect(m.name, m.id).toMatch(/\S/);
  });
});

describe('the declared routes', () => {
  it('are every one a documented call (none left over)', () => {
    expect(declaredRoutes().length).toBeGreaterThan(0);
    expect(undocumentedRoutes(declaredRoutes())).toEqual([]);
  });

  it('count as simulated once each, and every module’s calls add up to the total', () => {
    const report = coverageReport();
    expect(report.documented).toBe(163);
    expect(report.simulated).toBe(new Set(declaredRoutes().map((r) => callKey(r.method, r.path))).size);
    expect(report.modules.reduce((n, m) => n + m.calls.length, 0)).toBe(163);
  });
});

describe('matching', () => {
  it('ignores the /api/v2 prefix, the names of path parameters and the method’s case', () => {
    expect(callKey('get', '/tasks/instances/{taskId}')).toBe(callKey('GET', '/api/v2/tasks/instances/{taskInstanceId}'));
    expect(callKey('POST', '/compute/hosts/batchStopAgents')).toBe(callKey('post', '/api/v2/compute/hosts/batchStopAgents'));
    expect(callKey('GET', '/api/status')).toBe('GET /api/status');
    expect(callKey('GET', '/api/v2x/a')).toBe('GET /api/v2x/a');
    expect(callKey('GET', '/a/{x}')).not.toBe(callKey('POST', '/a/{x}'));
  });

  const modules: OcpModule[] = [
    { id: 'host-module', name: 'Hosts' },
    { id: 'alert', name: 'Alerts' },
  ];
  const calls: OcpCall[] = [
    { module: 'host-module', method: 'GET', path: '/api/v2/compute/hosts', title: 'Query hosts', page: 'h/1.md' },
    { module: 'host-module', method: 'GET', path: '/api/v2/compute/hosts/{hostId}', title: 'Query a host', page: 'h/2.md' },
    { module: 'alert', method: 'GET', path: '/api/v2/alarm/alarms', title: 'Query alerts', page: 'a/1.md' },
  ];
  const routes = [
    { method: 'get', path: '/compute/hosts/{id}' },
    { method: 'post', path: '/made/up' },
  ];

  it('counts per module what is simulated and what only stubs answer, and names the routes no call matches', () => {
    const c = coverage(routes, calls, modules);
    expect(c).toMatchObject({ documented: 3, simulated: 1, undocumented: [{ method: 'post', path: '/made/up' }] });
    expect(c.modules.map((m) => [m.name, m.documented, m.simulated])).toEqual([
      ['Hosts', 2, 1],
      ['Alerts', 1, 0],
    ]);
    expect(c.modules[0]?.calls.map((x) => x.simulated)).toEqual([false, true]);
  });

  it('prints the table, the listing and the total line', () => {
    const c = coverage(routes, calls, modules);
    expect(coverageTable(c)).toBe(
      '| OCP module | documented | simulated |\n|---|---:|---:|\n| Hosts | 2 | 1 |\n| Alerts | 1 | 0 |\n| **total** | **3** | **1** |\n',
    );
    expect(totalLine(c)).toBe('3 documented calls, 1 simulated');
    const listing = coverageListing(c);
    expect(listing).toContain('Hosts (host-module): 2 documented, 1 simulated, 1 stub only\n');
    expect(listing).toContain('  [ ] GET    /api/v2/compute/hosts           Query hosts\n');
    expect(listing).toContain('  [x] GET    /api/v2/compute/hosts/{hostId}  Query a host\n');
    expect(listing).toContain('  [?] POST   /made/up\n');
    expect(listing.endsWith('3 documented calls, 1 simulated\n')).toBe(true);
  });

  it('rewrites only what lies between the README markers, and refuses a README without them', () => {
    const readme = `# x\n\n${COVERAGE_START}\nold\n${COVERAGE_END}\n\ntail\n`;
    expect(withCoverageBlock(readme, '| t |\n')).toBe(`# x\n\n${COVERAGE_START}\n| t |\n${COVERAGE_END}\n\ntail\n`);
    expect(() => withCoverageBlock('# x\n', '| t |\n')).toThrow(/coverage:start/);
  });
});

describe('README.md', () => {
  it('shows the coverage table npm run coverage:readme writes now (not a stale one)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(COVERAGE_START);
    expect(readme, 'the README coverage table is stale: run npm run coverage:readme').toBe(withCoverageBlock(readme, coverageTable(coverageReport())));
  });
});
