/**
 * The load-time type check of arithmetic, built-in functions and quantities: each
 * monomorphic operation (add_money, pct_of_money, round_money, convert, split, …) takes
 * the operand types the compiler resolved it for (compiler/check/operators.ts,
 * builtins.ts, quantities.ts, money.ts) and gives the type the compiler gave it.
 */
import type { Expr, Ty } from '../../ir.js';
import { isNumber, isOrdered } from '../../ty.js';
import { ANY, INT, DEC, DATE, listOf, strip, isAny, isAmount, mismatch, words, want, unify, type Scope, type TypeWalker } from './common.js';

type Arith = Extract<Expr, { op: 'arith' }>;

const isMoney = (t: Ty): boolean => t.k === 'money';
const isPercent = (t: Ty): boolean => t.k === 'percent';
const isUnit = (t: Ty): boolean => t.k === 'unit';
const numberOrUnit = (t: Ty): boolean => isNumber(t) || isUnit(t);
/** Two amounts of one currency or one unit (an unknown fits either). */
const sameMeasure = (a: Ty, b: Ty): boolean => isAny(a) || isAny(b) || (a.k === 'money' && b.k === 'money' ? a.cur === b.cur : a.k === 'unit' && b.k === 'unit' ? a.unit === b.unit : false);
const pick = (a: Ty, b: Ty): Ty => (isAny(a) ? b : a);

/** What each arithmetic operation takes (operand by operand) and gives. */
export function inferArith(w: TypeWalker, e: Arith, scope: Scope | undefined): Ty {
  const arg = (i: number, ok: (t: Ty) => boolean, what: string): Ty => want(w, e.args[i]!, scope, ok, what);
  const same = (a: Ty, b: Ty) => { if (!sameMeasure(a, b)) mismatch(e.args[1]!, `combines ${words(a)} with ${words(b)} by ${e.fn}`); };
  switch (e.fn) {
    case 'add': case 'sub': {
      const a = arg(0, numberOrUnit, 'a number or an amount of a unit'), b = arg(1, numberOrUnit, 'a number or an amount of a unit');
      if (isUnit(a) || isUnit(b)) { same(a, b); return pick(a, b); }
      return a.k === 'integer' && b.k === 'integer' ? INT : isAny(a) || isAny(b) ? pick(a, b) : DEC;
    }
    case 'neg': return arg(0, numberOrUnit, 'a number or an amount of a unit');
    case 'mul': {
      const a = arg(0, numberOrUnit, 'a number or an amount of a unit'), b = arg(1, numberOrUnit, 'a number or an amount of a unit');
      if (isUnit(a) && isUnit(b)) mismatch(e.args[1]!, 'multiplies an amount of a unit by another');
      if (isUnit(a) || isUnit(b)) return isUnit(a) ? a : b;
      return a.k === 'integer' && b.k === 'integer' ? INT : isAny(a) || isAny(b) ? pick(a, b) : DEC;
    }
    case 'div': {
      const a = arg(0, numberOrUnit, 'a number or an amount of a unit'), b = arg(1, numberOrUnit, 'a number or an amount of a unit');
      if (isUnit(b)) { same(a, b); return DEC; }
      return isUnit(a) ? a : DEC;
    }
    case 'add_money': case 'sub_money': case 'div_money_money': {
      const a = arg(0, isMoney, 'money'), b = arg(1, isMoney, 'money');
      same(a, b);
      return e.fn === 'div_money_money' ? DEC : pick(a, b);
    }
    case 'neg_money': return arg(0, isMoney, 'money');
    case 'mul_money_num': case 'div_money_num': { const m = arg(0, isMoney, 'money'); arg(1, isNumber, 'a number'); return m; }
    case 'pct_of_money': arg(0, isPercent, 'a percentage'); return arg(1, isMoney, 'money');
    case 'pct_of_num': { arg(0, isPercent, 'a percentage'); const b = arg(1, numberOrUnit, 'a number or an amount of a unit'); return isUnit(b) ? b : DEC; }
    case 'add_pct': case 'sub_pct': arg(1, isPercent, 'a percentage'); return arg(0, isPercent, 'a percentage');
    case 'neg_pct': return arg(0, isPercent, 'a percentage');
    case 'mul_pct_num': arg(1, isNumber, 'a number'); return arg(0, isPercent, 'a percentage');
    case 'sub_date_date': arg(0, (t) => t.k === 'date', 'a date'); arg(1, (t) => t.k === 'date', 'a date'); return INT;
    default: return ANY;
  }
}

