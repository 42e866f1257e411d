/**
 * Checks amounts of declared units (`120 bonus`), their arithmetic, conversions through a
 * declared rate (`x as RUB`) and proportional splits. Units follow the rules of money: add
 * and compare within one unit, scale by a number or a percentage, never unit × unit, and
 * never a silent change of unit or currency.
 */
import type * as A from '../../language/ast.js';
import { didYouMean } from '../../language/diagnostics.js';
import type { Expr, Ty } from '../../runtime/ir.js';
import { isCurrency } from '../../runtime/values/currencies.js';
import { T, isNumber, showType } from '../types.js';
import { isCurrencyCode, rateBetween } from '../quantities.js';
import type { Scope } from '../scope.js';
import { ERR, report, isErr, sourceSpan, type Checked, type CheckContext } from './common.js';
import { checkExpr } from '../check-expr.js';
import { checkMoneyConvert } from './money.js';

/** The unit or currency an amount is in, or undefined for other types. */
export function measureOf(t: Ty): string | undefined {
  return t.k === 'unit' ? t.unit : t.k === 'money' ? t.cur : t.k === 'money_of' ? t.curs.join(' or ') : undefined;
}

/** `120 bonus`: an amount of a declared unit. */
export function checkQuantity(ctx: CheckContext, e: A.Expr & { kind: 'quantity' }): Checked {
  const unit = ctx.r.quantities.units.get(e.unit.text);
  if (unit === undefined) {
    return report(ctx, 'RB430', `\`${e.unit.text}\` is not a declared unit.${didYouMean(e.unit.text, ctx.r.quantities.units.keys())} Declare it (\`unit ${e.unit.text}\`) or write a currency code or a duration (days, months, years).`, e.unit.span);
  }
  const t = T.unit(unit);
  return { ir: { op: 'const', type: t, value: e.amount }, type: t };
}

/** `x as RUB`, `x as bonus`: a conversion through the one declared rate between the two. */
export function checkConvert(ctx: CheckContext, e: A.Expr & { kind: 'convert' }, scope: Scope): Checked {
  const v = checkExpr(ctx, e.value, scope);
  if (isErr(v.type)) return ERR;
  const from = measureOf(v.type);
  if (!from) return report(ctx, 'RB432', `Only money or an amount of a unit can be converted with \`as\`, not ${showType(v.type)}.`, e.value.span);
  const target = e.target.text;
  const toMoney = isCurrencyCode(target);
  if (toMoney && !isCurrency(target)) return report(ctx, 'RB201', `\`${target}\` is not an ISO 4217 currency code.`, e.target.span);
  const to = toMoney ? target : ctx.r.quantities.units.get(target);
  if (to === undefined) return report(ctx, 'RB430', `\`${target}\` is not a declared unit or a currency code.${didYouMean(target, ctx.r.quantities.units.keys())}`, e.target.span);
  if (toMoney && (v.type.k === 'money_of' || (v.type.k === 'money' && e.at))) return checkMoneyConvert(ctx, e, v, to, scope);
  if (e.at) return report(ctx, 'RB432', `Only currencies have dated rates; ${from} converts to ${to} at one fixed rate: drop \`on …\`.`, e.at.span);
  const type = toMoney ? T.money(to) : T.unit(to);
  if (to === from) return { ir: v.ir, type };
  const rate = rateBetween(ctx.r.quantities, from, to);
  if (!rate) {
    return report(ctx, 'RB432', `No rate converts ${from} to ${to}. Declare one, e.g. \`rate 1 ${from} = 1 ${to}\` with the clause that sets it; the rules never convert on their own.`, e.span);
  }
  const ir: Expr = {
    op: 'convert', value: v.ir, num: rate.num, den: rate.den, from, to, clauses: rate.rate.clauses,
    ...(toMoney ? { scale: ctx.moneyScale } : {}),
  };
  return { ir, type };
}

/**
 * `+ - * /` where one side is an amount of a unit, or undefined when neither is. Units
 * lower to the plain decimal operations: the unit lives in the type only.
 */
