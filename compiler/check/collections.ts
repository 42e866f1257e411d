/** Checks aggregates over lists: sum, count, distinct count, minimum/maximum, earliest/latest, exists, no, every, each, list. */
import type * as A from '../../language/ast.js';
import type { AggKind } from '../../runtime/ir.js';
import { T, isNumber, showType, cmpKindOf, isOrdered } from '../types.js';
import { withLocal, withPresent, presenceFacts, type Scope } from '../scope.js';
import { ERR, report, isErr, type Checked, type CheckContext } from './common.js';
import { checkExpr, checkCondition, asCondition } from '../check-expr.js';

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
      if (!vt || !(isNumber(vt) || vt.k === 'money' || vt.k === 'percent')) return report(ctx, 'RB400', `Only numbers, money or percentages can be summed, not ${showType(vt ?? T.empty)}.`, e.value!.span);
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
      return { ir: { ...base, value: value!.ir, valueKind: cmpKindOf(vt) }, type: resultType };
    }
    case 'map': return { ir: { ...base, value: value!.ir }, type: T.list(vt!) };
  }
  return ERR;
}

