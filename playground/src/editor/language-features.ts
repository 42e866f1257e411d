/**
 * Wires hover, go to definition and completion of the .rules language into Monaco.
 * The index is rebuilt lazily, once per model version, and only when a feature asks.
 */
import { monaco } from './monaco.js';
import { RULES_LANGUAGE } from './rules-language.js';
import { buildIndex, occurrenceAt, type RulesIndex } from './ast-index.js';
import { hoverAt } from './hover.js';
import { escapeMarkdown, markdownContent } from './markdown.js';
import { resolveOccurrence } from './resolve-name.js';
import { suggest, type Suggestion } from './completion.js';
import type { ProgramMeta } from '../engine/protocol.js';
import type { Span } from '../../../language/span.js';
import type { RulesFile } from '../../../language/ast.js';

const cache = new WeakMap<monaco.editor.ITextModel, { version: number; index: RulesIndex }>();
let fromWorker: { source: string; ast: RulesFile; index?: RulesIndex } | undefined;

/** Asks the engine worker for its parse tree of a text (see EngineClient.parse). */
export type AskParse = (source: string) => Promise<{ source: string; ast: RulesFile } | undefined>;

/** Keeps the worker's parse tree of `source`, so the features need not parse on the main thread. */
export function setParsed(source: string, ast: RulesFile): void {
  if (fromWorker?.source !== source) fromWorker = { source, ast };
}

/** The index of the worker's parse of `text`, if it has one; `close`: any recent parse will do. */
function fromWorkerIndex(text: string, close: boolean): RulesIndex | undefined {
  if (!fromWorker || (fromWorker.source !== text && !(close && Math.abs(fromWorker.source.length - text.length) < 200))) return undefined;
  fromWorker.index ??= buildIndex(fromWorker.source, fromWorker.ast);
  return fromWorker.index;
}

/**
 * The index of a model's text. `exact` (hover, go to definition) wants the current text;
 * completion, which runs on every keystroke, takes the worker's latest parse even when it
 * is a keystroke or two behind, so typing never waits for a parse of the whole file.
 * Without a usable parse the worker is asked for one (it sends parse trees only when
 * asked, see engine.worker.ts); the text is parsed here only if the worker has none.
 */
export function indexOf(model: monaco.editor.ITextModel, ask: AskParse, exact = true): RulesIndex | Promise<RulesIndex> {
  const hit = cache.get(model);
  const version = model.getVersionId();
  if (hit && hit.version === version) return hit.index;
  const text = model.getValue();
  const known = fromWorkerIndex(text, !exact);
  const keep = (index: RulesIndex) => {
    if (index.source === text) cache.set(model, { version, index });
    return index;
  };
  if (known) return keep(known);
  return ask(text).then((p) => {
    if (p) setParsed(p.source, p.ast);
    return keep(fromWorkerIndex(text, !exact) ?? buildIndex(text));
  });
}

/** The documentation of each suggestion as Markdown, made once (most suggestions are the same at every keystroke: see completion.ts). */
const docs = new WeakMap<Suggestion, monaco.IMarkdownString>();
const docOf = (s: Suggestion, text: string): monaco.IMarkdownString => {
  let d = docs.get(s);
  if (!d) docs.set(s, d = markdownContent(escapeMarkdown(text)));
  return d;
};

const toRange = (s: Span) => new monaco.Range(s.startLine, s.startColumn, s.endLine, s.endColumn);

/** Registers the providers. `meta` gives the last program that compiled, for types. */
export function registerLanguageFeatures(meta: () => ProgramMeta | undefined, ask: AskParse): monaco.IDisposable[] {
  const K = monaco.languages.CompletionItemKind;
  const kinds: Record<Suggestion['kind'], monaco.languages.CompletionItemKind> = {
    field: K.Field, variable: K.Variable, function: K.Function, constant: K.Constant, value: K.EnumMember,
    keyword: K.Keyword, type: K.Class, module: K.Module,
  };
  return [
    monaco.languages.registerHoverProvider(RULES_LANGUAGE, {
      async provideHover(model, position) {
        const offset = model.getOffsetAt(position);
        const h = hoverAt(await indexOf(model, ask), offset, meta());
        return h ? { contents: [markdownContent(h.markdown)], range: toRange(h.span) } : null;
      },
    }),
    monaco.languages.registerDefinitionProvider(RULES_LANGUAGE, {
      async provideDefinition(model, position) {
        const offset = model.getOffsetAt(position);
        const idx = await indexOf(model, ask);
        const o = occurrenceAt(idx, offset);
        const t = o && resolveOccurrence(idx, o, meta());
        if (!t || !('span' in t) || !t.span) return null;
        return { uri: model.uri, range: toRange(t.span) };
      },
    }),
    monaco.languages.registerCompletionItemProvider(RULES_LANGUAGE, {
      triggerCharacters: ['.'],
      async provideCompletionItems(model, position) {
        const offset = model.getOffsetAt(position);
        const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
        const from = model.getPositionAt(Math.max(0, offset - 2000));
        const before = model.getValueInRange(new monaco.Range(from.lineNumber, from.column, position.lineNumber, position.column));
        const word = model.getWordUntilPosition(position);
        const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
        // after a dot the fields depend on the local names at the cursor: worth an exact parse
        const member = /\.[\p{L}\p{N}_]*$/u.test(line);
        const items = suggest(await indexOf(model, ask, member), offset, line, before, meta());
        return {
          suggestions: items.map((s) => ({
            label: s.label, kind: kinds[s.kind], detail: s.detail, sortText: s.sortText, range,
            insertText: s.insertText ?? s.label,
            // the documentation is the program's doc strings and citations: text, not Markdown
            ...(s.documentation ? { documentation: docOf(s, s.documentation) } : {}),
          })),
        };
      },
    }),
  ];
}
