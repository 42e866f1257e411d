/**
 * Validity-interval memos for definitions over a day (`met(d: date)`, `certs_ok(s, d)`).
 *
 * A replay (`over d in each day from A through B`) asks such a definition about every
 * day, although its value changes on a few days only: those where one of the input dates
 * it compares the day with is crossed. So, besides its value, each memo entry keeps the
 * interval [lo, hi] of days over which every comparison the evaluation made with the day
 * would have come out the same; a later call with the same other arguments and a day in
 * that interval returns the value without evaluating.
 *
 * Why that is sound: evaluation is deterministic, so for any other day q in [lo, hi] the
 * reference follows the same path and computes the same values, PROVIDED the day p was
 * used only in ways tracked here. The invariant kept while a body runs: every value
 * computed so far is the same for every q in the current interval I (the fields `lo`,
 * `hi` of the shared state `IV`), and so is the path taken. Each use of p keeps it:
 * - a day comparison of p with a value x (computed first, so the same for all q in I):
 *   I narrows to the days giving the same outcome (`ivCmp`); `X or else p` as an operand
 *   is p exactly when X is absent, which the generated code tells the helper;
 * - p passed unchanged as the tracked parameter of another tracked definition: its value
 *   is the same over that call's own interval, which I is intersected with (`ivJoin`),
 *   on a memo hit too;
 * - any other use (arithmetic, `min(p, x)`, a record, a fall-back closure…) collapses I
 *   to [p, p] when, and only if, it is evaluated (`ivPoint`).
 * A fault ends the whole evaluation (runtime/load.ts), and nothing is stored for an
 * evaluation that faulted; a value stored was computed without a fault, and the reference
 * on any day of its interval takes the same path, so it does not fault either.
 * The traced program never uses these memos: explanations print every call.
 */
import { isExpr, type Artifact, type Definition, type Expr } from '../ir.js';
import type { Generator, Scope } from './generate.js';
import { chainOf, type Chain } from './monotone.js';

/** The interval of the evaluation in progress (lo, hi) and of the last tracked call's result (cl, ch); NaN: no memo. */
export interface IvState { lo: number; hi: number; cl: number; ch: number }

/** One state for every program: evaluations are synchronous and each tracked call saves and restores lo/hi. */
export const IV: IvState = { lo: -Infinity, hi: Infinity, cl: -Infinity, ch: Infinity };

/** Marks an operand that is the tracked day itself (never a value of the language). */
const IS_P: unknown = Symbol('the tracked day');

/** Tests a compareBy difference with an operator code (the order of OP_CODES). */
export function outcome(op: number, c: number): boolean {
  switch (op) {
    case 0: return c === 0;
    case 1: return c !== 0;
    case 2: return c < 0;
    case 3: return c <= 0;
    case 4: return c > 0;
    default: return c >= 0;
  }
}

/** Operator codes, and the operator read with its operands swapped. */
const OP_CODES: Readonly<Record<string, number>> = Object.freeze(Object.assign(Object.create(null) as Record<string, number>, { '=': 0, '<>': 1, '<': 2, '<=': 3, '>': 4, '>=': 5 }));
export const MIRROR = [0, 1, 4, 5, 2, 3];

/** Intersects I with [a, b] (NaN stays NaN: no memo for this evaluation). */
export function cut(I: IvState, a: number, b: number): void {
  if (I.lo < a) I.lo = a;
  if (I.hi > b) I.hi = b;
}

/** A use of p not tracked: I becomes [p, p] (or NaN, no memo, for a day that is not a safe integer). */
export function ivPoint(I: IvState, p: unknown): void {
  if (Number.isSafeInteger(p)) cut(I, p as number, p as number);
  else I.lo = I.hi = NaN;
}

/**
 * `l <op> r` on days, as the generated comparison computes it (`(l - r) <op> 0`), either
 * operand being IS_P for the tracked day p; narrows I to the days q giving the same outcome.
 */
