/**
 * The commands that change what a client can observe. Task state is derived from time, so these
 * (with their instants) are all a state file keeps: replaying them rebuilds every task, host
 * and setting exactly (ids, durations and all, since those are drawn from the seed).
 */
import { z } from 'zod';

const At = z.number().int();
const ClockAnchorSchema = z.strictObject({ simStart: z.number(), wallStart: z.number() });

export const Command = z.discriminatedUnion('c', [
  z.strictObject({
    c: z.literal('submit'),
    at: At,
    creator: z.strictObject({ id: z.number().int(), name: z.string() }),
    hostIds: z.array(z.number().int().positive()).min(1),
    scenario: z.string(),
  }),
  z.strictObject({
    c: z.literal('act'),
    at: At,
    taskId: z.number().int(),
    action: z.union([
      z.strictObject({ type: z.enum(['retry', 'rollback']) }),
      z.strictObject({ type: z.enum(['retrySubtask', 'skipSubtask', 'cancelSubtask']), subtaskId: z.number().int() }),
    ]),
  }),
  z.strictObject({ c: z.literal('advance'), ms: z.number().int().nonnegative() }),
  z.strictObject({ c: z.literal('scenario'), name: z.string() }),
  z.strictObject({ c: z.literal('reset'), clock: ClockAnchorSchema }),
  z.strictObject({ c: z.literal('ensureHost'), at: At, id: z.number().int().positive() }),
]);
export type Command = z.infer<typeof Command>;

/** Where accepted commands go (a state file), or nowhere. */
export interface CommandLog {
  append(command: Command): void;
  /** Starts afresh (after a reset) with only `command`. */
  restart(command: Command): void;
}

export const NO_LOG: CommandLog = { append() {}, restart() {} };

export { ClockAnchorSchema };
