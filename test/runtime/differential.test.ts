/**
 * Differential evaluation: the generated evaluator (runtime/codegen) against the reference
 * interpreter (the closure evaluator of runtime/compile-ir.ts) on generated inputs for every
 * program of programs/, test/sample/ and the conformance cases. Same outputs, same errors,
 * on every input; a fixed seed keeps the budget reproducible (`DIFF_RUNS` raises it).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith } from '../../runtime/load.js';
import type { Artifact } from '../../runtime/ir.js';
import { cases } from './differential-inputs.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = Number(process.env.DIFF_RUNS ?? 150);

/** Every program with its name: .rules files, and the programs of conformance cases that compile. */
function programs(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['programs', 'test/sample']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith('.rules')).sort()) out.push([`${dir}/${f}`, readFileSync(join(ROOT, dir, f), 'utf8')]);
  }
  for (const f of readdirSync(join(ROOT, 'conformance')).filter((x) => x.endsWith('.yaml')).sort()) {
    const data = parseYaml(readFileSync(join(ROOT, 'conformance', f), 'utf8')) as { program: string; diagnostics?: string[] };
    if (!data.diagnostics) out.push([`conformance/${f}`, data.program]);
  }
  return out;
}

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
