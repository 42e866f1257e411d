/** Checks aggregates over lists (with tie-breakers for earliest/latest) and `item n of L`: sum, count, distinct count, minimum/maximum, earliest/latest, exists, no, every, each, list. */
import type * as A from '../../language/ast.js';
import type { AggKind, CmpKind, Expr } from '../../runtime/ir.js';
import { T, isNumber, showType, cmpKindOf, isOrdered } from '../types.js';
import { withLocal, withPresent, presenceFacts, type Scope } from '../scope.js';
import { ERR, report, isErr, type Checked, type CheckContext } from './common.js';
import { checkExpr, checkCondition, asCondition } from '../check-expr.js';

/** Checks an aggregate over a list (`sum … for x in L where C`, `earliest x in L by E ties by T`, …). */
export function checkAggregate(ctx: CheckContext, e: A.Expr & { kind: 'aggregate' }, scope: Scope): Checked {
  const coll = checkExpr(ctx, e.collection, scope);
  if (isErr(coll.type)) return ERR;
  if (coll.type.k !== 'list') return report(ctx, 'RB411', `\`${e.variable.text} in …\` needs a list, but this is ${showType(coll.type)}.`, e.collection.span);
  const elem = coll.type.of;
  const inner = withLocal(scope, e.variable.text, elem);
  const where = e.where ? checkCondition(ctx, e.where, inner) : undefined;
  const valueScope = e.where ? withPresent(inner, presenceFacts(e.where, true)) : inner;
  const value = e.value ? checkExpr(ctx, e.value, valueScope) : undefined;
  const vt = value?.type;
  const base = { op: 'agg' as const, kind: e.op as AggKind, variable: e.variable.text, list: coll.ir, ...(where ? { where: where.ir } : {}) };
  if (vt && isErr(vt)) return ERR;
  switch (e.op) {
    case 'count': return { ir: base, type: T.integer };
    case 'exists': case 'none': return { ir: base, type: T.boolean };
    case 'filter': return { ir: base, type: coll.type };
    case 'every': {
      const c = asCondition(ctx, value!, e.value!.span);
      return { ir: { ...base, value: c.ir }, type: T.boolean };
    }
    case 'sum': {
      if (vt?.k === 'money_of') return report(ctx, 'RB402', `These amounts may be in ${vt.curs.join(' or ')}; convert each before adding them up: sum (x as ${vt.curs[0]}) for …`, e.value!.span);
      if (!vt || !(isNumber(vt) || vt.k === 'money' || vt.k === 'unit' || vt.k === 'percent')) return report(ctx, 'RB400', `Only numbers, money, amounts of a unit or percentages can be summed, not ${showType(vt ?? T.empty)}.`, e.value!.span);
      return { ir: { ...base, value: value!.ir }, type: vt };
    }
    case 'distinct_count': {
      const kind = vt && cmpKindOf(vt);
      if (!kind) return report(ctx, 'RB404', `Distinct values of ${showType(vt ?? T.empty)} cannot be counted.`, e.value!.span);
      return { ir: { ...base, value: value!.ir, valueKind: kind }, type: T.integer };
    }
    case 'minimum': case 'maximum': case 'earliest': case 'latest': {
      if (!vt || !isOrdered(vt) || vt.k === 'text') return report(ctx, 'RB404', `${e.op} needs values that can be ordered (dates, instants, numbers, money), not ${showType(vt ?? T.empty)}.`, e.value!.span);
      const resultType = e.op === 'earliest' || e.op === 'latest' ? T.optional(elem) : T.optional(vt);
      let tie: { tie: Expr; tieKind: CmpKind } | undefined;
      if (e.tie) {
        const t = checkExpr(ctx, e.tie, valueScope);
        if (isErr(t.type)) return ERR;
        const tk = cmpKindOf(t.type);
        if (!tk || !isOrdered(t.type)) return report(ctx, 'RB424', `A tie-breaker must be something that can be ordered (a date, instant, number, money or text), not ${showType(t.type)}.`, e.tie.span);
        tie = { tie: t.ir, tieKind: tk };
      }
      return { ir: { ...base, value: value!.ir, valueKind: cmpKindOf(vt), ...tie }, type: resultType };
    }
    case 'map': return { ir: { ...base, value: value!.ir }, type: T.list(vt!) };
  }
  return ERR;
}

/** `item n of L`: the n-th item counted from 1, absent when the list is shorter. */
export function checkItem(ctx: CheckContext, e: A.Expr & { kind: 'item' }, scope: Scope): Checked {
  const index = checkExpr(ctx, e.index, scope);
  const list = checkExpr(ctx, e.list, scope);
  if (isErr(index.type) || isErr(list.type)) return ERR;
  if (index.type.k !== 'integer') return report(ctx, 'RB419', `The position of an item is a whole number counted from 1, not ${showType(index.type)}.`, e.index.span);
  if (list.type.k !== 'list') return report(ctx, 'RB419', `\`item … of\` needs a list, but this is ${showType(list.type)}.`, e.list.span);
  return { ir: { op: 'item', index: index.ir, list: list.ir }, type: T.optional(list.type.of) };
}
