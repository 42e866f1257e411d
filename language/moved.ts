/**
 * Declarations moved by an edit above them (language/incremental.ts): the same declaration
 * with every span moved by the same number of characters and lines. A keystroke moves every
 * declaration below it, and copying them all was most of an incremental compile; yet after
 * one, the compiler reads only a moved declaration's place, name, and the parts it has not
 * remembered (compiler/decl-facts.ts, compiler/check-memo.ts). So the copy is lazy: its
 * `span`, `name` and plain values are made at once, and each other part (body, rules,
 * params, …) is copied with its spans moved the first time it is read, then kept. Reading
 * gives exactly what the eager copy held (test/language/incremental.test.ts compares whole
 * ASTs, which reads every part), keys in the same order, so JSON and structured clones
 * are alike too.
 */
import type * as A from './ast.js';
import { FILE_START } from './span.js';
import { noteMovedCopy } from './origin.js';

/** A lazy copy's source: the declaration as parsed (never a lazy copy) and the total move. */
interface Move { base: Record<string, unknown>; offset: number; line: number }

const moves = new WeakMap<object, Move>();

/** `decl` with every span moved by `offset` characters and `line` lines (columns unchanged). */
export function movedDecl(decl: A.Declaration, offset: number, line: number): A.Declaration {
  if (offset === 0 && line === 0) return decl;
  // a copy of a copy is made from the parsed declaration: no chain of copies is kept alive
  const prior = moves.get(decl);
  const base = prior?.base ?? (decl as unknown as Record<string, unknown>);
  const off = offset + (prior?.offset ?? 0), ln = line + (prior?.line ?? 0);
  if (off === 0 && ln === 0) return base as unknown as A.Declaration;
  const copy: Record<string, unknown> = {};
  for (const key in base) {
    const v = base[key];
    if (v === null || typeof v !== 'object') copy[key] = v;
    else if (key === 'span' || key === 'name') copy[key] = shiftCopy(v, off, ln);
    else {
      Object.defineProperty(copy, key, {
        enumerable: true, configurable: true,
        get() {
          const value = shiftCopy(v, off, ln);
          Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
          return value;
        },
      });
    }
  }
  moves.set(copy, { base, offset: off, line: ln });
  noteMovedCopy(copy, base);
  return copy as unknown as A.Declaration;
}

/** A copy of an AST part with every span moved. */
function shiftCopy(v: unknown, offset: number, line: number): unknown {
  if (Array.isArray(v)) {
    const out = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) { const x: unknown = v[i]; out[i] = x !== null && typeof x === 'object' ? shiftCopy(x, offset, line) : x; }
    return out;
  }
  if (v === FILE_START) return v;
  const o = v as Record<string, unknown>;
  if (typeof o.startOffset === 'number' && typeof o.startLine === 'number') {
    // spread first: the keys keep their order, so the artifact's JSON text is the full compile's too
    return { ...o, startOffset: o.startOffset + offset, endOffset: (o.endOffset as number) + offset, startLine: o.startLine + line, endLine: (o.endLine as number) + line };
  }
  const out: Record<string, unknown> = {};
  for (const key in o) { const x = o[key]; out[key] = x !== null && typeof x === 'object' ? shiftCopy(x, offset, line) : x; }
  return out;
}
