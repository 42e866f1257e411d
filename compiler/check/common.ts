/**
 * What every checker module shares: the result of checking an expression (its IR and
 * type), the checking context, and how a module reports a diagnostic.
 */
import type { Diagnostic, DiagnosticCode } from '../../language/diagnostics.js';
import { error } from '../../language/diagnostics.js';
import type { Span } from '../../language/span.js';
import type { Expr, Ty, SourceSpan } from '../../runtime/ir.js';
import type { Resolved } from '../resolve.js';
import { T } from '../types.js';

/** The result of checking an expression: its IR and its type. */
export interface Checked { ir: Expr; type: Ty }

/** What the checker modules share while checking one program. */
export interface CheckContext {
  r: Resolved;
  diagnostics: Diagnostic[];
  /** The type of a top-level definition, checking it on demand. */
  typeOfSymbol(name: string): Ty;
  /** Money rounding scale (digits after the point) of the program. */
  moneyScale: number;
  /** Whether a history is kept by day or by instant (checking it on demand). */
  historyKey?(name: string): 'day' | 'ms' | undefined;
  /** The source text of a span, whitespace folded (for explanations). */
  textOf(span: Span): string;
  /** `dateParameterText`, told to the checker's memo (compiler/check-memo.ts): a version date reads another declaration's body. */
  dateParameter?(name: string): string | undefined;
}

/** The date a date parameter is written with (`parameter switch_day: date = 01.01.2026`); undefined for any other name. */
export function dateParameterText(r: Resolved, name: string): string | undefined {
  const sym = r.symbols.get(name);
  return sym?.kind === 'value' && sym.decl.keyword === 'parameter' && sym.decl.body?.kind === 'date' && !sym.params.length ? sym.decl.body.text : undefined;
}

/** The result of an expression that was already reported: its type fits anywhere, so one mistake gives one diagnostic. */
export const ERR: Checked = { ir: { op: 'const', type: T.error, value: null }, type: T.error };

/** Span as the artifact stores it. */
export function sourceSpan(s: Span): SourceSpan {
  return [s.startLine, s.startColumn, s.endLine, s.endColumn];
}

/** Records a diagnostic and returns the error result. */
export function report(ctx: CheckContext, code: DiagnosticCode, message: string, span: Span): Checked {
  ctx.diagnostics.push(error(code, message, span));
  return ERR;
}

/** True for the type of an expression already reported (or an empty list). */
export function isErr(t: Ty): boolean { return t.k === 'empty'; }

/** The values of an enumeration or the options of a reading, by its name. */
export function enumValues(ctx: CheckContext, name: string): string[] | undefined {
  const s = ctx.r.symbols.get(name);
  if (s?.kind === 'enum') return s.values;
  if (s?.kind === 'reading') return s.options;
  return undefined;
}
