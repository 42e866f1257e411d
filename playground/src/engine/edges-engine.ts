/**
 * The edges search of one scenario, for the playground's Edges tab: the same
 * `findEdges` and `timelineSvg` the CLI's `rulebook edges` calls, over the program the
 * engine compiled, with the same caps (the evaluation and test budgets of findEdges).
 * Runs in its own worker so a long search never delays compiling what is typed.
 */
import { compileSource, effectiveScenario, runAll } from './engine.js';
import { findEdges, type EdgeReport } from '../../../edges/find.js';
import { timelineSvg } from '../../../edges/timeline.js';
import type { Scenario } from '../../../runtime/scenario.js';
import type { Outcome } from './protocol.js';
import type { TraceNode } from '../../../runtime/trace.js';

/** What the Edges tab shows for one scenario. */
export type EdgesResult =
  | { ok: true; report: EdgeReport; svg: string; ms: number }
  | { ok: false; message: string };

/** Finds the edges of `scenario` (with the page's reading overrides). Never throws. */
export function edgesOf(source: string, scenario: Scenario, overrides: Record<string, string>): EdgesResult {
  const t0 = performance.now();
  const c = compileSource(source);
  if (!c.ruleset) return { ok: false, message: 'The rules do not compile; fix the errors to search for edges.' };
  const s = effectiveScenario(scenario, overrides, c.meta);
  const options = { asOf: s.as_of, readings: s.readings, calendar: s.calendar };
  try {
    const report = findEdges(c.ruleset, s.input, { ...options, source });
    if ('error' in report) return { ok: false, message: `The scenario does not evaluate: ${report.error}` };
    return { ok: true, report, svg: timelineSvg(c.ruleset, s.input, options, report), ms: performance.now() - t0 };
  } catch (err) {
    return { ok: false, message: `The edges search failed: ${(err as Error).message}` };
  }
}

/** Runs one scenario (a neighbour) with its explanation, as the results panel shows it. */
export function runOne(source: string, scenario: Scenario, overrides: Record<string, string>): { outcome?: Outcome; trace?: TraceNode[] } {
  const { outcomes, trace } = runAll(compileSource(source), { scenarios: [scenario], overrides, selected: 0 });
  return { outcome: outcomes[0], trace };
}
