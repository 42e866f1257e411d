/**
 * The reference interpreter memoises a definition call by its key (eval/calls.ts): two
 * different argument lists must never share one, or the second call returns the first's
 * value. Texts may hold the separator of the key, so it is escaped. Records and lists are
 * keyed by an identity number given in each evaluation, so explaining one input twice
 * gives the same explanation, byte for byte.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith } from '../../runtime/load.js';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { callKey } from '../../runtime/eval/calls.js';
import type { Ctx } from '../../runtime/eval/common.js';

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
      const ctx = {} as Ctx;
      expect(callKey(ctx, 'f', a)).not.toBe(callKey(ctx, 'f', b));
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

  it('are the same when one input is explained twice in one process, with either engine', () => {
    const artifact = compile(readFileSync('programs/referral-ru.rules', 'utf8')).artifact;
    const scenarios = (parseYaml(readFileSync('programs/referral-ru.scenarios.yaml', 'utf8')) as { scenarios: { input: unknown; as_of?: string }[] }).scenarios.slice(0, 6);
    for (const engine of ['reference', 'fast'] as const) {
      const loaded = loadWith(artifact, { engine });
      if (!loaded.ok) throw new Error(loaded.error.message);
      const explain = (s: typeof scenarios[number]) => JSON.stringify(loaded.ruleset.evaluate(s.input, { asOf: s.as_of, explain: true }));
      const first = scenarios.map(explain);
      const again = scenarios.map(explain);
      // the explanations key calls with records as arguments, numbered from 1 in each
      expect(first.join('\n'), engine).toMatch(/\(o1[,)]/);
      expect(again, engine).toEqual(first);
    }
  });
});
