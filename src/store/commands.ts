/**
 * The commands that change what a client can observe. Task state is derived from time, so these
 * (with their instants) are all a state file keeps: replaying them rebuilds every task, host
 * and setting exactly (durations and all, since those are drawn from the seed).
 *
 * A submit names the ids it was given, so that a compacted file (only what is still retained)
 * replays to the same ids. A task no longer listed can still decide its hosts' agents (the newest
 * task on a host does): a compaction writes a finished one as its effect (`agents`: these hosts'
 * agents now read so), and one still running in full, with its actions, marked `dropped`.
 */
import { z } from 'zod';
import { AGENT_STATUSES, HOST_STATUSES } from '../contract/enums.js';

const At = z.number().int();
const Id = z.number().int().positive();
export const ClockAnchorSchema = z.strictObject({ simStart: z.number(), wallStart: z.number() });

export const Command = z.discriminatedUnion('c', [
  z.strictObject({
    c: z.literal('submit'),
    /** Default: batchStopAgents. */
    operation: z.string().min(1).optional(),
    at: At,
    creator: z.strictObject({ id: z.number().int(), name: z.string() }),
    hostIds: z.array(Id).min(1),
    scenario: z.string(),
    taskId: Id.optional(),
    firstSubtaskId: Id.optional(),
    /** What each host's agent read at submission, where that was not the host's own status. */
    agentBefore: z.array(z.enum(AGENT_STATUSES)).optional(),
    /** A compacted task no longer listed: its actions, then it is dropped again. */
    actions: z
      .array(z.object({ at: At, type: z.enum(['retry', 'rollback', 'retrySubtask', 'skipSubtask', 'cancelSubtask']), subtaskId: z.number().int().optional() }))
      .optional(),
    dropped: z.literal(true).optional(),
  }),
  z.strictObject({ c: z.literal('agents'), status: z.enum(AGENT_STATUSES), hostIds: z.array(Id).min(1) }),
  /** Hosts deleted (all at once, as one batch delete). */
  z.strictObject({ c: z.literal('deleteHosts'), at: At, hostIds: z.array(Id).min(1) }),
  /** A region, IDC or host type created (with the id it was given) or deleted. */
  z.strictObject({
    c: z.literal('inventory'),
    at: At,
    action: z.enum(['create', 'delete']),
    kind: z.enum(['regions', 'idcs', 'hostTypes']),
    id: Id,
    name: z.string().optional(),
    description: z.string().nullable().optional(),
    regionId: Id.optional(),
  }),
  /** An agent process stopped or (re)started: its state after, and how many times it was started since generated (its pid). */
  z.strictObject({ c: z.literal('process'), at: At, hostId: Id, processId: Id, running: z.boolean(), run: z.number().int().nonnegative() }),
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
  z.strictObject({ c: z.literal('ensureHost'), at: At, id: Id }),
  /**
   * Hosts added through `batchCreate` (their "Prepare host" tasks are submits of their own), with the
   * names of their IDC, region and type as they were. `status`, `updatedAt`: written by a compaction
   * once the host's task is no longer kept, the status that task left it in and when.
   */
  z.strictObject({
    c: z.literal('addHosts'),
    at: At,
    hosts: z.array(z.strictObject({ id: Id, innerIpAddress: z.string(), serialNumber: z.string().optional() })).min(1),
    sshPort: z.number().int(),
    kind: z.string(),
    publishPorts: z.string().optional(),
    idc: z.strictObject({ id: Id, name: z.string(), regionId: Id, regionName: z.string() }),
    type: z.strictObject({ id: Id, name: z.string() }),
    credentialId: Id,
    alias: z.string().optional(),
    description: z.string().optional(),
    status: z.enum(HOST_STATUSES).optional(),
    /** With `status`: when that task updated the host (its `updateTime`). */
    updatedAt: At.optional(),
  }),
  /** The next ids to hand out (written by a compaction, whose dropped tasks took ids too). */
  z.strictObject({ c: z.literal('ids'), nextTaskId: Id, nextSubtaskId: Id }),
  /** A stub added (as the admin API took it) or removed at run time; replayed by the stubs beside the simulator. */
  z.strictObject({ c: z.literal('stub'), action: z.enum(['add', 'remove']), id: z.string().min(1), decl: z.unknown().optional() }),
]);
export type Command = z.infer<typeof Command>;

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
