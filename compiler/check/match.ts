/** Checks `match`: cases on an enumeration or a text, every value covered or an `otherwise`. */
import type * as A from '../../language/ast.js';
import { error, didYouMean } from '../../language/diagnostics.js';
import type { Expr, Ty } from '../../runtime/ir.js';
import { T, unify, showType } from '../types.js';
import { type Scope } from '../scope.js';
import { ERR, report, isErr, enumValues, type Checked, type CheckContext } from './common.js';
import { checkExpr } from '../check-expr.js';

/** Checks `match`: each case a value of the subject, every value covered or an `otherwise`. */
export function checkMatch(ctx: CheckContext, e: A.Expr & { kind: 'match' }, scope: Scope, expected?: Ty): Checked {
  const subj = checkExpr(ctx, e.subject, scope);
  if (isErr(subj.type)) return ERR;
  if (subj.type.k !== 'enum' && subj.type.k !== 'text') return report(ctx, 'RB404', `\`match\` works on an enumeration or text, not ${showType(subj.type)}.`, e.subject.span);
  const values = subj.type.k === 'enum' ? enumValues(ctx, subj.type.name) ?? [] : [];
  const covered = new Set<string>();
  let unknownValue = false;
  let resultType: Ty = T.empty;
  const arms = e.arms.map((arm) => {
    const vals: string[] = [];
    for (const v of arm.values) {
      const text = v.kind === 'name' ? v.name.text : v.kind === 'string' ? v.value : undefined;
      if (text === undefined || (subj.type.k === 'enum' && !values.includes(text))) {
        unknownValue = true;
        const isReading = subj.type.k === 'enum' && ctx.r.symbols.get(subj.type.name)?.kind === 'reading';
        ctx.diagnostics.push(error(isReading ? 'RB305' : 'RB304', `\`${text ?? '?'}\` is not ${isReading ? 'an option' : 'a value'} of ${subj.type.k === 'enum' ? subj.type.name : showType(subj.type)}.${didYouMean(text ?? '', values)}`, v.span));
        continue;
      }
      covered.add(text);
      vals.push(text);
    }
    const r = checkExpr(ctx, arm.result, scope, expected ?? (resultType.k === 'empty' ? undefined : resultType));
    const u = unify(resultType, r.type);
    if (!u) ctx.diagnostics.push(error('RB413', `This case gives ${showType(r.type)} but earlier cases give ${showType(resultType)}.`, arm.result.span));
    else resultType = u;
    return { values: vals, result: r.ir };
  });
  let otherwise: Expr | undefined;
  if (e.otherwise) {
    const o = checkExpr(ctx, e.otherwise, scope, expected ?? resultType);
    const u = unify(resultType, o.type);
    if (!u) ctx.diagnostics.push(error('RB413', `\`otherwise\` gives ${showType(o.type)} but the cases give ${showType(resultType)}.`, e.otherwise.span));
    else resultType = u;
    otherwise = o.ir;
  } else {
    const missing = subj.type.k === 'enum' ? values.filter((v) => !covered.has(v)) : ['(other text)'];
    // after a misspelt case the missing value is usually the misspelt one: one error is enough
    if (missing.length && !unknownValue) {
      return report(ctx, 'RB406', `This match does not say what happens for ${missing.join(', ')}. Add \`when ${missing[0]} then …\` or \`otherwise …\`.`, e.span);
    }
  }
  return { ir: { op: 'match', subject: subj.ir, arms, ...(otherwise ? { otherwise } : {}) }, type: resultType };
}