function ivCmp(I: IvState, op: number, p: number, l: unknown, r: unknown): boolean {
  const lp = l === IS_P, rp = r === IS_P;
  const a = lp ? p : l, b = rp ? p : r;
  const res = outcome(op, (a as number) - (b as number));
  if (lp === rp) return res;
  // p <o> x with o the operator as seen from p, x the other operand's number (null is 0, as in the subtraction)
  const o = lp ? op : MIRROR[op]!, x = +((lp ? b : a) as number);
  if (x !== x) return res; // an undefined operand: the same outcome for every day
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(p)) { ivPoint(I, p); return res; }
  const below = p < x;
  switch (o) {
    case 0: if (res) cut(I, x, x); else if (below) cut(I, -Infinity, x - 1); else cut(I, x + 1, Infinity); break;
    case 1: if (!res) cut(I, x, x); else if (below) cut(I, -Infinity, x - 1); else cut(I, x + 1, Infinity); break;
    case 2: if (res) cut(I, -Infinity, x - 1); else cut(I, x, Infinity); break;
    case 3: if (res) cut(I, -Infinity, x); else cut(I, x + 1, Infinity); break;
    case 4: if (res) cut(I, x + 1, Infinity); else cut(I, -Infinity, x); break;
    default: if (res) cut(I, x, Infinity); else cut(I, -Infinity, x - 1);
  }
  return res;
}

/** After a call of a tracked definition with p: I meets the interval of its result. */
function ivJoin<T>(I: IvState, v: T): T {
  cut(I, I.cl, I.ch);
  if (I.cl !== I.cl) I.lo = I.hi = NaN;
  return v;
}

/** What IvMemo.get answers for a day it has no entry for. */
const IV_MISS: unknown = Symbol('no entry');

/**
 * The entries of one definition for one tuple of other arguments: disjoint intervals of
 * days sorted by their first day, each with its value. A replay asks for the days in
 * order, so the entry last found or stored is tried first; otherwise a binary search.
 */
export class IvMemo {
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  private readonly v: unknown[] = [];
  private last = -1;

  /** The value remembered for day p (setting the entry's interval as the last call's), or IV_MISS. */
  get(p: unknown, I: IvState): unknown {
    let j = this.last;
    if (!(j >= 0 && this.lo[j]! <= (p as number) && (p as number) <= this.hi[j]!)) {
      if (!Number.isSafeInteger(p)) return IV_MISS;
      j = this.before(p as number);
      if (j < 0 || (p as number) > this.hi[j]!) return IV_MISS;
      this.last = j;
    }
    I.cl = this.lo[j]!; I.ch = this.hi[j]!;
    return this.v[j];
  }

  /** Remembers v for the days of [lo, hi] (which holds p) not already covered. */
  put(p: unknown, lo: number, hi: number, v: unknown): void {
    if (!Number.isSafeInteger(p) || !(lo <= (p as number) && (p as number) <= hi)) return;
    const at = p as number, j = this.before(at);
    if (j >= 0 && this.hi[j]! >= at) return;
    if (j >= 0 && lo <= this.hi[j]!) lo = this.hi[j]! + 1;
    if (j + 1 < this.lo.length && hi >= this.lo[j + 1]!) hi = this.lo[j + 1]! - 1;
    // a replay asks its days in order, so a new entry mostly goes last
    if (j + 1 === this.lo.length) { this.lo.push(lo); this.hi.push(hi); this.v.push(v); } else { this.lo.splice(j + 1, 0, lo); this.hi.splice(j + 1, 0, hi); this.v.splice(j + 1, 0, v); }
    this.last = j + 1;
  }

  /** The last entry whose first day is at most p, or -1. */
  private before(p: number): number {
    let a = 0, b = this.lo.length;
    while (a < b) { const m = (a + b) >> 1; if (this.lo[m]! <= p) a = m + 1; else b = m; }
    return a - 1;
  }
}

/** Helpers the generated memos and comparisons call through `R`. */
export const INTERVAL_HELPERS = { IV, IS_P, IV_MISS, IvMemo, ivCmp, ivJoin, ivPoint };

const isLocal = (e: Expr, name: string): boolean => e.op === 'local' && e.name === name;

/**
 * The definitions whose last parameter, a date, gets an interval memo: those kinds the
 * generator writes, unless some use of the day that collapses the interval runs on every
 * evaluation (the memo would only cost there); found again until no more drop out, as a
 * call passing the day to a definition without the memo is such a use.
 */
