/** Compiles arithmetic on exact decimals and money, and the built-in functions (calendar ones included). */
import { civilFromDay, epochDay, daysInMonth } from '../values/calendar-date.js';
import { addMonths } from './time.js';
import type { Expr } from '../ir.js';
import { Dec, isDec, compareDec } from '../values/decimal.js';
import { localDay } from '../values/instant.js';
import { fault } from '../errors.js';
import { type Fn, type Env, type D } from './common.js';
import { compileExpr } from '../compile-ir.js';

/** Compiles arithmetic on exact decimals; money products and quotients are rounded as the program says. */
export function compileArith(env: Env, e: Extract<Expr, { op: 'arith' }>): Fn {
  const [a, b] = e.args.map((x) => compileExpr(env, x)) as [Fn, Fn | undefined];
  const rm = env.rm;
  const scale = e.scale ?? 2;
  const round = (d: D) => d.toDecimalPlaces(scale, rm);
  const nonZero = (d: D) => (d.isZero() ? fault('RB-E-DIV-ZERO', 'A division by zero: the divisor is 0.') : d);
  const bin = (g: (x: D, y: D) => unknown): Fn => (ctx, f) => g(a(ctx, f) as D, b!(ctx, f) as D);
  switch (e.fn) {
    case 'add': case 'add_money': case 'add_pct': return bin((x, y) => x.plus(y));
    case 'sub': case 'sub_money': case 'sub_pct': return bin((x, y) => x.minus(y));
    case 'neg': case 'neg_money': case 'neg_pct': return (ctx, f) => (a(ctx, f) as D).neg();
    case 'mul': case 'mul_pct_num': return bin((x, y) => x.times(y));
    case 'div': case 'div_money_money': return bin((x, y) => x.div(nonZero(y)));
    case 'mul_money_num': return bin((x, y) => round(x.times(y)));
    case 'div_money_num': return bin((x, y) => round(x.div(nonZero(y))));
    case 'pct_of_money': return bin((p, m) => round(m.times(p).div(100)));
    case 'pct_of_num': return bin((p, n) => n.times(p).div(100));
    case 'sub_date_date': return (ctx, f) => new Dec((a(ctx, f) as number) - (b!(ctx, f) as number));
  }
}

/** Compiles a built-in function call. */
export function compileBuiltin(env: Env, e: Extract<Expr, { op: 'builtin' }>): Fn {
  const args = e.args.map((x) => compileExpr(env, x));
  const zone = env.artifact.program.zone;
  const a = args[0]!;
  const scale = e.scale ?? 0;
  const policy = env.artifact.program.monthEnd;
  const cmp = (x: unknown, y: unknown) => (isDec(x) ? compareDec(x, y as D) : (x as number) - (y as number));
  switch (e.fn) {
    case 'to_date': return (ctx, f) => localDay(a(ctx, f) as number, zone);
    case 'min': return (ctx, f) => { const x = a(ctx, f), y = args[1]!(ctx, f); return cmp(x, y) <= 0 ? x : y; };
    case 'max': return (ctx, f) => { const x = a(ctx, f), y = args[1]!(ctx, f); return cmp(x, y) >= 0 ? x : y; };
    case 'round_money': case 'round_num': return (ctx, f) => (a(ctx, f) as D).toDecimalPlaces(scale, env.rm);
    case 'floor': return (ctx, f) => (a(ctx, f) as D).toDecimalPlaces(scale, Dec.ROUND_FLOOR);
    case 'ceil': return (ctx, f) => (a(ctx, f) as D).toDecimalPlaces(scale, Dec.ROUND_CEIL);
    case 'abs': return (ctx, f) => (a(ctx, f) as D).abs();
    case 'days_between': return (ctx, f) => new Dec((args[1]!(ctx, f) as number) - (a(ctx, f) as number));
    case 'months_between': return (ctx, f) => new Dec(wholeMonthsBetween(a(ctx, f) as number, args[1]!(ctx, f) as number, policy));
    case 'years_between': return (ctx, f) => new Dec(Math.trunc(wholeMonthsBetween(a(ctx, f) as number, args[1]!(ctx, f) as number, policy) / 12));
    case 'start_of_month': return (ctx, f) => { const c = civilFromDay(a(ctx, f) as number); return epochDay(c.year, c.month, 1); };
    case 'end_of_month': return (ctx, f) => { const c = civilFromDay(a(ctx, f) as number); return epochDay(c.year, c.month, daysInMonth(c.year, c.month)); };
    case 'start_of_year': return (ctx, f) => epochDay(civilFromDay(a(ctx, f) as number).year, 1, 1);
    case 'end_of_year': return (ctx, f) => epochDay(civilFromDay(a(ctx, f) as number).year, 12, 31);
    case 'year_of': return (ctx, f) => new Dec(civilFromDay(a(ctx, f) as number).year);
    case 'month_of': return (ctx, f) => new Dec(civilFromDay(a(ctx, f) as number).month);
    case 'day_of': return (ctx, f) => new Dec(civilFromDay(a(ctx, f) as number).day);
  }
}

/**
 * Whole months from `a` to `b` as the civil codes count them: the largest m with
 * a + m months <= b, where a + m months is the same-numbered day or, when the month is
 * shorter, its last day (under `clamp`). 31.01 -> 28.02 is one month; 29.02.2024 ->
 * 28.02.2025 is twelve. Negative when b is before a.
 */
export function wholeMonthsBetween(a: number, b: number, policy: 'clamp' | 'overflow'): number {
  if (b < a) return 0 - wholeMonthsBetween(b, a, policy);
  const ca = civilFromDay(a), cb = civilFromDay(b);
  let m = (cb.year - ca.year) * 12 + (cb.month - ca.month);
  while (m > 0 && addMonths(a, m, policy) > b) m--;
  return m;
}
