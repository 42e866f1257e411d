/**
 * Stage 1: source text -> AST plus syntax diagnostics. Lexing and parsing errors are
 * collected (recovery is on) rather than thrown.
 */
import type { IRecognitionException, ILexingError, IToken, CstNode } from 'chevrotain';
import { rulesLexer } from './tokens.js';
import { rulesParser } from './parser.js';
import { fileToAst } from './to-ast.js';
import type { RulesFile } from './ast.js';
import { error, type Diagnostic } from './diagnostics.js';
import { tokenSpan, FILE_START, type Span } from './span.js';
import { installDepthGuard, NestingTooDeep, nestingDiagnostic, dropTooDeep, capErrors, MAX_SYNTAX_ERRORS } from './limits.js';

export interface ParseResult { ast: RulesFile; diagnostics: Diagnostic[] }

/** Parses a whole .rules file. Never throws on bad input. */
export function parse(source: string): ParseResult {
  const { ast, diagnostics } = parseFile(source);
  return { ast, diagnostics };
}

/**
 * `parse`, also giving the tokens and the first pass's CST, for the incremental parser
 * (language/incremental.ts), which keeps them when the file parsed without a diagnostic.
 */
export function parseFile(source: string): ParseResult & { tokens: IToken[]; cst: CstNode } {
  const lexed = rulesLexer.tokenize(source);
  const diagnostics: Diagnostic[] = [...lexed.errors.map(lexError), ...unknownEscapes(lexed.tokens)];
  let tokens = lexed.tokens;
  let cst: CstNode;
  ({ cst, tokens } = parseGuarded(tokens, diagnostics));
  const first = cst;
  diagnostics.push(...rulesParser.errors.map(parseError));
  const ast = fileToAst(cst);
  // Chevrotain's recovery works inside declarations; when it gives up on the rest of the
  // file, parse again from the next declaration so later mistakes are reported too.
  let stopped = rulesParser.errors.find((e) => e.name === 'NotAllInputParsedException');
  while (stopped) {
    const from = tokens.indexOf(stopped.token);
    const next = tokens.findIndex((t, i) => i > from && DECLARATION_STARTS.has(t.tokenType.name));
    if (from < 0 || next < 0) break;
    const rest = parseGuarded(tokens.slice(next), diagnostics).cst;
    diagnostics.push(...rulesParser.errors.map(parseError));
    ast.declarations.push(...fileToAst(rest).declarations);
    stopped = rulesParser.errors.find((e) => e.name === 'NotAllInputParsedException');
    if (diagnostics.length > 4 * MAX_SYNTAX_ERRORS) break;
  }
  diagnostics.push(...dropTooDeep(ast));
  return { ast, diagnostics: capErrors(diagnostics), tokens, cst: first };
}

installDepthGuard(rulesParser);

/** Half of a surrogate pair with no other half: only a program given as a JS string (the API, the editor) can hold one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Problems of text literals (RB101). A backslash in a text means something only before a
 * quote, a backslash or `n` (cst.ts `unquote`); before anything else it was dropped, so
 * "\u0041" read as u0041. A lone surrogate would reach the output JSON as one.
 */
export function unknownEscapes(tokens: IToken[]): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const t of tokens) {
    if (t.tokenType.name !== 'StringLit') continue;
    if (LONE_SURROGATE.test(t.image)) {
      found.push(error('RB101', 'This text holds half of a character (a lone UTF-16 surrogate), which no file or JSON output can carry. Type the character again, or remove it.', tokenSpan(t)));
    }
    if (!t.image.includes('\\')) continue;
    const m = /\\([^"\\n])/.exec(t.image.slice(1, -1).replace(/\\[\\"n]/g, ''));
    if (m) found.push(error('RB101', `\\${m[1]} is not an escape of the language: in a text write \\" for a quote, \\\\ for a backslash and \\n for a new line, and any other character as it is.`, tokenSpan(t)));
  }
  return found;
}

