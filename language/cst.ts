/**
 * Helpers for reading Chevrotain's concrete syntax tree: children by label, spans, names,
 * citations and literal texts. Shared by the declaration and expression converters.
 */
import type { CstNode, IToken, CstElement } from 'chevrotain';
import type * as A from './ast.js';
import { tokenSpan, FILE_START, type Span } from './span.js';

/** The children of a CST node by label. */
export type Children = Record<string, CstElement[] | undefined>;

/** The children of a CST node. */
export function kids(n: CstNode): Children { return n.children as Children; }
/** No children: one shared empty list, not a new one per lookup of an absent label. */
const NONE: readonly never[] = Object.freeze([]);
/** The child nodes under a label. */
export function nodes(n: CstNode, label: string): CstNode[] { return (kids(n)[label] ?? NONE) as CstNode[]; }
/** The first child node under a label. */
export function node(n: CstNode, label: string): CstNode | undefined { return nodes(n, label)[0]; }
/** The tokens under a label. */
export function toks(n: CstNode, label: string): IToken[] { return (kids(n)[label] ?? NONE) as IToken[]; }
/** The first token under a label. */
export function tok(n: CstNode, label: string): IToken | undefined { return toks(n, label)[0]; }

/** The source span of a CST node (recovered nodes fall back to their first token). */
export function spanOf(n: CstNode): Span {
  const loc = n.location;
  if (!loc || Number.isNaN(loc.startOffset) || loc.startLine === undefined || Number.isNaN(loc.startLine)) {
    // fall back to the first token found below this node
    const first = firstToken(n);
    return first ? tokenSpan(first) : FILE_START;
  }
  return {
    startOffset: loc.startOffset, endOffset: (loc.endOffset ?? loc.startOffset) + 1,
    startLine: loc.startLine ?? 1, startColumn: loc.startColumn ?? 1,
    endLine: loc.endLine ?? loc.startLine ?? 1, endColumn: (loc.endColumn ?? loc.startColumn ?? 1) + 1,
  };
}

/** The first real token below a node. */
export function firstToken(n: CstNode): IToken | undefined {
  let best: IToken | undefined;
  for (const list of Object.values(kids(n))) {
    for (const el of list ?? []) {
      const t = 'image' in el ? (el as IToken) : firstToken(el as CstNode);
      if (t && !Number.isNaN(t.startOffset) && (!best || t.startOffset < best.startOffset)) best = t;
    }
  }
  return best;
}

/** A name from a token, or an empty name at `fallback` for a token inserted by recovery. */
export function name(t: IToken | undefined, fallback: Span): A.Name {
  if (!t || t.isInsertedInRecovery || t.image === undefined) return { text: '', span: fallback };
  return { text: t.image, span: tokenSpan(t) };
}

/** The text of a string literal token, without quotes and with escapes resolved. */
export function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

/** The citations of a `citations` node. */
export function citations(n: CstNode | undefined): A.Citation[] {
  if (!n) return [];
  return toks(n, 'Citation').map((t) => ({ text: t.image.replace(/\s+/g, ''), span: tokenSpan(t) }));
}

/** Removes the thousands separators of a number literal: `14 400.00` -> `14400.00`. */
export function plainNumber(image: string): string {
  return image.replace(/[ \u00A0\u202F%]/g, '');
}


/** The comparison operator of a `compareOp` node, with ≤ ≥ ≠ read as <= >= <>. */
export function compareOpOf(n: CstNode): A.CompareOp {
  const t = Object.values(kids(n))[0]?.[0] as IToken | undefined;
  const img = t?.image ?? '=';
  const map: Record<string, A.CompareOp> = { '=': '=', '<>': '<>', '!=': '<>', '≠': '<>', '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=' };
  return map[img] ?? '=';
}
