/**
 * The playground's controller: holds the state of the open program, sends every
 * change to the engine worker and renders what comes back. Rendering never depends on
 * the program compiling: when it does not, the last good results stay, marked stale.
 */
import { monaco } from './editor/monaco.js';
import { RULES_LANGUAGE, RULES_THEME, registerRulesLanguage } from './editor/rules-language.js';
import { registerLanguageFeatures, setParsed } from './editor/language-features.js';
import { registerQuickFixes } from './editor/quick-fixes.js';
import { setRulesMarkers } from './editor/markers.js';
import { EngineClient } from './engine/engine-client.js';
import type { Diag, ImpactRow, Outcome, ProgramMeta } from './engine/protocol.js';
import type { TraceNode } from '../../runtime/trace.js';
import type { Scenario } from '../../runtime/scenario.js';
import { PROGRAMS, programById, type ProgramEntry } from './programs.js';
import { isEdited, storeState, type ProgramState } from './state.js';
import { buildLayout, type Layout } from './ui/layout.js';
import { renderProblems, renderProgram } from './ui/program-panel.js';
import { renderScenarioList, rowsInView } from './ui/scenario-list.js';
import { renderReadings } from './ui/readings-panel.js';
import { renderResults } from './ui/results-panel.js';
import { renderImpact } from './ui/impact-panel.js';
import { InputEditor, type InputChange } from './ui/input-editor.js';
import { Perf, clock } from './perf.js';
import * as actions from './app-actions.js';
import { renderSharedBar } from './shared-copy.js';
import { EdgesTab } from './edges-tab.js';
import { setText } from './ui/dom.js';

/** How long typing must pause before the parse tree is fetched for the editor's features. */
const PARSE_IDLE_MS = 400;

/** A reading switch in progress: the outcomes before it, and which scenarios changed. */
interface ReadingSwitch { label: string; requestId: number; before: (Outcome | undefined)[]; changed: Set<number> }

