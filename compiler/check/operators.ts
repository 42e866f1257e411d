/**
 * Checks arithmetic, `or else`, comparisons, `is` and `within`: each overloaded operator
 * is resolved to one monomorphic operation (add_money, pct_of_money, date_add, …).
 */
import type * as A from '../../language/ast.js';
import { error, didYouMean } from '../../language/diagnostics.js';
import type { Span } from '../../language/span.js';
import type { Expr, Ty, ArithFn } from '../../runtime/ir.js';
import { T, sameType, unify, isNumber, showType, cmpKindOf, isOrdered } from '../types.js';
import { withPresent, pathOf, presenceFacts, type Scope } from '../scope.js';
import { ERR, report, isErr, enumValues, sourceSpan, type Checked, type CheckContext } from './common.js';
import { checkExpr, checkCondition } from '../check-expr.js';
import { checkUnitBinary, unitCompareProblem } from './quantities.js';
import { moneyOfProblem } from './money.js';

/** Checks `+ - * / of and or` and `or else`, resolving each to one monomorphic operation. */
export function checkBinary(ctx: CheckContext, e: A.Expr & { kind: 'binary' }, scope: Scope): Checked {
  if (e.op === 'and' || e.op === 'or') {
    const l = checkCondition(ctx, e.left, scope);
    const rightScope = withPresent(scope, presenceFacts(e.left, e.op === 'and'));
    const r = checkCondition(ctx, e.right, rightScope);
    const args = [l.ir, r.ir].flatMap((a) => (a.op === e.op ? (a as { args: Expr[] }).args : [a]));
    return { ir: { op: e.op, args }, type: T.boolean };
  }
  if (e.op === 'or_else') {
    const l = checkExpr(ctx, e.left, scope);
    const r = checkExpr(ctx, e.right, scope, l.type.k === 'optional' ? l.type.of : l.type);
    if (isErr(l.type) || isErr(r.type)) return ERR;
    const inner = l.type.k === 'optional' ? l.type.of : l.type;
    const t = unify(inner, r.type);
    if (!t) return report(ctx, 'RB400', `\`or else\` must give ${showType(inner)} like the value before it, not ${showType(r.type)}.`, e.right.span);
    return { ir: { op: 'or_else', value: l.ir, fallback: r.ir }, type: t };
  }
  const l = checkExpr(ctx, e.left, scope);
  const r = checkExpr(ctx, e.right, scope);
  if (isErr(l.type) || isErr(r.type)) return ERR;
  const lt = l.type, rt = r.type;
  if (lt.k === 'optional' || rt.k === 'optional') {
    const side = lt.k === 'optional' ? e.left : e.right;
    const what = pathOf(side);
    return report(ctx, 'RB408', `${what ? `\`${what}\`` : 'A value here'} may be absent; test it with \`is present\` or give a default with \`or else\` before using \`${e.op}\`.`, side.span);
  }
  const several = moneyOfProblem(lt, rt);
  if (several) return report(ctx, 'RB402', several, e.span);
  const withUnit = checkUnitBinary(ctx, e, l, r);
  if (withUnit) return withUnit;
  const arith = (fn: ArithFn, type: Ty, args = [l.ir, r.ir], scale?: number): Checked => ({ ir: { op: 'arith', fn, args, ...(scale !== undefined ? { scale } : {}) }, type });
  const num = isNumber(lt) && isNumber(rt);
  const numType = lt.k === 'integer' && rt.k === 'integer' ? T.integer : T.decimal;
  const sameCurrency = () => lt.k === 'money' && rt.k === 'money' && lt.cur === rt.cur;
  const mixed = () => report(ctx, 'RB402', `This mixes ${(lt as { cur: string }).cur} and ${(rt as { cur: string }).cur}; the rules never convert currencies implicitly.`, e.span);
  const s = ctx.moneyScale;
  switch (e.op) {
    case '+':
    case '-': {
      const add = e.op === '+';
      if (num) return arith(add ? 'add' : 'sub', numType);
      if (lt.k === 'money' && rt.k === 'money') return sameCurrency() ? arith(add ? 'add_money' : 'sub_money', lt) : mixed();
      if (lt.k === 'percent' && rt.k === 'percent') return arith(add ? 'add_pct' : 'sub_pct', lt);
      if ((lt.k === 'date' || lt.k === 'instant') && rt.k === 'duration') {
        const unit = e.right.kind === 'duration' || e.right.kind === 'durationOf' ? e.right.unit : undefined;
        if (lt.k === 'instant' && unit === 'business_days') {
          return report(ctx, 'RB407', 'Business days are counted on dates: write date(x) + 3 business days.', e.span);
        }
        if (lt.k === 'date' && (unit === 'hours' || unit === 'minutes')) {
          return report(ctx, 'RB407', `A date has no time of day, so ${unit} cannot be added to it: put a time on it first, e.g. d at 00:00 + 2 ${unit}.`, e.span);
        }
        return { ir: { op: 'date_add', base: l.ir, duration: r.ir, sign: add ? 1 : -1, instant: lt.k === 'instant' }, type: lt };
      }
      if (add && lt.k === 'duration' && (rt.k === 'date' || rt.k === 'instant')) {
        return { ir: { op: 'date_add', base: r.ir, duration: l.ir, sign: 1, instant: rt.k === 'instant' }, type: rt };
      }
      if (!add && lt.k === 'date' && rt.k === 'date') return arith('sub_date_date', T.integer);
      if ((lt.k === 'percent' && isNumber(rt)) || (isNumber(lt) && rt.k === 'percent')) {
        return report(ctx, 'RB403', 'A percentage and a plain number are mixed here. Write percentages with % (20%), never as 0.2.', e.span);
      }
      if ((lt.k === 'money' && isNumber(rt)) || (isNumber(lt) && rt.k === 'money')) {
        return report(ctx, 'RB407', `Money and a plain number cannot be ${add ? 'added' : 'subtracted'}: write the number with its currency, e.g. 100 ${(lt.k === 'money' ? lt : rt as { cur: string }).cur}.`, e.span);
      }
      return report(ctx, 'RB407', `\`${e.op}\` does not apply to ${showType(lt)} and ${showType(rt)}.`, e.span);
    }
    case '*': {
      if (num) return arith('mul', numType);
      if (lt.k === 'money' && rt.k === 'money') return report(ctx, 'RB401', 'Money times money has no meaning. Multiply money by a number or take a percentage of it (20% of amount).', e.span);
      if (lt.k === 'money' && isNumber(rt)) return arith('mul_money_num', lt, [l.ir, r.ir], s);
      if (isNumber(lt) && rt.k === 'money') return arith('mul_money_num', rt, [r.ir, l.ir], s);
      if (lt.k === 'percent' && rt.k === 'money') return arith('pct_of_money', rt, [l.ir, r.ir], s);
      if (lt.k === 'money' && rt.k === 'percent') return arith('pct_of_money', lt, [r.ir, l.ir], s);
      if (lt.k === 'percent' && isNumber(rt)) return arith('mul_pct_num', lt);
      if (isNumber(lt) && rt.k === 'percent') return arith('mul_pct_num', rt, [r.ir, l.ir]);
      return report(ctx, 'RB407', `\`*\` does not apply to ${showType(lt)} and ${showType(rt)}.`, e.span);
    }
    case '/': {
      if (num) return arith('div', T.decimal);
      if (lt.k === 'money' && isNumber(rt)) return arith('div_money_num', lt, [l.ir, r.ir], s);
      if (lt.k === 'money' && rt.k === 'money') return sameCurrency() ? arith('div_money_money', T.decimal) : mixed();
      return report(ctx, 'RB407', `\`/\` does not apply to ${showType(lt)} and ${showType(rt)}.`, e.span);
    }
    case 'of': {
      if (lt.k !== 'percent') {
        if (isNumber(lt)) return report(ctx, 'RB403', `\`of\` takes a percentage on its left: write ${e.left.kind === 'number' ? `${Number(e.left.text) < 1 ? Number((Number(e.left.text) * 100).toFixed(6)) : e.left.text}%` : 'it with %'} rather than a plain number.`, e.left.span);
        return report(ctx, 'RB407', `\`of\` takes a percentage on its left, not ${showType(lt)}.`, e.left.span);
      }
      if (rt.k === 'money') return arith('pct_of_money', rt, [l.ir, r.ir], s);
      if (isNumber(rt)) return arith('pct_of_num', T.decimal);
      return report(ctx, 'RB407', `A percentage is taken of money or a number, not of ${showType(rt)}.`, e.right.span);
    }
  }
  return ERR;
}

