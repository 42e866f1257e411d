/**
 * Money, percentages and decimals as scaled integers where they fit: a value is read as
 * a safe integer N and a scale k (value = N / 10^k), the operation done on integers, and
 * the result written back as a decimal.js value with exactly the digits, exponent and
 * sign decimal.js itself would give. Anything that could leave the safe integer range
 * (±2^53) takes decimal.js's own operation instead, so every function here answers what
 * its decimal.js expression answers, on every input (test/runtime/scaled.test.ts proves
 * it by property). Values between generated definitions, in records and in outputs stay
 * decimal.js values: the integers live only inside one operation.
 */
import type { Decimal } from 'decimal.js';
import { Dec } from './decimal.js';

/** A decimal.js rounding mode (Decimal.ROUND_UP … ROUND_HALF_FLOOR). */
type Rm = Decimal.Rounding;
/** decimal.js's fields, written once while a new value is built. */
type Fields = { s: number; e: number; d: number[] };

/** decimal.js rounding constants (numbers, as Decimal.ROUND_*). */
const UP = 0, DOWN = 1, CEIL = 2, FLOOR = 3, HALF_UP = 4, HALF_DOWN = 5, HALF_EVEN = 6, HALF_CEIL = 7, HALF_FLOOR = 8;
const BASE = 1e7;
const SAFE = Number.MAX_SAFE_INTEGER;
/** 10^i for i in 0..22 (every one exact as a double). */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Number of decimal digits of a positive integer below 2^53. */
function digitCount(n: number): number {
  let d = 1;
  while (d < 16 && n >= POW10[d]!) d++;
  return d;
}

/**
 * A decimal.js value from its fields, without decimal.js's constructor: that constructor
 * tells numbers, texts and Decimals apart on every call and costs several times an
 * allocation, which for input amounts and every scaled result was most of their price.
 * The object has decimal.js's own fields in its order (constructor, s, e, d) and its
 * prototype, so every decimal.js method, `instanceof` and `isDec` treat it as one of its own.
 */
const Made = function (this: Fields & { constructor: unknown }, s: number, e: number, d: number[]) {
  this.constructor = Dec; this.s = s; this.e = e; this.d = d;
} as unknown as new (s: number, e: number, d: number[]) => Dec;
Made.prototype = Dec.prototype;

/**
 * The decimal N / 10^k (N a safe integer, 0 ≤ k ≤ 22) as decimal.js stores it: words of
 * seven digits aligned on the decimal point, no leading or trailing zero words. `sign`
 * is the sign of a zero (decimal.js keeps -0), ignored otherwise.
 */
export function decOfScaled(n: number, k: number, sign = 1): Dec {
  if (n === 0) return new Made(sign < 0 ? -1 : 1, 0, [0]);
  let a = n, s = 1;
  if (a < 0) { a = -a; s = -1; }
  // the lowest word holds the last (7 - pad) digits, padded with zeros up to the word's end
  const pad = (7 - (k % 7)) % 7, low = POW10[7 - pad]!;
  const r = a % low;
  // |N| < 2^53 and low ≥ 10: the rest has at most three words, w3 < 10^7
  let t = (a - r) / low;
  const w0 = r * POW10[pad]!, w1 = t % BASE;
  t = (t - w1) / BASE;
  const w2 = t % BASE, w3 = (t - w2) / BASE;
  // the highest word is never zero (N is not), the lowest kept is the last nonzero one
  const top = w3 !== 0 ? 3 : w2 !== 0 ? 2 : w1 !== 0 ? 1 : 0;
  const bottom = w0 !== 0 ? 0 : w1 !== 0 ? 1 : w2 !== 0 ? 2 : 3;
  const word = (i: number): number => (i === 0 ? w0 : i === 1 ? w1 : i === 2 ? w2 : w3);
  const len = top - bottom;
  const d = len === 0 ? [word(top)] : len === 1 ? [word(top), word(bottom)] : len === 2 ? [word(top), word(top - 1), word(bottom)] : [w3, w2, w1, w0];
  return new Made(s, digitCount(a) - 1 - k, d);
}

/** The scale of the last `scaledOf` that succeeded (a second return value, so no pair is allocated). */
export let lastScale = 0;

/**
 * The safe integer N with `x = N / 10^lastScale` (smallest scale; the sign of a zero is
 * lost, read x.s for it), or NaN when x has no such N (|N| ≥ 2^53, not finite).
 */
