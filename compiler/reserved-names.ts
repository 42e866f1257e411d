/**
 * `__proto__` cannot be a name: every consumer of the outputs, inputs and schemas keeps
 * them in JavaScript objects, where that key changes the object's prototype instead of
 * holding a value. Other Object.prototype members (`constructor`, `toString`, …) are
 * ordinary names: every lookup in the compiler and runtime is by own property or Map.
 */
import type * as A from '../language/ast.js';
import { error, type Diagnostic } from '../language/diagnostics.js';
import { walkAst } from '../language/walk.js';
import type { DeclFactsCache } from './decl-facts.js';

/** Names refused everywhere in a program. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__']);

/**
 * One RB311 per use of a reserved name anywhere in the file (declarations, fields, variables).
 * A declaration found free of them once is not walked again when a `cache` remembers it (compiler/decl-facts.ts).
 */
export function reservedNameDiagnostics(file: A.RulesFile, cache?: DeclFactsCache): Diagnostic[] {
  const found: Diagnostic[] = [];
  const visit = (root: unknown) => walkAst(root, (o) => {
    if (typeof o.text === 'string' && RESERVED_NAMES.has(o.text) && o.span && typeof o.span === 'object') {
      found.push(error('RB311', `\`${o.text}\` cannot be used as a name: JavaScript objects cannot hold it as a key. Choose another name.`, o.span as A.Name['span']));
    }
  });
  visit(file.header);
  for (const d of file.declarations) {
    const facts = cache?.of(d);
    if (facts?.noReservedNames) continue;
    const before = found.length;
    visit(d);
    if (facts) facts.noReservedNames = found.length === before;
  }
  // each declaration's in the walk's order: the sort (stable) orders them as one walk of the file did
  return found.sort((a, b) => a.span.startOffset - b.span.startOffset);
}
