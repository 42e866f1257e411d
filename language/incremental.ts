/**
 * The playground's parser: re-lexes and re-parses only the declarations an edit can have
 * changed and reuses the AST of the others, so a keystroke in a long program costs a few
 * declarations' lexing and parsing instead of the whole file's.
 *
 * Exactness argument. The grammar is `file = header? declaration*`, and a parse without
 * errors is a deterministic function of the token sequence. After the last parse without a
 * diagnostic we keep its text and, per top-level declaration, its AST, where its first token
 * is, how many tokens it spans and `reach`: the last character of the last token its parse
 * may have read (LOOKAHEAD tokens past its own end). For the new text:
 * - Lexing a token reads at most READ_PAST characters past its last one, and never past a
 *   line break except for the one character after it (`5`, a line break, then `%` would be a
 *   percentage; comments, strings, numbers, dates, names stop at a line break). So the old
 *   tokens that end READ_PAST characters before the first changed one are the new text's
 *   tokens too; a declaration whose `reach` lies there read only those and is reused as it
 *   is (so is the header).
 * - The text is lexed again from the first declaration not reused (a place where the old
 *   lexer started a token, with unchanged text before it: the new one does too) up to a
 *   declaration start `E2` in the unchanged tail of the text, right after a line break, with
 *   at least LOOKAHEAD + 1 tokens between the tail's first kept declaration `E1` and `E2` (or
 *   to the end). Every token before `E2` reads no further than `E2`'s first character, which
 *   is a declaration's first letter in the whole text and the end in the slice: no pattern
 *   tells them apart there (only `%` after a number and a line break is asked for), so the
 *   slice's tokens are the whole text's.
 * - From there the parser runs on those tokens one declaration at a time, as `file` would
 *   (rule `declarationAt`, same rule depth), until it stands at `E1`, an old declaration
 *   start right after an unchanged line break: from there on the text is the old text, the
 *   lexer starts a line there in both, so the tokens are the old ones moved by one offset and
 *   line delta (same columns), and the old ASTs are reused with their spans shifted
 *   (language/moved.ts, lazily). A parse
 *   that runs into the slice's end before `E2` is the end of the file gives up.
 * Anything else (a lexing or syntax error, a diagnostic of any kind, an edit in what the
 * header's parse read, an empty file) takes the full parse, so diagnostics are always exactly
 * the full parse's; a text with diagnostics is not kept, so the next edit is compared with
 * the last clean text. test/language/incremental.test.ts compares both on random edits of
 * every program.
 */
import type { IToken, CstNode } from 'chevrotain';
import type * as A from './ast.js';
import { rulesLexer } from './tokens.js';
import { rulesParser } from './parser.js';
import { parseFile, unknownEscapes, type ParseResult } from './parse.js';
import { declarationToAst } from './to-ast.js';
import { dropTooDeep } from './limits.js';
import { isLineBreakChar } from './lines.js';
import { movedDecl } from './moved.js';
import { detached } from './detached.js';
import { FILE_START, type Span } from './span.js';

/** Tokens past a declaration's last one that its parse may have read (maxLookahead 4, with margin). */
const LOOKAHEAD = 8;
/** Characters past a token's last one that lexing it may have read (at most 7: `1.12` then `.2025` and one more), with margin. */
const READ_PAST = 16;

/** One top-level declaration of the kept parse. */
interface KeptDecl {
  ast: A.Declaration;
  /** Offset, line and column of its first token. */
  start: number; line: number; column: number;
  /** Tokens from its first one to the next declaration's first one (or the end). */
  count: number;
  /** Offset of the last character of the last token its parse may have read; Infinity when that is the end. */
  reach: number;
}

interface Kept {
  source: string;
  header: A.ProgramHeader | undefined;
  /** `reach` of the header, or of the first LOOKAHEAD tokens when there is none. */
  headerReach: number;
  /** Where the file's first token starts and its last one ends (the file's span). */
  first: { startOffset: number; startLine: number; startColumn: number };
  last: { endOffset: number; endLine: number; endColumn: number };
  decls: KeptDecl[];
}

/** What the last parse did, for the bench and the tests: declarations parsed and reused, characters lexed. */
export interface IncrementalStats { full: boolean; reparsed: number; reused: number; lexed: number }