export function scaledOf(x: Dec): number {
  const d = x.d;
  if (!d || d.length > 4) return NaN;
  const w0 = d[0]!, len = d.length;
  if (w0 === 0) { lastScale = 0; return 0; }
  // the last word without its trailing zeros (decimal.js keeps no zero word at the end)
  let last = d[len - 1]!, tz = 0;
  while (last % 10 === 0) { last /= 10; tz++; }
  let n: number;
  if (len === 1) n = last;
  else {
    n = w0;
    for (let i = 1; i < len - 1; i++) n = n * BASE + d[i]!;
    n = n * POW10[7 - tz]! + last;
  }
  // all terms are non-negative, so the sum is exact when it ends within the safe range
  if (n > SAFE) return NaN;
  // the exponent of the last digit kept
  let k = 7 * (len - 1) - tz - x.e + digitCount(w0) - 1;
  if (k < 0) {
    if (k < -15) return NaN;
    n *= POW10[-k]!;
    if (n > SAFE) return NaN;
    k = 0;
  }
  if (k > 22) return NaN;
  lastScale = k;
  return x.s < 0 ? -n : n;
}

/**
 * n / 10^j rounded to an integer by a decimal.js rounding mode; n is a safe integer and
 * 0 ≤ j ≤ 15 (NaN beyond, or for an unknown mode).
 */
export function roundShift(n: number, j: number, rm: Rm): number {
  if (j === 0) return n;
  if (j > 15) return NaN;
  const m = POW10[j]!;
  const r = n % m, q = (n - r) / m;
  return r === 0 ? q : roundQuotient(q, r, m, rm);
}

// ------------------------------------------------------------------ operations

/** `x.toDecimalPlaces(dp, rm)`. */
export function roundDec(x: Dec, dp: number, rm: Rm): Dec {
  const n = scaledOf(x), k = lastScale;
  if (n !== n) return x.toDecimalPlaces(dp, rm);
  if (k <= dp) return x;
  const q = roundShift(n, k - dp, rm);
  return q !== q ? x.toDecimalPlaces(dp, rm) : decOfScaled(q, dp, x.s);
}

/** The exact product N / 10^k of two decimals, rounded to dp places by rm (dp < 0: not rounded); undefined when not safe. */
function product(a: Dec, b: Dec, extra: number, dp: number, rm: Rm): Dec | undefined {
  const na = scaledOf(a), ka = lastScale, nb = scaledOf(b), kb = lastScale;
  const p = na * nb, k = ka + kb + extra;
  // NaN fails this test too; a product beyond 2^53 is at least 2^53 as a double
  if (!(Math.abs(p) <= SAFE) || k > 22) return undefined;
  const sign = a.s * b.s;
  if (dp < 0 || k <= dp) return decOfScaled(p, k, sign);
  const q = roundShift(p, k - dp, rm);
  return q !== q ? undefined : decOfScaled(q, dp, sign);
}

/** `a.times(b)` (exact: a product of two safe integers has far fewer than 60 digits). */
export function mulDec(a: Dec, b: Dec): Dec {
  return product(a, b, 0, -1, 0) ?? a.times(b);
}

/** `a.times(b).toDecimalPlaces(dp, rm)`: money times a number, rounded as the program rounds money. */
export function mulRound(a: Dec, b: Dec, dp: number, rm: Rm): Dec {
  return product(a, b, 0, dp, rm) ?? a.times(b).toDecimalPlaces(dp, rm);
}

/** `m.times(p).div(100).toDecimalPlaces(dp, rm)`: p percent of an amount, rounded. */
export function pctOfRound(p: Dec, m: Dec, dp: number, rm: Rm): Dec {
  return product(m, p, 2, dp, rm) ?? m.times(p).div(100).toDecimalPlaces(dp, rm);
}

/** `n.times(p).div(100)`: p percent of a number (exact, never rounded). */
export function pctOfNum(p: Dec, n: Dec): Dec {
  return product(n, p, 2, -1, 0) ?? n.times(p).div(100);
}

/**
 * `a.plus(b)` (`negate`: `a.minus(b)`), with decimal.js's rules for zeros: a zero operand
 * gives the other (negated when subtracted); two zeros give a's zero when decimal.js adds
 * their magnitudes (a sum of like signs, a difference of unlike ones) and +0 when it
 * subtracts them, as do nonzero operands that cancel (its half-up configuration).
 */
function sum(a: Dec, b: Dec, negate: boolean): Dec | undefined {
  const na = scaledOf(a), ka = lastScale;
  const nb0 = scaledOf(b), kb = lastScale;
  if (na !== na || nb0 !== nb0) return undefined;
  if (nb0 === 0) return na !== 0 || negate !== (a.s === b.s) ? a : decOfScaled(0, 0, 1);
  const nb = negate ? -nb0 : nb0;
  if (na === 0) return decOfScaled(nb, kb, 1);
  const k = ka > kb ? ka : kb;
  const x = ka === k ? na : na * POW10[k - ka]!, y = kb === k ? nb : nb * POW10[k - kb]!;
  const s = x + y;
  if (!(Math.abs(x) <= SAFE && Math.abs(y) <= SAFE && Math.abs(s) <= SAFE)) return undefined;
  return decOfScaled(s, k, 1);
}

/** `a.plus(b)`. */
export function addDec(a: Dec, b: Dec): Dec {
  return sum(a, b, false) ?? a.plus(b);
}

/** `a.minus(b)`. */
export function subDec(a: Dec, b: Dec): Dec {
  return sum(a, b, true) ?? a.minus(b);
}

