/**
 * The names a misspelt name may have meant, for "did you mean". The program's names are
 * collected once per program (not once per unknown name), so a file with thousands of
 * unknown names is still checked in linear time.
 */
import type { Resolved } from './resolve.js';

const globalsOf = new WeakMap<Resolved['symbols'], string[]>();

/** Local names first, then the program's values, definitions and enum values, then `extra`. */
export function nameCandidates(r: Resolved, locals: Iterable<string>, extra: readonly string[]): string[] {
  let globals = globalsOf.get(r.symbols);
  if (!globals) {
    globals = [...r.symbols].filter(([, s]) => s.kind !== 'enum' && s.kind !== 'record').map(([k]) => k);
    globals.push(...extra);
    for (const s of r.symbols.values()) if (s.kind === 'enum') globals.push(...s.values);
    globalsOf.set(r.symbols, globals);
  }
  return [...locals, ...globals];
}
