/**
 * Month arithmetic against an independent computation with JavaScript's Date in UTC:
 * under `month end clamp` the day is clamped to the target month's length (31.01 + 1
 * month = 28.02 or 29.02); under `overflow` it runs on into the next month, as Date does.
 * Month ends and 29 February are drawn on purpose.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rulesetOf, outputsOf, header } from '../runtime/helpers.js';

const body = `
input
  d: date
  span: duration
output later = d + span
output earlier = d - span
`;
const clamp = rulesetOf(`${header({ monthEnd: 'clamp' })}${body}`);
const overflow = rulesetOf(`${header({ monthEnd: 'overflow' })}${body}`);

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const daysIn = (y: number, m0: number) => new Date(Date.UTC(y, m0 + 1, 0)).getUTCDate();
function reference(y: number, m0: number, d: number, months: number, policy: 'clamp' | 'overflow'): string {
  const target = new Date(Date.UTC(y, m0 + months, 1));
  const ty = target.getUTCFullYear(), tm = target.getUTCMonth();
  if (policy === 'clamp') return iso(Date.UTC(ty, tm, Math.min(d, daysIn(ty, tm))));
  const t = new Date(Date.UTC(2000, 0, 1));
  t.setUTCFullYear(ty, tm, d); // Date runs on into the next month, as `overflow` does
  return iso(t.getTime());
}

// days near month ends and leap days are what this is about
const day = fc.oneof(
  fc.record({ y: fc.integer({ min: 1900, max: 2400 }), m: fc.integer({ min: 0, max: 11 }), end: fc.integer({ min: 0, max: 3 }) })
    .map(({ y, m, end }) => ({ y, m, d: daysIn(y, m) - end })),
  fc.integer({ min: 1896, max: 2396 }).filter((y) => daysIn(y, 1) === 29).map((y) => ({ y, m: 1, d: 29 })),
  fc.record({ y: fc.integer({ min: 1900, max: 2400 }), m: fc.integer({ min: 0, max: 11 }), d: fc.integer({ min: 1, max: 28 }) }),
);
const text = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

describe('months and years at month ends and 29 February', () => {
  it.each([['clamp', clamp], ['overflow', overflow]] as const)('%s agrees with an independent computation', (policy, rs) => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 600 }), fc.boolean(), ({ y, m, d }, n, years) => {
      const months = years ? 12 * Math.floor(n / 12) : n;
      const span = years ? `${months / 12} years` : `${n} months`;
      const out = outputsOf(rs, { d: text(y, m, d), span });
      expect(out.later).toBe(reference(y, m, d, months, policy));
      expect(out.earlier).toBe(reference(y, m, d, -months, policy));
    }), { seed: 29, numRuns: 400 });
  });

  it('adds days exactly as counting them one by one', () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 5000 }), ({ y, m, d }, n) => {
      const out = outputsOf(clamp, { d: text(y, m, d), span: `${n} days` });
      expect(out.later).toBe(iso(Date.UTC(y, m, d) + n * 86_400_000));
    }), { seed: 30, numRuns: 300 });
  });
});
