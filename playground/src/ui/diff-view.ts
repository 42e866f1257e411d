/**
 * A structural difference as a table: one row per changed leaf, named by its path
 * (`purchases_review[B2].rate`), the value on each side; the unchanged leaves behind a
 * "show all" button. Used by the impact view, a failing scenario and a reading switch.
 */
import type { DiffRow } from '../../../runtime/diff.js';
import { formatText } from '../format.js';
import { h } from './dom.js';

/** What the table shows. */
export interface DiffTable {
  /** The changed leaves. */
  rows: DiffRow[];
  /** Every leaf, changed or not (for "show all"); omit to offer no such button. */
  all?: () => DiffRow[];
  /** Column titles of the two sides, e.g. "before (saved)", "after (edited)". */
  labels: [string, string];
  zone: string;
  /** Extra attributes for each row (tests find rows by `data-path`). */
  dataset?(r: DiffRow): Record<string, string>;
}

/** A value on one side of a row; "(none)" where the item or field does not exist. */
export function diffCell(v: unknown, change: DiffRow['change'], side: 'before' | 'after', zone: string): HTMLElement {
  const missing = (side === 'before' && change === 'added') || (side === 'after' && change === 'removed');
  if (missing) return h('span.absent', {}, '(none)');
  return h('span.value', { title: JSON.stringify(v) ?? 'absent' }, formatText(v, zone));
}

function row(r: DiffRow, t: DiffTable): HTMLElement {
  return h(`tr.diff-row.${r.change}`, { dataset: { path: r.path, ...(t.dataset?.(r) ?? {}) } }, [
    h('td.path', {}, h('code', {}, r.path)),
    h('td.before', {}, diffCell(r.before, r.change, 'before', t.zone)),
    h('td.arrow', { 'aria-hidden': 'true' }, r.change === 'same' ? '=' : '→'),
    h('td.after', {}, diffCell(r.after, r.change, 'after', t.zone)),
  ]);
}

/** The table, with a "show all" toggle when `all` is given. */
export function renderDiffTable(t: DiffTable): HTMLElement {
  const body = h('tbody', {}, t.rows.map((r) => row(r, t)));
  const table = h('table.diff', {}, [
    h('colgroup', {}, [h('col.c-path'), h('col.c-side'), h('col.c-arrow'), h('col.c-side')]),
    h('thead', {}, h('tr', {}, [h('th', {}, 'field'), h('th', {}, t.labels[0]), h('th', {}, ''), h('th', {}, t.labels[1])])),
    body,
  ]);
  if (!t.all) return table;
  let showingAll = false;
  const toggle: HTMLButtonElement = h('button.small.show-all', {
    type: 'button',
    onclick: () => {
      showingAll = !showingAll;
      body.replaceChildren(...(showingAll ? t.all!() : t.rows).map((r) => row(r, t)));
      toggle.textContent = showingAll ? 'changes only' : 'show all fields';
    },
  }, 'show all fields');
  return h('div.diff-block', {}, [table, toggle]);
}

/** Changed leaves as a short list of lines (inside a table cell): "rate: 50% → 55%". */
export function renderDiffLines(rows: DiffRow[], zone: string, stripPrefix = ''): HTMLElement {
  return h('ul.diff-lines', {}, rows.map((r) => {
    const path = r.path.startsWith(stripPrefix) ? r.path.slice(stripPrefix.length).replace(/^\./, '') : r.path;
    return h(`li.${r.change}`, { dataset: { path: r.path } }, [
      path ? [h('code', {}, path), ': '] : 'was ',
      diffCell(r.before, r.change, 'before', zone), path ? ' → ' : '', path ? diffCell(r.after, r.change, 'after', zone) : '',
    ]);
  }));
}
