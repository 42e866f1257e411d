/**
 * Explanations from the traced generated program (runtime/codegen/trace.ts, what `evaluate`
 * with `explain` runs) against the reference interpreter's: the same JSON, byte for byte,
 * for every scenario of programs/, test/sample/ and test/review/, and for the differential
 * test's random inputs (same generator, seed and budget: `DIFF_RUNS`) on every program and
 * conformance program. The one thing renumbered is the identity number of an object in a
 * call key (`o17`): it counts objects across the whole process, so two evaluations of one
 * input in one process give different numbers; each is renumbered in order of first
 * appearance, which keeps which calls share an argument.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { load, loadWith, type Ruleset, type EvaluateOptions } from '../../runtime/load.js';
import { compileTraced } from '../../runtime/codegen/trace.js';
import type { Artifact } from '../../runtime/ir.js';
import type { TraceNode } from '../../runtime/trace.js';
import type { Scenario } from '../../runtime/scenario.js';
import { cases, programs } from './differential-inputs.js';
import { renumber } from './helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = Number(process.env.DIFF_RUNS ?? 150);

/** The explanation's JSON (the whole result), identity numbers renumbered. */
function explained(ruleset: Ruleset, input: unknown, options: EvaluateOptions): string {
  const r = ruleset.evaluate(input, { ...options, explain: true });
  if (r.ok) renumber(r.trace);
  return JSON.stringify(r);
}

