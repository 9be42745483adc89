/** `ocp-mock stubs list|validate DIR...` and `ocp-mock record`: stub files, without serving the simulator. */

import { loadStubDirs } from '../stubs/loader.js';
import { startRecorder } from '../stubs/record.js';
import { trustWith } from '../tls.js';
import { type FlagValues, setting } from './flags.js';
import { tlsCa } from './tlsFlags.js';
import { UsageError } from './usage.js';

export function stubsCommand(positionals: string[], values: FlagValues): void {
  const [verb, ...dirs] = positionals;
  const all = [...dirs, ...(values['stubs-dir'] ?? [])];
  if (verb !== 'validate' && verb !== 'list') throw new UsageError(`unknown stubs command ${JSON.stringify(verb ?? '')}: expected list or validate`);
  if (all.length === 0) throw new UsageError(`stubs ${verb} takes one or more directories`);
  // Throws StubLoadError (exit 1) naming every file, path and expectation that is wrong.
  const loaded = loadStubDirs(all);
  if (verb === 'validate') {
    for (const file of new Set(loaded.map((s) => s.file))) process.stdout.write(`ok  ${file}\n`);
    process.stdout.write(`${loaded.length} stub(s) valid\n`);
    return;
  }
  const width = Math.max(0, ...loaded.map((s) => s.id.length));
  for (const s of loaded) {
    const want = s.decl.request;
    const conditions = [
      ...Object.entries(want.query ?? {}).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`),
      ...Object.entries(want.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
      ...(want.scenario ? [`scenario ${want.scenario}`] : []),
    ];
    const answers = s.decl.responses?.length ?? 1;
    process.stdout.write(
      `${s.id.padEnd(width)}  ${want.method} ${want.path}${conditions.length ? ` [${conditions.join('; ')}]` : ''}${answers > 1 ? ` (${answers} answers in turn)` : ''}  ${s.file}\n`,
    );
  }
}

/** Runs the recording proxy until SIGINT or SIGTERM. */
export async function recordCommand(values: FlagValues): Promise<void> {
  const target = setting(values, 'target');
  const out = setting(values, 'out');
  if (!target || !/^https?:\/\/\S+$/.test(target)) throw new UsageError('record needs --target URL (http:// or https://), the OCP to record from');
  if (!out) throw new UsageError('record needs --out DIR, where stub files go');
  const portText = setting(values, 'port') ?? '8090';
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw new UsageError(`--port: a port number from 0 to 65535, not ${JSON.stringify(portText)}`);
  const recorder = await startRecorder({
    target,
    outDir: out,
    host: setting(values, 'host') ?? '127.0.0.1',
    port: Number(portText),
    include: values.include ?? [],
    ca: trustWith(tlsCa((name) => setting(values, name))),
  });
  process.stdout.write(`ocp-mock record: ${recorder.url} -> ${target}, stubs to ${out}\n`);
  const stop = async (signal: string) => {
    await recorder.close();
    const { files, answers } = recorder.counts();
    process.stderr.write(`ocp-mock record: ${signal}: ${files} stub file(s), ${answers} answer(s) recorded in ${out}\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
