/**
 * `rulebook test`: runs scenario files against their programs, prints one line per
 * failing scenario and ends with "N passed, N failed". With --coverage it also lists
 * every rule, table row and clause that no scenario exercised.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, basename, resolve as resolvePath, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { load } from '../runtime/load.js';
import { runScenario, collectExercised, type Scenario, type Exercised, type ScenarioOutcome } from '../runtime/scenario.js';
import { scenarioFileProblems } from '../runtime/scenario-schema.js';
import { diffExpectation, formatDiffValue } from '../runtime/diff.js';
import { oneLine } from '../runtime/printable.js';
import type { Artifact, Definition } from '../runtime/ir.js';
import { CliError, readText, findFiles, out } from './io.js';
import { compileFile } from './compile-file.js';

const SCENARIO_SUFFIXES = ['.scenarios.yaml', '.scenarios.yml', '.scenarios.json'];

export interface ScenarioFile { path: string; program: string; scenarios: Scenario[] }

/** Reads a scenario file (YAML or JSON): `{program?, scenarios: [...]}`. */
export function readScenarioFile(path: string): ScenarioFile {
  let doc: unknown;
  try {
    doc = parseYaml(readText(path));
  } catch (e) {
    throw new CliError(`${path}: not valid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  const d = doc as { program?: string; scenarios?: unknown };
  if (!d || !Array.isArray(d.scenarios)) throw new CliError(`${path}: expected a list under "scenarios:"`);
  const stem = basename(path).replace(/\.scenarios\.(ya?ml|json)$/, '');
  const program = join(dirname(path), d.program ?? `${stem}.rules`);
  // unknown keys and scenarios that assert nothing would pass silently: refuse them
  const problems = scenarioFileProblems(doc);
  if (problems.length) throw new CliError(`${path}: ${problems[0]}`, 2, problems.length > 1 ? problems.slice(1).map((p) => oneLine(`${path}: ${p}`)).join('\n') : undefined);
  return { path, program, scenarios: d.scenarios as Scenario[] };
}

/** Scenario files for the given paths: .rules files, scenario files or folders. */
export function scenarioFilesFor(paths: string[]): string[] {
  const targets = paths.length ? paths : ['programs'];
  const files: string[] = [];
  for (const p of targets) {
    if (!existsSync(p)) throw new CliError(`${p}: no such file or folder`);
    if (statSync(p).isDirectory()) files.push(...findFiles(p, SCENARIO_SUFFIXES));
    else if (p.endsWith('.rules')) {
      const stem = p.slice(0, -'.rules'.length);
      const found = SCENARIO_SUFFIXES.map((s) => stem + s).filter((f) => existsSync(f));
      if (!found.length) throw new CliError(`${p}: no scenario file next to it (expected ${stem}.scenarios.yaml)`);
      files.push(...found);
    } else files.push(p);
  }
  return [...new Set(files)];
}

/** Everything a program could exercise: `definition.rule`, `definition#row N`, clauses. */
function universe(a: Artifact): { rules: Map<string, Definition>; rows: Map<string, Definition>; clauses: Set<string> } {
  const rules = new Map<string, Definition>(), rows = new Map<string, Definition>(), clauses = new Set<string>();
  const add = (cs: string[]) => cs.forEach((c) => clauses.add(c));
  for (const d of a.definitions) {
    add(d.clauses);
    for (const r of d.rules ?? []) { rules.set(`${d.name}.${r.name}`, d); add(r.clauses); }
    for (const r of d.table?.rows ?? []) { rows.set(`${d.name}#${r.label}`, d); add(r.clauses); }
    for (const r of d.requirements ?? []) add(r.clauses);
    const visit = (v: unknown): void => {
      if (!v || typeof v !== 'object') return;
      if (Array.isArray(v)) { v.forEach(visit); return; }
      const o = v as Record<string, unknown>;
      if (o.op === 'effective') for (const ver of o.versions as { clauses: string[] }[]) add(ver.clauses);
      Object.values(o).forEach(visit);
    };
    visit(d.body); visit(d.rules); visit(d.table); visit(d.requirements); visit(d.otherwise);
  }
  for (const o of a.outputs) add(o.clauses);
  for (const r of a.readings) add(r.clauses);
  return { rules, rows, clauses };
}

/**
 * Why a scenario failed, one line per expected leaf that differs
 * (`purchases_review[B2].rate: expected 50%, got 55%`); errors as the runtime words them.
 */
function failureLines(s: Scenario, o: ScenarioOutcome): string[] {
  if (!o.result.ok || s.expect.error) return o.mismatches;
  const d = diffExpectation(s.expect, o.result.outputs);
  return [
    ...d.missing.map((m) => `the program has no output ${m}`),
    ...d.rows.map((r) => `${r.path}: expected ${formatDiffValue(r.before)}, got ${formatDiffValue(r.after)}`),
  ];
}

/** The `test` command. */
export function runTests(paths: string[], coverage: boolean): number {
  const files = scenarioFilesFor(paths);
  if (!files.length) throw new CliError('no scenario files found (they are named <program>.scenarios.yaml)');
  let passed = 0, failed = 0, uncovered = 0;
  const byProgram = new Map<string, { artifact: Artifact; exercised: Exercised }>();
  for (const file of files) {
    const sf = readScenarioFile(file);
    const key = resolvePath(sf.program);
    let entry = byProgram.get(key);
    if (!entry) {
      const artifact = compileFile(sf.program, true);
      if (!artifact) { out(`FAIL ${sf.program}: the program does not compile; ${sf.scenarios.length} scenario(s) not run`); failed += sf.scenarios.length; continue; }
      entry = { artifact, exercised: { rules: new Set(), rows: new Set(), clauses: new Set(), definitions: new Set() } };
      byProgram.set(key, entry);
    }
    const loaded = load(entry.artifact);
    if (!loaded.ok) { out(`FAIL ${sf.program}: ${loaded.error.message}`); failed += sf.scenarios.length; continue; }
    for (const s of sf.scenarios) {
      const outcome = runScenario(loaded.ruleset, s, coverage);
      if (outcome.passed) passed++;
      else { failed++; out(`FAIL ${relative('.', file)}: ${s.name}\n${failureLines(s, outcome).map((l) => `    ${l}`).join('\n')}`); }
      if (coverage && outcome.result.ok && outcome.result.trace) collectExercised(outcome.result.trace, entry.exercised);
    }
  }
  if (coverage) {
    for (const [key, { artifact, exercised }] of byProgram) {
      const u = universe(artifact);
      const missing = [
        ...[...u.rules.keys()].filter((r) => !exercised.rules.has(r)).map((r) => `rule ${r}`),
        ...[...u.rows.keys()].filter((r) => !exercised.rows.has(r)).map((r) => `table row ${r}`),
        ...[...u.clauses].filter((c) => !exercised.clauses.has(c)).map((c) => `clause ${c}`),
        ...artifact.definitions.filter((d) => !exercised.definitions.has(d.name)).map((d) => `definition ${d.name}`),
      ];
      uncovered += missing.length;
      out(missing.length ? `coverage ${relative('.', key)}: not exercised by any scenario:\n  ${missing.join('\n  ')}` : `coverage ${relative('.', key)}: every rule, row, clause and definition is exercised`);
    }
  }
  out(`${passed} passed, ${failed} failed`);
  return failed || uncovered ? 1 : 0;
}
