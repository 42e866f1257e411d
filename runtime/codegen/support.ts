/**
 * The run-time helpers generated code calls through `R`: the few operations that are
 * not a single JavaScript expression. They are the reference evaluator's own helpers
 * where one exists, so both paths share one definition of each operation.
 */
import { Dec, ZERO, isDec, compareDec } from '../values/decimal.js';
import { scaledOf, lastScale, POW10, addDec, subDec, mulDec, mulRound, pctOfRound, pctOfNum, roundDec, convertDec } from '../values/scaled.js';
import { localDay } from '../values/instant.js';
import { fault } from '../errors.js';
import { DEFINITION_HELPERS } from './definitions.js';
import { TIME_HELPERS } from './time.js';
import { compareBy, inInterval, type D, type Frame } from '../eval/common.js';

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

/**
 * Remembers `f(k) = v` in slot i of a one-parameter definition: a pair for the first
 * argument (most are called with one), a Map from the second on. The slot is read again
 * here, as the body may have called the definition with other arguments meanwhile.
 */
function remember(S: unknown[], i: number, k: unknown, v: unknown): void {
  const m = S[i];
  if (m === UNSET) S[i] = { k, v };
  else if (m instanceof Map) m.set(k, v);
  else {
    // two set calls: the Map constructor's iterable of pairs costs an iterator and two arrays
    const p = m as { k: unknown; v: unknown }, map = new Map<unknown, unknown>();
    map.set(p.k, p.v).set(k, v);
    S[i] = map;
  }
}

/** The value remembered in a chain of maps (one level per argument), or UNSET. */
function recallChain(m: Map<unknown, unknown>, ks: unknown[]): unknown {
  let n: unknown = m;
  for (let j = 0; j < ks.length - 1; j++) {
    n = (n as Map<unknown, unknown>).get(ks[j]);
    if (n === undefined) return UNSET;
  }
  const last = n as Map<unknown, unknown>, k = ks[ks.length - 1];
  return last.has(k) ? last.get(k) : UNSET;
}

/**
 * Remembers a value of a definition of several parameters: the first tuple of arguments as
 * a pair (no map built for a definition called once per evaluation), a chain of maps once
 * a second tuple comes.
 */
function rememberTuple(S: unknown[], i: number, ks: unknown[], v: unknown): void {
  const m = S[i];
  if (m === UNSET) { S[i] = { k: ks, v }; return; }
  let root: Map<unknown, unknown>;
  if (m instanceof Map) root = m;
  else {
    const p = m as { k: unknown[]; v: unknown };
    S[i] = root = new Map();
    setChain(root, p.k, p.v);
  }
  setChain(root, ks, v);
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

/** Money and decimal operations on scaled integers where they fit (values/scaled.ts). */
const MONEY_HELPERS = { addDec, subDec, mulDec, mulRound, pctOfRound, pctOfNum, roundDec, convertDec, compareDec };

/**
 * The helpers object passed to every generated program. Boundary contract: every money,
 * percent and decimal value generated code passes between definitions, stores in records
 * or lists, returns as an output or hands to a reference closure is a decimal.js `Dec`
 * (the scaled integers of MONEY_HELPERS live inside one operation only); dates are day
 * numbers and instants epoch milliseconds, as in the reference interpreter.
 */
export const R = { ...DEFINITION_HELPERS, ...TIME_HELPERS, ...MONEY_HELPERS, UNSET, Dec, ZERO, frame, nz, noAsOf, noCase, order, decKey, remember, recallChain, rememberTuple, compareBy, inInterval, localDay };
export type Helpers = typeof R;