/** What each built-in function takes and gives. */
export function inferBuiltin(w: TypeWalker, e: Extract<Expr, { op: 'builtin' }>, scope: Scope | undefined): Ty {
  const arg = (i: number, ok: (t: Ty) => boolean, what: string): Ty => want(w, e.args[i]!, scope, ok, what);
  const date = (i: number) => arg(i, (t) => t.k === 'date', 'a date');
  switch (e.fn) {
    case 'to_date': arg(0, (t) => t.k === 'instant', 'an instant'); return DATE;
    case 'min': case 'max': {
      const ordered = (t: Ty) => isOrdered(t);
      const a = arg(0, ordered, 'a value with an order'), b = arg(1, ordered, 'a value with an order');
      const t = unify(a, b);
      if (!t) mismatch(e.args[1]!, `takes the ${e.fn === 'min' ? 'smaller' : 'larger'} of ${words(a)} and ${words(b)}`);
      return strip(t!);
    }
    case 'round_money': return arg(0, isMoney, 'money');
    case 'round_num': case 'abs': return arg(0, isAmount, 'a number, money, an amount of a unit or a percentage');
    case 'floor': case 'ceil': {
      const t = arg(0, isAmount, 'a number, money, an amount of a unit or a percentage');
      return t.k === 'decimal' && (e.scale ?? 0) === 0 ? INT : t;
    }
    case 'days_between': case 'months_between': case 'years_between': date(0); date(1); return INT;
    case 'start_of_month': case 'end_of_month': case 'start_of_year': case 'end_of_year': date(0); return DATE;
    case 'year_of': case 'month_of': case 'day_of': date(0); return INT;
    default: return ANY;
  }
}

/** Conversions through a declared rate, conversions of money through routes, and splits. */
export function inferQuantity(w: TypeWalker, e: Extract<Expr, { op: 'convert' | 'convert_money' | 'split' }>, scope: Scope | undefined): Ty {
  switch (e.op) {
    case 'convert': {
      // the value is in the unit or currency the rate converts from; the scale marks a result in money
      want(w, e.value, scope, (t) => (t.k === 'money' && t.cur === e.from) || (t.k === 'unit' && t.unit === e.from), `an amount in ${e.from}`);
      return e.scale !== undefined ? { k: 'money', cur: e.to } : { k: 'unit', unit: e.to };
    }
    case 'convert_money': {
      const v = want(w, e.value, scope, e.multi ? (t) => t.k === 'money_of' : (t) => t.k === 'money' && t.cur === e.from,
        e.multi ? 'money in one of several currencies' : `money in ${e.from}`);
      const sources = v.k === 'money_of' ? v.curs : v.k === 'money' ? [v.cur] : [];
      for (const cur of sources) if (cur !== e.to && !Object.hasOwn(e.routes, cur)) mismatch(e, `has no route from ${cur} to ${e.to}`, 'routes');
      for (const r of Object.values(e.routes)) if ('rate' in r) want(w, r.rate, scope, isNumber, 'a number (the rate)');
      return { k: 'money', cur: e.to };
    }
    case 'split': {
      const t = want(w, e.value, scope, (x) => x.k === 'money' || x.k === 'unit' || isNumber(x), 'money, an amount of a unit or a number');
      if (e.count) want(w, e.count, scope, (x) => x.k === 'integer', 'a whole number of shares');
      if (e.weights) want(w, e.weights, scope, (x) => x.k === 'list' && (isNumber(strip(x.of)) || isAny(strip(x.of))), 'a list of numbers (the weights)');
      return listOf(t.k === 'integer' && e.step.includes('.') ? DEC : t);
    }
  }
}

