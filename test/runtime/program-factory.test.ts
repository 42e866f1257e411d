/**
 * Programs of one source share the function that makes them (codegen/index.ts factoryOf):
 * a value edit changes a constant, not the source. Each program still computes with its own
 * constants: two programs that differ only in figures, loaded one after the other and
 * evaluated in turn, each give their own results, plain and explained, and those are the
 * results of each loaded alone (the test is not vacuous: their sources are the same text).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { compileFast, type Generated } from '../../runtime/codegen/index.js';
import { compileTraced } from '../../runtime/codegen/trace.js';
import { load } from '../../runtime/load.js';
import type { Artifact } from '../../runtime/ir.js';

const program = (threshold: string, rate: string) => `program p "P"
  currency RUB
  zone Europe/Moscow

input
  amount: money
  n: decimal

define big = amount >= ${threshold} RUB
define share = ${rate}% of amount
define scaled = n * ${rate}
output bonus = if big then share else 0 RUB
output factor = scaled
`;

function artifactOf(src: string): Artifact {
  const r = compile(src);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.artifact!;
}

describe('program factories', () => {
  const a = artifactOf(program('5000', '3')), b = artifactOf(program('7000', '4'));

  it('two programs differing only in figures have the same source, and each its own constants', () => {
    const sources: Generated[] = [];
    compileFast(a, (g) => sources.push(g));
    compileFast(b, (g) => sources.push(g));
    expect(sources[0]!.source).toBe(sources[1]!.source);
    expect(sources[0]!.constants).not.toEqual(sources[1]!.constants);
    const traced: Generated[] = [];
    compileTraced(a, (g) => traced.push(g));
    compileTraced(b, (g) => traced.push(g));
    expect(traced[0]!.source).toBe(traced[1]!.source);
  });

  it('programs made by one factory compute with their own figures, plain and explained, in turn', () => {
    const ra = load(a), rb = load(b);
    if (!ra.ok || !rb.ok) throw new Error('load failed');
    const inputs = [{ amount: '4999.99 RUB', n: '2' }, { amount: '5000.00 RUB', n: '1.5' }, { amount: '6999.99 RUB', n: '0' }, { amount: '7000.00 RUB', n: '-3' }];
    const expected = {
      a: [{ bonus: '0.00 RUB', factor: '6' }, { bonus: '150.00 RUB', factor: '4.5' }, { bonus: '210.00 RUB', factor: '0' }, { bonus: '210.00 RUB', factor: '-9' }],
      b: [{ bonus: '0.00 RUB', factor: '8' }, { bonus: '0.00 RUB', factor: '6' }, { bonus: '0.00 RUB', factor: '0' }, { bonus: '280.00 RUB', factor: '-12' }],
    };
    for (let round = 0; round < 3; round++) {
      inputs.forEach((input, i) => {
        for (const [name, r] of [['a', ra], ['b', rb]] as const) {
          const explain = round === 1;
          const got = r.ruleset.evaluate(input, { asOf: '2025-06-01T12:00:00+03:00', explain });
          if (!got.ok) throw new Error(got.error.message);
          expect(got.outputs, `${name} on input ${i}, round ${round}`).toEqual(expected[name][i]);
          if (explain) expect(got.trace!.find((t) => t.name === 'bonus')!.value).toBe(expected[name][i]!.bonus);
        }
      });
    }
  });

  it('a program whose source differs in one function only gets a factory of its own', () => {
    // the same number of functions, the same constants; only the comparison's text differs
    const ge = artifactOf(program('5000', '3')), gt = artifactOf(program('5000', '3').replace('amount >= 5000', 'amount > 5000'));
    const sources: Generated[] = [];
    compileFast(ge, (g) => sources.push(g));
    compileFast(gt, (g) => sources.push(g));
    expect(sources[0]!.source.split('\n').length).toBe(sources[1]!.source.split('\n').length);
    expect(sources[0]!.source).not.toBe(sources[1]!.source);
    const rge = load(ge), rgt = load(gt);
    if (!rge.ok || !rgt.ok) throw new Error('load failed');
    for (let round = 0; round < 2; round++) {
      for (const [r, bonus] of [[rge, '150.00 RUB'], [rgt, '0.00 RUB']] as const) {
        const got = r.ruleset.evaluate({ amount: '5000.00 RUB', n: '1' }, { asOf: '2025-06-01T12:00:00+03:00', explain: round === 1 });
        if (!got.ok) throw new Error(got.error.message);
        expect(got.outputs.bonus).toBe(bonus);
      }
    }
  });
});
