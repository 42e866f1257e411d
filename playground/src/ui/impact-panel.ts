/**
 * Impact of an edit: every scenario run against the saved program and the edited one;
 * a table of the outputs that differ, with the value before and after.
 */
import type { ImpactRow, ProgramMeta } from '../engine/protocol.js';
import { renderValue } from '../format.js';
import { h } from './dom.js';

/** What the panel shows. */
export interface ImpactView {
  rows?: ImpactRow[];
  compared?: number;
  problem?: string;
  pending: boolean;
  edited: boolean;
  meta?: ProgramMeta;
  onCompare(): void;
}

/** Renders the panel into `root`. */
export function renderImpact(root: HTMLElement, v: ImpactView): void {
  const zone = v.meta?.program.zone ?? 'UTC';
  const head = h('div.section-head', {}, [
    h('h2', {}, 'Impact of the edit'),
    h('button#compare', { type: 'button', onclick: v.onCompare }, 'Compare with saved'),
  ]);
  const body: (HTMLElement | string)[] = [];
  if (!v.edited) body.push(h('p.muted', {}, 'The rules are as saved; edit them to see which scenarios change.'));
  if (v.pending) body.push(h('p.muted', {}, 'Comparing…'));
  if (v.problem) body.push(h('p.warning', {}, v.problem));
  if (v.rows && !v.problem) {
    const scenarios = new Set(v.rows.map((r) => r.scenario));
    body.push(h('p.impact-summary', {}, `${scenarios.size} of ${v.compared ?? 0} scenarios change (${v.rows.length} output${v.rows.length === 1 ? '' : 's'}).`));
    if (v.rows.length) {
      body.push(h('table.impact', {}, [
        h('thead', {}, h('tr', {}, [h('th', {}, 'scenario'), h('th', {}, 'output'), h('th', {}, 'before (saved)'), h('th', {}, 'after (edited)')])),
        h('tbody', {}, v.rows.map((r) => h('tr', { dataset: { scenario: r.scenario, output: r.output } }, [
          h('td', {}, r.scenario), h('td', {}, h('code', {}, r.output)),
          h('td.before', {}, renderValue(r.before, zone)), h('td.after', {}, renderValue(r.after, zone)),
        ]))),
      ]));
    }
  } else if (!v.pending && v.edited && !v.problem) {
    body.push(h('p.muted', {}, 'Press “Compare with saved” to run every scenario against both versions.'));
  }
  root.replaceChildren(head, ...body);
}
