/**
 * What the load-time type check's construct families share: the types they build, the
 * leniencies that keep every artifact the compiler writes loadable, and how they refuse.
 *
 * The check infers the type of each expression bottom-up from what the artifact declares
 * and compares it with what each operation's evaluator assumes. An optional type fits
 * where its value's type is expected, at any depth, and `empty` (an empty list's items, an
 * unknown) fits anything: absence is checked only where a field is read (presence.ts
 * finds the compiler's `is present` facts again); elsewhere the evaluators handle it.
 */
import type { Artifact, CmpKind, Definition, Expr, Ty } from '../../ir.js';
import { sameType, isNumber, showType, cmpKindOf } from '../../ty.js';
import { Problem } from '../common.js';

export const ANY: Ty = { k: 'empty' };
export const BOOL: Ty = { k: 'boolean' };
export const INT: Ty = { k: 'integer' };
export const DEC: Ty = { k: 'decimal' };
export const TEXT: Ty = { k: 'text' };
export const DATE: Ty = { k: 'date' };
export const INSTANT: Ty = { k: 'instant' };
export const DURATION: Ty = { k: 'duration' };
export const ELIGIBILITY: Ty = { k: 'eligibility' };
export const listOf = (of: Ty): Ty => ({ k: 'list', of });
export const optional = (of: Ty): Ty => (of.k === 'optional' ? of : { k: 'optional', of });

/** The locals in scope (parameters, an aggregation's item, a state's `previous`…): a chain, innermost first. */
export interface Scope { readonly name: string; readonly type: Ty; readonly up: Scope | undefined; /** A presence fact (presence.ts) rather than a local. */ readonly fact?: string }
export const bind = (up: Scope | undefined, name: string, type: Ty): Scope => ({ name, type, up });
export function lookup(s: Scope | undefined, name: string): Ty {
  for (let x = s; x; x = x.up) if (x.name === name) return x.type;
  return ANY;
}

/** The type without its `optional` wrappers (the compiler narrows optionals the IR does not mark). */
export const strip = (t: Ty): Ty => (t.k === 'optional' ? strip(t.of) : t);
export const isAny = (t: Ty): boolean => t.k === 'empty';

/** True when a value of type `actual` may stand where `expected` is declared (a whole number where a number is). */
export function fits(actual: Ty, expected: Ty): boolean {
  if (actual === expected) return true;
  const a = strip(actual), e = strip(expected);
  if (a.k === 'empty' || e.k === 'empty') return true;
  if (a.k === 'integer' && e.k === 'decimal') return true;
  if (a.k !== e.k) return false;
  switch (a.k) {
    case 'list': case 'interval': return fits(a.of, (e as typeof a).of);
    case 'struct': {
      const ef = (e as typeof a).fields;
      return a.fields.length === ef.length && a.fields.every((f, i) => f.name === ef[i]!.name && fits(f.type, ef[i]!.type));
    }
    default: return sameType(a, e);
  }
}

/** True when two declared types describe the same values (up to absence). */
export const sameShape = (a: Ty, b: Ty): boolean => fits(a, b) && fits(b, a);

/** The common type of two branches, or undefined when they do not agree. */
export function unify(a: Ty, b: Ty): Ty | undefined {
  if (a.k === 'empty') return b;
  if (b.k === 'empty') return a;
  const sa = strip(a), sb = strip(b);
  if (isNumber(sa) && isNumber(sb)) return sa.k === 'integer' && sb.k === 'integer' ? a : DEC;
  if (sa.k === 'list' && sb.k === 'list') { const u = unify(sa.of, sb.of); return u && listOf(u); }
  if (fits(b, a)) return a.k === 'optional' ? a : b;
  if (fits(a, b)) return b;
  return undefined;
}

/** True for a number, money, an amount of a unit or a percentage: a decimal at run time. */
export const isAmount = (t: Ty): boolean => isNumber(t) || t.k === 'money' || t.k === 'unit' || t.k === 'percent';

/** How a comparison kind reads its operands, in words. */
export const KIND_WORDS: Record<CmpKind, string> = { num: 'numbers', day: 'dates', ms: 'instants', str: 'text', bool: 'yes/no values' };

/** The comparison kind a value of type `t` needs ('str' for a type without one, as the compiler's table columns). */
export const kindOf = (t: Ty): CmpKind | undefined => cmpKindOf(strip(t));

/**
 * A refusal at `node` (an expression, a definition, a cell of the artifact), or at its
 * field `key`. The walk builds no paths: the path of the node is found only on a refusal
 * (pathOf), which keeps a cold load's walk short.
 */
export class TypeMismatch { constructor(readonly node: object, readonly key: string | undefined, readonly message: string) {} }

/** Refuses the artifact: its types do not agree, so it was changed after it was compiled. */
export function mismatch(node: object, message: string, key?: string): never {
  throw new TypeMismatch(node, key, message);
}

/** The problem a refusal reports: the JSON path of its node in the artifact, and what is wrong. */
export function problemOf(a: Artifact, m: TypeMismatch): Problem {
  const at = pathOf(a, m.node) ?? '$';
  return new Problem(m.key === undefined ? at : m.key.startsWith('[') ? `${at}${m.key}` : `${at}.${m.key}`, `${m.message}; its types do not agree, so it was changed after it was compiled`);
}

/** The path of an object of the artifact (the first place it is met, depth first), as `$.definitions[3].body.args[1]`. */
function pathOf(a: Artifact, node: object): string | undefined {
  const stack: [unknown, string][] = [[a, '$']];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (v === node) return p;
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${p}[${i}]`]);
    else for (const k of Object.keys(v).reverse()) if (k !== 'schemas') stack.push([(v as Record<string, unknown>)[k], `${p}.${k}`]);
  }
  return undefined;
}

/** `t` in words, for messages. */
export const words = (t: Ty): string => (t.k === 'empty' ? 'an unknown value' : showType(t));

/** The type checker as its construct families see it. */
export interface TypeWalker {
  readonly a: Artifact;
  /** The definition of that name, if any. */
  definition(name: string): Definition | undefined;
  /** The fields of a record type by name (empty when it has none). */
  fields(record: string): ReadonlyMap<string, Ty>;
  /** The type of an expression, checking its operations on the way. */
  infer(e: Expr, scope: Scope | undefined): Ty;
  /** Requires the comparison kind `node[key]` to be the one values of type `t` are compared by. */
  kind(node: object, key: string, t: Ty): void;
  /** The common type of two branches, refusing at `node` (the second) when there is none. */
  join(a: Ty, b: Ty, node: object, what: string, before: string): Ty;
}

/** Infers `e` and requires its type (absence aside) to satisfy `ok`; returns the type without optional. */
export function want(w: TypeWalker, e: Expr, scope: Scope | undefined, ok: (t: Ty) => boolean, what: string): Ty {
  const t = strip(w.infer(e, scope));
  if (!isAny(t) && !ok(t)) mismatch(e, `gives ${words(t)} where ${what} is expected`);
  return t;
}

const isBoolean = (t: Ty): boolean => t.k === 'boolean';
/** A condition: yes/no. */
export const condition = (w: TypeWalker, e: Expr, scope: Scope | undefined): void => { want(w, e, scope, isBoolean, 'a yes/no condition'); };

/** Requires the expression `e` to give a value that fits where `declared` is declared. */
export function fitsDeclared(w: TypeWalker, e: Expr, scope: Scope | undefined, declared: Ty, what: string): void {
  const actual = w.infer(e, scope);
  if (!fits(actual, declared)) mismatch(e, `gives ${words(strip(actual))}, but ${what} is declared as ${words(declared)}`);
}
