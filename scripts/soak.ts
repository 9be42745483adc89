/**
 * Soak: a bounded mixed load against the real CLI for a set time, printing the server's memory,
 * error counts and latency at intervals. Not part of CI.
 *
 *   npm run soak -- --seconds 120 --connections 32 --interval 10
 *
 * Mix: batch stops under the `rollback` scenario (agents come back, so hosts never run out), polls
 * of recent tasks, task and host list pages. Anything but 200 or 400 CMP07019 counts as an error.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    interval: { type: 'string', default: '10' },
    hosts: { type: 'string', default: '2000' },
    'max-tasks': { type: 'string', default: '20000' },
    speed: { type: 'string', default: '200' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const intervalS = Number(values.interval);

const cli = new URL('../dist/cli.js', import.meta.url).pathname;
const child = spawn(
  process.execPath,
  [
    cli,
    '--port',
    '0',
    '--log-level',
    'silent',
    '--hosts',
    values.hosts as string,
    '--max-tasks',
    values['max-tasks'] as string,
    '--speed',
    values.speed as string,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const url: string = await new Promise((resolve) => {
  child.stdout.on('data', (d) => {
    const m = /(http:\/\/\S+)/.exec(String(d));
    if (m) resolve(m[1] as string);
  });
});

const auth = { authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}`, 'content-type': 'application/json' };
const hostCount = Number(values.hosts);
const hostIds = [2, 20, 1001, 1002, ...Array.from({ length: hostCount - 4 }, (_, i) => 1003 + i)];
const recent: number[] = [];
let requests = 0;
let latencies: number[] = [];
const statuses = new Map<string, number>();
let errors = 0;

function rssMb(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function one(i: number): Promise<void> {
  const kind = i % 10;
  let res: Response;
  const t0 = performance.now();
  if (kind < 3) {
    const ids = [hostIds[(i * 7919) % hostIds.length] as number];
    res = await fetch(`${url}/api/v2/compute/hosts/batchStopAgents`, {
      method: 'POST',
      headers: { ...auth, 'X-OCP-Mock-Scenario': 'rollback' },
      body: JSON.stringify({ hostIds: ids }),
    });
  } else if (kind < 8 && recent.length > 0) {
    res = await fetch(`${url}/api/v2/tasks/instances/${recent[i % recent.length]}`, { headers: auth });
  } else if (kind === 8) {
    res = await fetch(`${url}/api/v2/tasks/instances?size=20`, { headers: auth });
  } else {
    res = await fetch(`${url}/api/v2/compute/hosts?size=20&page=${1 + (i % 10)}`, { headers: auth });
  }
  const body = (await res.json()) as { data?: { id?: number }; error?: { code: string } };
  latencies.push(performance.now() - t0);
  requests++;
  const key = `${res.status}${body.error ? ` ${body.error.code}` : ''}`;
  statuses.set(key, (statuses.get(key) ?? 0) + 1);
  // A 404 TSK10001 on a poll is a task the --max-tasks bound dropped: expected, not an error.
  if (!(res.status === 200 || key === '400 CMP07019' || key === '404 TSK10001')) errors++;
  if (kind < 3 && res.status === 200 && body.data?.id) {
    recent.push(body.data.id);
    if (recent.length > 500) recent.shift();
  }
}

const started = performance.now();
const deadline = started + seconds * 1000;
let counter = 0;
const workers = Array.from({ length: connections }, async () => {
  while (performance.now() < deadline) await one(counter++);
});
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
console.log('elapsed_s  requests  req/s   p50_ms  p99_ms  errors  server_rss_mb');
let lastCount = 0;
const timer = setInterval(() => {
  const elapsed = (performance.now() - started) / 1000;
  console.log(
    `${elapsed.toFixed(0).padStart(9)}  ${String(requests).padStart(8)}  ${((requests - lastCount) / intervalS).toFixed(0).padStart(5)}  ${pct(latencies, 50).toFixed(1).padStart(6)}  ${pct(latencies, 99).toFixed(1).padStart(6)}  ${String(errors).padStart(6)}  ${rssMb().toFixed(1).padStart(13)}`,
  );
  lastCount = requests;
  latencies = [];
}, intervalS * 1000);
await Promise.all(workers);
clearInterval(timer);
console.log(`done: ${requests} requests in ${seconds}s, ${errors} errors; answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
child.kill('SIGTERM');
