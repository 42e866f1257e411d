/**
 * Program texts (doc strings, titles, labels, clause citations, source slices) in the Markdown
 * of hovers. Monaco renders hover contents as Markdown and escapes nothing, so a program (one
 * opened from a shared link too) could otherwise show links, remote images (tracking pixels)
 * or HTML. Every program text goes through one of these, so it reads as the text it is.
 */

/**
 * `s` as plain text: every ASCII punctuation character is backslash-escaped (CommonMark lets
 * any of them be), which covers emphasis, links, images, HTML, headings, lists, tables,
 * entities and the autolinks of bare URLs and e-mail addresses.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** The longest run of backticks in `s`. */
function longestBacktickRun(s: string): number {
  let longest = 0;
  for (const m of s.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return longest;
}

/** `s` as inline code, delimited by more backticks than it contains (code spans take no escapes). */
export function inlineCode(s: string): string {
  const text = s.replace(/\r?\n|\r/g, ' ');
  const fence = '`'.repeat(longestBacktickRun(text) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || /^ .* $/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/** `s` as a fenced code block in `language`, fenced by more backticks than any run in it. */
export function codeBlock(s: string, language: string): string {
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(s) + 1));
  return `${fence}${language}\n${s}\n${fence}`;
}

/**
 * Markdown for Monaco (an IMarkdownString) with its defaults spelt out: not trusted (no
 * command links) and no HTML. `value` must have its program texts escaped already.
 */
export function markdownContent(value: string): { value: string; isTrusted: false; supportHtml: false } {
  return { value, isTrusted: false, supportHtml: false };
}
