/**
 * A plain sentence per output, built from the explanation trace: the output's value and
 * description, then what it rests on directly (the rule that applied, the table row that
 * matched, the conditions that failed, the definitions it used with their values and
 * descriptions). Record arguments are named by their id. Shared by `rulebook eval
 * --explain` and the playground.
 */
import { formatValue } from './explain.js';
import { oneLine } from './printable.js';
import type { TraceNode } from './trace.js';

const cite = (clauses: string[]) => (clauses.length ? ` (${clauses.join(' ')})` : '');

/** `purchase_rule(R2)`: a call named by its arguments' ids (or values when they have none). */
export function callName(n: TraceNode): string {
  if (!n.args) return n.name;
  return `${n.name}(${Object.values(n.args).map((v) => idOf(v)).join(', ')})`;
}

/** A record by its id or label field (`R2`), anything else as a compact value. */
export function idOf(v: unknown): string {
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const key = ['id', 'label', 'name'].find((k) => typeof o[k] === 'string') ?? Object.keys(o).find((k) => k.endsWith('_id') && typeof o[k] === 'string');
    if (key) return oneLine(String(o[key]));
  }
  return formatValue(v, true);
}

/** A value in a sentence: records by their id, lists of records by their ids or count. */
export function short(v: unknown): string {
  if (Array.isArray(v) && v.length && v.every((x) => x && typeof x === 'object' && !Array.isArray(x))) {
    const ids = v.map(idOf);
    return ids.every((x) => !x.startsWith('{')) && ids.length <= 4 ? ids.join(', ') : `${v.length} item${v.length === 1 ? '' : 's'}`;
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && !('eligible' in v) && !('start' in v)) {
    const id = idOf(v);
    if (!id.startsWith('{')) return id;
  }
  return formatValue(v, true);
}

/**
 * A definition the reader does not need to see on its own: no description and no
 * clause, so it is a step of the definition that used it (shown folded under it).
 */
export function isHelper(n: TraceNode): boolean {
  return (n.kind === 'definition' || n.kind === 'ref') && !n.doc && n.clauses.length === 0;
}

/** One fact a node contributes to its parent's sentence, or undefined when it adds nothing. */
function fact(n: TraceNode, deep: boolean): string | undefined {
  switch (n.kind) {
    case 'rule': return n.passed ? `rule ${n.name} applies${n.note ? ` (${n.note})` : ''}${cite(n.clauses)}` : undefined;
    case 'row': return `row ${n.name} of the table matched${n.note ? ` (${n.note})` : ''}${cite(n.clauses)}`;
    case 'requirement': return n.passed ? undefined : `not met: ${n.note ?? n.name}${cite(n.clauses)}`;
    case 'version': return `the version in force is ${n.name}${cite(n.clauses)}`;
    case 'reading': return `reading ${n.name} = ${formatValue(n.value)}`;
    default: {
      const what = n.doc ? `${callName(n)}, ${n.doc},` : callName(n);
      const base = `${what} is ${short(n.value)}${cite(n.clauses)}`;
      if (!deep || n.kind === 'ref') return base;
      const inner = n.children.filter((c) => c.kind === 'definition' || c.kind === 'ref').map((c) => `${callName(c)} ${short(c.value)}`);
      return inner.length ? `${base}, from ${list(inner, 3)}` : base;
    }
  }
}

function list(items: string[], max: number): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

/** Facts of the children, helpers replaced by what they rest on. */
function facts(children: TraceNode[]): string[] {
  const out: string[] = [];
  for (const c of children) {
    if (isHelper(c) && c.kind === 'definition' && c.children.length) out.push(...facts(c.children));
    else {
      const f = fact(c, true);
      if (f) out.push(f);
    }
  }
  return [...new Set(out)];
}

/**
 * The sentence for one output node, one line (texts' line breaks and other control
 * characters shown as escapes); `doc` is the output's description when the node lacks it.
 */
export function outputSentence(n: TraceNode, doc = n.doc): string {
  const head = `${n.name} = ${short(n.value)}${cite(n.clauses)}${doc ? `: ${doc}` : ''}`;
  const why = facts(n.children);
  return oneLine(why.length ? `${head}. Because ${list(why, 4)}.` : `${head}.`);
}

/** One sentence per output of a trace, one a line; `docs` maps output names to their descriptions. */
export function summarizeTrace(trace: TraceNode[], docs: Record<string, string | undefined> = {}): string {
  return trace.filter((n) => n.kind === 'output').map((n) => outputSentence(n, n.doc ?? docs[n.name])).join('\n');
}
