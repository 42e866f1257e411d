/**
 * The program at a glance: title, source document, header settings, the clause list
 * (each clause jumps to its first citation in the editor) and the current problems.
 */
import type { Diag, ProgramMeta } from '../engine/protocol.js';
import type { ProgramEntry } from '../programs.js';
import { h } from './dom.js';
import { sameData } from '../engine/same-data.js';

/** What the panel shows. */
export interface ProgramView {
  entry: ProgramEntry;
  meta?: ProgramMeta;
  diagnostics: Diag[];
  onClause(clause: string): void;
  onDiagnostic(d: Diag): void;
}

/** The diagnostics each list of problems shows. */
const shown = new WeakMap<HTMLElement, Diag[]>();

/** The list of problems, clickable; also shown under the editor. Drawn again only when the diagnostics changed (most keystrokes change none). */
export function renderProblems(root: HTMLElement, diagnostics: Diag[], onDiagnostic: (d: Diag) => void): void {
  if (root.firstChild && sameData(shown.get(root), diagnostics)) return;
  shown.set(root, diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  root.replaceChildren(
    h(`div.problems-head${errors ? '.has-errors' : ''}`, {}, errors || warnings
      ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`
      : '✓ no problems: the rules compile'),
    h('ul.problems', {}, diagnostics.slice(0, 50).map((d) => h(`li.${d.severity}`, { onclick: () => onDiagnostic(d), title: 'go to the problem' }, [
      h('span.pos', {}, `${d.span.startLine}:${d.span.startColumn}`), ' ', h('code', {}, d.code), ' ', d.message,
    ]))),
  );
}

/** Renders the panel into `root`. */
export function renderProgram(root: HTMLElement, v: ProgramView): void {
  const p = v.meta?.program;
  root.replaceChildren(
    h('h2', {}, p?.title ?? v.entry.id),
    h('table.program-facts', {}, [
      ['file', v.entry.file], ['name', p?.name], ['source document', p?.source], ['currency', p?.currency], ['zone', p?.zone],
      ['business-day calendar', p?.calendar], ['rounding', p ? `${p.rounding.mode.replace('_', ' ')} to ${p.rounding.unit}` : undefined],
      ['month end', p?.monthEnd],
    ].filter(([, x]) => x).map(([k, x]) => h('tr', {}, [h('th', {}, k!), h('td', {}, x!)]))),
    h('h3', {}, `Clauses cited (${v.meta?.clauses.length ?? 0})`),
    h('ul.clause-list', {}, (v.meta?.clauses ?? []).map((c) => h('li', {}, h('button.link', { type: 'button', onclick: () => v.onClause(c) }, c)))),
    h('h3', {}, 'Inputs'),
    h('ul.input-list', {}, (v.meta?.inputs ?? []).map((i) => h('li', {}, [h('code', {}, i.name), i.doc ? ` — ${i.doc}` : '']))),
  );
}
