/**
 * Stage 1: source text -> AST plus syntax diagnostics. Lexing and parsing errors are
 * collected (recovery is on) rather than thrown.
 */
import type { IRecognitionException, ILexingError } from 'chevrotain';
import { rulesLexer } from './tokens.js';
import { rulesParser } from './parser.js';
import { fileToAst } from './to-ast.js';
import type { RulesFile } from './ast.js';
import { error, type Diagnostic } from './diagnostics.js';
import { tokenSpan, type Span } from './span.js';

export interface ParseResult { ast: RulesFile; diagnostics: Diagnostic[] }

/** Parses a whole .rules file. Never throws on bad input. */
export function parse(source: string): ParseResult {
  const lexed = rulesLexer.tokenize(source);
  const diagnostics: Diagnostic[] = lexed.errors.map(lexError);
  rulesParser.input = lexed.tokens;
  const cst = rulesParser.file();
  diagnostics.push(...rulesParser.errors.map(parseError));
  const ast = fileToAst(cst);
  return { ast, diagnostics };
}

function lexError(e: ILexingError): Diagnostic {
  const span: Span = {
    startOffset: e.offset, endOffset: e.offset + Math.max(1, e.length),
    startLine: e.line ?? 1, startColumn: e.column ?? 1, endLine: e.line ?? 1, endColumn: (e.column ?? 1) + Math.max(1, e.length),
  };
  return error('RB100', `This character is not part of the language: "${e.message.match(/->(.)<-/)?.[1] ?? '?'}". Remove it, or put text in "double quotes".`, span);
}

const FRIENDLY: Record<string, string> = {
  Identifier: 'a name', StringLit: 'a "quoted text"', NumberLit: 'a number', DateLit: 'a date like 31.12.2025',
  PercentLit: 'a percentage like 20%', Colon: '":"', Equals: '"="', RParen: '")"', LParen: '"("',
  RBracket: '"]"', RBrace: '"}"', Comma: '","', Pipe: '"|"', DoublePipe: '"||" between conditions and results',
  RowStart: 'a table row starting with "|"', Word: 'a name', EOF: 'the end of the file',
};

function friendlyToken(name: string): string {
  if (name.startsWith('Kw_')) return `"${name.slice(3)}"`;
  return FRIENDLY[name] ?? name;
}

function parseError(e: IRecognitionException): Diagnostic {
  const t = e.token;
  const found = t.tokenType?.name === 'EOF' ? 'the end of the file' : `"${t.image}"`;
  const expected = [...new Set((e.message.match(/<\[?([A-Za-z_]+)\]?>/g) ?? []).map((m) => friendlyToken(m.replace(/[<>[\]]/g, ''))))];
  let message: string;
  if (e.name === 'MismatchedTokenException') {
    message = `Expected ${expected[0] ?? 'something else'} but found ${found}.`;
  } else if (e.name === 'NotAllInputParsedException') {
    message = `Unexpected ${found}: a declaration (define, table, output, …) should start here.`;
  } else {
    const list = expected.slice(0, 6).join(', ');
    message = `Unexpected ${found}${list ? `; expected one of: ${list}` : ''}.`;
  }
  const span = Number.isNaN(t.startOffset) ? lastTokenSpan(e) : tokenSpan(t);
  return error('RB101', message, span);
}

function lastTokenSpan(e: IRecognitionException): Span {
  const prev = (e as unknown as { previousToken?: { image: string; startOffset: number } }).previousToken;
  if (prev && !Number.isNaN(prev.startOffset)) return tokenSpan(prev);
  return { startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
}
