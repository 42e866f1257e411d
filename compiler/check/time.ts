/** Checks effective-dated values (`in force on`): versions in date order, one type for all. */
import type * as A from '../../language/ast.js';
import { error } from '../../language/diagnostics.js';
import type { Ty } from '../../runtime/ir.js';
import { T, unify, showType } from '../types.js';
import { parseDateLiteral } from '../literals.js';
import { type Scope } from '../scope.js';
import { ERR, report, isErr, sourceSpan, type Checked, type CheckContext } from './common.js';
import { checkExpr } from '../check-expr.js';

export function checkEffective(ctx: CheckContext, e: A.Expr & { kind: 'effective' }, scope: Scope, expected?: Ty): Checked {
  const at = checkExpr(ctx, e.at, scope);
  if (isErr(at.type)) return ERR;
  if (at.type.k !== 'date' && at.type.k !== 'instant') return report(ctx, 'RB400', `\`in force on\` needs the date or instant of the event that selects the version, not ${showType(at.type)}.`, e.at.span);
  let resultType: Ty = T.empty;
  let prevEnd = -Infinity;
  let versionCount = 0;
  const versions = e.versions.map((v) => {
    const from = v.from ? parseDateLiteral((v.from as { text: string }).text) : undefined;
    const until = v.until ? parseDateLiteral((v.until as { text: string }).text) : undefined;
    if (v.from && from === undefined) ctx.diagnostics.push(error('RB204', `${(v.from as { text: string }).text} is not a real calendar date.`, v.from.span));
    if (v.until && until === undefined) ctx.diagnostics.push(error('RB204', `${(v.until as { text: string }).text} is not a real calendar date.`, v.until.span));
    const start = from ?? -Infinity;
    const end = until ?? Infinity;
    if (start > end || (prevEnd !== -Infinity && start <= prevEnd) || (versionCount++ > 0 && start === -Infinity)) {
      ctx.diagnostics.push(error('RB504', 'This period overlaps the one before it or comes before it. List versions in date order with no day in two of them.', v.span));
    }
    prevEnd = end;
    const c = checkExpr(ctx, v.value, scope, expected ?? (resultType.k === 'empty' ? undefined : resultType));
    const u = unify(resultType, c.type);
    if (!u) ctx.diagnostics.push(error('RB413', `This version gives ${showType(c.type)} but earlier versions give ${showType(resultType)}.`, v.value.span));
    else resultType = u;
    return { ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}), value: c.ir, clauses: v.citations.map((c2) => c2.text) };
  });
  return {
    ir: { op: 'effective', at: at.ir, atKind: at.type.k === 'date' ? 'day' : 'ms', versions, span: sourceSpan(e.span) },
    type: resultType,
  };
}
