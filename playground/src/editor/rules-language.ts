/**
 * The `.rules` language in Monaco. Highlighting runs the language's own lexer
 * (`rulesLexer` from language/tokens.ts) line by line and maps token names through
 * `TOKEN_CLASSES`: there is no second grammar to keep in step. Every construct of the
 * language fits on one line (strings, comments and table rows do not span lines), so
 * the tokenizer needs no state between lines.
 */
import { rulesLexer, TOKEN_CLASSES } from '../../../language/tokens.js';
import { monaco } from './monaco.js';

/** The language id used for models of .rules files. */
export const RULES_LANGUAGE = 'rules';
/** The theme that colours the classes of `TOKEN_CLASSES`. */
export const RULES_THEME = 'rulebook';

const STATE: monaco.languages.IState = { clone: () => STATE, equals: () => true };

/** Tokens of one line as Monaco wants them: start index and a scope such as `keyword.rules`. */
export function tokenizeLine(line: string): monaco.languages.IToken[] {
  const lexed = rulesLexer.tokenize(line);
  const marks: { start: number; end: number; scope: string }[] = [];
  for (const t of lexed.tokens) {
    const cls = TOKEN_CLASSES[t.tokenType.name] ?? (t.tokenType.name.startsWith('Kw_') ? 'keyword' : 'operator');
    marks.push({ start: t.startOffset, end: t.startOffset + t.image.length, scope: `${cls}.rules` });
  }
  for (const g of lexed.groups.comments ?? []) marks.push({ start: g.startOffset, end: g.startOffset + g.image.length, scope: 'comment.rules' });
  for (const e of lexed.errors) marks.push({ start: e.offset, end: e.offset + Math.max(1, e.length), scope: 'invalid.rules' });
  marks.sort((a, b) => a.start - b.start);
  const out: monaco.languages.IToken[] = [];
  let pos = 0;
  for (const m of marks) {
    if (m.start < pos) continue;
    if (m.start > pos) out.push({ startIndex: pos, scopes: 'white.rules' });
    out.push({ startIndex: m.start, scopes: m.scope });
    pos = m.end;
  }
  if (pos < line.length) out.push({ startIndex: pos, scopes: 'white.rules' });
  return out;
}

let registered = false;

/** Registers the language, its tokenizer, brackets, comments and the theme (once). */
export function registerRulesLanguage(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: RULES_LANGUAGE, extensions: ['.rules'], aliases: ['Rulebook', 'rules'] });
  monaco.languages.setTokensProvider(RULES_LANGUAGE, {
    getInitialState: () => STATE,
    tokenize: (line) => ({ tokens: tokenizeLine(line), endState: STATE }),
  });
  monaco.languages.setLanguageConfiguration(RULES_LANGUAGE, {
    comments: { lineComment: '#' },
    brackets: [['(', ')'], ['[', ']'], ['{', '}']],
    autoClosingPairs: [{ open: '(', close: ')' }, { open: '[', close: ']' }, { open: '{', close: '}' }, { open: '"', close: '"' }],
    wordPattern: /[\p{L}_][\p{L}\p{N}_]*|-?\d[\d ]*(?:\.\d+)?%?/u,
  });
  monaco.editor.defineTheme(RULES_THEME, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '0b4f9c', fontStyle: 'bold' },
      { token: 'identifier', foreground: '1f2328' },
      { token: 'citation', foreground: '8a3ffc', fontStyle: 'italic' },
      { token: 'string', foreground: '0a7d32' },
      { token: 'number', foreground: 'b35900' },
      { token: 'date', foreground: 'a4262c' },
      { token: 'type', foreground: '00728f' },
      { token: 'comment', foreground: '6e7781', fontStyle: 'italic' },
      { token: 'delimiter', foreground: '8c959f' },
      { token: 'operator', foreground: '57606a' },
      { token: 'invalid', foreground: 'd1242f', fontStyle: 'underline' },
    ],
    colors: {},
  });
}
