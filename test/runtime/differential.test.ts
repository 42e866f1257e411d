/**
 * Differential evaluation: the generated evaluator (runtime/codegen) against the reference
 * interpreter (the closure evaluator of runtime/compile-ir.ts) on generated inputs for every
 * program of programs/, test/sample/ and the conformance cases. Same outputs, same errors,
 * on every input; a fixed seed keeps the budget reproducible (`DIFF_RUNS` raises it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith } from '../../runtime/load.js';
import type { Artifact } from '../../runtime/ir.js';
import { cases, programs } from './differential-inputs.js';

const RUNS = Number(process.env.DIFF_RUNS ?? 150);

describe('the generated evaluator agrees with the reference interpreter', () => {
  it.each(programs())('%s', (name, source) => {
    const compiled = compile(source, { path: name });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const artifact = compiled.artifact as Artifact;
    const fast = loadWith(artifact, { engine: 'fast' });
    const reference = loadWith(artifact, { engine: 'reference' });
    if (!fast.ok || !reference.ok) throw new Error(`load failed: ${JSON.stringify(fast.ok ? reference : fast)}`);
    let ok = 0, errors = 0;
    fc.assert(fc.property(cases(artifact), (c) => {
      const options = { readings: c.readings, ...(c.asOf ? { asOf: c.asOf } : {}) };
      const a = fast.ruleset.evaluate(c.input, options);
      const b = reference.ruleset.evaluate(c.input, options);
      expect(a).toEqual(b);
      if (a.ok) ok++; else errors++;
    }), { seed: 20251130, numRuns: RUNS });
    // a budget that only ever compared errors would prove nothing about the evaluators. The
    // conformance programs are small programs built around an error case (ties, a missing rate,
    // an event before the start), so random inputs hit their errors more often: an eighth there.
    expect(ok).toBeGreaterThan(name.startsWith('conformance/') ? RUNS / 8 : RUNS / 4);
    expect(ok + errors).toBe(RUNS);
  }, 180_000);
});