/**
 * `a.times(num).div(den)` (then `.toDecimalPlaces(dp, rm)` when dp ≥ 0; dp < 0: not rounded): a conversion at a
 * fixed rate. With a divisor below 2^31 a quotient's digits cannot run on as nines or
 * zeros long enough for decimal.js's 60-digit division to round otherwise than the exact
 * quotient does, so the integer division rounds once, as decimal.js's two roundings do.
 */
export function convertDec(a: Dec, num: Dec, den: Dec, dp: number, rm: Rm): Dec {
  const slow = () => (dp < 0 ? a.times(num).div(den) : a.times(num).div(den).toDecimalPlaces(dp, rm));
  const nd = scaledOf(den), kd = lastScale;
  // a rate of whole units (1 bonus = 1 RUB): the product, which division by 1 leaves as it is
  // (at 1:1 the amount itself: decimal.js values are never changed in place)
  if (dp < 0 && nd === 1 && kd === 0) return scaledOf(num) === 1 && lastScale === 0 ? a : mulDec(a, num);
  if (nd !== nd || nd <= 0 || nd > 2 ** 31 || dp < 0) return slow();
  const p = product(a, num, 0, -1, 0);
  if (p === undefined) return slow();
  // a / (nd / 10^kd) = a * 10^kd / nd
  const np = scaledOf(p), kp = lastScale;
  if (np !== np || kp > 22) return slow();
  // the quotient scaled to dp places: np * 10^(kd + dp - kp) / nd
  const shift = kd + dp - kp;
  if (shift < 0 || shift > 15) return slow();
  const x = np * POW10[shift]!;
  if (!(Math.abs(x) <= SAFE)) return slow();
  const r = x % nd, q = (x - r) / nd;
  const rounded = r === 0 ? q : roundQuotient(q, r, nd, rm);
  return rounded !== rounded ? slow() : decOfScaled(rounded, dp, p.s * den.s);
}

/** q + r/m (0 < |r| < m, r of q's sign) rounded by rm. */
function roundQuotient(q: number, r: number, m: number, rm: Rm): number {
  const neg = r < 0, twice = 2 * (neg ? -r : r);
  let away: boolean;
  switch (rm) {
    case UP: away = true; break;
    case DOWN: away = false; break;
    case CEIL: away = !neg; break;
    case FLOOR: away = neg; break;
    case HALF_UP: away = twice >= m; break;
    case HALF_DOWN: away = twice > m; break;
    case HALF_EVEN: away = twice > m || (twice === m && q % 2 !== 0); break;
    case HALF_CEIL: away = twice > m || (twice === m && !neg); break;
    case HALF_FLOOR: away = twice > m || (twice === m && neg); break;
    default: return NaN;
  }
  return away ? (neg ? q - 1 : q + 1) : q;
}

// ------------------------------------------------------------------ text

/** The digits of |n| with a point before the last k (k ≥ 0), as toFixed writes them. */
function pointed(n: number, k: number): string {
  const digits = String(n < 0 ? -n : n);
  if (k === 0) return digits;
  const whole = digits.length - k;
  return whole > 0 ? `${digits.slice(0, whole)}.${digits.slice(whole)}` : `0.${'0'.repeat(-whole)}${digits}`;
}

/** `x.toFixed()`: all digits, never exponent notation. */
export function plainText(x: Dec): string {
  const n = scaledOf(x);
  if (n !== n) return x.toFixed();
  const text = pointed(n, lastScale);
  return n < 0 ? `-${text}` : text;
}

/** `x.toFixed(dp, rm)`: rounded to dp places; the sign is x's when x is not zero (decimal.js looks before rounding). */
export function fixedText(x: Dec, dp: number, rm: Rm): string {
  const n = scaledOf(x), k = lastScale;
  if (n !== n) return x.toFixed(dp, rm);
  let text: string;
  if (k > dp) {
    const q = roundShift(n, k - dp, rm);
    if (q !== q) return x.toFixed(dp, rm);
    text = pointed(q, dp);
  } else text = dp === k ? pointed(n, k) : `${pointed(n, k)}${k === 0 ? '.' : ''}${'0'.repeat(dp - k)}`;
  return n < 0 ? `-${text}` : text;
}

/**
 * Decimal text `text[from, to)` already checked as `-?digits(.digits)?` with `scale`
 * digits after the point: the decimal, read without decimal.js's parser when it has at
 * most 15 digits (always a safe integer).
 */
export function decOfText(text: string, from: number, to: number, scale: number): Dec {
  const neg = text.charCodeAt(from) === 45;
  const start = neg ? from + 1 : from;
  if (to - start - (scale > 0 ? 1 : 0) > 15) return new Dec(text.slice(from, to));
  let n = 0;
  for (let i = start; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 46) n = n * 10 + (c - 48);
  }
  return decOfScaled(neg ? -n : n, scale, neg ? -1 : 1);
}
