/**
 * The selected scenario's input, as a form generated from the program's input
 * declaration or as JSON in a Monaco editor validated against the program's input JSON
 * Schema (`schemas.input` of the artifact); the two views stay in sync. Name and
 * evaluation instant sit beside them. An input that cannot be right (a JSON syntax
 * error, an invalid form value) is reported as a change with a `problem`, so the
 * results can be marked stale.
 */
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { monaco } from '../editor/monaco.js';
import type { Scenario } from '../../../runtime/scenario.js';
import type { ProgramMeta } from '../engine/protocol.js';
import { h } from './dom.js';
import { InputForm, type FieldProblem } from './input-form.js';
import { isoToLocal, localToIso } from './zone-time.js';

const MODEL_URI = 'inmemory://rulebook/scenario-input.json';
const SCHEMA_URI = 'inmemory://rulebook/program-input.schema.json';

/** A change made in the input editor; `problem` says why the input cannot be run. */
export interface InputChange { input?: unknown; as_of?: string; name?: string; problem?: string }

/** The input editor; `show` loads a scenario without reporting it as a change. */
export class InputEditor {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  readonly form: InputForm;
  private model: monaco.editor.ITextModel;
  private quiet = false;
  private nameField: HTMLInputElement;
  private asOfField: HTMLInputElement;
  private asOfPicker: HTMLInputElement;
  private asOfZone: HTMLElement;
  private expectBox: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private schemaText = '';
  private meta?: ProgramMeta;
  private views: Record<'form' | 'json', { button: HTMLButtonElement; panel: HTMLElement }>;

  constructor(root: HTMLElement, private onChange: (c: InputChange) => void) {
    this.nameField = h('input#scenario-name', { type: 'text', placeholder: 'scenario name', oninput: () => this.emit({ name: this.nameField.value }) });
    this.asOfField = h('input#scenario-as-of', { type: 'text', placeholder: 'e.g. 2026-01-01T00:00:00+03:00 (optional)', oninput: () => { this.syncAsOfPicker(); this.emit({ as_of: this.asOfField.value.trim() || undefined }); } });
    this.asOfPicker = h('input#scenario-as-of-picker', { type: 'datetime-local', step: '1', title: 'pick the instant in the program’s zone' });
    this.asOfPicker.addEventListener('change', () => {
      const iso = localToIso(this.asOfPicker.value, this.zone());
      if (!iso) return;
      this.asOfField.value = iso;
      this.emit({ as_of: iso });
    });
    this.asOfZone = h('span.zone');
    this.expectBox = h('pre.expect');
    const host = h('div.json-editor');
    const formHost = h('div#input-form.input-form');
    this.form = new InputForm(formHost, (input, problem) => {
      this.quiet = true;
      try { this.model.setValue(JSON.stringify(input, null, 2)); } finally { this.quiet = false; }
      this.emit(problem ? { problem } : { input: structuredClone(input) });
    });
    const tab = (v: 'form' | 'json', label: string) => h('button.subtab', { id: `input-view-${v}`, type: 'button', onclick: () => this.showView(v) }, label);
    this.views = { form: { button: tab('form', 'Form'), panel: formHost }, json: { button: tab('json', 'JSON'), panel: h('div.json-view', {}, host) } };
    root.replaceChildren(
      h('div.input-fields', {}, [h('label', {}, ['Name ', this.nameField]), h('label', {}, ['Evaluated as of ', this.asOfField]),
        h('span'), h('span.instant-control', {}, [this.asOfPicker, this.asOfZone])]),
      h('nav.subtabs', {}, [this.views.form.button, this.views.json.button, h('span#input-status.muted')]),
      this.views.form.panel, this.views.json.panel,
      h('details.expect-box', {}, [h('summary', {}, 'Expected outcome (from the scenario file)'), this.expectBox]),
    );
    this.model = monaco.editor.getModel(monaco.Uri.parse(MODEL_URI)) ?? monaco.editor.createModel('{}', 'json', monaco.Uri.parse(MODEL_URI));
    this.editor = monaco.editor.create(host, {
      model: this.model, automaticLayout: true, minimap: { enabled: false }, fontSize: 13, tabSize: 2,
      scrollBeyondLastLine: false, fixedOverflowWidgets: true,
    });
    this.model.onDidChangeContent(() => {
      if (this.quiet) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        let input: unknown;
        try { input = JSON.parse(this.model.getValue()); } catch (e) {
          this.emit({ problem: `the JSON text is not valid: ${(e as Error).message}` });
          return;
        }
        this.form.render(input, this.meta);
        this.emit({ input });
      }, 150);
    });
    this.showView('form');
  }

  private emit(c: InputChange): void {
    if (this.quiet) return;
    const status = document.getElementById('input-status');
    if (status) { status.textContent = c.problem ? `✗ ${c.problem}` : ''; status.className = c.problem ? 'input-invalid' : 'muted'; }
    this.onChange(c);
  }

  private zone(): string {
    return this.meta?.program.zone ?? 'UTC';
  }

  /** The picker shows the evaluation instant typed in the text field, in the program's zone. */
  private syncAsOfPicker(): void {
    this.asOfPicker.value = this.asOfField.value.trim() ? isoToLocal(this.asOfField.value.trim(), this.zone()) : '';
    this.asOfZone.textContent = this.zone();
  }

  /** Shows the form or the JSON text. */
  showView(v: 'form' | 'json'): void {
    for (const [k, x] of Object.entries(this.views)) { x.panel.hidden = k !== v; x.button.classList.toggle('active', k === v); }
    if (v === 'json') this.editor.layout();
  }

  /** Sets the program the input belongs to: the JSON Schema the text is checked against, the form's fields. */
  setProgram(meta: ProgramMeta | undefined): void {
    const schema = meta?.schemas.input;
    const text = JSON.stringify(schema ?? {});
    if (meta && meta !== this.meta) {
      this.meta = meta;
      this.syncAsOfPicker();
      try { this.form.render(JSON.parse(this.model.getValue()), meta); } catch { /* the JSON view shows the syntax error */ }
    }
    if (text === this.schemaText) return;
    this.schemaText = text;
    jsonDefaults.setDiagnosticsOptions({
      validate: true, allowComments: false, enableSchemaRequest: false, schemaValidation: 'error',
      schemas: schema ? [{ uri: SCHEMA_URI, fileMatch: [MODEL_URI], schema }] : [],
    });
  }

  /** Shows the problems of the last run next to the form's fields. */
  showProblems(problems: FieldProblem[]): void {
    this.form.showProblems(problems);
  }

  /** Loads a scenario (or clears the editor). */
  show(s: Scenario | undefined): void {
    this.quiet = true;
    try {
      const text = s ? JSON.stringify(s.input ?? {}, null, 2) : '{}';
      if (this.model.getValue() !== text) this.model.setValue(text);
      this.form.render(structuredClone(s?.input ?? {}), this.meta);
      this.nameField.value = s?.name ?? '';
      this.asOfField.value = s?.as_of ?? '';
      this.syncAsOfPicker();
      this.expectBox.textContent = s ? JSON.stringify(s.expect ?? {}, null, 2) : '';
      this.nameField.disabled = this.asOfField.disabled = this.asOfPicker.disabled = !s;
      this.editor.updateOptions({ readOnly: !s });
    } finally {
      this.quiet = false;
    }
    const status = document.getElementById('input-status');
    if (status) { status.textContent = ''; status.className = 'muted'; }
  }
}
