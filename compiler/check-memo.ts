/**
 * Incremental checking for the playground's edit loop: the checker's results per
 * declaration, kept from the last compile and reused when checking the declaration again
 * would give the same results.
 *
 * Exactness argument. Checking a declaration (check-decls.ts `checkSymbol`) is a function of
 * - its own source text (the AST, and the text `textOf` slices for explanations), and its
 *   line and column (the artifact's spans are lines and columns; offsets only reach the
 *   diagnostics, which are moved by the offset delta);
 * - the program apart from the bodies of values, tables, eligibility rules, outputs,
 *   histories and ledgers: the header's AST without its spans, every other declaration's AST
 *   without its spans (records, enums, inputs, readings, dated tables, units, rates: a
 *   comment or a line break in one changes none of them, and no check reads another
 *   declaration's place), and the name, kind, parameters and declared type of the others
 *   (the `env` key). Another declaration's check reads a history or a ledger only through
 *   its symbol (kind, parameters, declared type) and the answers below (its type and
 *   history key), never its rules or entries, so a new figure in a `state` or `ledger`
 *   re-checks it alone, as one in a `define` does; a dated table's rows and a rate's
 *   figures are read by the checks that use them, so those stay in the key;
 * - the answers of `typeOfSymbol`, `historyKey` and `dateParameter` (a version date written
 *   as a date parameter reads that parameter's body) about other names, in the order it asked
 *   (`reads`; asking checks those names first, so the nested checks happen in the same order
 *   as in a full check).
 * A kept entry is reused only when all three are equal: the reads are asked again in their
 * order and compared; at the first difference the declaration is checked afresh (the names
 * asked so far are checked already, exactly as a full check would have done). Entries whose
 * diagnostics lie outside their own declaration are not kept, so the final sort by offset
 * orders reused and fresh diagnostics as a full check does.
 * test/compiler/incremental-check.test.ts compares it with a full compile over random edits.
 */
import type * as A from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostics.js';
import type { Span } from '../language/span.js';
import type { Definition, OutputIR, Ty } from '../runtime/ir.js';
import type { Resolved, Symbol } from './resolve.js';
import { detached } from '../language/detached.js';

/** What checking one declaration produced. */
export interface CheckedDecl {
  definition?: Definition;
  output?: OutputIR;
  type?: Ty;
  deps: Set<string>;
  diagnostics: Diagnostic[];
}

/** What a declaration's check asks about another name: its type (`t`), history key (`h`) or, for a date parameter, its written date (`d`). */
export type ReadKind = 't' | 'h' | 'd';
type Read = { kind: ReadKind; name: string; answer: string };

interface Entry extends CheckedDecl { text: string; line: number; column: number; offset: number; env: string; reads: Read[] }

interface Frame { reads: Read[]; diagnosticsFrom: number }

/** Declarations whose bodies only reach others through their symbol, their checked type and their history key. */
const BODY_KINDS: ReadonlySet<string> = new Set(['value', 'table', 'eligible', 'output', 'history', 'ledger']);
/** Symbols the checker checks (the others only have a declared shape). */
const CHECKED_KINDS: ReadonlySet<string> = new Set(['value', 'table', 'eligible', 'output', 'history', 'dated', 'ledger']);

const typeKeys = new WeakMap<object, string>();
/** A type as text, remembered per type object (kept definitions keep their type objects). */
function typeKey(t: Ty | undefined): string {
  if (!t) return '';
  let k = typeKeys.get(t);
  if (k === undefined) typeKeys.set(t, (k = JSON.stringify(t)));
  return k;
}

/** The answer to a read, as text (what `recall`'s `ask` returns). */
export function readAnswer(kind: ReadKind, value: Ty | string | undefined): string {
  return kind === 't' ? typeKey(value as Ty) : String(value);
}

/** The checker's memory between compiles; one per editor, given to `compile` (compiler/compile.ts) as `memo`. */
export class CheckMemo {
  private kept = new Map<string, Entry>();
  private next = new Map<string, Entry>();
  private env = '';
  private source = '';
  private frames: Frame[] = [];
  /** A declaration's text -> that text (kept: detached.ts) and its AST without spans as text, from the last check (most declarations keep their text). */
  private shapes = new Map<string, { text: string; shape: string }>();
  private claimed = new Set<Diagnostic>();
  /** How many declarations the last check reused and checked afresh (for the bench and the tests). */
  stats = { reused: 0, checked: 0 };