/** Makes one side of a date/instant comparison a date when the other side is a date. */
export function alignTime(l: Checked, r: Checked): [Checked, Checked] {
  const toDate = (c: Checked): Checked => ({ ir: { op: 'builtin', fn: 'to_date', args: [c.ir] }, type: T.date });
  if (l.type.k === 'instant' && r.type.k === 'date') return [toDate(l), r];
  if (l.type.k === 'date' && r.type.k === 'instant') return [l, toDate(r)];
  return [l, r];
}

/** Checks a comparison (`= <> < <= > >=`) of two expressions. */
export function checkCompare(ctx: CheckContext, op: A.CompareOp, le: A.Expr, re: A.Expr, span: Span, scope: Scope): Checked {
  const l = checkExpr(ctx, le, scope);
  const r = checkExpr(ctx, re, scope, l.type);
  if (isErr(l.type) || isErr(r.type)) return ERR;
  return compareChecked(ctx, op, l, r, span, [le, re]);
}

/** Checks a comparison of two checked values: absent sides, currencies, percentages, order. */
export function compareChecked(ctx: CheckContext, op: A.CompareOp, l0: Checked, r0: Checked, span: Span, sides?: [A.Expr, A.Expr]): Checked {
  if (l0.type.k === 'optional' || r0.type.k === 'optional') {
    // point at the side that may be absent, and name it when it is a name or field
    const side = sides?.[l0.type.k === 'optional' ? 0 : 1];
    const what = side && pathOf(side);
    return report(ctx, 'RB408', `${what ? `\`${what}\`` : 'One side of this comparison'} may be absent. Test it with \`is present\` first, or give a default with \`or else\`.`, side?.span ?? span);
  }
  const [l, r] = alignTime(l0, r0);
  const lt = l.type, rt = r.type;
  if (lt.k === 'money' && rt.k === 'money' && lt.cur !== rt.cur) return report(ctx, 'RB402', `This compares ${lt.cur} with ${rt.cur}; the rules never convert currencies implicitly.`, span);
  const several = moneyOfProblem(lt, rt);
  if (several) return report(ctx, 'RB402', several, span);
  const unitProblem = unitCompareProblem(lt, rt);
  if (unitProblem) return report(ctx, 'RB430', unitProblem, span);
  if ((lt.k === 'percent' && isNumber(rt)) || (isNumber(lt) && rt.k === 'percent')) {
    return report(ctx, 'RB403', 'A percentage is compared with a plain number. Write the number as a percentage (20%, not 0.2).', span);
  }
  const comparable = (isNumber(lt) && isNumber(rt)) || sameType(lt, rt);
  const kind = cmpKindOf(lt);
  if (!comparable || !kind) {
    const hint = (lt.k === 'money' && isNumber(rt)) || (isNumber(lt) && rt.k === 'money') ? ' Write the number with its currency, e.g. 5000 RUB.' : '';
    return report(ctx, 'RB404', `${showType(lt).replace(/^./, (c) => c.toUpperCase())} cannot be compared with ${showType(rt)}.${hint}`, span);
  }
  if (op !== '=' && op !== '<>' && !isOrdered(lt)) {
    return report(ctx, 'RB404', `${showType(lt).replace(/^./, (c) => c.toUpperCase())} has no order; only = and <> apply.`, span);
  }
  return { ir: { op: 'cmp', kind, cmp: op, left: l.ir, right: r.ir, span: sourceSpan(span) }, type: T.boolean };
}

