/**
 * The Edges tab: the boundaries the selected scenario's evaluation touched (clause,
 * the test as written, the input change, the outputs that flip), each neighbouring
 * input with a button to run it in the results panel and one to add it as a scenario,
 * and the scenario's timeline. Only renders; the search runs in the edges worker.
 */
import type { Edge, EdgeReport, Neighbour } from '../../../edges/find.js';
import { h, clauseChips } from './dom.js';
import { renderDiffLines, renderDiffTable } from './diff-view.js';
import { safeSvg } from './safe-svg.js';

/** What the tab shows and the actions it offers. */
export interface EdgesView {
  scenarioName?: string;
  /** True while the search runs. */
  busy: boolean;
  /** Milliseconds since the search started (shown while busy). */
  elapsed?: number;
  report?: EdgeReport;
  svg?: string;
  /** Why there is no report (the scenario fails, the rules do not compile, stopped). */
  problem?: string;
  /** True when the report is for an older version of the rules or the scenario. */
  stale: boolean;
  zone: string;
  /** Neighbour ids already added as scenarios. */
  added: Set<string>;
  onSearch(): void;
  onStop(): void;
  onRun(edge: Edge, n: Neighbour): void;
  onAdd(edge: Edge, n: Neighbour): void;
}

/** Changed fields shown at first when crossing an edge changes many (the rest behind "show all"). */
const SHOWN = 8;

const POSITION: Record<Neighbour['position'], string> = { below: 'just below', on: 'on the boundary', above: 'just above' };

function value(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function neighbourRow(e: Edge, n: Neighbour, v: EdgesView): HTMLElement {
  return h('li.neighbour', { dataset: { id: n.id } }, [
    h('button.small.run-neighbour', { type: 'button', title: 'Run this input in the Result tab, with its explanation', onclick: () => v.onRun(e, n) }, `${n.id} ${n.field} = ${value(n.value)}`),
    ' ', h('span.position', {}, `${POSITION[n.position]} (${n.left} vs ${n.right}: ${n.holds ? 'holds' : 'fails'})`),
    n.error ? h('span.error', {}, ` does not evaluate: ${n.error}`) : n.diff.length ? h('details.neighbour-diff', {}, [h('summary', {}, `${n.diff.length} output field${n.diff.length === 1 ? '' : 's'} differ from the scenario`), renderDiffLines(n.diff, v.zone)]) : h('span.same', {}, ' outputs as in the scenario'),
    n.error ? null : h('button.small.add-neighbour', { type: 'button', disabled: v.added.has(n.id), onclick: () => v.onAdd(e, n) }, v.added.has(n.id) ? 'added' : 'Add as scenario'),
  ]);
}

function edgeBlock(e: Edge, v: EdgesView): HTMLElement {
  return h('section.edge', { dataset: { id: e.id } }, [
    h('h4', {}, [h('span.edge-id', {}, e.id), ' ', clauseChips(e.clauses), ' ', h('span.where', {}, e.where)]),
    h('div.test', {}, [h('code.expression', {}, e.expression), h('span.values', {}, `  now ${e.left} ${e.op} ${e.right}: ${e.holds ? 'holds' : 'fails'}`)]),
    ...e.changes.map((c) => h('div.change', { dataset: { field: c.field } }, [
      h('div.field', {}, ['moving ', h('code', {}, c.field), ` from ${value(c.from)}${c.unit ? ` (by ${c.unit})` : ''}`]),
      c.across.length
        ? h('div.flips', {}, [h('div', {}, 'crossing it changes:'), renderDiffTable({ rows: c.across.slice(0, SHOWN), ...(c.across.length > SHOWN ? { all: () => c.across } : {}), labels: ['one side', 'other side'], zone: v.zone })])
        : null,
      h('ul.neighbours', {}, c.neighbours.map((n) => neighbourRow(e, n, v))),
    ])),
  ]);
}

function timeline(svg: string): HTMLElement {
  const r = safeSvg(svg);
  return h('div#edges-timeline', {}, [h('h3', {}, 'Timeline'), r.ok ? r.svg as unknown as HTMLElement : h('p.problem', {}, r.message)]);
}

/** Renders the tab. */
export function renderEdges(host: HTMLElement, v: EdgesView): void {
  const r = v.report;
  const head = h('div.edges-head', {}, [
    h('button#find-edges', { type: 'button', disabled: v.busy || !v.scenarioName, onclick: v.onSearch }, v.report ? 'Search again' : 'Find edges'),
    v.busy ? h('button#stop-edges', { type: 'button', onclick: v.onStop }, 'Stop') : null,
    h('span#edges-status', { role: 'status', class: v.busy ? 'busy' : '' }, v.busy
      ? `Searching the edges of “${v.scenarioName}”… ${Math.round((v.elapsed ?? 0) / 1000)} s (at most 20 000 evaluations)`
      : v.problem ?? (r ? `${r.edges.length} edge${r.edges.length === 1 ? '' : 's'} change an output; ${r.noEffect.length} reached without effect; ${r.evaluations} evaluations${r.truncated ? ' — the budget ran out, some edges may be missing' : ''}${v.stale ? ' (for an earlier version: search again)' : ''}` : v.scenarioName ? `Boundaries of “${v.scenarioName}”: the tests its evaluation touched and the inputs just either side.` : 'Select a scenario.')),
  ]);
  host.replaceChildren(head, ...(r ? [h('div#edges-table', {}, r.edges.map((e) => edgeBlock(e, v)))] : []), ...(v.svg ? [timeline(v.svg)] : []));
}
