/**
 * Programs of one shape (same-program.ts shapeOf: everything but definitions, outputs and
 * source hash) loaded through loadCompiled share their codec settings, and with them the
 * input decoder, output and explanation encoders and call lines made from those
 * (same-program.ts sharedCodec, load.ts sharedOf, eval/calls.ts callInfo). Each program
 * still gives its own results, and a program of another shape — another money scale,
 * another input type, another reading default — shares nothing: its values are read and
 * written by its own settings.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadCompiled, type Ruleset } from '../../runtime/load.js';
import { shapeOf } from '../../runtime/same-program.js';
import { createEnv } from '../../runtime/compile-ir.js';
import type { Artifact } from '../../runtime/ir.js';
import type { TraceNode } from '../../runtime/trace.js';

const program = (o: { threshold?: string; unit?: string; n?: string; reading?: string } = {}) => `program p "P"
  currency RUB
  zone Europe/Moscow
  rounding half up to ${o.unit ?? '0.01'}

input
  amount: money
  n: ${o.n ?? 'decimal'}

reading basis "which amount the share is of"
  default ${o.reading === 'halved' ? 'halved "half the amount"' : 'whole "the whole amount"'}
  option ${o.reading === 'halved' ? 'whole "the whole amount"' : 'halved "half the amount"'}

define big = amount >= ${o.threshold ?? '5000'} RUB
define base = match basis when whole then amount when halved then amount / 2
define share(x: money) = 3% of x
output bonus = if big then share(base) else 0 RUB
output factor = n * 2
`;

function artifactOf(src: string): Artifact {
  const r = compile(src);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.artifact!;
}

function loaded(a: Artifact): Ruleset {
  const r = loadCompiled(a);
  if (!r.ok) throw new Error(r.error.message);
  return r.ruleset;
}

const AS_OF = '2025-06-01T12:00:00+03:00';
const find = (nodes: TraceNode[], name: string): TraceNode | undefined => {
  for (const n of nodes) {
    if (n.name === name) return n;
    const inner = find(n.children, name);
    if (inner) return inner;
  }
  return undefined;
};

describe('programs of one shape', () => {
  it('share their codec settings only when their shapes are equal', () => {
    const a = artifactOf(program()), b = artifactOf(program({ threshold: '7000' })), c = artifactOf(program({ unit: '1' }));
    // loadCompiled asks for the shape; only then is the codec shared
    for (const x of [a, b, c]) shapeOf(x);
    expect(shapeOf(a)).toBe(shapeOf(b));
    expect(shapeOf(a)).not.toBe(shapeOf(c));
    expect(createEnv(a).codec).toBe(createEnv(b).codec);
    expect(createEnv(a).codec).not.toBe(createEnv(c).codec);
    // an artifact whose shape no one asked for gets settings of its own
    const d = artifactOf(program());
    expect(createEnv(d).codec).not.toBe(createEnv(a).codec);
  });

  it('each program of one shape gives its own results, plain and explained, loaded and evaluated in turn', () => {
    const ra = loaded(artifactOf(program())), rb = loaded(artifactOf(program({ threshold: '7000' })));
    for (let round = 0; round < 3; round++) {
      for (const [r, at5000] of [[ra, '150.00 RUB'], [rb, '0.00 RUB']] as const) {
        const got = r.evaluate({ amount: '5000.00 RUB', n: '1.5' }, { asOf: AS_OF, explain: round === 1 });
        if (!got.ok) throw new Error(got.error.message);
        expect(got.outputs).toEqual({ bonus: at5000, factor: '3' });
        if (round === 1) {
          expect(find(got.trace!, 'bonus')!.value).toBe(at5000);
          if (r === ra) expect(find(got.trace!, 'share')!.args).toEqual({ x: '5000.00 RUB' });
        }
      }
    }
  });

  it('a program of another money scale writes its amounts, and its explanation lines, at its own scale', () => {
    const a = artifactOf(program());
    const cents = loaded(a), whole = loaded(artifactOf(program({ unit: '1' })));
    // the very same definition objects under another scale (as an incremental compile can hand back): their call lines are made again
    const sameDefs = loaded({ ...a, program: { ...a.program, rounding: { ...a.program.rounding, unit: '1' } } });
    for (let round = 0; round < 2; round++) {
      for (const [r, bonus, arg] of [[cents, '150.30 RUB', '5010.00 RUB'], [whole, '150 RUB', '5010 RUB'], [sameDefs, '150 RUB', '5010 RUB']] as const) {
        const got = r.evaluate({ amount: '5010.00 RUB', n: '2' }, { asOf: AS_OF, explain: true });
        if (!got.ok) throw new Error(got.error.message);
        expect(got.outputs.bonus).toBe(bonus);
        expect(find(got.trace!, 'share')!.args).toEqual({ x: arg });
      }
    }
  });

  it('a program with another input type reads its input by its own type', () => {
    const dec = loaded(artifactOf(program())), int = loaded(artifactOf(program({ n: 'integer' })));
    for (let round = 0; round < 2; round++) {
      const ok = dec.evaluate({ amount: '100.00 RUB', n: '1.5' }, { asOf: AS_OF });
      expect(ok.ok && ok.outputs.factor).toBe('3');
      const bad = int.evaluate({ amount: '100.00 RUB', n: '1.5' }, { asOf: AS_OF });
      expect(bad.ok).toBe(false);
      if (!bad.ok) expect(bad.error.path).toBe('$.n');
    }
  });

  it('a program with another reading default reports and uses its own', () => {
    const whole = loaded(artifactOf(program())), half = loaded(artifactOf(program({ reading: 'halved' })));
    for (let round = 0; round < 2; round++) {
      for (const [r, basis, bonus] of [[whole, 'whole', '300.00 RUB'], [half, 'halved', '150.00 RUB']] as const) {
        const got = r.evaluate({ amount: '10000.00 RUB', n: '0' }, { asOf: AS_OF });
        if (!got.ok) throw new Error(got.error.message);
        expect(got.readings).toEqual({ basis });
        expect(got.outputs.bonus).toBe(bonus);
      }
    }
  });
});
