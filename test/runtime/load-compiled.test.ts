/**
 * `loadCompiled` (runtime/load.ts) skips the artifact checks for what the compiler has
 * just produced. That is sound only while every compiled program passes them, and it must
 * evaluate exactly as `load` does: both, over every program and its scenarios.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { compile } from '../../compiler/compile.js';
import { load, loadCompiled } from '../../runtime/load.js';
import { shapeProblem } from '../../runtime/artifact-shape.js';
import { validateArtifact } from '../../runtime/validate-artifact.js';
import type { Scenario } from '../../runtime/scenario.js';

const programs = readdirSync('programs').filter((f) => f.endsWith('.rules')).sort();

describe('loadCompiled', () => {
  for (const file of programs) {
    it(`${file}: the compiled artifact passes the checks it skips, and evaluates as load does`, () => {
      const artifact = compile(readFileSync(`programs/${file}`, 'utf8')).artifact!;
      expect(shapeProblem(artifact)).toBeUndefined();
      expect(validateArtifact(artifact)).toBeUndefined();
      const checked = load(artifact), trusted = loadCompiled(artifact);
      if (!checked.ok || !trusted.ok) throw new Error('does not load');
      const { scenarios } = parseYaml(readFileSync(`programs/${file.replace(/\.rules$/, '.scenarios.yaml')}`, 'utf8')) as { scenarios: Scenario[] };
      expect(scenarios.length).toBeGreaterThan(0);
      for (const s of scenarios) {
        const options = { asOf: s.as_of, readings: s.readings, calendar: s.calendar };
        expect(trusted.ruleset.evaluate(s.input, options)).toStrictEqual(checked.ruleset.evaluate(s.input, options));
      }
    });
  }
});
