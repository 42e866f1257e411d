/**
 * One iterative walk over an AST (or any tree of plain objects), for the checks that
 * must work on arbitrarily deep trees without recursion: reserved names, literal ranges,
 * depth limits, dependencies.
 */

/**
 * Calls `visit` on every object under `root` (arrays are looked through, `span`s are
 * skipped) with its depth in AST nodes (objects with a `kind` and a `span`), counting
 * the object itself. Stops early when `visit` returns false.
 */
export function walkAst(root: unknown, visit: (node: Record<string, unknown>, depth: number) => boolean | void): void {
  // two parallel stacks rather than a [value, depth] pair per entry: the compiler walks
  // each file four times, and the pairs were garbage to collect on every keystroke
  const values: unknown[] = [root];
  const depths: number[] = [0];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) { for (const x of v) { values.push(x); depths.push(depth); } continue; }
    const o = v as Record<string, unknown>;
    const here = typeof o.kind === 'string' && o.span ? depth + 1 : depth;
    if (visit(o, here) === false) return;
    for (const k in o) if (k !== 'span' && o[k] && typeof o[k] === 'object') { values.push(o[k]); depths.push(here); }
  }
}
