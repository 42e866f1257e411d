/**
 * Equality of plain data (what JSON or YAML gives, and what the worker's answers hold):
 * numbers by `Object.is`, arrays item by item, plain objects key by key in the same order.
 * Anything else (a Date, a Map, a class instance) is never the same as a copy of it, so a
 * caller that keeps a copy to tell whether data changed sends it again rather than miss a
 * change. The same object is the same data (data handed around here is never changed in
 * place: a changed scenario input is a new object). Walking the data costs far less than
 * copying it or writing it out as text.
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  if (!isPlain(a) || !isPlain(b)) return false;
  const ka = Object.keys(a), kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    const k = ka[i]!;
    if (k !== kb[i] || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

function isPlain(x: object): boolean {
  const p = Object.getPrototypeOf(x) as unknown;
  return p === Object.prototype || p === null;
}
