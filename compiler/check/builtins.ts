/**
 * Checks calls of the built-in functions: date, min, max, round, floor, ceil, abs, and the
 * calendar ones (start/end of month and year, year/month/day of a date, whole days, months
 * and years between two dates).
 */
import type * as A from '../../language/ast.js';
import { T, unify, isNumber, showType, isOrdered } from '../types.js';
import { pathOf, type Scope } from '../scope.js';
import { ERR, report, isErr, type Checked, type CheckContext } from './common.js';
import { checkExpr } from '../check-expr.js';

/** Functions of one date: the first or last day of its month or year, its year, month or day number. */
const DATE_PARTS = ['start_of_month', 'end_of_month', 'start_of_year', 'end_of_year', 'year_of', 'month_of', 'day_of'] as const;

/** The names of the built-in functions (for calls and "did you mean"). */
export const BUILTIN_FUNCTIONS = ['date', 'min', 'max', 'round', 'abs', 'floor', 'ceil', 'days_between',
  ...DATE_PARTS, 'months_between', 'years_between'];

/** Checks a call of a built-in function and lowers it to a `builtin` operation. */
export function checkBuiltin(ctx: CheckContext, e: A.Expr & { kind: 'call' }, scope: Scope): Checked {
  const name = e.callee.text;
  const args = e.args.map((a) => checkExpr(ctx, a, scope));
  if (args.some((a) => isErr(a.type))) return ERR;
  const absent = args.findIndex((a) => a.type.k === 'optional');
  if (absent >= 0) {
    const what = pathOf(e.args[absent]!);
    return report(ctx, 'RB408', `${what ? `\`${what}\`` : 'This value'} may be absent, so ${name}(…) cannot use it directly. Test it with \`is present\` first, or give a default with \`or else\`.`, e.args[absent]!.span);
  }
  const arity = (n: number) => args.length === n || (report(ctx, 'RB307', `${name}(…) takes ${n} argument(s), not ${args.length}.`, e.span), false);
  switch (name) {
    case 'date':
      if (!arity(1)) return ERR;
      if (args[0]!.type.k !== 'instant') return report(ctx, 'RB400', `date(…) takes an instant and gives its calendar date in the program's zone; this is ${showType(args[0]!.type)}.`, e.span);
      return { ir: { op: 'builtin', fn: 'to_date', args: [args[0]!.ir] }, type: T.date };
    case 'min': case 'max': {
      if (!arity(2)) return ERR;
      const t = unify(args[0]!.type, args[1]!.type);
      if (!t || !isOrdered(t) || t.k === 'optional') return report(ctx, 'RB404', `${name}(…) needs two values of one ordered type, not ${showType(args[0]!.type)} and ${showType(args[1]!.type)}.`, e.span);
      if (args[0]!.type.k === 'money' && args[1]!.type.k === 'money' && args[0]!.type.cur !== args[1]!.type.cur) return report(ctx, 'RB402', 'min/max of amounts in different currencies.', e.span);
      if (args[0]!.type.k === 'unit' && args[1]!.type.k === 'unit' && args[0]!.type.unit !== args[1]!.type.unit) return report(ctx, 'RB430', `min/max of amounts in different units (${args[0]!.type.unit} and ${args[1]!.type.unit}).`, e.span);
      return { ir: { op: 'builtin', fn: name, args: args.map((a) => a.ir) }, type: t };
    }
    case 'round': case 'floor': case 'ceil': case 'abs': {
      if (args.length < 1 || args.length > 2) return report(ctx, 'RB307', `${name}(…) takes a value and optionally a number of decimals.`, e.span);
      const t = args[0]!.type;
      if (!(isNumber(t) || t.k === 'money' || t.k === 'unit' || t.k === 'percent')) return report(ctx, 'RB400', `${name}(…) takes a number, money, an amount of a unit or a percentage, not ${showType(t)}.`, e.span);
      if (args[1] && args[1].type.k !== 'integer') return report(ctx, 'RB400', 'The number of decimals must be a whole number.', e.args[1]!.span);
      // the number of decimals is part of the rule, written out: round(x, n) and round(x, -1) compiled, then load refused them
      if (args[1]) {
        const ir = args[1].ir as { op: string; value?: unknown };
        const digits = ir.op === 'const' ? Number(ir.value) : NaN;
        if (!Number.isInteger(digits) || digits < 0 || digits > 20) return report(ctx, 'RB211', `Write the number of decimals as a whole number from 0 to 20, e.g. ${name}(x, 2).`, e.args[1]!.span);
      }
      const fn = name === 'round' ? (t.k === 'money' && !args[1] ? 'round_money' : 'round_num') : name;
      const scale = args[1] ? Number((args[1].ir as { value: string }).value) : t.k === 'money' ? ctx.moneyScale : 0;
      return { ir: { op: 'builtin', fn: fn as 'round_num', args: [args[0]!.ir], scale }, type: t.k === 'integer' || name === 'abs' ? t : t.k === 'decimal' && scale === 0 && name !== 'round' ? T.integer : t };
    }
    case 'days_between': case 'months_between': case 'years_between':
      if (!arity(2)) return ERR;
      if (args[0]!.type.k !== 'date' || args[1]!.type.k !== 'date') return report(ctx, 'RB400', `${name}(a, b) takes two dates${args.some((a) => a.type.k === 'instant') ? '; use date(x) for an instant' : ''}.`, e.span);
      return { ir: { op: 'builtin', fn: name, args: args.map((a) => a.ir) }, type: T.integer };
    case 'start_of_month': case 'end_of_month': case 'start_of_year': case 'end_of_year':
    case 'year_of': case 'month_of': case 'day_of':
      if (!arity(1)) return ERR;
      if (args[0]!.type.k !== 'date') return report(ctx, 'RB400', `${name}(…) takes a date, not ${showType(args[0]!.type)}${args[0]!.type.k === 'instant' ? '; use date(x) for an instant' : ''}.`, e.span);
      return { ir: { op: 'builtin', fn: name, args: [args[0]!.ir] }, type: name.endsWith('_of') ? T.integer : T.date };
  }
  return ERR;
}