  /** Starts a check of `file`; `r` is its resolution. */
  begin(file: A.RulesFile, r: Resolved, source: string): void {
    this.source = source;
    this.next = new Map();
    this.frames = [];
    this.claimed = new Set();
    this.stats = { reused: 0, checked: 0 };
    // the header as written, without its places: a comment above the first declaration changes nothing
    const parts: string[] = [JSON.stringify(r.program), String(r.calendarDeclared), JSON.stringify(file.header ?? null, withoutSpans)];
    const shapes = new Map<string, { text: string; shape: string }>();
    for (const d of file.declarations) {
      const name = (d as { name?: A.Name }).name?.text ?? '';
      if (BODY_KINDS.has(d.kind)) {
        const s = r.symbols.get(name) as { kind: string; params?: unknown; declaredType?: Ty } | undefined;
        parts.push(`${d.kind} ${name} ${s?.kind ?? ''} ${JSON.stringify(s?.params ?? null)} ${typeKey(s?.declaredType)}`);
      } else {
        const text = `${d.kind} ${source.slice(d.span.startOffset, d.span.endOffset)}`;
        // the key kept is the last check's text, or a copy: not a piece of this whole source
        const known = shapes.get(text) ?? this.shapes.get(text) ?? { text: detached(text), shape: JSON.stringify(d, withoutSpans) };
        shapes.set(known.text, known);
        parts.push(known.shape);
      }
    }
    this.shapes = shapes;
    // the kept entries hold the last compile's string: keep that very string when it is equal,
    // so `recall` compares them by identity instead of character by character, once per declaration
    const env = parts.join('\u0000');
    if (env !== this.env) this.env = env;
  }

  /** Ends the check: what it produced is what the next one compares with. */
  end(): void {
    this.kept = this.next;
    this.frames = [];
  }

  /**
   * The kept results of `name`, when still valid (moved to this text's offsets), else
   * undefined. `ask` answers a read as the check would (checking the name first if needed).
   */
  recall(name: string, sym: Symbol, ask: (kind: ReadKind, name: string) => string): CheckedDecl | undefined {
    if (!CHECKED_KINDS.has(sym.kind) || !('decl' in sym)) return undefined;
    const e = this.kept.get(name);
    const span = sym.decl.span;
    if (!e || e.env !== this.env || e.line !== span.startLine || e.column !== span.startColumn) return undefined;
    if (e.text.length !== span.endOffset - span.startOffset || e.text !== this.source.slice(span.startOffset, span.endOffset)) return undefined;
    for (const read of e.reads) if (ask(read.kind, read.name) !== read.answer) return undefined;
    const delta = span.startOffset - e.offset;
    const diagnostics = delta === 0 ? e.diagnostics : e.diagnostics.map((d) => moved(d, delta));
    for (const d of diagnostics) this.claimed.add(d);
    this.next.set(name, { ...e, offset: span.startOffset, diagnostics });
    this.stats.reused++;
    return { ...e, diagnostics };
  }

  /** A fresh check of a declaration starts; `diagnostics` is the checker's list so far. */
  enter(diagnostics: Diagnostic[]): void {
    this.frames.push({ reads: [], diagnosticsFrom: diagnostics.length });
  }

  /** The declaration being checked asked about `name` and got `answer` (a type or a history key). */
  read(kind: ReadKind, name: string, answer: Ty | string | undefined): void {
    const f = this.frames[this.frames.length - 1];
    if (f) f.reads.push({ kind, name, answer: readAnswer(kind, answer) });
  }

  /** The fresh check of `name` ended with `result`; its own diagnostics are those of `all` no nested check claimed. */
  leave(name: string, sym: Symbol, all: Diagnostic[], result: Omit<CheckedDecl, 'diagnostics'>): void {
    const f = this.frames.pop()!;
    const own = all.slice(f.diagnosticsFrom).filter((d) => !this.claimed.has(d));
    for (const d of own) this.claimed.add(d);
    if (!CHECKED_KINDS.has(sym.kind) || !('decl' in sym)) return;
    this.stats.checked++;
    const span = sym.decl.span;
    // a diagnostic elsewhere would not move with this declaration, nor sort the same way
    if (own.some((d) => d.span.startOffset < span.startOffset || d.span.endOffset > span.endOffset)) return;
    this.next.set(name, {
      ...result, diagnostics: own, text: detached(this.source.slice(span.startOffset, span.endOffset)), line: span.startLine, column: span.startColumn,
      offset: span.startOffset, env: this.env, reads: f.reads,
    });
  }
}

/** JSON.stringify's replacer dropping every span (`span`, `timeSpan`, …). */
function withoutSpans(key: string, value: unknown): unknown {
  return key === 'span' || key.endsWith('Span') ? undefined : value;
}

/** A diagnostic moved by `delta` characters on its lines. */
function moved(d: Diagnostic, delta: number): Diagnostic {
  const s: Span = d.span;
  return { ...d, span: { ...s, startOffset: s.startOffset + delta, endOffset: s.endOffset + delta } };
}
