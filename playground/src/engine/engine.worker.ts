/**
 * The engine's web worker: compiling and evaluating never block typing. For an
 * `update` it answers up to four times: diagnostics as soon as the program compiled,
 * the outcomes the user sees (`first`: the selected scenario, the rows in view), the
 * selected scenario's explanation (`trace`), then every scenario's results (with the
 * trace only when it was not sent on its own). The parse tree is sent only when asked (`ast`): copying it takes
 * longer than drawing the results, so it must never stand between a keystroke and them.
 * It keeps the text and the scenarios of the last update: the next one may bring only
 * the change of the text, and no scenarios when they did not change (protocol.ts).
 */
import { compileSource, impact, metaAnswer, runAll } from './engine.js';
import type { Request, Response, RunSpec, UpdateRun } from './protocol.js';
import type { Scenario } from '../../../runtime/scenario.js';
import { clock } from '../perf.js';
import { applyEdit } from './text-edit.js';

const post = (r: Response) => (self as unknown as Worker).postMessage(r);

/** The text of the last update (see the `update` request). */
let lastSource: string | undefined;

/** The text of an update: whole, or the change of the last one. */
function sourceOf(req: Extract<Request, { type: 'update' }>): string {
  if (req.source !== undefined) return (lastSource = req.source);
  if (!req.edit || lastSource === undefined) throw new Error('an edit of a text that never came');
  return (lastSource = applyEdit(lastSource, req.edit));
}

/** The scenarios of the last update that carried them (see UpdateRun). */
let scenarios: { key: number; list: Scenario[] } | undefined;

/** The run of an update, with the scenarios it names. */
function runOf(run: UpdateRun): RunSpec {
  if (run.scenarios) scenarios = { key: run.scenariosKey, list: run.scenarios };
  else if (scenarios?.key !== run.scenariosKey) throw new Error(`the scenarios numbered ${run.scenariosKey} never came`);
  return { ...run, scenarios: scenarios!.list };
}

self.onmessage = (ev: MessageEvent<Request>) => {
  const req = ev.data;
  try {
    if (req.type === 'update') {
      const start = clock();
      // the text first: the next update's change applies to it even if this one fails
      const source = sourceOf(req);
      const c = compileSource(source);
      const run = runOf(req.run);
      const compiled = clock();
      post({ type: 'diagnostics', id: req.id, diagnostics: c.diagnostics, ...metaAnswer(c, req.metaId), compileMs: c.compileMs });
      const runStart = clock();
      let traceSent = false;
      const { outcomes, trace } = runAll(c, run, (first) => {
        post({ type: 'first', id: req.id, ...first, times: { start, compiled, runStart, ran: clock() } });
      }, (selectedTrace) => {
        post({ type: 'trace', id: req.id, trace: selectedTrace });
        traceSent = true;
      });
      const ran = clock();
      post({ type: 'results', id: req.id, ok: !!c.ruleset, outcomes, ...(traceSent ? { traceSent } : { trace }), runMs: ran - runStart, times: { start, compiled, runStart, ran } });
    } else if (req.type === 'ast') {
      // the text of the last update, or one before it, comes from the cache of compiled texts
      post({ type: 'ast', id: req.id, source: req.source, ast: compileSource(req.source).ast });
    } else if (req.type === 'impact') {
      post({ type: 'impact', id: req.id, ...impact(req.saved, req.edited, req.run) });
    }
  } catch (err) {
    post({ type: 'crash', id: req.id, message: (err as Error)?.message ?? String(err) });
  }
};
