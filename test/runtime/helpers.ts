/**
 * Shared helpers of the runtime tests: compile a program from text or from a fixture,
 * load it, and evaluate with failures that read well.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from '../../compiler/compile.js';
import { load, type Ruleset, type EvaluateOptions, type EvaluateResult } from '../../runtime/load.js';
import type { Artifact } from '../../runtime/ir.js';
import type { TraceNode } from '../../runtime/trace.js';

/** Absolute path of a file under test/fixtures/runtime. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../fixtures/runtime/${name}`, import.meta.url));
}

/** Compiles source text, failing the test with the first diagnostic when it does not compile. */
export function artifactOf(source: string): Artifact {
  const result = compile(source);
  if (!result.artifact) {
    const d = result.diagnostics.find((x) => x.severity === 'error');
    throw new Error(`test program does not compile: ${d ? `${d.code} ${d.message} at ${JSON.stringify(d.span)}` : 'no artifact'}`);
  }
  return result.artifact;
}

/** Compiles and loads source text. */
export function rulesetOf(source: string): Ruleset {
  const loaded = load(artifactOf(source));
  if (!loaded.ok) throw new Error(`test program does not load: ${loaded.error.code} ${loaded.error.message}`);
  return loaded.ruleset;
}

/** Compiles and loads a fixture program. */
export function rulesetOfFixture(name: string): Ruleset {
  return rulesetOf(readFileSync(fixture(name), 'utf8'));
}

/** Evaluates and returns the outputs, failing with the error when the evaluation fails. */
export function outputsOf(ruleset: Ruleset, input: unknown, options?: EvaluateOptions): Record<string, unknown> {
  const result = ruleset.evaluate(input, options);
  if (!result.ok) throw new Error(`expected outputs, got ${result.error.code}: ${result.error.message}`);
  return result.outputs;
}

/** Evaluates and returns the error, failing when the evaluation succeeds. */
export function errorOf(ruleset: Ruleset, input: unknown, options?: EvaluateOptions): Extract<EvaluateResult, { ok: false }>['error'] {
  const result = ruleset.evaluate(input, options);
  if (result.ok) throw new Error(`expected an error, got outputs ${JSON.stringify(result.outputs)}`);
  return result.error;
}

/** A program header; the body follows after a blank line. */
export function header(options: { name?: string; currency?: string; zone?: string; calendar?: string; rounding?: string; monthEnd?: string } = {}): string {
  return [
    `program ${options.name ?? 'test_program'} "A test program"`,
    `  currency ${options.currency ?? 'RUB'}`,
    `  zone ${options.zone ?? 'Europe/Moscow'}`,
    ...(options.calendar ? [`  calendar ${options.calendar}`] : []),
    `  rounding ${options.rounding ?? 'half up to 0.01'}`,
    `  month end ${options.monthEnd ?? 'clamp'}`,
    '',
  ].join('\n');
}

/**
 * Identity numbers in call keys (`o17`) renumbered in order of first appearance: they count
 * objects across the whole process, so two evaluations of one input give different numbers.
 * A line listed under several parents (one "as computed above" line per call) is one
 * object: renumbered once.
 */
export function renumber(trace: TraceNode[] | undefined): void {
  const ids = new Map<string, number>();
  const seen = new Set<TraceNode>();
  const walk = (ns: TraceNode[]) => {
    for (const n of ns) {
      if (seen.has(n)) continue;
      seen.add(n);
      if (n.key !== undefined) {
        n.key = n.key.replace(/(?<=[(,])o(\d+)(?=[,)])/g, (_, id: string) => {
          if (!ids.has(id)) ids.set(id, ids.size + 1);
          return `o${ids.get(id)!}`;
        });
      }
      walk(n.children);
    }
  };
  if (trace) walk(trace);
}

/**
 * The first object in a tree (an artifact, a part of one) for which `pick` is true, depth
 * first; `laterFirst` visits later siblings first. Throws when there is none.
 */
export function findObject(a: unknown, pick: (o: Record<string, unknown>) => boolean, laterFirst = false): Record<string, unknown> {
  const stack = [a];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    if (!Array.isArray(v) && pick(v as Record<string, unknown>)) return v as Record<string, unknown>;
    const children = Object.values(v as object);
    stack.push(...(laterFirst ? children : children.reverse()));
  }
  throw new Error('nothing to tamper with');
}
