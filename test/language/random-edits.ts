/**
 * Random edits of a program, as someone typing makes them: mostly ones that keep it valid
 * (comments, spacing, digits, a copied line), some that change a value's type or break the
 * syntax, and undo. Shared by the incremental parser's and compiler's tests.
 */
import fc from 'fast-check';

/** Values of several types, for edits that change a value's type. */
const RETYPED = ['"text"', 'true', '3 days', '12%', '2 EUR', 'absent', '90', '90 days'];

const KINDS = ['comment', 'comment', 'comment', 'space', 'space', 'newline', 'digit', 'digit', 'digit', 'copyLine', 'deleteLine', 'deleteChars', 'typo', 'retype', 'retypeParameter', 'undo', 'undo', 'undo'] as const;

/** An edit of these kinds: where (a fraction of the text), what, and its size or digit. */
function edits<K extends string>(kinds: readonly K[]) {
  return fc.record({
    // unbiased: fast-check's default bias toward small numbers would put most edits in the header
    at: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000),
    kind: fc.constantFrom(...kinds),
    size: fc.integer({ min: 1, max: 12 }),
    digit: fc.integer({ min: 0, max: 9 }),
  });
}

/** One edit as typing makes it. */
export const edit = edits<(typeof KINDS)[number] | 'reserved' | 'huge'>(KINDS);
/** Also edits that bring a reserved name or a number too long (for what the compiler remembers per declaration). */
export const editWithLimits = edits([...KINDS, 'reserved', 'huge', 'reserved', 'huge']);
export type Edit = typeof editWithLimits extends fc.Arbitrary<infer T> ? T : never;

/** The text after edit `e`; `history` holds the texts so far, for undo. */
export function apply(src: string, e: Edit, history: string[]): string {
  const at = Math.floor(e.at * (src.length + 1));
  const lineStart = src.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = src.indexOf('\n', at) < 0 ? src.length : src.indexOf('\n', at);
  switch (e.kind) {
    case 'comment': return `${src.slice(0, lineEnd)} # note ${e.size}${src.slice(lineEnd)}`;
    case 'space': return `${src.slice(0, lineStart)}${' '.repeat(e.size)}${src.slice(lineStart)}`;
    case 'newline': return `${src.slice(0, lineEnd)}${'\n'.repeat(e.size)}${src.slice(lineEnd)}`;
    case 'digit': {
      const i = src.slice(at).search(/\d/);
      return i < 0 ? src : `${src.slice(0, at + i)}${e.digit}${src.slice(at + i + 1)}`;
    }
    case 'copyLine': return `${src.slice(0, lineStart)}${src.slice(lineStart, lineEnd)}\n${src.slice(lineStart)}`;
    case 'deleteLine': return `${src.slice(0, lineStart)}${src.slice(Math.min(src.length, lineEnd + 1))}`;
    case 'deleteChars': return `${src.slice(0, at)}${src.slice(at + e.size)}`;
    // a number becomes a value of another type: the checker's answers about it change
    case 'retype': {
      const m = /\d+(\.\d+)?/.exec(src.slice(at));
      return m ? `${src.slice(0, at + m.index)}${RETYPED[e.size % RETYPED.length]}${src.slice(at + m.index + m[0].length)}` : src;
    }
    // a parameter without a declared type (its type is its value's) gets a value of another type
    case 'retypeParameter': {
      const lines = [...src.matchAll(/^parameter [a-z_0-9]+ = ([^§\n]*)/gm)];
      const m = lines[Math.floor(e.at * lines.length)];
      if (!m) return src;
      const from = m.index + m[0].length - m[1]!.length;
      return `${src.slice(0, from)}${RETYPED[e.size % RETYPED.length]} ${src.slice(from + m[1]!.length)}`;
    }
    // a name used in an expression becomes `__proto__` (RB311), a number gets 46 digits (RB211)
    case 'reserved': {
      const m = /[=(,] *([a-z_][a-z_0-9]*)/.exec(src.slice(at));
      return m ? `${src.slice(0, at + m.index + m[0].length - m[1]!.length)}__proto__${src.slice(at + m.index + m[0].length)}` : src;
    }
    case 'huge': {
      // a number in an expression (not a date, a time, a clause or a comment's)
      const m = /[=<>(,+*] *(\d+)(?![\d.:-])/.exec(src.slice(at));
      const end = m ? at + m.index + m[0].length : 0;
      return m ? `${src.slice(0, end - m[1]!.length)}${'9'.repeat(46)}${src.slice(end)}` : src;
    }
    case 'typo': return `${src.slice(0, at)}${'x)( "§'[e.size % 6]}${src.slice(at)}`;
    // back to the text before the last edit (or the one before that), as Ctrl+Z does
    case 'undo': return history.length > 1 ? history[history.length - 2 - (e.size % Math.min(2, history.length - 1))]! : src;
  }
}

