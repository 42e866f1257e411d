/**
 * The generated evaluator's day memo and running sum (runtime/codegen/support.ts) against
 * what they replace: DayMemo must remember exactly what a Map remembers, for any keys;
 * DecSum must give the very Dec (digits, exponent, sign of a zero) that adding item by
 * item from 0 with decimal.js gives, including totals and items beyond 2^53; a count's
 * shared small Decs must be the counts themselves.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Dec, ZERO } from '../../runtime/values/decimal.js';
import { DayMemo, DecSum, UNSET, R } from '../../runtime/codegen/support.js';

/** Keys a date parameter may see (days close together, far apart) and some it never should. */
const keys = fc.oneof(
  fc.integer({ min: 19_000, max: 19_800 }),
  fc.integer({ min: 19_000, max: 20_600 }),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.constantFrom<unknown>(null, undefined, 0.5, 19_000.5, NaN, -0, '19000', Infinity),
);

describe('DayMemo', () => {
  it('remembers what a Map remembers, for every key', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.boolean(), keys, fc.integer())), (ops) => {
      const memo = new DayMemo(), ref = new Map<unknown, unknown>();
      for (const [store, k, v] of ops) {
        if (store) { memo.set(k, v); ref.set(k, v); }
        expect(memo.get(k)).toBe(ref.has(k) ? ref.get(k) : UNSET);
      }
      for (const [, k] of ops) expect(memo.get(k)).toBe(ref.has(k) ? ref.get(k) : UNSET);
      for (let d = 18_990; d < 19_810; d += 7) expect(memo.get(d)).toBe(ref.has(d) ? ref.get(d) : UNSET);
    }), { numRuns: 3_000 });
  });

  it('finds a day stored far ahead once the days in between have filled the array', () => {
    const memo = new DayMemo();
    memo.set(19_000, 'first');
    memo.set(20_000, 'far');
    for (let d = 19_001; d < 20_100; d++) if (d !== 20_000) memo.set(d, d);
    expect(memo.get(20_000)).toBe('far');
    expect(memo.get(19_999)).toBe(19_999);
    expect(memo.get(18_000)).toBe(UNSET);
  });
});

/** n / 10^k as text, negative zeros included. */
const texts = fc.oneof(
  fc.tuple(fc.bigInt({ min: -100_000_000n, max: 100_000_000n }), fc.integer({ min: 0, max: 4 })),
  fc.tuple(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.integer({ min: 0, max: 22 })),
  fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 8 })),
).map(([n, k]) => new Dec(n.toString()).div(new Dec(10).pow(k)));
const items = fc.oneof(texts, fc.constantFrom('0', '-0', '-0.00', '9007199254740991', '-9007199254740991', '0.0000000000000000000001', '4999.99').map((t) => new Dec(t)));

describe('DecSum', () => {
  it('gives the Dec that adding from 0 with decimal.js gives', () => {
    fc.assert(fc.property(fc.array(items, { maxLength: 12 }), (xs) => {
      const acc = new DecSum();
      let want = ZERO;
      for (const x of xs) { acc.add(x); want = want.plus(x); }
      const got = acc.value();
      expect({ s: got.s, e: got.e, d: got.d }).toEqual({ s: want.s, e: want.e, d: want.d });
    }), { numRuns: 20_000 });
  });
});

describe('countDec', () => {
  it('is new Dec(n) for every count, shared or not', () => {
    for (let n = 0; n < 2_100; n++) expect(R.countDec(n).eq(new Dec(n)) && R.countDec(n).toString() === String(n)).toBe(true);
  });
});
