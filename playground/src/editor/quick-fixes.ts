/**
 * Quick fixes in the rules editor (Monaco code actions) for the commonest dated edits:
 * RB504 offers to close the version before on the day before the new one starts, and
 * "Change from a date…" on a version line, a one-line definition or a one-line rule asks
 * for the date (and, for a definition or rule, the event whose date selects the version) and splits it into
 * `until D−1` / `from D` versions. The edits themselves are in version-edits.ts.
 */
import { monaco } from './monaco.js';
import { RULES_LANGUAGE } from './rules-language.js';
import type { ProgramMeta } from '../engine/protocol.js';
import { canSplit, closePreviousVersion, splitDefinition, splitRule, splitVersion, type LineEdit } from './version-edits.js';

const SPLIT_COMMAND = 'rulebook.changeFromDate';

function textEdit(model: monaco.editor.ITextModel, e: LineEdit): monaco.languages.IWorkspaceTextEdit {
  const line = e.line + 1;
  return {
    resource: model.uri, versionId: model.getVersionId(),
    textEdit: { range: new monaco.Range(line, 1, line, model.getLineMaxColumn(line)), text: e.lines.join(model.getEOL()) },
  };
}

/**
 * A date or instant the version could be selected by: for `define f(p: Purchase)`, the
 * first date or instant field of Purchase (`p.paid_at`); else the first such input.
 */
function guessEvent(header: string, meta: ProgramMeta | undefined): string {
  const param = /^define\s+[^(=]+\(\s*([\p{L}_][\p{L}\p{N}_]*)\s*:\s*([\p{L}_][\p{L}\p{N}_]*)/u.exec(header);
  const isTime = (k: string) => k === 'date' || k === 'instant';
  if (param && meta?.records[param[2]!]) {
    const f = meta.records[param[2]!]!.fields.find((x) => isTime(x.type.k));
    if (f) return `${param[1]}.${f.name}`;
  }
  const input = meta?.inputs.find((i) => isTime(i.type.k));
  return input?.name ?? '';
}

function ask(question: string, initial: string): string | undefined {
  try { return window.prompt(question, initial)?.trim() || undefined; } catch { return undefined; }
}

/** Registers the code actions and the "change from a date…" command. */
export function registerQuickFixes(editor: monaco.editor.IStandaloneCodeEditor, meta: () => ProgramMeta | undefined): monaco.IDisposable[] {
  const command = monaco.editor.registerCommand(SPLIT_COMMAND, (_accessor, line: number) => {
    const model = editor.getModel();
    if (!model) return;
    const lines = model.getLinesContent();
    const kind = canSplit(lines, line);
    if (!kind) return;
    const date = ask('Change from which date? (DD.MM.YYYY — the new version starts on that day)', '');
    if (!date) return;
    // a rule's event is guessed from the definition it belongs to (the nearest `define` above)
    const header = kind === 'rule' ? lines.slice(0, line).reverse().find((l) => l.startsWith('define ')) ?? '' : lines[line]!;
    const event = kind === 'version' ? '' : ask('Which date or instant selects the version? (for example p.paid_at)', guessEvent(header, meta()));
    if (kind !== 'version' && !event) return;
    const e = kind === 'version' ? splitVersion(lines, line, date) : kind === 'rule' ? splitRule(lines, line, date, event!) : splitDefinition(lines, line, date, event!);
    if (!e) { window.alert(`${date} is not a date inside this version (DD.MM.YYYY).`); return; }
    editor.executeEdits('rulebook.quickfix', [{ range: textEdit(model, e).textEdit.range, text: e.lines.join(model.getEOL()) }]);
    editor.setPosition({ lineNumber: e.line + e.lines.length, column: model.getLineMaxColumn(e.line + e.lines.length) });
    editor.focus();
  });
  const provider = monaco.languages.registerCodeActionProvider(RULES_LANGUAGE, {
    provideCodeActions(model, range, context) {
      const lines = model.getLinesContent();
      const actions: monaco.languages.CodeAction[] = [];
      for (const m of context.markers) {
        const code = typeof m.code === 'object' ? m.code.value : m.code;
        if (code !== 'RB504') continue;
        const fix = closePreviousVersion(lines, m.startLineNumber - 1);
        if (!fix) continue;
        const until = /until (\S+)/.exec(fix.lines[0]!)?.[1];
        actions.push({ title: `End the version before on ${until}`, kind: 'quickfix', diagnostics: [m], isPreferred: true, edit: { edits: [textEdit(model, fix)] } });
      }
      const line = range.startLineNumber - 1;
      if (canSplit(lines, line)) {
        actions.push({ title: 'Change from a date…', kind: 'refactor.rewrite', command: { id: SPLIT_COMMAND, title: 'Change from a date…', arguments: [line] } });
      }
      return { actions, dispose() { /* nothing held */ } };
    },
  }, { providedCodeActionKinds: ['quickfix', 'refactor.rewrite'] });
  return [command, provider];
}
