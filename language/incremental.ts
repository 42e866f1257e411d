/**
 * The playground's parser: re-parses only the declarations an edit can have changed and
 * reuses the AST of the others, so a keystroke in a long program costs one declaration's
 * parse instead of the whole file's (the CST and its conversion are most of a compile).
 *
 * Exactness argument. The grammar is `file = header? declaration*`, and a parse without
 * errors is a deterministic function of the token sequence. After the last parse without a
 * diagnostic we keep its tokens and, per top-level declaration, its first token and AST.
 * For the new text (lexed in full):
 * - a leading declaration is reused when the new tokens equal the old ones (type, text and
 *   position) from the file's start to LOOKAHEAD tokens past its end: every token the parser
 *   read while parsing it (LL(4) lookahead, gates reading LA(2) at most) is unchanged;
 * - from there the parser runs on the new tokens one declaration at a time, as `file` would
 *   (rule `declarationAt`, same rule depth), until it stands at a declaration start that
 *   aligns with an old declaration start inside the common tail of tokens (same types and
 *   texts, positions shifted by one offset and line delta, same columns): from there on a full
 *   parse would read the same tokens in the same state, so the old ASTs are reused with
 *   their spans shifted.
 * Anything else (a lexing or syntax error, a diagnostic of any kind, an edit in the header, an
 * empty file) takes the full parse, so diagnostics are always exactly the full parse's; a
 * text with diagnostics is not kept, so the next edit is compared with the last clean text.
 * test/language/incremental.test.ts compares both on random edits of every program.
 */
import type { IToken, CstNode } from 'chevrotain';
import type * as A from './ast.js';
import { rulesLexer } from './tokens.js';
import { rulesParser } from './parser.js';
import { parseFile, type ParseResult } from './parse.js';
import { declarationToAst } from './to-ast.js';
import { dropTooDeep } from './limits.js';
import { FILE_START, type Span } from './span.js';

/** Tokens past a declaration's last one that its parse may have read (maxLookahead 4, with margin). */
const LOOKAHEAD = 8;

interface Kept {
  tokens: IToken[];
  header: A.ProgramHeader | undefined;
  /** Per top-level declaration: index of its first token, and its AST. */
  starts: number[];
  decls: A.Declaration[];
}

/** What the last parse did, for the bench and the tests. */
export interface IncrementalStats { full: boolean; reparsed: number; reused: number }

/** A parser that remembers its last clean parse; one per editor (it is not shared state). */
export class IncrementalParser {
  private kept: Kept | undefined;
  /** What the last call did. */
  stats: IncrementalStats = { full: true, reparsed: 0, reused: 0 };

  /** Parses `source`: the same result as `parse(source)`, reusing what the last parse can lend. */
  parse(source: string): ParseResult {
    const lexed = this.kept ? rulesLexer.tokenize(source) : undefined;
    let quick: ParseResult | undefined;
    try {
      quick = lexed && !lexed.errors.length ? this.reuse(lexed.tokens) : undefined;
    } catch {
      quick = undefined; // never worse than the full parse
    }
    return quick ?? this.full(source);
  }

  private full(source: string): ParseResult {
    const r = parseFile(source);
    this.stats = { full: true, reparsed: r.ast.declarations.length, reused: 0 };
    const cstDecls = (r.cst.children.declaration ?? []) as CstNode[];
    // a broken text is not kept: the next edit is compared with the last clean one (any clean parse will do)
    if (r.diagnostics.length || cstDecls.length !== r.ast.declarations.length) return { ast: r.ast, diagnostics: r.diagnostics };
    this.kept = undefined;
    const starts = cstDecls.map((n) => indexAt(r.tokens, n.location?.startOffset ?? NaN));
    if (starts.every((s) => s >= 0)) this.kept = { tokens: r.tokens, header: r.ast.header, starts, decls: [...r.ast.declarations] };
    return { ast: r.ast, diagnostics: r.diagnostics };
  }

