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
import { h, clauseChips, patch, type Part } from './dom.js';
import { renderTrace, summaryPart, expandAll, traceParts } from './explain-tree.js';
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

/** One row per output, each keyed by all it shows, so only changed rows are drawn again. */
function outputRows(v: ResultView, zone: string): Part[] {
  const o = v.outcome!;
  const expected = v.scenario?.expect?.outputs ?? {};
  const reasons = v.scenario?.expect?.reasons ?? {};
  const showBefore = !!v.before;
  return Object.entries(o.outputs ?? {}).map(([name, value]) => {
    const def = v.meta?.definitions[name];
    const hasExp = name in expected;
    const expReasons = reasons[name];
    const before = showBefore && v.before && name in v.before ? v.before[name] : undefined;
    const key = JSON.stringify([name, value, zone, hasExp ? expected[name] : null, hasExp, expReasons ?? null, def?.clauses ?? null, def?.doc ?? null, showBefore, before ?? null]);
    return { key, make: () => {
      const gotReasons = (value as { reasons?: { reason: string }[] })?.reasons?.map((r) => r.reason);
      const okValue = hasExp ? matches(expected[name], value) : true;
      const okReasons = expReasons ? matches(expReasons, gotReasons) : true;
      const status = !hasExp && !expReasons ? '' : okValue && okReasons ? 'pass' : 'fail';
      const switchRows = before !== undefined ? diffValues(before, value, name) : [];
      const changed = switchRows.length > 0;
      return h('tr', { class: [status, changed ? 'changed' : ''].filter(Boolean).join(' '), dataset: { output: name } }, [
        h('th', {}, [breakable(name), ' ', clauseChips(def?.clauses), def?.doc ? h('div.doc', {}, def.doc) : null]),
        h('td.actual', {}, renderValue(value, zone)),
        h('td.expected', {}, expectedCell(status, hasExp ? expected[name] : undefined, expReasons, zone)),
        h('td.status', {}, status === 'pass' ? '✓' : status === 'fail' ? '✗' : ''),
        showBefore ? h('td.before', {}, changed ? renderDiffLines(switchRows, zone, name) : h('span.muted', {}, 'same')) : null,
      ]);
    } };
  });
}

/** The table of outputs: its frame is kept while the columns stay; its rows are patched. */
function outputsTable(v: ResultView, zone: string): Part {
  const showBefore = !!v.before;
  return {
    key: JSON.stringify(['outputs', showBefore, v.switched ?? null]),
    make: () => h('table.outputs', {}, [
      h('colgroup', {}, [h('col.c-name'), h('col.c-value'), h('col.c-expected'), h('col.c-status'), showBefore ? h('col.c-before') : null]),
      h('thead', {}, h('tr', {}, [h('th', {}, 'output'), h('th', {}, 'value'), h('th', {}, 'expected'), h('th', {}, ''),
        showBefore ? h('th', {}, `before switching to ${v.switched ?? 'another reading'}`) : null])),
      h('tbody'),
    ]),
  };
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

/**
 * Renders the panel into `root`. Each part of the panel (and each output row and each
 * output's explanation) is drawn again only when what it shows changed: a keystroke
 * usually changes a value or two, and what the user opened in the explanation stays open.
 */
export function renderResults(root: HTMLElement, v: ResultView): void {
  const zone = v.meta?.program.zone ?? 'UTC';
  root.classList.toggle('stale', v.stale);
  const parts: Part[] = [];
  const add = (key: unknown[], make: () => Node) => parts.push({ key: JSON.stringify(key), make });
  if (v.stale) {
    add(['stale', v.staleReason ?? null], () => h('div.stale-banner', { role: 'status' }, v.staleReason
      ? `The input has an error (${v.staleReason}): these results are for the last valid input.`
      : 'The rules have errors: this is the result of the last version that compiled.'));
  }
  const o = v.outcome;
  if (!v.scenario) add(['none'], () => h('p.muted', {}, 'This program has no scenarios yet. Add one with “New from copy” or write an input under Input.'));
  else add(['title', v.scenario.name, o ? o.passed : null], () => h('h3.result-title', {}, [
    o ? h(`span.badge.${o.passed ? 'pass' : 'fail'}`, {}, o.passed ? 'pass' : 'fail') : null, ' ', v.scenario!.name,
  ]));
  if (v.scenario && !o) add(['not run'], () => h('p.muted', {}, 'Not run yet.'));
  if (v.scenario && o) resultParts(root, v, o, zone, add);
  patch(root, parts);
  const body = root.querySelector(':scope > table.outputs > tbody');
  if (body && o?.ok) patch(body, outputRows(v, zone));
  const tree = root.querySelector(':scope > div.trace');
  if (tree) patch(tree, traceParts(v.trace, zone));
}

/** The parts below the title of a scenario that ran. */
function resultParts(root: HTMLElement, v: ResultView, o: Outcome, zone: string, add: (key: unknown[], make: () => Node) => void): void {
  const s = v.scenario!;
  if (o.readings && Object.keys(o.readings).length) {
    const all = Object.entries(o.readings);
    const notDefault = all.filter(([k, x]) => v.meta?.readings.find((r) => r.name === k)?.default !== x);
    add(['readings', all, notDefault], () => h('details.readings-in-force', {}, [
      h('summary', {}, `Readings in force: ${all.length}${notDefault.length ? `, not the default: ${notDefault.map(([k, x]) => `${k} = ${x}`).join(', ')}` : ', all default'}`),
      h('div', {}, all.flatMap(([k, x]) => [h('code', {}, `${k} = ${x}`), ' '])),
    ]));
  }
  if (o.mismatches.length) add(['mismatches', o.mismatches, o.ok, s.expect ?? null, o.outputs ?? null, zone], () => mismatches(s, o, zone));
  if (!o.ok) { add(['error', o.error ?? null], () => errorBox(o)); return; }
  const table = outputsTable(v, zone);
  add(JSON.parse(table.key) as unknown[], table.make);
  add(['explain-head'], () => h('div.explain-head', {}, [h('h3', {}, 'Explanation'),
    h('button.small', { type: 'button', onclick: () => { const t = root.querySelector<HTMLElement>('div.trace'); if (t) expandAll(t); } }, 'expand all')]));
  const summary = summaryPart(v.trace, (name) => v.meta?.definitions[name]?.doc);
  add(summary.key, summary.make);
  // the tree's frame; its outputs are patched in by renderResults
  add(['trace', !!v.trace?.length], () => (v.trace?.length ? h('div.trace') : renderTrace(undefined, zone)));
}
