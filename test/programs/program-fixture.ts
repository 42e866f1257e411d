/**
 * What every program test starts from: the program under programs/ compiled, its scenario
 * file read, its ruleset loaded, and the summaries the tests compare (diagnostics, readings,
 * readings no scenario switches). Shared by test/programs/*.test.ts.
 */
import { readFileSync } from 'node:fs';
import { it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { compile } from '../../compiler/compile.js';
import { load, type Ruleset } from '../../runtime/load.js';
import { runScenario, type Scenario } from '../../runtime/scenario.js';
import { inputFieldTable, documentedInputFields } from './input-fields.js';

/** One program of programs/: its source, compilation, scenarios and guide. */
export interface ProgramFixture {
  source: string;
  compiled: ReturnType<typeof compile>;
  scenarios: Scenario[];
  /** The loaded ruleset; throws when the program does not compile or load. */
  ruleset(): Ruleset;
  /** The text of programs/<name>.md. */
  guide(): string;
}

/** Reads and compiles programs/<name>.rules with programs/<name>.scenarios.yaml. */
export function programFixture(name: string): ProgramFixture {
  const file = (ext: string) => fileURLToPath(new URL(`../../programs/${name}${ext}`, import.meta.url));
  const source = readFileSync(file('.rules'), 'utf8');
  const compiled = compile(source, { path: `programs/${name}.rules` });
  const scenarios = (parseYaml(readFileSync(file('.scenarios.yaml'), 'utf8')) as { scenarios: Scenario[] }).scenarios;
  return {
    source, compiled, scenarios,
    ruleset() {
      if (!compiled.artifact) throw new Error(`programs/${name}.rules does not compile`);
      const loaded = load(compiled.artifact);
      if (!loaded.ok) throw new Error(`${loaded.error.code}: ${loaded.error.message}`);
      return loaded.ruleset;
    },
    guide: () => readFileSync(file('.md'), 'utf8'),
  };
}

/** Every diagnostic of the compilation as "severity CODE message" (empty for a clean program). */
export function diagnosticLines(f: ProgramFixture): string[] {
  return f.compiled.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`);
}

/** The declared readings: name -> default option and all options, in declaration order. */
export function declaredReadings(f: ProgramFixture): Record<string, { default: string; options: string[] }> {
  return Object.fromEntries(f.compiled.artifact!.readings.map((r) => [r.name, { default: r.default, options: r.options.map((o) => o.name) }]));
}

/** The `reading=option` pairs, other than defaults, that no scenario switches to. */
export function readingsNeverSwitched(f: ProgramFixture): string[] {
  const switched = new Set(f.scenarios.flatMap((s) => Object.entries(s.readings ?? {}).map(([k, v]) => `${k}=${v}`)));
  return f.compiled.artifact!.readings.flatMap((r) => r.options.filter((o) => o.name !== r.default).map((o) => `${r.name}=${o.name}`))
    .filter((pair) => !switched.has(pair));
}

/**
 * The checks every program's scenario file passes, as tests of the calling `describe`: at least
 * `minimum` scenarios, each asserting something; every alternative reading switched by one; every
 * scenario green.
 */
export function scenarioFileChecks(f: ProgramFixture, minimum: number): void {
  it(`has at least ${minimum} scenarios, each asserting something`, () => {
    expect(f.scenarios.length).toBeGreaterThanOrEqual(minimum);
    for (const s of f.scenarios) {
      const asserted = Object.keys(s.expect.outputs ?? {}).length + Object.keys(s.expect.reasons ?? {}).length + (s.expect.error ? 1 : 0);
      expect(asserted, s.name).toBeGreaterThan(0);
    }
  });

  it('switches every non-default option of every reading in some scenario', () => {
    expect(readingsNeverSwitched(f)).toEqual([]);
  });

  const rs = f.ruleset();
  it.each(f.scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const outcome = runScenario(rs, s);
    expect(outcome.mismatches).toEqual([]);
    expect(outcome.passed).toBe(true);
  });
}

/**
 * The checks every program guide (programs/<name>.md) passes, as tests of the calling `describe`:
 * its input-field table is exactly the one derived from the input schema, and it names every
 * output and every reading.
 */
export function guideChecks(f: ProgramFixture): void {
  const doc = f.guide();

  it('documents exactly the input fields of the schema, required and optional', () => {
    const documented = documentedInputFields(doc);
    expect(documented, 'the .md has an input-fields block').toBeDefined();
    expect(documented).toBe(inputFieldTable(f.compiled.artifact!.schemas.input as Record<string, any>));
  });

  it('names every output and every reading of the program', () => {
    const outputs = f.compiled.artifact!.outputs.map((o: { name: string }) => o.name);
    expect(outputs.length).toBeGreaterThan(10);
    for (const name of outputs) expect(doc, `output ${name}`).toContain(`\`${name}\``);
    for (const r of f.compiled.artifact!.readings) expect(doc, `reading ${r.name}`).toContain(`\`${r.name}\``);
  });
}
