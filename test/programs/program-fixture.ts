/**
 * What every program test starts from: the program under programs/ compiled, its scenario
 * file read, its ruleset loaded, and the summaries the tests compare (diagnostics, readings,
 * readings no scenario switches). Shared by test/programs/*.test.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { compile } from '../../compiler/compile.js';
import { load, type Ruleset } from '../../runtime/load.js';
import type { Scenario } from '../../runtime/scenario.js';

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
