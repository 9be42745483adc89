/**
 * `npm run bench`: how fast ocp-mock answers, measured against the bare-metal limit on the same
 * machine in the same run. Starts the simulator (the real CLI) and a bare node:http server that
 * returns the exact bytes of the simulator's own answers, loads each with autocannon in turn, and
 * prints requests/s, p50/p99 latency and errors per route as a ratio to the bare server. Every
 * load, the bare servers' too, starts with an uncounted warm-up (the JIT's first second is not
 * what a test suite lives with). The two fast-lane routes are measured again with
 * `--fast-lane off`, to show what the lane buys. Then: the cost of reading one task with 10 vs
 * 100,000 stored, memory per retained task, start-up time. Results also go to a JSON file for
 * comparison between commits.
 *
 *   npm run bench -- [--duration 5] [--warmup 1] [--connections 50] [--out bench-results/latest.json]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '50' },
    out: { type: 'string', default: join(ROOT, 'bench-results', 'latest.json') },
    'big-store': { type: 'string', default: '100000' },
  },
});
const DURATION = Number(values.duration);
const WARMUP = Number(values.warmup);
const CONNECTIONS = Number(values.connections);
const BIG = Number(values['big-store']);
const ADMIN = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' };

interface Proc {
  url: string;
  child: ChildProcess;
}

// Whatever happens, no server outlives the benchmark.
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

function start(args: string[], script = join(ROOT, 'dist/cli.js')): Promise<Proc & { startupMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.add(child);
  return new Promise((resolve) => {
    child.stdout?.on('data', async (d) => {
      const m = /(http:\/\/\S+)/.exec(String(d));
      if (!m) return;
      const url = m[1] as string;
      await fetch(`${url}/__mock/health`).catch(() => undefined);
      resolve({ url, child, startupMs: performance.now() - t0 });
    });
  });
}

async function call(url: string, path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}${path}`, { ...init, headers: { ...ADMIN, ...(init.headers ?? {}) } });
  return { status: res.status, text: await res.text() };
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

async function load(url: string, path: string, o: { method?: 'GET' | 'POST'; bodies?: string[]; amount?: number } = {}): Promise<Load> {
  let i = 0;
  const bodies = o.bodies;
  const result = await autocannon({
    url: `${url}${path}`,
    connections: Math.min(CONNECTIONS, o.amount ?? CONNECTIONS),
    ...(o.amount ? { amount: o.amount } : { duration: DURATION, ...(WARMUP > 0 ? { warmup: { connections: CONNECTIONS, duration: WARMUP } } : {}) }),
    method: o.method ?? 'GET',
    headers: ADMIN,
    requests: bodies ? [{ setupRequest: (req) => ({ ...req, body: bodies[i++ % bodies.length] }) }] : undefined,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    total: result.requests.total,
  };
}

const BARE_SERVER = `
const http = require('node:http');
const answers = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const routes = Object.entries(answers).map(([prefix, text]) => [prefix, Buffer.from(text)]);
const server = http.createServer((req, res) => {
  const hit = routes.find(([prefix]) => req.url.startsWith(prefix));
  const body = hit ? hit[1] : Buffer.from('{}');
  req.resume();
  req.on('end', () => res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body));
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port));
`;

const BARE_HONO = `
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
const answers = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const routes = Object.entries(answers);
const app = new Hono();
app.all('*', async (c) => {
  const url = c.req.url.slice(c.req.url.indexOf('/', 8));
  const hit = routes.find(([prefix]) => url.startsWith(prefix));
  return c.body(hit ? hit[1] : '{}', 200, { 'content-type': 'application/json' });
});
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => console.log('http://127.0.0.1:' + info.port));
`;

function rssMb(pid: number | undefined): number {
  const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

// --- 1. the simulator, and the exact bytes of its answers -------------------------------------
// Every timed stop needs a host whose agent still runs: enough for 40,000 stops/s over the run
// (about four in five generated hosts have a running agent).
const hostCount = Math.ceil(((WARMUP + DURATION) * 40_000) / 0.8 / 2000) * 2000;
const simArgs = ['--port', '0', '--clock', 'manual', '--hosts', String(hostCount), '--log-level', 'silent', '--max-tasks', '1000000'];
const sim = await start(simArgs);
const startups: number[] = [];
for (let i = 0; i < 3; i++) {
  const p = await start(['--port', '0', '--log-level', 'silent']);
  startups.push(p.startupMs);
  p.child.kill();
}
/** Ids of the hosts whose agent runs, page by page (the pages are let go: the load generator shares this process). */
async function availableHosts(url: string, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let page = 1; page <= Math.ceil(count / 2000); page++) {
    const { data } = JSON.parse((await call(url, `/api/v2/compute/hosts?size=2000&page=${page}`)).text);
    for (const h of data.contents as Array<{ id: number; hostAgentStatus: string }>) if (h.hostAgentStatus === 'AVAILABLE') ids.push(h.id);
  }
  return ids;
}
const stopBodies = (await availableHosts(sim.url, hostCount)).map((id) => JSON.stringify({ hostIds: [id] }));
/** 150 finished-looking tasks and one in progress; the same steps give both simulators the same state (same seed). */
async function prepare(url: string): Promise<number> {
  let inProgressId = 0;
  for (let i = 0; i <= 150; i++) {
    const answer = await call(url, '/api/v2/compute/hosts/batchStopAgents', { method: 'POST', body: stopBodies[i] });
    inProgressId = JSON.parse(answer.text).data.id;
  }
  await call(url, '/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 20_000 }) });
  return inProgressId;
}
const inProgress = await prepare(sim.url);
let nextHost = 151;
const answers: Record<string, string> = {
  '/api/v2/compute/hosts/batchStopAgents': (await call(sim.url, '/api/v2/compute/hosts/batchStopAgents', { method: 'POST', body: stopBodies[nextHost++] }))
    .text,
  [`/api/v2/tasks/instances/${inProgress}`]: (await call(sim.url, `/api/v2/tasks/instances/${inProgress}`)).text,
  '/api/v2/tasks/instances?size=100': (await call(sim.url, '/api/v2/tasks/instances?size=100')).text,
  '/api/v2/compute/hosts': (await call(sim.url, '/api/v2/compute/hosts')).text,
};
const answersFile = join(ROOT, 'bench-results', 'answers.json');
mkdirSync(dirname(answersFile), { recursive: true });
writeFileSync(answersFile, JSON.stringify(answers));
const bareScript = join(ROOT, 'bench-results', 'bare-server.cjs');
writeFileSync(bareScript, BARE_SERVER);
const bareHonoScript = join(ROOT, 'bench-results', 'bare-hono.mjs');
writeFileSync(
  bareHonoScript,
  BARE_HONO.replace("from '@hono/node-server'", `from '${join(ROOT, 'node_modules/@hono/node-server/dist/index.mjs')}'`).replace(
    "from 'hono'",
    `from '${join(ROOT, 'node_modules/hono/dist/index.js')}'`,
  ),
);
const bareHono = await new Promise<Proc>((resolve) => {
  const child = spawn(process.execPath, [bareHonoScript, answersFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.stdout?.on('data', (d) => resolve({ url: String(d).trim(), child }));
});
const bare = await new Promise<Proc>((resolve) => {
  const child = spawn(process.execPath, [bareScript, answersFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  child.stdout?.on('data', (d) => resolve({ url: String(d).trim(), child }));
});

// --- 2. each route against the bare limit ------------------------------------------------------
const rows: Array<{ route: string; sim: Load; bare: Load; hono: Load }> = [];
// Reads first, on the state their answers were taken from: the stop row leaves 100,000 and more
// tasks behind (and the collector's work on them), and reading with that many stored is the
// flat-cost check's business (part 3), not this table's.
for (const [route, path] of [
  ['GET task in progress', `/api/v2/tasks/instances/${inProgress}`],
  ['GET task list (page of 100)', '/api/v2/tasks/instances?size=100'],
  ['GET hosts (first page)', '/api/v2/compute/hosts'],
] as const) {
  rows.push({ route, sim: await load(sim.url, path), bare: await load(bare.url, path), hono: await load(bareHono.url, path) });
}
// Every stop of a timed run names a running agent (a new task each time); the second simulator
// has the same hosts, so it is given the same list.
const remainingBodies = stopBodies.slice(nextHost);
const stopPath = '/api/v2/compute/hosts/batchStopAgents';
const stopRoute = 'POST batchStopAgents (new task each)';
rows.unshift({
  route: stopRoute,
  sim: await load(sim.url, stopPath, { method: 'POST', bodies: remainingBodies }),
  bare: await load(bare.url, stopPath, { method: 'POST', bodies: remainingBodies }),
  hono: await load(bareHono.url, stopPath, { method: 'POST', bodies: remainingBodies }),
});
sim.child.kill();
// What the fast lane buys: the same two routes on the same simulator (same seed, same steps) with
// every request through the Hono app. One simulator at a time, so they never share the machine.
const simHono = await start([...simArgs, '--fast-lane', 'off']);
if ((await prepare(simHono.url)) !== inProgress) throw new Error('the two simulators disagree on task ids: same seed, same steps expected');
const [stopRow, taskRow] = rows as [(typeof rows)[number], (typeof rows)[number]];
const laneOff = [
  { ...taskRow, route: 'GET task in progress, --fast-lane off', sim: await load(simHono.url, `/api/v2/tasks/instances/${inProgress}`) },
  { ...stopRow, route: `${stopRoute}, --fast-lane off`, sim: await load(simHono.url, stopPath, { method: 'POST', bodies: remainingBodies }) },
];
rows.push(...laneOff);
bare.child.kill();
bareHono.child.kill();
simHono.child.kill();

// --- 3. one task read with 10 vs BIG tasks stored ----------------------------------------------
// One stop per host whose agent runs, so every stop stores a task: about four in five hosts qualify.
const flatHosts = Math.ceil((BIG * 1.3) / 2000) * 2000;
const flat = await start(['--port', '0', '--clock', 'manual', '--hosts', String(flatHosts), '--log-level', 'silent', '--max-tasks', String(BIG * 2)]);
const flatBodies = (await availableHosts(flat.url, flatHosts)).slice(0, BIG).map((id) => JSON.stringify({ hostIds: [id] }));
if (flatBodies.length < BIG) throw new Error(`only ${flatBodies.length} hosts with a running agent; ${BIG} needed`);
await load(flat.url, '/api/v2/compute/hosts/batchStopAgents', { method: 'POST', bodies: flatBodies.slice(0, 10), amount: 10 });
const probeTask = JSON.parse((await call(flat.url, '/api/v2/tasks/instances?size=1')).text).data.contents[0].id;
const readSmall = await load(flat.url, `/api/v2/tasks/instances/${probeTask}`);
const rssSmall = rssMb(flat.child.pid);
const fill = await load(flat.url, '/api/v2/compute/hosts/batchStopAgents', { method: 'POST', bodies: flatBodies.slice(10), amount: BIG - 10 });
const stored = JSON.parse((await call(flat.url, '/api/v2/tasks/instances?size=1')).text).data.page.totalElements;
const readBig = await load(flat.url, `/api/v2/tasks/instances/${probeTask}`);
const rssBig = rssMb(flat.child.pid);
flat.child.kill();

// --- 4. memory per retained task, measured in-process after GC ----------------------------------
const memory = JSON.parse(
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(ROOT, 'scripts/memoryPerTask.ts'), String(BIG)], { encoding: 'utf8', cwd: ROOT })
    .trim()
    .split('\n')
    .pop() as string,
);

// --- report --------------------------------------------------------------------------------------
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const f = (n: number, d = 0) => n.toFixed(d);
console.log(
  `\nocp-mock benchmark: ${CONNECTIONS} connections, ${DURATION} s per route after a ${WARMUP} s warm-up, node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`,
);
console.log(`${'route'.padEnd(54)}| ocp-mock req/s | p50 ms | p99 ms | errors | bare node:http req/s | ratio | bare Hono req/s | ratio`);
console.log(`${'-'.repeat(54)}|---------------:|-------:|-------:|-------:|---------------------:|------:|----------------:|------:`);
for (const r of rows) {
  console.log(
    `${r.route.padEnd(54)}| ${f(r.sim.rps).padStart(14)} | ${f(r.sim.p50, 1).padStart(6)} | ${f(r.sim.p99, 1).padStart(6)} | ${String(r.sim.errors).padStart(6)} | ${f(r.bare.rps).padStart(20)} | ${f(ratio(r.sim.rps, r.bare.rps), 2).padStart(5)} | ${f(r.hono.rps).padStart(15)} | ${f(ratio(r.sim.rps, r.hono.rps), 2).padStart(5)}`,
  );
}
const flatRatio = ratio(readBig.rps, readSmall.rps);
const targets = [
  {
    target: 'batchStopAgents >= 0.6x bare req/s',
    met: ratio(stopRow.sim.rps, stopRow.bare.rps) >= 0.6,
    value: f(ratio(stopRow.sim.rps, stopRow.bare.rps), 2),
  },
  { target: 'batchStopAgents p99 < 10 ms at 50 connections', met: stopRow.sim.p99 < 10, value: `${f(stopRow.sim.p99, 1)} ms` },
  { target: 'read a task >= 0.7x bare req/s', met: ratio(taskRow.sim.rps, taskRow.bare.rps) >= 0.7, value: f(ratio(taskRow.sim.rps, taskRow.bare.rps), 2) },
  {
    target: `read a task costs the same with 10 and ${stored} stored (within 15%)`,
    met: flatRatio > 0.85,
    value: `${f(readSmall.rps)} vs ${f(readBig.rps)} req/s (x${f(flatRatio, 2)})`,
  },
  {
    target: 'memory per retained task < 2 KB',
    met: memory.heapPerTaskBytes < 2048,
    value: `${f(memory.heapPerTaskBytes)} B heap, ${f(memory.rssPerTaskBytes)} B RSS`,
  },
  { target: 'start-up to first answer < 500 ms', met: Math.min(...startups) < 500, value: `${startups.map((s) => f(s)).join(', ')} ms` },
];
console.log('\ntarget                                                        | met | measured');
for (const t of targets) console.log(`${t.target.padEnd(62)}| ${t.met ? 'yes' : 'NO '} | ${t.value}`);
console.log(`\n(server RSS: ${f(rssSmall)} MB with 10 tasks, ${f(rssBig)} MB with ${stored}; filling ${fill.total} stops ran at ${f(fill.rps)} req/s)`);

const report = {
  date: new Date().toISOString(),
  node: process.version,
  connections: CONNECTIONS,
  durationS: DURATION,
  rows,
  flat: { readSmall, readBig, stored },
  memory,
  startups,
  targets,
};
mkdirSync(dirname(values.out as string), { recursive: true });
writeFileSync(values.out as string, `${JSON.stringify(report, null, 2)}\n`);
console.log(`results: ${values.out}`);
