/**
 * Money as scaled integers (runtime/values/scaled.ts) equals decimal.js, by property:
 * every fast operation gives the very value decimal.js's expression gives (digits,
 * exponent and the sign of a zero), on amounts around the places where integers and
 * decimals part: thresholds (4,999.99 / 5,000.00), half cents, negatives, zeros of
 * either sign, amounts beyond 2^53 and scales up to the limits.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { Decimal } from 'decimal.js';
import { Dec } from '../../runtime/values/decimal.js';
import {
  decOfScaled, scaledOf, lastScale, roundDec, mulDec, mulRound, pctOfRound, pctOfNum, addDec, subDec, convertDec, plainText, fixedText, decOfText,
} from '../../runtime/values/scaled.js';

/** The text of n / 10^k. */
function textOf(n: bigint, k: number, negZero = false): string {
  const neg = n < 0n || (n === 0n && negZero);
  const digits = (n < 0n ? -n : n).toString().padStart(k + 1, '0');
  const body = k === 0 ? digits : `${digits.slice(0, digits.length - k)}.${digits.slice(digits.length - k)}`;
  return neg ? `-${body}` : body;
}

const BOUNDARIES = ['4999.99', '5000.00', '5000', '0.005', '-0.005', '0.015', '2.5', '-2.5', '0', '-0', '-0.00', '0.50', '100',
  '9007199254740991', '9007199254740992', '-9007199254740993', '900719925474099.1', '0.0000000000000000000001', '123456789012345.6',
  '10000000', '0.0000001', '1234567.1234567', '99999999999999.99', '12345678901234567890123456789012345678.9'];

/** Decimal texts: small amounts with up to 4 decimals, long ones beyond 2^53, scales up to 22, and the boundaries. */
const texts: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.bigInt({ min: -10_000_000n, max: 10_000_000n }), fc.integer({ min: 0, max: 4 }), fc.boolean()).map(([n, k, z]) => textOf(n, k, z)),
  fc.tuple(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.integer({ min: 0, max: 22 })).map(([n, k]) => textOf(n, k)),
  fc.tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: 0, max: 12 })).map(([n, k]) => textOf(n, k)),
  fc.constantFrom(...BOUNDARIES),
);
const decs = texts.map((t) => new Dec(t));
/** Every decimal.js rounding mode. */
const modes = fc.integer({ min: 0, max: 8 }) as fc.Arbitrary<Decimal.Rounding>;
const places = fc.integer({ min: 0, max: 6 });

/** Same digits, exponent and sign (the sign of a zero included) as decimal.js's own value. */
function same(got: Dec, want: Dec): void {
  expect({ s: got.s, e: got.e, d: got.d }).toEqual({ s: want.s, e: want.e, d: want.d });
  // a value built without decimal.js's constructor is still one of its own to every method
  expect(got.constructor).toBe(Dec);
  expect(got instanceof Dec && Dec.isDecimal(got)).toBe(true);
  expect(Object.keys(got)).toEqual(Object.keys(want));
  expect(got.minus(want).isZero() && got.toFixed() === want.toFixed()).toBe(true);
}

const RUNS = { numRuns: 20_000 };

describe('scaled integers as decimal.js values', () => {
  it('decOfScaled builds what decimal.js parses', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 53n - 1n), max: 2n ** 53n - 1n }), fc.integer({ min: 0, max: 22 }), fc.boolean(), (n, k, z) => {
      same(decOfScaled(Number(n), k, z ? -1 : 1), new Dec(textOf(n, k, z)));
    }), RUNS);
  });

  it('scaledOf reads back the safe integer and scale of a decimal, and refuses the others', () => {
    fc.assert(fc.property(decs, (x) => {
      const n = scaledOf(x);
      if (Number.isNaN(n)) {
        // refused only when the integer of the value's digits is beyond 2^53 (or its scale beyond 22)
        expect(x.abs().times(new Dec(10).pow(Math.max(0, x.decimalPlaces()))).gt(Number.MAX_SAFE_INTEGER) || x.decimalPlaces() > 22).toBe(true);
        return;
      }
      expect(lastScale).toBe(x.decimalPlaces());
      same(decOfScaled(n, lastScale, x.s), x);
    }), RUNS);
  });

  it('decOfText reads what decimal.js reads', () => {
    fc.assert(fc.property(texts, (t) => {
      const scale = t.includes('.') ? t.length - t.indexOf('.') - 1 : 0;
      same(decOfText(`x${t} RUB`, 1, t.length + 1, scale), new Dec(t));
    }), RUNS);
  });
});

describe('operations on scaled integers equal decimal.js', () => {
  it('rounding (round, floor, ceil)', () => {
    fc.assert(fc.property(decs, places, modes, (x, dp, rm) => same(roundDec(x, dp, rm), x.toDecimalPlaces(dp, rm))), RUNS);
  });
  it('products, rounded or not', () => {
    fc.assert(fc.property(decs, decs, places, modes, (a, b, dp, rm) => {
      same(mulDec(a, b), a.times(b));
      same(mulRound(a, b, dp, rm), a.times(b).toDecimalPlaces(dp, rm));
    }), RUNS);
  });
  it('percentages of amounts and of numbers', () => {
    fc.assert(fc.property(decs, decs, places, modes, (p, m, dp, rm) => {
      same(pctOfRound(p, m, dp, rm), m.times(p).div(100).toDecimalPlaces(dp, rm));
      same(pctOfNum(p, m), m.times(p).div(100));
    }), RUNS);
  });
  it('sums and differences, zeros of either sign included', () => {
    fc.assert(fc.property(decs, decs, (a, b) => {
      same(addDec(a, b), a.plus(b));
      same(subDec(a, b), a.minus(b));
      same(subDec(a, a), a.minus(a));
    }), RUNS);
  });
  it('conversions at a fixed rate', () => {
    const rates = fc.oneof(decs, fc.constantFrom('1', '3', '7', '0.0000001', '450.25', '1.23456789', '2147483647', '-4').map((t) => new Dec(t)));
    fc.assert(fc.property(decs, rates, rates.filter((d) => !d.isZero()), places, modes, (a, num, den, dp, rm) => {
      same(convertDec(a, num, den, dp, rm), a.times(num).div(den).toDecimalPlaces(dp, rm));
      same(convertDec(a, num, den, -1, rm), a.times(num).div(den));
      same(convertDec(a, num, new Dec(1), -1, rm), a.times(num).div(1));
    }), RUNS);
  });
});

describe('text of scaled integers equals toFixed', () => {
  it('toFixed() and toFixed(dp, rm)', () => {
    fc.assert(fc.property(decs, places, modes, (x, dp, rm) => {
      expect(plainText(x)).toBe(x.toFixed());
      expect(fixedText(x, dp, rm)).toBe(x.toFixed(dp, rm));
    }), RUNS);
  });
});
