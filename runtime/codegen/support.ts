/**
 * The run-time helpers generated code calls through `R`: the few operations that are
 * not a single JavaScript expression. They are the reference evaluator's own helpers
 * where one exists, so both paths share one definition of each operation.
 */
import { Dec, ZERO, isDec, compareDec } from '../values/decimal.js';
import { scaledOf, lastScale, POW10, decOfScaled, addDec, subDec, mulDec, mulRound, pctOfRound, pctOfNum, roundDec, convertDec } from '../values/scaled.js';
import { localDay } from '../values/instant.js';
import { fault } from '../errors.js';
import { DEFINITION_HELPERS } from './definitions.js';
import { TIME_HELPERS } from './time.js';
import { INTERVAL_HELPERS } from './intervals.js';
import { MONOTONE_HELPERS } from './monotone.js';
import { COLLECTION_HELPERS } from './collections.js';
import { compareBy, inInterval, spend, type D, type Frame } from '../eval/common.js';

/** Marks a memo slot not yet computed (absent values are null, so null cannot mark it). */
export const UNSET: unknown = Symbol('unset');

/** Builds a frame (local name -> value) for a closure the generator fell back to. */
function frame(names: readonly string[], values: unknown[]): Frame {
  const f: Frame = Object.create(null);
  for (let i = 0; i < names.length; i++) f[names[i]!] = values[i];
  return f;
}

/** A divisor must not be zero: the reference's sentence. */
function nz(d: D): D {
  return d.isZero() ? fault('RB-E-DIV-ZERO', 'A division by zero: the divisor is 0.') : d;
}

function noAsOf(): never {
  return fault('RB-E-NO-ASOF', 'These rules depend on the evaluation instant; give it with --as-of (CLI) or the asOf option.');
}

function noCase(s: unknown): never {
  return fault('RB-E-NO-RULE', `No case of the match covers "${s as string}".`);
}

/** min/max of decimals or day numbers, as the reference's builtin compares them. */
function order(x: unknown, y: unknown): number {
  return isDec(x) ? compareDec(x, y as D) : (x as number) - (y as number);
}

/** True when two arguments of a decimal parameter have one memo key (decKey): identical, or equal in value. */
function sameDec(x: unknown, y: unknown): boolean {
  return x === y || decKey(x) === decKey(y);
}

/**
 * Remembers `f(args) = v` under the arguments' memo keys `ks` (decimals by value, everything
 * else by identity) when a definition's slot holds more than its first call: the generated
 * code keeps that one as `{a0, …, an-1, v}` (codegen/index.ts `memoised`) and gives its keys
 * as `firstKeys` (undefined when the slot is already the full memo). The slot becomes the
 * full memo, a chain of maps, its last level a DayMemo when the last parameter is a date
 * (`day`); from then on the generated code walks and fills it inline.
 */
function memoMore(S: unknown[], i: number, firstKeys: unknown[] | undefined, ks: unknown[], v: unknown, day: boolean): void {
  let full = S[i] as Map<unknown, unknown> | DayMemo;
  if (firstKeys !== undefined) {
    const first = full as unknown as { v: unknown };
    S[i] = full = day && ks.length === 1 ? new DayMemo() : new Map();
    setIn(full, firstKeys, first.v, day);
  }
  setIn(full, ks, v, day);
}

/** Sets `ks → v` in a full memo (see memoMore). */
function setIn(full: Map<unknown, unknown> | DayMemo, ks: unknown[], v: unknown, day: boolean): void {
  if (!day) { setChain(full as Map<unknown, unknown>, ks, v); return; }
  let n: Map<unknown, unknown> | DayMemo = full;
  for (let j = 0; j < ks.length - 1; j++) {
    const map = n as Map<unknown, unknown>;
    let next = map.get(ks[j]) as Map<unknown, unknown> | DayMemo | undefined;
    if (next === undefined) map.set(ks[j], next = j === ks.length - 2 ? new DayMemo() : new Map());
    n = next;
  }
  (n as DayMemo).set(ks[ks.length - 1], v);
}

/** Sets a value in a chain of maps, building the levels it lacks. */
function setChain(root: Map<unknown, unknown>, ks: unknown[], v: unknown): void {
  let n = root;
  for (let j = 0; j < ks.length - 1; j++) {
    let next = n.get(ks[j]) as Map<unknown, unknown> | undefined;
    if (next === undefined) n.set(ks[j], next = new Map());
    n = next;
  }
  n.set(ks[ks.length - 1], v);
}

/** Most UNSET slots one store may add to a DayMemo's array (a day far from the others goes to a Map). */
const DAY_GAP = 400;

/** Marks DayMemo's first slot as empty: no key is this. */
const NO_KEY: unknown = Symbol('no key');

/**
 * The memo of a definition over a date parameter (day numbers, small integers close
 * together: a replay asks for every day in turn). The first day stored sits in a slot of
 * its own (most evaluations ask for one day, and then no array is built); from the second
 * on, an array indexed by the day minus a base fixed by that day (with room for earlier
 * days), so a lookup is one subtraction and one index instead of hashing. Anything else (a
 * day far away, a value that is not an integer, NaN) goes to a Map, so every key is still
 * remembered by identity (SameValueZero, as a Map compares keys).
 */
