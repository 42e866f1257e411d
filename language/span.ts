/** A range of source text. Lines and columns are 1-based; offsets are 0-based, end exclusive. */
export interface Span {
  startOffset: number;
  endOffset: number;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** Minimal shape of a Chevrotain token, kept local so the AST does not depend on Chevrotain. */
export interface TokenLike {
  image: string;
  startOffset: number;
  endOffset?: number;
  startLine?: number;
  startColumn?: number;
  endLine?: number;
  endColumn?: number;
}

/** The span of one token. */
export function tokenSpan(t: TokenLike): Span {
  return {
    startOffset: t.startOffset,
    endOffset: (t.endOffset ?? t.startOffset + t.image.length - 1) + 1,
    startLine: t.startLine ?? 1,
    startColumn: t.startColumn ?? 1,
    endLine: t.endLine ?? t.startLine ?? 1,
    endColumn: (t.endColumn ?? (t.startColumn ?? 1) + t.image.length - 1) + 1,
  };
}

/** The smallest span covering both spans. */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.startOffset <= b.startOffset ? a : b;
  const last = a.endOffset >= b.endOffset ? a : b;
  return {
    startOffset: first.startOffset, startLine: first.startLine, startColumn: first.startColumn,
    endOffset: last.endOffset, endLine: last.endLine, endColumn: last.endColumn,
  };
}

/** A span at the very start of a file, for diagnostics about the file as a whole. */
export const FILE_START: Span = { startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
