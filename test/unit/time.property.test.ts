/** OCP's time format: the date part is made by arithmetic (no Date, no cache); Date is the reference. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatOcpTime } from '../../src/contract/time.js';

const pad = (n: number) => String(n).padStart(2, '0');

describe('formatOcpTime', () => {
  it("prints the same day as Date's calendar, at any instant and offset", () => {
    fc.assert(
      fc.property(fc.integer({ min: -60_000_000_000_000, max: 250_000_000_000_000 }), fc.integer({ min: -18 * 60, max: 18 * 60 }), (ms, offset) => {
        const local = new Date(ms + offset * 60_000);
        const want = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
        expect(formatOcpTime(ms, offset).startsWith(want)).toBe(true);
      }),
      { seed: 20261202, numRuns: 2000 },
    );
  });
});
