/**
 * The result of the selected scenario: outputs in a table (with the expected value
 * and, after a reading switch, the value before it), evaluation errors with their path,
 * and the explanation tree. When the rules stop compiling the last good result stays,
 * marked stale.
 */
import type { Scenario } from '../../../runtime/scenario.js';
import { matches } from '../../../runtime/scenario.js';
import type { TraceNode } from '../../../runtime/trace.js';
import type { Outcome, ProgramMeta } from '../engine/protocol.js';
import { renderValue } from '../format.js';
import { h, clauseChips } from './dom.js';
import { renderTrace, renderSummary, expandAll } from './explain-tree.js';
import { diffExpectation, diffValues } from '../../../runtime/diff.js';
import { renderDiffLines, renderDiffTable } from './diff-view.js';

/** Everything the panel shows. */
export interface ResultView {
  scenario?: Scenario;
  outcome?: Outcome;
  trace?: TraceNode[];
  meta?: ProgramMeta;
  stale: boolean;
  /** Why the results are stale when it is the input, not the rules. */
  staleReason?: string;
  /** Outputs before the last reading switch, when they differ. */
  before?: Record<string, unknown>;
  switched?: string;
}

/** A long snake_case name that may wrap after its underscores (never inside a word). */
function breakable(name: string): (string | HTMLElement)[] {
  return name.split('_').flatMap((part, i) => (i ? [h('wbr'), `_${part}`] : [part]));
}

function errorBox(o: Outcome): HTMLElement {
  const e = o.error!;
  return h('div.eval-error', { role: 'alert' }, [
    h('div', {}, [h('strong', {}, 'Evaluation error '), h('code', {}, e.code)]),
    e.path ? h('div.path', {}, ['at ', h('code', {}, e.path)]) : null,
    h('div.message', {}, e.message),
    e.problems && e.problems.length > 1 ? h('ul.problems', {}, e.problems.map((p) => h('li', {}, [h('code', {}, p.path), ' ', p.message]))) : null,
  ]);
}

function outputsTable(v: ResultView, zone: string): HTMLElement {
  const o = v.outcome!;
  const expected = v.scenario?.expect?.outputs ?? {};
  const reasons = v.scenario?.expect?.reasons ?? {};
  const showBefore = !!v.before;
  const rows = Object.entries(o.outputs ?? {}).map(([name, value]) => {
    const def = v.meta?.definitions[name];
    const hasExp = name in expected;
    const expReasons = reasons[name];
    const gotReasons = (value as { reasons?: { reason: string }[] })?.reasons?.map((r) => r.reason);
    const okValue = hasExp ? matches(expected[name], value) : true;
    const okReasons = expReasons ? matches(expReasons, gotReasons) : true;
    const status = !hasExp && !expReasons ? '' : okValue && okReasons ? 'pass' : 'fail';
    const switchRows = showBefore && v.before && name in v.before ? diffValues(v.before[name], value, name) : [];
    const changed = switchRows.length > 0;
    return h('tr', { class: [status, changed ? 'changed' : ''].filter(Boolean).join(' '), dataset: { output: name } }, [
      h('th', {}, [breakable(name), ' ', clauseChips(def?.clauses), def?.doc ? h('div.doc', {}, def.doc) : null]),
      h('td.actual', {}, renderValue(value, zone)),
      h('td.expected', {}, expectedCell(status, hasExp ? expected[name] : undefined, expReasons, zone)),
      h('td.status', {}, status === 'pass' ? '✓' : status === 'fail' ? '✗' : ''),
      showBefore ? h('td.before', {}, changed ? renderDiffLines(switchRows, zone, name) : h('span.muted', {}, 'same')) : null,
    ]);
  });
  return h('table.outputs', {}, [
    h('colgroup', {}, [h('col.c-name'), h('col.c-value'), h('col.c-expected'), h('col.c-status'), showBefore ? h('col.c-before') : null]),
    h('thead', {}, h('tr', {}, [h('th', {}, 'output'), h('th', {}, 'value'), h('th', {}, 'expected'), h('th', {}, ''),
      showBefore ? h('th', {}, `before switching to ${v.switched ?? 'another reading'}`) : null])),
    h('tbody', {}, rows),
  ]);
}

