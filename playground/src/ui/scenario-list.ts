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
  /** Only some outcomes are new (those in view); the counts of passed and failed wait for the rest. */
  counting?: boolean;
}

function badge(o: Outcome | undefined): HTMLElement {
  if (!o) return h('span.badge.none', { title: 'not run' }, '…');
  if (o.passed) return h('span.badge.pass', { title: 'every expectation met' }, 'pass');
  if (!o.ok) return h('span.badge.fail.error', { title: o.error?.message ?? 'evaluation error' }, 'error');
  return h('span.badge.fail', { title: o.mismatches.join('\n') }, 'fail');
}

/** The list's elements, kept between renders so that an answer redraws only the rows that changed. */
interface ListDom {
  head: HTMLElement;
  counts: HTMLElement;
  one: HTMLButtonElement;
  copy: HTMLButtonElement;
  del: HTMLButtonElement;
  problem: ChildNode;
  undo: ChildNode;
  ul: HTMLUListElement;
  /** What each row shows (see `rowKey`), to tell a changed row from one drawn already. */
  keys: string[];
  /** The view drawn last: the buttons and rows call its callbacks. */
  view: ScenarioListView;
  /** Indices of the rows in view, kept by `observer` (no layout is forced to know them). */
  inView: Set<number>;
  observer?: IntersectionObserver;
}

const drawn = new WeakMap<HTMLElement, ListDom>();

/** Everything a row shows, as one string. */
function rowKey(v: ScenarioListView, i: number): string {
  const o = v.outcomes[i];
  return JSON.stringify([v.scenarios[i]!.name, i === v.selected, v.changed.has(i), o ? [o.passed, o.ok, o.error?.message ?? '', o.mismatches] : null]);
}

function row(v: ScenarioListView, i: number, dom: ListDom): HTMLElement {
  const s = v.scenarios[i]!;
  return h(`li.scenario${i === v.selected ? '.selected' : ''}${v.changed.has(i) ? '.changed' : ''}`, {
    role: 'option', 'aria-selected': String(i === v.selected), dataset: { index: String(i) },
    onclick: () => dom.view.onSelect(i), title: v.outcomes[i]?.mismatches.join('\n') || s.name,
  }, [
    badge(v.outcomes[i]), ' ', h('span.name', {}, s.name),
    v.changed.has(i) ? h('span.badge.changed', { title: 'the outcome changed with the last reading switch' }, 'changed') : null,
  ]);
}

/** Builds the list's frame (heading, buttons, bars, the empty list) into `root`. */
function frame(root: HTMLElement, v: ScenarioListView): ListDom {
  const counts = h('span.counts');
  const dom = {} as ListDom;
  Object.assign(dom, {
    counts, view: v, keys: [], inView: new Set<number>(),
    one: h('button#run-one', { type: 'button', onclick: () => dom.view.onRunSelected(), title: 'Run the selected scenario with its explanation' }, 'Run'),
    copy: h('button#copy-scenario', { type: 'button', onclick: () => dom.view.onCopy(), title: 'A new scenario from a copy of the selected one' }, 'New from copy'),
    del: h('button#delete-scenario', { type: 'button', onclick: () => dom.view.onDelete() }, 'Delete'),
    problem: document.createTextNode(''), undo: document.createTextNode(''),
    ul: h('ul.scenario-list.panel-body', { role: 'listbox' }),
  });
  dom.head = h('div.section-head', {}, [
    panelHeading(root, ['Scenarios ', counts]),
    h('div.buttons', {}, [
      h('button#run-all', { type: 'button', onclick: () => dom.view.onRunAll(), title: 'Run every scenario' }, 'Run all'),
      dom.one, dom.copy, dom.del,
    ]),
  ]);
  root.replaceChildren(dom.head, dom.problem, dom.undo, dom.ul);
  drawn.get(root)?.observer?.disconnect();
  if (typeof IntersectionObserver !== 'undefined') {
    dom.observer = new IntersectionObserver((seen) => {
      for (const e of seen) {
        const i = Number((e.target as HTMLElement).dataset.index);
        if (e.isIntersecting) dom.inView.add(i); else dom.inView.delete(i);
      }
    }, { root: dom.ul });
  }
  drawn.set(root, dom);
  return dom;
}

/** Indices of the scenario rows in view (none when the panel is folded or not drawn yet). */
export function rowsInView(root: HTMLElement): number[] {
  const dom = drawn.get(root);
  return dom && root.firstChild === dom.head && !root.classList.contains('collapsed') ? [...dom.inView].sort((a, b) => a - b) : [];
}

/** Replaces `old` with `next` unless it shows the same already (by `key`); returns what is in place. */
function swap(old: ChildNode, key: string, make: () => ChildNode): ChildNode {
  if ((old as { rbKey?: string }).rbKey === key) return old;
  const next = Object.assign(make(), { rbKey: key });
  old.replaceWith(next);
  return next;
}

/**
 * Renders the list into `root`. The rows, buttons and bars drawn last stay; only what
 * differs is replaced (a keystroke changes outputs, rarely a badge), and the list keeps
 * its scroll position without being measured.
 */
export function renderScenarioList(root: HTMLElement, v: ScenarioListView): void {
  const known = drawn.get(root);
  const dom = known && root.firstChild === known.head ? known : frame(root, v);
  dom.view = v;
  const passed = v.outcomes.filter((o) => o?.passed).length;
  const failed = v.outcomes.filter((o) => o && !o.passed).length;
  // with only the outcomes in view new, counting would mix two runs: the last counts stay until the rest arrive
  if (!v.counting) dom.counts.textContent = `${passed} passed, ${failed} failed${v.stale ? ' (stale)' : ''}`;
  dom.counts.toggleAttribute('aria-busy', !!v.counting);
  for (const b of [dom.one, dom.copy, dom.del]) b.disabled = v.selected < 0;
  dom.problem = swap(dom.problem, v.problem ?? '', () => (v.problem ? h('p.warning.panel-body', {}, v.problem) : document.createTextNode('')));
  dom.undo = swap(dom.undo, v.deleted ?? '\u0000', () => (v.deleted !== undefined
    ? h('div.undo-bar.panel-body', { role: 'status' }, [`Deleted “${v.deleted}”. `, h('button.small#undo-delete', { type: 'button', onclick: () => dom.view.onUndo() }, 'Undo')])
    : document.createTextNode('')));
  const rows = dom.ul.children;
  while (rows.length > v.scenarios.length) { dom.observer?.unobserve(rows[rows.length - 1]!); rows[rows.length - 1]!.remove(); dom.inView.delete(rows.length); }
  dom.keys.length = rows.length;
  for (let i = 0; i < v.scenarios.length; i++) {
    const key = rowKey(v, i);
    if (dom.keys[i] === key) continue;
    const li = row(v, i, dom);
    if (i < rows.length) { dom.observer?.unobserve(rows[i]!); rows[i]!.replaceWith(li); } else dom.ul.append(li);
    dom.observer?.observe(li);
    dom.keys[i] = key;
  }
  if (v.reveal) dom.ul.querySelector('li.scenario.selected')?.scrollIntoView({ block: 'nearest' });
}
