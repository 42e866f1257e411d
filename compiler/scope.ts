/**
 * What the checker knows while it walks one definition: local names (parameters and
 * collection variables), which optional paths are known to be present, and which
 * top-level names the definition depends on.
 */
import type { Ty } from '../runtime/ir.js';
import type * as A from '../language/ast.js';

export interface Scope {
  locals: Map<string, Ty>;
  /** Paths like `c.terminated_at` proven present by an enclosing `is present` test. */
  present: Set<string>;
  deps: Set<string>;
}

/** A fresh scope for a definition with the given parameters. */
export function rootScope(params: { name: string; type: Ty }[]): Scope {
  return { locals: new Map(params.map((p) => [p.name, p.type])), present: new Set(), deps: new Set() };
}

/** A child scope with one more local name; facts about an outer variable of that name no longer hold. */
export function withLocal(scope: Scope, name: string, type: Ty): Scope {
  const locals = new Map(scope.locals);
  locals.set(name, type);
  const mention = `"text":${JSON.stringify(name)}`;
  const present = new Set([...scope.present].filter((p) => p !== name && !p.startsWith(`${name}.`) && !(p.startsWith('expr:') && p.includes(mention))));
  return { locals, present, deps: scope.deps };
}

/** A child scope where the given paths are known to be present. */
export function withPresent(scope: Scope, paths: Iterable<string>): Scope {
  const present = new Set(scope.present);
  for (const p of paths) present.add(p);
  return { locals: scope.locals, present, deps: scope.deps };
}

/** The path of a name or field chain (`c.contract.end`), or undefined for other expressions. */
export function pathOf(e: A.Expr): string | undefined {
  if (e.kind === 'name') return e.name.text;
  if (e.kind === 'field') {
    const base = pathOf(e.target);
    return base === undefined ? undefined : `${base}.${e.field.text}`;
  }
  return undefined;
}

/**
 * The key of an expression for presence facts: its path (`c.contract.end`) for names and
 * fields, otherwise its syntax without positions, so the same expression written twice
 * (`maximum p.amount for p in ps`) has one key. Expressions are pure, so one that was
 * present when tested is present when used in the same scope.
 */
export function exprKey(e: A.Expr): string {
  return pathOf(e) ?? `expr:${JSON.stringify(e, (k, v) => (k === 'span' || k.endsWith('Span') ? undefined : v))}`;
}

/** Paths proven present when `e` evaluates to `outcome`. */
export function presenceFacts(e: A.Expr, outcome: boolean): string[] {
  switch (e.kind) {
    case 'presence': return outcome !== e.negated ? [exprKey(e.operand)] : [];
    case 'unary': return e.op === 'not' ? presenceFacts(e.operand, !outcome) : [];
    case 'binary':
      if (e.op === 'and' && outcome) return [...presenceFacts(e.left, true), ...presenceFacts(e.right, true)];
      if (e.op === 'or' && !outcome) return [...presenceFacts(e.left, false), ...presenceFacts(e.right, false)];
      return [];
    default: return [];
  }
}
