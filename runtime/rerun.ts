/**
 * Scenarios evaluated again after an edit (the playground's worker on every keystroke,
 * bench/latency.ts): an output whose definitions the edit did not touch has the value it
 * had, so only the outputs that can have changed are computed (`evaluate`'s `outputs`
 * option) and the others are taken from the last program's result for the same scenario.
 *
 * Why the merged result is the full evaluation's (test/runtime/rerun.test.ts compares them
 * over edits of every program):
 * - evaluation is a function of the program and the scenario (input, instant, readings,
 *   calendar); the last result is kept by that scenario's JSON text;
 * - an output's value depends only on the header, types, readings and inputs (the artifact's
 *   `shapeOf`: any change there recomputes everything) and on the definitions it names,
 *   directly or through others. Every reference in the IR is a definition's name as a
 *   string, so the names met anywhere in an output's IR, closed over the definitions'
 *   IR, hold all it reads (a string that merely equals a name only adds work);
 * - only a last result that succeeded is reused: its unchanged outputs computed without a
 *   fault, and do again. A partial evaluation that fails is done again in full, so the error
 *   is the full evaluation's. An explanation is never merged: it is evaluated in full;
 * - a scenario whose last evaluation computed none of the definitions and outputs the edit
 *   changed is not evaluated at all (see Kept), explained or not: most edits change one
 *   definition, which only some scenarios reach. The results handed back are shared with
 *   the last program's: callers only read them (the worker copies them to the page).
 */
import type { Artifact, Definition, OutputIR } from './ir.js';
import { REACHED, type EvaluateOptions, type EvaluateResult, type Ruleset } from './load.js';
import type { Scenario } from './scenario.js';
import { shapeOf } from './same-program.js';
import { sameTexts } from './selection.js';
import { fieldsMerger } from './values/record.js';

/** Results kept per program; more scenarios than this are evaluated in full past it (no unbounded growth). */
const MAX_KEPT = 2000;

/** What is known of one program. */
interface ProgramRuns {
  artifact: Artifact;
  evaluate: Ruleset['evaluate'];
  shape: string;
  /** The outputs the edit from the last program can have changed, in order; undefined: all of them. */
  affected: string[] | undefined;
  /** The definitions and outputs new or different since the last program (when `affected` is known). */
  changed: ReadonlySet<string> | undefined;
  results: Map<string, Kept>;
  /** A partial result's outputs, the others taken from the last result, in the program's order. */
  merge: (part: Record<string, unknown>, last: Record<string, unknown>) => Record<string, unknown>;
  /** The explained results, trace included (one scenario's at a time, in the playground). */
  explained: Map<string, Kept>;
}

/**
 * A result kept, with the definitions and outputs its evaluation computed (`reached`, from
 * the generated evaluators' slots and, explained, the lines: load.ts REACHED), when known:
 * only a generated evaluator tells them, not the reference a program fell back to. An
 * evaluation that computed none of the parts an edit changed computes the same again:
 * evaluation is deterministic, and it takes the same steps under the new program until the
 * first call of a changed part — which never comes. So its result is the last one, without
 * evaluating. (The generated evaluator skips some work by its interval memos, but decides
 * what to skip from values it computed: the same steps under both programs, skips included.)
 */
interface Kept { result: EvaluateResult; reached: readonly string[] | undefined }

/** The names in `a` or `b`, once each. */
function union(a: readonly string[], b: readonly string[]): string[] {
  const all = new Set(a);
  for (const n of b) all.add(n);
  return [...all];
}

/**
 * The merger of the outputs `names` (values/record.ts fieldsMerger), kept while the outputs
 * stay the same: a value edit makes a new program with the same outputs, and a merger made
 * anew on each keystroke would run as new, unoptimised code.
 */
let lastMerger: { names: readonly string[]; merge: ProgramRuns['merge'] } | undefined;
function mergerOf(names: readonly string[]): ProgramRuns['merge'] {
  if (!lastMerger || !sameTexts(lastMerger.names, names)) lastMerger = { names, merge: fieldsMerger(names) };
  return lastMerger.merge;
}