/**
 * Runs the parser; when a declaration nests too deeply (language/limits.ts), reports it
 * with RB102, leaves that declaration out and parses the rest again.
 */
function parseGuarded(tokens: IToken[], diagnostics: Diagnostic[]): { cst: CstNode; tokens: IToken[] } {
  for (;;) {
    rulesParser.input = tokens;
    try {
      return { cst: rulesParser.file(), tokens };
    } catch (caught) {
      // Chevrotain's error recovery uses more stack per rule than parsing does, so a deep
      // nest with errors in it can still overflow below the guard's depth: same diagnostic
      const e = caught instanceof RangeError ? new NestingTooDeep((rulesParser as unknown as { LA(i: number): IToken }).LA(1)) : caught;
      if (!(e instanceof NestingTooDeep)) throw e;
      diagnostics.push(nestingDiagnostic(Number.isNaN(e.token.startOffset) ? (tokens[tokens.length - 1] ? tokenSpan(tokens[tokens.length - 1]!) : FILE_START) : tokenSpan(e.token)));
      let at = tokens.indexOf(e.token);
      if (at < 0) at = tokens.length - 1;
      let start = at;
      while (start > 0 && !DECLARATION_STARTS.has(tokens[start]!.tokenType.name)) start--;
      let end = at + 1;
      while (end < tokens.length && !DECLARATION_STARTS.has(tokens[end]!.tokenType.name)) end++;
      tokens = [...tokens.slice(0, start), ...tokens.slice(end)];
    }
  }
}

/** Keywords that start a declaration: where parsing can safely start again. */
const DECLARATION_KEYWORDS = ['enum', 'record', 'input', 'parameter', 'period', 'define', 'table', 'reading', 'eligible', 'output', 'state', 'dated'];
// `unit` and `rate` start a declaration too, though they remain names elsewhere
const DECLARATION_STARTS = new Set([...DECLARATION_KEYWORDS.map((k) => `Kw_${k}`), 'Cx_unit', 'Cx_rate', 'Cx_ledger']);

