/**
 * `--state-file PATH`: everything a client was told survives a restart, `kill -9` included.
 *
 * Task state is derived from time, so the file keeps only the accepted commands: one JSON line
 * each, appended and fsync'd before the answer leaves (a command on disk is a command
 * acknowledged). The first line is a header naming the format and the settings the commands
 * depend on (seed, hosts, offset, clock anchor); a file of another format, or written with other
 * settings, is refused and left untouched. A torn last line (the process died mid-write, before
 * answering) is dropped; anything else that does not parse refuses the file. New files and
 * compactions are written to a temporary file and renamed into place. A compaction (after a
 * reset, and whenever the lines written outgrow what is still retained) rewrites the file as only
 * what is live, so its size and the restart's time follow what is retained, not all ever submitted.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { ClockAnchor } from './clock.js';
import { ClockAnchorSchema, type Command, type CommandLog, type ResetCommand } from './commands.js';

export const STATE_FORMAT = 'ocp-mock-state';
/**
 * Bumped when what a file's commands mean changes. 2: the seeded world has OB clusters, whose
 * servers' hosts cannot be deleted; a v1 file may have deleted one, so it is refused (left untouched).
 */
export const STATE_VERSION = 2;

export const StateHeader = z.strictObject({
  format: z.literal(STATE_FORMAT),
  version: z.literal(STATE_VERSION),
  seed: z.number().int(),
  hosts: z.number().int(),
  /** `--clusters`, written only when not the default 3 (so files from before it still load, and a default start's header is unchanged). */
  clusters: z.number().int().optional(),
  offsetMinutes: z.number().int(),
  clockMode: z.enum(['real', 'manual']),
  speed: z.number(),
  clock: ClockAnchorSchema,
  defaultScenario: z.string(),
});
export type StateHeader = z.infer<typeof StateHeader>;

export class StateFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`--state-file ${path}: ${message}; the file was left untouched`);
    this.name = 'StateFileError';
  }
}

export interface LoadedState {
  header: StateHeader;
  commands: Command[];
  /** A torn last line that was dropped (never acknowledged). */
  droppedTornTail: boolean;
}

/** The settings a state file must agree with. */
export type StateSettings = Omit<StateHeader, 'format' | 'version' | 'clock' | 'defaultScenario'>;

/**
 * Reads and checks a state file; throws StateFileError for a foreign, mismatched or corrupt one.
 * `schema`: every command the world keeps (World.commandSchema), each line checked against it.
 */
export function loadStateFile(path: string, settings: StateSettings, schema: z.ZodType<Command>): LoadedState {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new StateFileError(path, `cannot read it (${(e as Error).message})`);
  }
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let header: StateHeader;
  try {
    header = StateHeader.parse(JSON.parse(lines[0] ?? ''));
  } catch {
    throw new StateFileError(path, `not an ocp-mock state file (its first line is not a ${STATE_FORMAT} v${STATE_VERSION} header)`);
  }
  // `clusters` is compared even when this start leaves it out (the default).
  for (const key of new Set([...Object.keys(settings), 'clusters']) as Set<keyof StateSettings>) {
    // An absent cluster count is the default one (3: the documented clusters).
    const written = key === 'clusters' ? (header.clusters ?? 3) : header[key];
    const wanted = key === 'clusters' ? (settings.clusters ?? 3) : settings[key];
    if (written !== wanted) {
      throw new StateFileError(
        path,
        `written with ${key} ${JSON.stringify(written)}, but this start has ${JSON.stringify(wanted)}: start with the same settings or another file`,
      );
    }
  }
  const commands: Command[] = [];
  let droppedTornTail = false;
  for (let i = 1; i < lines.length; i++) {
    const isLast = i === lines.length - 1;
    try {
      commands.push(schema.parse(JSON.parse(lines[i] as string)));
    } catch {
      if (isLast && !endsClean) {
        droppedTornTail = true;
        break;
      }
      throw new StateFileError(path, `line ${i + 1} is corrupt`);
    }
  }
  return { header, commands, droppedTornTail };
}

function writeAtomically(path: string, lines: readonly unknown[]): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    // In pieces: a file of 100,000 tasks is not built as one string.
    let chunk = '';
    for (const line of lines) {
      chunk += `${JSON.stringify(line)}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  // The rename itself must survive a crash too.
  const dir = openSync(dirname(path), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** Appends commands to the file, each fsync'd before returning. */
export class StateFileLog implements CommandLog {
  private fd: number;
  appended = 0;
  constructor(
    private readonly path: string,
    private header: StateHeader,
  ) {
    this.fd = openSync(path, 'a');
  }

  /** Creates a new file holding only `header` (atomically). */
  static create(path: string, header: StateHeader): StateFileLog {
    writeAtomically(path, [header]);
    return new StateFileLog(path, header);
  }

  /** Rewrites a file whose torn tail was dropped, so that appends start on a clean line. */
  static rewrite(path: string, header: StateHeader, commands: readonly Command[]): StateFileLog {
    writeAtomically(path, [header, ...commands]);
    return new StateFileLog(path, header);
  }

  append(command: Command): void {
    writeSync(this.fd, `${JSON.stringify(command)}\n`);
    fsyncSync(this.fd);
    this.appended++;
  }

  /** After a reset the past is gone: compact to the header and the reset. */
  restart(command: Command): void {
    if (command.c === 'reset') this.header = { ...this.header, clock: (command as ResetCommand).clock };
    this.compact([]);
  }

  compact(commands: readonly Command[]): void {
    closeSync(this.fd);
    writeAtomically(this.path, [this.header, ...commands]);
    this.fd = openSync(this.path, 'a');
    this.appended = 0;
  }

  close(): void {
    closeSync(this.fd);
  }
}

export function stateFileExists(path: string): boolean {
  return existsSync(path);
}

export type { ClockAnchor };