/** Checks `x is a`, `x is one of a, b` (and their negations). */
export function checkIs(ctx: CheckContext, e: A.Expr & { kind: 'is' }, scope: Scope): Checked {
  const l = checkExpr(ctx, e.left, scope);
  if (isErr(l.type)) return ERR;
  if (l.type.k === 'optional') return report(ctx, 'RB408', 'This value may be absent; test `is present` first or use `or else`.', e.left.span);
  const kind = cmpKindOf(l.type);
  if (!kind || !['enum', 'text', 'boolean', 'integer', 'decimal', 'money', 'unit', 'percent', 'date'].includes(l.type.k)) {
    return report(ctx, 'RB404', `\`is\` compares a value with named values; ${showType(l.type)} cannot be tested this way.`, e.left.span);
  }
  const items = e.right.map((re) => {
    if (l.type.k === 'enum' && re.kind === 'name') {
      const values = enumValues(ctx, l.type.name) ?? [];
      if (!values.includes(re.name.text) && !scope.locals.has(re.name.text) && !ctx.r.symbols.has(re.name.text)) {
        const isReading = ctx.r.symbols.get(l.type.name)?.kind === 'reading';
        ctx.diagnostics.push(error(isReading ? 'RB305' : 'RB304', `\`${re.name.text}\` is not ${isReading ? 'an option of the reading' : 'a value of'} ${l.type.name}.${didYouMean(re.name.text, values)} Its ${isReading ? 'options' : 'values'} are: ${values.join(', ')}.`, re.span));
        return ERR.ir;
      }
    }
    const c = checkExpr(ctx, re, scope, l.type);
    if (!isErr(c.type) && !sameType(c.type, l.type) && !(isNumber(c.type) && isNumber(l.type))) {
      ctx.diagnostics.push(error('RB404', `${showType(l.type).replace(/^./, (x) => x.toUpperCase())} is compared with ${showType(c.type)}.`, re.span));
    }
    return c.ir;
  });
  if (items.length === 1) return { ir: { op: 'cmp', kind, cmp: e.negated ? '<>' : '=', left: l.ir, right: items[0]!, span: sourceSpan(e.span) }, type: T.boolean };
  return { ir: { op: 'in_set', kind, value: l.ir, items, negated: e.negated }, type: T.boolean };
}