/** Whether any name in `reached` is in `changed`. */
function touches(reached: readonly string[], changed: ReadonlySet<string>): boolean {
  for (const n of reached) if (changed.has(n)) return true;
  return false;
}

/** The definition and output names a part of the IR names, memoised per IR object (the incremental compiler reuses unchanged ones). */
const namesCache = new WeakMap<object, string[]>();
function namesIn(part: Definition | OutputIR, known: ReadonlySet<string>): string[] {
  let found = namesCache.get(part);
  if (!found) {
    const into = new Set<string>();
    const walk = (x: unknown): void => {
      if (typeof x === 'string') { if (known.has(x)) into.add(x); } else if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') for (const v of Object.values(x)) walk(v);
    };
    walk(part);
    found = [...into];
    namesCache.set(part, found);
  }
  // names of another program's parts may be stale: keep those this program has
  return found.filter((n) => known.has(n));
}

/** Same IR part: the same object, or the same JSON text. */
const same = (a: unknown, b: unknown) => a === b || (a !== undefined && JSON.stringify(a) === JSON.stringify(b));

/** The outputs of `next` that can differ from `prev`'s for any scenario, in order; undefined when every output can. */
export function affectedOutputs(prev: Artifact, next: Artifact, nextShape = shapeOf(next), prevShape = shapeOf(prev)): string[] | undefined {
  return changesOf(prev, next, nextShape, prevShape)?.affected;
}

/** The outputs of `next` that can differ from `prev`'s, and the parts new or different; undefined when the shapes differ. */
function changesOf(prev: Artifact, next: Artifact, nextShape: string, prevShape: string): { affected: string[]; changed: Set<string> } | undefined {
  if (nextShape !== prevShape) return undefined;
  // definitions and outputs share one namespace (an output may name another)
  const before = new Map<string, Definition | OutputIR>();
  for (const p of [...prev.definitions, ...prev.outputs]) before.set(p.name, p);
  const parts = new Map<string, Definition | OutputIR>();
  for (const p of [...next.definitions, ...next.outputs]) parts.set(p.name, p);
  const known = new Set(parts.keys());
  // changed: a part that is new or different (a removed one is no longer named by anything unchanged)
  const changed = new Set<string>();
  for (const [name, p] of parts) if (!same(before.get(name), p)) changed.add(name);
  const dirty = new Map<string, boolean>();
  const isDirty = (name: string, seen: Set<string>): boolean => {
    const known1 = dirty.get(name);
    if (known1 !== undefined) return known1;
    if (seen.has(name)) return false; // a cycle is refused by the compiler; its other members decide
    seen.add(name);
    const part = parts.get(name);
    const result = changed.has(name) || (part !== undefined && namesIn(part, known).some((n) => isDirty(n, seen)));
    dirty.set(name, result);
    return result;
  };
  return { affected: next.outputs.filter((o) => isDirty(o.name, new Set())).map((o) => o.name), changed };
}

/**
 * A scenario's key: everything its evaluation reads besides the program. The input's JSON
 * (kilobytes for a history) is written once per input object: the same scenarios are run on
 * every keystroke (the worker gets new objects only when the scenarios change, and never
 * changes one in place), and handing back the same key string lets the result maps find it by
 * identity instead of hashing and comparing its text again. The rest (instant, readings,
 * calendar: the readings change with the page's switches) is small and written every time.
 */
const inputTexts = new WeakMap<object, { text: string; rest: string; key: string }>();
function keyOf(s: Scenario): string {
  const rest = JSON.stringify([s.as_of ?? null, s.readings ?? null, s.calendar ?? null]);
  const input = s.input as unknown;
  if (typeof input !== 'object' || input === null) return `${JSON.stringify(input ?? null)}\u0000${rest}`;
  const known = inputTexts.get(input);
  if (known?.rest === rest) return known.key;
  const text = known?.text ?? JSON.stringify(input);
  const key = `${text}\u0000${rest}`;
  inputTexts.set(input, { text, rest, key });
  return key;
}

