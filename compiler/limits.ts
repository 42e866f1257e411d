/**
 * The definition-chain limit: evaluating a definition recurses into the definitions it
 * uses, so the depth of expressions summed along the longest chain of definitions is
 * bounded (MAX_CHAIN_DEPTH; docs/language.md, "Limits"). This stage also gives the
 * checker an order in which every definition comes after those it uses, so checking is
 * never a deep recursion either. Dependencies are read from the syntax (names and calls
 * of declared definitions), before types are known.
 */
import type * as A from '../language/ast.js';
import { error, type Diagnostic } from '../language/diagnostics.js';
import { namesAndDepth, type DeclFactsCache } from './decl-facts.js';
import { MAX_RECORD_TYPES } from '../runtime/values/limits.js';

/** Largest sum of (expression depth + 1) along a chain of definitions that use each other. */
export const MAX_CHAIN_DEPTH = 500;

interface Node { name: string; decl: A.Declaration & { name: A.Name }; deps: Set<string>; depth: number }

/** Declarations whose value others can use by name (a state is asked, a dated table looked up). */
const NAMED_KINDS: ReadonlySet<string> = new Set(['value', 'table', 'eligible', 'output', 'history', 'dated', 'ledger']);

/** Declarations that define a value others can use by name. */
function named(d: A.Declaration): d is A.Declaration & { name: A.Name } {
  return NAMED_KINDS.has(d.kind) && !!(d as { name?: A.Name }).name?.text;
}

/** The names a declaration refers to, and its deepest expression nesting (walked once per declaration). */
function scan(decl: A.Declaration, defined: Set<string>, facts?: DeclFactsCache): { deps: Set<string>; depth: number } {
  const { names, depth } = namesAndDepth(decl, facts);
  const deps = new Set<string>();
  for (const n of names) if (defined.has(n)) deps.add(n);
  return { deps, depth };
}

/**
 * Names of the file's definitions, each after the ones it uses (members of a circle in
 * any order: the ordering stage reports circles), and RB103 for every definition whose
 * chain is deeper than MAX_CHAIN_DEPTH. `facts` remembers each declaration's walk (compiler/decl-facts.ts).
 */
export function checkOrder(file: A.RulesFile, facts?: DeclFactsCache): { order: string[]; diagnostics: Diagnostic[] } {
  const records = file.declarations.filter((d): d is A.RecordDecl => d.kind === 'record');
  if (records.length > MAX_RECORD_TYPES) {
    const first = records[MAX_RECORD_TYPES]!;
    return { order: [], diagnostics: [error('RB102', `The program declares ${records.length} record types, more than the ${MAX_RECORD_TYPES} the runtime can nest one inside another. Merge records that always go together, or split the program.`, first.name.span)] };
  }
  const nodes = new Map<string, Node>();
  const defined = new Set(file.declarations.filter(named).map((d) => d.name.text));
  for (const d of file.declarations) {
    if (!named(d) || nodes.has(d.name.text)) continue;
    nodes.set(d.name.text, { name: d.name.text, decl: d, ...scan(d, defined, facts) });
  }
  const order: string[] = [];
  const chain = new Map<string, number>();
  const state = new Map<string, 'open' | 'done'>();
  const diagnostics: Diagnostic[] = [];
  for (const root of nodes.keys()) {
    if (state.has(root)) continue;
    // iterative depth-first search, dependencies first
    const stack: { n: Node; next: string[] }[] = [{ n: nodes.get(root)!, next: [...nodes.get(root)!.deps] }];
    state.set(root, 'open');
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const child = top.next.pop();
      if (child !== undefined) {
        if (!state.has(child) && nodes.has(child)) {
          if (stack.length >= MAX_CHAIN_DEPTH) {
            // a path this long exceeds the limit whatever the depths are (and may be a circle)
            if (!diagnostics.length) diagnostics.push(error('RB103', `${child} is reached through more than ${MAX_CHAIN_DEPTH} definitions in a row, too deep to evaluate. Shorten the chain.`, nodes.get(child)!.decl.name.span));
            continue;
          }
          state.set(child, 'open');
          stack.push({ n: nodes.get(child)!, next: [...nodes.get(child)!.deps] });
        }
        continue;
      }
      stack.pop();
      state.set(top.n.name, 'done');
      order.push(top.n.name);
      // a dependency still open is in a circle with this one: not part of a chain
      const below = Math.max(0, ...[...top.n.deps].filter((c) => state.get(c) === 'done').map((c) => chain.get(c) ?? 0));
      const total = below + top.n.depth + 1;
      chain.set(top.n.name, total);
      if (total > MAX_CHAIN_DEPTH && below <= MAX_CHAIN_DEPTH) {
        diagnostics.push(error('RB103', `${top.n.name} rests on a chain of definitions too deep to evaluate (more than ${MAX_CHAIN_DEPTH} levels of nested operations along the chain). Shorten the chain: compute intermediate results side by side rather than each from the previous one.`, top.n.decl.name.span));
      }
    }
  }
  return { order, diagnostics };
}
