/**
 * The playground's actions that are not about rendering: share links, downloads,
 * revert to saved, copying and deleting scenarios, finding a clause in the text.
 */
import type { App } from './app.js';
import type { Outcome } from './engine/protocol.js';
import type { ProgramEntry } from './programs.js';
import { clearState, loadState, savedState, type ProgramState } from './state.js';
import { encodeShare } from './share.js';
import { download } from './ui/dom.js';
import { scenarioFileText } from './scenario-file.js';

/** The state a program opens with: the stored edits, else as shipped. */
export function initialState(entry: ProgramEntry): ProgramState {
  const s = loadState(entry.id) ?? savedState(entry);
  if (s.selected >= s.scenarios.length) s.selected = s.scenarios.length - 1;
  if (s.selected < 0 && s.scenarios.length) s.selected = 0;
  return s;
}

/** What counts as a scenario's outcome when comparing runs: its outputs or its error. */
export function outcomeKey(o: Outcome | undefined): unknown {
  if (!o) return null;
  return o.ok ? o.outputs : { error: o.error?.code, message: o.error?.message };
}

/** Puts a share link in the hash and in the share box, and copies it if allowed. */
export async function share(app: App): Promise<void> {
  const hash = await encodeShare(app.entry, app.state);
  history.replaceState(null, '', `#${hash}`);
  const url = location.href;
  app.layout.shareBox.value = url;
  app.layout.shareBox.classList.add('filled');
  app.layout.shareBox.title = `${url.length} characters`;
  try { await navigator.clipboard.writeText(url); app.layout.status.textContent = 'link copied'; } catch { app.layout.shareBox.select(); }
}

/** Downloads the edited rules. */
export function downloadRules(app: App): void {
  download(`${app.entry.id}.rules`, app.state.source);
}

/** Downloads the scenarios as a scenario file next to the rules, edited from the shipped file (comments and anchors kept). */
export function downloadScenarios(app: App): void {
  download(`${app.entry.id}.scenarios.yaml`, scenarioFileText(app.entry.scenarioText, app.state.scenarios), 'application/yaml');
}

/** Drops the edits of the open program. */
export function revert(app: App): void {
  if (!confirmRevert()) return;
  clearState(app.entry.id);
  history.replaceState(null, '', location.pathname + location.search);
  app.open(app.entry, savedState(app.entry));
}

function confirmRevert(): boolean {
  try { return window.confirm('Drop your edits of this program and its scenarios?'); } catch { return true; }
}

/** A new scenario from a copy of the selected one. */
export function copyScenario(app: App): void {
  const s = app.state.scenarios[app.state.selected];
  if (!s) return;
  const names = new Set(app.state.scenarios.map((x) => x.name));
  let name = `${s.name} (copy)`;
  for (let n = 2; names.has(name); n++) name = `${s.name} (copy ${n})`;
  app.state.scenarios.splice(app.state.selected + 1, 0, { ...structuredClone(s), name });
  app.outcomes.splice(app.state.selected + 1, 0, undefined);
  // the copy is what the user works on next: in view, its input open, its name ready to change
  app.revealSelected = true;
  app.select(app.state.selected + 1);
  app.layout.showTab('input');
  const field = document.getElementById('scenario-name') as HTMLInputElement | null;
  field?.focus();
  field?.select();
}

/** Deletes the selected scenario; `undoDelete` brings it back. */
export function deleteScenario(app: App): void {
  const i = app.state.selected;
  if (i < 0) return;
  const [scenario] = app.state.scenarios.splice(i, 1);
  const [outcome] = app.outcomes.splice(i, 1);
  app.deleted = { index: i, scenario: scenario!, outcome };
  app.select(Math.min(i, app.state.scenarios.length - 1));
}

/** Puts the last deleted scenario back where it was and selects it. */
export function undoDelete(app: App): void {
  const d = app.deleted;
  if (!d) return;
  app.deleted = undefined;
  const at = Math.min(d.index, app.state.scenarios.length);
  app.state.scenarios.splice(at, 0, d.scenario);
  app.outcomes.splice(at, 0, d.outcome);
  app.revealSelected = true;
  app.select(at);
}

/** Moves the editor to the first citation of a clause. */
export function revealClause(app: App, clause: string): void {
  const model = app.editor.getModel();
  if (!model) return;
  const escaped = clause.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&').replace(/^§/, '§\\s?');
  const match = model.findMatches(`${escaped}(?![0-9A-Za-z.])`, false, true, true, null, false)[0];
  if (match) {
    app.editor.setSelection(match.range);
    app.editor.revealRangeInCenter(match.range);
    app.editor.focus();
  }
}