/** A parser that remembers its last clean parse; one per editor (it is not shared state). */
export class IncrementalParser {
  private kept: Kept | undefined;
  /** What the last call did. */
  stats: IncrementalStats = { full: true, reparsed: 0, reused: 0, lexed: 0 };

  /** Parses `source`: the same result as `parse(source)`, reusing what the last parse can lend. */
  parse(source: string): ParseResult {
    let quick: ParseResult | undefined;
    try {
      quick = this.kept ? this.reuse(source) : undefined;
    } catch {
      quick = undefined; // never worse than the full parse
    }
    return quick ?? this.full(source);
  }

  private full(source: string): ParseResult {
    const r = parseFile(source);
    this.stats = { full: true, reparsed: r.ast.declarations.length, reused: 0, lexed: source.length };
    const cstDecls = (r.cst.children.declaration ?? []) as CstNode[];
    this.kept = undefined;
    // a broken text is not kept: the next edit is compared with the last clean one (any clean parse will do)
    if (r.diagnostics.length || cstDecls.length !== r.ast.declarations.length || !cstDecls.length) return { ast: r.ast, diagnostics: r.diagnostics };
    const tokens = r.tokens, n = tokens.length;
    const starts = cstDecls.map((c) => indexAt(tokens, c.location?.startOffset ?? NaN));
    if (starts.some((s) => s < 0)) return { ast: r.ast, diagnostics: r.diagnostics };
    const reachOf = (lastIndex: number) => (lastIndex + LOOKAHEAD < n ? tokens[lastIndex + LOOKAHEAD]!.endOffset! : Infinity);
    const decls = starts.map((s, i): KeptDecl => {
      const next = i + 1 < starts.length ? starts[i + 1]! : n;
      const t = tokens[s]!;
      return { ast: r.ast.declarations[i]!, start: t.startOffset, line: t.startLine!, column: t.startColumn!, count: next - s, reach: reachOf(next - 1) };
    });
    this.kept = { source, header: r.ast.header, headerReach: reachOf(starts[0]! - 1), first: startOf(tokens[0]!), last: endOf(tokens[n - 1]!), decls };
    return { ast: r.ast, diagnostics: r.diagnostics };
  }

  /** The incremental parse, or undefined when only a full parse gives the exact answer. */
  private reuse(source: string): ParseResult | undefined {
    const old = this.kept!, before = old.source, n = old.decls.length;
    const p = commonPrefix(before, source);
    const suffix = commonSuffix(before, source, p);
    const delta = source.length - before.length;
    // tokens ending before `safe` are unchanged (see the argument above)
    const safe = p - READ_PAST;
    if (old.headerReach >= safe) return undefined;
    let k = 0;
    while (k < n && old.decls[k]!.reach < safe) k++;
    if (k === n) return undefined; // not reached: the last declaration reads to the end
    // E1: the first old declaration right after a line break in the unchanged tail; E2: far enough past it
    const tailFrom = before.length - suffix;
    let m = k + 1;
    while (m < n && !(old.decls[m]!.start - 1 >= tailFrom && isLineBreakChar(before[old.decls[m]!.start - 1]))) m++;
    let m2 = m, between = 0;
    while (m2 < n && (m2 === m || between <= LOOKAHEAD || !isLineBreakChar(before[old.decls[m2]!.start - 1]))) between += old.decls[m2++]!.count;
    const e1 = m < n ? old.decls[m]!.start + delta : -1;
    const e2 = m2 < n ? old.decls[m2]!.start + delta : source.length;
    const from = old.decls[k]!;
    const tokens = lexSlice(source, from, e2);
    if (!tokens?.length) return undefined;
    const decls = old.decls.slice(0, k);
    let at = 0, reparsed = 0, last: Kept['last'] | undefined;
    while (at < tokens.length) {
      if (tokens[at]!.startOffset === e1) {
        const lineDelta = tokens[at]!.startLine! - old.decls[m]!.line;
        for (let j = m; j < n; j++) {
          const d = old.decls[j]!;
          decls.push({ ...d, ast: movedDecl(d.ast, delta, lineDelta), start: d.start + delta, line: d.line + lineDelta, reach: d.reach + delta });
        }
        last = { endOffset: old.last.endOffset + delta, endLine: old.last.endLine + lineDelta, endColumn: old.last.endColumn };
        break;
      }
      const one = parseOne(tokens, at);
      const lastIndex = at + (one?.consumed ?? 0) - 1;
      // a declaration running to the slice's end, or read past it, may go on in the text after it
      if (!one || (e2 < source.length && lastIndex + LOOKAHEAD >= tokens.length)) return undefined;
      const t = tokens[at]!;
      decls.push({ ast: one.decl, start: t.startOffset, line: t.startLine!, column: t.startColumn!, count: one.consumed, reach: lastIndex + LOOKAHEAD < tokens.length ? tokens[lastIndex + LOOKAHEAD]!.endOffset! : Infinity });
      at += one.consumed;
      reparsed++;
    }
    last ??= endOf(tokens[tokens.length - 1]!);
    this.kept = { source, header: old.header, headerReach: old.headerReach, first: old.first, last, decls };
    this.stats = { full: false, reparsed, reused: decls.length - reparsed, lexed: e2 - from.start };
    // the keys in a full parse's order (language/cst.ts `spanOf`)
    const span: Span = { startOffset: old.first.startOffset, endOffset: last.endOffset, startLine: old.first.startLine, startColumn: old.first.startColumn, endLine: last.endLine, endColumn: last.endColumn };
    return { ast: { span, header: old.header, declarations: decls.map((d) => d.ast) }, diagnostics: [] };
  }
}

