/**
 * The one line-break rule of the language, shared by the lexer (line numbers), the
 * diagnostics printer (which line to show under a message) and any editor integration:
 * LF, CRLF and a lone CR each end a line. The Unicode separators U+2028 and U+2029 do
 * not: they are allowed inside quoted text only, and refused elsewhere (RB100) so that
 * no editor shows a line break the language does not see.
 */

/** Matches one line break. */
export const LINE_BREAK = /\r\n|\r|\n/;

/** The lines of a text under the language's rule. */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}

/** True for a character that ends a line (CR or LF). */
export function isLineBreakChar(c: string | undefined): boolean {
  return c === '\n' || c === '\r';
}
