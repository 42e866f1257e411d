/**
 * The scenario list: pass/fail badges, a "changed" mark for scenarios whose outcome a
 * reading switch changed, and the buttons to run one or all and to copy or delete one
 * (a deletion can be undone).
 */
import type { Scenario } from '../../../runtime/scenario.js';
import type { Outcome } from '../engine/protocol.js';
import { h, panelHeading } from './dom.js';

/** What the list shows and the actions it offers. */
export interface ScenarioListView {
  scenarios: Scenario[];
  outcomes: (Outcome | undefined)[];
  selected: number;
  changed: Set<number>;
  stale: boolean;
  problem?: string;
  onSelect(i: number): void;
  onRunAll(): void;
  onRunSelected(): void;
  onCopy(): void;
  onDelete(): void;
  /** Name of the scenario deleted last (offers "undo"). */
  deleted?: string;
  onUndo(): void;
  /** Scroll the selected scenario into view (after a copy or an undo). */
  reveal: boolean;
}

function badge(o: Outcome | undefined): HTMLElement {
  if (!o) return h('span.badge.none', { title: 'not run' }, '…');
  if (o.passed) return h('span.badge.pass', { title: 'every expectation met' }, 'pass');
  if (!o.ok) return h('span.badge.fail.error', { title: o.error?.message ?? 'evaluation error' }, 'error');
  return h('span.badge.fail', { title: o.mismatches.join('\n') }, 'fail');
}

/** Renders the list into `root`. */
export function renderScenarioList(root: HTMLElement, v: ScenarioListView): void {
  const passed = v.outcomes.filter((o) => o?.passed).length;
  const failed = v.outcomes.filter((o) => o && !o.passed).length;
  const scrolled = root.querySelector('ul.scenario-list')?.scrollTop ?? 0;
  root.replaceChildren(
    h('div.section-head', {}, [
      panelHeading(root, ['Scenarios ', h('span.counts', {}, `${passed} passed, ${failed} failed${v.stale ? ' (stale)' : ''}`)]),
      h('div.buttons', {}, [
        h('button#run-all', { type: 'button', onclick: v.onRunAll, title: 'Run every scenario' }, 'Run all'),
        h('button#run-one', { type: 'button', onclick: v.onRunSelected, disabled: v.selected < 0, title: 'Run the selected scenario with its explanation' }, 'Run'),
        h('button#copy-scenario', { type: 'button', onclick: v.onCopy, disabled: v.selected < 0, title: 'A new scenario from a copy of the selected one' }, 'New from copy'),
        h('button#delete-scenario', { type: 'button', onclick: v.onDelete, disabled: v.selected < 0 }, 'Delete'),
      ]),
    ]),
    v.problem ? h('p.warning.panel-body', {}, v.problem) : '',
    v.deleted !== undefined ? h('div.undo-bar.panel-body', { role: 'status' }, [`Deleted “${v.deleted}”. `, h('button.small#undo-delete', { type: 'button', onclick: v.onUndo }, 'Undo')]) : '',
    h('ul.scenario-list.panel-body', { role: 'listbox' }, v.scenarios.map((s, i) => h(`li.scenario${i === v.selected ? '.selected' : ''}${v.changed.has(i) ? '.changed' : ''}`, {
      role: 'option', 'aria-selected': String(i === v.selected), dataset: { index: String(i) },
      onclick: () => v.onSelect(i), title: v.outcomes[i]?.mismatches.join('\n') || s.name,
    }, [
      badge(v.outcomes[i]), ' ', h('span.name', {}, s.name),
      v.changed.has(i) ? h('span.badge.changed', { title: 'the outcome changed with the last reading switch' }, 'changed') : null,
    ]))),
  );
  // a re-render keeps the list where the user scrolled it
  const list = root.querySelector('ul.scenario-list')!;
  list.scrollTop = scrolled;
  if (v.reveal) root.querySelector('li.scenario.selected')?.scrollIntoView({ block: 'nearest' });
}
