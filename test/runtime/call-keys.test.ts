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
import { callKey, callInfo } from '../../runtime/eval/calls.js';
import type { Ctx, Env } from '../../runtime/eval/common.js';
import type { Definition } from '../../runtime/ir.js';
import { Dec } from '../../runtime/values/decimal.js';

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

  it('of explanation lines are callKey\'s, also where one-argument keys are kept by identity number', () => {
    const env = { codec: { records: {}, enums: {}, zone: 'UTC', moneyScale: 2 } } as unknown as Env;
    const def = (name: string, n: number) => ({ name, kind: 'function', params: Array.from({ length: n }, (_, i) => ({ name: `a${i}`, type: { k: 'text' } })), type: { k: 'boolean' }, clauses: [] }) as unknown as Definition;
    const one = callInfo(env, def('one', 1)), two = callInfo(env, def('two', 2)), other = callInfo(env, def('other', 1));
    const records = Array.from({ length: 1100 }, () => ({}));
    // numbers (days, instants) and texts, more than the 1 024 kept of each, with -0 and NaN, which a Map takes for 0 and NaN
    const numbers = Array.from({ length: 1100 }, (_, i) => 1_700_000_000_000 + i * 86_400_000);
    const texts = Array.from({ length: 1100 }, (_, i) => (i % 3 ? `t${i}` : `t,${i}\\`));
    const values: unknown[] = [null, 'x,y', new Dec('1.50'), 7, '7', -0, 0, NaN, true, ['a'], ...records, ...numbers, ...texts, ...numbers.slice(0, 50)];
    // three evaluations, the values met in different orders: identity numbers restart in each, past the kept ones too
    expect(one.key({} as Ctx, [-0])).toBe('one(n0)');
    for (const order of [values, [...values].reverse(), values.slice(500)]) {
      const kept = {} as Ctx, fresh = {} as Ctx;
      for (const v of order) {
        expect(one.key(kept, [v])).toBe(callKey(fresh, 'one', [v]));
        expect(other.key(kept, [v])).toBe(callKey(fresh, 'other', [v]));
        expect(two.key(kept, [v, records[3]])).toBe(callKey(fresh, 'two', [v, records[3]]));
      }
    }
  });
});