/** The application. */
export class App {
  readonly perf = new Perf();
  readonly layout: Layout;
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  readonly input: InputEditor;
  readonly edges: EdgesTab;
  entry: ProgramEntry = PROGRAMS[0]!;
  state!: ProgramState;
  meta?: ProgramMeta;
  /** The engine's number for `meta` (the same metadata keeps its number; see engine/protocol.ts). */
  private metaId: number | undefined;
  diagnostics: Diag[] = [];
  outcomes: (Outcome | undefined)[] = [];
  trace?: TraceNode[];
  stale = false;
  /** Set to scroll the selected scenario into view at the next render of the list. */
  revealSelected = false;
  /** The scenario deleted last, until it is restored or another program opens. */
  deleted?: { index: number; scenario: Scenario; outcome: Outcome | undefined };
  /** Why the selected scenario's input cannot run (a JSON syntax error, an invalid form value). */
  inputProblem?: string;
  /** True while a shared copy is open: nothing is stored until the user keeps it. */
  shared = false;
  readingSwitch?: ReadingSwitch;
  impact: { rows?: ImpactRow[]; compared?: number; problem?: string; pending: boolean; active: boolean } = { pending: false, active: false };
  private engine: EngineClient;
  private model: monaco.editor.ITextModel;
  private quiet = false;
  private latestId = 0;
  private requestVersion = new Map<number, number>();
  private requestSelected = new Map<number, number>();
  private traceIndex = -1;
  /** Between an answer's outcomes in view and the rest (see `onFirst`). */
  private counting = false;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private parseTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement) {
    this.layout = buildLayout(root, PROGRAMS, {
      onProgram: (id) => { if (location.hash) history.replaceState(null, '', location.pathname + location.search); this.open(programById(id)); },
      onShare: () => void actions.share(this),
      onDownloadRules: () => actions.downloadRules(this),
      onDownloadScenarios: () => actions.downloadScenarios(this),
      onRevert: () => actions.revert(this),
    });
    registerRulesLanguage();
    registerLanguageFeatures(() => this.meta, (source) => this.engine.parse(source));
    this.model = monaco.editor.createModel('', RULES_LANGUAGE, monaco.Uri.parse('inmemory://rulebook/program.rules'));
    this.editor = monaco.editor.create(this.layout.editorHost, {
      model: this.model, theme: RULES_THEME, automaticLayout: true, fontSize: 13, minimap: { enabled: false },
      scrollBeyondLastLine: false, wordBasedSuggestions: 'off', fixedOverflowWidgets: true, renderWhitespace: 'none',
      quickSuggestions: { other: true, comments: false, strings: false },
      unicodeHighlight: { ambiguousCharacters: false, invisibleCharacters: false }, stickyScroll: { enabled: false },
    });
    registerQuickFixes(this.editor, () => this.meta);
    this.model.onDidChangeContent(() => this.onRulesEdited());
    this.input = new InputEditor(this.layout.tabs.input, (c) => this.onInputEdited(c));
    this.engine = new EngineClient({
      diagnostics: (id, d, meta, metaId, ms) => { this.perf.worker(id, 'compile', ms); this.onDiagnostics(id, d, meta, metaId); },
      first: (id, entries, times) => { this.perf.arrived(id, times); this.onFirst(id, entries); },
      trace: (id, trace) => this.onTrace(id, trace),
      results: (id, ok, outcomes, trace, ms, times) => { this.perf.worker(id, 'run', ms); this.perf.arrived(id, times); this.onResults(id, ok, outcomes, trace); },
      sent: (id) => this.perf.sent(id),
      impact: (rows, compared, problem) => { this.impact = { ...this.impact, rows, compared, problem, pending: false }; this.renderImpact(); },
      crash: (message) => this.showBanner(`The engine failed: ${message}`),
    });
    this.edges = new EdgesTab(this);
    root.addEventListener('tabchange', (e) => {
      const tab = (e as CustomEvent).detail;
      if (tab === 'impact') { if (this.impact.active && !this.impact.rows) this.compare(); else this.renderImpact(); }
      if (tab === 'program') this.renderProgramTab();
      if (tab === 'edges') this.edges.render();
    });
  }

  /** Opens a program with the given state (its stored or shipped state by default); `shared` for a shared copy. */
  open(entry: ProgramEntry, state?: ProgramState, shared = false): void {
    this.entry = entry;
    this.shared = shared;
    this.state = state ?? actions.initialState(entry);
    this.meta = undefined; this.metaId = undefined; this.diagnostics = []; this.outcomes = []; this.trace = undefined;
    this.stale = false; this.readingSwitch = undefined; this.deleted = undefined;
    this.impact = { pending: false, active: false };
    this.layout.picker.value = entry.id;
    this.quiet = true;
    try { this.model.setValue(this.state.source); } finally { this.quiet = false; }
    this.input.show(this.state.scenarios[this.state.selected]);
    this.persist();
    this.renderAll();
    this.request(true);
  }

  /** Sends the current source, scenarios and readings to the engine. */
  request(immediate = false): number {
    const run = { scenarios: this.state.scenarios, overrides: this.state.overrides, selected: this.state.selected, first: rowsInView(this.layout.scenarios) };
    const id = this.engine.update(this.state.source, run, immediate, this.meta ? this.metaId : undefined);
    this.latestId = id;
    this.requestVersion.set(id, this.model.getVersionId());
    this.requestSelected.set(id, this.state.selected);
    return id;
  }

  private onRulesEdited(): void {
    if (this.quiet) return;
    const t0 = clock();
    if (this.parseTimer) clearTimeout(this.parseTimer);
    this.state.source = this.model.getValue();
    this.readingSwitch = undefined;
    this.perf.started(this.request(), t0);
    this.persist();
    this.layout.status.textContent = 'checking…';
  }

  private onInputEdited(c: InputChange): void {
    const s = this.state.scenarios[this.state.selected];
    if (!s) return;
    if (c.problem !== undefined || this.inputProblem) {
      this.inputProblem = c.problem;
      this.renderResult();
      this.renderScenarios();
      if (c.problem !== undefined) return;
    }
    if ('input' in c) s.input = c.input;
    if ('as_of' in c) { if (c.as_of) s.as_of = c.as_of; else delete s.as_of; }
    if (c.name !== undefined) s.name = c.name;
    this.persist();
    this.request();
  }

  private onDiagnostics(id: number, diagnostics: Diag[], meta: ProgramMeta | undefined, metaId: number | undefined): void {
    if (id !== this.latestId) return;
    this.diagnostics = diagnostics;
    if (this.requestVersion.get(id) === this.model.getVersionId()) setRulesMarkers(this.model, diagnostics);
    // the engine sends the metadata only when the page does not hold it (same content, same number), so what
    // depends on it (the input form: about 20 ms of this thread on the largest program) is not rebuilt on every keystroke
    if (meta && metaId !== undefined) { this.meta = meta; this.metaId = metaId; this.input.setProgram(meta); }
    this.stale = metaId === undefined || metaId !== this.metaId;
    this.renderProblems();
    this.renderHeader();
    this.perf.diagnosticsShown(id);
  }

  /**
   * Draws the outcomes the user sees (the selected scenario, the rows in view) while the
   * others run. The explanation shown stays the last one until this answer's `trace` comes
   * (a few milliseconds later: see runAll in engine/engine.ts).
   */
  private onFirst(id: number, entries: [number, Outcome][]): void {
    if (id !== this.latestId) return;
    for (const [i, o] of entries) this.outcomes[i] = o;
    this.stale = false;
    this.counting = true;
    this.showInputProblems();
    this.renderScenarios();
    this.renderResult();
    this.perf.visibleShown(id);
  }

  /** The selected scenario's explanation of answer `id`, after its `first`. */
  private onTrace(id: number, trace: TraceNode[] | undefined): void {
    if (id !== this.latestId) return;
    this.setTrace(id, trace);
    this.renderResult();
  }

  private setTrace(id: number, trace: TraceNode[] | undefined): void {
    this.trace = trace;
    this.traceIndex = this.requestSelected.get(id) ?? -1;
  }

  private showInputProblems(): void {
    const e = this.outcomes[this.state.selected]?.error;
    this.input.showProblems(e?.problems ?? (e?.path ? [{ path: e.path, message: e.message }] : []));
  }

  private onResults(id: number, ok: boolean, outcomes: Outcome[], trace: TraceNode[] | undefined | 'sent'): void {
    if (id !== this.latestId) return;
    this.counting = false;
    for (const m of [this.requestVersion, this.requestSelected]) for (const k of m.keys()) if (k < id) m.delete(k);
    if (ok) {
      this.outcomes = outcomes;
      if (trace !== 'sent') this.setTrace(id, trace);
      const sw = this.readingSwitch;
      if (sw && sw.requestId === id) {
        sw.changed = new Set(outcomes.map((o, i) => (JSON.stringify(actions.outcomeKey(o)) !== JSON.stringify(actions.outcomeKey(sw.before[i])) ? i : -1)).filter((i) => i >= 0));
      }
    }
    this.stale = !ok;
    this.showInputProblems();
    this.renderScenarios();
    this.renderResult();
    this.renderReadings();
    if (this.layout.activeTab() === 'program') this.renderProgramTab();
    if (this.impact.active && ok) {
      if (this.layout.activeTab() === 'impact') this.compare();
      else this.impact.rows = undefined;
    }
    this.perf.resultsShown(id);
    this.parseWhenIdle();
  }

  /**
   * Fetches the worker's parse tree for the editor's features once typing has paused:
   * copying it (~750 KB on the largest program) takes longer than drawing the results,
   * so it is never sent between a keystroke and its results.
   */
  private parseWhenIdle(): void {
    if (this.parseTimer) clearTimeout(this.parseTimer);
    this.parseTimer = setTimeout(() => {
      this.parseTimer = undefined;
      const source = this.state.source;
      if (this.pendingRequests()) return;
      void this.engine.parse(source).then((p) => { if (p) setParsed(p.source, p.ast); });
    }, PARSE_IDLE_MS);
  }

  /** Selects a scenario and asks for its explanation. */
  select(i: number): void {
    this.state.selected = i;
    this.inputProblem = undefined;
    this.input.show(this.state.scenarios[i]);
    this.persist();
    this.renderScenarios();
    this.renderResult();
    this.edges.render();
    this.request(true);
  }

  /** Switches a reading for every scenario (undefined: as each scenario says). */
  switchReading(reading: string, option: string | undefined): void {
    if (option === undefined) delete this.state.overrides[reading];
    else this.state.overrides[reading] = option;
    const before = this.outcomes.slice();
    const id = this.request(true);
    this.readingSwitch = { label: `${reading} = ${option ?? 'as written'}`, requestId: id, before, changed: new Set() };
    this.persist();
  }

  /** Runs "compare with saved" now and after every later change. */
  compare(): void {
    this.impact.active = true;
    this.impact.pending = true;
    this.engine.impact(this.entry.source, this.state.source, { scenarios: this.state.scenarios, overrides: this.state.overrides, selected: -1 });
    this.renderImpact();
  }

  /** Stores the state soon (edits survive a reload); a shared copy is never stored. */
  persist(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    if (!this.shared) {
      const [id, state] = [this.entry.id, this.state];
      // writing ~150 KB to localStorage holds this thread 10-30 ms: while the engine's answer to an edit is due, 150 ms later
      const store = (wait: boolean) => {
        if (wait && this.pendingRequests()) this.persistTimer = setTimeout(store, 150, false);
        else { this.persistTimer = undefined; storeState(id, state); }
      };
      this.persistTimer = setTimeout(store, 200, true);
    }
    this.layout.revert.disabled = this.shared || !isEdited(this.entry, this.state);
  }

  /** 1 while an update is waiting for the engine, else 0 (for tests). */
  pendingRequests(): number {
    return this.latestId > this.perf.lastShown ? 1 : 0;
  }

  /** The markers on the rules model or on the scenario input (for tests). */
  markers(which: 'rules' | 'input' = 'rules'): { code: string; message: string; line: number }[] {
    const model = which === 'rules' ? this.model : this.input.editor.getModel()!;
    return monaco.editor.getModelMarkers({ resource: model.uri })
      .map((m) => ({ code: String(typeof m.code === 'object' ? m.code.value : m.code ?? ''), message: m.message, line: m.startLineNumber }));
  }

  /** Shows a message above the panes (errors of the page itself, links that cannot open). */
  showBanner(message: string): void {
    this.layout.banner.textContent = message;
    this.layout.banner.hidden = false;
  }

  /** Hides the message above the panes. */
  hideBanner(): void {
    this.layout.banner.hidden = true;
  }

  /** Shows or hides the "shared copy" bar. */
  renderSharedBar(): void {
    renderSharedBar(this.layout.sharedBar, this);
  }

  /** Reveals a source position in the rules editor. */
  reveal(line: number, column: number): void {
    this.editor.revealPositionInCenter({ lineNumber: line, column });
    this.editor.setPosition({ lineNumber: line, column });
    this.editor.focus();
  }

  /** Renders every panel from the current state. */
  renderAll(): void {
    this.renderSharedBar(); this.renderHeader(); this.renderProblems(); this.renderReadings(); this.renderScenarios(); this.renderResult();
    this.renderImpact(); this.renderProgramTab();
  }

  private renderHeader(): void {
    setText(this.layout.title, this.meta?.program.title ?? this.entry.id);
    setText(this.layout.source, this.meta?.program.source ? `source: ${this.meta.program.source}` : '');
    const errors = this.diagnostics.filter((d) => d.severity === 'error').length;
    setText(this.layout.status, errors ? `${errors} error${errors === 1 ? '' : 's'}` : this.meta ? 'compiled' : '');
    this.layout.status.className = errors ? 'status-errors' : 'status-ok';
  }

  private renderProblems(): void {
    renderProblems(this.layout.problems, this.diagnostics, (d) => this.reveal(d.span.startLine, d.span.startColumn));
  }

  private renderProgramTab(): void {
    renderProgram(this.layout.tabs.program, {
      entry: this.entry, meta: this.meta, diagnostics: this.diagnostics,
      onClause: (c) => actions.revealClause(this, c), onDiagnostic: (d) => this.reveal(d.span.startLine, d.span.startColumn),
    });
  }

  private renderReadings(): void {
    renderReadings(this.layout.readings, {
      meta: this.meta, loading: !this.meta && !this.diagnostics.length, overrides: this.state.overrides, changedCount: this.readingSwitch?.changed.size,
      onChange: (r, o) => this.switchReading(r, o),
    });
  }

  /** Renders the scenario list (it redraws only the rows that changed). */
  renderScenarios(): void {
    const reveal = this.revealSelected;
    this.revealSelected = false;
    renderScenarioList(this.layout.scenarios, {
      scenarios: this.state.scenarios, outcomes: this.outcomes, selected: this.state.selected,
      changed: this.readingSwitch?.changed ?? new Set<number>(), stale: this.stale || !!this.inputProblem, problem: this.entry.scenarioProblem,
      onSelect: (i) => this.select(i), onRunAll: () => this.request(true), onRunSelected: () => this.select(this.state.selected),
      onCopy: () => actions.copyScenario(this), onDelete: () => actions.deleteScenario(this),
      deleted: this.deleted?.scenario.name, onUndo: () => actions.undoDelete(this), reveal, counting: this.counting,
    });
  }

  private renderResult(): void {
    const i = this.state.selected;
    const sw = this.readingSwitch;
    const before = sw?.changed.has(i) ? sw.before[i]?.outputs : undefined;
    const view = {
      scenario: this.state.scenarios[i], outcome: this.outcomes[i], trace: this.traceIndex === i ? this.trace : undefined, meta: this.meta,
      stale: this.stale || !!this.inputProblem, staleReason: this.inputProblem,
      before, switched: sw?.label,
    };
    renderResults(this.layout.tabs.result, view);
  }

  private renderImpact(): void {
    renderImpact(this.layout.tabs.impact, { ...this.impact, edited: this.state.source !== this.entry.source, meta: this.meta, onCompare: () => this.compare() });
  }
}
