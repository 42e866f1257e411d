/**
 * What the load-time type check knows is present: the compiler narrows an optional value
 * to its value's type where an enclosing `is present` test proves it there (`if x is
 * present then x.end`, `x is present and x.end > d`, an aggregation's `where`, a rule's
 * `when`), and reads a field only of a value it knows is present. The IR keeps the tests,
 * not the narrowing, so the facts are found again here the way compiler/scope.ts finds
 * them, keyed by the path of a name or field chain, or by the expression itself.
 */
import type { Expr, Ty } from '../../ir.js';
import type { Scope } from './common.js';

/** The path of a name or field chain (`c.contract.end`), as the compiler keys it, or undefined. */
function pathKey(e: Expr): string | undefined {
  switch (e.op) {
    case 'local': case 'input': case 'ref': return e.name;
    case 'field': { const base = pathKey(e.target); return base === undefined ? undefined : `${base}.${e.name}`; }
    default: return undefined;
  }
}

const noSpans = (k: string, v: unknown): unknown => (k === 'span' ? undefined : v);

/** The key of an expression for presence facts: its path, or the expression without its source positions. */
function exprKey(e: Expr): string {
  return pathKey(e) ?? `expr:${JSON.stringify(e, noSpans)}`;
}

/** The keys of what is proven present when the condition `e` gives `outcome`. */
function factsOf(e: Expr, outcome: boolean, out: string[]): string[] {
  switch (e.op) {
    case 'present': if (outcome !== e.negated) out.push(exprKey(e.value)); break;
    case 'not': factsOf(e.value, !outcome, out); break;
    case 'and': if (outcome) for (const a of e.args) factsOf(a, true, out); break;
    case 'or': if (!outcome) for (const a of e.args) factsOf(a, false, out); break;
    default: break;
  }
  return out;
}

/** The scope inside which the condition `e` gave `outcome` (`if`'s branches, the operands after it in `and`/`or`, a rule's value). */
export function given(scope: Scope | undefined, e: Expr, outcome: boolean): Scope | undefined {
  // a fact is an entry without a name: no local is named '' (validate-artifact.ts refuses it)
  for (const fact of factsOf(e, outcome, [])) scope = { name: '', type: PRESENT, up: scope, fact };
  return scope;
}

const PRESENT: Ty = { k: 'empty' };

/** `t` narrowed to its value's type when the scope proves `e` present. */
export function narrowed(e: Expr, t: Ty, scope: Scope | undefined): Ty {
  if (t.k !== 'optional') return t;
  let any = false;
  for (let x = scope; x && !any; x = x.up) any = x.fact !== undefined;
  if (!any) return t;
  const key = exprKey(e);
  for (let x = scope; x; x = x.up) if (x.fact === key) return t.of;
  return t;
}
