/**
 * Issue 6, point 1, the way a user meets the package: `npm pack`, install the tarball into a
 * throwaway project, import it from plain TypeScript (type-checked against the shipped .d.ts),
 * start the simulator from code, submit a stop, advance the clock, read the journal, close.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const CONSUMER = `
import { createOcpMockApp, startOcpMock, type OcpMockHandle } from 'ocp-mock';

const ocp: OcpMockHandle = await startOcpMock({ clock: 'manual', seed: 3, scenario: 'node-timeout' });
const auth = { authorization: 'Basic ' + Buffer.from('admin:admin').toString('base64'), 'content-type': 'application/json' };
const submitted = await (await fetch(ocp.url + '/api/v2/compute/hosts/batchStopAgents', { method: 'POST', headers: auth, body: JSON.stringify({ hostIds: [2] }) })).json();
ocp.clock.advance(3_600_000);
const polled = await (await fetch(ocp.url + '/api/v2/tasks/instances/' + submitted.data.id, { headers: auth })).json();
const journal = ocp.requests();
ocp.setScenario('permission-denied');
const denied = (await fetch(ocp.url + '/api/v2/compute/hosts/batchStopAgents', { method: 'POST', headers: auth, body: JSON.stringify({ hostIds: [20] }) })).status;
ocp.reset();
await ocp.close();

const app = createOcpMockApp({ clock: 'manual' });
const inProcess = await app.request('/api/v2/compute/hosts/2', { headers: auth });

console.log(JSON.stringify({ status: polled.data.status, journal: journal.length, firstPath: journal[0]?.path, denied, inProcess: inProcess.status }));
`;

it('installs from the packed tarball and works from plain TypeScript', { timeout: 180_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'ocp-mock-consumer-'));
  execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, stdio: 'pipe' });
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();
  const project = join(work, 'consumer');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { 'ocp-mock': `file:${join(work, tarball!)}` } }),
  );
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, stdio: 'pipe' });
  writeFileSync(join(project, 'consumer.ts'), CONSUMER);
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: true,
        lib: ['ES2022', 'DOM'],
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
        outDir: 'out',
      },
      files: ['consumer.ts'],
    }),
  );
  // Type-checks the consumer against the .d.ts files the package ships.
  execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], { cwd: project, stdio: 'pipe' });
  const out = execFileSync(process.execPath, [join(project, 'out/consumer.js')], { cwd: project, encoding: 'utf8' });
  expect(JSON.parse(out.trim().split('\n').pop()!)).toEqual({
    status: 'FAILED',
    journal: 2,
    firstPath: '/api/v2/compute/hosts/batchStopAgents',
    denied: 403,
    inProcess: 200,
  });
});
