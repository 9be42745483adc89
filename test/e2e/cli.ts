/** Starts the real `ocp-mock` CLI (dist/cli.js, built by `pretest`) as a child process. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface Running {
  url: string;
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** Runs the CLI on port 0 and resolves once it printed its URL. */
export function startCli(args: string[], env: Record<string, string> = {}): Promise<Running> {
  const proc = spawn(process.execPath, [CLI, '--port', '0', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stderr?.on('data', (d) => {
    err += d;
  });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not start: ${err}`)), 15_000);
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited ${code}: ${err}`));
    });
    proc.stdout?.on('data', (d) => {
      out += d;
      const m = /(https?:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1] as string,
          proc,
          stdout: () => out,
          stderr: () => err,
          stop: (signal = 'SIGTERM') => {
            proc.kill(signal);
            return exited;
          },
        });
      }
    });
  });
}

/** Runs the CLI to completion and returns its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (d) => {
    stdout += d;
  });
  proc.stderr.on('data', (d) => {
    stderr += d;
  });
  return new Promise((resolve) => proc.on('exit', (code) => resolve({ code, stdout, stderr })));
}

export const basic = (user: string) => `Basic ${Buffer.from(`${user}:${user}`).toString('base64')}`;
