/**
 * Wires hover, go to definition and completion of the .rules language into Monaco.
 * The index is rebuilt lazily, once per model version, and only when a feature asks.
 */
import { monaco } from './monaco.js';
import { RULES_LANGUAGE } from './rules-language.js';
import { buildIndex, occurrenceAt, type RulesIndex } from './ast-index.js';
import { hoverAt } from './hover.js';
import { resolveOccurrence } from './resolve-name.js';
import { suggest, type Suggestion } from './completion.js';
import type { ProgramMeta } from '../engine/protocol.js';
import type { Span } from '../../../language/span.js';
import type { RulesFile } from '../../../language/ast.js';

const cache = new WeakMap<monaco.editor.ITextModel, { version: number; index: RulesIndex }>();
let fromWorker: { source: string; ast: RulesFile; index?: RulesIndex } | undefined;

/** Keeps the worker's parse tree of `source`, so the features need not parse on the main thread. */
export function setParsed(source: string, ast: RulesFile): void {
  fromWorker = { source, ast };
}

/**
 * The index of a model's text. `exact` (hover, go to definition) wants the current text;
 * completion, which runs on every keystroke, takes the worker's latest parse even when it
 * is a keystroke or two behind, so typing never waits for a parse of the whole file.
 */
export function indexOf(model: monaco.editor.ITextModel, exact = true): RulesIndex {
  const hit = cache.get(model);
  const version = model.getVersionId();
  if (hit && hit.version === version) return hit.index;
  const text = model.getValue();
  const close = fromWorker && Math.abs(fromWorker.source.length - text.length) < 200;
  if (fromWorker && (fromWorker.source === text || (!exact && close))) {
    fromWorker.index ??= buildIndex(fromWorker.source, fromWorker.ast);
    if (fromWorker.source === text) cache.set(model, { version, index: fromWorker.index });
    return fromWorker.index;
  }
  const index = buildIndex(text);
  cache.set(model, { version, index });
  return index;
}

const toRange = (s: Span) => new monaco.Range(s.startLine, s.startColumn, s.endLine, s.endColumn);

/** Registers the providers. `meta` gives the last program that compiled, for types. */
export function registerLanguageFeatures(meta: () => ProgramMeta | undefined): monaco.IDisposable[] {
  const K = monaco.languages.CompletionItemKind;
  const kinds: Record<Suggestion['kind'], monaco.languages.CompletionItemKind> = {
    field: K.Field, variable: K.Variable, function: K.Function, constant: K.Constant, value: K.EnumMember,
    keyword: K.Keyword, type: K.Class, module: K.Module,
  };
  return [
    monaco.languages.registerHoverProvider(RULES_LANGUAGE, {
      provideHover(model, position) {
        const h = hoverAt(indexOf(model), model.getOffsetAt(position), meta());
        return h ? { contents: [{ value: h.markdown }], range: toRange(h.span) } : null;
      },
    }),
    monaco.languages.registerDefinitionProvider(RULES_LANGUAGE, {
      provideDefinition(model, position) {
        const idx = indexOf(model);
        const o = occurrenceAt(idx, model.getOffsetAt(position));
        const t = o && resolveOccurrence(idx, o, meta());
        if (!t || !('span' in t) || !t.span) return null;
        return { uri: model.uri, range: toRange(t.span) };
      },
    }),
    monaco.languages.registerCompletionItemProvider(RULES_LANGUAGE, {
      triggerCharacters: ['.'],
      provideCompletionItems(model, position) {
        const offset = model.getOffsetAt(position);
        const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
        const before = model.getValue().slice(Math.max(0, offset - 2000), offset);
        const word = model.getWordUntilPosition(position);
        const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
        // after a dot the fields depend on the local names at the cursor: worth an exact parse
        const member = /\.[\p{L}\p{N}_]*$/u.test(line);
        const items = suggest(indexOf(model, member), offset, line, before, meta());
        return {
          suggestions: items.map((s) => ({
            label: s.label, kind: kinds[s.kind], detail: s.detail, sortText: s.sortText, range,
            insertText: s.insertText ?? s.label,
            ...(s.documentation ? { documentation: { value: s.documentation } } : {}),
          })),
        };
      },
    }),
  ];
}
