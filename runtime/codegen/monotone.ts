/**
 * Interval memos (intervals.ts) through monotone uses of the day: `d + 30 days`,
 * `d at 23:00`, `calculation(d) - 1 year`, where `calculation(d) = d at 23:00`. Such a
 * value v(q) is not the same on every day q, so it may not be used as an ordinary value;
 * but a comparison of it with a value x that is (`c.at < calculation(d)`) keeps the same
 * outcome over a run of days, which the interval is narrowed to.
 *
 * How the run is found, exactly, without trusting the zone arithmetic to be monotone
 * (clocks skipped or repeated, offsets changed by a day, clamped month ends): each chain
 * has two integer-valued day maps lo(q) ≤ hi(q), built from `+ n days` and clamped
 * `+ n months` only, which are non-decreasing in q, and v(q) is proven to lie in
 * [lo(q)·u + a, hi(q)·u + b] (u = 1 for dates, a day in ms for instants). Then the days
 * where hi(q)·u + b < x are a prefix on which v < x for sure, those where lo(q)·u + a > x
 * a suffix on which v > x; the few days between are decided by computing v there (the
 * same generated function the comparison itself uses). For a date chain lo = hi = v.
 *
 * The bounds, per step (offsets of any zone are within ±24 h; D is a day in ms):
 * - `date ± n days` is q + n; `date ± n months|years` with the clamp policy is
 *   non-decreasing (a later day never lands on an earlier one); overflow is not, so it is
 *   not followed;
 * - `D at t` is the wall time D·D + t minus an offset of the zone, or in a gap a moment
 *   between the two candidates (rounded down to the minute): within [D·D + t − D − 1 min, D·D + t + D];
 * - `i ± n hours|minutes` is exact; `i ± n days|months|years` shifts the local day of i
 *   (within [i − D, i + D] in ms), keeps the time of day and subtracts an offset again.
 * Chains change years by at most a century and days are kept in years 1000–9000, so no
 * step leaves the range where these operations give numbers.
 */
import type { Artifact, Definition, Expr } from '../ir.js';
import type { Ctx } from '../eval/common.js';
import { addMonths } from '../eval/time.js';
import { epochDay } from '../values/calendar-date.js';
import { cut, ivPoint, outcome, MIRROR, type IvState } from './intervals.js';
import type { Generator } from './generate.js';

const D = 86_400_000;
/** The days a chain is followed on (beyond them: a single-day interval). */
const SAFE_LO = epochDay(1000, 1, 1), SAFE_HI = epochDay(9000, 1, 1);

/** A chain's bounds: day maps as flat [kind, n, …] (0: + n days, 1: + n months clamped), and the constants a, b. */
export interface Shape { kind: 'day' | 'ms'; lo: number[]; hi: number[]; a: number; b: number; years: number }

/** A value computed from the day by a monotone chain, with the source of that chain at a day `q`. */
export interface Chain { shape: Shape; src?: (q: string) => string }

function apply(ops: readonly number[], q: number): number {
  for (let i = 0; i < ops.length; i += 2) q = ops[i] === 0 ? q + ops[i + 1]! : addMonths(q, ops[i + 1]!, 'clamp');
  return q;
}

const UNIT_YEARS: Readonly<Record<string, number>> = { days: 1 / 365, months: 1 / 12, years: 1, hours: 1 / 8760, minutes: 1 / 525_600 };

/** Whether an expression reads no local name at all (the same on every day). */
function dayFree(e: unknown): boolean {
  if (Array.isArray(e)) return e.every(dayFree);
  if (!e || typeof e !== 'object') return true;
  if ((e as { op?: string }).op === 'local') return false;
  return Object.values(e).every((v) => !v || typeof v !== 'object' || dayFree(v));
}

const same = (a: Shape, b: Shape) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The chain of an expression over the day (`isP` tells the day itself), or undefined.
 * With `g`, the chain's source too (then `match`/`if` are not followed: their source is
 * the generator's); without, only its shape (the body of a called definition).
 */