/** Lexes `source` from the first token of `from` up to `end`: tokens placed in the whole text, or undefined on a lexing error. */
function lexSlice(source: string, from: KeptDecl, end: number): IToken[] | undefined {
  // from a copy of the slice: the tokens' images, and the AST, are kept past this text (detached.ts)
  const lexed = rulesLexer.tokenize(detached(source.slice(from.start, end)));
  // a lexing error, or a text with an unknown escape: the full parse reports it
  if (lexed.errors.length || unknownEscapes(lexed.tokens).length) return undefined;
  const lines = from.line - 1, columns = from.column - 1;
  for (const t of lexed.tokens) {
    // Chevrotain counts lines and columns from the slice's start: its first line starts at `from`'s column
    if (t.startLine === 1) t.startColumn! += columns;
    if (t.endLine === 1) t.endColumn! += columns;
    t.startOffset += from.start; t.endOffset! += from.start;
    t.startLine! += lines; t.endLine! += lines;
  }
  return lexed.tokens;
}

/** Parses the declaration starting at token `at`; undefined on any error or limit. */
function parseOne(tokens: IToken[], at: number): { decl: A.Declaration; consumed: number } | undefined {
  let cst: CstNode;
  try {
    rulesParser.input = tokens.slice(at);
    cst = rulesParser.declarationAt();
  } catch {
    return undefined; // the nesting guard (language/limits.ts): the full parse reports it
  }
  // Chevrotain's index of the last token consumed (not in its typings; BACKTRACK uses it)
  const consumed = (rulesParser as unknown as { exportLexerState(): number }).exportLexerState() + 1;
  const more = at + consumed < tokens.length;
  // the tokens after this declaration are not part of it: Chevrotain says so, nothing else may be wrong
  if (rulesParser.errors.length !== (more ? 1 : 0) || (more && rulesParser.errors[0]!.name !== 'NotAllInputParsedException')) return undefined;
  const inner = (cst.children.declaration?.[0]) as CstNode | undefined;
  const decl = inner && consumed > 0 ? declarationToAst(inner) : undefined;
  if (!decl) return undefined;
  const file: A.RulesFile = { span: FILE_START, declarations: [decl] };
  if (dropTooDeep(file).length) return undefined;
  return { decl, consumed };
}


/** The index of the token starting at `offset`, or -1. */
function indexAt(tokens: IToken[], offset: number): number {
  let lo = 0, hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1, o = tokens[mid]!.startOffset;
    if (o === offset) return mid;
    if (o < offset) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

function startOf(t: IToken): Kept['first'] {
  return { startOffset: t.startOffset, startLine: t.startLine!, startColumn: t.startColumn! };
}

/** Where a token ends, as a span's end (exclusive). */
function endOf(t: IToken): Kept['last'] {
  return { endOffset: t.endOffset! + 1, endLine: t.endLine!, endColumn: t.endColumn! + 1 };
}

/** How many leading characters two texts share. */
function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** How many trailing characters two texts share, leaving their first `prefix` alone. */
function commonSuffix(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let i = 0;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}