export class DayMemo {
  private k0: unknown = NO_KEY;
  private v0: unknown = UNSET;
  private base = NaN;
  private days: unknown[] | undefined = undefined;
  private far: Map<unknown, unknown> | undefined = undefined;

  /** The value remembered for k, or UNSET. */
  get(k: unknown): unknown {
    if (k === this.k0) return this.v0;
    const days = this.days;
    if (days !== undefined) {
      const j = typeof k === 'number' ? k - this.base : NaN;
      if (j >= 0 && j < days.length && (j | 0) === j) {
        // a day stored while it was too far for the array may sit in the Map
        const v = days[j];
        if (v !== UNSET || this.far === undefined) return v;
      }
    }
    return this.far !== undefined && this.far.has(k) ? this.far.get(k) : UNSET;
  }

  set(k: unknown, v: unknown): void {
    // the first key (again), unless NaN: === would never find it, the Map does
    if (k === this.k0 || (this.k0 === NO_KEY && k === k)) { this.k0 = k; this.v0 = v; return; }
    if (this.base !== this.base && Number.isSafeInteger(k)) this.base = (k as number) - 64;
    const j = typeof k === 'number' ? k - this.base : NaN;
    // j is an integer exactly when k is (the base is one): fractions and NaN fail this test
    const days = this.days ?? [];
    if (j >= 0 && j < days.length + DAY_GAP && (j | 0) === j) {
      while (days.length <= j) days.push(UNSET);
      days[j] = v;
      this.days = days;
    } else (this.far ??= new Map()).set(k, v);
  }
}

/**
 * A memo key for a decimal argument: its value, so equal amounts computed twice share one
 * entry. Up to 15 digits the value as a double is the key (distinct decimals of at most 15
 * significant digits are distinct doubles, and a value's scaled integer has the fewest
 * digits); longer ones are keyed by their text, which no number equals.
 */
function decKey(v: unknown): unknown {
  if (!isDec(v)) return v;
  const n = scaledOf(v);
  return n === n && Math.abs(n) < 1e15 ? n / POW10[lastScale]! : v.toString();
}

/**
 * The running total of a `sum` aggregate: the reference adds item by item from 0
 * (`addDec`, i.e. decimal.js `plus`); this keeps the exact total as a safe integer N / 10^k
 * and builds one Dec at the end instead of one per item. Starting from +0, decimal.js's
 * partial sums that are zero are always +0 (values/scaled.ts `sum`), so the sign of a zero
 * needs no tracking. An item or total beyond a safe integer turns the total into the Dec
 * the reference holds at that point and goes on with `addDec`.
 */
export class DecSum {
  private n = 0;
  private k = 0;
  private slow: Dec | undefined = undefined;

  add(x: Dec): void {
    if (this.slow !== undefined) { this.slow = addDec(this.slow, x); return; }
    const nb = scaledOf(x), kb = lastScale;
    if (nb === 0) return;
    if (nb === nb) {
      const k = this.k > kb ? this.k : kb;
      const a = this.k === k ? this.n : this.n * POW10[k - this.k]!, b = kb === k ? nb : nb * POW10[k - kb]!;
      const t = a + b;
      if (Math.abs(a) <= Number.MAX_SAFE_INTEGER && Math.abs(b) <= Number.MAX_SAFE_INTEGER && Math.abs(t) <= Number.MAX_SAFE_INTEGER) {
        this.n = t; this.k = t === 0 ? 0 : k;
        return;
      }
    }
    this.slow = addDec(decOfScaled(this.n, this.k, 1), x);
  }

  /** The total as the reference's Dec. */
  value(): Dec {
    return this.slow ?? (this.n === 0 ? ZERO : decOfScaled(this.n, this.k, 1));
  }
}

/** The Decs of 0..1023, made once: decimals are immutable, so a count may share them. */
const SMALL_INTS: readonly Dec[] = Array.from({ length: 1024 }, (_, i) => new Dec(i));

/** `new Dec(n)` for a count n ≥ 0 (a count of every day's employees need not allocate). */
function countDec(n: number): Dec {
  return n < 1024 ? SMALL_INTS[n]! : new Dec(n);
}

/** Money and decimal operations on scaled integers where they fit (values/scaled.ts). */
const MONEY_HELPERS = { addDec, subDec, mulDec, mulRound, pctOfRound, pctOfNum, roundDec, convertDec, compareDec };

/**
 * The helpers object passed to every generated program. Boundary contract: every money,
 * percent and decimal value generated code passes between definitions, stores in records
 * or lists, returns as an output or hands to a reference closure is a decimal.js `Dec`
 * (the scaled integers of MONEY_HELPERS live inside one operation only); dates are day
 * numbers and instants epoch milliseconds, as in the reference interpreter.
 */
export const R = { ...DEFINITION_HELPERS, ...TIME_HELPERS, ...COLLECTION_HELPERS, ...MONEY_HELPERS, ...INTERVAL_HELPERS, ...MONOTONE_HELPERS, UNSET, Dec, ZERO, frame, nz, noAsOf, noCase, order, decKey, sameDec, memoMore, DayMemo, DecSum, countDec, compareBy, inInterval, localDay, spend };
export type Helpers = typeof R;