/** Checks `x within interval` (an instant against dates compares its day in the program zone). */
export function checkWithin(ctx: CheckContext, operand: A.Expr, intervalExpr: A.Expr, negated: boolean, span: Span, scope: Scope): Checked {
  const v = checkExpr(ctx, operand, scope);
  const iv = checkExpr(ctx, intervalExpr, scope);
  if (isErr(v.type) || isErr(iv.type)) return ERR;
  if (v.type.k === 'optional') return report(ctx, 'RB408', 'This value may be absent; test `is present` first.', operand.span);
  if (iv.type.k !== 'interval') return report(ctx, 'RB400', `\`within\` needs an interval (from … through …), but this is ${showType(iv.type)}.`, intervalExpr.span);
  let value = v;
  const et = iv.type.of;
  if (v.type.k === 'instant' && et.k === 'date') value = { ir: { op: 'builtin', fn: 'to_date', args: [v.ir] }, type: T.date };
  if (v.type.k === 'date' && et.k === 'instant') return report(ctx, 'RB404', 'A date cannot be tested against an interval of instants; the date has no time of day.', span);
  const kind = cmpKindOf(value.type);
  const fits = sameType(value.type, et) || (isNumber(value.type) && isNumber(et));
  if (!fits || !kind) return report(ctx, 'RB404', `${showType(v.type).replace(/^./, (c) => c.toUpperCase())} cannot be tested against ${showType(iv.type)}.`, span);
  return { ir: { op: 'within', kind, value: value.ir, interval: iv.ir, negated, span: sourceSpan(span) }, type: T.boolean };
}