/**
 * Why the scenario failed: each expected field that differs, by its path, expected
 * beside actual (unchanged fields behind "show all"); evaluation errors as sentences.
 */
function mismatches(s: Scenario, o: Outcome, zone: string): HTMLElement {
  if (!o.ok || s.expect?.error || !o.outputs) return h('ul.mismatches', {}, o.mismatches.map((m) => h('li', {}, m)));
  const d = diffExpectation(s.expect ?? {}, o.outputs);
  return h('div.mismatches', {}, [
    h('div.mismatch-head', {}, `✗ ${d.rows.length + d.missing.length} expected value${d.rows.length + d.missing.length === 1 ? '' : 's'} differ${d.rows.length + d.missing.length === 1 ? 's' : ''}:`),
    d.missing.length ? h('ul.mismatches', {}, d.missing.map((m) => h('li', {}, `the program has no output ${m}`))) : null,
    d.rows.length ? renderDiffTable({ rows: d.rows, labels: ['expected', 'actual'], zone, all: () => diffExpectation(s.expect ?? {}, o.outputs!, true).rows }) : null,
  ]);
}

/**
 * The expected column: "as expected" when it matches (the value is beside it already),
 * a plain value when it differs; a record or list that differs points to the rows above,
 * which name each differing field.
 */
function expectedCell(status: string, expected: unknown, reasons: string[] | undefined, zone: string): HTMLElement {
  if (!status) return h('span.muted', {}, '—');
  if (status === 'pass') return h('span.muted', {}, 'as expected');
  if (expected === undefined) return h('span', {}, `reasons: ${reasons!.join('; ')}`);
  if (expected && typeof expected === 'object') return h('span.muted', {}, 'differs: see the fields above');
  return renderValue(expected, zone);
}

/** Renders the panel into `root`. */
export function renderResults(root: HTMLElement, v: ResultView): void {
  const zone = v.meta?.program.zone ?? 'UTC';
  root.replaceChildren();
  root.classList.toggle('stale', v.stale);
  if (v.stale) {
    root.append(h('div.stale-banner', { role: 'status' }, v.staleReason
      ? `The input has an error (${v.staleReason}): these results are for the last valid input.`
      : 'The rules have errors: this is the result of the last version that compiled.'));
  }
  if (!v.scenario) { root.append(h('p.muted', {}, 'This program has no scenarios yet. Add one with “New from copy” or write an input under Input.')); return; }
  const o = v.outcome;
  root.append(h('h3.result-title', {}, [
    o ? h(`span.badge.${o.passed ? 'pass' : 'fail'}`, {}, o.passed ? 'pass' : 'fail') : null, ' ', v.scenario.name,
  ]));
  if (!o) { root.append(h('p.muted', {}, 'Not run yet.')); return; }
  if (o.readings && Object.keys(o.readings).length) {
    const all = Object.entries(o.readings);
    const notDefault = all.filter(([k, x]) => v.meta?.readings.find((r) => r.name === k)?.default !== x);
    root.append(h('details.readings-in-force', {}, [
      h('summary', {}, `Readings in force: ${all.length}${notDefault.length ? `, not the default: ${notDefault.map(([k, x]) => `${k} = ${x}`).join(', ')}` : ', all default'}`),
      h('div', {}, all.flatMap(([k, x]) => [h('code', {}, `${k} = ${x}`), ' '])),
    ]));
  }
  if (o.mismatches.length) root.append(mismatches(v.scenario, o, zone));
  if (!o.ok) { root.append(errorBox(o)); return; }
  root.append(outputsTable(v, zone));
  const tree = renderTrace(v.trace, zone);
  root.append(h('div.explain-head', {}, [h('h3', {}, 'Explanation'), h('button.small', { type: 'button', onclick: () => expandAll(tree) }, 'expand all')]),
    renderSummary(v.trace, (name) => v.meta?.definitions[name]?.doc) ?? '', tree);
}