function lexError(e: ILexingError): Diagnostic {
  const span: Span = {
    startOffset: e.offset, endOffset: e.offset + Math.max(1, e.length),
    startLine: e.line ?? 1, startColumn: e.column ?? 1, endLine: e.line ?? 1, endColumn: (e.column ?? 1) + Math.max(1, e.length),
  };
  const c = e.message.match(/->(.)<-/su)?.[1] ?? '?';
  // an invisible character (a Unicode line separator, a control) is named by its code point
  const shown = /^[\p{L}\p{N}\p{P}\p{S}]$/u.test(c) ? `"${c}"` : `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const hint = c === '\u2028' || c === '\u2029' ? ' Use an ordinary line break (Enter) instead of the Unicode separator.' : ' Remove it, or put text in "double quotes".';
  return error('RB100', `This character is not part of the language: ${shown}.${hint}`, span);
}

const FRIENDLY: Record<string, string> = {
  Identifier: 'a name', StringLit: 'a "quoted text"', NumberLit: 'a number', DateLit: 'a date like 31.12.2025',
  PercentLit: 'a percentage like 20%', Colon: '":"', Equals: '"="', RParen: '")"', LParen: '"("',
  RBracket: '"]"', RBrace: '"}"', Comma: '","', Pipe: '"|"', DoublePipe: '"||" between conditions and results',
  RowStart: 'a table row starting with "|"', Word: 'a name', EOF: 'the end of the file',
  Minus: '"-"', Dot: '"."', TimeLit: 'a time like 23:30', ZoneLit: 'a time zone like Europe/Moscow', Citation: 'a clause like §4.1',
};

function friendlyToken(name: string): string {
  if (name.startsWith('Kw_') || name.startsWith('Cx_')) return `"${name.slice(3)}"`;
  return FRIENDLY[name] ?? name;
}

/** Tokens that begin a new declaration, rule case, requirement or table row. */
const LINE_STARTERS = new Set(['EOF', 'RowStart', ...['program', ...DECLARATION_KEYWORDS, 'rule', 'require', 'otherwise', 'default', 'option', 'alternative'].map((k) => `Kw_${k}`)]);

function parseError(e: IRecognitionException): Diagnostic {
  const t = e.token;
  const found = t.tokenType?.name === 'EOF' ? 'the end of the file' : t.image.startsWith('"') ? t.image : `"${t.image}"`;
  // Chevrotain writes expected tokens as `--> RParen <--` (mismatch) or `[Kw_not]` (no viable alternative)
  const raw = [...new Set([...e.message.matchAll(/(?:-->\s*|\[)([A-Za-z_]+)(?:\s*<--|\])/g)].map((m) => m[1]!))];
  // an expression may start with any of ~30 tokens; listing six of them helps nobody
  const expected = raw.includes('NumberLit') && raw.includes('Identifier') ? ['a value or expression'] : raw.map(friendlyToken);
  // When the offending token starts a later line, the problem is at the end of the previous line
  // (a missing value or a missing `)`): point just after the last token of that line.
  const prev = (e as unknown as { previousToken?: IToken }).previousToken;
  const prevOk = prev && !Number.isNaN(prev.startOffset) && prev.image !== undefined && !prev.isInsertedInRecovery;
  const startsLine = Number.isNaN(t.startOffset) || LINE_STARTERS.has(t.tokenType?.name ?? '');
  const lineEnded = prevOk && startsLine && (Number.isNaN(t.startOffset) || (t.startLine ?? 0) > (prev!.endLine ?? prev!.startLine ?? 0));
  const after = lineEnded ? `after "${prev!.image}"` : '';
  let message: string;
  if (e.name === 'MismatchedTokenException' && raw[0] !== 'EOF') {
    message = lineEnded ? `Expected ${expected[0] ?? 'more'} ${after}, but ${Number.isNaN(t.startOffset) ? 'the file' : 'the line'} ends there.` : `Expected ${expected[0] ?? 'something else'} but found ${found}${raw[0] === 'Identifier' && t.tokenType?.name.startsWith('Kw_') ? ', a reserved word of the language; choose another name' : ''}.`;
  } else if (e.name === 'NotAllInputParsedException' || (e.name === 'MismatchedTokenException' && raw[0] === 'EOF')) {
    const hint = t.image === ',' ? ' To test several values write `x is one of a, b`.' : '';
    message = `Unexpected ${found}: a declaration (define, table, output, …) should start here.${hint}`;
  } else {
    const list = expected.slice(0, 6).join(', ');
    message = lineEnded
      ? `Expected ${list ? (expected.length > 1 ? `one of: ${list}` : list) : 'more'} ${after}, but ${Number.isNaN(t.startOffset) ? 'the file' : 'the line'} ends there.`
      : `Unexpected ${found}${list ? `; expected ${expected.length > 1 ? 'one of: ' : ''}${list}` : ''}.`;
  }
  const span = lineEnded ? pointAfter(prev!) : Number.isNaN(t.startOffset) ? lastTokenSpan(e) : tokenSpan(t);
  return error('RB101', message, span);
}

/** A one-character span just after a token (where something is missing). */
function pointAfter(t: IToken): Span {
  const s = tokenSpan(t);
  return { startOffset: s.endOffset, endOffset: s.endOffset + 1, startLine: s.endLine, startColumn: s.endColumn, endLine: s.endLine, endColumn: s.endColumn + 1 };
}

function lastTokenSpan(e: IRecognitionException): Span {
  const prev = (e as unknown as { previousToken?: { image: string; startOffset: number } }).previousToken;
  if (prev && !Number.isNaN(prev.startOffset)) return tokenSpan(prev);
  return { startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
}
