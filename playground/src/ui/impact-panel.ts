/**
 * Impact of an edit: every scenario run against the saved program and the edited one;
 * per changed scenario, one row per changed field (its path, the value before and
 * after), the unchanged fields of the changed outputs behind "show all fields".
 */
import type { ImpactRow, ProgramMeta } from '../engine/protocol.js';
import { diffValues } from '../../../runtime/diff.js';
import { renderDiffTable } from './diff-view.js';
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
    const byScenario = new Map<string, ImpactRow[]>();
    for (const r of v.rows) byScenario.set(r.scenario, [...(byScenario.get(r.scenario) ?? []), r]);
    for (const [scenario, rows] of byScenario) {
      const changed = rows.flatMap((r) => diffValues(r.before, r.after, r.output));
      body.push(h('section.impact-scenario', { dataset: { scenario } }, [
        h('h3', {}, [scenario, ' ', h('span.counts', {}, `${changed.length} field${changed.length === 1 ? '' : 's'} changed`)]),
        renderDiffTable({
          rows: changed, labels: ['before (saved)', 'after (edited)'], zone,
          all: () => rows.flatMap((r) => diffValues(r.before, r.after, r.output, { includeSame: true })),
        }),
      ]));
    }
  } else if (!v.pending && v.edited && !v.problem) {
    body.push(h('p.muted', {}, 'Press “Compare with saved” to run every scenario against both versions.'));
  }
  root.replaceChildren(head, ...body);
}
