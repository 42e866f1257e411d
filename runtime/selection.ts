/**
 * The output runners of one loaded program (values/record.ts `outputRunner`), one per
 * evaluator and selection of outputs. A caller asking for the same outputs on every
 * evaluation (a fresh array each time, as a request handler builds it) finds its runner
 * by comparing names with the last selection, without building a key.
 */
import type { Compiled } from './compile-ir.js';
import type { OutputRunner } from './values/record.js';

/** Distinct selections kept per evaluator; beyond this the loop of `evaluate` serves (no unbounded growth). */
const MAX_SELECTIONS = 64;

/** Same texts in the same order (output names here; the parts of a generated source in codegen/index.ts). */
export function sameTexts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class SelectionRunners {
  private last?: { compiled: Compiled; names: string[]; runner: OutputRunner };
  private readonly byKey = new Map<Compiled, Map<string, OutputRunner>>();

  /** `build(compiled, names)`: the runner of those outputs (names empty: all of them). */
  constructor(private readonly build: (compiled: Compiled, names: readonly string[]) => OutputRunner) {}

  /** The runner of the selected outputs (checked names, empty for all), or undefined past MAX_SELECTIONS. */
  of(compiled: Compiled, names: readonly string[]): OutputRunner | undefined {
    const last = this.last;
    if (last && last.compiled === compiled && sameTexts(last.names, names)) return last.runner;
    let kept = this.byKey.get(compiled);
    if (!kept) this.byKey.set(compiled, kept = new Map());
    // a compiled program's names are identifiers, but a hand-made artifact's may hold any text
    // (a line feed included): JSON keeps the selections ["a", "b"] and ["a\nb"] apart
    const key = JSON.stringify(names);
    let runner = kept.get(key);
    if (!runner) {
      if (kept.size >= MAX_SELECTIONS) return undefined;
      kept.set(key, runner = this.build(compiled, names));
    }
    this.last = { compiled, names: [...names], runner };
    return runner;
  }
}