export function trackedDefinitions(artifact: Artifact): Set<string> {
  const candidate = (d: Definition) => d.params.at(-1)?.type.k === 'date'
    && (d.kind === 'value' ? d.body !== undefined : ['rules', 'eligibility', 'table', 'history'].includes(d.kind));
  const defs = artifact.definitions.filter(candidate);
  const tracked = new Set(defs.map((d) => d.name));
  for (let changed = true; changed;) {
    changed = false;
    for (const d of defs) {
      if (!tracked.has(d.name) || d.kind !== 'value') continue;
      if (alwaysCollapses(artifact, d.body!, d.params.at(-1)!.name, tracked)) { tracked.delete(d.name); changed = true; }
    }
  }
  return tracked;
}

/** Whether a use of p that collapses the interval is evaluated whenever e is (only the parts always evaluated are looked at). */
function alwaysCollapses(artifact: Artifact, e: Expr, p: string, tracked: ReadonlySet<string>): boolean {
  const walk = (x: Expr): boolean => alwaysCollapses(artifact, x, p, tracked);
  switch (e.op) {
    case 'local': return e.name === p;
    case 'cmp': {
      if (e.kind !== 'day' && e.kind !== 'ms') return walk(e.left) || walk(e.right);
      // a monotone chain over the day compared with a value without it narrows (monotone.ts)
      const chain = (x: Expr) => !isLocal(x, p) && chainOf(artifact, x, (z) => isLocal(z, p))?.shape.kind === e.kind;
      const l = chain(e.left), r = chain(e.right);
      if (l !== r) return walk(l ? e.right : e.left);
      if (e.kind !== 'day') return walk(e.left) || walk(e.right);
      const side = (x: Expr) => (isLocal(x, p) ? false : x.op === 'or_else' && isLocal(x.fallback, p) ? walk(x.value) : walk(x));
      return side(e.left) || side(e.right);
    }
    case 'call': {
      const last = e.args.length - 1;
      return e.args.some((a, i) => (i === last && tracked.has(e.name) && isLocal(a, p) ? false : walk(a)));
    }
    // a branch is conditional, but a use in every branch is not (a match without otherwise faults on no case)
    case 'if': return walk(e.cond) || (walk(e.then) && walk(e.else));
    case 'match': return walk(e.subject) || (e.arms.every((a) => walk(a.result)) && (e.otherwise === undefined || walk(e.otherwise)));
    case 'and': case 'or': return e.args.length > 0 && walk(e.args[0]!);
    case 'or_else': return walk(e.value);
    case 'agg': return walk(e.list);
    default:
      for (const v of Object.values(e)) {
        if (Array.isArray(v)) { if (v.some((x) => isExpr(x) && walk(x))) return true; } else if (isExpr(v) && walk(v)) return true;
      }
      return false;
  }
}

/**
 * What the generator consults while it writes the body of one tracked definition: the
 * generated identifier of its day parameter and the names of the tracked definitions.
 * Its methods give the source of a use of the day, or undefined for the generator's own.
 */
export class IvSite {
  constructor(readonly id: string, private readonly tracked: ReadonlySet<string>) {}

  /** A use of the day not tracked: the interval collapses when it runs. */
  point(src: string): string {
    return `(R.ivPoint(I, ${this.id}), ${src})`;
  }

  /** The day as read by a local name in scope (an identifier equal to the day's, bound again inside a collection, is another). */
  local(id: string | undefined): string | undefined {
    return id === this.id ? this.point(id) : id;
  }

  /** A day comparison with the day or `X or else day` on either side, or undefined. */
  compare(g: Generator, e: Extract<Expr, { op: 'cmp' }>, s: Scope): string | undefined {
    const op = OP_CODES[e.cmp];
    if ((e.kind !== 'day' && e.kind !== 'ms') || op === undefined) return undefined;
    const isP = (x: Expr) => x.op === 'local' && s.get(x.name) === this.id;
    const orP = (x: Expr) => x.op === 'or_else' && isP(x.fallback);
    if (!isP(e.left) && !isP(e.right) && !orP(e.left) && !orP(e.right)) return this.monotone(g, e, s, op, isP);
    if (e.kind !== 'day') return undefined;
    const operand = (x: Expr) => {
      if (isP(x)) return 'R.IS_P';
      if (!orP(x)) return g.expr(x, s);
      // absent X: the operand is the day (the reference's `or else` tests null and undefined)
      const t = g.fresh('t');
      g.count('generated', 'or_else');
      return `((${t}) => ${t} === null || ${t} === undefined ? R.IS_P : ${t})(${g.expr((x as Extract<Expr, { op: 'or_else' }>).value, s)})`;
    };
    return `R.ivCmp(I, ${op}, ${this.id}, ${operand(e.left)}, ${operand(e.right)})`;
  }

