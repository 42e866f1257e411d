/**
 * Byte-level mutation of program text: deletions, duplications, insertions of characters
 * the lexer treats specially, swaps and truncations, driven by a seeded generator so a
 * failure is reproducible from its seed.
 */

/** A small seeded generator (mulberry32): numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SPECIAL = ['(', ')', '[', ']', '{', '}', '"', '\\', '|', '||', '§', '#', ':', ',', '.', '%', '-', '+', '*', '/', '=', '<', '>', '\n', '\r', '\r\n', '\t',
  '\u2028', '\u2029', '\u00a0', '\ufeff', '\u0000', '𝔘', 'é', 'Ж', '0', '9', '31.02.2025', '24:00', '99999999999999999999', ' if ', ' then ', ' else ',
  ' not ', ' sum ', ' for ', ' in ', ' where ', ' match ', ' when ', ' otherwise ', ' define ', ' output ', ' table ', ' __proto__ ', ' constructor '];

/** One mutation of `text` chosen by `next`. */
export function mutateOnce(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const len = 1 + Math.floor(next() * 12);
  const k = 50 + Math.floor(next() * 3000);
  switch (Math.floor(next() * 10)) {
    case 0: return text.slice(0, at) + text.slice(at + len); // delete
    case 1: return text.slice(0, at) + text.slice(at, at + len).repeat(2 + Math.floor(next() * 3)) + text.slice(at); // duplicate
    case 2: return text.slice(0, at) + SPECIAL[Math.floor(next() * SPECIAL.length)] + text.slice(at); // insert
    case 3: return text.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x3000)) + text.slice(at + 1); // replace one character
    case 4: { // move a chunk elsewhere
      const chunk = text.slice(at, at + len * 4);
      const rest = text.slice(0, at) + text.slice(at + len * 4);
      const to = Math.floor(next() * (rest.length + 1));
      return rest.slice(0, to) + chunk + rest.slice(to);
    }
    case 5: return text.slice(0, at); // truncate
    // amplifiers: the shapes that once overflowed the stack or took quadratic time
    case 7: return `${text.slice(0, at)}${'('.repeat(k)}1${')'.repeat(k)}${text.slice(at)}`;
    case 8: return `${text.slice(0, at)}${' + 1'.repeat(k)}${text.slice(at)}`;
    case 9: return `${text.slice(0, at)}${['not ', '- ', '[', 'if true then ', '.a', ' unknown_x'][Math.floor(next() * 6)]!.repeat(k)}${text.slice(at)}`;
    default: { // repeat a whole line
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return text.slice(0, start) + line.repeat(2 + Math.floor(next() * 4)) + text.slice(start);
    }
  }
}

/** 1 to `max` mutations in a row. */
export function mutate(text: string, next: () => number, max = 4): string {
  let t = text;
  const n = 1 + Math.floor(next() * max);
  for (let i = 0; i < n; i++) t = mutateOnce(t, next);
  return t;
}
