/**
 * The load-time type check of calendar arithmetic and effective dating
 * (compiler/check/time.ts, operators.ts): a duration is added to a date or an instant as
 * the operation says, a computed duration counts a whole number, a clock time goes on a
 * date, a sequence steps through an interval of dates, and versions in force are selected
 * by the clock their `atKind` names.
 */
import type { Expr, Ty } from '../../ir.js';
import { ANY, DATE, INSTANT, DURATION, listOf, isAny, mismatch, want, words, type Scope, type TypeWalker } from './common.js';

type TimeExpr = Extract<Expr, { op: 'date_add' | 'effective' | 'duration_of' | 'clock' | 'sequence' }>;

/** The clock a date or an instant is read by. */
export const atKindOf = (t: Ty): 'day' | 'ms' | undefined => (t.k === 'date' ? 'day' : t.k === 'instant' ? 'ms' : undefined);
const dateOrInstant = (t: Ty): boolean => t.k === 'date' || t.k === 'instant';

/** Requires `at` (a date or an instant) to be read by the clock `atKind` names. */
export function atOn(w: TypeWalker, e: { at?: Expr; atKind?: unknown }, scope: Scope | undefined): Ty {
  const t = want(w, e.at!, scope, dateOrInstant, 'a date or an instant');
  if (!isAny(t) && atKindOf(t) !== e.atKind) mismatch(e, `reads ${words(t)} as ${e.atKind === 'day' ? 'a day' : 'an instant'}`, 'atKind');
  return t;
}

export function inferTime(w: TypeWalker, e: TimeExpr, scope: Scope | undefined): Ty {
  switch (e.op) {
    case 'date_add': {
      const base: Ty = e.instant ? INSTANT : DATE;
      want(w, e.base, scope, (t) => t.k === base.k, e.instant ? 'an instant' : 'a date');
      want(w, e.duration, scope, (t) => t.k === 'duration', 'a duration');
      return base;
    }
    case 'duration_of': want(w, e.count, scope, (t) => t.k === 'integer', 'a whole number'); return DURATION;
    case 'clock': want(w, e.date, scope, (t) => t.k === 'date', 'a date'); return INSTANT;
    case 'sequence': want(w, e.interval, scope, (t) => t.k === 'interval' && (isAny(t.of) || t.of.k === 'date'), 'an interval of dates'); return listOf(DATE);
    case 'effective': {
      atOn(w, e, scope);
      let t: Ty = ANY;
      for (const v of e.versions) t = w.join(t, w.infer(v.value, scope), v.value, 'this version', 'the versions before it');
      return t;
    }
  }
}
