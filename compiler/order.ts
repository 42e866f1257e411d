/**
 * Stage 4: orders definitions so that each comes after what it uses, and reports
 * circular definitions (the language is total: nothing may depend on itself).
 */
import { error, type Diagnostic } from '../language/diagnostics.js';
import type { Span } from '../language/span.js';

/**
 * Topologically sorts `names` by `deps`; each cycle becomes one RB500 diagnostic at
 * the span of its first member.
 */
export function orderDefinitions(names: string[], deps: Map<string, Set<string>>, spanOf: (name: string) => Span): { order: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const order: string[] = [];
  let counter = 0;

  // Tarjan's strongly connected components; components come out dependencies-first.
  const visit = (v: string): void => {
    index.set(v, counter); low.set(v, counter); counter++;
    stack.push(v); onStack.add(v);
    for (const w of deps.get(v) ?? []) {
      if (!deps.has(w)) continue;
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
      const selfLoop = component.length === 1 && deps.get(v)?.has(v);
      if (component.length > 1 || selfLoop) {
        // start the circle at the member written first in the file, and report it there
        const first = [...component].sort((a, b) => spanOf(a).startOffset - spanOf(b).startOffset || a.localeCompare(b))[0]!;
        const cycle = cyclePath(component, deps, first);
        const message = selfLoop
          ? `\`${v}\` is defined in terms of itself. Rules must be computable in order; compute it from other values.`
          : `These definitions depend on each other in a circle: ${cycle.join(' → ')}. Rules must be computable in order; break the circle.`;
        diagnostics.push(error('RB500', message, spanOf(cycle[0]!)));
      }
      order.push(...component.reverse());
    }
  };
  for (const n of names) if (!index.has(n)) visit(n);
  return { order, diagnostics };
}

function cyclePath(component: string[], deps: Map<string, Set<string>>, start: string): string[] {
  const members = new Set(component);
  const path = [start];
  let current = start;
  for (let i = 0; i < component.length; i++) {
    const next = [...(deps.get(current) ?? [])].find((d) => members.has(d) && (d === start || !path.includes(d)));
    if (!next) break;
    path.push(next);
    if (next === start) break;
    current = next;
  }
  if (path[path.length - 1] !== start) path.push(start);
  return path;
}
