/**
 * The selected scenario's input in a Monaco JSON editor, validated against the
 * program's input JSON Schema (`schemas.input` of the artifact), with its name and
 * evaluation instant beside it. Only well-formed JSON is passed on.
 */
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import { monaco } from '../editor/monaco.js';
import type { Scenario } from '../../../runtime/scenario.js';
import { h } from './dom.js';

const MODEL_URI = 'inmemory://rulebook/scenario-input.json';
const SCHEMA_URI = 'inmemory://rulebook/program-input.schema.json';

/** A change made in the input editor. */
export interface InputChange { input?: unknown; as_of?: string; name?: string }

/** The input editor; `show` loads a scenario without reporting it as a change. */
export class InputEditor {
  readonly editor: monaco.editor.IStandaloneCodeEditor;
  private model: monaco.editor.ITextModel;
  private quiet = false;
  private nameField: HTMLInputElement;
  private asOfField: HTMLInputElement;
  private expectBox: HTMLElement;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private schemaText = '';

  constructor(root: HTMLElement, private onChange: (c: InputChange) => void) {
    this.nameField = h('input#scenario-name', { type: 'text', placeholder: 'scenario name', oninput: () => this.emit({ name: this.nameField.value }) });
    this.asOfField = h('input#scenario-as-of', { type: 'text', placeholder: 'e.g. 2026-01-01T00:00:00+03:00 (optional)', oninput: () => this.emit({ as_of: this.asOfField.value.trim() || undefined }) });
    this.expectBox = h('pre.expect');
    const host = h('div.json-editor');
    root.replaceChildren(
      h('div.input-fields', {}, [h('label', {}, ['Name ', this.nameField]), h('label', {}, ['Evaluated as of ', this.asOfField])]),
      h('div.muted', {}, 'Input (JSON, checked against the program’s input schema):'),
      host,
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
        try { this.onChange({ input: JSON.parse(this.model.getValue()) }); } catch { /* not JSON yet: markers say why */ }
      }, 150);
    });
  }

  private emit(c: InputChange): void {
    if (!this.quiet) this.onChange(c);
  }

  /** Sets the schema the input is validated against. */
  setSchema(schema: Record<string, unknown> | undefined): void {
    const text = JSON.stringify(schema ?? {});
    if (text === this.schemaText) return;
    this.schemaText = text;
    jsonDefaults.setDiagnosticsOptions({
      validate: true, allowComments: false, enableSchemaRequest: false, schemaValidation: 'error',
      schemas: schema ? [{ uri: SCHEMA_URI, fileMatch: [MODEL_URI], schema }] : [],
    });
  }

  /** Loads a scenario (or clears the editor). */
  show(s: Scenario | undefined): void {
    this.quiet = true;
    try {
      const text = s ? JSON.stringify(s.input ?? {}, null, 2) : '{}';
      if (this.model.getValue() !== text) this.model.setValue(text);
      this.nameField.value = s?.name ?? '';
      this.asOfField.value = s?.as_of ?? '';
      this.expectBox.textContent = s ? JSON.stringify(s.expect ?? {}, null, 2) : '';
      this.nameField.disabled = this.asOfField.disabled = !s;
      this.editor.updateOptions({ readOnly: !s });
    } finally {
      this.quiet = false;
    }
  }
}