  /** The incremental parse, or undefined when only a full parse gives the exact answer. */
  private reuse(tokens: IToken[]): ParseResult | undefined {
    const old = this.kept!;
    const n = old.starts.length, oldLen = old.tokens.length, newLen = tokens.length;
    if (!n || !newLen) return undefined;
    const prefix = commonPrefix(old.tokens, tokens);
    const covered = (end: number) => end + LOOKAHEAD <= prefix || (prefix === oldLen && prefix === newLen);
    if (!covered(old.starts[0]!)) return undefined; // the header (or what precedes the first declaration) changed
    let k = 0;
    while (k < n && covered(k + 1 < n ? old.starts[k + 1]! : oldLen)) k++;
    const tail = commonTail(old.tokens, tokens);
    const delta = newLen - oldLen;
    const startOf = new Map(old.starts.map((s, i) => [s, i]));
    const decls = old.decls.slice(0, k), starts = old.starts.slice(0, k);
    let at = k < n ? old.starts[k]! : oldLen;
    let reparsed = 0;
    while (at < newLen) {
      const aligned = at >= newLen - tail.length ? startOf.get(at - delta) : undefined;
      if (aligned !== undefined) {
        for (let j = aligned; j < n; j++) { decls.push(shifted(old.decls[j]!, tail.offset, tail.line)); starts.push(old.starts[j]! + delta); }
        break;
      }
      const one = parseOne(tokens, at);
      if (!one) return undefined;
      decls.push(one.decl); starts.push(at);
      at += one.consumed;
      reparsed++;
    }
    this.kept = { tokens, header: old.header, starts, decls };
    this.stats = { full: false, reparsed, reused: decls.length - reparsed };
    const first = tokens[0]!, last = tokens[newLen - 1]!;
    const span: Span = {
      startOffset: first.startOffset, endOffset: last.endOffset! + 1, startLine: first.startLine!, startColumn: first.startColumn!,
      endLine: last.endLine!, endColumn: last.endColumn! + 1,
    };
    return { ast: { span, header: old.header, declarations: [...decls] }, diagnostics: [] };
  }
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

/** How many leading tokens are the same token at the same place. */
function commonPrefix(a: IToken[], b: IToken[]): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max) {
    const x = a[i]!, y = b[i]!;
    if (x.tokenType !== y.tokenType || x.image !== y.image || x.startOffset !== y.startOffset || x.startLine !== y.startLine || x.startColumn !== y.startColumn) break;
    i++;
  }
  return i;
}

/** The trailing tokens that are the same tokens moved by one offset and line delta, columns unchanged. */
function commonTail(a: IToken[], b: IToken[]): { length: number; offset: number; line: number } {
  const max = Math.min(a.length, b.length);
  if (!max) return { length: 0, offset: 0, line: 0 };
  const offset = b[b.length - 1]!.startOffset - a[a.length - 1]!.startOffset;
  const line = b[b.length - 1]!.startLine! - a[a.length - 1]!.startLine!;
  let i = 0;
  while (i < max) {
    const x = a[a.length - 1 - i]!, y = b[b.length - 1 - i]!;
    if (x.tokenType !== y.tokenType || x.image !== y.image || y.startOffset - x.startOffset !== offset || y.startLine! - x.startLine! !== line || x.startColumn !== y.startColumn) break;
    i++;
  }
  return { length: i, offset, line };
}

/** A copy of an AST with every span moved by `offset` characters and `line` lines (columns unchanged). */
function shifted<T>(node: T, offset: number, line: number): T {
  return offset === 0 && line === 0 ? node : (shiftCopy(node, offset, line) as T);
}

function shiftCopy(v: unknown, offset: number, line: number): unknown {
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) { const x: unknown = v[i]; out[i] = x !== null && typeof x === 'object' ? shiftCopy(x, offset, line) : x; }
    return out;
  }
  if (v === FILE_START) return v;
  const o = v as Record<string, unknown>;
  if (typeof o.startOffset === 'number' && typeof o.startLine === 'number') {
    // spread first: the keys keep their order, so the artifact's JSON text is the full compile's too
    return { ...o, startOffset: o.startOffset + offset, endOffset: (o.endOffset as number) + offset, startLine: o.startLine + line, endLine: (o.endLine as number) + line };
  }
  const out: Record<string, unknown> = {};
  for (const key in o) { const x = o[key]; out[key] = x !== null && typeof x === 'object' ? shiftCopy(x, offset, line) : x; }
  return out;
}
