/**
 * The explanation of one evaluation as an expandable tree: every output, the
 * definitions, rules, table rows and requirements beneath it, each with its value and
 * the clauses it cites. Children are rendered when a node is first opened, so long
 * explanations stay cheap.
 */
import type { TraceNode } from '../../../runtime/trace.js';
import { formatText, renderValue } from '../format.js';
import { idOf, isHelper, outputSentence } from '../../../runtime/explain-summary.js';
import { h, clauseChips, type Part } from './dom.js';

/** Arguments by their id or label (`p = R2`); the full records are one click away. */
function args(n: TraceNode, zone: string): string {
  return n.args ? `(${Object.entries(n.args).map(([k, v]) => `${k} = ${v && typeof v === 'object' ? idOf(v) : formatText(v, zone)}`).join(', ')})` : '';
}

const recordArgs = (n: TraceNode) => Object.entries(n.args ?? {}).filter(([, v]) => v && typeof v === 'object');

/** The one-line summary of a trace node. */
export function traceLine(n: TraceNode, zone: string): { text: string; status?: 'pass' | 'fail' } {
  const v = formatText(n.value, zone);
  switch (n.kind) {
    case 'output': case 'definition': return { text: `${n.name}${args(n, zone)} = ${v}` };
    case 'ref': return { text: `${n.name}${args(n, zone)} = ${v} (as computed above)` };
    case 'rule': return { text: `rule ${n.name}: ${n.passed ? n.note ?? 'applies' : 'does not apply'}`, status: n.passed ? 'pass' : 'fail' };
    case 'row': return { text: `${n.name} matched → ${v}`, status: 'pass' };
    case 'requirement': return { text: `${n.passed ? '✓ met' : '✗ NOT MET'}: ${n.name}`, status: n.passed ? 'pass' : 'fail' };
    case 'version': return { text: `version in force: ${n.name}` };
    case 'reading': return { text: `reading ${n.name} = ${v}` };
    case 'transition': return { text: n.note ?? n.name };
  }
}

const fills = new WeakMap<Element, () => void>();

function node(n: TraceNode, zone: string, open: boolean): HTMLElement {
  const { text, status } = traceLine(n, zone);
  const parts = [h(`span.kind.kind-${n.kind}`, {}, n.kind), ' ', h('span.line', {}, text), ' ', clauseChips(n.clauses)];
  const argsShown = recordArgs(n);
  if (!n.children.length && !argsShown.length) return h(`div.trace-leaf${status ? `.${status}` : ''}`, {}, parts);
  const summary = h('summary', {}, parts);
  const details = h(`details.trace-node${status ? `.${status}` : ''}`, {}, [summary]);
  let filled = false;
  const fill = () => {
    if (filled) return;
    filled = true;
    // steps without a description or clause are folded under the definition that used them
    const main = n.children.filter((c) => !isHelper(c)), helpers = n.children.filter(isHelper);
    details.append(h('div.trace-children', {}, [
      argsShown.length ? h('div.trace-args', {}, argsShown.map(([k, v]) => h('div', {}, [h('code', {}, k), ' = ', renderValue(v, zone)]))) : null,
      ...main.map((c) => node(c, zone, false)),
      helpers.length ? h('details.trace-helpers', {}, [h('summary', {}, `${helpers.length} internal step${helpers.length === 1 ? '' : 's'}: ${helpers.map((c) => c.name).join(', ')}`),
        ...helpers.map((c) => node(c, zone, false))]) : null,
    ]));
  };
  fills.set(details, fill);
  details.addEventListener('toggle', () => { if (details.open) fill(); });
  if (open) { details.open = true; fill(); }
  return details;
}

/** Each output node's sentence, with the doc it was made with (see `summaryPart`). */
const sentences = new WeakMap<TraceNode, { doc: string | undefined; text: string }>();

function sentence(n: TraceNode, doc: string | undefined): string {
  const known = sentences.get(n);
  if (known && known.doc === doc) return known.text;
  const text = outputSentence(n, doc);
  sentences.set(n, { doc, text });
  return text;
}

/**
 * One plain sentence per output, before the tree, as a part (see `patch`; its key not yet
 * written out): the key is the sentences, each made once per trace node (the answers to a
 * keystroke draw the panel up to three times with the same trace), and the list is drawn
 * only when they changed.
 */
export function summaryPart(trace: TraceNode[] | undefined, docs: (name: string) => string | undefined): { key: unknown[]; make: () => Node } {
  const outputs = (trace ?? []).filter((n) => n.kind === 'output').map((n) => [n.name, sentence(n, n.doc ?? docs(n.name))] as const);
  return {
    key: ['summary', outputs],
    make: () => (outputs.length ? h('ul.explain-summary', {}, outputs.map(([name, text]) => h('li', { dataset: { output: name } }, text))) : document.createTextNode('')),
  };
}

/** The whole tree; outputs start open, failed requirements are highlighted. */
export function renderTrace(trace: TraceNode[] | undefined, zone: string): HTMLElement {
  if (!trace?.length) return h('p.muted', {}, 'No explanation: run a scenario that evaluates without an error.');
  return h('div.trace', {}, trace.map((n) => node(n, zone, true)));
}

/** Each output node written out, the key of its part (made once per node: see `traceParts`). */
const written = new WeakMap<TraceNode, string>();

/**
 * The tree's outputs as parts of `div.trace` (see `patch`): an output is drawn again only
 * when its explanation changed. A node is written out for its key once: the panel is drawn
 * again with the same trace for the other answers to a keystroke (see app.ts).
 */
export function traceParts(trace: TraceNode[] | undefined, zone: string): Part[] {
  return (trace ?? []).map((n) => {
    let text = written.get(n);
    if (text === undefined) written.set(n, text = JSON.stringify(n));
    return { key: `${JSON.stringify(zone)} ${text}`, make: () => node(n, zone, true) };
  });
}

/** Opens every node (used by "expand all"). */
export function expandAll(root: HTMLElement): void {
  for (let i = 0; i < 50; i++) {
    const closed = root.querySelectorAll('details:not([open])');
    if (!closed.length) return;
    closed.forEach((d) => { fills.get(d)?.(); (d as HTMLDetailsElement).open = true; });
  }
}
