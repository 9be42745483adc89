/**
 * The scenario file format. A scenario says what happens, not how: per node its duration and
 * the outcome of each run, whether a failed task rolls back by itself, and what requests meet
 * (an OCP error instead of an answer, latency, faults, rate limiting). See scenarios/*.yaml.
 */
import { z } from 'zod';

const seconds = z.number().nonnegative({ message: 'a duration must be zero or more seconds' });
/** `3` (exactly 3 s) or `[1, 5]` (drawn between 1 and 5 s). */
const SecondsRange = z.union([seconds, z.tuple([seconds, seconds]).refine(([lo, hi]) => lo <= hi, { message: 'a range [min, max] needs min <= max' })]);
const millis = z.number().int().nonnegative({ message: 'latency must be zero or more milliseconds' });
const MillisRange = z.union([millis, z.tuple([millis, millis]).refine(([lo, hi]) => lo <= hi, { message: 'a range [min, max] needs min <= max' })]);

const Outcome = z.enum(['success', 'fail', 'timeout']);

const Run = z.strictObject({
  outcome: Outcome,
  /** Overrides the rule's duration for this run. */
  seconds: SecondsRange.optional(),
  /** Written to the subtask log when the run fails. */
  message: z.string().min(1).optional(),
});

/**
 * The node names, operation ids and route ids a scenario may name: the shipped modules', plus those
 * of a user's operation files (`--operations-dir`). Made from the declarations (src/modules/index.ts).
 */
export interface ScenarioVocabulary {
  nodeNames: readonly string[];
  operationIds: readonly string[];
  /** The calls' route ids (calls of one kind share one, e.g. `taskAction`), which request errors aim at. */
  routeIds: readonly string[];
}

const nodeRule = (v: ScenarioVocabulary) =>
  z
    .strictObject({
      node: z.union([z.enum(v.nodeNames as [string, ...string[]]), z.literal('*')], {
        error: () => `a node name: one of ${v.nodeNames.map((n) => `"${n}"`).join(', ')} or "*"`,
      }),
      /** Only in tasks of these operations (default: every operation that has the node). */
      operations: z
        .array(z.enum(v.operationIds as [string, ...string[]], { error: `an operation: one of ${v.operationIds.join(', ')}` }))
        .min(1)
        .optional(),
      /** Only on these hosts (ids). */
      hosts: z.array(z.number().int().positive()).min(1).optional(),
      /** Only on the host at this position of the batch: `first`, `last` or a 0-based index. */
      batchIndex: z.union([z.literal('first'), z.literal('last'), z.number().int().nonnegative()]).optional(),
      seconds: SecondsRange.optional(),
      /** Overrides the node's `timeout` (seconds), as the subtask shows it. */
      timeout: z.number().int().positive({ message: 'a timeout must be a positive number of seconds' }).optional(),
      /** Shorthand for a single-entry `runs`. */
      outcome: Outcome.optional(),
      message: z.string().min(1).optional(),
      /** Outcome of run 1, 2, ...; the last entry repeats for later runs. */
      runs: z.array(Run).min(1).optional(),
    })
    .refine((r) => !(r.outcome && r.runs), { message: 'give either `outcome` or `runs`, not both' });

const requestError = (v: ScenarioVocabulary) =>
  z.strictObject({
    status: z.number().int().min(400).max(599),
    code: z.string().regex(/^[A-Z]{3}\d{5}$/, { message: 'an OCP error code such as IAM11000' }),
    /** Defaults to the catalogue's message for `code`. */
    message: z.string().min(1).optional(),
    /** Which routes answer with the error; default: batchStopAgents only. */
    routes: z
      .array(z.enum(v.routeIds as [string, ...string[]]))
      .min(1)
      .optional(),
  });

const Faults = z.strictObject({
  /** Share of requests that fault, 0..1, drawn from the seed. */
  rate: z.number().min(0).max(1),
  /** `error`: a 5xx in OCP's envelope; `drop`: the connection is closed without an answer. */
  kind: z.enum(['error', 'drop']).default('error'),
  status: z.number().int().min(500).max(599).default(500),
});

const RateLimit = z.strictObject({
  /** Requests allowed per window... */
  limit: z.number().int().positive(),
  /** ...of this many milliseconds (fixed windows). */
  windowMs: z.number().int().positive(),
});

/** The scenario file format, for the node names and operations a server knows. */
export const scenarioSchema = (v: ScenarioVocabulary) =>
  z.strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'a lowercase name such as node-timeout' }),
    description: z.string().min(1),
    task: z
      .strictObject({
        autoRollback: z.boolean().default(false),
        /** Applied in order; a later rule wins for the nodes it matches. */
        nodes: z.array(nodeRule(v)).default([]),
      })
      .default({ autoRollback: false, nodes: [] }),
    request: z
      .strictObject({
        error: requestError(v).optional(),
        latencyMs: MillisRange.optional(),
        faults: Faults.optional(),
        rateLimit: RateLimit.optional(),
      })
      .default({}),
  });

export type Scenario = z.infer<ReturnType<typeof scenarioSchema>>;
export type NodeRuleSpec = z.infer<ReturnType<typeof nodeRule>>;
