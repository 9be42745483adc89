/**
 * Memory per retained task, measured in-process after GC (run with --expose-gc): builds a
 * simulator with enough hosts, submits N one-host stops, and divides the growth of heap and RSS.
 * Prints one JSON line. Used by scripts/bench.ts.
 */
import { buildOcpMock } from '../src/app.js';

const n = Number(process.argv[2] ?? 100_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const settle = () => {
  for (let i = 0; i < 3; i++) gc();
};
const { simulator } = buildOcpMock({ clock: 'manual', hosts: n + 20, maxTasks: n * 2 });
const hostIds = simulator.hosts().map((h) => h.id);
settle();
const heap0 = process.memoryUsage().heapUsed;
const rss0 = process.memoryUsage().rss;
let submitted = 0;
for (const id of hostIds) {
  if (submitted === n) break;
  try {
    simulator.submit('batchStopAgents', { id: 100, name: 'admin' }, [id], 'success');
    submitted++;
  } catch {
    // an agent that was not running to begin with
  }
}
settle();
const heap1 = process.memoryUsage().heapUsed;
const rss1 = process.memoryUsage().rss;
// Reading the store after measuring keeps the simulator reachable until then (V8 may otherwise
// collect it after its last use, and the measure would be of nothing).
const retained = simulator.taskCount();
console.log(JSON.stringify({ tasks: retained, heapPerTaskBytes: (heap1 - heap0) / retained, rssPerTaskBytes: (rss1 - rss0) / retained }));
