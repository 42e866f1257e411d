/**
 * Money arithmetic of the runtime against an independent BigInt reference in minor
 * units (kopecks): sums and differences are exact, products by whole numbers are exact,
 * and a percentage of an amount is rounded half up (away from zero) to the kopeck.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { rulesetOf, outputsOf, header } from '../runtime/helpers.js';

const rs = rulesetOf(`${header()}
input
  a: money
  b: money
  n: integer
  p: percent
output plus = a + b
output diff = a - b
output times = a * n
output share = p of a
output total = sum x for x in [a, b, a]
output bigger = max(a, b)
output same = a = b
`);

/** "−12.34 RUB" from −1234n kopecks. */
const money = (k: bigint): string => {
  const neg = k < 0n, abs = neg ? -k : k;
  return `${neg ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')} RUB`;
};
/** a·p/100 with p in hundredths of a percent, rounded half away from zero to the kopeck. */
const percentOf = (k: bigint, pHundredths: bigint): bigint => {
  const num = k * pHundredths, den = 10000n;
  const q = num / den, r = num % den;
  const twice = 2n * (r < 0n ? -r : r);
  return twice >= den ? q + (num < 0n ? -1n : 1n) : q;
};
const percentText = (p: bigint): string => `${p < 0n ? '-' : ''}${(p < 0n ? -p : p) / 100n}.${String((p < 0n ? -p : p) % 100n).padStart(2, '0')}%`;

const kopecks = fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n });

describe('money against a BigInt reference', () => {
  it('adds, subtracts, multiplies, sums and takes percentages exactly as the reference', () => {
    fc.assert(fc.property(kopecks, kopecks, fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.bigInt({ min: -100_000n, max: 100_000n }), (a, b, n, p) => {
      const out = outputsOf(rs, { a: money(a), b: money(b), n, p: percentText(p) });
      expect(out.plus).toBe(money(a + b));
      expect(out.diff).toBe(money(a - b));
      expect(out.times).toBe(money(a * BigInt(n)));
      expect(out.share).toBe(money(percentOf(a, p)));
      expect(out.total).toBe(money(2n * a + b));
      expect(out.bigger).toBe(money(a > b ? a : b));
      expect(out.same).toBe(a === b);
    }), { seed: 4, numRuns: 400 });
  });

  it('never prints an amount in exponent notation, however large', () => {
    fc.assert(fc.property(fc.bigInt({ min: 10n ** 35n, max: 10n ** 37n }), (a) => {
      const out = outputsOf(rs, { a: money(a), b: money(a), n: 1_000_000, p: '100%' });
      for (const v of Object.values(out)) if (typeof v === 'string') expect(v).not.toMatch(/e/i);
    }), { seed: 5, numRuns: 100 });
  });
});