export function checkUnitBinary(ctx: CheckContext, e: A.Expr & { kind: 'binary' }, l: Checked, r: Checked): Checked | undefined {
  const lt = l.type, rt = r.type;
  if (lt.k !== 'unit' && rt.k !== 'unit') return undefined;
  const arith = (fn: 'add' | 'sub' | 'mul' | 'div' | 'mul_pct_num' | 'pct_of_num', type: Ty, args = [l.ir, r.ir]): Checked => ({ ir: { op: 'arith', fn, args }, type });
  const unit = (lt.k === 'unit' ? lt : rt as { unit: string }).unit;
  const other = lt.k === 'unit' ? rt : lt;
  const mixed = () => report(ctx, 'RB430', `This mixes ${describe(lt)} and ${describe(rt)}; convert one with \`as\` through a declared rate first.`, e.span);
  switch (e.op) {
    case '+': case '-':
      if (lt.k === 'unit' && rt.k === 'unit') return lt.unit === rt.unit ? arith(e.op === '+' ? 'add' : 'sub', lt) : mixed();
      if (isNumber(other)) return report(ctx, 'RB430', `An amount in ${unit} and a plain number cannot be ${e.op === '+' ? 'added' : 'subtracted'}: write the number with its unit, e.g. 100 ${unit}.`, e.span);
      return mixed();
    case '*':
      if (lt.k === 'unit' && rt.k === 'unit') return report(ctx, 'RB431', `${unit} × ${rt.unit} has no meaning: multiply an amount by a number or take a percentage of it.`, e.span);
      if (isNumber(other)) return arith('mul', lt.k === 'unit' ? lt : rt, lt.k === 'unit' ? [l.ir, r.ir] : [r.ir, l.ir]);
      if (other.k === 'percent') return arith('pct_of_num', lt.k === 'unit' ? lt : rt, lt.k === 'unit' ? [r.ir, l.ir] : [l.ir, r.ir]);
      if (other.k === 'money') return report(ctx, 'RB431', `An amount in ${unit} times money has no meaning: convert it with \`as ${other.cur}\` through a declared rate.`, e.span);
      return report(ctx, 'RB407', `\`*\` does not apply to ${showType(lt)} and ${showType(rt)}.`, e.span);
    case '/':
      if (lt.k === 'unit' && rt.k === 'unit') return lt.unit === rt.unit ? arith('div', T.decimal) : mixed();
      if (lt.k === 'unit' && isNumber(rt)) return arith('div', lt);
      return report(ctx, 'RB407', `\`/\` does not apply to ${showType(lt)} and ${showType(rt)}.`, e.span);
    case 'of':
      if (lt.k === 'percent' && rt.k === 'unit') return arith('pct_of_num', rt);
      return report(ctx, 'RB407', `\`of\` takes a percentage on its left and an amount on its right, not ${showType(lt)} and ${showType(rt)}.`, e.span);
    default: return undefined;
  }
}

/** Why two types with a unit on one side cannot be compared, or undefined when they can. */
export function unitCompareProblem(lt: Ty, rt: Ty): string | undefined {
  if (lt.k !== 'unit' && rt.k !== 'unit') return undefined;
  if (lt.k === 'unit' && rt.k === 'unit') return lt.unit === rt.unit ? undefined : `This compares ${lt.unit} with ${rt.unit}; convert one with \`as\` through a declared rate first.`;
  const unit = (lt.k === 'unit' ? lt : rt as { unit: string }).unit;
  const other = lt.k === 'unit' ? rt : lt;
  if (isNumber(other)) return `An amount in ${unit} is compared with a plain number: write the number with its unit, e.g. 5 000 ${unit}.`;
  return `This compares ${describe(lt)} with ${describe(rt)}; convert one with \`as\` through a declared rate first.`;
}

function describe(t: Ty): string {
  return t.k === 'unit' ? t.unit : t.k === 'money' ? t.cur : showType(t);
}

/** `split x into n shares …` / `split x by weights …`: a list of shares of x's type. */
export function checkSplit(ctx: CheckContext, e: A.Expr & { kind: 'split' }, scope: Scope): Checked {
  const v = checkExpr(ctx, e.value, scope);
  const count = e.count ? checkExpr(ctx, e.count, scope) : undefined;
  const weights = e.weights ? checkExpr(ctx, e.weights, scope) : undefined;
  if (isErr(v.type) || (count && isErr(count.type)) || (weights && isErr(weights.type))) return ERR;
  const t = v.type;
  if (t.k !== 'money' && t.k !== 'unit' && !isNumber(t)) return report(ctx, 'RB434', `Only money, an amount of a unit or a number can be split, not ${showType(t)}.`, e.value.span);
  if (count && count.type.k !== 'integer') return report(ctx, 'RB434', `The number of shares must be a whole number, not ${showType(count.type)}.`, e.count!.span);
  if (weights && !(weights.type.k === 'list' && (isNumber(weights.type.of) || weights.type.of.k === 'empty'))) {
    return report(ctx, 'RB434', `The weights of a split are a list of numbers (e.g. [2, 1]), not ${showType(weights.type)}.`, e.weights!.span);
  }
  if (e.remainder !== 'first' && e.remainder !== 'last' && e.remainder !== 'largest') {
    return report(ctx, 'RB434', `\`${e.remainder}\` is not a remainder rule: write \`remainder to first\`, \`remainder to last\` or \`remainder to largest\`.`, e.remainderSpan ?? e.span);
  }
  if (e.remainder === 'largest' && !weights) return report(ctx, 'RB434', 'Equal shares have no largest one: write `remainder to first` or `remainder to last`.', e.remainderSpan ?? e.span);
  // the smallest share step: the program's money unit, or whole units and numbers unless given
  const step = e.step ?? (t.k === 'money' ? ctx.r.program.rounding.unit : '1');
  if (Number(step) <= 0) return report(ctx, 'RB434', 'The step of a split must be more than zero.', e.stepSpan ?? e.span);
  const type = t.k === 'integer' && e.step && e.step.includes('.') ? T.decimal : t;
  return {
    ir: { op: 'split', value: v.ir, ...(count ? { count: count.ir } : {}), ...(weights ? { weights: weights.ir } : {}), step, remainder: e.remainder, span: sourceSpan(e.span) },
    type: T.list(type),
  };
}
