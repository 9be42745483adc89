/**
 * `npm run bench`: how fast ocp-mock answers, measured against the bare-metal limit on the same
 * machine in the same run. Starts the simulator (the real CLI) and a bare node:http server that
 * returns the exact bytes of the simulator's own answers, loads each with autocannon in turn, and
 * prints requests/s, p50/p99 latency and errors per route as a ratio to the bare server. Each
 * server first gets an uncounted warm-up (the JIT's first second is not what a test suite lives
 * with); then the three take turns, round after round, and the table shows medians: a shared
 * machine drifts by tens of percent over minutes, and turns put the drift on all three alike.
 * Every request goes through the one path (the Hono app).
 * Then the costs that must not grow with the work: reading a 1000-host task and a host page while
 * it runs, at new instants; stops beyond --max-tasks vs below it; stops and reads with 200,000
 * tasks stored vs 10; RSS after 1000 bodies of 1 MiB; state-file lines after 12,000 stops with
 * --max-tasks 100 (and the restart from it); memory per retained task; start-up time. Results
 * also go to a JSON file for comparison between commits.
 * Beside each route's throughput, the server's CPU per request: the process's utime + stime from
 * /proc/<pid>/stat (clock ticks, `getconf CLK_TCK`) over a fixed number of requests, once per
 * round for each of the three servers. It is steadier than throughput on a shared machine: a
 * neighbour's load slows the server down but does not make it spend more CPU on a request.
 *
 *   npm run bench -- [--duration 3] [--rounds 3] [--warmup 1] [--connections 50] [--cpu-requests 20000] [--big-store 200000] [--out bench-results/latest.json]
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '50' },
    out: { type: 'string', default: join(ROOT, 'bench-results', 'latest.json') },
    'big-store': { type: 'string', default: '200000' },
    /** Requests per server and round for the CPU-per-request rows. */
    'cpu-requests': { type: 'string', default: '20000' },
    /** `routes`: only the comparison with the bare servers (section 2), for a quick look. */
    only: { type: 'string' },
  },
});
const DURATION = Number(values.duration);
const WARMUP = Number(values.warmup);
const ROUNDS = Number(values.rounds);
const CONNECTIONS = Number(values.connections);
const BIG = Number(values['big-store']);
const CPU_REQUESTS = Number(values['cpu-requests']);
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

/** Stop bodies for one simulator, each naming a host it has not stopped yet (bare servers take any). */
type Feed = () => string;
function feed(bodies: readonly string[]): Feed {
  let next = 0;
  return () => bodies[next++ % bodies.length] as string;
}

interface LoadOptions {
  method?: 'GET' | 'POST';
  body?: Feed;
  /** A fixed number of requests instead of DURATION seconds. */
  amount?: number;
  connections?: number;
  warmup?: boolean;
}

