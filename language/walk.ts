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
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) { for (const x of v) stack.push([x, depth]); continue; }
    const o = v as Record<string, unknown>;
    const here = typeof o.kind === 'string' && o.span ? depth + 1 : depth;
    if (visit(o, here) === false) return;
    for (const k in o) if (k !== 'span' && o[k] && typeof o[k] === 'object') stack.push([o[k], here]);
  }
}
