/**
 * Runs the data-driven conformance cases of conformance/*.yaml: each program compiles (or
 * is refused with exactly the listed codes) and each case gives the listed outputs or error.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compile } from '../compiler/compile.js';
import { load } from '../runtime/load.js';
import { runScenario, type Scenario } from '../runtime/scenario.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'conformance');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

interface ConformanceFile { program: string; diagnostics?: string[]; cases: Scenario[] }

describe('conformance cases', () => {
  it('has cases', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(7);
  });

  describe.each(FILES)('%s', (file) => {
    const data = parseYaml(readFileSync(join(DIR, file), 'utf8')) as ConformanceFile;
    const compiled = compile(data.program, { path: file });
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');

    if (data.diagnostics) {
      it('is refused with the listed codes', () => {
        expect(errors.map((d) => d.code).sort()).toEqual([...data.diagnostics!].sort());
      });
      return;
    }

    it('compiles', () => {
      expect(errors.map((d) => `${d.code} ${d.span.startLine}:${d.span.startColumn} ${d.message}`)).toEqual([]);
    });

    it.each(data.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const loaded = load(compiled.artifact!);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const outcome = runScenario(loaded.ruleset, c);
      expect(outcome.mismatches).toEqual([]);
    });
  });
});
