/**
 * Text values of an input or a program (a reason, a title, a description, an enum or
 * text value, a record's id) shown to people as text. Printed as they are, their control
 * characters could clear the screen or retitle the window, a bidirectional override could
 * reverse what follows, and a line break could end a line of an explanation and forge the
 * next one. These characters are written as the escapes a JSON string would use (\n, \r,
 * \t, \u001b, \u202e); every other character (Cyrillic, «», emoji) stays as it is.
 * Backslashes are not doubled, so escaping an escaped text again changes nothing.
 */

// C0 and C1 controls, DEL, line and paragraph separators, bidi embeddings, overrides and isolates
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// the same but the line feed and the tab, for text of several lines
// eslint-disable-next-line no-control-regex
const UNPRINTABLE_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const SHORT: Readonly<Record<string, string>> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' };
const escape = (c: string): string => SHORT[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `s` as (part of) one line: line breaks, tabs and every other such character as escapes. */
export const oneLine = (s: string): string => s.replace(UNPRINTABLE, escape);

/** `s` as text of several lines (what the CLI prints): as `oneLine`, but line feeds and tabs kept. */
export const printable = (s: string): string => s.replace(UNPRINTABLE_IN_LINES, escape);
