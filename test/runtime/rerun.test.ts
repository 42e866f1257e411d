/**
 * Rerun (runtime/rerun.ts) reuses the outputs an edit cannot reach: over a series of edits
 * of each program (new figures, comments, as the playground's editor and bench/latency.ts
 * make them), every scenario's result through Rerun equals a full evaluation of the edited
 * program, and some outputs were indeed taken from the last program (the test is not vacuous).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { IncrementalCompiler } from '../../compiler/incremental.js';
import { loadCompiled } from '../../runtime/load.js';
import { Rerun, affectedOutputs } from '../../runtime/rerun.js';
import type { Scenario } from '../../runtime/scenario.js';

const programs = readdirSync('programs').filter((f) => f.endsWith('.rules') && existsSync(`programs/${f.replace(/\.rules$/, '.scenarios.yaml')}`)).sort();

/** Edit `i`: a digit of a number in the code changed (odd i), or a comment added at the end of a line. */
function edited(text: string, i: number): string {
  if (i % 2 === 0) {
    const ends = [...text.matchAll(/\n/g)].map((m) => m.index);
    const at = ends[(i * 37) % ends.length]!;
    return `${text.slice(0, at)} # note ${i}${text.slice(at)}`;
  }
  const digits = [...text.matchAll(/^[^#"§\n]*?[=<>|+*(,] *([1-8])(?![\d.:-]*[.:-][\d.:-]*[.:-])/gm)].map((m) => m.index + m[0].length - 1);
  const at = digits[(i * 37) % digits.length]!;
  return `${text.slice(0, at)}${String.fromCharCode(text.charCodeAt(at) + 1)}${text.slice(at + 1)}`;
}

describe('Rerun', () => {
  for (const file of programs) {
    it(`${file}: results after each edit equal a full evaluation`, () => {
      const path = `programs/${file}`;
      const { scenarios } = parseYaml(readFileSync(path.replace(/\.rules$/, '.scenarios.yaml'), 'utf8')) as { scenarios: Scenario[] };
      const compiler = new IncrementalCompiler(), rerun = new Rerun();
      let text = readFileSync(path, 'utf8'), partial = 0, compiledEdits = 0;
      for (let i = 0; i < 12; i++) {
        if (i > 0) text = edited(text, i);
        const artifact = compiler.compile(text, { path }).artifact;
        if (!artifact) continue; // a figure the checker refuses (e.g. a share over 100%): the editor shows the error
        const loaded = loadCompiled(artifact);
        if (!loaded.ok) throw new Error(loaded.error.message);
        compiledEdits++;
        scenarios.forEach((s, k) => {
          // an explanation is always computed in full (its identity numbers differ from one evaluation to the next)
          const explain = k === 0 && i % 3 === 0;
          const got = rerun.evaluate(loaded.ruleset, s, explain);
          const full = loaded.ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings, calendar: s.calendar });
          if (explain && got.ok) expect(got.trace).toBeDefined();
          expect(explain && got.ok ? { ...got, trace: undefined } : got, `${s.name} after edit ${i}`).toStrictEqual(explain && got.ok ? { ...full, trace: undefined } : full);
        });
        partial += (rerun as unknown as { current: { affected?: string[] } }).current.affected?.length !== artifact.outputs.length ? 1 : 0;
      }
      expect(compiledEdits).toBeGreaterThan(6);
      expect(partial).toBeGreaterThan(0);
    });
  }

  it('an edit of a definition affects exactly the outputs that reach it, and a header change all', () => {
    const compiler = new IncrementalCompiler();
    const head = 'program p "P"\n  currency RUB\n  zone Europe/Moscow\n\ninput\n  n: decimal\n\n';
    const a = compiler.compile(`${head}define factor = 2\ndefine base = n * factor\noutput doubled = base\noutput plain = n\n`).artifact!;
    const b = compiler.compile(`${head}define factor = 3\ndefine base = n * factor\noutput doubled = base\noutput plain = n\n`).artifact!;
    expect(affectedOutputs(a, b)).toEqual(['doubled']);
    expect(affectedOutputs(a, a)).toEqual([]);
    const c = compiler.compile(`${head.replace('Moscow', 'Kaliningrad')}define factor = 3\ndefine base = n * factor\noutput doubled = base\noutput plain = n\n`).artifact!;
    expect(affectedOutputs(b, c)).toBeUndefined();
  });
});
