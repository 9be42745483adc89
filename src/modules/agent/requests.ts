/** What the agent module's calls accept (ocp-docs/agent): a host's process, and a batch's `{"hostIds": [...]}`. */
import { z } from 'zod';
import { idField, jsonObjectBody, LIMITS, parseRequest } from '../../contract/requests.js';
import { hostIdNumber } from '../compute/index.js';

export const AgentProcessParams = z.object({ hostId: idField('host'), agentProcessId: idField('agent process') });

export const BatchStopAgentsRequest = z.object({
  hostIds: z
    .array(hostIdNumber, { error: (issue) => (issue.input === undefined || issue.input === null ? 'must not be null' : 'must be an array of host ids') })
    .min(1, { error: 'must not be empty' })
    .max(LIMITS.hostIds, { error: `must hold at most ${LIMITS.hostIds} host ids` })
    .superRefine((ids, ctx) => {
      const seen = new Set<number>();
      ids.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate host id ${v}`, input: v });
        seen.add(v);
      });
    }),
});

/**
 * The request object a batch body's sub-errors name: the operation's own (batchStopAgentsRequest,
 * batchRestartAgentsRequest, a user's batch operation `<id>Request`). *Inferred*: OCP's pages show
 * no such error; the batch stop's name is the one the code always used.
 */
export const requestObject = (operationId: string) => `${operationId}Request`;

/** What a body that is not a JSON object is told. */
export const BATCH_HINT = 'request body must be a JSON object such as {"hostIds":[1001,1002]}';

/**
 * A body that plainly meets BatchStopAgentsRequest's rules (distinct positive safe integers, 1 to
 * LIMITS.hostIds of them), checked without zod: it is every submission of a load test, and zod
 * costs more than the check. Anything else goes through zod, which words OCP's sub-errors.
 * test/unit/parseHostIds.property.test.ts holds that whatever this accepts, zod accepts as the same.
 */
export function plainHostIds(body: object): number[] | undefined {
  const ids = (body as { hostIds?: unknown }).hostIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > LIMITS.hostIds) return undefined;
  for (const id of ids) if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined;
  if (ids.length > 1 && new Set(ids).size !== ids.length) return undefined;
  return ids as number[];
}

/** Validates `{"hostIds": [...]}` (distinct positive integers, at most 1000) for `operationId` with OCP-style sub-errors. */
export function parseHostIds(text: string, operationId = 'batchStopAgents'): number[] {
  const object = requestObject(operationId);
  const body = jsonObjectBody(text, object, BATCH_HINT);
  return plainHostIds(body) ?? parseRequest(BatchStopAgentsRequest, body, object).hostIds;
}
