/**
 * Edit-loop latency on the largest program: real keystrokes in the rules editor, each
 * one waited for before the next.
 * The page measures from the text change to the diagnostics shown, to the results the
 * user sees drawn (the selected scenario's result and the list rows in view: the worker
 * answers those first), and to every scenario's result drawn (see playground/src/perf.ts).
 */
import './page-types.js';
import type { Page } from 'playwright-core';
import { settle, lastShown, waitForResults } from './page-helpers.js';
import { codeDigit, nextDigit } from '../../bench/latency.js';

/** Median and p95 of both latencies, in milliseconds. */
export interface LatencyReport {
  program: string;
  edit: 'comment' | 'code';
  scenarios: number;
  edits: number;
  diagnostics: { n: number; median: number; p95: number };
  /** To the results the user sees drawn: the selected scenario's result and the rows of the scenario list in view. */
  results: { n: number; median: number; p95: number };
  /** To every scenario's result drawn (rows out of view, the counts of passed and failed). */
  all: { n: number; median: number; p95: number };
  /** The worker's own time: compile + load, and running every scenario. */
  compile: { n: number; median: number; p95: number };
  run: { n: number; median: number; p95: number };
  /** The steps of keystroke -> results, in order (playground/src/perf.ts STEPS): median and p95 of each. */
  steps: { step: string; n: number; median: number; p95: number }[];
}

/**
 * Runs `edits` keystrokes (at least 50), every one giving a new text, so the engine's cache
 * of compiled programs never answers and each edit pays for a full compile.
 * - `comment`: each keystroke types one more letter into a comment at the end of the
 *   program. The compiled program does not change, so the engine reuses the scenario
 *   results of the previous run (playground/src/engine/engine.ts).
 * - `code`: each keystroke replaces one digit of a number in the program's code, at the
 *   places bench/latency.ts's value edits change (`codeDigit`), moving through the program:
 *   each edit changes a definition some outputs depend on, few or many, so the scenarios
 *   compute again the outputs it can reach (runtime/rerun.ts) as they would for a product
 *   manager's edit. (A digit of a new output of its own would reach no other output.)
 *   Each digit is scrolled into view and drawn before its keystroke, as a user looks at a
 *   place before typing there; typing out of view would time Monaco scrolling the editor
 *   (some 15-20 ms of the page's thread) as part of the keystroke.
 */
export async function measureLatency(page: Page, program: string, edits = 60, edit: 'comment' | 'code' = 'comment'): Promise<LatencyReport> {
  await page.evaluate(() => {
    const app = window.__rulebook!;
    const model = app.editor.getModel()!;
    const last = model.getLineCount();
    app.editor.setPosition({ lineNumber: last, column: model.getLineMaxColumn(last) });
    app.editor.focus();
  });
  await page.keyboard.type('\n# latency probe ');
  await waitForResults(page, 0);
  await settle(page);
  await page.evaluate(() => window.__rulebook!.perf.reset());
  let valueEdit = 1;
  for (let i = 0; i < edits; i++) {
    const before = await lastShown(page);
    if (edit === 'comment') await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
    else {
      // select the digit of the bench's next value edit (odd numbers, as there) and type its
      // successor; a 0 would stay 0 (no new text, no new results), so it is passed over
      const text = await page.evaluate(() => window.__rulebook!.editor.getModel()!.getValue());
      let at: number;
      do { at = codeDigit(text, valueEdit); valueEdit += 2; } while (text[at] === '0');
      // the digit is brought into view first and the page draws it, as a user scrolls to a
      // place before typing there: the keystroke is timed, not the editor's scroll to it
      await page.evaluate(async (offset) => {
        const app = window.__rulebook!;
        const p = app.editor.getModel()!.getPositionAt(offset);
        app.editor.setSelection({ startLineNumber: p.lineNumber, startColumn: p.column, endLineNumber: p.lineNumber, endColumn: p.column + 1 });
        app.editor.revealPositionInCenterIfOutsideViewport(p);
        await new Promise((drawn) => requestAnimationFrame(() => requestAnimationFrame(drawn)));
      }, at);
      await page.keyboard.type(nextDigit(text[at]!));
    }
    await waitForResults(page, before);
    await settle(page);
  }
  const raw = await page.evaluate(() => ({
    scenarios: window.__rulebook!.state.scenarios.length,
    diagnostics: [...window.__rulebook!.perf.diagnostics],
    results: [...window.__rulebook!.perf.results],
    all: [...(window.__rulebook!.perf.all ?? window.__rulebook!.perf.results)],
    compile: [...window.__rulebook!.perf.compile],
    run: [...window.__rulebook!.perf.run],
    steps: Object.entries(window.__rulebook!.perf.steps).map(([step, xs]) => ({ step, xs: [...xs] })),
  }));
  return {
    program, edit, scenarios: raw.scenarios, edits, diagnostics: stats(raw.diagnostics), results: stats(raw.results), all: stats(raw.all),
    compile: stats(raw.compile), run: stats(raw.run),
    steps: raw.steps.map((s) => ({ step: s.step, ...stats(s.xs) })),
  };
}

function stats(xs: number[]): { n: number; median: number; p95: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Math.round(s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]! * 10) / 10;
  return { n: s.length, median: at(0.5), p95: at(0.95) };
}