/** The last results of a series of programs (one editor), reused output by output where the edit cannot reach. */
export class Rerun {
  private last: ProgramRuns | undefined;
  private current: ProgramRuns | undefined;

  /** `ruleset.evaluate` of the scenario (with an explanation when `explain`), reusing what the last program computed. */
  evaluate(ruleset: Ruleset, s: Scenario, explain = false): EvaluateResult {
    const runs = this.runsOf(ruleset);
    let reached: readonly string[] | undefined;
    const options = { asOf: s.as_of, readings: s.readings, calendar: s.calendar, [REACHED]: (names: string[]) => { reached = names; } };
    const key = keyOf(s);
    if (explain) return this.explain(ruleset, runs, s, key, options, () => reached);
    // this very program has evaluated this scenario: the same result
    const mine = runs.results.get(key);
    if (mine) return mine.result;
    const before = this.last?.results.get(key);
    let result: EvaluateResult | undefined;
    if (before?.result.ok && runs.affected) {
      const last = before.result;
      // no output can have changed, or the last evaluation computed nothing the edit changed
      if (!runs.affected.length || (before.reached && !touches(before.reached, runs.changed!))) ({ result, reached } = before);
      else {
        const part = ruleset.evaluate(s.input, { ...options, outputs: runs.affected });
        if (part.ok) {
          result = { ok: true, outputs: runs.merge(part.outputs, last.outputs), readings: part.readings };
          // the outputs taken from the last result computed what they did then
          reached = reached && before.reached ? union(reached, before.reached) : undefined;
        }
      }
    }
    if (!result) {
      reached = undefined;
      result = ruleset.evaluate(s.input, options);
    }
    if (runs.results.size < MAX_KEPT) runs.results.set(key, { result, reached });
    return result;
  }

  /**
   * An explained evaluation: the one this program made of the scenario, or the last
   * program's when that computed (and showed) nothing the edit changed: the explanation
   * is then the same, line for line (see Kept). Its result is kept for plain runs too,
   * without its trace.
   */
  private explain(ruleset: Ruleset, runs: ProgramRuns, s: Scenario, key: string, options: EvaluateOptions, reached: () => readonly string[] | undefined): EvaluateResult {
    const kept = runs.explained.get(key) ?? this.carried(runs, key, this.last?.explained.get(key));
    if (kept) return kept.result;
    const result = ruleset.evaluate(s.input, { ...options, explain: true });
    const entry: Kept = { result, reached: reached() };
    if (runs.explained.size < MAX_KEPT) runs.explained.set(key, entry);
    if (runs.results.size < MAX_KEPT && !runs.results.has(key)) runs.results.set(key, { result: result.ok ? { ok: true, outputs: result.outputs, readings: result.readings } : result, reached: entry.reached });
    return result;
  }

  /** The last program's explained result, kept for this one when the edit changed nothing it computed. */
  private carried(runs: ProgramRuns, key: string, before: Kept | undefined): Kept | undefined {
    if (!before?.result.ok || !runs.affected || !before.reached || touches(before.reached, runs.changed!)) return undefined;
    if (runs.explained.size < MAX_KEPT) runs.explained.set(key, before);
    return before;
  }

  /** This program's runs; a new program makes the current one the last. */
  private runsOf(ruleset: Ruleset): ProgramRuns {
    const cur = this.current;
    // the same evaluator (loadCompiled hands it back for the same program, e.g. after a comment): the same runs
    if (cur && cur.evaluate === ruleset.evaluate) return cur;
    const shape = shapeOf(ruleset.artifact);
    const changes = cur ? changesOf(cur.artifact, ruleset.artifact, shape, cur.shape) : undefined;
    this.last = cur;
    const merge = mergerOf(ruleset.artifact.outputs.map((o) => o.name));
    this.current = { artifact: ruleset.artifact, evaluate: ruleset.evaluate, shape, affected: changes?.affected, changed: changes?.changed, results: new Map(), explained: new Map(), merge };
    return this.current;
  }
}