/** Where two JSON texts first differ, with some context, for a failure that reads well. */
function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: traced …${a.slice(Math.max(0, i - 120), i + 120)}…\nreference …${b.slice(Math.max(0, i - 120), i + 120)}…`;
}

/** The traced generated program's explanation and the reference interpreter's, compared. */
class Pair {
  readonly traced: Ruleset;
  readonly reference: Ruleset;
  bytes = 0;
  compared = 0;
  constructor(readonly artifact: Artifact) {
    // the traced program must build: a load that fell back to the reference would compare the reference with itself
    expect(() => compileTraced(artifact)).not.toThrow();
    const t = load(artifact), r = loadWith(artifact, { engine: 'reference' });
    if (!t.ok || !r.ok) throw new Error(`load failed: ${JSON.stringify(t.ok ? r : t)}`);
    this.traced = t.ruleset;
    this.reference = r.ruleset;
  }

  /** Compares the two explanations of one input; true when it was explained (not refused). */
  check(label: string, input: unknown, options: EvaluateOptions): boolean {
    const a = explained(this.traced, input, options), b = explained(this.reference, input, options);
    if (a !== b) expect.fail(`${label}: the explanations differ ${firstDifference(a, b)}`);
    this.bytes += a.length;
    this.compared++;
    return a.startsWith('{"ok":true');
  }
}

function compiled(source: string, path: string): Artifact {
  const c = compile(source, { path });
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return c.artifact as Artifact;
}

/** Every scenario file with the program it runs: programs/ and test/sample/ by name, test/review/ by its `program`. */
function scenarioFiles(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['programs', 'test/sample']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith('.scenarios.yaml')).sort()) out.push([join(dir, f), join(dir, f.replace('.scenarios.yaml', '.rules'))]);
  }
  for (const f of readdirSync(join(ROOT, 'test/review')).filter((x) => x.endsWith('.yaml')).sort()) {
    const program = (parseYaml(readFileSync(join(ROOT, 'test/review', f), 'utf8')) as { program: string }).program;
    out.push([join('test/review', f), join('test/review', program)]);
  }
  return out;
}

describe('explanations of the traced generated program are the reference interpreter\'s, byte for byte', () => {
  it.each(scenarioFiles())('every scenario of %s', (file, program) => {
    const pair = new Pair(compiled(readFileSync(join(ROOT, program), 'utf8'), program));
    const scenarios = (parseYaml(readFileSync(join(ROOT, file), 'utf8')) as { scenarios: Scenario[] }).scenarios;
    for (const s of scenarios) pair.check(s.name, s.input, { asOf: s.as_of, readings: s.readings, calendar: s.calendar });
    expect(pair.compared).toBe(scenarios.length);
    // an explanation of a few bytes would compare nothing
    expect(pair.bytes / pair.compared).toBeGreaterThan(1000);
  }, 120_000);

  it.each(programs())('the differential test\'s random inputs of %s', (name, source) => {
    const pair = new Pair(compiled(source, name));
    let traces = 0;
    fc.assert(fc.property(cases(pair.artifact), (c) => {
      if (pair.check(JSON.stringify(c).slice(0, 200), c.input, { readings: c.readings, ...(c.asOf ? { asOf: c.asOf } : {}) })) traces++;
    }), { seed: 20251130, numRuns: RUNS });
    // as in the differential test: most inputs must be explained, not refused
    expect(traces).toBeGreaterThan(name.startsWith('conformance/') ? RUNS / 8 : RUNS / 4);
  }, 180_000);
});

describe('an explanation shares what is equal between its lines', () => {
  it('a call repeated under several parents is one line, listed under each', () => {
    const artifact = compiled(readFileSync(join(ROOT, 'programs/referral-ru.rules'), 'utf8'), 'programs/referral-ru.rules');
    const scenarios = (parseYaml(readFileSync(join(ROOT, 'programs/referral-ru.scenarios.yaml'), 'utf8')) as { scenarios: Scenario[] }).scenarios;
    const ruleset = (load(artifact) as { ok: true; ruleset: Ruleset }).ruleset;
    let shared = 0;
    for (const s of scenarios) {
      const r = ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings, explain: true });
      if (!r.ok) continue;
      const parents = new Map<TraceNode, number>();
      const walk = (ns: TraceNode[]) => {
        for (const n of ns) {
          parents.set(n, (parents.get(n) ?? 0) + 1);
          walk(n.children);
        }
      };
      walk(r.trace!);
      for (const [n, k] of parents) if (k > 1) { shared++; expect(n.kind).toBe('ref'); }
    }
    // referral-ru repeats calls under several parents in most scenarios (62 ref lines, 39 distinct, per evaluation)
    expect(shared).toBeGreaterThan(scenarios.length);
  });

  it('a call is listed once under each parent, in parents of many lines too (the key index of trace.ts)', () => {
    let large = 0, repeatedInLarge = 0;
    for (const p of ['referral-ru', 'partner-intl', 'partner-ua']) {
      const ruleset = (load(compiled(readFileSync(join(ROOT, `programs/${p}.rules`), 'utf8'), p)) as { ok: true; ruleset: Ruleset }).ruleset;
      const scenarios = (parseYaml(readFileSync(join(ROOT, `programs/${p}.scenarios.yaml`), 'utf8')) as { scenarios: Scenario[] }).scenarios;
      for (const s of scenarios) {
        // twice in a row: the second evaluation must not see the first one's indexes
        for (let round = 0; round < 2; round++) {
          const r = ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings, explain: true });
          if (!r.ok) continue;
          const walk = (ns: TraceNode[]) => {
            const keys = ns.filter((n) => n.kind === 'definition' || n.kind === 'ref').map((n) => n.key!);
            expect(new Set(keys).size, `${p} / ${s.name}: a call listed twice under one parent`).toBe(keys.length);
            if (ns.length > 12) { large++; if (ns.some((n) => n.kind === 'ref')) repeatedInLarge++; }
            for (const n of ns) walk(n.children);
          };
          walk(r.trace!);
        }
      }
    }
    // the index (parents of more than 12 lines) is used, and it is asked about calls made again
    expect(large).toBeGreaterThan(20);
    expect(repeatedInLarge).toBeGreaterThan(5);
  });

  it('lines of different definitions showing one record through one parameter share its arguments object', () => {
    const ruleset = (load(compiled(readFileSync(join(ROOT, 'programs/referral-ru.rules'), 'utf8'), 'referral-ru')) as { ok: true; ruleset: Ruleset }).ruleset;
    const scenarios = (parseYaml(readFileSync(join(ROOT, 'programs/referral-ru.scenarios.yaml'), 'utf8')) as { scenarios: Scenario[] }).scenarios;
    let shared = 0;
    for (const s of scenarios) {
      const r = ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings, explain: true });
      if (!r.ok) continue;
      // each arguments object, with the text of its JSON and the definitions showing it
      const byObject = new Map<object, { json: string; names: Set<string> }>();
      const walk = (n: TraceNode) => {
        if (n.kind === 'definition' && n.args) {
          const json = JSON.stringify(n.args);
          const seen = byObject.get(n.args) ?? { json, names: new Set<string>() };
          expect(seen.json).toBe(json);
          seen.names.add(n.name);
          byObject.set(n.args, seen);
        }
        n.children.forEach(walk);
      };
      r.trace!.forEach(walk);
      for (const { names } of byObject.values()) if (names.size > 1) shared++;
    }
    // binding_effect(e), happened(e), link_used_before(e), …: one {e: …} per event and evaluation
    expect(shared).toBeGreaterThan(scenarios.length);
  });

  it('lines without children share one frozen empty list; every other line has a list of its own', () => {
    const ruleset = (load(compiled(readFileSync(join(ROOT, 'programs/partner-intl.rules'), 'utf8'), 'partner-intl')) as { ok: true; ruleset: Ruleset }).ruleset;
    const scenarios = (parseYaml(readFileSync(join(ROOT, 'programs/partner-intl.scenarios.yaml'), 'utf8')) as { scenarios: Scenario[] }).scenarios;
    const lists = new Map<TraceNode[], TraceNode>();
    let leaves = 0, empty: TraceNode[] | undefined;
    for (const s of scenarios) {
      const r = ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings, explain: true });
      if (!r.ok) continue;
      const walk = (n: TraceNode) => {
        if (n.children.length === 0) { leaves++; empty ??= n.children; expect(n.children).toBe(empty); return; }
        // a line listed under several parents ("as computed above") is one object: its list is its own all the same
        const owner = lists.get(n.children);
        expect(owner === undefined || owner === n).toBe(true);
        lists.set(n.children, n);
        n.children.forEach(walk);
      };
      r.trace!.forEach(walk);
    }
    expect(leaves).toBeGreaterThan(scenarios.length * 10);
    expect(Object.isFrozen(empty)).toBe(true);
    // a line added past addLine fails loudly instead of appearing under every leaf
    expect(() => empty!.push({ kind: 'ref', name: 'x', clauses: [], children: [] })).toThrow(TypeError);
  });
});