  /** A comparison of a monotone chain over the day (monotone.ts) with a value without it, or undefined. */
  private monotone(g: Generator, e: Extract<Expr, { op: 'cmp' }>, s: Scope, op: number, isP: (x: Expr) => boolean): string | undefined {
    const of = (x: Expr) => { const c = chainOf(g.artifact, x, isP, g); return c?.src && c.shape.kind === e.kind ? c : undefined; };
    const l = of(e.left), r = l ? undefined : of(e.right);
    if ((l === undefined) === (r === undefined) || (l && of(e.right))) return undefined;
    const chain = (l ?? r)!, fn = chainFunction(g, chain);
    const at = `${fn}(ctx, ${this.id})`;
    // both operands computed in the reference's order, left first
    return `R.ivMono(I, ${op}, ${g.k(Object.freeze(chain.shape))}, ctx, ${fn}, ${this.id}, ${l ? 'true' : 'false'}, ${l ? at : g.expr(e.left, s)}, ${l ? g.expr(e.right, s) : at})`;
  }

  /** A call passing the day unchanged as a tracked definition's day, or undefined. */
  call(g: Generator, e: Extract<Expr, { op: 'call' }>, s: Scope): string | undefined {
    const last = e.args.at(-1);
    if (!this.tracked.has(e.name) || last?.op !== 'local' || s.get(last.name) !== this.id) return undefined;
    const call = g.callDef(e.name, [...e.args.slice(0, -1).map((a) => g.expr(a, s)), this.id]);
    return call === undefined ? undefined : `R.ivJoin(I, ${call})`;
  }
}

/** The chain functions `mono<i>(ctx, q)` written for each generator (a module-level function each: no closure per comparison). */
const CHAIN_FUNCTIONS = new WeakMap<Generator, string[]>();

/** The name of a new chain function computing the chain at the day `q`. */
function chainFunction(g: Generator, chain: Chain): string {
  let fns = CHAIN_FUNCTIONS.get(g);
  if (!fns) CHAIN_FUNCTIONS.set(g, fns = []);
  const name = `mono${fns.length}`;
  fns.push(`function ${name}(ctx, q) { return ${chain.src!('q')}; }`);
  return name;
}

/** The sources of the chain functions a generator's program needs (placed beside its definitions). */
export function chainFunctions(g: Generator): string[] {
  return CHAIN_FUNCTIONS.get(g) ?? [];
}

/**
 * Source of the memoised function `d<i>` of a tracked definition, parameters a0..an-1,
 * the last the day: the other arguments key a chain of maps (decimals by value), its leaf
 * an IvMemo. The caller's interval is saved around the body and the result's interval left
 * in `cl`/`ch` for a tracked caller, on a hit as on a miss.
 */
export function ivMemoised(i: number, arity: number, body: string, numeric: boolean[]): string {
  const params = Array.from({ length: arity }, (_, j) => `a${j}`);
  const p = params[arity - 1]!;
  let src = `function d${i}(ctx${params.map((q) => `, ${q}`).join('')}) { const S = ctx.slots, I = R.IV; `;
  if (arity === 1) src += `let m = S[${i}]; if (m === R.UNSET) S[${i}] = m = new R.IvMemo(); `;
  else {
    src += `let m0 = S[${i}]; if (m0 === R.UNSET) S[${i}] = m0 = new Map(); `;
    for (let j = 0; j < arity - 1; j++) {
      const key = numeric[j] ? `R.decKey(a${j})` : `a${j}`, make = j === arity - 2 ? 'new R.IvMemo()' : 'new Map()';
      src += `const k${j} = ${key}; let m${j + 1} = m${j}.get(k${j}); if (m${j + 1} === undefined) m${j}.set(k${j}, m${j + 1} = ${make}); `;
    }
    src += `const m = m${arity - 1}; `;
  }
  return `${src}const c = m.get(${p}, I); if (c !== R.IV_MISS) return c; `
    + `const sl = I.lo, sh = I.hi; I.lo = -Infinity; I.hi = Infinity; const v = ${body}; `
    + `const lo = I.lo, hi = I.hi; I.lo = sl; I.hi = sh; m.put(${p}, lo, hi, v); I.cl = lo; I.ch = hi; return v; }`;
}
