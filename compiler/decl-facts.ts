/**
 * What the compiler's walks over the whole file learn from one declaration, remembered per
 * declaration by an editor's compiler (compiler/incremental.ts), so that a compile after an
 * edit walks only the declarations the edit changed. Every fact here is independent of where
 * the declaration stands in the text, so it is kept for the declaration as first parsed
 * (language/origin.ts): the incremental parser's copies with moved spans share it. ASTs are
 * never written to after parsing, so a declaration's facts never go stale. Without a
 * `DeclFactsCache` (a plain `compile`) every walk is done afresh.
 * test/compiler/incremental-check.test.ts compares compiles that use them with fresh ones.
 */
import type * as A from '../language/ast.js';
import { originOf } from '../language/origin.js';
import { walkAst } from '../language/walk.js';

/** The remembered facts of one declaration; each is filled by the walk that first needs it. */
export interface DeclFacts {
  /** Names it uses (`name` expressions) and calls, in the order the walk meets them first. */
  names?: string[];
  /** Its deepest expression nesting (language/walk.ts's depth). */
  depth?: number;
  /** The clauses it cites, in order of first appearance, without repeats. */
  clauses?: string[];
  /** True when it uses no reserved name (compiler/reserved-names.ts). */
  noReservedNames?: boolean;
  /** The program settings (rounding unit and zone) under which all its literals are in range. */
  literalsInRangeFor?: string;
}

/** One editor's remembered facts, per declaration as first parsed. */
export class DeclFactsCache {
  private readonly facts = new WeakMap<object, DeclFacts>();

  /** The facts of `decl`, shared with every moved copy of it. */
  of(decl: A.Declaration): DeclFacts {
    const origin = originOf(decl);
    let f = this.facts.get(origin);
    if (!f) this.facts.set(origin, (f = {}));
    return f;
  }
}

/** The names `decl` uses or calls, and its depth: remembered in `cache` when there is one. */
export function namesAndDepth(decl: A.Declaration, cache?: DeclFactsCache): { names: string[]; depth: number } {
  const f = cache?.of(decl) ?? {};
  if (!f.names) Object.assign(f, walkNamesAndDepth(decl));
  return { names: f.names!, depth: f.depth! };
}

/** `namesAndDepth` walked afresh. */
export function walkNamesAndDepth(decl: A.Declaration): { names: string[]; depth: number } {
  const names = new Set<string>();
  let depth = 0;
  walkAst(decl, (o, d) => {
    if (d > depth) depth = d;
    if (o.kind === 'name') names.add((o.name as A.Name).text);
    if (o.kind === 'call') names.add((o.callee as A.Name).text);
  });
  return { names: [...names], depth };
}

/** Every clause a tree cites, in order of first appearance, without repeats. */
export function citedClauses(root: unknown, seen = new Set<string>()): Set<string> {
  const visit = (v: unknown): void => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) { v.forEach(visit); return; }
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.citations)) for (const c of o.citations as A.Citation[]) seen.add(c.text);
    // for…in, not Object.entries: no array of pairs per AST node on every keystroke
    for (const k in o) if (k !== 'span' && k !== 'citations') visit(o[k]);
  };
  visit(root);
  return seen;
}

/** The clauses `decl` cites (`citedClauses`): remembered in `cache` when there is one. */
export function clausesOf(decl: A.Declaration, cache?: DeclFactsCache): string[] {
  const f = cache?.of(decl) ?? {};
  return (f.clauses ??= [...citedClauses(decl)]);
}