export function chainOf(artifact: Artifact, e: Expr, isP: (x: Expr) => boolean, g?: Generator, depth = 0, avoid: ReadonlySet<string> = new Set()): Chain | undefined {
  if (isP(e)) return { shape: { kind: 'day', lo: [], hi: [], a: 0, b: 0, years: 0 }, src: (q) => q };
  const sub = (x: Expr) => chainOf(artifact, x, isP, g, depth, avoid);
  const program = artifact.program;
  switch (e.op) {
    case 'date_add': {
      if (e.duration.op !== 'const') return undefined;
      const dur = e.duration.value as { n: number; unit: string };
      const n = dur.n * e.sign, per = UNIT_YEARS[dur.unit];
      if (!Number.isSafeInteger(n) || per === undefined) return undefined;
      const base = sub(e.base);
      if (!base) return undefined;
      const s = base.shape, years = s.years + Math.abs(n) * per;
      if (years > 100) return undefined;
      let shape: Shape;
      if (!e.instant) {
        if (s.kind !== 'day') return undefined;
        if (dur.unit === 'days') shape = { ...s, lo: [...s.lo, 0, n], hi: [...s.hi, 0, n], years };
        else if ((dur.unit === 'months' || dur.unit === 'years') && program.monthEnd === 'clamp') {
          const m = dur.unit === 'years' ? 12 * n : n;
          shape = { ...s, lo: [...s.lo, 1, m], hi: [...s.hi, 1, m], years };
        } else return undefined;
      } else {
        if (s.kind !== 'ms') return undefined;
        if (dur.unit === 'hours' || dur.unit === 'minutes') {
          const k = n * (dur.unit === 'hours' ? 3_600_000 : 60_000);
          shape = { ...s, a: s.a + k, b: s.b + k, years };
        } else if (dur.unit === 'days' || dur.unit === 'months' || dur.unit === 'years') {
          // the local day of i lies in [floor((lo·D + a − D) / D), floor((hi·D + b + D) / D)]
          const step = dur.unit === 'days' ? [0, n] : [1, dur.unit === 'years' ? 12 * n : n];
          const lo = [...s.lo, 0, Math.floor(s.a / D) - 1, ...step], hi = [...s.hi, 0, Math.floor(s.b / D) + 1, ...step];
          shape = { kind: 'ms', lo, hi, a: -D, b: 2 * D, years };
        } else return undefined;
      }
      const site = { sign: e.sign, instant: e.instant, zone: program.zone, policy: program.monthEnd, calendar: program.calendar };
      const k = g ? [g.k(dur), g.k(Object.freeze(site))] : [];
      return { shape, src: g && base.src && ((q) => `R.addDuration(ctx, ${base.src!(q)}, ${k[0]}, ${k[1]})`) };
    }
    case 'clock': {
      const base = sub(e.date);
      if (!base || base.shape.kind !== 'day' || !Number.isFinite(e.seconds)) return undefined;
      const t = e.seconds * 1000, s = base.shape;
      const k = g ? [g.k(e.seconds), g.k(e.zone)] : [];
      return { shape: { ...s, kind: 'ms', a: t - D - 60_000, b: t + D }, src: g && base.src && ((q) => `R.instantAtClock(${base.src!(q)}, ${k[0]}, ${k[1]})`) };
    }
    case 'call': {
      if (e.args.length !== 1 || depth >= 4 || avoid.has(e.name)) return undefined;
      const def = artifact.definitions.find((d) => d.name === e.name);
      const arg = sub(e.args[0]!);
      if (!def || !arg || arg.shape.kind !== 'day') return undefined;
      const body = calleeShape(artifact, def, depth + 1, new Set([...avoid, e.name]));
      if (!body) return undefined;
      const s = arg.shape, years = s.years + body.years;
      if (years > 100) return undefined;
      const shape: Shape = { ...body, lo: [...s.lo, ...body.lo], hi: [...s.hi, ...body.hi], years };
      return { shape, src: g && arg.src && ((q) => g.callDef(e.name, [arg.src!(q)]) ?? 'undefined') };
    }
    // the same arm on every day; only in a called definition's body, whose source is the call
    case 'match': {
      if (depth === 0 || !dayFree(e.subject)) return undefined;
      const arms = [...e.arms.map((a) => a.result), ...(e.otherwise ? [e.otherwise] : [])].map(sub);
      return arms.length > 0 && arms.every((c) => c && same(c.shape, arms[0]!.shape)) ? { shape: arms[0]!.shape } : undefined;
    }
    case 'if': {
      if (depth === 0 || !dayFree(e.cond)) return undefined;
      const a = sub(e.then), b = sub(e.else);
      return a && b && same(a.shape, b.shape) ? { shape: a.shape } : undefined;
    }
    default: return undefined;
  }
}

