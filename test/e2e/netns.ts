/**
 * A test host in a network namespace of our own, joined to this machine by a veth pair, so a
 * request can come from a non-loopback address without leaving the machine:
 * this side 10.231.<n>.1, the namespace 10.231.<n>.2 (both made and removed by the test).
 */
import { execFileSync } from 'node:child_process';

export interface TestHost {
  hostAddress: string;
  peerAddress: string;
  /** Runs a command inside the namespace. */
  exec(command: string[]): string;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' });

export function createTestHost(index: number): TestHost | string {
  const name = `ocpmock${process.pid % 10000}${index}`;
  const outer = `vo${process.pid % 10000}${index}`.slice(0, 15);
  const inner = `vi${process.pid % 10000}${index}`.slice(0, 15);
  const subnet = `10.231.${(process.pid + index) % 250}`;
  const removeAll = () => {
    try {
      ip('netns', 'delete', name);
    } catch {}
    try {
      ip('link', 'delete', outer);
    } catch {}
  };
  try {
    ip('netns', 'add', name);
    ip('link', 'add', outer, 'type', 'veth', 'peer', 'name', inner);
    ip('link', 'set', inner, 'netns', name);
    ip('addr', 'add', `${subnet}.1/30`, 'dev', outer);
    ip('link', 'set', outer, 'up');
    ip('netns', 'exec', name, 'ip', 'addr', 'add', `${subnet}.2/30`, 'dev', inner);
    ip('netns', 'exec', name, 'ip', 'link', 'set', inner, 'up');
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  } catch (e) {
    removeAll();
    return `cannot make a network namespace here (${(e as Error).message.split('\n')[0]})`;
  }
  return {
    hostAddress: `${subnet}.1`,
    peerAddress: `${subnet}.2`,
    exec: (command) => execFileSync('ip', ['netns', 'exec', name, ...command], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    remove: removeAll,
  };
}
