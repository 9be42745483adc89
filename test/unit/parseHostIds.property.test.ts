/**
 * parseHostIds checks the plain valid body without zod (plainHostIds). Whatever that check
 * accepts, zod's BatchStopAgentsRequest must accept as the same ids; whatever it refuses still
 * gets zod's verdict. Random bodies near the edges: empty, too many, duplicates, zero, negatives,
 * fractions, past 2^53, strings, nulls, extra keys.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OcpError } from '../../src/contract/errors.js';
import { LIMITS } from '../../src/contract/requests.js';
import { BatchStopAgentsRequest, parseHostIds, plainHostIds } from '../../src/modules/agent/index.js';

const id = fc.oneof(
  fc.integer({ min: 1, max: 50 }),
  fc.integer({ min: -3, max: 0 }),
  fc.constantFrom(LIMITS.maxId, LIMITS.maxId + 1, 2 ** 60, 1.5, -0, Number.MIN_VALUE),
  fc.constantFrom('7', null, true, [3], { id: 3 }),
);
const hostIds = fc.oneof(
  fc.array(id, { maxLength: 6 }),
  fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: LIMITS.hostIds - 1, maxLength: LIMITS.hostIds + 1 }),
  fc.constantFrom(undefined, null, 'all', 5, {}),
);
const body = fc.record({ hostIds, extra: fc.option(fc.jsonValue(), { nil: undefined }) }, { requiredKeys: [] });

describe('parseHostIds', () => {
  it('accepts without zod only what zod accepts, as the same ids', () => {
    fc.assert(
      fc.property(body, (b) => {
        const zod = BatchStopAgentsRequest.safeParse(b);
        const plain = plainHostIds(b);
        if (plain !== undefined) {
          expect(zod.success).toBe(true);
          expect(plain).toEqual(zod.data?.hostIds);
        }
        // And the whole parse agrees with zod either way.
        const text = JSON.stringify(b);
        if (zod.success && JSON.parse(text).hostIds !== undefined) expect(parseHostIds(text)).toEqual(zod.data.hostIds);
        else if (!zod.success) expect(() => parseHostIds(text)).toThrow(OcpError);
      }),
      { seed: 20261128, numRuns: Number(process.env.FC_RUNS ?? 1000) },
    );
  });
});