/** The shape of a value definition of one date, over that date; undefined for any other. */
function calleeShape(artifact: Artifact, def: Definition, depth: number, avoid: ReadonlySet<string>): Shape | undefined {
  const p = def.params[0];
  if (def.kind !== 'value' || !def.body || def.params.length !== 1 || p?.type.k !== 'date') return undefined;
  return chainOf(artifact, def.body, (x) => x.op === 'local' && x.name === p.name, undefined, depth, avoid)?.shape;
}

/**
 * `l <op> r` where the side `left ? l : r` is v(p) of a chain (its function `fn`) and the
 * other a value the same over I; narrows I to the run of days around p with the same
 * outcome (see the top of this file), and returns the outcome.
 */
function ivMono(I: IvState, op: number, shape: Shape, ctx: Ctx, fn: (ctx: Ctx, q: number) => number, p: number, left: boolean, l: unknown, r: unknown): boolean {
  const res = outcome(op, (l as number) - (r as number));
  const v = left ? l : r, x = +((left ? r : l) as number);
  if (x !== x) return res; // an undefined operand: the same outcome on every day
  if (!Number.isSafeInteger(p) || p < SAFE_LO || p > SAFE_HI || !Number.isFinite(v) || !Number.isFinite(x)) { ivPoint(I, p); return res; }
  cut(I, SAFE_LO, SAFE_HI);
  const o = left ? op : MIRROR[op]!, u = shape.kind === 'day' ? 1 : D, exact = shape.kind === 'day';
  const below = (q: number) => apply(shape.hi, q) * u + shape.b < x;
  const above = (q: number) => apply(shape.lo, q) * u + shape.a > x;
  // the outcome on a day neither bound decides: computed (a date chain is exact: v = x there)
  const sameAt = (q: number) => outcome(o, exact ? 0 : fn(ctx, q) - x) === res;
  const under = outcome(o, -1) === res, over = outcome(o, 1) === res;
  let hi = p;
  for (let guard = 0; guard < 64 && hi < I.hi; guard++) {
    const n = hi + 1;
    if (above(n)) { if (over) hi = Infinity; break; }
    if (below(n)) { if (!under) break; hi = edge(n, I.hi, below, 1, (q) => (x - (apply(shape.hi, q) * u + shape.b)) / u); continue; }
    if (!sameAt(n)) break;
    hi = n;
  }
  let lo = p;
  for (let guard = 0; guard < 64 && lo > I.lo; guard++) {
    const n = lo - 1;
    if (below(n)) { if (under) lo = -Infinity; break; }
    if (above(n)) { if (!over) break; lo = edge(n, I.lo, above, -1, (q) => ((apply(shape.lo, q) * u + shape.a) - x) / u); continue; }
    if (!sameAt(n)) break;
    lo = n;
  }
  cut(I, lo, hi);
  return res;
}

/**
 * The last day from n in direction dir (not beyond limit) where test holds, test(n)
 * holding and failing from some day on; `room` estimates the days left from a day.
 */
function edge(n: number, limit: number, test: (q: number) => boolean, dir: 1 | -1, room: (q: number) => number): number {
  let ok = n, bad: number | undefined;
  const past = (q: number) => (dir > 0 ? q >= limit : q <= limit);
  const guess = n + dir * Math.max(1, Math.floor(room(n)));
  if (past(guess)) { if (test(limit)) return limit; bad = limit; } else if (test(guess)) ok = guess; else bad = guess;
  for (let step = 1; bad === undefined; step *= 2) {
    const t = ok + dir * step;
    if (past(t)) { if (test(limit)) return limit; bad = limit; } else if (test(t)) ok = t; else bad = t;
  }
  for (let far = bad as number; Math.abs(far - ok) > 1;) {
    const m: number = ok + dir * Math.floor(Math.abs(far - ok) / 2);
    if (test(m)) ok = m; else far = m;
  }
  return ok;
}

/** Helpers the generated comparisons call through `R`. */
export const MONOTONE_HELPERS = { ivMono };