async function load(url: string, path: string, o: LoadOptions = {}): Promise<Load> {
  const body = o.body;
  const t0 = performance.now();
  const result = await autocannon({
    url: `${url}${path}`,
    connections: Math.min(o.connections ?? CONNECTIONS, o.amount ?? CONNECTIONS),
    ...(o.amount ? { amount: o.amount } : { duration: DURATION }),
    ...(o.warmup && WARMUP > 0 ? { warmup: { connections: CONNECTIONS, duration: WARMUP } } : {}),
    method: o.method ?? 'GET',
    headers: ADMIN,
    requests: body ? [{ setupRequest: (req) => ({ ...req, body: body() }) }] : undefined,
  });
  const seconds = (performance.now() - t0) / 1000 - (o.warmup && WARMUP > 0 ? WARMUP : 0);
  return {
    // A fixed amount of requests: what was done over the time it took (autocannon's per-second
    // average counts the last, partial second as a whole one).
    rps: o.amount ? result.requests.total / seconds : result.requests.average,
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

/** Clock ticks per second, the unit of /proc/<pid>/stat's utime and stime. */
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** CPU time the process has used so far (user + system, every thread), in microseconds. */
function cpuMicros(pid: number | undefined): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The name in parentheses may hold spaces; the fields after it start at field 3 (state):
  // utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

function rssMb(pid: number | undefined): number {
  const status = execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' });
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

// --- 1. the simulator, and the exact bytes of its answers -------------------------------------
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
const stopBody = (id: number) => JSON.stringify({ hostIds: [id] });

/**
 * Two simulators per lane, one after the other, never side by side. Reads run on an inventory of
 * 2,000 hosts. Stops need a host whose agent still runs for every one of them, so they run on an
 * inventory sized for 30,000 stops/s over the warm-up and the rounds, plus the CPU rounds' fixed
 * count (about four in five generated hosts have a running agent); a faster simulator would run
 * out, and the errors column would say so.
 * The seed is the same, so the first 2,000 hosts, and every id below, are the same in all of them.
 */
const READ_HOSTS = 2000;
const STOP_HOSTS = Math.ceil(((WARMUP + ROUNDS * DURATION) * 30_000 + ROUNDS * CPU_REQUESTS) / 0.8 / 2000) * 2000;
const simArgs = (hosts: number) => ['--port', '0', '--clock', 'manual', '--hosts', String(hosts), '--log-level', 'silent', '--max-tasks', '1000000'];

/** 150 tasks and one more, then 20 simulated seconds: the last is in progress. Returns its id and the next free hosts. */
async function prepare(url: string): Promise<{ inProgress: number; freeHosts: number[] }> {
  const hosts = await availableHosts(url, READ_HOSTS);
  let inProgress = 0;
  for (const id of hosts.slice(0, 151))
    inProgress = JSON.parse((await call(url, '/api/v2/compute/hosts/batchStopAgents', { method: 'POST', body: stopBody(id) })).text).data.id;
  await call(url, '/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 20_000 }) });
  return { inProgress, freeHosts: hosts.slice(151) };
}

const reads = await start(simArgs(READ_HOSTS));
const { inProgress, freeHosts } = await prepare(reads.url);
const taskPath = `/api/v2/tasks/instances/${inProgress}`;
const stopPath = '/api/v2/compute/hosts/batchStopAgents';
const answers: Record<string, string> = {
  [stopPath]: (await call(reads.url, stopPath, { method: 'POST', body: stopBody(freeHosts[0] as number) })).text,
  [taskPath]: (await call(reads.url, taskPath)).text,
  '/api/v2/tasks/instances?size=100': (await call(reads.url, '/api/v2/tasks/instances?size=100')).text,
  '/api/v2/compute/hosts': (await call(reads.url, '/api/v2/compute/hosts')).text,
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
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] as number;

/** The median of each figure over the rounds (errors: all of them). */
function summarize(loads: Load[]): Load {
  return {
    rps: median(loads.map((l) => l.rps)),
    p50: median(loads.map((l) => l.p50)),
    p99: median(loads.map((l) => l.p99)),
    errors: loads.reduce((n, l) => n + l.errors, 0),
    total: loads.reduce((n, l) => n + l.total, 0),
  };
}

/** Server CPU per request (µs), from /proc: each round's figure and their median. */
interface CpuFigure {
  median: number;
  rounds: number[];
}

interface CpuRow {
  sim: CpuFigure;
  bare: CpuFigure;
  hono: CpuFigure;
  /** Median over rounds of (simulator / bare Hono) in the same round, and each round's. */
  honoRatio: number;
  honoRatios: number[];
  requests: number;
}

interface Row {
  route: string;
  cpu: CpuRow;
  sim: Load;
  bare: Load;
  hono: Load;
  /** Median over rounds of (simulator / bare server) in the same round. */
  ratio: number;
  honoRatio: number;
  /** Each round's (simulator / bare server), to see how much the machine drifted. */
  ratios: number[];
  turns: Array<{ sim: Load; bare: Load; hono: Load }>;
}

/** The server's CPU per request (µs) over CPU_REQUESTS requests of `path`; fails on any error answer. */
async function cpuPerRequest(server: Proc, path: string, o: LoadOptions): Promise<number> {
  const before = cpuMicros(server.child.pid);
  const l = await load(server.url, path, { ...o, amount: CPU_REQUESTS });
  const used = cpuMicros(server.child.pid) - before;
  if (l.errors > 0) throw new Error(`${path}: ${l.errors} errors in the CPU round`);
  return used / l.total;
}

/** Takes turns: the simulator, the bare server, bare Hono, ROUNDS times (each warmed up once); then the CPU rounds, in turns too. */
async function compare(route: string, sim: Proc, path: string, o: { method?: 'GET' | 'POST'; body?: Feed } = {}): Promise<Row> {
  const runs: Array<{ sim: Load; bare: Load; hono: Load }> = [];
  // The bare servers answer the same bytes whatever the body; they are sent the same kind.
  const anyHost = o.body && feed([stopBody(1001)]);
  for (let round = 0; round < ROUNDS; round++) {
    const warmup = round === 0;
    runs.push({
      sim: await load(sim.url, path, { ...o, warmup }),
      bare: await load(bare.url, path, { ...o, body: anyHost, warmup }),
      hono: await load(bareHono.url, path, { ...o, body: anyHost, warmup }),
    });
  }
  // Every server is warm by now: the throughput turns above ran on it.
  const cpu = { sim: [] as number[], bare: [] as number[], hono: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    cpu.sim.push(await cpuPerRequest(sim, path, o));
    cpu.bare.push(await cpuPerRequest(bare, path, { ...o, body: anyHost }));
    cpu.hono.push(await cpuPerRequest(bareHono, path, { ...o, body: anyHost }));
  }
  const figure = (xs: number[]): CpuFigure => ({ median: median(xs), rounds: xs });
  const honoRatios = cpu.sim.map((s, i) => s / (cpu.hono[i] as number));
  return {
    route,
    cpu: { sim: figure(cpu.sim), bare: figure(cpu.bare), hono: figure(cpu.hono), honoRatio: median(honoRatios), honoRatios, requests: CPU_REQUESTS },
    sim: summarize(runs.map((r) => r.sim)),
    bare: summarize(runs.map((r) => r.bare)),
    hono: summarize(runs.map((r) => r.hono)),
    ratio: median(runs.map((r) => r.sim.rps / r.bare.rps)),
    honoRatio: median(runs.map((r) => r.sim.rps / r.hono.rps)),
    ratios: runs.map((r) => r.sim.rps / r.bare.rps),
    turns: runs,
  };
}

/** A simulator with STOP_HOSTS hosts and the stop row run against it. */
async function measureStops(route: string): Promise<Row> {
  const stops = await start(simArgs(STOP_HOSTS));
  const bodies = (await availableHosts(stops.url, STOP_HOSTS)).map(stopBody);
  const row = await compare(route, stops, stopPath, { method: 'POST', body: feed(bodies) });
  stops.child.kill();
  return row;
}

const stopRoute = 'POST batchStopAgents (new task each)';
const rows: Row[] = [];
rows.push(await compare('GET task in progress', reads, taskPath));
rows.push(await compare('GET task list (page of 100)', reads, '/api/v2/tasks/instances?size=100'));
rows.push(await compare('GET hosts (first page)', reads, '/api/v2/compute/hosts'));
reads.child.kill();
rows.unshift(await measureStops(stopRoute));
bare.child.kill();
bareHono.child.kill();

/** Server CPU per request, route by route: the simulator's, the bare servers', the ratio to bare Hono. */
function printCpu(): void {
  const f1 = (n: number) => n.toFixed(1);
  console.log(
    `\nserver CPU per request (/proc utime+stime over ${CPU_REQUESTS} requests per server and round, ${ROUNDS} rounds, medians; CLK_TCK ${CLK_TCK})\n`,
  );
  console.log(`${'route'.padEnd(54)}| ocp-mock us/req | bare node:http us/req | bare Hono us/req | x bare Hono | per round`);
  console.log(`${'-'.repeat(54)}|----------------:|----------------------:|-----------------:|------------:|:----------`);
  for (const { route, cpu } of rows) {
    console.log(
      `${route.padEnd(54)}| ${f1(cpu.sim.median).padStart(15)} | ${f1(cpu.bare.median).padStart(21)} | ${f1(cpu.hono.median).padStart(16)} | ${cpu.honoRatio
        .toFixed(2)
        .padStart(11)} | ${cpu.honoRatios.map((x) => x.toFixed(2)).join(' ')} (sim ${cpu.sim.rounds.map(f1).join(' ')})`,
    );
  }
}

if (values.only === 'routes') {
  for (const r of rows)
    console.log(
      `${r.route.padEnd(40)} ${r.sim.rps.toFixed(0).padStart(7)} req/s p99 ${r.sim.p99} ms  x${r.ratio.toFixed(2)} bare node (${r.ratios.map((x) => x.toFixed(2)).join(' ')}), x${r.honoRatio.toFixed(2)} bare Hono`,
    );
  printCpu();
  mkdirSync(dirname(values.out as string), { recursive: true });
  writeFileSync(
    values.out as string,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, connections: CONNECTIONS, rows }, null, 2)}\n`,
  );
  console.log(`results: ${values.out}`);
  process.exit(0);
}

// --- 3. a 1000-host task: read it, and a host page, at new instants while it runs -----------------
async function timed(url: string, path: string): Promise<number> {
  const t0 = performance.now();
  const res = await call(url, path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return performance.now() - t0;
}
const big = await start(['--port', '0', '--clock', 'manual', '--hosts', '1400', '--log-level', 'silent']);
const bigHosts = (await availableHosts(big.url, 1400)).slice(0, 1000);
const bigTask = JSON.parse((await call(big.url, stopPath, { method: 'POST', body: JSON.stringify({ hostIds: bigHosts }) })).text).data.id;
const bigReads: number[] = [];
const bigPages: number[] = [];
for (let i = 0; i < 40; i++) {
  await call(big.url, '/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 700 }) });
  // The host page first: it is the first reader at this instant, so it pays for the replay.
  bigPages.push(await timed(big.url, '/api/v2/compute/hosts?size=100'));
  await call(big.url, '/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 700 }) });
  bigReads.push(await timed(big.url, `/api/v2/tasks/instances/${bigTask}`));
}
const bigStatus = JSON.parse((await call(big.url, `/api/v2/tasks/instances/${bigTask}`)).text).data.status;
big.child.kill();

// --- 4. stops beyond --max-tasks vs below, while the stored tasks still run ---------------------
// Runs of DURATION seconds (autocannon ends a fixed amount only on a whole second, which would
// skew a short run): from an empty store, then from a full one whose tasks all still run.
const LIMIT = 100_000;
const stopsPerRun = DURATION * 40_000;
const limitHosts = Math.ceil(((LIMIT + 2 * stopsPerRun) * 1.3) / 2000) * 2000;
const limited = await start([
  '--port',
  '0',
  '--clock',
  'manual',
  '--hosts',
  String(limitHosts),
  '--log-level',
  'silent',
  '--max-tasks',
  String(LIMIT),
  '--scenario',
  'node-timeout',
]);
const limitFeed = feed((await availableHosts(limited.url, limitHosts)).map(stopBody));
const belowLimit = await load(limited.url, stopPath, { method: 'POST', body: limitFeed, warmup: true });
const belowStored = JSON.parse((await call(limited.url, '/api/v2/tasks/instances?size=1')).text).data.page.totalElements;
if (belowStored < LIMIT) await load(limited.url, stopPath, { method: 'POST', body: limitFeed, amount: LIMIT - belowStored });
const beyondLimit = await load(limited.url, stopPath, { method: 'POST', body: limitFeed });
const limitStored = JSON.parse((await call(limited.url, '/api/v2/tasks/instances?size=1')).text).data.page.totalElements;
limited.child.kill();

// --- 5. stops and a task read with 10 vs BIG tasks stored --------------------------------------
// One stop per host whose agent runs, so every stop stores a task: about four in five hosts qualify.
const flatHosts = Math.ceil(((BIG + 2 * stopsPerRun) * 1.3) / 2000) * 2000;
// --max-tasks well above: this row is about the size of the store (row 4 is about its limit).
const flat = await start(['--port', '0', '--clock', 'manual', '--hosts', String(flatHosts), '--log-level', 'silent', '--max-tasks', String(BIG * 5)]);
const flatBodies = (await availableHosts(flat.url, flatHosts)).map((id) => JSON.stringify({ hostIds: [id] }));
const flatFeed = feed(flatBodies);
await load(flat.url, stopPath, { method: 'POST', body: flatFeed, amount: 10 });
const probeTask = JSON.parse((await call(flat.url, '/api/v2/tasks/instances?size=1')).text).data.contents[0].id;
const readSmall = await load(flat.url, `/api/v2/tasks/instances/${probeTask}`, { warmup: true });
const rssSmall = rssMb(flat.child.pid);
const stopsSmall = await load(flat.url, stopPath, { method: 'POST', body: flatFeed, warmup: true });
const smallStored = JSON.parse((await call(flat.url, '/api/v2/tasks/instances?size=1')).text).data.page.totalElements;
const fill = await load(flat.url, stopPath, { method: 'POST', body: flatFeed, amount: Math.max(1, BIG - smallStored) });
const stored = JSON.parse((await call(flat.url, '/api/v2/tasks/instances?size=1')).text).data.page.totalElements;
const readBig = await load(flat.url, `/api/v2/tasks/instances/${probeTask}`, { warmup: true });
const stopsBig = await load(flat.url, stopPath, { method: 'POST', body: flatFeed });
const rssBig = rssMb(flat.child.pid);
flat.child.kill();

// --- 6. RSS after 1000 request bodies of 1 MiB ---------------------------------------------------
const bodies = await start(['--port', '0', '--log-level', 'silent']);
await load(bodies.url, '/api/v2/time', { amount: 2000 });
const rssBeforeBodies = rssMb(bodies.child.pid);
const mib = 'x'.repeat(1024 * 1024 - 64);
// Ten at a time: what is measured is what stays, not how many megabytes are in flight at once.
await load(bodies.url, stopPath, { method: 'POST', body: () => `{"hostIds":[2],"padding":"${mib}"}`, amount: 1000, connections: 10 });
const rssAfterBodies = rssMb(bodies.child.pid);
const journalAfterBodies = JSON.parse((await call(bodies.url, '/__mock/requests')).text).requests.length;
bodies.child.kill();

// --- 7. the state file after 12,000 stops with --max-tasks 100, and a restart from it ---------
// The manual clock holds still while the stops come in, so every dropped task is still running
// and is kept whole (its host's agent has yet to change); then time moves on 10 minutes, the
// tasks finish, and the next command (that advance) compacts the file.
const stateDir = join(ROOT, 'bench-results', 'state');
mkdirSync(stateDir, { recursive: true });
const stateFile = join(stateDir, `bench-${process.pid}.jsonl`);
const stateArgs = ['--port', '0', '--clock', 'manual', '--hosts', '16000', '--log-level', 'silent', '--max-tasks', '100', '--state-file', stateFile];
const lineCount = () => Number(execFileSync('wc', ['-l', stateFile], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
const stateful = await start(stateArgs);
const stateFeed = feed((await availableHosts(stateful.url, 16000)).slice(0, 12_000).map(stopBody));
const stateStops = await load(stateful.url, stopPath, { method: 'POST', body: stateFeed, amount: 12_000 });
const linesWhileRunning = lineCount();
await call(stateful.url, '/__mock/clock/advance', { method: 'POST', body: JSON.stringify({ ms: 600_000 }) });
const stateLines = lineCount();
stateful.child.kill('SIGKILL');
const restarted = await start(stateArgs);
const restoredTasks = JSON.parse((await call(restarted.url, '/api/v2/tasks/instances?size=1')).text).data.page.totalElements;
restarted.child.kill();
execFileSync('rm', ['-f', stateFile]);

// --- 8. memory per retained task, measured in-process after GC ----------------------------------
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
  `\nocp-mock benchmark: ${CONNECTIONS} connections; per route each server warmed up ${WARMUP} s, then ${ROUNDS} turns of ${DURATION} s each, medians shown; node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`,
);
console.log(`${'route'.padEnd(54)}| ocp-mock req/s | p50 ms | p99 ms | errors | bare node:http req/s | ratio | per turn       | bare Hono req/s | ratio`);
console.log(`${'-'.repeat(54)}|---------------:|-------:|-------:|-------:|---------------------:|------:|:---------------|----------------:|------:`);
for (const r of rows) {
  console.log(
    `${r.route.padEnd(54)}| ${f(r.sim.rps).padStart(14)} | ${f(r.sim.p50, 1).padStart(6)} | ${f(r.sim.p99, 1).padStart(6)} | ${String(r.sim.errors).padStart(6)} | ${f(r.bare.rps).padStart(20)} | ${f(r.ratio, 2).padStart(5)} | ${r.ratios
      .map((x) => f(x, 2))
      .join(' ')
      .padEnd(14)} | ${f(r.hono.rps).padStart(15)} | ${f(r.honoRatio, 2).padStart(5)}`,
  );
}
printCpu();
const flatRatio = ratio(readBig.rps, readSmall.rps);
const stopsFlatRatio = ratio(stopsBig.rps, stopsSmall.rps);
const limitRatio = ratio(beyondLimit.rps, belowLimit.rps);
const [stopRow, taskRow, , hostRow] = rows as [Row, Row, Row, Row];
const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y);
const p50ms = (xs: number[]) => median(xs);
const maxMs = (xs: number[]) => sorted(xs)[xs.length - 1] as number;
const targets = [
  { target: 'batchStopAgents >= 0.6x bare node:http req/s', met: stopRow.ratio >= 0.6, value: f(stopRow.ratio, 2) },
  { target: 'batchStopAgents p99 < 10 ms at 50 connections', met: stopRow.sim.p99 < 10, value: `${f(stopRow.sim.p99, 1)} ms` },
  { target: 'read a task >= 0.7x bare node:http req/s', met: taskRow.ratio >= 0.7, value: f(taskRow.ratio, 2) },
  {
    target: 'read a task <= 1.25x bare Hono CPU per request',
    met: taskRow.cpu.honoRatio <= 1.25,
    value: `${f(taskRow.cpu.sim.median, 1)} vs ${f(taskRow.cpu.hono.median, 1)} us (x${f(taskRow.cpu.honoRatio, 2)})`,
  },
  {
    target: 'batchStopAgents <= 1.5x bare Hono CPU per request',
    met: stopRow.cpu.honoRatio <= 1.5,
    value: `${f(stopRow.cpu.sim.median, 1)} vs ${f(stopRow.cpu.hono.median, 1)} us (x${f(stopRow.cpu.honoRatio, 2)})`,
  },
  { target: 'host page >= 0.5x bare node:http req/s', met: hostRow.ratio >= 0.5, value: f(hostRow.ratio, 2) },
  {
    target: 'read a 1000-host task at a new instant < 20 ms',
    met: p50ms(bigReads) < 20,
    value: `median ${f(p50ms(bigReads), 1)} ms, max ${f(maxMs(bigReads), 1)} ms over ${bigReads.length} instants (task ${bigStatus} at the end)`,
  },
  {
    target: 'host page of 100 with a 1000-host task running < 20 ms',
    met: p50ms(bigPages) < 20,
    value: `median ${f(p50ms(bigPages), 1)} ms, max ${f(maxMs(bigPages), 1)} ms`,
  },
  {
    target: `stops beyond --max-tasks ${LIMIT} (all running) vs below (within 20%)`,
    met: limitRatio > 0.8,
    value: `${f(belowLimit.rps)} vs ${f(beyondLimit.rps)} req/s (x${f(limitRatio, 2)}), ${belowStored} then ${limitStored} stored`,
  },
  {
    target: `stops with ${stored} stored vs from 10 (within 20%)`,
    met: stopsFlatRatio > 0.8,
    value: `${f(stopsSmall.rps)} vs ${f(stopsBig.rps)} req/s (x${f(stopsFlatRatio, 2)})`,
  },
  {
    target: `read a task with ${stored} stored vs 10 (within 15%)`,
    met: flatRatio > 0.85,
    value: `${f(readSmall.rps)} vs ${f(readBig.rps)} req/s (x${f(flatRatio, 2)})`,
  },
  {
    target: 'RSS after 1000 bodies of 1 MiB < 150 MB more',
    met: rssAfterBodies - rssBeforeBodies < 150,
    value: `${f(rssBeforeBodies)} -> ${f(rssAfterBodies)} MB (+${f(rssAfterBodies - rssBeforeBodies)}), journal kept ${journalAfterBodies} of them`,
  },
  {
    target: 'state file after 12,000 stops, --max-tasks 100: lines follow retained',
    met: stateLines <= 2 * 100 + 64 + 10,
    value: `${stateLines} lines once they finished (${linesWhileRunning} while all ran); stops at ${f(stateStops.rps)} req/s; restart after kill -9: ${f(restarted.startupMs)} ms, ${restoredTasks} tasks`,
  },
  {
    target: 'memory per retained task < 2 KB',
    met: memory.heapPerTaskBytes < 2048,
    value: `${f(memory.heapPerTaskBytes)} B heap, ${f(memory.rssPerTaskBytes)} B RSS`,
  },
  { target: 'start-up to first answer < 500 ms', met: Math.min(...startups) < 500, value: `${startups.map((s) => f(s)).join(', ')} ms` },
];
console.log(`\n${'target'.padEnd(72)}| met | measured`);
for (const t of targets) console.log(`${t.target.padEnd(72)}| ${t.met ? 'yes' : 'NO '} | ${t.value}`);
console.log(`\n(server RSS: ${f(rssSmall)} MB with 10 tasks, ${f(rssBig)} MB with ${stored}; filling ${fill.total} stops ran at ${f(fill.rps)} req/s)`);

const report = {
  date: new Date().toISOString(),
  node: process.version,
  connections: CONNECTIONS,
  durationS: DURATION,
  warmupS: WARMUP,
  rounds: ROUNDS,
  rows,
  flat: { readSmall, readBig, stopsSmall, stopsBig, stored },
  bigTask: { readsMs: bigReads, hostPagesMs: bigPages },
  maxTasks: { belowLimit, beyondLimit },
  bodies: { rssBeforeBodies, rssAfterBodies },
  stateFile: { lines: stateLines, linesWhileRunning, restartMs: restarted.startupMs, restoredTasks },
  memory,
  startups,
  targets,
};
mkdirSync(dirname(values.out as string), { recursive: true });
writeFileSync(values.out as string, `${JSON.stringify(report, null, 2)}\n`);
console.log(`results: ${values.out}`);
