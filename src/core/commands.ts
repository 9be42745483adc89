/**
 * The commands that change what a client can observe. Task state is derived from time, so these
 * (with their instants) are all a state file keeps: replaying them rebuilds every task, host and
 * setting exactly (durations and all, since those are drawn from the seed).
 *
 * The log is generic: a command is `{c: <tag>, ...}`, and each part of the world that keeps state
 * (a StateSlice: the tasks, each module, the stubs) declares the commands it owns, their schemas
 * and how each is applied. The same `apply` serves a live call (World.commit) and a replay.
 */
import { z } from 'zod';

/** A command as the log holds it: its tag and its fields. */
export interface Command {
  c: string;
  readonly [field: string]: unknown;
}

export const ClockAnchorSchema = z.strictObject({ simStart: z.number(), wallStart: z.number() });

/** The world's own commands: the clock moved, the default scenario switched, a reset. */
export const CORE_COMMANDS = {
  advance: z.strictObject({ c: z.literal('advance'), ms: z.number().int().nonnegative() }),
  scenario: z.strictObject({ c: z.literal('scenario'), name: z.string() }),
  reset: z.strictObject({ c: z.literal('reset'), clock: ClockAnchorSchema }),
} as const;
export type ResetCommand = z.infer<typeof CORE_COMMANDS.reset>;

/** A command a slice owns: its schema (a state file's line is checked against it) and how it is applied. */
export interface CommandDef<C extends Command = Command> {
  schema: z.ZodType<C>;
  /** Applies an accepted command (checked before it was made, so nothing is checked again); returns what it made. */
  apply(command: C): unknown;
}

/** Declares the command a slice owns, typed by its schema. */
export function commandDef<S extends z.ZodType<Command>>(schema: S, apply: (command: z.output<S>) => unknown): CommandDef {
  return { schema, apply } as unknown as CommandDef;
}

/** Commands that rebuild part of the state, in the order of `rank` across slices (lower first). */
export interface RankedCommands {
  rank: number;
  commands: Command[];
}

/**
 * A part of the world whose changes the state file keeps: the commands it owns, how it starts
 * afresh, and what is live in it for a compaction.
 */
export interface StateSlice {
  readonly commands: Readonly<Record<string, CommandDef>>;
  /** Back to the seed's start (a reset, a restore). */
  reset(): void;
  /** The commands that rebuild what is live in this slice now (what a compacted state file holds). */
  live(now: number): RankedCommands[];
  /** At most how many commands `live()` gives, in O(1) (a compaction is due by it). */
  liveBound(now: number): number;
}

/** Where accepted commands go (a state file), or nowhere. */
export interface CommandLog {
  append(command: Command): void;
  /** Starts afresh (after a reset) with only `command`. */
  restart(command: Command): void;
  /** Lines written since the file was last rewritten (a compaction is due when these outgrow what is live). */
  readonly appended: number;
  /** Rewrites the file as its header and `commands` (what is still live), atomically. */
  compact(commands: readonly Command[]): void;
}

export const NO_LOG: CommandLog = { append() {}, restart() {}, appended: 0, compact() {} };
