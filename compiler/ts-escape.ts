/**
 * The one way program text enters generated TypeScript. Titles, descriptions and names
 * come from .rules files a user may not trust; each goes through exactly one of these
 * functions, so no text can end a comment, a string or a line early.
 */

/** Characters that end a line for TypeScript (and JavaScript) source. */
const LINE_TERMINATORS = /\r\n|[\r\n\u2028\u2029]/g;
/** Other characters that have no business in a comment: C0/C1 controls, bidi overrides. */
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Text for the inside of a `/** … *\/` or `//` comment: one line, `*\/` broken up, line
 * terminators and control characters written as visible escapes.
 */
export function tsCommentText(text: string): string {
  return text
    .replace(LINE_TERMINATORS, (m) => (m === '\r\n' ? '\\r\\n' : `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`))
    .replace(INVISIBLE, (m) => `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\*\//g, '*\\/');
}

/** A TypeScript string literal (double quotes) holding exactly `text`. */
export function tsString(text: string): string {
  // JSON escapes quotes, backslashes and controls; U+2028/2029 are escaped too so that
  // older parsers and line-based tools never see a line break inside the literal
  return JSON.stringify(text).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Words TypeScript reserves, or that the generated file declares itself. */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'implements', 'interface', 'let',
  'package', 'private', 'protected', 'public', 'static', 'yield', 'await', 'any', 'boolean', 'never', 'number', 'object',
  'string', 'symbol', 'undefined', 'unknown', 'bigint', 'type', 'as', 'asserts', 'infer', 'is', 'keyof', 'readonly',
  'unique', 'global', 'declare', 'module', 'namespace', 'require', 'constructor', 'get', 'set', 'of', 'Array', 'Record',
]);

/**
 * An identifier as TypeScript reads one (ECMAScript's ID_Start and ID_Continue): the rules'
 * names are letters, digits and `_`, but not every Unicode digit continues an identifier
 * (\p{No}, as in `м²` or `x①`, does not: declared as they were, they did not compile).
 */
const IDENTIFIER = /^[\p{ID_Start}_$][\p{ID_Continue}$\u200c\u200d]*$/u;

/**
 * Chooses a TypeScript identifier for each program name: the name itself when it is a
 * plain identifier that is neither reserved nor taken, otherwise `<name>Record` (then
 * `<name>Record2`, …). `taken` holds the names the generated file declares itself.
 */
export function tsIdentifiers(names: string[], taken: Iterable<string>): Map<string, string> {
  const used = new Set(taken);
  const out = new Map<string, string>();
  for (const name of names) {
    const base = IDENTIFIER.test(name) ? name : name.replace(/[^\p{ID_Continue}$]/gu, '_').replace(/^(?=[^\p{ID_Start}_$])/u, '_');
    let id = base;
    if (RESERVED.has(id) || used.has(id) || id !== name) {
      id = `${base}Record`;
      for (let i = 2; used.has(id) || RESERVED.has(id); i++) id = `${base}Record${i}`;
    }
    used.add(id);
    out.set(name, id);
  }
  return out;
}
