/**
 * Which parsed declaration an AST is a copy of. The incremental parser (language/incremental.ts)
 * copies the declarations an edit moved, with their spans moved; everything else about the
 * copy is the original. Caches of facts that do not depend on where a declaration stands
 * (compiler/decl-facts.ts) are kept per original, so a moved declaration is not walked again.
 */

const origins = new WeakMap<object, object>();

/** Notes that `copy` is `of` (or what `of` is a copy of) with its spans moved. */
export function noteMovedCopy(copy: object, of: object): void {
  origins.set(copy, origins.get(of) ?? of);
}

/** The declaration as first parsed, of which `node` is a moved copy; `node` itself when it is no copy. */
export function originOf<T extends object>(node: T): T {
  return (origins.get(node) as T | undefined) ?? node;
}
