/**
 * A copy of a piece of text that keeps nothing else alive. In V8 a string cut from a
 * longer one (`slice`, a lexer's token image, a regular expression's match) of 13
 * characters or more is a view into that whole string. What the playground keeps from one
 * keystroke to the next (the ASTs and check results of the declarations an edit did not
 * touch: language/incremental.ts, compiler/check-memo.ts) must be cut from such a copy, or
 * every kept piece holds on to the whole text of the keystroke it was read in
 * (test/compiler/incremental-memory.test.ts).
 */

/**
 * `text`, sharing no memory with any longer string: the concatenation is flattened into a
 * new string of `text`'s length plus one before it is cut, and the cut refers to that one.
 */
export function detached(text: string): string {
  return ` ${text}`.slice(1);
}
