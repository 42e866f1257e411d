/**
 * The reference interpreter memoises a definition call by its key (eval/calls.ts): two
 * different argument lists must never share one, or the second call returns the first's
 * value. Texts may hold the separator of the key, so it is escaped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith } from '../../runtime/load.js';
import { callKey } from '../../runtime/eval/calls.js';

const PROGRAM = `program keys zone UTC
input
  p: text
  q: text
  r: text
  s: text
define first_is_x(a: text, b: text): boolean = a = "x"
output first = first_is_x(p, q)
output second = first_is_x(r, s)`;

describe('call keys', () => {
  it('differ whenever the texts of the arguments differ', () => {
    const texts = fc.array(fc.string({ unit: fc.constantFrom('x', 'y', ',', '\\', 's', ')', '(') , maxLength: 4 }), { minLength: 1, maxLength: 3 });
    fc.assert(fc.property(texts, texts, (a, b) => {
      if (a.length === b.length && a.every((t, i) => t === b[i])) return;
      expect(callKey('f', a)).not.toBe(callKey('f', b));
    }), { numRuns: 20_000 });
  });

  it('keep the reference interpreter from answering one call with another\'s value', () => {
    const artifact = compile(PROGRAM).artifact;
    expect(artifact).toBeDefined();
    for (const engine of ['reference', 'fast'] as const) {
      const loaded = loadWith(artifact, { engine });
      if (!loaded.ok) throw new Error(loaded.error.message);
      const r = loaded.ruleset.evaluate({ p: 'x,sy', q: 'z', r: 'x', s: 'y,sz' });
      expect(r.ok && r.outputs, engine).toEqual({ first: false, second: true });
    }
  });
});
