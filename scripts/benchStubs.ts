/**
 * What stubs cost, in-process through the Hono app (`npm run bench:stubs`): a simulated task read
 * with no stubs and beside 1010 (1000 recorded-style plain paths, 10 with parameters), a stub's
 * own answer, a 404 (which names the nearest routes and stubs), and the journal of 500 near misses.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOcpMock } from '../src/app.js';

const dir = mkdtempSync(join(tmpdir(), 'ocp-bench-stubs-'));
for (let i = 0; i < 1000; i++)
  writeFileSync(join(dir, `s${i}.yaml`), `request: {method: GET, path: /api/v2/ob/clusters/${i}/tenants}\nresponse: {data: {i: ${i}}}\n`);
for (let i = 0; i < 10; i++) writeFileSync(join(dir, `p${i}.yaml`), `request: {method: GET, path: "/api/v2/ob/x${i}/{id}/y"}\nresponse: {data: 1}\n`);
const AUTH = `Basic ${Buffer.from('admin:admin').toString('base64')}`;

/** Mean microseconds a request of `path` takes over `n` requests, the median of three runs. */
async function perRequest(app: ReturnType<typeof buildOcpMock>['app'], path: (i: number) => string, n: number): Promise<number> {
  const run = async () => {
    const t = performance.now();
    for (let i = 0; i < n; i++) await (await app.request(path(i), { headers: { authorization: AUTH } })).text();
    return ((performance.now() - t) / n) * 1000;
  };
  await run();
  return [await run(), await run(), await run()].sort((a, b) => a - b)[1] as number;
}

console.log('| stubs in force | simulated task read | stub answer | a 404 |');
console.log('|---|---|---|---|');
for (const stubsDir of [undefined, dir]) {
  const { app } = buildOcpMock({ clock: 'manual', ...(stubsDir ? { stubsDir } : {}) });
  const stop = await app.request('/api/v2/compute/hosts/batchStopAgents', {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: '{"hostIds":[2]}',
  });
  const id = ((await stop.json()) as { data: { id: number } }).data.id;
  const read = await perRequest(app, () => `/api/v2/tasks/instances/${id}`, 10_000);
  const stub = stubsDir ? await perRequest(app, (i) => `/api/v2/ob/clusters/${i % 1000}/tenants`, 5000) : undefined;
  const miss = await perRequest(app, (i) => `/api/v2/ob/clusterz/${i}/tenants`, 500);
  console.log(`| ${stubsDir ? '1010' : '0'} | ${read.toFixed(1)} us | ${stub === undefined ? '-' : `${stub.toFixed(1)} us`} | ${miss.toFixed(0)} us |`);
  if (stubsDir) {
    const t = performance.now();
    await (await app.request('/__mock/requests')).text();
    console.log(`\njournal listing after those near misses: ${(performance.now() - t).toFixed(0)} ms`);
  }
}
